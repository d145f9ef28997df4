/**
 * npm run drill:redis — Redis dies under load. The desk runs on a throwaway redis-server (its own
 * port, never the shared one) that is killed DRILL_OUTAGE_SECONDS after the load starts and
 * started again DRILL_OUTAGE_SECONDS later. Each request ticket arms a 3 s SLA timer: every
 * acknowledged ticket must breach exactly once, on time, and the console must hear its intake.
 *
 *   DRILL_SECONDS (30)   load      DRILL_OUTAGE_SECONDS (15)   Redis away      DRILL_RATE (5) intakes/s
 */
import { ThrowawayRedis } from '../test/helpers/redis-server';
import { consoleOf, createDrillDatabase, Desk, freePort, log, percentile, report, seedOperator, setting, sleep, tmpDir } from './lib';

async function main(): Promise<void> {
  const seconds = setting('DRILL_SECONDS', 30);
  const outage = setting('DRILL_OUTAGE_SECONDS', 15);
  const rate = setting('DRILL_RATE', 5);
  const db = await createDrillDatabase('redis');
  const op = await seedOperator(db.knex);
  await db.knex('sla_policies').update({ active: false });
  const redis = await ThrowawayRedis.create();
  const desk = new Desk(await freePort(), { DATABASE_URL: db.url, REDIS_URL: redis.url, LOOPDESK_DATA_DIR: tmpDir('redis'), LOOPDESK_SCHEDULER_RECONCILE_SECONDS: '5' });
  await desk.start();
  const put = await desk.call('PUT', '/api/sla-policies/drill_3s', await desk.login(op.admin), { name: 'drill 3 s', ticket_type: 'request', target_seconds: 3, warn_at: [], regulatory: false, escalate_on_breach: false });
  if (put.status !== 201 && put.status !== 200) throw new Error(`SLA policy: ${put.status} ${JSON.stringify(put.body)}`);
  const agent = await desk.login(op.agent);
  const watcher = consoleOf(desk, await desk.login(op.supervisor));

  const acknowledged: number[] = [];
  let fivexx = 0;
  let recoveredS = 0;
  const started = Date.now();
  const outageDrill = (async () => {
    await sleep(Math.min(5, seconds / 4) * 1000);
    await redis.stop();
    log('Redis killed');
    await sleep(outage * 1000);
    await redis.start();
    const back = Date.now();
    log('Redis started again');
    while ((await fetch(`${desk.base}/readyz`).then((r) => r.json() as Promise<{ status: string }>, () => ({ status: 'down' }))).status !== 'ready') await sleep(100);
    recoveredS = (Date.now() - back) / 1000;
  })();
  let n = 0;
  while (Date.now() - started < seconds * 1000) {
    n += 1;
    const res = await desk.call('POST', '/api/tickets', agent, { type: 'request', channel: 'hotline', description: '咨询套餐', customer: { phone: `1370000${String(n).padStart(4, '0')}` } });
    if (res.status >= 500 || res.status === 0) fivexx += 1;
    if (res.status === 201) acknowledged.push(res.body.id as number);
    await sleep(1000 / rate);
  }
  await outageDrill;
  await sleep(8000); // the last timers fall due
  const breaches = await db.knex('ticket_events').whereIn('ticket_id', acknowledged).where({ type: 'sla.breached' }).select('ticket_id');
  const counts = new Map<number, number>();
  for (const b of breaches) counts.set(Number(b.ticket_id), (counts.get(Number(b.ticket_id)) ?? 0) + 1);
  const late = await db.knex.raw<{ rows: { ms: number }[] }>(
    `SELECT EXTRACT(EPOCH FROM (s.fired_at - s.due_at)) * 1000 AS ms FROM scheduled_items s
     JOIN sla_timers t ON s.key = t.id::text WHERE s.kind LIKE 'sla%' AND s.state = 'fired' AND t.ticket_id = ANY(?::bigint[])`, [acknowledged]);
  const heard = watcher.heard.get('ticket.created') ?? new Set<number>();
  report({
    drill: 'redis', acknowledged: acknowledged.length,
    lost: acknowledged.filter((id) => !counts.has(id)).length,
    duplicated: [...counts.values()].reduce((s, c) => s + c - 1, 0),
    late_p99_ms: percentile(late.rows.map((r) => Number(r.ms)), 99),
    recovered_s: Number(recoveredS.toFixed(1)), fivexx,
    console_missed: acknowledged.filter((id) => !heard.has(id)).length,
    desk_alive: desk.alive, unhandled: (desk.output.match(/unhandled promise rejection/g) ?? []).length,
  });
  watcher.socket.close();
  await desk.stop();
  await redis.stop();
  await db.drop();
}

main().then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`drill failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
