import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { startMail, type MailSystem } from '../../server/mail';
import { maskPhone, render } from '../../server/mail/templates';
import { auth, complaintBody, startTestApp, type TestApp } from '../helpers/app';
import { SmtpSink } from '../helpers/smtp';
import { until } from '../helpers/until';

const FAST_RETRY = { backoffMs: 40, maxBackoffMs: 400 };

let sink: SmtpSink;
let t: TestApp;
beforeAll(async () => {
  sink = await SmtpSink.create();
  await sink.start();
  t = await startTestApp({ env: { SMTP_URL: sink.url, LOOPDESK_PUBLIC_URL: 'https://desk.example.test' } });
});
afterAll(async () => {
  await sink.stop();
  await t.close();
});

async function ownedCase(phone: string) {
  const { agent } = t.fixture.users;
  const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody({ category: 'service_attitude', customer: { phone, name: '李女士' } })).expect(201)).body;
  await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(agent)).set('If-Match', '1').send({ unit_id: t.fixture.units.countyTeam }).expect(200);
  return ticket as { id: number; number: string };
}

const deliveries = (notificationId: string) => t.knex('mail_deliveries').where({ notification_id: notificationId });
const countTo = (address: string, subjectPart: string) => sink.received.filter((r) => r.to.includes(address) && r.mail.subject?.includes(subjectPart)).length;

