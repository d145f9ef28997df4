import { createOutboxRelay, type OutboxRelay } from '../../server/events/outbox';
import { auth, complaintBody, startTestApp, type TestApp } from '../helpers/app';
import { until } from '../helpers/until';

const POLL_MS = 100;

let t: TestApp;
let relay: OutboxRelay;
const streamed: string[] = [];
beforeAll(async () => {
  t = await startTestApp();
  relay = createOutboxRelay({ knex: t.knex, bus: t.deps.bus, logger: t.deps.logger, listenUrl: t.config.databaseUrl, pollMs: POLL_MS, graceMs: 200 });
  relay.subscribe((event) => {
    streamed.push(event.type);
  });
  await relay.start();
});
afterAll(async () => {
  await relay.stop();
  await t.close();
});

/** The statements (and the transactions among them) this process sends while `work` runs. */
async function countWhile(work: () => Promise<void>): Promise<{ statements: number; transactions: number }> {
  let statements = 0;
  let transactions = 0;
  const listener = (q: { sql?: string }) => {
    statements += 1;
    if (/^BEGIN;?$/i.test(q.sql ?? '')) transactions += 1;
  };
  t.knex.on('query', listener);
  try {
    await work();
  } finally {
    t.knex.off('query', listener);
  }
  return { statements, transactions };
}

describe('the outbox relay when nothing happens', () => {
  it('looks with one statement per poll and opens no transaction; a commit still reaches every consumer at once', async () => {
    const ticket = (await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).send(complaintBody()).expect(201)).body as { id: number };
    await until(() => streamed.includes('ticket.created'), 5_000, 'the intake streamed');
    // the durable consumers' cursors pass it (after the fast path's grace), then the relay is idle
    await until(async () => (await t.knex('outbox_cursors').whereNot({ consumer: '$sequencer' }).min('seq as min').first<{ min: number }>()).min >= relay.streamed(), 5_000, 'the cursors caught up');

    const idleMs = 1_500;
    const idle = await countWhile(() => new Promise((resolve) => setTimeout(resolve, idleMs)));
    process.stderr.write(`outbox relay idle for ${idleMs} ms at pollMs ${POLL_MS}: ${JSON.stringify(idle)}\n`);
    expect(idle.transactions).toBe(0);
    expect(idle.statements).toBeLessThanOrEqual(Math.ceil(idleMs / POLL_MS) + 2);

    // woken by the commit, not the poll: the change is streamed and the cursors move on
    const before = streamed.length;
    await t.http.post(`/api/tickets/${ticket.id}/comments`).set(auth(t.fixture.users.agent)).send({ body: '再次来电' }).expect(201);
    await until(() => streamed.length > before, 2_000, 'the comment streamed');
    await until(async () => (await t.knex('outbox_cursors').whereNot({ consumer: '$sequencer' }).min('seq as min').first<{ min: number }>()).min >= relay.streamed(), 5_000, 'the cursors caught up again');
  });
});
