import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startAutoCallbacks, type AutoDispatch } from '../../server/callbacks/auto-dispatcher';
import { sign, SIGNATURE_HEADER, TIMESTAMP_HEADER, verify } from '../../server/integrations/ivr';
import { auth, complaintBody, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { Smsc } from '../helpers/smsc';
import { until } from '../helpers/until';

/**
 * Automatic callbacks by SMS (a real SMPP server in the test process) and by the voice platform
 * (a real HTTP listener), told as the desk lives them. The clock stands at 10:00 in Asia/Shanghai,
 * inside callable hours (09:00–20:00); the scheduler is driven with runDue(), the sender runs.
 */
const IVR_SECRET = 'ivr-shared-secret-2026';
let t: TestApp;
let smsc: Smsc;
let dispatch: AutoDispatch;
let platform: http.Server;
const calls: { headers: http.IncomingHttpHeaders; raw: string; body: { request_id: string; phone: string; prompt: string; result_url: string } }[] = [];

beforeAll(async () => {
  smsc = await Smsc.start();
  t = await startTestApp({ env: { SMPP_URL: smsc.url, LOOPDESK_SMS_SOURCE: '10001', LOOPDESK_PUBLIC_URL: 'http://desk.example.test' }, clockStart: '2026-11-25T02:00:00Z' });
  platform = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      calls.push({ headers: req.headers, raw, body: JSON.parse(raw) });
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ call_id: `C${calls.length}` }));
    });
  });
  await new Promise<void>((resolve) => platform.listen(0, '127.0.0.1', () => resolve()));
  dispatch = startAutoCallbacks(t.deps, t.services.autoCallbacks, { pollMs: 40, backoffMs: 50, maxBackoffMs: 100, smpp: { reconnectMinMs: 50, reconnectMaxMs: 100 } });
  await until(() => dispatch.smpp!.bound(), 5000, 'the desk bound to the SMSC');
  await t.http.put('/api/callbacks/automation').set(auth(t.fixture.users.admin)).send({
    channel: 'sms', reply_wait_seconds: 3600, daily_cap: 2, send_rate_per_second: 200,
    ivr: { endpoint: `http://127.0.0.1:${(platform.address() as AddressInfo).port}/calls`, secret: IVR_SECRET },
  }).expect(200);
  // many alike complaints would make a mass-complaint incident and leadership cases; not this file's subject
  await t.knex('mass_complaint_detectors').update({ enabled: false });
  await t.http.put(`/api/callbacks/agents/${t.fixture.users.agent.id}`).set(auth(t.fixture.users.supervisor)).send({ on_duty: true }).expect(200);
});
afterAll(async () => {
  await dispatch.stop();
  await smsc.stop();
  await new Promise((resolve) => platform.close(resolve));
  await t.close();
});

const resolution = { resolution: '已退还多扣话费', cause: '计费错误', responsibility: 'company' };
const act = (path: string, user: TestUser, version: number, body: object) => t.http.post(path).set(auth(user)).set('If-Match', String(version)).send(body);

async function resolvedComplaint(customer: Record<string, unknown> = {}) {
  const { agent, handler } = t.fixture.users;
  const body = complaintBody();
  const accepted = await t.http.post('/api/tickets').set(auth(agent)).send({ ...body, customer: { ...(body.customer as object), ...customer } }).expect(201);
  const dispatched = await act(`/api/tickets/${accepted.body.id}/dispatch`, agent, accepted.body.version, { unit_id: t.fixture.units.countyTeam });
  await act(`/api/tickets/${accepted.body.id}/resolve`, handler, dispatched.body.version, resolution).expect(200);
  const ticket = (await t.http.get(`/api/tickets/${accepted.body.id}`).set(auth(agent)).expect(200)).body as { id: number; number: string; customer: { id: number; phone: string } };
  return ticket;
}

interface Attempt { id: number; attempt: number; state: string; channel: string; outcome: string | null; answered_via: string | null; assignee_id: number | null; note: string | null }
const attempts = async (ticketId: number) =>
  (await t.http.get(`/api/callbacks?ticket_id=${ticketId}`).set(auth(t.fixture.users.supervisor)).expect(200)).body.items as Attempt[];
