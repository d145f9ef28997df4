import type { Knex } from 'knex';

export interface AccountRow {
  account_no: string;
  customer_id: number;
  state: 'notified' | 'suspended' | 'restored';
  notified_at: Date | null;
  suspended_at: Date | null;
  notice_missing: boolean;
  restored_at: Date | null;
}

export interface WatchRow {
  ticket_id: number;
  account_no: string;
  customer_id: number;
  payment_id: number;
  channel: string;
  area: 'city' | 'county';
  tier: number | null;
  clock_from: Date;
  internal_due_at: Date;
  regulatory_due_at: Date;
  state: 'open' | 'restored';
}

export interface NewPayment {
  external_id: string;
  account_no: string;
  phone: string | null;
  channel: string;
  paid_at: string;
  confirmed_at: string | null;
  amount: number;
  area: string | null;
}

const json = (rows: unknown) => JSON.stringify(rows);

/** Every statement here takes a whole batch: one round trip per step, not per event. */
export const reconnectionRepository = {
  /** Stores the payments not seen before; answers the stored ones (the others are duplicates). */
  async insertPayments(trx: Knex.Transaction, rows: readonly NewPayment[], now: Date, actorId: number): Promise<{ id: number; external_id: string }[]> {
    const { rows: stored } = await trx.raw<{ rows: { id: number; external_id: string }[] }>(
      `INSERT INTO payment_events (external_id, account_no, phone, channel, paid_at, confirmed_at, amount, area, outcome, received_at, received_by)
       SELECT r.external_id, r.account_no, r.phone, r.channel, r.paid_at, r.confirmed_at, r.amount, r.area, 'recorded', ?, ?
       FROM jsonb_to_recordset(?::jsonb) AS r(external_id text, account_no text, phone text, channel text, paid_at timestamptz,
         confirmed_at timestamptz, amount numeric, area text)
       ON CONFLICT (external_id) DO NOTHING
       RETURNING id, external_id`,
      [now, actorId, json(rows)],
    );
    return stored;
  },

  async setPaymentOutcomes(trx: Knex.Transaction, rows: readonly { id: number; outcome: string; ticket_id: number | null }[]): Promise<void> {
    if (rows.length === 0) return;
    await trx.raw(
      `UPDATE payment_events p SET outcome = r.outcome, ticket_id = r.ticket_id
       FROM jsonb_to_recordset(?::jsonb) AS r(id bigint, outcome text, ticket_id bigint) WHERE p.id = r.id`,
      [json(rows)],
    );
  },

  /** The accounts' suspension state and open watch, locked in account order (two batches never deadlock). */
  async lockAccounts(trx: Knex.Transaction, accounts: readonly string[]): Promise<Map<string, AccountRow & { open_ticket_id: number | null }>> {
    if (accounts.length === 0) return new Map();
    const { rows } = await trx.raw<{ rows: (AccountRow & { open_ticket_id: number | null })[] }>(
      `SELECT a.*, w.ticket_id AS open_ticket_id FROM arrears_accounts a
       LEFT JOIN reconnection_watches w ON w.account_no = a.account_no AND w.state = 'open'
       WHERE a.account_no = ANY(?) ORDER BY a.account_no FOR UPDATE OF a`,
      [[...new Set(accounts)]],
    );
    return new Map(rows.map((r) => [r.account_no, r]));
  },

  async upsertAccounts(trx: Knex.Transaction, rows: readonly AccountRow[], now: Date): Promise<void> {
    if (rows.length === 0) return;
    await trx.raw(
      `INSERT INTO arrears_accounts (account_no, customer_id, state, notified_at, suspended_at, notice_missing, restored_at, updated_at)
       SELECT r.account_no, r.customer_id, r.state, r.notified_at, r.suspended_at, r.notice_missing, r.restored_at, ?
       FROM jsonb_to_recordset(?::jsonb) AS r(account_no text, customer_id bigint, state text, notified_at timestamptz, suspended_at timestamptz,
         notice_missing boolean, restored_at timestamptz)
       ON CONFLICT (account_no) DO UPDATE SET customer_id = EXCLUDED.customer_id, state = EXCLUDED.state, notified_at = EXCLUDED.notified_at,
         suspended_at = EXCLUDED.suspended_at, notice_missing = EXCLUDED.notice_missing, restored_at = EXCLUDED.restored_at, updated_at = EXCLUDED.updated_at`,
      [now, json(rows)],
    );
  },

  async insertSuspensions(trx: Knex.Transaction, rows: readonly { external_id: string; account_no: string; kind: string; at: string; notice_missing: boolean }[], now: Date, actorId: number): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const { rows: stored } = await trx.raw<{ rows: { external_id: string }[] }>(
      `INSERT INTO suspension_events (external_id, account_no, kind, at, notice_missing, received_at, received_by)
       SELECT r.external_id, r.account_no, r.kind, r.at, r.notice_missing, ?, ?
       FROM jsonb_to_recordset(?::jsonb) AS r(external_id text, account_no text, kind text, at timestamptz, notice_missing boolean)
       ON CONFLICT (external_id) DO NOTHING RETURNING external_id`,
      [now, actorId, json(rows)],
    );
    return new Set(stored.map((r) => r.external_id));
  },

  async knownSuspensions(db: Knex, externalIds: readonly string[]): Promise<Set<string>> {
    if (externalIds.length === 0) return new Set();
    const rows = await db('suspension_events').whereIn('external_id', externalIds).select<{ external_id: string }[]>('external_id');
    return new Set(rows.map((r) => r.external_id));
  },

  async insertWatches(trx: Knex.Transaction, rows: readonly Omit<WatchRow, 'state'>[], now: Date): Promise<void> {
    if (rows.length === 0) return;
    await trx.raw(
      `INSERT INTO reconnection_watches (ticket_id, account_no, customer_id, payment_id, channel, area, tier, clock_from, internal_due_at,
         regulatory_due_at, state, opened_at)
       SELECT r.ticket_id, r.account_no, r.customer_id, r.payment_id, r.channel, r.area, r.tier, r.clock_from, r.internal_due_at,
         r.regulatory_due_at, 'open', ?
       FROM jsonb_to_recordset(?::jsonb) AS r(ticket_id bigint, account_no text, customer_id bigint, payment_id bigint, channel text, area text,
         tier smallint, clock_from timestamptz, internal_due_at timestamptz, regulatory_due_at timestamptz)`,
      [now, json(rows)],
    );
  },

  /** Restoration events not seen before are stored (outcome filled in later in the same transaction); answers the stored ids. */
  async insertRestorations(trx: Knex.Transaction, rows: readonly { external_id: string; account_no: string | null; ticket_id: number | null; restored_at: string }[], now: Date, actorId: number): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const { rows: stored } = await trx.raw<{ rows: { external_id: string }[] }>(
      `INSERT INTO restoration_events (external_id, account_no, ticket_id, restored_at, outcome, received_at, received_by)
       SELECT r.external_id, r.account_no, NULL, r.restored_at, 'no_watch', ?, ?
       FROM jsonb_to_recordset(?::jsonb) AS r(external_id text, account_no text, ticket_id bigint, restored_at timestamptz)
       ON CONFLICT (external_id) DO NOTHING RETURNING external_id`,
      [now, actorId, json(rows)],
    );
    return new Set(stored.map((r) => r.external_id));
  },

  async setRestorationOutcomes(trx: Knex.Transaction, rows: readonly { external_id: string; outcome: string; ticket_id: number | null; account_no: string | null }[]): Promise<void> {
    if (rows.length === 0) return;
    await trx.raw(
      `UPDATE restoration_events e SET outcome = r.outcome, ticket_id = r.ticket_id, account_no = COALESCE(e.account_no, r.account_no)
       FROM jsonb_to_recordset(?::jsonb) AS r(external_id text, outcome text, ticket_id bigint, account_no text) WHERE e.external_id = r.external_id`,
      [json(rows)],
    );
  },

  async dropRestorations(trx: Knex.Transaction, externalIds: readonly string[]): Promise<void> {
    if (externalIds.length > 0) await trx('restoration_events').whereIn('external_id', externalIds).delete();
  },

  /** Open watches named by ticket or by account, locked in ticket order. */
  async lockOpenWatches(trx: Knex.Transaction, ticketIds: readonly number[], accounts: readonly string[]): Promise<WatchRow[]> {
    const { rows } = await trx.raw<{ rows: WatchRow[] }>(
      `SELECT * FROM reconnection_watches WHERE state = 'open' AND (ticket_id = ANY(?) OR account_no = ANY(?)) ORDER BY ticket_id FOR UPDATE`,
      [[...ticketIds], [...accounts]],
    );
    return rows;
  },

  async closeWatches(trx: Knex.Transaction, rows: readonly { ticket_id: number; restored_at: string; restoration_id: string; internal_on_time: boolean; regulatory_on_time: boolean }[]): Promise<void> {
    if (rows.length === 0) return;
    await trx.raw(
      `UPDATE reconnection_watches w SET state = 'restored', restored_at = r.restored_at, restoration_id = r.restoration_id,
         internal_on_time = r.internal_on_time, regulatory_on_time = r.regulatory_on_time
       FROM jsonb_to_recordset(?::jsonb) AS r(ticket_id bigint, restored_at timestamptz, restoration_id text, internal_on_time boolean,
         regulatory_on_time boolean)
       WHERE w.ticket_id = r.ticket_id`,
      [json(rows)],
    );
  },

  /** Accounts back in service: the next notice and suspension start a new cycle. */
  async restoreAccounts(trx: Knex.Transaction, rows: readonly { account_no: string; restored_at: string }[], now: Date): Promise<void> {
    if (rows.length === 0) return;
    await trx.raw(
      `UPDATE arrears_accounts a SET state = 'restored', restored_at = r.restored_at, notified_at = NULL, suspended_at = NULL,
         notice_missing = false, updated_at = ?
       FROM jsonb_to_recordset(?::jsonb) AS r(account_no text, restored_at timestamptz) WHERE a.account_no = r.account_no`,
      [now, json(rows)],
    );
  },

  /** Per tier: open watches and how many are past each target now. One range of the queue index. */
  async tierCounts(db: Knex, now: Date, scopePrefix: string | null) {
    const { rows } = await db.raw<{ rows: { tier: number | null; open: number; internal_breached: number; regulatory_breached: number; soonest_due_at: Date | null }[] }>(
      `SELECT w.tier, count(*)::int AS open, count(*) FILTER (WHERE w.internal_due_at <= ?)::int AS internal_breached,
         count(*) FILTER (WHERE w.regulatory_due_at <= ?)::int AS regulatory_breached,
         min(w.internal_due_at) FILTER (WHERE w.internal_due_at > ?) AS soonest_due_at
       FROM reconnection_watches w ${scopeJoin(scopePrefix)}
       WHERE w.state = 'open' ${scopeWhere(scopePrefix)}
       GROUP BY w.tier ORDER BY w.tier NULLS LAST`,
      [now, now, now, ...scopeBindings(scopePrefix)],
    );
    return rows;
  },

  /** The provisioning queue: by tier, then by the 2-hour due time. */
  async queue(db: Knex, args: { scopePrefix: string | null; tier?: number; offset: number; limit: number }) {
    const { rows } = await db.raw<{ rows: (WatchRow & { number: string; phone: string; customer_name: string | null; paid_at: Date; urge_count: number })[] }>(
      `SELECT w.*, t.number, t.paid_at, t.urge_count, c.phone, c.name AS customer_name
       FROM reconnection_watches w ${scopeJoin(args.scopePrefix)}
       JOIN tickets t ON t.id = w.ticket_id JOIN customers c ON c.id = w.customer_id
       WHERE w.state = 'open' ${args.tier === undefined ? '' : 'AND w.tier = ?'} ${scopeWhere(args.scopePrefix)}
       ORDER BY w.tier NULLS LAST, w.internal_due_at, w.ticket_id OFFSET ? LIMIT ?`,
      [...(args.tier === undefined ? [] : [args.tier]), ...scopeBindings(args.scopePrefix), args.offset, args.limit],
    );
    return rows;
  },

  /** The open watch of a customer, if any (intake sends the agent there instead of a second ticket). */
  openWatchOf: (db: Knex, customerId: number) =>
    db('reconnection_watches').where({ customer_id: customerId, state: 'open' }).first<{ ticket_id: number } | undefined>('ticket_id'),

};

// Scoped readers see the watches of tickets in their unit subtree, like every ticket list.
const scopeJoin = (prefix: string | null) => (prefix === null ? '' : 'JOIN tickets st ON st.id = w.ticket_id JOIN units su ON su.id = st.unit_id');
const scopeWhere = (prefix: string | null) => (prefix === null ? '' : 'AND su.path LIKE ?');
const scopeBindings = (prefix: string | null) => (prefix === null ? [] : [`${prefix.replace(/[\\%_]/g, (c) => '\\' + c)}%`]);
