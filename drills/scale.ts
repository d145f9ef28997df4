/**
 * npm run drill:scale — many processes of one desk: two API processes (LOOPDESK_ROLE=api) and one
 * worker (LOOPDESK_ROLE=worker) on one PostgreSQL database and one Redis (a throwaway redis-server
 * on its own port). Agents take calls through both APIs (a call refused by one goes to the other
 * with its Idempotency-Key, as a load balancer would); each request ticket arms a 3 s SLA timer. A
 * supervisor's console is connected to each API. Mid-load, one API and the worker are killed with
 * SIGKILL and started again DRILL_DOWN_SECONDS later. Every acknowledged ticket must breach exactly
 * once and both consoles must have heard every intake (the killed API's console by resuming).
 *
 *   DRILL_SECONDS (30)   load      DRILL_DOWN_SECONDS (5)   killed processes away      DRILL_RATE (6) intakes/s
 */
import { ThrowawayRedis } from '../test/helpers/redis-server';
import { consoleOf, createDrillDatabase, Desk, freePort, log, percentile, report, seedOperator, setting, sleep, tmpDir } from './lib';

async function main(): Promise<void> {
  const seconds = setting('DRILL_SECONDS', 30);
  const down = setting('DRILL_DOWN_SECONDS', 5);
  const rate = setting('DRILL_RATE', 6);
  const db = await createDrillDatabase('scale');
  const op = await seedOperator(db.knex);
  await db.knex('sla_policies').update({ active: false });
  const redis = await ThrowawayRedis.create();
  await redis.start();
  const env = (role: string, name: string) => ({
    DATABASE_URL: db.url, REDIS_URL: redis.url, LOOPDESK_ROLE: role, LOOPDESK_DATA_DIR: tmpDir(name),
    LOOPDESK_TOKEN_SECRET: 'drill-secret-drill-secret-drill-secret!', LOOPDESK_SCHEDULER_RECONCILE_SECONDS: '5',
  });
  // the worker first: it applies the migrations (done already here) and arms the scheduler
  const worker = new Desk(await freePort(), env('worker', 'scale-worker'));
  await worker.start();
  const apis = [new Desk(await freePort(), env('api', 'scale-a')), new Desk(await freePort(), env('api', 'scale-b'))] as const;
  await Promise.all(apis.map((a) => a.start()));
  const put = await apis[0].call('PUT', '/api/sla-policies/drill_3s', await apis[0].login(op.admin), { name: 'drill 3 s', ticket_type: 'request', target_seconds: 3, warn_at: [], regulatory: false, escalate_on_breach: false });
  if (put.status !== 201 && put.status !== 200) throw new Error(`SLA policy: ${put.status} ${JSON.stringify(put.body)}`);
  const agent = await apis[0].login(op.agent);
  const watchers = await Promise.all(apis.map(async (a) => consoleOf(a, await a.login(op.supervisor))));

  const acknowledged = new Map<string, number>();
  let fivexx = 0;
  let failedOver = 0;
  const recovered: number[] = [];
  const started = Date.now();
  const killDrill = (async () => {
    await sleep((seconds / 3) * 1000);
    await Promise.all([apis[0].kill9(), worker.kill9()]);
    log('API A and the worker killed (SIGKILL)');
    await sleep(down * 1000);
    recovered.push(...(await Promise.all([apis[0].start(), worker.start()])));
    log('API A and the worker started again');
  })();
  let n = 0;
  while (Date.now() - started < seconds * 1000) {
    n += 1;
    const key = `drill-scale-${process.pid}-${n}`;
    const body = { type: 'request', channel: 'hotline', description: `咨询套餐 ${key}`, customer: { phone: `1350000${String(n).padStart(4, '0')}` } };
    // round robin; what one API could not answer goes to the other, with the same key
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const api = apis[(n + attempt) % 2]!;
      const res = await api.call('POST', '/api/tickets', agent, body, { 'Idempotency-Key': key });
      if (res.status >= 500) fivexx += 1;
      if (res.status === 201 || res.status === 200) {
        acknowledged.set(key, res.body.id as number);
        break;
      }
      failedOver += 1;
      await sleep(100);
    }
    await sleep(1000 / rate);
  }
  await killDrill;
  await sleep(10_000); // the last timers fall due; the restarted console resumes

  const ids = [...acknowledged.values()];
  const breaches = await db.knex('ticket_events').whereIn('ticket_id', ids).where({ type: 'sla.breached' }).select('ticket_id');
  const counts = new Map<number, number>();
  for (const b of breaches) counts.set(Number(b.ticket_id), (counts.get(Number(b.ticket_id)) ?? 0) + 1);
  const perKey = await db.knex.raw<{ rows: { n: number }[] }>(`SELECT count(*)::int AS n FROM tickets WHERE description LIKE ? GROUP BY description HAVING count(*) > 1`, [`咨询套餐 drill-scale-${process.pid}-%`]);
  const late = await db.knex.raw<{ rows: { ms: number }[] }>(
    `SELECT EXTRACT(EPOCH FROM (s.fired_at - s.due_at)) * 1000 AS ms FROM scheduled_items s
     JOIN sla_timers t ON s.key = t.id::text WHERE s.kind LIKE 'sla%' AND s.state = 'fired' AND t.ticket_id = ANY(?::bigint[])`, [ids]);
  const missed = watchers.map((w) => {
    const heard = w.heard.get('ticket.created') ?? new Set<number>();
    return ids.filter((id) => !heard.has(id)).length;
  });
  const everyone = [worker, ...apis];
  report({
    drill: 'scale', processes: '2 api + 1 worker', acknowledged: ids.length,
    lost: ids.filter((id) => !counts.has(id)).length,
    duplicated: [...counts.values()].reduce((s, c) => s + c - 1, 0) + perKey.rows.reduce((s, r) => s + r.n - 1, 0),
    late_p99_ms: percentile(late.rows.map((r) => Number(r.ms)), 99),
    recovered_s: Number(Math.max(...recovered).toFixed(1)), fivexx, failed_over: failedOver,
    console_missed_killed_api: missed[0], console_missed_surviving_api: missed[1], console_reloads: watchers.map((w) => w.reloads()),
    alive: everyone.every((d) => d.alive), unhandled: everyone.reduce((s, d) => s + (d.output.match(/unhandled promise rejection/g) ?? []).length, 0),
  });
  for (const w of watchers) w.socket.close();
  await Promise.all(everyone.map((d) => d.stop()));
  await redis.stop();
  await db.drop();
}

main().then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`drill failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