const ticketOf = async (ticketId: number) => (await t.http.get(`/api/tickets/${ticketId}`).set(auth(t.fixture.users.agent)).expect(200)).body as {
  status: string; handling_round: number; version: number; events: { type: string; data: Record<string, unknown> }[];
};
const runDue = async () => {
  await t.services.scheduler.runDue();
  await t.services.scheduler.runDue();
};
/** the SMS survey of a ticket, once the SMSC has it */
async function surveyOf(ticket: { number: string; customer: { phone: string } }) {
  await until(() => smsc.submits.some((s) => s.text.includes(ticket.number)), 5000, `the survey of ${ticket.number}`);
  return smsc.submits.find((s) => s.text.includes(ticket.number))!;
}

describe('the SMS survey', () => {
  it('goes out in callable hours bound to the attempt; a "1" closes the ticket, and the receipt is recorded', async () => {
    const ticket = await resolvedComplaint();
    await runDue();
    const [first] = await attempts(ticket.id);
    expect(first).toMatchObject({ attempt: 1, state: 'automated', channel: 'sms', assignee_id: null });
    const sms = await surveyOf(ticket);
    expect(sms).toMatchObject({ to: ticket.customer.phone, from: '10001' });
    expect(sms.text).toBe(`您的工单${ticket.number}已处理，回复1满意，2不满意。回复TD退订。`);
    expect(await smsc.receipt(sms.messageId)).toBe(0);
    // the SMSC writes the number internationally; a full-width digit is still a 1
    expect(await smsc.reply(`86${ticket.customer.phone}`, '１')).toBe(0);
    const after = await ticketOf(ticket.id);
    expect(after.status).toBe('closed');
    expect((await attempts(ticket.id))[0]).toMatchObject({ state: 'done', outcome: 'satisfied', answered_via: 'sms', channel: 'sms' });
    const row = await t.knex('callback_auto_attempts').where({ callback_id: first!.id }).first();
    expect(row).toMatchObject({ state: 'sent', external_id: sms.messageId, delivery: 'DELIVRD', reply_text: '１', reply_effect: 'outcome' });
  });

  it('a "2" sends the ticket back for a second handling, as an unsatisfied call does', async () => {
    const ticket = await resolvedComplaint();
    await runDue();
    await surveyOf(ticket);
    await smsc.reply(ticket.customer.phone, '2');
    const after = await ticketOf(ticket.id);
    expect(after).toMatchObject({ status: 'dispatched', handling_round: 2 });
    expect(after.events.map((e) => e.type)).toContain('second_handling_started');
  });

  it('silence until the wait ends hands the round to an agent, whose tries are not used up; a late reply overrides nothing', async () => {
    const ticket = await resolvedComplaint();
    await runDue();
    await surveyOf(ticket);
    t.clock.advance(3601);
    await runDue();
    const [sms, call] = await attempts(ticket.id);
    expect(sms).toMatchObject({ state: 'done', outcome: 'no_reply', channel: 'sms' });
    expect(call).toMatchObject({ attempt: 2, channel: 'phone', state: 'due', assignee_id: t.fixture.users.agent.id });
    // the agent's call
    await act(`/api/tickets/${ticket.id}/callback`, t.fixture.users.agent, (await ticketOf(ticket.id)).version, { outcome: 'satisfied' }).expect(200);
    expect(await smsc.reply(ticket.customer.phone, '2')).toBe(0);
    const after = await ticketOf(ticket.id);
    expect(after.status).toBe('closed');
    expect(after.events).toContainEqual(expect.objectContaining({ type: 'callback_late_reply', data: expect.objectContaining({ text: '2', outcome: 'unsatisfied' }) }));
    t.clock.set('2026-11-25T02:00:00Z');
  });

  it('any other reply goes to an agent as a note at once; TD opts the number out of surveys', async () => {
    const ticket = await resolvedComplaint();
    await runDue();
    await surveyOf(ticket);
    await smsc.reply(ticket.customer.phone, '宽带还是很慢');
    const [sms, call] = await attempts(ticket.id);
    expect(sms).toMatchObject({ outcome: 'no_reply', note: '宽带还是很慢' });
    expect(call).toMatchObject({ channel: 'phone', state: 'due' });

    const other = await resolvedComplaint();
    await runDue();
    await surveyOf(other);
    await smsc.reply(other.customer.phone, '退订');
    expect((await attempts(other.id))[1]).toMatchObject({ channel: 'phone' });
    expect((await t.http.get(`/api/callbacks/preferences/${other.customer.id}`).set(auth(t.fixture.users.agent)).expect(200)).body).toMatchObject({ opted_out: true });
    // the same customer's next complaint is called by an agent
    const again = await resolvedComplaint({ phone: other.customer.phone });
    await runDue();
    expect((await attempts(again.id))[0]).toMatchObject({ channel: 'phone', state: 'due' });
  });

  it('big customers, and customers who asked for a person, always get an agent', async () => {
    const big = await resolvedComplaint({ tier: 'big_customer' });
    const prefers = await resolvedComplaint();
    await t.http.put(`/api/callbacks/preferences/${prefers.customer.id}`).set(auth(t.fixture.users.agent)).send({ channel: 'phone', language: 'zh-CN', opted_out: false }).expect(200);
    await runDue();
    expect((await attempts(big.id))[0]).toMatchObject({ channel: 'phone', state: 'due' });
    // its attempt was due at the resolution and fell due in this runDue, after the preference was set
    expect((await attempts(prefers.id))[0]).toMatchObject({ channel: 'phone' });
  });
});

