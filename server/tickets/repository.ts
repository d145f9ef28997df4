import type { Knex } from 'knex';
import type { CustomerFields, CustomerRow } from '../customers/repository';
import { FIGURE_TICKETS, type Figure } from '../reports/definitions';
import type { AttemptOutcome, CallbackChannel, TicketStatus } from './status';
import type { TimelineEventType } from './timeline';
import type { Category, TicketType } from './vocabulary';

export interface TicketRow {
  id: number;
  number: string;
  type: TicketType;
  category: Category;
  status: TicketStatus;
  version: number;
  handling_round: number;
  channel: 'hotline' | 'counter' | 'web' | 'letter' | 'regulator' | 'system';
  priority: 'normal' | 'urgent';
  description: string;
  customer_id: number;
  unit_id: number | null;
  assignee_id: number | null;
  accepted_by: number;
  payment_channel: 'counter' | 'bank' | 'card' | 'online' | 'prepaid_card' | 'agent' | null;
  paid_at: Date | null;
  /** bank transfers: when the bank confirmed the payment (the reconnection clock starts there) */
  payment_confirmed_at?: Date | null;
  /** the reconnection tier the SLA policy put the ticket in (set when its timers start) */
  reconnect_tier?: number | null;
  resolution: string | null;
  cause: string | null;
  responsibility: 'company' | 'customer' | 'third_party' | 'none' | null;
  one_call_resolution: boolean;
  close_reason: 'satisfied' | 'unreachable' | 'no_callback' | 'merged' | 'cancelled' | null;
  /** set with close_reason `cancelled` */
  cancel_reason?: 'withdrawn' | 'rejected' | 'duplicate' | null;
  /** a leadership case kept resolved until its owner's duties are recorded: the close reason waiting */
  close_pending_reason?: 'satisfied' | 'unreachable' | 'no_callback' | null;
  idempotency_key: string | null;
  idempotency_hash: string | null;
  created_at: Date;
  updated_at: Date;
  dispatched_at: Date | null;
  first_resolved_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  // Always read back from the database; optional so rows built before the hold existed (the demo replay) need not name them.
  on_hold?: boolean;
  hold_reason?: 'waiting_customer' | 'waiting_parts' | 'other' | null;
  /** the phone system's id of the call that produced the ticket (caller pop) */
  call_id?: string | null;
  /** how many times the caller chased it (催单) */
  urge_count?: number;
  /** the cause picked from the cause tree at resolution */
  cause_id?: number | null;
  /** a duplicate closed as merged: the ticket that carries on */
  merged_into_id?: number | null;
}

export interface TicketEventRow {
  id: number;
  ticket_id: number;
  type: TimelineEventType;
  at: Date;
  actor_id: number | null;
  data: Record<string, unknown>;
}

export interface CallbackRow {
  id: number;
  ticket_id: number;
  handling_round: number;
  attempt: number;
  due_at: Date;
  assignee_id: number | null;
  state: 'scheduled' | 'due' | 'automated' | 'done' | 'cancelled';
  outcome: AttemptOutcome | null;
  channel: CallbackChannel;
  note: string | null;
  done_by: number | null;
  done_at: Date | null;
  created_at: Date;
}

export type NewTicket = Omit<TicketRow, 'id' | 'number' | 'customer_id' | 'version' | 'handling_round' | 'updated_at' | 'dispatched_at' | 'first_resolved_at' | 'resolved_at' | 'closed_at' | 'close_reason'>;

export interface TicketFilter {
  scopePrefix: string | null;
  status?: string[];
  type?: string[];
  category?: string[];
  unitId?: number;
  assigneeId?: number;
  customerId?: number;
  ownerId?: number;
  /** open tickets whose worst open SLA timer is in one of these states */
  slaState?: string[];
  /** only tickets nobody in the unit has taken */
  unassigned?: boolean;
  /** 'first': handling round 1; 'second': a second (or later) handling after an unsatisfied callback */
  round?: 'first' | 'second';
  /** 'due': breached first, then the soonest SLA due time, then tickets without timers; paged by `offset` */
  sort?: 'newest' | 'due';
  offset?: number;
  /** open tickets with an open timer of one of these policies (in slaState, if given) */
  slaPolicy?: string[];
  /** false: unitId alone, not its subtree */
  subtree?: boolean;
  /** tickets without a unit */
  noUnit?: boolean;
  paymentChannel?: string[];
  /** the customer's area, unknown counting as city */
  area?: 'city' | 'county';
  number?: string;
  phone?: string;
  text?: string;
  /** the tickets a report figure counts in a month ('YYYY-MM', in timezone) */
  figure?: { key: Figure; month: string; timezone: string };
  beforeId?: number;
  limit: number;
}

