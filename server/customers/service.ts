import { scopePrefix, type Principal } from '../auth/permissions';
import { writeAudit } from '../audit';
import { inTransaction } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import { ticketsRepository } from '../tickets/repository';
import { OPEN_STATUSES } from '../tickets/status';
import { toTicketView } from '../tickets/view';
import { customersRepository } from './repository';
import { REPEAT_WINDOW_DAYS, type CustomerHistory } from './history';
import type { CustomerInput, CustomerView } from './schemas';
import { toCustomerView } from './view';

export function createCustomersService(deps: Deps) {
  const { knex, bus, clock } = deps;
  return {
    /** Agents and the other see-all roles look up any caller; handlers and unit heads only customers of their subtree's tickets. */
    async search(principal: Principal, filter: { phone?: string; account_no?: string; limit: number }): Promise<CustomerView[]> {
      return (await customersRepository.search(knex, filter, filter.limit, scopePrefix(principal))).map(toCustomerView);
    },

    async get(principal: Principal, customerId: number): Promise<CustomerView> {
      const row = await customersRepository.find(knex, customerId, scopePrefix(principal));
      if (!row) throw errors.notFound(`customer ${customerId}`);
      return toCustomerView(row);
    },

    /**
     * What an agent needs the moment the caller is found: their open tickets, their recent
     * complaints, and whether this would be a repeat complaint (another one within the window).
     * Scoped roles see only tickets of their subtree, as everywhere else.
     */
    async history(principal: Principal, customerId: number): Promise<CustomerHistory> {
      const row = await customersRepository.find(knex, customerId, scopePrefix(principal));
      if (!row) throw errors.notFound(`customer ${customerId}`);
      const scope = { scopePrefix: scopePrefix(principal), customerId };
      const [open, complaints, usual] = await Promise.all([
        ticketsRepository.list(knex, { ...scope, status: [...OPEN_STATUSES], limit: 50 }),
        ticketsRepository.list(knex, { ...scope, type: ['complaint'], limit: 20 }),
        row.unit_id === null ? customersRepository.usualUnit(knex, customerId) : Promise.resolve(null),
      ]);
      const since = clock.now().getTime() - REPEAT_WINDOW_DAYS * 86400_000;
      return {
        customer: toCustomerView(row),
        open_tickets: open.map((t) => toTicketView(t, row)),
        complaints: complaints.map((t) => toTicketView(t, row)),
        repeat_complaint: complaints.some((t) => t.created_at.getTime() >= since),
        repeat_window_days: REPEAT_WINDOW_DAYS,
        suggested_unit: row.unit_id !== null ? { unit_id: Number(row.unit_id), source: 'customer_record' } : usual === null ? null : { unit_id: usual, source: 'past_tickets' },
      };
    },

    async create(actor: Principal, input: CustomerInput): Promise<CustomerView> {
      return inTransaction(knex, bus, async ({ trx }) => {
        if (input.unit_id !== undefined && !(await trx('units').where({ id: input.unit_id }).first())) {
          throw errors.rule(`unit ${input.unit_id} does not exist`, { errors: [{ path: 'unit_id', message: 'no such unit' }] });
        }
        if (await customersRepository.findByPhone(trx, input.phone)) {
          throw errors.conflict(`a customer with phone ${input.phone} exists`, { errors: [{ path: 'phone', message: 'taken' }] });
        }
        const now = clock.now();
        const row = await customersRepository.insert(trx, input, now);
        await writeAudit(trx, { at: now, actorId: actor.id, entity: 'customer', entityId: row.id, action: 'created', data: { ...input } });
        return toCustomerView(row);
      });
    },
  };
}

export type CustomersService = ReturnType<typeof createCustomersService>;
