import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

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

/** One row of a bulk import: absent values keep what is stored (a new customer's tier defaults to standard). */
export interface CustomerUpsert {
  phone: string;
  name: string | null;
  account_no: string | null;
  area: string | null;
  tier: string | null;
  email: string | null;
  unit_id: number | null;
}

const UPSERT_COLUMNS = ['phone', 'name', 'account_no', 'area', 'tier', 'email', 'unit_id'] as const;

/** A value in PostgreSQL's COPY text format. */
const copyValue = (value: string | number | null) =>
  value === null ? '\\N' : String(value).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

/** Rows as COPY text (one line each), ready to be streamed into `upsertCustomersCopied`. */
export const customersCopyText = (rows: Iterable<CustomerUpsert>): string => {
  let text = '';
  for (const row of rows) text += `${UPSERT_COLUMNS.map((c) => copyValue(row[c])).join('\t')}\n`;
  return text;
};

/** COPY text back into rows (the embedded database's path reads the staged batches so). */
export function customersFromCopyText(text: string): CustomerUpsert[] {
  const unescape = (value: string) => (value === '\\N' ? null : value.replace(/\\([\\tnr])/g, (_m, c: string) => ({ t: '\t', n: '\n', r: '\r' } as Record<string, string>)[c] ?? c));
  return text.split('\n').filter(Boolean).map((line) => {
    const [phone, name, account_no, area, tier, email, unit_id] = line.split('\t').map(unescape);
    return { phone: phone!, name: name!, account_no: account_no!, area: area!, tier: tier!, email: email!, unit_id: unit_id == null ? null : Number(unit_id) };
  });
}

/**
 * The statement both paths end in: staged rows (`source`, aliased `s`, distinct phones) merged over what is
 * stored, new phones inserted, known ones updated only where a value changed; counts what it did.
 */
const upsertFrom = (source: string) => `WITH merged AS (
    SELECT s.phone, COALESCE(s.name, c.name) AS name, COALESCE(s.account_no, c.account_no) AS account_no, COALESCE(s.area, c.area) AS area,
           COALESCE(s.tier, c.tier, 'standard') AS tier, COALESCE(s.email, c.email) AS email, COALESCE(s.unit_id, c.unit_id) AS unit_id,
           c.id IS NULL AS fresh
    FROM ${source} LEFT JOIN customers c ON c.phone = s.phone
  ), written AS (
    INSERT INTO customers AS t (phone, name, account_no, area, tier, email, unit_id, created_at, updated_at)
    SELECT phone, name, account_no, area, tier, email, unit_id, ?, ? FROM merged
    ON CONFLICT (phone) DO UPDATE SET name = EXCLUDED.name, account_no = EXCLUDED.account_no, area = EXCLUDED.area, tier = EXCLUDED.tier,
      email = EXCLUDED.email, unit_id = EXCLUDED.unit_id, updated_at = EXCLUDED.updated_at
    WHERE (t.name, t.account_no, t.area, t.tier, t.email, t.unit_id) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.account_no, EXCLUDED.area, EXCLUDED.tier, EXCLUDED.email, EXCLUDED.unit_id)
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM merged WHERE fresh) AS created, (SELECT count(*) FROM written) AS written`;

async function counted(result: Promise<{ rows: { created: string; written: string }[] }>): Promise<{ created: number; updated: number }> {
  const row = (await result).rows[0]!;
  const created = Number(row.created);
  return { created, updated: Number(row.written) - created };
}

/**
 * Upserts a batch of customers by phone: the rows, as COPY text, are copied into a temporary
 * table of the transaction's session (COPY is what PostgreSQL loads fastest) and merged from there
 * in one statement. The phones of one batch must be distinct.
 */
export async function upsertCustomersCopied(trx: Knex.Transaction, copyText: Readable, now: Date): Promise<{ created: number; updated: number }> {
  await trx.raw(`CREATE TEMP TABLE IF NOT EXISTS customers_import_stage (phone text, name text, account_no text, area text, tier text, email text, unit_id bigint)`);
  await trx.raw('TRUNCATE customers_import_stage');
  // the transaction's own connection: knex hands it out for exactly this (a driver feature it has no builder for)
  const connection = await (trx.client as unknown as { acquireConnection(): Promise<pg.ClientBase> }).acquireConnection();
  await pipeline(copyText, connection.query(copyFrom(`COPY customers_import_stage (${UPSERT_COLUMNS.join(', ')}) FROM STDIN`)));
  // without statistics the planner may hash the whole customers table for every batch: with them it probes the phone index
  await trx.raw('ANALYZE customers_import_stage');
  return counted(trx.raw(upsertFrom('customers_import_stage s'), [now, now]));
}

/** The same upsert with the batch as one JSON parameter: for the embedded database, which has no COPY from a client stream. */
export async function upsertCustomers(trx: Knex.Transaction, rows: readonly CustomerUpsert[], now: Date): Promise<{ created: number; updated: number }> {
  return counted(trx.raw(
    upsertFrom('json_to_recordset(?::json) AS s(phone text, name text, account_no text, area text, tier text, email text, unit_id bigint)'),
    [JSON.stringify(rows), now, now],
  ));
}

/** How many of these phones are on record already (a dry run's "would update"). */
export async function countKnownPhones(db: Knex, phones: readonly string[]): Promise<number> {
  const result = await db.raw<{ rows: { n: string }[] }>(
    'SELECT count(*) AS n FROM customers WHERE phone IN (SELECT json_array_elements_text(?::json))', [JSON.stringify(phones)]);
  return Number(result.rows[0]!.n);
}