describe('mail from mail_deliveries (the one delivery path)', () => {
  const queueKind = 'outbox';
  let mail: MailSystem;
  beforeAll(async () => {
    mail = await startMail(t.deps, { retry: FAST_RETRY, smtp: { ignoreTLS: true, connectionTimeout: 500 }, pollMs: 300 });
  });
  afterAll(() => mail.stop());

  it('tells the new case owner by mail: ticket number, masked phone, deadline, console link', async () => {
    const ticket = await ownedCase('13904115678');
    await until(() => countTo('head1@example.test', ticket.number) === 1, 10_000, 'the ownership mail');
    const { mail: message } = sink.received.find((r) => r.mail.subject?.includes(ticket.number))!;
    expect(message.subject).toBe(`【领导包案】${ticket.number} 由您包案处理`);
    expect(message.text).toContain(`139****5678`);
    expect(message.text).not.toMatch(/139\d{4}5678/);
    expect(message.text).toContain('李女士');
    expect(message.text).toContain(`https://desk.example.test/tickets/${ticket.id}`);
    expect(message.text).toMatch(/处理时限：/);
    expect(message.from?.text).toContain('noreply@desk.example.test');
  });

  it('sends a notification once per recipient even when its job runs twice, concurrently or later', async () => {
    const id = `test:twice:${queueKind}`;
    const recipients = [{ userId: null, email: 'a@example.test' }, { userId: null, email: 'b@example.test' }];
    const template = { kind: 'deadline.warning' as const, data: { ticketNumber: `TS-TWICE-${queueKind}`, customerName: null, customerPhone: '139****0000', deadline: null, link: 'https://desk.example.test/tickets/1', category: 'billing', description: 'x' } };
    await mail.mailer.notify({ id, ticketId: null, template, recipients });
    await Promise.all([
      mail.mailer.deliver({ notificationId: id, recipient: 'a@example.test' }),
      mail.mailer.deliver({ notificationId: id, recipient: 'a@example.test' }),
      mail.mailer.notify({ id, ticketId: null, template, recipients }),
    ]);
    await until(async () => (await deliveries(id).where({ status: 'sent' })).length === 2, 10_000, 'both deliveries');
    await mail.mailer.deliver({ notificationId: id, recipient: 'b@example.test' });
    await mail.mailer.notify({ id, ticketId: null, template, recipients });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(countTo('a@example.test', `TS-TWICE-${queueKind}`)).toBe(1);
    expect(countTo('b@example.test', `TS-TWICE-${queueKind}`)).toBe(1);
  });

  it('keeps retrying while SMTP is down, then delivers every message exactly once when it is back', async () => {
    await sink.stop();
    const tag = `DOWN-${queueKind}`;
    const ids = Array.from({ length: 6 }, (_, i) => `test:down:${queueKind}:${i}`);
    for (const [i, id] of ids.entries()) {
      await mail.mailer.notify({
        id, ticketId: null,
        template: { kind: 'deadline.warning', data: { ticketNumber: `${tag}-${i}`, customerName: null, customerPhone: '139****0000', deadline: null, link: 'https://desk.example.test/tickets/1', category: 'billing', description: 'x' } },
        recipients: [{ userId: null, email: 'x@example.test' }, { userId: null, email: 'y@example.test' }],
      });
    }
    await until(async () => {
      const rows = await t.knex('mail_deliveries').whereIn('notification_id', ids);
      return rows.every((r: { attempts: number; status: string }) => r.attempts >= 2 && r.status !== 'sent');
    }, 10_000, 'failed attempts while SMTP is down');
    const failed = await t.knex('mail_deliveries').whereIn('notification_id', ids).first<{ last_error: string }>('last_error');
    expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);

    await sink.start();
    await until(async () => (await t.knex('mail_deliveries').whereIn('notification_id', ids).where({ status: 'sent' })).length === 12, 15_000, 'all 12 deliveries');
    await new Promise((resolve) => setTimeout(resolve, 400)); // late duplicates would show up here
    const got = sink.received.filter((r) => r.mail.subject?.includes(tag));
    expect(got).toHaveLength(12);
    expect(new Set(got.map((r) => `${r.to.join()}|${r.mail.messageId}`)).size).toBe(12);
  });

  it('a refused recipient (550) fails alone, with its error, and is sent once when retried; the rest of its batch goes once', async () => {
    sink.refused.add('gone@example.test');
    const tag = 'REFUSED-BATCH';
    const ids = Array.from({ length: 5 }, (_, i) => `test:refused:${i}`);
    // one transaction records the whole batch, as a scheduler batch or an outbox consumer does
    await t.knex.transaction(async (trx) => {
      for (const [i, id] of ids.entries()) {
        await mail.mailer.record(trx, {
          id, ticketId: null,
          template: { kind: 'deadline.warning', data: { ticketNumber: `${tag}-${i}`, customerName: null, customerPhone: '139****0000', deadline: null, link: 'https://desk.example.test/tickets/1', category: 'billing', description: 'x' } },
          recipients: [{ userId: null, email: 'ok@example.test' }, { userId: null, email: 'gone@example.test' }],
        });
      }
    });
    await mail.mailer.kick();
    await until(async () => (await t.knex('mail_deliveries').whereIn('notification_id', ids).where({ status: 'failed' })).length === 5, 10_000, 'five refusals');
    await until(() => countTo('ok@example.test', tag) === 5, 10_000, 'the accepted half');
    const refused = await t.knex('mail_deliveries').whereIn('notification_id', ids).where({ recipient: 'gone@example.test' });
    expect(refused.every((r: { status: string; attempts: number; last_error: string }) => r.status === 'failed' && r.attempts === 1 && /550|mailbox/.test(r.last_error))).toBe(true);
    expect((await mail.mailer.backlog()).failed).toBeGreaterThanOrEqual(5);

    sink.refused.delete('gone@example.test');
    expect(await mail.mailer.retryFailed()).toBeGreaterThanOrEqual(5);
    await until(() => countTo('gone@example.test', tag) === 5, 10_000, 'the retried half');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(countTo('ok@example.test', tag)).toBe(5);
    expect(countTo('gone@example.test', tag)).toBe(5);
  });
});