describe('faults of the SMS centre', () => {
  it('while the SMSC is down attempts queue; when it returns each is sent exactly once', async () => {
    await smsc.stop();
    await until(() => !dispatch.smpp!.bound(), 5000, 'the desk noticed the SMSC is gone');
    const tickets = [await resolvedComplaint(), await resolvedComplaint(), await resolvedComplaint()];
    await runDue();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const queued = await t.knex('callback_auto_attempts').whereIn('ticket_id', tickets.map((x) => x.id)).pluck('state');
    expect(queued).toEqual(['queued', 'queued', 'queued']);
    await smsc.listen();
    // slow, too: the answers take a while
    smsc.delayMs = 150;
    for (const ticket of tickets) await surveyOf(ticket);
    await new Promise((resolve) => setTimeout(resolve, 300));
    smsc.delayMs = 0;
    for (const ticket of tickets) expect(smsc.countTo(ticket.customer.phone)).toBe(1);
    expect(await t.knex('callback_auto_attempts').whereIn('ticket_id', tickets.map((x) => x.id)).pluck('state')).toEqual(['sent', 'sent', 'sent']);
  });

  it('a message the SMSC refuses for good goes to an agent; a receipt that overtakes its submit answer is matched after', async () => {
    smsc.refuseWith = 0x0b; // ESME_RINVDSTADR
    const ticket = await resolvedComplaint();
    await runDue();
    await until(async () => (await attempts(ticket.id)).length === 2, 5000, 'the hand-off');
    smsc.refuseWith = null;
    expect((await attempts(ticket.id))[0]).toMatchObject({ outcome: 'no_reply', channel: 'sms' });
    // a receipt for an id not recorded yet is kept, then applied when the id is
    await smsc.receipt('M-early', 'DELIVRD');
    expect(await t.knex('callback_sms_receipts').where({ message_id: 'M-early' }).first()).toBeTruthy();
  });
});

