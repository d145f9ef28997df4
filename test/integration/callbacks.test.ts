import { createTokenService } from '../../server/auth/tokens';
import { balance } from '../../server/callbacks/assignment';
import { registerCallbackJobs } from '../../server/callbacks/jobs';
import { createCallbacksService } from '../../server/callbacks/service';
import { createCalendarService } from '../../server/sla/calendars';
import { createSlaService } from '../../server/sla/service';
import { createScheduler } from '../../server/jobs';
import { auth, complaintBody, startTestApp, TOKEN_SECRET, type TestApp, type TestUser } from '../helpers/app';
import { startMail, type MailSystem } from '../../server/mail';
import { RESOLUTION, ticketFactories } from '../factories/tickets';
import { SmtpSink } from '../helpers/smtp';
import { until } from '../helpers/until';

/**
 * Automatic callbacks, told as the desk lives them. The clock starts at 10:00 in Asia/Shanghai
 * (02:00 UTC); callable hours are 09:00–20:00; the scheduler is driven with runDue().
 */
let t: TestApp;
let smtp: SmtpSink;
let mail: MailSystem;
let tickets: ReturnType<typeof ticketFactories>;
beforeAll(async () => {
  smtp = await SmtpSink.create();
  await smtp.start();
  t = await startTestApp({ env: { SMTP_URL: smtp.url, LOOPDESK_PUBLIC_URL: 'http://desk.example.test' } });
  tickets = ticketFactories(t);
  // survey and unit-head mail are recorded by the scheduled handlers and sent by the mail worker
  mail = await startMail(t.deps, { smtp: { ignoreTLS: true }, pollMs: 100 });
});
afterEach(() => t.clock.reset());
afterAll(async () => {
  await mail.stop();
  await t.close();
  await smtp.stop();
});

const resolution = RESOLUTION;

async function act(path: string, user: TestUser, version: number, body: object) {
  return t.http.post(path).set(auth(user)).set('If-Match', String(version)).send(body);
}

const callbacksOf = async (ticketId: number) =>
  (await t.http.get(`/api/callbacks?ticket_id=${ticketId}`).set(auth(t.fixture.users.supervisor)).expect(200)).body.items as {
    id: number; attempt: number; handling_round: number; due_at: string; state: string; assignee_id: number | null; outcome: string | null; answered_via: string | null;
  }[];
const version = async (ticketId: number) => (await t.http.get(`/api/tickets/${ticketId}`).set(auth(t.fixture.users.agent))).body.version as number;
const duty = (user: TestUser, onDuty: boolean) => t.http.put(`/api/callbacks/agents/${user.id}`).set(auth(t.fixture.users.supervisor)).send({ on_duty: onDuty }).expect(200);
const runDue = async () => {
  await t.services.scheduler.runDue();
  await t.services.scheduler.runDue();
};

