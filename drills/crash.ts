/**
 * npm run drill:crash — kill -9 under load. Agents log service-attitude complaints and dispatch
 * them below the county (each dispatch makes the county head the case owner: one owner mail); the
 * desk is killed with SIGKILL every DRILL_KILL_EVERY seconds and started again at once. A
 * supervisor's console stays connected (reconnecting and resuming). Then everything acknowledged
 * must be in the mail sink once and have been heard by the console once.
 *
 *   DRILL_SECONDS (30)      load duration      DRILL_KILL_EVERY (6)   seconds between kills
 *   DRILL_WORKERS (4)       parallel agents
 */
import { SmtpSink } from '../test/helpers/smtp';
import { consoleOf, createDrillDatabase, Desk, freePort, log, percentile, report, seedOperator, setting, sleep, tmpDir } from './lib';

async function main(): Promise<void> {
  const seconds = setting('DRILL_SECONDS', 30);
  const killEvery = setting('DRILL_KILL_EVERY', 6);
  const workers = setting('DRILL_WORKERS', 4);
  const db = await createDrillDatabase('crash');
  const op = await seedOperator(db.knex);
  const sink = await SmtpSink.create();
  await sink.start();
  const desk = new Desk(await freePort(), { DATABASE_URL: db.url, SMTP_URL: sink.url, LOOPDESK_DATA_DIR: tmpDir('crash'), LOOPDESK_TOKEN_SECRET: 'drill-secret-drill-secret-drill-secret!' });
  const recovered: number[] = [await desk.start()];
  const agent = await desk.login(op.agent);
  const watcher = consoleOf(desk, await desk.login(op.supervisor));

  const acknowledged = new Map<number, number>(); // ticket id → when the dispatch was acknowledged
  let fivexx = 0;
  let kills = 0;
  const deadline = Date.now() + seconds * 1000;
  let phone = 0;
  const load = async () => {
    while (Date.now() < deadline) {
      phone += 1;
      const key = `drill-crash-${process.pid}-${phone}`;
      const body = { type: 'complaint', category: 'service_attitude', channel: 'hotline', description: '营业员态度恶劣', customer: { phone: `1380000${String(phone).padStart(4, '0')}`, area: 'county' } };
      let created = await desk.call('POST', '/api/tickets', agent, body, { 'Idempotency-Key': key });
      // a kill during intake: the same key again finds the ticket (or makes it once)
      for (let retry = 0; created.status === 0 && retry < 40; retry += 1) {
        await sleep(250);
        created = await desk.call('POST', '/api/tickets', agent, body, { 'Idempotency-Key': key });
      }
      if (created.status >= 500) fivexx += 1;
      if (created.status !== 201 && created.status !== 200) continue;
      const id = created.body.id as number;
      const dispatched = await desk.call('POST', `/api/tickets/${id}/dispatch`, agent, { unit_id: op.countyTeam }, { 'If-Match': String(created.body.version) });
      if (dispatched.status >= 500) fivexx += 1;
      if (dispatched.status === 200) acknowledged.set(id, Date.now());
    }
  };
  const killer = async () => {
    while (Date.now() + killEvery * 1000 < deadline) {
      await sleep(killEvery * 1000);
      await desk.kill9();
      kills += 1;
      recovered.push(await desk.start());
      log(`kill ${kills}: back in ${recovered.at(-1)!.toFixed(1)} s, ${acknowledged.size} acknowledged so far`);
    }
  };
  await Promise.all([killer(), ...Array.from({ length: workers }, load)]);

  // everything acknowledged must arrive: owner mail once, the console's event once
  const numbers = new Map<number, string>();
  for (const row of await db.knex('tickets').whereIn('id', [...acknowledged.keys()]).select('id', 'number')) numbers.set(Number(row.id), row.number as string);
  const settleBy = Date.now() + 60_000;
  const mailsFor = (id: number) => sink.received.filter((m) => m.to.includes(op.headEmail) && (m.mail.subject ?? '').includes(numbers.get(id)!));
  while (Date.now() < settleBy && [...acknowledged.keys()].some((id) => mailsFor(id).length === 0)) await sleep(250);
  const lost = [...acknowledged.keys()].filter((id) => mailsFor(id).length === 0).length;
  const duplicated = [...acknowledged.keys()].reduce((n, id) => n + Math.max(0, mailsFor(id).length - 1), 0);
  const heard = watcher.heard.get('ownership.assigned') ?? new Set<number>();
  const consoleMissed = [...acknowledged.keys()].filter((id) => !heard.has(id)).length;
  const deliveries = await db.knex('mail_deliveries').select('status').count('* as n').groupBy('status');
  log(`mail deliveries by status: ${JSON.stringify(deliveries)}; owner events in the outbox: ${(await db.knex('outbox_events').where({ type: 'ownership.assigned' }).count('* as n'))[0]!.n}`);
  if (lost > 0) log(`the desk said:\n${desk.output.slice(-3000)}`);
  report({
    drill: 'crash', acknowledged: acknowledged.size, lost, duplicated,
    late_p99_ms: percentile([...acknowledged.entries()].flatMap(([id, at]) => mailsFor(id).slice(0, 1).map((m) => Math.max(0, m.at - at))), 99),
    recovered_s: Number(Math.max(...recovered.slice(1), 0).toFixed(1)), fivexx, kills,
    console_missed: consoleMissed, console_reloads: watcher.reloads(),
  });
  watcher.socket.close();
  await desk.stop();
  await sink.stop();
  await db.drop();
}

main().then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`drill failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