describe('the voice platform', () => {
  it('calls a customer who prefers IVR with a signed request; the signed key press closes the ticket; forged results are refused', async () => {
    const ticket = await resolvedComplaint();
    await t.http.put(`/api/callbacks/preferences/${ticket.customer.id}`).set(auth(t.fixture.users.agent)).send({ channel: 'ivr', language: 'en', opted_out: false }).expect(200);
    // preferences are read when the attempt falls due
    await runDue();
    await until(() => calls.some((c) => c.body.phone === ticket.customer.phone), 5000, 'the call request');
    const call = calls.find((c) => c.body.phone === ticket.customer.phone)!;
    expect(verify(IVR_SECRET, { timestamp: call.headers[TIMESTAMP_HEADER] as string, signature: call.headers[SIGNATURE_HEADER] as string }, Buffer.from(call.raw), t.clock.now())).toBe(true);
    expect(call.body.prompt).toContain(ticket.number);
    expect(call.body.result_url).toBe('http://desk.example.test/api/callbacks/ivr/results');

    const post = (body: object, secret = IVR_SECRET) => {
      const raw = JSON.stringify(body);
      const ts = Math.floor(t.clock.now().getTime() / 1000);
      return t.http.post('/api/callbacks/ivr/results').set('content-type', 'application/json').set(TIMESTAMP_HEADER, String(ts)).set(SIGNATURE_HEADER, sign(secret, ts, raw)).send(raw);
    };
    const forged = await post({ request_id: call.body.request_id, result: 'pressed_2' }, 'not-the-secret-at-all');
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('invalid_signature');
    expect((await post({ request_id: call.body.request_id, result: 'pressed_1' })).body).toEqual({ recorded: true });
    expect((await post({ request_id: call.body.request_id, result: 'pressed_1' })).body).toEqual({ recorded: false });
    expect((await ticketOf(ticket.id)).status).toBe('closed');
    expect((await attempts(ticket.id))[0]).toMatchObject({ channel: 'ivr', outcome: 'satisfied', answered_via: 'ivr' });
  });

  it('busy, no answer or a hang-up hand the round to an agent', async () => {
    const ticket = await resolvedComplaint();
    await t.http.put(`/api/callbacks/preferences/${ticket.customer.id}`).set(auth(t.fixture.users.agent)).send({ channel: 'ivr', language: 'zh-CN', opted_out: false }).expect(200);
    await runDue();
    await until(() => calls.some((c) => c.body.phone === ticket.customer.phone), 5000, 'the call request');
    const call = calls.find((c) => c.body.phone === ticket.customer.phone)!;
    const raw = JSON.stringify({ request_id: call.body.request_id, result: 'busy' });
    const ts = Math.floor(t.clock.now().getTime() / 1000);
    await t.http.post('/api/callbacks/ivr/results').set('content-type', 'application/json').set(TIMESTAMP_HEADER, String(ts)).set(SIGNATURE_HEADER, sign(IVR_SECRET, ts, raw)).send(raw).expect(200);
    const [ivr, agent] = await attempts(ticket.id);
    expect(ivr).toMatchObject({ channel: 'ivr', outcome: 'no_reply' });
    expect(agent).toMatchObject({ channel: 'phone', state: 'due' });
  });
});

describe('the monthly figures', () => {
  it('count SMS, IVR and agents\' answers by channel, reply rates, opt-outs and callbacks that needed no agent', async () => {
    const res = await t.http.get('/api/reports/callback-channels?month=2026-11').set(auth(t.fixture.users.manager)).expect(200);
    const sms = res.body.attempts.find((a: { channel: string }) => a.channel === 'sms');
    expect(sms.attempts).toBeGreaterThanOrEqual(6);
    expect(sms.answered).toBe(2);
    expect(sms.reply_rate).toBeGreaterThan(0);
    expect(res.body.answers).toEqual(expect.arrayContaining([
      { via: 'sms', satisfied: 1, unsatisfied: 1 }, { via: 'ivr', satisfied: 1, unsatisfied: 0 }, { via: 'phone', satisfied: 1, unsatisfied: 0 },
    ]));
    expect(res.body.settled_without_agent).toBe(3);
    expect(res.body.settled_by_agent).toBe(1);
    expect(res.body.opt_outs).toBe(1);
    // first-time satisfaction stays defined whatever the channel
    const figures = await t.http.get('/api/callbacks/figures?from=2026-11').set(auth(t.fixture.users.manager)).expect(200);
    const county = figures.body.items.find((r: { unit_id: number }) => r.unit_id === t.fixture.units.countyTeam);
    expect(county).toMatchObject({ first_answered: 4, first_satisfied: 3 });
  });
});
