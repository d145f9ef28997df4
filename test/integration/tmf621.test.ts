import crypto from 'node:crypto';
import request from 'supertest';
import { auth, startTestApp, type TestApp } from '../helpers/app';
import { startListener, useTmfSpec, waitFor, type Received } from '../helpers/tmf621';

// the hub test waits on real deliveries: on a busy 2-core machine it has taken 12-20 s
jest.setTimeout(60_000);

let t: TestApp;
let listener: Awaited<ReturnType<typeof startListener>>;
let token: string;
let clientUserId: number;
let credentials: { client_id: string; client_secret: string };
const newToken = async () => (await request(t.app).post('/oauth/token').type('form').send({ grant_type: 'client_credentials', ...credentials }).expect(200)).body.access_token as string;
const V5 = '/tmf-api/troubleTicket/v5';
const V4 = '/tmf-api/troubleTicket/v4';

beforeAll(async () => {
  t = await startTestApp();
  listener = await startListener();
  const client = (await t.http.post('/api/clients').set(auth(t.fixture.users.admin))
    .send({ name: '网管 OSS', scopes: ['tmf621.read', 'tmf621.write', 'tmf621.hub'], unit_ids: [t.fixture.units.county] }).expect(201)).body;
  clientUserId = client.user_id;
  credentials = { client_id: client.client_id, client_secret: client.client_secret };
  token = await newToken();
  t.services.hub.start();
});
afterAll(async () => {
  await t.services.hub.stop();
  await listener.close();
  await t.close();
});

const bearer = () => ({ Authorization: `Bearer ${token}` });
const tmf = () => request(t.app);
let seq = 0;
function faultBody(overrides: Record<string, unknown> = {}) {
  seq += 1;
  return {
    '@type': 'TroubleTicket',
    name: `光缆中断 ${seq}`,
    description: '庄河 OLT-07 下挂用户宽带中断',
    severity: 'Major',
    ticketType: 'NetworkFault',
    channel: { id: 'oss', name: 'OSS', '@type': 'ChannelRef' },
    externalIdentifier: [{ '@type': 'ExternalIdentifier', owner: 'OSS-DL', externalIdentifierType: 'alarm', id: `ALM-${seq}-${crypto.randomUUID()}` }],
    relatedParty: [{ '@type': 'RelatedPartyRefOrPartyRoleRef', role: 'customer', partyOrPartyRole: { '@type': 'PartyRef', id: `1390412${String(seq).padStart(4, '0')}`, name: '李女士', '@referredType': 'Individual' } }],
    relatedEntity: [{ '@type': 'RelatedEntity', role: 'affectedService', entity: { '@type': 'EntityRef', id: 'BB-0411-778', '@referredType': 'Service' } }],
    note: [{ '@type': 'Note', text: 'OLT 告警：LOS', author: 'OSS' }],
    ...overrides,
  };
}

const verify = (r: Received, secret: string) =>
  r.headers['x-loopdesk-signature'] === `sha256=${crypto.createHmac('sha256', secret).update(`${String(r.headers['x-loopdesk-timestamp'])}.${r.raw}`).digest('hex')}`;

