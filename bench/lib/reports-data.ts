/**
 * The ten years of tickets bench:reports and bench:report-page read: its own database
 * (loopdesk_bench_reports), seeded with INSERT … SELECT generate_series in batches, triggers and
 * indexes off during the load, then the indexes and the monthly rollup rebuilt. The database is
 * labelled with its ticket count and kept, so a later run with the same count only measures.
 */
import knexFactory, { type Knex } from 'knex';
import { migrateLatest } from '../../server/db/migrate';
import { rebuildRollup } from '../../server/reports/rollup';

const SERVER_URL = process.env.BENCH_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const NAME = 'loopdesk_bench_reports';
const BATCH = 1_000_000;
const YEARS_START = '2016-11-01T00:00:00+08:00';
const SPAN_DAYS = 3652;

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
export const seconds = (from: bigint) => Number((process.hrtime.bigint() - from) / 1_000_000n) / 1000;

export function urlFor(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The indexes the app's migrations put on the bulk tables: dropped for the load, rebuilt after. */
async function dropIndexes(knex: Knex): Promise<string[]> {
  const rows = await knex.raw<{ rows: { indexname: string; indexdef: string }[] }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.tablename IN ('tickets', 'callbacks', 'sla_timers') AND i.schemaname = 'public'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  for (const row of rows.rows) await knex.raw(`DROP INDEX ${row.indexname}`);
  return rows.rows.map((r) => r.indexdef);
}

async function seed(knex: Knex, tickets: number): Promise<{ seedS: number; indexS: number; rollupS: number }> {
  const start = process.hrtime.bigint();
  const now = new Date();
  // one company, 10 branches, 5 teams each: tickets go to the teams, 5 % stay at the desk
  const [company] = await knex('units').insert({ code: 'DL', name: '大连市分公司', path: '/', area: 'city', subscribers: 0, created_at: now, updated_at: now }).returning<{ id: number }[]>('id');
  await knex('units').where({ id: company!.id }).update({ path: `/${company!.id}/` });
  for (let b = 1; b <= 10; b++) {
    const [branch] = await knex('units').insert({ code: `B${b}`, name: `分公司${b}`, parent_id: company!.id, path: '/', area: b <= 4 ? 'city' : 'county', subscribers: 0, created_at: now, updated_at: now }).returning<{ id: number }[]>('id');
    const branchPath = `/${company!.id}/${branch!.id}/`;
    await knex('units').where({ id: branch!.id }).update({ path: branchPath });
    for (let team = 1; team <= 5; team++) {
      const [row] = await knex('units').insert({ code: `B${b}T${team}`, name: `分公司${b}装维${team}班`, parent_id: branch!.id, path: '/', area: b <= 4 ? 'city' : 'county', subscribers: 70_000, created_at: now, updated_at: now }).returning<{ id: number }[]>('id');
      await knex('units').where({ id: row!.id }).update({ path: `${branchPath}${row!.id}/` });
    }
  }
  const [agent] = await knex('users').insert({ username: 'bench_agent', name: '话务员', role: 'agent', unit_id: company!.id, password_hash: 'x', created_at: now, updated_at: now }).returning<{ id: number }[]>('id');
  await knex.raw(`INSERT INTO customers (phone, area, tier, created_at, updated_at)
    SELECT '139' || lpad(g::text, 8, '0'), CASE WHEN g % 3 = 0 THEN 'county' ELSE 'city' END, 'standard', now(), now() FROM generate_series(1, 100000) g`);
  const teamIds = (await knex('units').whereRaw(`path ~ '^/[0-9]+/[0-9]+/[0-9]+/$'`).orderBy('id').pluck('id')).map(Number);
  const firstCustomer = Number((await knex('customers').min('id as id').first())!.id);

  const indexDefs = await dropIndexes(knex);
  log(`dropped ${indexDefs.length} indexes for the load`);

  // one connection, triggers (and FK checks) off: the rollup is rebuilt from scratch afterwards
  await knex.transaction(async (trx) => {
    await trx.raw(`SET LOCAL session_replication_role = replica`);
    await trx.raw(`SET LOCAL synchronous_commit = off`);
    await trx.raw(`SELECT setseed(0.42)`);
    for (let from = 1; from <= tickets; from += BATCH) {
      const to = Math.min(tickets, from + BATCH - 1);
      const batchStart = process.hrtime.bigint();
      await trx.raw(
        `INSERT INTO tickets (number, type, category, status, version, handling_round, channel, priority, description, customer_id, unit_id,
           accepted_by, responsibility, created_at, updated_at, dispatched_at, first_resolved_at, resolved_at, closed_at, close_reason)
         SELECT 'B' || g, type, category, CASE WHEN resolved_at IS NULL THEN 'dispatched' ELSE 'closed' END, 4, round,
           CASE WHEN type = 'complaint' AND r3 < 0.02 THEN 'regulator' ELSE 'hotline' END, 'normal', 'bench', :customer0 + g % 100000,
           CASE WHEN r4 < 0.05 THEN NULL ELSE (:teams::bigint[])[1 + (g % :teamCount)] END, :agent,
           CASE WHEN resolved_at IS NULL THEN NULL WHEN type <> 'complaint' THEN 'none' WHEN r3 > 0.97 THEN 'company' WHEN r3 > 0.5 THEN 'customer' ELSE 'none' END,
           created_at, coalesce(resolved_at, created_at), created_at + interval '10 minutes', resolved_at, resolved_at,
           resolved_at + interval '2 hours', CASE WHEN resolved_at IS NULL THEN NULL ELSE 'satisfied' END
         FROM (
           SELECT g, r3, r4, round, created_at,
             CASE WHEN r1 < 0.3 THEN 'complaint' WHEN r1 < 0.7 THEN 'fault' WHEN r1 < 0.9 THEN 'reconnection' ELSE 'request' END AS type,
             CASE WHEN r1 >= 0.3 THEN (CASE WHEN r1 < 0.7 THEN 'network_quality' WHEN r1 < 0.9 THEN 'suspension' ELSE 'other' END)
                  WHEN r2 < 0.02 THEN 'service_attitude' WHEN r2 < 0.4 THEN 'billing' WHEN r2 < 0.6 THEN 'broadband' ELSE 'network_quality' END AS category,
             CASE WHEN r5 < 0.01 THEN NULL ELSE created_at + r2 * interval '2 days' END AS resolved_at
           FROM (
             SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
               CASE WHEN random() < 0.03 THEN 2 ELSE 1 END AS round,
               :start::timestamptz + (g::double precision / :total) * interval '${SPAN_DAYS} days' AS created_at
             FROM generate_series(:from::bigint, :to::bigint) g
           ) raw
         ) s`,
        { customer0: firstCustomer, teams: `{${teamIds.join(',')}}`, teamCount: teamIds.length, agent: agent!.id, start: YEARS_START, total: tickets, from, to },
      );
      log(`tickets ${to.toLocaleString('en')} / ${tickets.toLocaleString('en')} (${seconds(batchStart)} s)`);
    }
    // one answered callback per resolved round (second rounds: the first was unsatisfied), 2 % unreachable first
    await trx.raw(`
      INSERT INTO callbacks (ticket_id, unit_id, handling_round, attempt, due_at, state, outcome, done_at, created_at)
      SELECT id, unit_id, 1, 1, resolved_at, 'done', CASE WHEN handling_round = 2 THEN 'unsatisfied' WHEN id % 50 = 0 THEN 'unreachable' ELSE 'satisfied' END,
        resolved_at + interval '1 hour', resolved_at
      FROM tickets WHERE resolved_at IS NOT NULL`);
    await trx.raw(`
      INSERT INTO callbacks (ticket_id, unit_id, handling_round, attempt, due_at, state, outcome, done_at, created_at)
      SELECT id, unit_id, handling_round, 1, resolved_at, 'done', 'satisfied', resolved_at + interval '90 minutes', resolved_at
      FROM tickets WHERE resolved_at IS NOT NULL AND handling_round = 2`);
    log(`callbacks loaded (${seconds(start)} s)`);
    // the resolution target of complaints and faults; 3 % breached
    await trx.raw(`
      INSERT INTO sla_timers (ticket_id, ticket_type, unit_id, handling_round, policy_key, policy, state, level, started_at, segments, breached_at, stopped_at, created_at, updated_at)
      SELECT id, type, unit_id, 1, CASE type WHEN 'complaint' THEN 'complaint_resolve' ELSE 'fault_repair_city' END, '{}', 'met',
        CASE WHEN id % 33 = 0 THEN 2 ELSE 0 END, created_at, '[]', CASE WHEN id % 33 = 0 THEN created_at + interval '1 day' END, resolved_at, created_at, created_at
      FROM tickets WHERE type IN ('complaint', 'fault') AND resolved_at IS NOT NULL`);
    log(`timers loaded (${seconds(start)} s)`);
  });
  const seedS = seconds(start);

  const indexStart = process.hrtime.bigint();
  await knex.transaction(async (trx) => {
    await trx.raw(`SET LOCAL maintenance_work_mem = '512MB'`);
    for (const def of indexDefs) {
      const one = process.hrtime.bigint();
      await trx.raw(def);
      log(`${def.replace(/ USING .*/, '')} (${seconds(one)} s)`);
    }
  });
  await knex.raw('VACUUM ANALYZE tickets');
  await knex.raw('VACUUM ANALYZE callbacks');
  await knex.raw('VACUUM ANALYZE sla_timers');
  const indexS = seconds(indexStart);

  const rollupStart = process.hrtime.bigint();
  await rebuildRollup(knex, 'Asia/Shanghai', new Date());
  const rollupS = seconds(rollupStart);
  log(`rollup rebuilt (${rollupS} s)`);
  await knex.raw(`COMMENT ON DATABASE ${NAME} IS '${tickets}'`);
  return { seedS, indexS, rollupS };
}

export interface ReportsDatabase {
  url: string;
  knex: Knex;
  reused: boolean;
  phases: { seedS: number; indexS: number; rollupS: number };
}

/** The seeded database: kept from an earlier run with the same count when `reuse`, seeded afresh otherwise. */
export async function openReportsDatabase(tickets: number, reuse: boolean): Promise<ReportsDatabase> {
  const admin = knexFactory({ client: 'pg', connection: SERVER_URL, pool: { min: 0, max: 1 } });
  const seeded = await admin.raw<{ rows: { description: string | null }[] }>(`SELECT shobj_description(oid, 'pg_database') AS description FROM pg_database WHERE datname = ?`, [NAME]);
  const fresh = !(reuse && seeded.rows[0]?.description === String(tickets));
  if (fresh) {
    await admin.raw(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await admin.raw(`CREATE DATABASE ${NAME}`);
  }
  await admin.destroy();
  const url = urlFor(NAME);
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 4 } });
  let phases = { seedS: 0, indexS: 0, rollupS: 0 };
  const migrateStart = process.hrtime.bigint();
  const applied = await migrateLatest(knex);
  if (fresh) phases = await seed(knex, tickets);
  else log(`reusing the seeded database; ${applied.length} new migrations applied (${seconds(migrateStart)} s)`);
  return { url, knex, reused: !fresh, phases };
}