const CUSTOMER_COLUMNS = ['id', 'phone', 'name', 'account_no', 'area', 'tier', 'email', 'unit_id', 'created_at', 'updated_at'];

export const ticketsRepository = {
  /**
   * Accepts a ticket in one statement: finds or registers the caller by phone (never overwriting
   * what is known), numbers the ticket from the sequence (the day must be opened first, see
   * `openNumberDay`), inserts it and its `accepted` timeline event.
   */
  async insertAccepted(
    trx: Knex.Transaction,
    args: { day: string; ticket: NewTicket; customer: { id: number } | { fields: CustomerFields }; acceptedEvent: Record<string, unknown> },
  ): Promise<{ ticket: TicketRow; customer: CustomerRow }> {
    const t = args.ticket;
    const customerCte =
      'id' in args.customer
        ? { sql: `SELECT * FROM customers WHERE id = ?`, bindings: [args.customer.id] }
        : {
            sql: `INSERT INTO customers (phone, name, account_no, area, tier, email, unit_id, created_at, updated_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                  ON CONFLICT (phone) DO UPDATE SET
                    name = COALESCE(customers.name, EXCLUDED.name),
                    account_no = COALESCE(customers.account_no, EXCLUDED.account_no),
                    area = COALESCE(customers.area, EXCLUDED.area),
                    email = COALESCE(customers.email, EXCLUDED.email),
                    unit_id = COALESCE(customers.unit_id, EXCLUDED.unit_id)
                  RETURNING *`,
            bindings: (({ fields: f }) => [f.phone, f.name ?? null, f.account_no ?? null, f.area ?? null, f.tier ?? 'standard',
              f.email ?? null, f.unit_id ?? null, t.created_at, t.created_at])(args.customer),
          };
    const result = await trx.raw<{ rows: (TicketRow & { customer: CustomerRow })[] }>(
      `WITH c AS (${customerCte.sql}),
       t AS (
         INSERT INTO tickets (number, type, category, status, channel, priority, description, customer_id, unit_id,
           assignee_id, accepted_by, payment_channel, paid_at, payment_confirmed_at, resolution, cause, responsibility, one_call_resolution,
           idempotency_key, idempotency_hash, created_at, updated_at, call_id)
         SELECT 'TS' || ? || '-' || lpad(n.seq::text, greatest(4, length(n.seq::text)), '0'),
           ?, ?, ?, ?, ?, ?, c.id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
         FROM c, (SELECT nextval('ticket_number_seq') - (SELECT base FROM ticket_number_days WHERE day = ?) AS seq) n
         RETURNING *
       ),
       e AS (
         INSERT INTO ticket_events (ticket_id, type, at, actor_id, data)
         SELECT t.id, 'accepted', t.created_at, t.accepted_by, ?::jsonb FROM t
       )
       SELECT t.*, row_to_json(c) AS customer FROM t, c`,
      [
        ...customerCte.bindings,
        args.day,
        t.type, t.category, t.status, t.channel, t.priority, t.description, t.unit_id, t.assignee_id, t.accepted_by,
        t.payment_channel, t.paid_at, t.payment_confirmed_at ?? null, t.resolution, t.cause, t.responsibility, t.one_call_resolution,
        t.idempotency_key, t.idempotency_hash, t.created_at, t.created_at, t.call_id ?? null,
        args.day,
        JSON.stringify(args.acceptedEvent),
      ],
    );
    const row = result.rows[0];
    if (!row) throw new Error(`customer ${'id' in args.customer ? args.customer.id : ''} vanished during intake`);
    const { customer, ...ticket } = row;
    return { ticket: ticket as TicketRow, customer: reviveCustomer(customer) };
  },

  /**
   * Accepts many tickets a system feed opened for known customers in two statements: numbered from
   * the sequence (the day must be opened first), each with the same `accepted` timeline event.
   * Each ticket carries its feed's idempotency key, by which the caller tells them apart.
   */
  async insertManyAccepted(trx: Knex.Transaction, args: { day: string; tickets: readonly (NewTicket & { customer_id: number; idempotency_key: string })[]; acceptedEvent: Record<string, unknown> }): Promise<TicketRow[]> {
    if (args.tickets.length === 0) return [];
    const rows = args.tickets.map((t, ord) => ({
      ord, type: t.type, category: t.category, status: t.status, channel: t.channel, priority: t.priority, description: t.description, customer_id: t.customer_id,
      unit_id: t.unit_id, accepted_by: t.accepted_by, payment_channel: t.payment_channel, paid_at: t.paid_at, payment_confirmed_at: t.payment_confirmed_at ?? null,
      idempotency_key: t.idempotency_key, reconnect_tier: t.reconnect_tier ?? null, created_at: t.created_at,
    }));
    const result = await trx.raw<{ rows: TicketRow[] }>(
      `WITH r AS (
         SELECT r.*, nextval('ticket_number_seq') - (SELECT base FROM ticket_number_days WHERE day = ?) AS seq
         FROM (SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(ord int, type text, category text, status text, channel text, priority text,
           description text, customer_id bigint, unit_id bigint, accepted_by bigint, payment_channel text, paid_at timestamptz,
           payment_confirmed_at timestamptz, idempotency_key text, reconnect_tier smallint, created_at timestamptz) ORDER BY ord) r),
       t AS (
         INSERT INTO tickets (number, type, category, status, channel, priority, description, customer_id, unit_id, accepted_by,
           payment_channel, paid_at, payment_confirmed_at, one_call_resolution, idempotency_key, reconnect_tier, created_at, updated_at, dispatched_at)
         SELECT 'TS' || ? || '-' || lpad(r.seq::text, greatest(4, length(r.seq::text)), '0'), r.type, r.category, r.status, r.channel, r.priority,
           r.description, r.customer_id, r.unit_id, r.accepted_by, r.payment_channel, r.paid_at, r.payment_confirmed_at, false, r.idempotency_key,
           r.reconnect_tier, r.created_at, r.created_at, CASE WHEN r.unit_id IS NULL THEN NULL ELSE r.created_at END
         FROM r ORDER BY r.ord
         RETURNING *),
       e AS (
         INSERT INTO ticket_events (ticket_id, type, at, actor_id, data)
         SELECT t.id, 'accepted', t.created_at, t.accepted_by, ?::jsonb FROM t)
       SELECT * FROM t`,
      [args.day, JSON.stringify(rows), args.day, JSON.stringify(args.acceptedEvent)],
    );
    return result.rows;
  },

  /**
   * Closes many open tickets in one statement without a callback (a reconnection restored on
   * time), each with its own timeline event; a ticket closed meanwhile is left alone. Answers the
   * rows it closed.
   */
  async closeMany(trx: Knex.Transaction, args: { now: Date; actorId: number; eventType: string; resolution: string; cause: string; tickets: readonly { id: number; resolved_at: Date; data: Record<string, unknown> }[] }): Promise<TicketRow[]> {
    if (args.tickets.length === 0) return [];
    const result = await trx.raw<{ rows: TicketRow[] }>(
      `WITH r AS (SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(id bigint, resolved_at timestamptz, data jsonb)),
       t AS (
         UPDATE tickets t SET status = 'closed', close_reason = 'no_callback', closed_at = ?, resolved_at = r.resolved_at,
           first_resolved_at = COALESCE(t.first_resolved_at, r.resolved_at), resolution = ?, cause = ?, responsibility = 'none',
           on_hold = false, hold_reason = NULL, version = t.version + 1, updated_at = ?
         FROM r WHERE t.id = r.id AND t.status <> 'closed'
         RETURNING t.*),
       e AS (
         INSERT INTO ticket_events (ticket_id, type, at, actor_id, data)
         SELECT t.id, ?, ?, ?, r.data FROM t JOIN r ON r.id = t.id)
       SELECT * FROM t`,
      [JSON.stringify(args.tickets), args.now, args.resolution, args.cause, args.now, args.eventType, args.now, args.actorId],
    );
    return result.rows;
  },

  /**
   * Makes sure the day has its base in the number sequence, in its own short statement outside
   * any intake transaction (a base written by a transaction that rolls back would vanish). The
   * first intake of a day sets it; a race at midnight costs at most a skipped number.
   */
  openNumberDay: (db: Knex, day: string) =>
    db.raw(
      `INSERT INTO ticket_number_days (day, base)
       SELECT ?, nextval('ticket_number_seq') WHERE NOT EXISTS (SELECT 1 FROM ticket_number_days WHERE day = ?)
       ON CONFLICT (day) DO NOTHING`,
      [day, day],
    ),

  find: (db: Knex, id: number) => db<TicketRow>('tickets').where({ id }).first(),
  findMany: (db: Knex, ids: readonly number[]): Promise<TicketRow[]> => db<TicketRow>('tickets').whereRaw('id = ANY(?::bigint[])', [[...new Set(ids)]]),

  /** The customers' email addresses of these tickets, for those who have one. */
  customerEmails: (db: Knex, ids: readonly number[]): Promise<{ ticket_id: number; email: string }[]> =>
    db('tickets as t').join('customers as cu', 'cu.id', 't.customer_id').whereRaw('t.id = ANY(?::bigint[])', [[...ids]]).whereNotNull('cu.email')
      .select('t.id as ticket_id', 'cu.email'),
  /** Ids and numbers of these tickets, in id order (mails list them). */
  numbers: (db: Knex, ids: readonly number[]) => db('tickets').whereIn('id', ids).orderBy('id').select<{ id: number; number: string }[]>('id', 'number'),
  /** Whether the ticket exists and the unit path it sits in (null: not dispatched yet), in one primary-key lookup. */
  placeOf: (db: Knex, id: number) =>
    db('tickets').leftJoin('units', 'units.id', 'tickets.unit_id').where('tickets.id', id).first<{ path: string | null } | undefined>('units.path'),
  findForUpdate: (trx: Knex.Transaction, id: number) => trx<TicketRow>('tickets').where({ id }).forUpdate().first(),
  /** Locks those of `ids` no other transaction holds; the held ones are left out, not waited for. */
  lockAvailable: (trx: Knex.Transaction, ids: readonly number[]) => trx<TicketRow>('tickets').whereIn('id', ids).forUpdate().skipLocked(),
  findByIdempotencyKey: (db: Knex, acceptedBy: number, key: string) =>
    db<TicketRow>('tickets').where({ accepted_by: acceptedBy, idempotency_key: key }).first(),

  /** Bumps the version with every change, so If-Match can detect a concurrent writer. */
  update: async (trx: Knex.Transaction, id: number, changes: Partial<TicketRow>) =>
    (await trx('tickets').where({ id }).update({ ...changes, version: trx.raw('version + 1') }).returning<TicketRow[]>('*'))[0]!,

  async list(db: Knex, f: TicketFilter): Promise<TicketRow[]> {
    const query = db<TicketRow>('tickets').select('tickets.*').limit(f.limit);
    if (f.sort === 'due') {
      query
        .leftJoin('sla_ticket_states as due', 'due.ticket_id', 'tickets.id')
        .orderByRaw('(due.level = 2) DESC NULLS LAST, due.due_at ASC NULLS LAST, tickets.id DESC')
        .offset(f.offset ?? 0);
    } else {
      query.orderBy('tickets.id', 'desc');
    }
    const subtree = (prefixSql: Knex.QueryBuilder) => query.whereIn('tickets.unit_id', prefixSql);
    if (f.scopePrefix !== null) subtree(db('units').select('id').where('path', 'like', `${f.scopePrefix}%`));
    if (f.unitId !== undefined && f.subtree === false) query.where('tickets.unit_id', f.unitId);
    else if (f.unitId !== undefined) {
      subtree(db('units').select('id').whereRaw(`path LIKE (SELECT path FROM units WHERE id = ?) || '%'`, [f.unitId]));
    }
    if (f.noUnit) query.whereNull('tickets.unit_id');
    if (f.paymentChannel) query.whereIn('tickets.payment_channel', f.paymentChannel);
    if (f.area) {
      query.whereExists(db('customers').select(db.raw('1')).whereRaw(`customers.id = tickets.customer_id AND coalesce(customers.area, 'city') = ?`, [f.area]));
    }
    if (f.status) query.whereIn('tickets.status', f.status);
    if (f.type) query.whereIn('tickets.type', f.type);
    if (f.category) query.whereIn('tickets.category', f.category);
    if (f.assigneeId !== undefined) query.where('tickets.assignee_id', f.assigneeId);
    if (f.unassigned) query.whereNull('tickets.assignee_id');
    if (f.round === 'first') query.where('tickets.handling_round', 1);
    if (f.round === 'second') query.where('tickets.handling_round', '>', 1);
    if (f.customerId !== undefined) query.where('tickets.customer_id', f.customerId);
    if (f.ownerId !== undefined) query.whereIn('tickets.id', db('case_ownerships').select('ticket_id').where({ owner_id: f.ownerId, active: true }));
    const levels = f.slaState?.map((state) => ['ok', 'warning', 'breached'].indexOf(state));
    if (f.slaPolicy) {
      // that policy's own timer decides the state (sla_timers_open_policy_idx), as the board counts it
      const timers = db('sla_timers').select('ticket_id').whereIn('state', ['running', 'paused']).whereIn('policy_key', f.slaPolicy);
      if (levels) timers.whereIn('level', levels);
      query.whereIn('tickets.id', timers);
    } else if (levels) {
      query.whereIn('tickets.id', db('sla_ticket_states').select('ticket_id').whereIn('level', levels));
    }
    if (f.number !== undefined) query.where('tickets.number', f.number);
    if (f.phone !== undefined) query.whereIn('tickets.customer_id', db('customers').select('id').where('phone', f.phone));
    if (f.text !== undefined) query.whereILike('tickets.description', `%${f.text.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
    if (f.figure) {
      const from = `((:figure_month)::date)::timestamp AT TIME ZONE :figure_tz`;
      const to = `((:figure_month)::date + interval '1 month')::timestamp AT TIME ZONE :figure_tz`;
      const condition = FIGURE_TICKETS[f.figure.key].replaceAll(':from', from).replaceAll(':to', to);
      query.whereRaw(`(${condition})`, { figure_month: `${f.figure.month}-01`, figure_tz: f.figure.timezone });
    }
    if (f.beforeId !== undefined) query.where('tickets.id', '<', f.beforeId);
    return query;
  },

  customersByIds: async (db: Knex, ids: number[]): Promise<Map<number, CustomerRow>> => {
    const rows: CustomerRow[] = await db('customers').select(CUSTOMER_COLUMNS).whereRaw('id = ANY(?)', [[...new Set(ids)]]);
    return new Map(rows.map((row) => [row.id, row]));
  },

  insertEvent: (trx: Knex.Transaction, event: Omit<TicketEventRow, 'id'>) =>
    trx('ticket_events').insert({ ...event, data: JSON.stringify(event.data) }),

  /** The reconnection tier the SLA policy put the ticket in: kept for queues, not a change of the ticket (no version bump). */
  setReconnectTier: (trx: Knex.Transaction, id: number, tier: number | null) => trx('tickets').where({ id }).update({ reconnect_tier: tier }),

  /** Timeline rows of many tickets in one statement and one JSON parameter (a batch of fired timers, due callbacks); no actor: the system. */
  async insertEvents(trx: Knex.Transaction, events: readonly (Omit<TicketEventRow, 'id' | 'actor_id'> & { actor_id?: number | null })[]): Promise<void> {
    if (events.length === 0) return;
    await trx.raw(
      `INSERT INTO ticket_events (ticket_id, type, at, actor_id, data)
       SELECT r.ticket_id, r.type, r.at, r.actor_id, r.data FROM jsonb_to_recordset(?::jsonb) AS r(ticket_id bigint, type text, at timestamptz, actor_id bigint, data jsonb)`,
      [JSON.stringify(events.map((e) => ({ ...e, actor_id: e.actor_id ?? null })))],
    );
  },

  /** Whether the ticket's timeline has an event of this type whose data names `value` under `key`. */
  hasEvent: async (db: Knex, ticketId: number, type: TimelineEventType, key: string, value: string): Promise<boolean> =>
    (await db('ticket_events').where({ ticket_id: ticketId, type }).whereRaw('data->>? = ?', [key, value]).first('id')) !== undefined,

  /** Adds one key to the data of the ticket's latest event of a type (the change's own event, written earlier in the transaction). */
  mergeIntoLatestEvent: (trx: Knex.Transaction, ticketId: number, type: string, key: string, value: unknown) =>
    trx.raw(
      `UPDATE ticket_events SET data = data || jsonb_build_object(?::text, ?::jsonb)
       WHERE id = (SELECT max(id) FROM ticket_events WHERE ticket_id = ? AND type = ?)`,
      [key, JSON.stringify(value), ticketId, type],
    ),

  /** Tickets by id, each with its customer: two statements whatever the count. */
  async withCustomers(db: Knex, ids: readonly number[]): Promise<Map<number, { ticket: TicketRow; customer: CustomerRow }>> {
    const tickets = await db<TicketRow>('tickets').whereRaw('id = ANY(?)', [[...new Set(ids)]]);
    const customers = await ticketsRepository.customersByIds(db, tickets.map((t) => t.customer_id));
    return new Map(tickets.map((ticket) => [ticket.id, { ticket, customer: customers.get(ticket.customer_id)! }]));
  },

  /** The timeline with each actor's name: whoever reads the ticket sees who acted, whatever their unit. */
  events: (db: Knex, ticketId: number) =>
    db('ticket_events').leftJoin('users', 'users.id', 'ticket_events.actor_id').where({ ticket_id: ticketId }).orderBy('ticket_events.id')
      .select<(TicketEventRow & { actor_name: string | null })[]>('ticket_events.*', 'users.name as actor_name'),


  /** The timelines of several tickets at once, in order, with actor names (integration façades). */
  eventsOf: (db: Knex, ticketIds: readonly number[]) =>
    db('ticket_events').leftJoin('users', 'users.id', 'ticket_events.actor_id').whereIn('ticket_id', ticketIds).orderBy('ticket_events.id')
      .select<(TicketEventRow & { actor_name: string | null })[]>('ticket_events.*', 'users.name as actor_name'),

  /** Names of the people and units a ticket names (accepted_by, assignee, unit) and the unit's path. */
  async names(db: Knex, userIds: readonly number[], unitIds: readonly number[]): Promise<{ users: Map<number, string>; units: Map<number, { name: string; path: string }> }> {
    const users = userIds.length ? await db('users').whereIn('id', userIds).select<{ id: number; name: string }[]>('id', 'name') : [];
    const units = unitIds.length ? await db('units').whereIn('id', unitIds).select<{ id: number; name: string; path: string }[]>('id', 'name', 'path') : [];
    return { users: new Map(users.map((u) => [Number(u.id), u.name])), units: new Map(units.map((u) => [Number(u.id), { name: u.name, path: u.path }])) };
  },

  /** The timelines of the duplicates merged into a ticket, with their numbers (shown on the survivor). */
  mergedEvents: (db: Knex, survivorId: number) =>
    db('ticket_events').join('tickets', 'tickets.id', 'ticket_events.ticket_id').leftJoin('users', 'users.id', 'ticket_events.actor_id')
      .where('tickets.merged_into_id', survivorId).orderBy('ticket_events.id')
      .select<(TicketEventRow & { actor_name: string | null; source_number: string })[]>('ticket_events.*', 'users.name as actor_name', 'tickets.number as source_number'),

  /** Tickets merged into this one, and the one it was merged into. */
  related: async (db: Knex, ticket: { id: number; merged_into_id?: number | null }) => {
    const from = await db('tickets').where({ merged_into_id: ticket.id }).orderBy('id').select<{ id: number; number: string }[]>('id', 'number');
    const into = ticket.merged_into_id ? await db('tickets').where({ id: ticket.merged_into_id }).first<{ id: number; number: string } | undefined>('id', 'number') : undefined;
    return [
      ...(into ? [{ ticket_id: into.id, number: into.number, relation: 'merged_into' as const }] : []),
      ...from.map((t) => ({ ticket_id: t.id, number: t.number, relation: 'merged_from' as const })),
    ];
  },

  /** Locks both tickets of a merge in id order, so two opposite merges wait instead of deadlocking. */
  lockPair: (trx: Knex.Transaction, a: number, b: number) => trx('tickets').whereIn('id', [a, b]).orderBy('id').forUpdate().select('id'),

};

/** row_to_json gives timestamps as strings; bring them back to Dates like every other row. */
function reviveCustomer(raw: CustomerRow): CustomerRow {
  return { ...raw, created_at: new Date(raw.created_at), updated_at: new Date(raw.updated_at) };
}
