import type { Principal } from '../auth/permissions';
import { customersRepository } from '../customers/repository';
import { inTransaction } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import type { RingingCallInput, RingingCallView } from './schemas';

/** Agents (and supervisors, who take calls too) are the ones a ringing call can pop up for. */
const CALL_TAKERS = ['agent', 'supervisor'];

/**
 * Caller pop: the phone system posts the ringing call, the call is recorded, and after commit
 * the agent's console hears `cti.ringing` in its user room and opens intake for the caller.
 * Only the record is written here; the console looks the caller up as any intake does.
 */
export function createCtiService(deps: Deps) {
  const { knex, bus, clock } = deps;
  return {
    ringing(principal: Principal, input: RingingCallInput): Promise<RingingCallView> {
      return inTransaction(knex, bus, async ({ trx, emit }) => {
        const agent = await trx('users')
          .where(typeof input.agent === 'number' ? { id: input.agent } : { username: input.agent })
          .where({ active: true })
          .first<{ id: string; role: string } | undefined>('id', 'role');
        if (!agent || !CALL_TAKERS.includes(agent.role)) {
          throw errors.rule(`no active agent ${input.agent}`, { code: 'unknown_agent', errors: [{ path: 'agent', message: 'no such active agent' }] });
        }
        const customer = await customersRepository.findByPhone(trx, input.caller);
        const now = clock.now();
        const [row] = await trx('cti_calls')
          .insert({ call_id: input.call_id, agent_id: agent.id, caller: input.caller, customer_id: customer?.id ?? null, posted_by: principal.id, at: now })
          .returning<{ id: string }[]>('id');
        const view = { id: Number(row!.id), call_id: input.call_id, agent_id: Number(agent.id), caller: input.caller, customer_id: customer ? Number(customer.id) : null, at: now.toISOString() };
        emit({ type: 'cti.ringing', at: view.at, userId: view.agent_id, callId: view.call_id, caller: view.caller, customerId: view.customer_id });
        return view;
      });
    },
  };
}

export type CtiService = ReturnType<typeof createCtiService>;
