import { startMail, type MailSystem } from '../../server/mail';
import { ticketFactories } from '../factories/tickets';
import { auth, PASSWORD, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { SmtpSink } from '../helpers/smtp';
import { until } from '../helpers/until';

/**
 * The ladder: 辽宁省公司 (head: prov) → 大连市分公司 (head: city) → 庄河县分公司 (head1, the owner)
 * → 庄河装维班 (where tickets are dispatched). Policies in seconds, fired with runDue().
 */
const STEP = 600;
const INACTIVITY = 3600;

let t: TestApp;
let sink: SmtpSink;
let mail: MailSystem;
let cityHead: TestUser;
let provHead: TestUser;
let tickets: ReturnType<typeof ticketFactories>;

async function headOf(unitId: number, username: string): Promise<TestUser> {
  const { admin } = t.fixture.users;
  const user = await t.http.post('/api/users').set(auth(admin)).send({ username, name: username, role: 'unit_head', unit_id: unitId, email: `${username}@example.test`, password: PASSWORD }).expect(201);
  await t.http.patch(`/api/units/${unitId}`).set(auth(admin)).send({ head_user_id: user.body.id }).expect(200);
  const login = await t.http.post('/api/auth/login').send({ username, password: PASSWORD }).expect(200);
  return { id: user.body.id, username, role: 'unit_head', unit_id: unitId, token: login.body.token };
}

beforeAll(async () => {
  sink = await SmtpSink.create();
  await sink.start();
  t = await startTestApp({ env: { SMTP_URL: sink.url } });
  tickets = ticketFactories(t);
  mail = await startMail(t.deps, { retry: { backoffMs: 50 }, smtp: { ignoreTLS: true } });
  const { admin } = t.fixture.users;
  const province = await t.http.post('/api/units').set(auth(admin)).send({ code: 'LN', name: '辽宁省公司', area: 'city' }).expect(201);
  await t.http.patch(`/api/units/${t.fixture.units.city}`).set(auth(admin)).send({ parent_id: province.body.id }).expect(200);
  cityHead = await headOf(t.fixture.units.city, 'cityhead');
  provHead = await headOf(province.body.id, 'provhead');
  await t.http.put('/api/escalation-policy').set(auth(t.fixture.users.supervisor)).send({ inactivity_seconds: INACTIVITY, step_seconds: STEP }).expect(403);
  await t.http.put('/api/escalation-policy').set(auth(admin)).send({ inactivity_seconds: INACTIVITY, step_seconds: STEP }).expect(200);
});
afterEach(() => t.clock.reset());
afterAll(async () => {
  await mail.stop();
  await t.close();
  await sink.stop();
});

const escalationsOf = async (ticketId: number) =>
  (await t.http.get(`/api/tickets/${ticketId}`).set(auth(t.fixture.users.supervisor)).expect(200)).body.ownership.escalations as { id: number; level: number; recipient_id: number; reason: string; acknowledged_at: string | null }[];
const timeline = async (ticketId: number) =>
  ((await t.http.get(`/api/tickets/${ticketId}`).set(auth(t.fixture.users.supervisor)).expect(200)).body.events as { type: string; data: Record<string, unknown> }[])
    .filter((e) => e.type.startsWith('escalat')).map((e) => `${e.type}${e.data.level !== undefined ? `:${String(e.data.level)}` : ''}`);

async function advance(seconds: number) {
  t.clock.advance(seconds);
  await t.services.scheduler.runDue();
}

describe('level-by-level escalation of an owned case', () => {
  it('a breach goes up a level at once, then a level per unacknowledged step, to the top; every leader is told and acknowledges', async () => {
    const { head } = t.fixture.users;
    const ticket = await tickets.ownedCase();
    // the owner called, so inactivity does not escalate; the deadline still breaches
    await t.http.post(`/api/tickets/${ticket.id}/owner-actions`).set(auth(head)).send({ kind: 'call', note: '已电话联系', at: t.clock.now().toISOString() }).expect(201);
    await advance(24 * 3600 + 1); // complaint_resolve (24 h, escalates on breach)
    await until(async () => (await escalationsOf(ticket.id)).length === 1, 5000, 'the breach escalation');
    expect(await escalationsOf(ticket.id)).toEqual([expect.objectContaining({ level: 1, recipient_id: cityHead.id, reason: 'breach', acknowledged_at: null })]);
    expect(t.events).toContainEqual(expect.objectContaining({ type: 'escalation.raised', level: 1, recipientId: cityHead.id, ownerId: head.id, reason: 'breach' }));

    await advance(STEP - 1);
    expect(await escalationsOf(ticket.id)).toHaveLength(1);
    await advance(1);
    expect((await escalationsOf(ticket.id)).map((e) => [e.level, e.recipient_id, e.reason])).toEqual([[1, cityHead.id, 'breach'], [2, provHead.id, 'unacknowledged']]);
    await advance(STEP);
    expect(await escalationsOf(ticket.id)).toHaveLength(2);
    expect(await timeline(ticket.id)).toEqual(['escalated:1', 'escalated:2', 'escalation_top_reached:2']);

    // each leader acknowledges their own level, late or not; nobody else can
    const [first, second] = await escalationsOf(ticket.id);
    const pending = await t.http.get('/api/escalations').set(auth(provHead)).expect(200);
    expect(pending.body.items.map((e: { id: number }) => e.id)).toEqual([second!.id]);
    await t.http.post(`/api/escalations/${second!.id}/acknowledge`).set(auth(cityHead)).send({}).expect(403);
    await t.http.post(`/api/escalations/${second!.id}/acknowledge`).set(auth(t.fixture.users.agent)).send({}).expect(403);
    const acked = await t.http.post(`/api/escalations/${second!.id}/acknowledge`).set(auth(provHead)).send({ note: '已督办' }).expect(200);
    expect(acked.body).toMatchObject({ level: 2, acknowledged_by: provHead.id, note: '已督办' });
    await t.http.post(`/api/escalations/${second!.id}/acknowledge`).set(auth(provHead)).send({}).expect(200);
    await t.http.post(`/api/escalations/${first!.id}/acknowledge`).set(auth(cityHead)).send({}).expect(200);
    expect((await escalationsOf(ticket.id)).every((e) => e.acknowledged_at !== null)).toBe(true);
    expect((await t.http.get('/api/escalations').set(auth(provHead)).expect(200)).body.items).toEqual([]);

    // the owner was warned by mail before the deadline (the SLA warning points), with the deadline in it
    const warnings = () => sink.received.filter((r) => r.to.includes('head1@example.test') && r.mail.subject === `【时限预警】${ticket.number} 即将超时`);
    await until(() => warnings().length >= 1, 5000, 'a deadline warning to the owner');
    expect(warnings()[0]!.mail.text).not.toContain('处理时限：未设定');

    // each leader was told by mail
    await until(() => sink.received.filter((r) => r.mail.subject?.includes(ticket.number) && r.mail.subject.includes('逐级上报')).length === 2, 5000, 'two escalation mails');
    const mails = sink.received.filter((r) => r.mail.subject?.includes('逐级上报') && r.mail.subject.includes(ticket.number));
    expect(mails.map((m) => [m.to[0], m.mail.subject])).toEqual(expect.arrayContaining([
      ['cityhead@example.test', `【逐级上报·第1级】${ticket.number} 已超时限`],
      ['provhead@example.test', `【逐级上报·第2级】${ticket.number} 上一级未签收`],
    ]));
  });

  it('an owner who records nothing is escalated after the inactivity time; an acknowledgement stops the climb', async () => {
    const ticket = await tickets.ownedCase();
    await advance(INACTIVITY - 1);
    expect(await escalationsOf(ticket.id)).toEqual([]);
    await advance(1);
    const [level1] = await escalationsOf(ticket.id);
    expect(level1).toMatchObject({ level: 1, recipient_id: cityHead.id, reason: 'inactivity' });
    await t.http.post(`/api/escalations/${level1!.id}/acknowledge`).set(auth(cityHead)).send({}).expect(200);
    await advance(STEP * 3);
    expect(await escalationsOf(ticket.id)).toHaveLength(1);
    expect(await timeline(ticket.id)).toEqual(['escalated:1', 'escalation_acknowledged:1']);
  });

  it('an owner who acted in time is not escalated; the timers live in the durable scheduler', async () => {
    const { head } = t.fixture.users;
    const acted = await tickets.ownedCase();
    const armed = await t.knex('scheduled_items').where({ kind: 'escalation.watch', key: String(acted.id) }).first();
    expect(armed).toBeDefined();
    await t.http.post(`/api/tickets/${acted.id}/owner-actions`).set(auth(head)).send({ kind: 'visit', note: '上门致歉', at: t.clock.now().toISOString() }).expect(201);
    await advance(INACTIVITY + 1);
    expect(await escalationsOf(acted.id)).toEqual([]);
  });

  it('a breach whose event was lost (a crash after the SLA commit) is caught by the case watch', async () => {
    const { head } = t.fixture.users;
    const ticket = await tickets.ownedCase();
    await t.http.post(`/api/tickets/${ticket.id}/owner-actions`).set(auth(head)).send({ kind: 'visit', note: '上门', at: t.clock.now().toISOString() }).expect(201);
    // the breach as the SLA engine records it, without the event on the bus
    const breached = await t.knex('sla_timers').where({ ticket_id: ticket.id, policy_key: 'complaint_resolve' }).update({ breached_at: t.clock.now(), level: 2 }).returning('id');
    expect(breached).toHaveLength(1);
    await advance(INACTIVITY);
    expect(await escalationsOf(ticket.id)).toEqual([expect.objectContaining({ level: 1, recipient_id: cityHead.id, reason: 'breach' })]);
    await advance(STEP); // the watch fires again: the same breach is not raised twice; level 1 did not acknowledge, so level 2
    expect((await escalationsOf(ticket.id)).map((e) => [e.level, e.reason])).toEqual([[1, 'breach'], [2, 'unacknowledged']]);
  });

  it('the policy is read by supervisors and validated', async () => {
    const policy = await t.http.get('/api/escalation-policy').set(auth(t.fixture.users.supervisor)).expect(200);
    expect(policy.body).toMatchObject({ inactivity_seconds: INACTIVITY, step_seconds: STEP });
    const bad = await t.http.put('/api/escalation-policy').set(auth(t.fixture.users.admin)).send({ inactivity_seconds: 0, step_seconds: 'x' }).expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['inactivity_seconds', 'step_seconds']);
  });
});