describe('scheduling in callable hours', () => {
  beforeEach(() => t.clock.set('2026-11-25T02:00:00Z'));

  it('schedules the callback at once when resolved in callable hours, and the tick makes it due and assigns it', async () => {
    await duty(t.fixture.users.agent, true);
    const ticket = await tickets.resolvedTicket();
    const [callback] = await callbacksOf(ticket.id);
    expect(callback).toMatchObject({ attempt: 1, handling_round: 1, due_at: '2026-11-25T02:00:00.000Z', assignee_id: null });
    await runDue();
    expect((await callbacksOf(ticket.id))[0]).toMatchObject({ state: 'due', assignee_id: t.fixture.users.agent.id });
    expect(t.events).toContainEqual(expect.objectContaining({ type: 'callback.due', callbackId: callback!.id, assigneeId: t.fixture.users.agent.id }));
    const mine = await t.http.get('/api/callbacks?state=due&assignee_id=me').set(auth(t.fixture.users.agent)).expect(200);
    expect(mine.body.items.map((c: { ticket_id: number }) => c.ticket_id)).toContain(ticket.id);
    await duty(t.fixture.users.agent, false);
  });

  it('survives a restart: what was armed in PostgreSQL fires from a fresh process\'s scheduler', async () => {
    const ticket = await tickets.resolvedTicket();
    // another process: its own scheduler and callbacks service over the same database
    const scheduler = createScheduler(t.deps, { redisUrl: null });
    const calendars = createCalendarService(t.deps, createSlaService(t.deps, scheduler));
    registerCallbackJobs(scheduler, createCallbacksService(t.deps, { scheduler, calendars }));
    expect(await scheduler.runDue()).toBeGreaterThanOrEqual(1);
    expect((await callbacksOf(ticket.id))[0]!.state).toBe('due');
    expect(await t.services.scheduler.runDue()).toBe(0);
  });

  it('does not ring at night: a resolution at 23:50 is called back at 09:00 next morning', async () => {
    t.clock.set('2026-11-25T15:50:00Z'); // 23:50 in Shanghai
    const ticket = await tickets.resolvedTicket();
    expect((await callbacksOf(ticket.id))[0]).toMatchObject({ due_at: '2026-11-26T01:00:00.000Z', state: 'scheduled' });
    await runDue();
    expect((await callbacksOf(ticket.id))[0]!.state).toBe('scheduled');
  });

  it('skips the holidays in the policy after a resolution on their eve', async () => {
    const policy = (await t.http.get('/api/callbacks/policy').set(auth(t.fixture.users.supervisor)).expect(200)).body;
    const { updated_by: _u, updated_at: _a, ...input } = policy;
    await t.http.put('/api/callbacks/policy').set(auth(t.fixture.users.supervisor))
      .send({ ...input, callable_hours: { from: '09:00', until: '20:00' }, holidays: ['2026-12-11', '2026-12-12'] }).expect(200);
    try {
      t.clock.set('2026-12-10T13:00:00Z'); // 21:00 on the 10th: the next two days are holidays
      const ticket = await tickets.resolvedTicket();
      expect((await callbacksOf(ticket.id))[0]!.due_at).toBe('2026-12-13T01:00:00.000Z');
    } finally {
      await t.http.put('/api/callbacks/policy').set(auth(t.fixture.users.supervisor)).send({ ...input, callable_hours: { from: '09:00', until: '20:00' } }).expect(200);
    }
  });

  it('takes the public holidays from the SLA working calendar: New Year\'s Eve at 21:00 is called back on 2 January', async () => {
    t.clock.set('2026-12-31T13:00:00Z');
    // the fixture's tokens are thirty days old by then: sign in again
    const tokens = createTokenService(TOKEN_SECRET, 86400, t.clock);
    const users = [t.fixture.users.agent, t.fixture.users.handler, t.fixture.users.supervisor];
    const saved = users.map((u) => u.token);
    for (const u of users) u.token = (await tokens.issue(u.id)).token;
    try {
      expect((await t.http.get('/api/callbacks/policy').set(auth(t.fixture.users.supervisor))).body.holiday_calendar).toBe('business');
      const ticket = await tickets.resolvedTicket();
      expect((await callbacksOf(ticket.id))[0]!.due_at).toBe('2027-01-02T01:00:00.000Z');
    } finally {
      users.forEach((u, i) => { u.token = saved[i]!; });
    }
  });
});

