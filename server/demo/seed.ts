import type { Knex } from 'knex';
import { hashPassword } from '../auth/passwords';
import { ROLES, type Role } from '../auth/permissions';
import type { Deps } from '../deps';
import { ownershipRepository } from '../ownership/repository';
import { buildHistory, type DemoTicket } from './history';
import { UNITS, buildCustomers, buildUsers, type DemoUnit } from './operator';
import { Random } from './random';

/** Every demo user signs in with this password (documented in the README). */
export const DEMO_PASSWORD = 'loopdesk-demo-2026';
/** The settings row that says the demo is in this database: a second load adds nothing. */
export const DEMO_MARK = 'demo_loaded';
const SEED = 20051231;
const CUSTOMER_COUNT = 380;
// Rows per INSERT: few round trips, well under PostgreSQL's 65,535 bind parameters.
const CHUNK = 500;

export interface DemoSummary {
  units: number;
  users: Record<Role, string[]>;
  customers: number;
  tickets: number;
}

/**
 * Loads the demo operator (DOMAIN.md's Dalian city company) in one transaction: units, users of
 * every role, customers and about five hundred past tickets over the last two months with their
 * timelines and callbacks. Reproducible (seeded) and idempotent (marked in `settings`).
 */
export async function loadDemo(deps: Deps): Promise<void> {
  const { knex, clock, config, logger } = deps;
  const already = await knex('settings').where({ key: DEMO_MARK }).first<{ value: string } | undefined>('value');
  if (already) {
    logger.info('demo data already loaded; nothing added', { loaded_at: already.value });
    return;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = clock.now();
  const summary = await knex.transaction(async (trx) => {
    // The mark goes first: a second loader running at the same time waits on it, then adds nothing.
    const marked = await trx('settings').insert({ key: DEMO_MARK, value: now.toISOString() }).onConflict('key').ignore().returning('key');
    if (marked.length === 0) return null;
    return writeDemo(trx, { now, timezone: config.timezone, passwordHash });
  });
  if (summary === null) {
    logger.info('demo data already loaded; nothing added');
    return;
  }
  process.stdout.write(describe(summary));
}

async function writeDemo(trx: Knex.Transaction, opts: { now: Date; timezone: string; passwordHash: string }): Promise<DemoSummary> {
  const rng = new Random(SEED);
  const users = buildUsers(rng);
  const customers = buildCustomers(rng, CUSTOMER_COUNT);
  await refuseClashes(trx, users.map((u) => u.username), UNITS.map((u) => u.code));
  const { now } = opts;

  // Units, parents before children: a level per statement, paths once every id is known.
  const unitIds = new Map<string, number>();
  for (const level of unitLevels()) {
    const inserted = await trx('units')
      .insert(level.map((u) => ({
        code: u.code, name: u.name, parent_id: u.parentCode === null ? null : unitIds.get(u.parentCode)!, path: '/',
        area: u.area, subscribers: u.subscribers, created_at: now, updated_at: now,
      })))
      .returning<{ id: number; code: string }[]>(['id', 'code']);
    for (const row of inserted) unitIds.set(row.code, Number(row.id));
  }
  const unitId = (code: string) => required(unitIds, code, 'unit');

  const userRows = await trx('users')
    .insert(users.map((u) => ({
      username: u.username, name: u.name, role: u.role, unit_id: u.unitCode === null ? null : unitId(u.unitCode),
      email: `${u.username}@dl-netcom.example`, password_hash: opts.passwordHash, active: true, created_at: now, updated_at: now,
    })))
    .returning<{ id: number; username: string }[]>(['id', 'username']);
  const userIds = new Map(userRows.map((r) => [r.username, Number(r.id)]));
  const userId = (username: string) => required(userIds, username, 'user');

  const paths = new Map<string, string>();
  for (const u of UNITS) paths.set(u.code, `${u.parentCode === null ? '/' : paths.get(u.parentCode)!}${unitId(u.code)}/`);
  const heads = new Map(users.filter((u) => u.heads !== null).map((u) => [u.heads!, userId(u.username)]));
  await trx.raw(
    `UPDATE units AS u SET path = v.path, head_user_id = v.head
     FROM (VALUES ${UNITS.map(() => '(?::bigint, ?::text, ?::bigint)').join(', ')}) AS v(id, path, head)
     WHERE u.id = v.id`,
    UNITS.flatMap((u) => [unitId(u.code), paths.get(u.code)!, heads.get(u.code) ?? null]),
  );

  // A demo number may already have called the live desk: keep that customer, use their id.
  const customerRows = customers.map((c) => ({
    phone: c.phone, name: c.name, account_no: c.account_no, area: c.area, tier: c.tier, email: c.email,
    unit_id: unitId(c.unitCode), created_at: new Date(now.getTime() - 90 * 86_400_000), updated_at: now,
  }));
  for (const chunk of chunks(customerRows)) await trx('customers').insert(chunk).onConflict('phone').ignore();
  const customerIds = new Map<string, number>();
  for (const chunk of chunks(customers.map((c) => c.phone))) {
    for (const row of await trx('customers').whereIn('phone', chunk).select<{ id: number; phone: string }[]>('id', 'phone')) {
      customerIds.set(row.phone, Number(row.id));
    }
  }

  const tickets = buildHistory({
    rng, now, timezone: opts.timezone, users, customers, ownershipRules: await ownershipRepository.rules(trx),
    ids: { unit: unitId, user: userId, customer: (i) => required(customerIds, customers[i]!.phone, 'customer') },
  });
  await writeTickets(trx, tickets);

  const byRole = Object.fromEntries(ROLES.map((role) => [role, users.filter((u) => u.role === role).map((u) => u.username)])) as Record<Role, string[]>;
  return { units: UNITS.length, users: byRole, customers: customers.length, tickets: tickets.length };
}

/**
 * Numbers continue each day's numbering (live intake may already have used some), tickets go in
 * in the order they were accepted so ids follow time, and each day's base in the number sequence
 * is moved so that live intake continues after the last demo number.
 */
async function writeTickets(trx: Knex.Transaction, tickets: DemoTicket[]): Promise<void> {
  const ordered = [...tickets].sort((a, b) => a.row.created_at.getTime() - b.row.created_at.getTime());
  const days = [...new Set(ordered.map((t) => t.day))];
  const last = new Map<string, number>();
  for (const chunk of chunks(days)) {
    const rows = await trx.raw<{ rows: { day: string; last: number }[] }>(
      `SELECT substr(number, 3, 8) AS day, max(split_part(number, '-', 2)::int) AS last FROM tickets
       WHERE substr(number, 3, 8) = ANY(?) GROUP BY 1`,
      [chunk],
    );
    for (const row of rows.rows) last.set(row.day, row.last);
  }
  const numbered = ordered.map((t) => {
    const n = (last.get(t.day) ?? 0) + 1;
    last.set(t.day, n);
    return { ...t, number: `TS${t.day}-${String(n).padStart(4, '0')}` };
  });

  const ticketIds = new Map<string, number>();
  for (const chunk of chunks(numbered)) {
    const rows = await trx('tickets').insert(chunk.map((t) => ({ ...t.row, number: t.number }))).returning<{ id: number; number: string }[]>(['id', 'number']);
    for (const row of rows) ticketIds.set(row.number, Number(row.id));
  }
  const idOf = (t: { number: string }) => ticketIds.get(t.number)!;

  const ownerships = numbered.flatMap((t) => (t.ownership ? [{ ...t.ownership, ticket_id: idOf(t) }] : []));
  for (const chunk of chunks(ownerships)) await trx('case_ownerships').insert(chunk);
  // An owner action's timeline entry names the action's id: found again by ticket and recording time.
  const actionIds = new Map<string, number>();
  const actionKey = (ticketId: number, recordedAt: Date) => `${ticketId}|${recordedAt.getTime()}`;
  const actions = numbered.flatMap((t) => t.ownerActions.map((a) => ({ ...a, ticket_id: idOf(t) })));
  for (const chunk of chunks(actions)) {
    const rows = await trx('owner_actions').insert(chunk).returning<{ id: number; ticket_id: number; recorded_at: Date }[]>(['id', 'ticket_id', 'recorded_at']);
    for (const row of rows) actionIds.set(actionKey(Number(row.ticket_id), row.recorded_at), Number(row.id));
  }

  // Event and callback ids follow time across the whole desk, as if written live.
  const events = numbered
    .flatMap((t, order) => t.events.map((e, seq) => ({ e, order, seq, ticketId: idOf(t), actions: t.ownerActions })))
    .sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.order - b.order || a.seq - b.seq)
    .map(({ e, ticketId, actions: own }) => {
      const data = e.ownerAction === undefined ? e.data : { action_id: actionIds.get(actionKey(ticketId, own[e.ownerAction]!.recorded_at)), ...e.data };
      return { ticket_id: ticketId, type: e.type, at: e.at, actor_id: e.actor_id, data: JSON.stringify(data) };
    });
  for (const chunk of chunks(events)) await trx('ticket_events').insert(chunk);

  const callbacks = numbered
    .flatMap((t) => t.callbacks.map((c) => ({ ...c, ticket_id: idOf(t) })))
    .sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.ticket_id - b.ticket_id || a.attempt - b.attempt);
  for (const chunk of chunks(callbacks)) await trx('callbacks').insert(chunk);

  // number = nextval − base: a base of (current value − last) makes the next number last + 1;
  // LEAST keeps a day whose live numbers already went further.
  const { rows: [{ current }] } = await trx.raw<{ rows: { current: number }[] }>(`SELECT nextval('ticket_number_seq') AS current`);
  await trx('ticket_number_days')
    .insert([...last].map(([day, n]) => ({ day, base: current - n })))
    .onConflict('day')
    .merge({ base: trx.raw('LEAST(ticket_number_days.base, excluded.base)') });
}