describe('mass complaints by mail', () => {
  it("the incident's owner gets one mail listing its tickets, not one per linked ticket", async () => {
    const mail = await startMail(t.deps, { retry: FAST_RETRY, smtp: { ignoreTLS: true } });
    try {
      const { admin, agent, head } = t.fixture.users;
      await t.http.put('/api/mass-complaint-detectors/same_category_area').set(auth(admin))
        .send({ name: '同类别同区域', match_on: 'category_area', threshold: 2, window_seconds: 3600 }).expect(200);
      const logged: { id: number; number: string; version: number }[] = [];
      for (const phone of ['13904117001', '13904117002']) {
        logged.push((await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody({ category: 'network_quality', customer: { phone, unit_id: t.fixture.units.county } })).expect(201)).body);
      }
      await until(() => sink.received.some((r) => r.mail.subject?.startsWith('【规模性投诉】')), 10_000, 'the incident mail');
      const incidentMail = sink.received.find((r) => r.mail.subject?.startsWith('【规模性投诉】'))!;
      expect(incidentMail.to).toEqual(['head1@example.test']);
      expect(incidentMail.mail.subject).toMatch(/（2 张工单）$/);
      for (const ticket of logged) expect(incidentMail.mail.text).toContain(`${ticket.number} https://desk.example.test/tickets/${ticket.id}`);

      await t.http.post(`/api/tickets/${logged[0].id}/dispatch`).set(auth(agent)).set('If-Match', String(logged[0].version)).send({ unit_id: t.fixture.units.countyTeam }).expect(200);
      await until(() => t.events.some((e) => e.type === 'ownership.assigned' && e.ticket.id === logged[0].id && e.ownerId === head.id), 5000, 'the ownership event');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await t.knex('mail_notifications').where('id', 'like', `ownership:${logged[0].id}:%`)).toEqual([]);
    } finally {
      await mail.stop();
    }
  });
});

describe('without SMTP_URL', () => {
  it('writes each message as an .eml file under the data directory', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'loopdesk-mail-'));
    const local = await startTestApp({ env: { LOOPDESK_DATA_DIR: dataDir } });
    const mail = await startMail(local.deps, { retry: FAST_RETRY });
    try {
      expect(mail.transportKind).toBe('files');
      const { agent } = local.fixture.users;
      const ticket = (await local.http.post('/api/tickets').set(auth(agent)).send(complaintBody({ channel: 'regulator', customer: { phone: '13800001234' } })).expect(201)).body;
      await local.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(agent)).set('If-Match', '1').send({ unit_id: local.fixture.units.county }).expect(200);
      const dir = path.join(dataDir, 'mail');
      await until(async () => (await fs.readdir(dir).catch(() => [])).some((f) => f.endsWith('.eml')), 10_000, 'an .eml file');
      const [file] = (await fs.readdir(dir)).filter((f) => f.endsWith('.eml'));
      const parsed = await simpleParser(await fs.readFile(path.join(dir, file!)));
      expect(parsed.to).toMatchObject({ text: 'head1@example.test' });
      expect(parsed.subject).toContain(ticket.number);
      expect(parsed.text).toContain('138****1234');
      expect(parsed.text).toContain('越级投诉');
    } finally {
      await mail.stop();
      await local.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('templates', () => {
  const data = { ticketNumber: 'TS20261125-0007', customerName: 'Mr Wang', customerPhone: maskPhone('13904111234'), deadline: '2026-11-25T10:00:00.000Z', link: 'https://desk.example.test/tickets/7', category: 'service_attitude', description: 'rude counter staff' };

  it('masks phones like 139****1234', () => {
    expect(maskPhone('13904111234')).toBe('139****1234');
    expect(maskPhone('+8613904111234')).toBe('+86139****1234');
    expect(maskPhone('10060')).toBe('***60');
  });

  it('renders zh-CN and en, with the deadline in the desk time zone', () => {
    const zh = render({ kind: 'escalation.raised', data: { ...data, level: 2, reason: 'breach', ownerName: '张经理' } }, 'zh-CN', 'Asia/Shanghai');
    expect(zh.subject).toBe('【逐级上报·第2级】TS20261125-0007 已超时限');
    expect(zh.text).toContain('2026/11/25 18:00');
    const en = render({ kind: 'ownership.assigned', data: { ...data, reasons: ['service_attitude', 'big_customer'], transferred: true } }, 'en', 'Asia/Shanghai');
    expect(en.subject).toBe('[Case ownership] TS20261125-0007 is now your case');
    expect(en.text).toContain('service-attitude complaint, big-customer complaint');
    expect(en.text).toContain('re-dispatched to your unit');
    expect(en.text).toContain('139****1234');
    expect(en.text).toContain('25/11/2026, 18:00');
  });
});