describe('attempts', () => {
  beforeEach(() => t.clock.set('2026-11-25T02:00:00Z'));

  it('tries three times two hours apart, in callable hours, then closes as unreachable, every attempt on the timeline', async () => {
    const ticket = await tickets.resolvedTicket();
    const { agent } = t.fixture.users;
    const dueTimes: string[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const open = (await callbacksOf(ticket.id)).find((c) => c.state !== 'done')!;
      expect(open.attempt).toBe(attempt);
      dueTimes.push(open.due_at);
      t.clock.set(open.due_at);
      await runDue();
      const res = await act(`/api/tickets/${ticket.id}/callback`, agent, await version(ticket.id), { outcome: 'unreachable' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(attempt < 3 ? 'resolved' : 'closed');
    }
    expect(dueTimes).toEqual(['2026-11-25T02:00:00.000Z', '2026-11-25T04:00:00.000Z', '2026-11-25T06:00:00.000Z']);
    const detail = (await t.http.get(`/api/tickets/${ticket.id}`).set(auth(agent))).body;
    expect(detail.close_reason).toBe('unreachable');
    const types = detail.events.map((e: { type: string }) => e.type).filter((type: string) => type.startsWith('callback') || type === 'closed');
    expect(types).toEqual([
      'callback_scheduled', 'callback_due', 'callback_unreachable',
      'callback_scheduled', 'callback_due', 'callback_unreachable',
      'callback_scheduled', 'callback_due', 'closed',
    ]);
  });

  it('moves an attempt that would fall after 20:00 to the next morning', async () => {
    t.clock.set('2026-11-25T11:00:00Z'); // 19:00
    const ticket = await tickets.resolvedTicket();
    await act(`/api/tickets/${ticket.id}/callback`, t.fixture.users.agent, ticket.version, { outcome: 'unreachable' });
    expect((await callbacksOf(ticket.id)).find((c) => c.attempt === 2)!.due_at).toBe('2026-11-26T01:00:00.000Z');
  });
});

describe('balanced assignment', () => {
  beforeAll(async () => {
    // a second agent, so the balance has three people to spread over
    const res = await t.http.post('/api/users').set(auth(t.fixture.users.admin))
      .send({ username: 'agent2', name: '回访员二', role: 'agent', unit_id: t.fixture.units.city, password: 'Desk-pass-2026' }).expect(201);
    second = { id: res.body.id, username: 'agent2', role: 'agent', unit_id: t.fixture.units.city, token: '' };
  });
  let second: TestUser;

  it('spreads due callbacks over the agents on duty, least open first, and hands an off-duty agent\'s list to the others', async () => {
    t.clock.set('2026-11-27T02:00:00Z');
    const { agent, supervisor } = t.fixture.users;
    await duty(agent, true);
    await duty(supervisor, true);
    await t.http.put(`/api/callbacks/agents/${second.id}`).set(auth(t.fixture.users.admin)).send({ on_duty: true }).expect(200);
    await runDue(); // whatever else was due by now is handed out first
    const loadsNow = async () => new Map<number, number>(
      ((await t.http.get('/api/callbacks/agents').set(auth(supervisor)).expect(200)).body as { user_id: number; open_callbacks: number; on_duty: boolean }[])
        .filter((a) => a.on_duty).map((a) => [a.user_id, a.open_callbacks]),
    );
    const before = await loadsNow();
    expect(before.size).toBe(3);
    for (let i = 0; i < 6; i += 1) await tickets.resolvedTicket();
    await runDue();
    // each of the six went to whoever had the fewest open callbacks at that moment
    const expected = new Map(before);
    for (const id of balance(before, 6)) expected.set(id!, expected.get(id!)! + 1);
    expect(await loadsNow()).toEqual(expected);

    // the supervisor goes off duty: their open callbacks move to the two agents, on the timeline
    const supervisorsOpen = (await t.http.get(`/api/callbacks?assignee_id=${supervisor.id}&state=due`).set(auth(supervisor))).body.items as { ticket_id: number }[];
    expect(supervisorsOpen.length).toBeGreaterThan(0);
    await duty(supervisor, false);
    expect((await t.http.get(`/api/callbacks?assignee_id=${supervisor.id}&state=due`).set(auth(supervisor))).body.items).toEqual([]);
    const moved = (await t.http.get(`/api/tickets/${supervisorsOpen[0]!.ticket_id}`).set(auth(agent))).body.events.find((e: { type: string }) => e.type === 'callback_reassigned');
    expect(moved.data).toMatchObject({ from_assignee_id: supervisor.id });
    expect([agent.id, second.id]).toContain(moved.data.assignee_id);

    // the load counters the triggers keep match a count of the open callbacks
    const counted = await t.knex('callbacks').whereIn('state', ['scheduled', 'due']).whereNotNull('assignee_id').groupBy('assignee_id').select('assignee_id', t.knex.raw('count(*)::int AS n'));
    const shown = (await t.http.get('/api/callbacks/agents').set(auth(supervisor))).body as { user_id: number; open_callbacks: number }[];
    for (const a of shown) expect(a.open_callbacks).toBe(counted.find((c: { assignee_id: number }) => c.assignee_id === a.user_id)?.n ?? 0);
  });

  it('an agent sets only their own duty; a handler cannot be a callback agent', async () => {
    const { agent, supervisor, handler } = t.fixture.users;
    expect((await t.http.put(`/api/callbacks/agents/${supervisor.id}`).set(auth(agent)).send({ on_duty: true })).status).toBe(403);
    expect((await t.http.put(`/api/callbacks/agents/${handler.id}`).set(auth(supervisor)).send({ on_duty: true })).status).toBe(422);
  });
});

describe('an unsatisfied customer', () => {
  it('sends the ticket back to its unit for a second handling, tells the unit head, and flags a missed deadline', async () => {
    t.clock.set('2026-11-28T02:00:00Z');
    const ticket = await tickets.resolvedTicket();
    const { agent, handler, head } = t.fixture.users;
    const reopened = await act(`/api/tickets/${ticket.id}/callback`, agent, ticket.version, { outcome: 'unsatisfied', note: '钱还没退到账' });
    expect(reopened.body).toMatchObject({ status: 'dispatched', handling_round: 2, unit_id: t.fixture.units.countyTeam });
    expect(t.events).toContainEqual(expect.objectContaining({ type: 'callback.unsatisfied', userId: head.id, handlingRound: 2, dueAt: '2026-11-28T14:00:00.000Z' }));

    await runDue();
    await until(() => smtp.received.some((m) => m.to.includes('head1@example.test') && (m.mail.subject ?? '').includes(ticket.number)), 10_000, 'the unit head mail');
    const told = smtp.received.find((m) => m.to.includes('head1@example.test') && (m.mail.subject ?? '').includes(ticket.number));
    expect(told?.mail.text).toContain('钱还没退到账');

    t.clock.set('2026-11-28T14:00:01Z');
    await runDue();
    expect(t.events).toContainEqual(expect.objectContaining({ type: 'callback.second_handling_overdue', userId: head.id, handlingRound: 2 }));

    // resolved again: the second round gets its own callback, in callable hours (22:00 → 09:00)
    const again = await act(`/api/tickets/${ticket.id}/resolve`, handler, reopened.body.version, resolution);
    expect(again.status).toBe(200);
    const round2 = (await callbacksOf(ticket.id)).find((c) => c.handling_round === 2)!;
    expect(round2).toMatchObject({ attempt: 1, due_at: '2026-11-29T01:00:00.000Z' });
    const types = (await t.http.get(`/api/tickets/${ticket.id}`).set(auth(agent))).body.events.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['reopened', 'second_handling_started', 'second_handling_overdue']));
  });
  it('a second handling resolved in time is not flagged when its deadline passes', async () => {
    t.clock.set('2026-11-28T03:00:00Z');
    const ticket = await tickets.resolvedTicket();
    const reopened = await act(`/api/tickets/${ticket.id}/callback`, t.fixture.users.agent, ticket.version, { outcome: 'unsatisfied' });
    t.clock.advance(3600);
    expect((await act(`/api/tickets/${ticket.id}/resolve`, t.fixture.users.handler, reopened.body.version, resolution)).status).toBe(200);
    t.clock.advance(13 * 3600);
    await runDue();
    expect(t.events.filter((e) => e.type === 'callback.second_handling_overdue' && e.ticket.id === ticket.id)).toEqual([]);
  });
});

