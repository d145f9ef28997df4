/**
 * npm run drill:smtp — the mail server is away. Owner mails are produced (complaints dispatched
 * below the county) while the in-process SMTP server is down for DRILL_OUTAGE_SECONDS, one
 * recipient is refused for good (550) meanwhile; when SMTP returns every acknowledged mail must
 * arrive exactly once, the refused one must be set aside (not retried blindly, not blocking the
 * others) and sent once after the retry.
 *
 *   DRILL_MAILS (30)   owner mails      DRILL_OUTAGE_SECONDS (20)   SMTP away
 */
import { SmtpSink } from '../test/helpers/smtp';
import { createDrillDatabase, Desk, freePort, log, percentile, report, seedOperator, setting, sleep, tmpDir } from './lib';

async function main(): Promise<void> {
  const mails = setting('DRILL_MAILS', 30);
  const outage = setting('DRILL_OUTAGE_SECONDS', 20);
  const db = await createDrillDatabase('smtp');
  const op = await seedOperator(db.knex);
  const sink = await SmtpSink.create();
  const desk = new Desk(await freePort(), { DATABASE_URL: db.url, SMTP_URL: sink.url, LOOPDESK_DATA_DIR: tmpDir('smtp') });
  await desk.start();
  const agent = await desk.login(op.agent);
  const downAt = Date.now();
  log('SMTP is down');

  const acknowledged = new Map<string, number>(); // ticket number → acknowledged at
  let fivexx = 0;
  for (let i = 0; i < mails; i += 1) {
    const created = await desk.call('POST', '/api/tickets', agent, { type: 'complaint', category: 'service_attitude', channel: 'hotline', description: '态度差', customer: { phone: `1360000${String(i).padStart(4, '0')}`, area: 'county' } });
    if (created.status >= 500) fivexx += 1;
    if (created.status !== 201) continue;
    const dispatched = await desk.call('POST', `/api/tickets/${created.body.id}/dispatch`, agent, { unit_id: op.countyTeam }, { 'If-Match': String(created.body.version) });
    if (dispatched.status >= 500) fivexx += 1;
    if (dispatched.status === 200) acknowledged.set(created.body.number as string, Date.now());
  }
  // one delivery the server will refuse for good
  sink.refused.add('refused@drill.test');
  await db.knex.transaction(async (trx) => {
    await trx('mail_notifications').insert({ id: 'drill:refused', kind: 'drill', ticket_id: null, locale: 'zh-CN', subject: 'DRILL-REFUSED', body: 'x', created_at: new Date() });
    await trx('mail_deliveries').insert({ notification_id: 'drill:refused', recipient: 'refused@drill.test', status: 'pending', message_id: '<drill-refused@loopdesk>', created_at: new Date() });
  });
  while (Date.now() - downAt < outage * 1000) await sleep(200);
  await sink.start();
  const upAt = Date.now();
  log('SMTP is back');
  const got = (number: string) => sink.received.filter((m) => (m.mail.subject ?? '').includes(number)).length;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline && [...acknowledged.keys()].some((n) => got(n) === 0)) await sleep(200);
  const recoveredS = (Date.now() - upAt) / 1000;
  const refused = await db.knex('mail_deliveries').where({ notification_id: 'drill:refused' }).first<{ status: string; attempts: number }>('status', 'attempts');
  sink.refused.delete('refused@drill.test');
  await db.knex('mail_deliveries').where({ status: 'failed' }).update({ status: 'pending', next_attempt_at: db.knex.fn.now() }); // the retry
  while (Date.now() < deadline && got('DRILL-REFUSED') === 0) await sleep(200);
  await sleep(1000); // late duplicates would show here
  report({
    drill: 'smtp', acknowledged: acknowledged.size,
    lost: [...acknowledged.keys()].filter((n) => got(n) === 0).length,
    duplicated: [...acknowledged.keys()].reduce((s, n) => s + Math.max(0, got(n) - 1), 0) + Math.max(0, got('DRILL-REFUSED') - 1),
    late_p99_ms: percentile([...acknowledged.entries()].flatMap(([n, at]) => sink.received.filter((m) => (m.mail.subject ?? '').includes(n)).slice(0, 1).map((m) => m.at - Math.max(at, upAt))), 99),
    recovered_s: Number(recoveredS.toFixed(1)), fivexx, outage_s: outage,
    refused: { status: refused?.status, attempts: refused?.attempts, sent_after_retry: got('DRILL-REFUSED') },
  });
  await desk.stop();
  await sink.stop();
  await db.drop();
}

main().then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`drill failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