/** The demo adds its own people and units; it never takes over ones a user already made. */
async function refuseClashes(trx: Knex.Transaction, usernames: string[], codes: string[]): Promise<void> {
  const users = await trx('users').whereIn('username', usernames).pluck<string[]>('username');
  const units = await trx('units').whereIn('code', codes).pluck<string[]>('code');
  if (users.length > 0 || units.length > 0) {
    throw new Error(`cannot load the demo: ${[...users.map((u) => `user ${u}`), ...units.map((c) => `unit ${c}`)].join(', ')} already exist`);
  }
}

function unitLevels(): DemoUnit[][] {
  const depth = (u: DemoUnit): number => (u.parentCode === null ? 0 : 1 + depth(UNITS.find((p) => p.code === u.parentCode)!));
  const levels: DemoUnit[][] = [];
  for (const unit of UNITS) (levels[depth(unit)] ??= []).push(unit);
  return levels;
}

function required<K>(map: Map<K, number>, key: K, what: string): number {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo: no ${what} ${String(key)}`);
  return value;
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

function describe(summary: DemoSummary): string {
  const width = Math.max(...ROLES.map((r) => r.length));
  const lines = ROLES.filter((role) => summary.users[role].length > 0).map((role) => `  ${role.padEnd(width)}  ${summary.users[role].join(', ')}`);
  return [
    '',
    `Demo operator loaded: 大连市分公司 with ${summary.units} units, ${Object.values(summary.users).flat().length} users, ${summary.customers} customers, ${summary.tickets} tickets.`,
    `Every demo user's password: ${DEMO_PASSWORD}`,
    ...lines,
    '',
    '',
  ].join('\n');
}