describe('the mail survey', () => {
  beforeEach(() => t.clock.set('2026-12-01T02:00:00Z'));

  async function mailedLink(email: string): Promise<{ ticketId: number; number: string; token: string }> {
    // a fault report: a leadership case could not close from the survey before its owner's duties
    const ticket = await tickets.resolvedTicket({ customer: { email }, intake: { type: 'fault', category: 'broadband' } });
    await runDue();
    await until(() => smtp.received.some((m) => m.to.includes(email)), 10_000, 'the survey mail');
    const survey = smtp.received.find((m) => m.to.includes(email));
    const link = /http:\/\/desk\.example\.test\/survey\/([^\s?]+)/.exec(survey!.mail.text ?? '');
    expect(link).not.toBeNull();
    return { ticketId: ticket.id, number: ticket.number, token: link![1]! };
  }

  it('mails a link whose page shows only the ticket number and summary, and whose answer closes the ticket once', async () => {
    const { ticketId, number, token } = await mailedLink('wang@example.test');
    const page = await t.http.get(`/survey/${token}`).expect(200);
    expect(page.text).toContain(number);
    expect(page.text).toContain('宽带');
    expect(page.text).not.toContain('1390411'); // no phone
    expect(page.text).not.toContain('多扣费'); // no description
    const english = await t.http.get(`/survey/${token}?lang=en`).expect(200);
    expect(english.text).toContain('Are you satisfied');
    const api = await t.http.get(`/api/surveys/${token}?lang=en`).expect(200);
    expect(api.body).toEqual({ ticket_number: number, summary: 'broadband', expires_at: '2026-12-04T02:00:00.000Z' });

    const answered = await t.http.post(`/survey/${token}`).type('form').send({ outcome: 'satisfied', comment: '很满意' }).expect(200);
    expect(answered.text).toContain('感谢');
    const ticket = (await t.http.get(`/api/tickets/${ticketId}`).set(auth(t.fixture.users.agent))).body;
    expect(ticket).toMatchObject({ status: 'closed', close_reason: 'satisfied' });
    expect((await callbacksOf(ticketId))[0]).toMatchObject({ outcome: 'satisfied', answered_via: 'survey' });

    const reused = await t.http.post(`/survey/${token}`).type('form').send({ outcome: 'unsatisfied' });
    expect(reused.status).toBe(409);
    expect(reused.text).toContain('已经提交过');
    expect((await t.http.get(`/api/surveys/${token}`)).status).toBe(409);
  });

  it('answers a forged or altered link with a clear page', async () => {
    const { token } = await mailedLink('li@example.test');
    const [id, exp, sig] = token.split('.');
    for (const forged of [`${Number(id) + 1}.${exp}.${sig}`, `${id}.${Number(exp) + 3600}.${sig}`, `${id}.${exp}.${sig!.slice(0, -2)}AA`, 'garbage']) {
      const res = await t.http.get(`/survey/${forged}`);
      expect(res.status).toBe(404);
      expect(res.type).toBe('text/html');
      expect(res.text).toContain('此链接无效');
    }
    const api = await t.http.post(`/api/surveys/${id}.${exp}.${sig!.slice(0, -2)}AA`).send({ outcome: 'satisfied' });
    expect(api.status).toBe(404);
  });

  it('answers an expired link with a clear page, and the phone callback goes on', async () => {
    const { ticketId, token } = await mailedLink('zhao@example.test');
    t.clock.advance(72 * 3600 + 1);
    const res = await t.http.post(`/survey/${token}?lang=en`).type('form').send({ outcome: 'unsatisfied' });
    expect(res.status).toBe(410);
    expect(res.text).toContain('expired');
    expect((await callbacksOf(ticketId))[0]!.state).toBe('due');
  });
});