describe('TMF621 v5: an OSS creates, follows, updates and closes a fault ticket, and hears every change', () => {
  it('creates (201 + Location), reads back with fields, lists with paging headers and filters; every answer satisfies the official v5 document', async () => {
    useTmfSpec('v5');
    const body = faultBody();
    const created = await tmf().post(`${V5}/troubleTicket`).set(bearer()).send(body).expect(201);
    expect(created).toSatisfyApiSpec();
    expect(created.headers.location).toBe(created.body.href);
    expect(created.body).toMatchObject({
      status: 'acknowledged', severity: 'Major', ticketType: 'NetworkFault', priority: 'High', name: body.name,
      externalIdentifier: [expect.objectContaining({ id: body.externalIdentifier[0]!.id, owner: 'OSS-DL' })],
      note: [expect.objectContaining({ text: 'OLT 告警：LOS' })],
      statusChangeHistory: [expect.objectContaining({ status: 'acknowledged' })],
    });
    expect(created.body.relatedParty[0]).toMatchObject({ role: 'customer', partyOrPartyRole: { id: body.relatedParty[0]!.partyOrPartyRole.id } });
    // the desk sees an ordinary fault ticket, accepted by the client's service account
    const desk = await t.knex('tickets').where({ id: Number(created.body.id) }).first();
    expect(desk).toMatchObject({ type: 'fault', category: 'network_quality', priority: 'urgent', accepted_by: clientUserId, status: 'accepted' });

    // externalIdentifier idempotency: the same owner + id is the same ticket
    const again = await tmf().post(`${V5}/troubleTicket`).set(bearer()).send(body).expect(201);
    expect(again.body.id).toBe(created.body.id);

    const one = await tmf().get(`${V5}/troubleTicket/${created.body.id}?fields=status,severity`).set(bearer()).expect(200);
    expect(one).toSatisfyApiSpec();
    expect(Object.keys(one.body).sort()).toEqual(['@type', 'href', 'id', 'severity', 'status']);

    await tmf().post(`${V5}/troubleTicket`).set(bearer()).send(faultBody({ severity: 'Minor', ticketType: 'complaint' })).expect(201);
    const page = await tmf().get(`${V5}/troubleTicket?limit=1&offset=0&severity=Major&status=acknowledged`).set(bearer()).expect(200);
    expect(page).toSatisfyApiSpec();
    expect(page.headers['x-result-count']).toBe('1');
    expect(Number(page.headers['x-total-count'])).toBeGreaterThanOrEqual(1);
    expect(page.body.every((tt: { severity: string }) => tt.severity === 'Major')).toBe(true);
    const later = await tmf().get(`${V5}/troubleTicket?creationDate.gt=2099-01-01T00:00:00Z`).set(bearer()).expect(200);
    expect(later.body).toEqual([]);
    expect(later.headers['x-total-count']).toBe('0');
  });

  it('answers TMF error bodies: 400 naming the field, 401, 403, 404, 409 for an illegal transition, 415', async () => {
    useTmfSpec('v5');
    const bad = await tmf().post(`${V5}/troubleTicket`).set(bearer()).send(faultBody({ severity: 7 })).expect(400);
    expect(bad).toSatisfyApiSpec();
    expect(bad.body).toMatchObject({ '@type': 'Error', code: 'invalid_input', status: '400' });
    expect(bad.body.message).toContain('severity');
    const noCustomer = await tmf().post(`${V5}/troubleTicket`).set(bearer()).send(faultBody({ relatedParty: [{ role: 'reporter', partyOrPartyRole: { id: 'x' } }] })).expect(400);
    expect(noCustomer.body.message).toContain('relatedParty');
    expect(await tmf().get(`${V5}/troubleTicket`).expect(401)).toSatisfyApiSpec();
    const person = await tmf().get(`${V5}/troubleTicket`).set(auth(t.fixture.users.admin)).expect(403);
    expect(person).toSatisfyApiSpec();
    expect(await tmf().get(`${V5}/troubleTicket/99999999`).set(bearer()).expect(404)).toSatisfyApiSpec();
    const created = (await tmf().post(`${V5}/troubleTicket`).set(bearer()).send(faultBody()).expect(201)).body;
    const illegal = await tmf().patch(`${V5}/troubleTicket/${created.id}`).set(bearer()).set('Content-Type', 'application/merge-patch+json').send(JSON.stringify({ status: 'closed' })).expect(409);
    expect(illegal).toSatisfyApiSpec();
    expect(illegal.body).toMatchObject({ code: 'illegal_transition', reason: 'Conflict', status: '409' });
    await tmf().patch(`${V5}/troubleTicket/${created.id}`).set(bearer()).set('Content-Type', 'text/plain').send('status=closed').expect(415);
    const readOnly = await tmf().patch(`${V5}/troubleTicket/${created.id}`).set(bearer()).set('Content-Type', 'application/merge-patch+json').send(JSON.stringify({ creationDate: '2020-01-01T00:00:00Z' })).expect(400);
    expect(readOnly.body.message).toContain('creationDate');
  });

  it('PATCH (merge-patch and JSON Patch) is a desk change with its rules; DELETE cancels; the listener hears each change signed, in order', async () => {
    useTmfSpec('v5');
    const hubRes = await tmf().post(`${V5}/hub`).set(bearer()).send({ callback: listener.url }).expect(201);
    expect(hubRes).toSatisfyApiSpec();
    const secret = hubRes.body.secret as string;
    expect(secret.length).toBeGreaterThan(30);
    expect(await tmf().get(`${V5}/hub/${hubRes.body.id}`).set(bearer()).expect(200)).toSatisfyApiSpec();

    const created = (await tmf().post(`${V5}/troubleTicket`).set(bearer()).send(faultBody()).expect(201)).body;
    const id = Number(created.id);
    // the desk dispatches it to the client's unit: in progress
    const detail = (await t.http.get(`/api/tickets/${id}`).set(auth(t.fixture.users.agent)).expect(200)).body;
    await t.http.post(`/api/tickets/${id}/dispatch`).set(auth(t.fixture.users.agent)).set('If-Match', String(detail.version)).send({ unit_id: t.fixture.units.countyTeam }).expect(200);

    const merge = await tmf().patch(`${V5}/troubleTicket/${id}`).set(bearer()).set('Content-Type', 'application/merge-patch+json')
      .send(JSON.stringify({ severity: 'Critical', status: 'pending', statusChangeReason: '等待用户开门' })).expect(200);
    expect(merge).toSatisfyApiSpec();
    expect(merge.body).toMatchObject({ severity: 'Critical', status: 'pending', statusChangeReason: '等待用户开门' });
    const jsonPatch = await tmf().patch(`${V5}/troubleTicket/${id}`).set(bearer()).set('Content-Type', 'application/json-patch+json')
      .send(JSON.stringify([{ op: 'replace', path: '/status', value: 'inProgress' }, { op: 'add', path: '/note/-', value: { text: '用户已在家' } }])).expect(200);
    expect(jsonPatch.body.status).toBe('inProgress');
    expect(jsonPatch.body.note.map((n: { text: string }) => n.text)).toContain('用户已在家');
    const resolved = await tmf().patch(`${V5}/troubleTicket/${id}`).set(bearer()).set('Content-Type', 'application/merge-patch+json')
      .send(JSON.stringify({ status: 'resolved', statusChangeReason: '更换分光器' })).expect(200);
    expect(resolved.body.status).toBe('resolved');
    const closed = await tmf().patch(`${V5}/troubleTicket/${id}`).set(bearer()).set('Content-Type', 'application/merge-patch+json')
      .send(JSON.stringify({ status: 'closed' })).expect(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.statusChangeHistory.map((h: { status: string }) => h.status)).toEqual(['acknowledged', 'inProgress', 'pending', 'inProgress', 'resolved', 'closed']);
    // the desk's agents see the same ticket: closed, with the client's comment on the timeline
    const desk = (await t.http.get(`/api/tickets/${id}`).set(auth(t.fixture.users.agent)).expect(200)).body;
    expect(desk.status).toBe('closed');
    expect(desk.events.some((e: { type: string; actor_id: number }) => e.type === 'comment' && e.actor_id === clientUserId)).toBe(true);

    const other = (await tmf().post(`${V5}/troubleTicket`).set(bearer()).send(faultBody()).expect(201)).body;
    await tmf().delete(`${V5}/troubleTicket/${other.id}`).set(bearer()).expect(204);
    const cancelled = await tmf().get(`${V5}/troubleTicket/${other.id}`).set(bearer()).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await t.knex('tickets').where({ id: Number(other.id) }).first()).toMatchObject({ status: 'closed', close_reason: 'cancelled', cancel_reason: 'withdrawn' });

    const mine = (r: Received) => (r.body.event as { troubleTicket: { id: string } }).troubleTicket.id === String(id);
    const events = await waitFor(() => {
      const got = listener.received.filter(mine);
      return got.some((r) => r.body.eventType === 'TroubleTicketStatusChangeEvent' && (r.body.event as { troubleTicket: { status: string } }).troubleTicket.status === 'closed') ? got : undefined;
    });
    for (const r of events) {
      expect(verify(r, secret)).toBe(true);
      expect(r.path).toBe(`/oss/listener/${String(r.body.eventType)[0]!.toLowerCase()}${String(r.body.eventType).slice(1)}`);
      expect(r.body).toMatchObject({ eventId: expect.any(String), eventTime: expect.any(String), correlationId: expect.any(String) });
      expect(r.body).toSatisfySchemaInApiSpec(String(r.body.eventType));
    }
    const statuses = events.filter((r) => r.body.eventType === 'TroubleTicketStatusChangeEvent').map((r) => (r.body.event as { troubleTicket: { status: string } }).troubleTicket.status);
    expect(statuses).toEqual(['inProgress', 'pending', 'inProgress', 'resolved', 'closed']);
    expect(events[0]!.body.eventType).toBe('TroubleTicketCreateEvent');
    const kinds = new Set(events.map((r) => r.body.eventType));
    for (const kind of ['TroubleTicketAttributeValueChangeEvent', 'TroubleTicketResolvedEvent', 'TroubleTicketInformationRequiredEvent']) expect(kinds).toContain(kind);
    await waitFor(() => listener.received.some((r) => r.body.eventType === 'TroubleTicketDeleteEvent'));

    await tmf().delete(`${V5}/hub/${hubRes.body.id}`).set(bearer()).expect(204);
    await tmf().get(`${V5}/hub/${hubRes.body.id}`).set(bearer()).expect(404);
  });

  it('a failing listener is retried with backoff; failing for the give-up window suspends the subscription and tells its owner; resume sends what waited, in order', async () => {
    const hubRes = await tmf().post(`${V5}/hub`).set(bearer()).send({ callback: listener.url, query: 'eventType=TroubleTicketCreateEvent,TroubleTicketStatusChangeEvent' }).expect(201);
    const subId = Number(hubRes.body.id);
    listener.failWith = 503;
    const created = (await tmf().post(`${V5}/troubleTicket`).set(bearer()).send(faultBody()).expect(201)).body;
    await tmf().delete(`${V5}/troubleTicket/${created.id}`).set(bearer()).expect(204);
    const log = async () => (await t.http.get(`/api/hub-subscriptions/${subId}/deliveries`).set(auth(t.fixture.users.admin)).expect(200)).body.items as { event_type: string; state: string; attempts: number; last_status: number | null }[];
    const waiting = await waitFor(async () => {
      const l = await log();
      return (l.find((d) => d.event_type === 'TroubleTicketCreateEvent')?.attempts ?? 0) >= 1 && l.some((d) => d.event_type === 'TroubleTicketStatusChangeEvent') ? l : undefined;
    });
    expect(waiting.find((d) => d.event_type === 'TroubleTicketStatusChangeEvent')?.attempts).toBe(0); // in order: waits behind the create
    t.clock.advance(86400 + 1);
    await waitFor(async () => (await t.http.get(`/api/clients/${(await t.knex('tmf_hub_subscriptions').where({ id: subId }).first()).client_id}/subscriptions`).set(auth(t.fixture.users.admin)).expect(200)).body.items.find((s: { id: number; state: string }) => s.id === subId && s.state === 'suspended'));
    expect(await t.knex('mail_notifications').where('kind', 'tmf621.hub_suspended').first()).toBeTruthy();
    expect(await t.knex('audit_log').where({ entity: 'api_client', action: 'hub_suspended' }).first()).toBeTruthy();

    listener.failWith = null;
    const before = listener.received.length;
    await t.http.post(`/api/hub-subscriptions/${subId}/resume`).set(auth(t.fixture.users.admin)).expect(204);
    const got = await waitFor(() => {
      const mine = listener.received.slice(before).filter((r) => (r.body.event as { troubleTicket: { id: string } }).troubleTicket.id === created.id);
      return mine.length >= 2 ? mine : undefined;
    });
    expect(got.map((r) => r.body.eventType)).toEqual(['TroubleTicketCreateEvent', 'TroubleTicketStatusChangeEvent']);
    // recorded once the listener answered
    await waitFor(async () => (await log()).every((d) => d.state === 'delivered'));
  });
});

