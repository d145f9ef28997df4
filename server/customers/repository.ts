import type { Knex } from 'knex';

export interface CustomerRow {
  id: number;
  phone: string;
  name: string | null;
  account_no: string | null;
  area: 'city' | 'county' | null;
  tier: 'standard' | 'vip' | 'big_customer';
  email: string | null;
  unit_id: number | null;
  created_at: Date;
  updated_at: Date;
}

export type CustomerFields = Pick<CustomerRow, 'phone'> & Partial<Pick<CustomerRow, 'name' | 'account_no' | 'area' | 'tier' | 'email' | 'unit_id'>>;

/**
 * A scoped caller (null prefix: sees all) sees a customer only through a ticket of their subtree:
 * one probe of tickets_customer_idx per customer.
 */
function throughTicketOf(db: Knex, query: Knex.QueryBuilder, scopePrefix: string | null): void {
  if (scopePrefix === null) return;
  query.whereExists(
    db('tickets').join('units', 'units.id', 'tickets.unit_id')
      .whereRaw('tickets.customer_id = customers.id')
      .where('units.path', 'like', `${scopePrefix.replace(/[\\%_]/g, (c) => '\\' + c)}%`)
      .select(db.raw('1')),
  );
}

export const customersRepository = {
  find: (db: Knex, id: number, scopePrefix: string | null = null) => {
    const query = db<CustomerRow>('customers').where({ id }).first();
    throughTicketOf(db, query, scopePrefix);
    return query;
  },
  /** The customers of these billing accounts (one per account: the oldest record wins), for the feeds. */
  async findByAccounts(db: Knex, accounts: readonly string[]): Promise<Map<string, CustomerRow>> {
    if (accounts.length === 0) return new Map();
    const rows = await db<CustomerRow>('customers').whereIn('account_no', [...new Set(accounts)]).orderBy('id', 'desc');
    return new Map(rows.map((r) => [r.account_no!, r]));
  },
  /**
   * Registers the accounts a feed names that the desk does not know yet, by phone (a known phone
   * gains the account number when it had none; nothing known is overwritten), in one statement.
   */
  async registerAccounts(trx: Knex.Transaction, rows: readonly { account_no: string; phone: string; area: 'city' | 'county' | null }[], now: Date): Promise<CustomerRow[]> {
    if (rows.length === 0) return [];
    const { rows: inserted } = await trx.raw<{ rows: CustomerRow[] }>(
      `INSERT INTO customers (phone, account_no, area, tier, created_at, updated_at)
       SELECT r.phone, r.account_no, r.area, 'standard', ?, ? FROM jsonb_to_recordset(?::jsonb) AS r(phone text, account_no text, area text)
       ON CONFLICT (phone) DO UPDATE SET account_no = COALESCE(customers.account_no, EXCLUDED.account_no), area = COALESCE(customers.area, EXCLUDED.area)
       RETURNING *`,
      [now, now, JSON.stringify(rows)],
    );
    return inserted;
  },
  findByPhone: (db: Knex, phone: string) => db<CustomerRow>('customers').where({ phone }).first(),
  /** The unit most of the customer's dispatched tickets went to (ties: the latest), for a dispatch suggestion. */
  async usualUnit(db: Knex, customerId: number): Promise<number | null> {
    const row = await db('tickets').where({ customer_id: customerId }).whereNotNull('unit_id')
      .groupBy('unit_id').orderByRaw('count(*) DESC, max(id) DESC').first<{ unit_id: string } | undefined>('unit_id');
    return row ? Number(row.unit_id) : null;
  },
  search: (db: Knex, filter: { phone?: string; account_no?: string }, limit: number, scopePrefix: string | null) => {
    const query = db<CustomerRow>('customers').select('*').orderBy('id').limit(limit);
    throughTicketOf(db, query, scopePrefix);
    if (filter.phone) query.where('phone', filter.phone);
    if (filter.account_no) query.where('account_no', filter.account_no);
    return query;
  },

  insert: async (trx: Knex.Transaction, fields: CustomerFields, now: Date) =>
    (await trx('customers').insert({ ...fields, created_at: now, updated_at: now }).returning<CustomerRow[]>('*'))[0]!,
};