describe('the callback policy', () => {
  it('closes a ticket type that needs no callback at resolution with close_reason no_callback; complaints always get one', async () => {
    t.clock.set('2026-12-02T02:00:00Z');
    const { supervisor, agent } = t.fixture.users;
    const policy = (await t.http.get('/api/callbacks/policy').set(auth(supervisor))).body;
    const { updated_by: _u, updated_at: _a, ...input } = policy;
    const strict = { ...input, callable_hours: { from: '09:00', until: '20:00' }, ticket_types: ['complaint', 'fault'], one_call_resolutions: false };
    expect((await t.http.put('/api/callbacks/policy').set(auth(supervisor)).send({ ...strict, ticket_types: ['fault'] })).status).toBe(400);
    expect((await t.http.put('/api/callbacks/policy').set(auth(agent)).send(strict)).status).toBe(403);
    await t.http.put('/api/callbacks/policy').set(auth(supervisor)).send(strict).expect(200);
    try {
      const onTheSpot = { resolution: '已解答', cause: '咨询', responsibility: 'none' };
      const request = await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody({ type: 'request', category: 'other', resolve: onTheSpot })).expect(201);
      expect(request.body).toMatchObject({ status: 'closed', close_reason: 'no_callback' });
      const fault = await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody({ type: 'fault', category: 'broadband', resolve: onTheSpot })).expect(201);
      expect(fault.body).toMatchObject({ status: 'closed', close_reason: 'no_callback' });
      const complaint = await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody({ resolve: onTheSpot })).expect(201);
      expect(complaint.body.status).toBe('resolved');
      expect(await callbacksOf(complaint.body.id)).toHaveLength(1);
    } finally {
      await t.http.put('/api/callbacks/policy').set(auth(supervisor)).send({ ...input, callable_hours: { from: '09:00', until: '20:00' } }).expect(200);
    }
  });
});