describe('TMF621 v4 at /tmf-api/troubleTicket/v4', () => {
  it('creates and reads in the v4 shape, valid against the official v4 document', async () => {
    useTmfSpec('v4');
    token = await newToken(); // the desk clock may have moved past the first token's hour
    const created = await tmf().post(`${V4}/troubleTicket`).set(bearer()).send({
      description: '用户投诉网速慢', severity: 'Minor', ticketType: 'complaint', externalId: `CRM-${crypto.randomUUID()}`,
      relatedParty: [{ id: '13904110999', name: '赵先生', role: 'customer', '@referredType': 'Individual' }],
    }).expect(201);
    expect(created).toSatisfyApiSpec();
    expect(created.body).toMatchObject({ status: 'acknowledged', ticketType: 'complaint', externalId: expect.stringMatching(/^CRM-/) });
    const list = await tmf().get(`${V4}/troubleTicket?limit=5`).set(bearer()).expect(200);
    expect(list).toSatisfyApiSpec();
    const patched = await tmf().patch(`${V4}/troubleTicket/${created.body.id}`).set(bearer()).set('Content-Type', 'application/merge-patch+json')
      .send(JSON.stringify({ note: [{ text: '请尽快处理' }] })).expect(200);
    expect(patched).toSatisfyApiSpec();
    expect(patched.body.note[0].text).toBe('请尽快处理');
  });
});
