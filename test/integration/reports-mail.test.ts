import { startMail, type MailSystem } from '../../server/mail';
import { firstWorkingDay, MONTHLY_MAIL_KIND } from '../../server/reports/monthly-mail';
import { auth, complaintBody, startTestApp, type TestApp } from '../helpers/app';
import { SmtpSink } from '../helpers/smtp';
import { until } from '../helpers/until';

let t: TestApp;
let sink: SmtpSink;
let mail: MailSystem;
let caseNumber: string;

beforeAll(async () => {
  sink = await SmtpSink.create();
  await sink.start();
  t = await startTestApp({
    clockStart: '2026-10-20T02:00:00Z',
    env: { SMTP_URL: sink.url, LOOPDESK_PUBLIC_URL: 'https://desk.example.test', LOOPDESK_TOKEN_TTL_SECONDS: String(90 * 86400) },
  });
  const { agent, supervisor } = t.fixture.users;
  const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201)).body;
  caseNumber = ticket.number;
  await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(agent)).set('If-Match', '1').send({ unit_id: t.fixture.units.countyTeam }).expect(200);
  t.clock.advance(3600);
  await t.http.post(`/api/tickets/${ticket.id}/resolve`).set(auth(supervisor)).set('If-Match', '2')
    .send({ resolution: '退还多扣费用', cause: '套餐配置错误', responsibility: 'company' }).expect(200);
  mail = await startMail(t.deps, { smtp: { ignoreTLS: true, connectionTimeout: 500 }, pollMs: 200 });
});
afterAll(async () => {
  await mail.stop();
  await sink.stop();
  await t.close();
});

const received = (address: string) => sink.received.filter((r) => r.to.includes(address));

describe('the monthly mail', () => {
  it('finds the first working day: weekends and the business calendar\'s holidays are skipped', async () => {
    expect(await firstWorkingDay(t.knex, '2026-11')).toBe('2026-11-02'); // the 1st is a Sunday
    expect(await firstWorkingDay(t.knex, '2027-10')).toBe('2027-10-08'); // National Day week
  });

  it('mails October\'s report on November\'s first working day: managers the company, unit heads their subtree, once', async () => {
    // the app's own wiring: registered on its scheduler by createApp, armed as main.ts does at start
    const { monthlyMail, scheduler } = t.services;
    const armed = await monthlyMail.arm(t.knex);
    const item = (key: string) => t.knex('scheduled_items').where({ kind: MONTHLY_MAIL_KIND, key }).first();
    expect(armed).toEqual({ month: '2026-10', dueAt: new Date('2026-11-02T00:00:00Z') }); // 08:00 in Asia/Shanghai

    t.clock.set('2026-11-01T23:59:00Z');
    await scheduler.runDue(); // the ticket's SLA timers fall due on the way; the mail does not yet
    expect(await item('2026-10')).toMatchObject({ state: 'pending' });
    t.clock.set('2026-11-02T00:00:01Z');
    await scheduler.runDue();
    expect(await item('2026-10')).toMatchObject({ state: 'fired' });

    const { manager, head } = t.fixture.users;
    await until(() => received(`${manager.username}@example.test`).length === 1 && received(`${head.username}@example.test`).length === 1, 10_000, 'the monthly mails');
    const company = received(`${manager.username}@example.test`)[0]!.mail;
    expect(company.subject).toBe('2026年10月服务情况通报 · 全公司');
    expect(company.text).toContain('责任投诉 Responsibility complaints：1');
    expect(company.text).toContain(caseNumber);
    expect(company.text).toContain('https://desk.example.test/reports?month=2026-10');
    // the bulletin as the HTML body, the figures as a CSV for the spreadsheet (translated header, BOM)
    expect(company.html).toContain('2026年10月服务情况通报');
    expect(company.html).toContain('size: A4 portrait');
    expect(company.attachments).toHaveLength(1);
    expect(company.attachments[0]).toMatchObject({ filename: 'case-analysis-2026-10.csv', contentType: 'text/csv' });
    const csv = company.attachments[0]!.content.toString('utf8');
    expect(csv.startsWith('\uFEFF月份,范围,单位编号,单位,受理量')).toBe(true);
    const unit = received(`${head.username}@example.test`)[0]!.mail;
    expect(unit.subject).toBe('2026年10月服务情况通报 · 庄河县分公司');
    expect(unit.text).toContain(`unit_id=${t.fixture.units.county}`);
    // handlers, agents and supervisors get none
    expect(received(`${t.fixture.users.handler.username}@example.test`)).toHaveLength(0);

    // the next month is armed in the same transaction
    expect(await item('2026-11')).toMatchObject({ state: 'pending', due_at: new Date('2026-12-01T00:00:00Z') });

    // firing October again (a re-armed item, a second process) mails no one twice
    await scheduler.schedule(t.knex, { kind: MONTHLY_MAIL_KIND, key: '2026-10', dueAt: new Date('2026-11-02T00:00:00Z') });
    await scheduler.runDue();
    expect(await item('2026-10')).toMatchObject({ state: 'fired' });
    await mail.mailer.kick();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received(`${manager.username}@example.test`)).toHaveLength(1);
  });
});