describe('figures', () => {
  it('computes first-time, second-time satisfaction and the unreachable rate per unit and month from hand-counted answers', async () => {
    const { agent, head, manager } = t.fixture.users;
    const inUnit = async (unitId: number) => {
      const accepted = await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201);
      expect((await act(`/api/tickets/${accepted.body.id}/dispatch`, agent, accepted.body.version, { unit_id: unitId })).status).toBe(200);
      return accepted.body.id as number;
    };
    const team = await inUnit(t.fixture.units.countyTeam);
    const other = await inUnit(t.fixture.units.otherCounty);
    let attempt = 10;
    const answer = (ticketId: number, round: number, outcome: string, doneAt: string) => ({
      ticket_id: ticketId, handling_round: round, attempt: attempt++, due_at: doneAt, state: 'done', outcome, done_at: doneAt, created_at: doneAt,
    });
    // September 2026 (Shanghai time). County team: first handling 3 satisfied, 1 unsatisfied, 2 unreachable; second handling 1 satisfied.
    await t.knex('callbacks').insert([
      answer(team, 1, 'satisfied', '2026-09-03T02:00:00Z'), answer(team, 1, 'satisfied', '2026-09-04T02:00:00Z'),
      answer(team, 1, 'satisfied', '2026-09-05T02:00:00Z'), answer(team, 1, 'unsatisfied', '2026-09-06T02:00:00Z'),
      answer(team, 1, 'unreachable', '2026-09-07T02:00:00Z'), answer(team, 1, 'unreachable', '2026-09-08T02:00:00Z'),
      answer(team, 2, 'satisfied', '2026-09-10T02:00:00Z'),
      // the other county: 1 unsatisfied, 1 unreachable
      answer(other, 1, 'unsatisfied', '2026-09-11T02:00:00Z'), answer(other, 1, 'unreachable', '2026-09-12T02:00:00Z'),
      // 00:30 on 1 October in Shanghai, still 30 September in UTC: October's
      answer(team, 2, 'unsatisfied', '2026-09-30T16:30:00Z'),
    ]);
    const res = await t.http.get('/api/callbacks/figures?from=2026-09&to=2026-10').set(auth(manager)).expect(200);
    const row = (month: string, unitId: number) => res.body.items.find((r: { month: string; unit_id: number }) => r.month === month && r.unit_id === unitId);
    expect(row('2026-09', t.fixture.units.countyTeam)).toMatchObject({
      attempts: 7, unreachable: 2, first_answered: 4, first_satisfied: 3, second_answered: 1, second_satisfied: 1,
      first_time_satisfaction: 0.75, second_time_satisfaction: 1, unreachable_rate: 0.2857,
    });
    expect(row('2026-09', t.fixture.units.otherCounty)).toMatchObject({ attempts: 2, first_time_satisfaction: 0, second_time_satisfaction: null, unreachable_rate: 0.5 });
    expect(row('2026-10', t.fixture.units.countyTeam)).toMatchObject({ attempts: 1, second_time_satisfaction: 0, first_time_satisfaction: null });

    // the county's head sees the county subtree only, in the work list and in the figures
    const headsList = (await t.http.get('/api/callbacks?state=done').set(auth(head)).expect(200)).body.items as { ticket_id: number }[];
    expect(headsList.some((c) => c.ticket_id === team)).toBe(true);
    expect(headsList.some((c) => c.ticket_id === other)).toBe(false);
    const scoped = await t.http.get('/api/callbacks/figures?from=2026-09').set(auth(head)).expect(200);
    expect(scoped.body.items.map((r: { unit_id: number }) => r.unit_id)).toEqual([t.fixture.units.countyTeam]);
    expect((await t.http.get('/api/callbacks/figures?from=2026-13').set(auth(manager))).status).toBe(400);
  });
});
