import type { Principal } from '../auth/permissions';
import { writeAudit } from '../audit';
import { inTransaction } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import { customersRepository, type CustomerRow } from './repository';
import type { CustomerInput, CustomerView } from './schemas';

export function toCustomerView(row: CustomerRow): CustomerView {
  return { id: row.id, phone: row.phone, name: row.name, account_no: row.account_no, area: row.area, tier: row.tier, email: row.email, unit_id: row.unit_id };
}

export function createCustomersService(deps: Deps) {
  const { knex, bus, clock } = deps;
  return {
    async search(filter: { phone?: string; account_no?: string; limit: number }): Promise<CustomerView[]> {
      return (await customersRepository.search(knex, filter, filter.limit)).map(toCustomerView);
    },

    async get(customerId: number): Promise<CustomerView> {
      const row = await customersRepository.find(knex, customerId);
      if (!row) throw errors.notFound(`customer ${customerId}`);
      return toCustomerView(row);
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
