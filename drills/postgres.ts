/**
 * npm run drill:postgres — PostgreSQL stops under load. The drill makes a PostgreSQL cluster of
 * its own (pg_createcluster on a free port; the server the desk normally uses is never touched),
 * runs the desk on it, and stops the cluster DRILL_OUTAGE_SECONDS after the load starts for
 * DRILL_OUTAGE_SECONDS, then starts it again. Agents keep taking calls: an intake answered 503 or
 * not at all is sent again with its Idempotency-Key, as the console does. Every acknowledged
 * ticket must exist once, and the supervisor's console must have heard it.
 *
 *   DRILL_SECONDS (30)   load      DRILL_OUTAGE_SECONDS (10)   PostgreSQL away      DRILL_RATE (5) intakes/s
 *   DRILL_PG_VERSION (the newest under /usr/lib/postgresql)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { consoleOf, createDrillDatabase, Desk, freePort, log, percentile, report, seedOperator, setting, sleep, tmpDir } from './lib';

/** A throwaway cluster owned by this drill: made, stopped, started and dropped with the Debian tools. */
class DrillCluster {
  private constructor(readonly version: string, readonly name: string, readonly port: number) {}

  static async create(): Promise<DrillCluster> {
    const version = process.env.DRILL_PG_VERSION ?? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))[0]!;
    const cluster = new DrillCluster(version, `loopdesk_drill_${process.pid}`, await freePort());
    // trust on the loopback only: the cluster lives for the drill and listens on 127.0.0.1
    execFileSync('pg_createcluster', [version, cluster.name, '--port', String(cluster.port), '--start', '--', '--auth=trust'], { stdio: 'ignore' });
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  stop(): void {
    // fast: what a failover or an operator's restart does to open sessions
    execFileSync('pg_ctlcluster', [this.version, this.name, 'stop', '-m', 'fast'], { stdio: 'ignore' });
  }

  start(): void {
    execFileSync('pg_ctlcluster', [this.version, this.name, 'start'], { stdio: 'ignore' });
  }

  drop(): void {
    execFileSync('pg_dropcluster', [this.version, this.name, '--stop'], { stdio: 'ignore' });
  }
}

async function main(): Promise<void> {
  const seconds = setting('DRILL_SECONDS', 30);
  const outage = setting('DRILL_OUTAGE_SECONDS', 10);
  const rate = setting('DRILL_RATE', 5);
  const cluster = await DrillCluster.create();
  log(`PostgreSQL ${cluster.version} cluster ${cluster.name} on port ${cluster.port}`);
  try {
    const db = await createDrillDatabase('postgres', cluster.url);
    const op = await seedOperator(db.knex);
    const desk = new Desk(await freePort(), { DATABASE_URL: db.url, LOOPDESK_DATA_DIR: tmpDir('postgres'), LOOPDESK_TOKEN_SECRET: 'drill-secret-drill-secret-drill-secret!' });
    await desk.start();
    const agent = await desk.login(op.agent);
    const watcher = consoleOf(desk, await desk.login(op.supervisor));

    const acknowledged = new Map<string, number>(); // Idempotency-Key → ticket id
    const firstTried = new Map<string, number>();
    const ackMs: number[] = [];
    const statuses = new Map<number, number>();
    let retryAfterMissing = 0;
    let recoveredS = 0;
    const started = Date.now();
    const outageDrill = (async () => {
      await sleep(Math.min(5, seconds / 4) * 1000);
      cluster.stop();
      log('PostgreSQL stopped');
      await sleep(outage * 1000);
      cluster.start();
      const back = Date.now();
      log('PostgreSQL started again');
      while ((await fetch(`${desk.base}/readyz`).then((r) => r.json() as Promise<{ status: string }>, () => ({ status: 'down' }))).status !== 'ready') await sleep(100);
      recoveredS = (Date.now() - back) / 1000;
    })();

    // refused intakes, sent again with the same key once their Retry-After passed
    let pending: { key: string; n: number; at: number }[] = [];
    let n = 0;
    let retryAfterS = 1;
    const refusedMs: number[] = [];
    const intake = async (key: string, phone: number): Promise<boolean> => {
      if (!firstTried.has(key)) firstTried.set(key, Date.now());
      const sent = Date.now();
      const res = await desk.call('POST', '/api/tickets', agent, { type: 'request', channel: 'hotline', description: `咨询套餐 ${key}`, customer: { phone: `1360000${String(phone).padStart(4, '0')}` } }, { 'Idempotency-Key': key });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 503) refusedMs.push(Date.now() - sent);
      if (res.status === 503 && !res.body.retry_after) retryAfterMissing += 1;
      if (res.status === 503 && typeof res.body.retry_after === 'number') retryAfterS = res.body.retry_after;
      if (res.status === 201 || res.status === 200) {
        acknowledged.set(key, res.body.id as number);
        ackMs.push(Date.now() - firstTried.get(key)!);
        return true;
      }
      return false;
    };
    const retryDue = async () => {
      const due = pending.filter((p) => p.at <= Date.now());
      pending = pending.filter((p) => p.at > Date.now());
      for (const p of due) if (!(await intake(p.key, p.n))) pending.push({ ...p, at: Date.now() + retryAfterS * 1000 });
    };
    while (Date.now() - started < seconds * 1000) {
      n += 1;
      const key = `drill-pg-${process.pid}-${n}`;
      if (!(await intake(key, n))) pending.push({ key, n, at: Date.now() + retryAfterS * 1000 });
      await retryDue();
      await sleep(1000 / rate);
    }
    await outageDrill;
    while (pending.length > 0) {
      await retryDue();
      await sleep(100);
    }
    await sleep(3000); // the last events reach the console

    // the drill's pool lost its connections in the outage too; knex replaces them
    const rows: { id: string }[] = await db.knex('tickets').whereIn('id', [...acknowledged.values()]).select('id');
    const perKey = await db.knex.raw<{ rows: { n: number }[] }>(`SELECT count(*)::int AS n FROM tickets WHERE description LIKE ? GROUP BY description HAVING count(*) > 1`, [`咨询套餐 drill-pg-${process.pid}-%`]);
    const heard = watcher.heard.get('ticket.created') ?? new Set<number>();
    const fivexx = [...statuses].filter(([s]) => s >= 500 && s !== 503).reduce((sum, [, c]) => sum + c, 0);
    report({
      drill: 'postgres', acknowledged: acknowledged.size,
      lost: acknowledged.size - rows.length,
      duplicated: perKey.rows.reduce((sum, r) => sum + r.n - 1, 0),
      // from an intake's first attempt to its acknowledgement (retries through the outage included)
      late_p99_ms: percentile(ackMs, 99),
      recovered_s: Number(recoveredS.toFixed(1)), fivexx,
      unavailable_503: statuses.get(503) ?? 0, unavailable_p99_ms: percentile(refusedMs, 99), no_answer: statuses.get(0) ?? 0, retry_after_missing: retryAfterMissing,
      console_missed: [...acknowledged.values()].filter((id) => !heard.has(id)).length, console_reloads: watcher.reloads(),
      desk_alive: desk.alive, unhandled: (desk.output.match(/unhandled promise rejection/g) ?? []).length,
    });
    watcher.socket.close();
    await desk.stop();
    await db.drop();
  } finally {
    cluster.drop();
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`drill failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
