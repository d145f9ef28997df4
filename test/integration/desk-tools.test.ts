import { auth, complaintBody, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { connectAs, listen, nextEvent, type ListeningApp } from '../helpers/realtime';

/** Issue 10's desk tools: reply templates with placeholders, the cause tree per category, merging a duplicate. */
let t: TestApp;
let live: ListeningApp;
beforeAll(async () => {
  t = await startTestApp();
  live = await listen(t);
});
afterAll(async () => {
  await live.close();
  await t.close();
});

const u = () => t.fixture.users;
type Ticket = { id: number; version: number; customer_id: number; number: string; customer: { phone: string } };

async function accept(overrides: Record<string, unknown> = {}, as: TestUser = u().agent): Promise<Ticket> {
  return (await t.http.post('/api/tickets').set(auth(as)).send(complaintBody(overrides)).expect(201)).body as Ticket;
}

async function dispatch(ticket: { id: number; version: number }, unit = t.fixture.units.countyTeam): Promise<Ticket> {
  return (await t.http.post(`/api/tickets/${ticket.id}/dispatch`).set(auth(u().agent)).set('If-Match', String(ticket.version)).send({ unit_id: unit }).expect(200)).body as Ticket;
}

async function audited(entity: string, id: number): Promise<string[]> {
  const rows = await t.knex('audit_log').where({ entity, entity_id: id }).orderBy('id').select('action', 'actor_id');
  expect(rows.every((r: { actor_id: number }) => r.actor_id === u().admin.id)).toBe(true);
  return rows.map((r: { action: string }) => r.action);
}

describe('reply templates', () => {
  it('an admin writes one; a handler gets it filled from the ticket; deactivating it hides it; every change audited', async () => {
    const created = await t.http.post('/api/reply-templates').set(auth(u().admin)).send({
      name: '话费退还', purpose: 'resolution', category: 'billing',
      body_zh: '{customer_name}您好，工单{ticket_number}已由{unit}处理，时限{due_at}，处理人{agent_name}。',
      body_en: 'Dear {customer_name}, ticket {ticket_number} was handled by {unit} ({agent_name}).',
    }).expect(201);
    expect(created.body).toMatchObject({ version: 1, active: true, ticket_type: null });
    // another category's template is not offered for a billing ticket
    await t.http.post('/api/reply-templates').set(auth(u().admin)).send({ name: '网络', purpose: 'resolution', category: 'network_quality', body_zh: '网络已恢复', body_en: 'Network restored' }).expect(201);

    const ticket = await dispatch(await accept({ customer: { phone: '13900001111', name: '李女士', area: 'county' } }));
    const list = await t.http.get('/api/reply-templates').query({ ticket_id: ticket.id, purpose: 'resolution' }).set(auth(u().handler)).expect(200);
    expect(list.body.items.map((i: { name: string }) => i.name)).toEqual(['话费退还']);
    const rendered = list.body.items[0].rendered.zh as string;
    expect(rendered).toContain('李女士您好');
    expect(rendered).toContain(ticket.number);
    expect(rendered).toContain('庄河装维班');
    expect(rendered).toContain('处理人handler1');
    expect(rendered).not.toContain('{');

    // a ticket outside the handler's units is not revealed through its templates
    const other = await dispatch(await accept(), t.fixture.units.otherCounty);
    await t.http.get('/api/reply-templates').query({ ticket_id: other.id }).set(auth(u().handler)).expect(404);

    // a typo in a placeholder would reach the customer: refused, naming the field
    const typo = await t.http.post('/api/reply-templates').set(auth(u().admin)).send({ name: 'x', purpose: 'comment', body_zh: '{custmer_name}', body_en: 'x' }).expect(400);
    expect(typo.body.errors[0].path).toBe('body_zh');
    await t.http.post('/api/reply-templates').set(auth(u().handler)).send({ name: 'x', purpose: 'comment', body_zh: 'x', body_en: 'x' }).expect(403);

    await t.http.patch(`/api/reply-templates/${created.body.id}`).set(auth(u().admin)).set('If-Match', '"7"').send({ active: false }).expect(409);
    const off = await t.http.patch(`/api/reply-templates/${created.body.id}`).set(auth(u().admin)).set('If-Match', '"1"').send({ active: false }).expect(200);
    expect(off.body).toMatchObject({ active: false, version: 2 });
    const after = await t.http.get('/api/reply-templates').query({ ticket_id: ticket.id, purpose: 'resolution' }).set(auth(u().handler)).expect(200);
    expect(after.body.items).toEqual([]);
    expect(await audited('reply_template', created.body.id)).toEqual(['template_created', 'template_deactivated']);
  });
});

describe('the cause tree', () => {
  it('admins build it; a complaint names its cause at resolution; the ticket shows it; the report groups by it', async () => {
    const post = (body: Record<string, unknown>) => t.http.post('/api/causes').set(auth(u().admin)).send(body);
    const tariff = (await post({ category: 'installation', name_zh: '资费政策', name_en: 'Tariff policy' }).expect(201)).body;
    const notApplied = (await post({ category: 'installation', parent_id: tariff.id, name_zh: '套餐变更未生效', name_en: 'Plan change not applied' }).expect(201)).body;
    const system = (await post({ category: 'installation', name_zh: '系统故障', name_en: 'System fault' }).expect(201)).body;
    // a sub-cause of a sub-cause, or of another category, is refused
    expect((await post({ category: 'installation', parent_id: notApplied.id, name_zh: 'x', name_en: 'x' }).expect(422)).body.code).toBe('cause_parent_invalid');
    expect((await post({ category: 'billing', parent_id: tariff.id, name_zh: 'x', name_en: 'x' }).expect(422)).body.code).toBe('cause_parent_invalid');

    const resolve = async (ticket: Ticket, body: Record<string, unknown>, status: number) =>
      t.http.post(`/api/tickets/${ticket.id}/resolve`).set(auth(u().handler)).set('If-Match', String(ticket.version)).send({ resolution: '已处理', responsibility: 'company', ...body }).expect(status);

    const first = await dispatch(await accept({ category: 'installation' }));
    // the category has a tree: free text alone is not enough for a complaint
    expect((await resolve(first, { cause: '套餐问题' }, 422)).body.code).toBe('cause_required');
    expect((await resolve(first, { cause_id: (await post({ category: 'billing', name_zh: '计费', name_en: 'Billing' }).expect(201)).body.id }, 422)).body.code).toBe('cause_not_applicable');
    const done = (await resolve(first, { cause_id: notApplied.id }, 200)).body;
    expect(done).toMatchObject({ cause_id: notApplied.id, cause: '资费政策 / 套餐变更未生效' });
    const detail = await t.http.get(`/api/tickets/${first.id}`).set(auth(u().agent)).expect(200);
    expect(detail.body.cause_path.map((c: { name_zh: string }) => c.name_zh)).toEqual(['资费政策', '套餐变更未生效']);

    const second = await dispatch(await accept({ category: 'installation' }));
    await resolve(second, { cause_id: system.id, cause: '营业系统升级后未同步' }, 200);

    // in use: names fixed, deactivation keeps the history and stops offering it
    expect((await t.http.patch(`/api/causes/${notApplied.id}`).set(auth(u().admin)).send({ name_zh: '改名' }).expect(409)).body.code).toBe('cause_in_use');
    await t.http.patch(`/api/causes/${notApplied.id}`).set(auth(u().admin)).send({ active: false }).expect(200);
    const third = await dispatch(await accept({ category: 'installation' }));
    expect((await resolve(third, { cause_id: notApplied.id }, 422)).body.code).toBe('cause_not_applicable');
    const offered = await t.http.get('/api/causes').query({ category: 'installation' }).set(auth(u().handler)).expect(200);
    expect(offered.body.items.map((c: { id: number }) => c.id)).toEqual([tariff.id, system.id]);
    expect(await audited('ticket_cause', notApplied.id)).toEqual(['cause_created', 'cause_deactivated']);

    const month = new Intl.DateTimeFormat('en-CA', { timeZone: t.config.timezone, year: 'numeric', month: '2-digit' }).format(t.clock.now());
    const report = await t.http.get('/api/reports/breakdown').query({ month }).set(auth(u().supervisor)).expect(200);
    const installation = report.body.by_cause_tree.filter((n: { category: string }) => n.category === 'installation');
    expect(installation).toEqual(expect.arrayContaining([
      expect.objectContaining({ cause_id: tariff.id, name_zh: '资费政策', tickets: 1, sub_causes: [expect.objectContaining({ cause_id: notApplied.id, tickets: 1, active: false })] }),
      expect.objectContaining({ cause_id: system.id, tickets: 1, sub_causes: [] }),
    ]));
  });
});

describe('merging a duplicate complaint', () => {
  it('closes the duplicate into the survivor in one versioned transaction, both timelines and both relations, live to viewers', async () => {
    const survivor = await dispatch(await accept());
    const duplicate = await accept({ customer_id: undefined, customer: { phone: survivor.customer.phone } });
    expect(duplicate.customer_id).toBe(survivor.customer_id);
    await t.http.post(`/api/tickets/${duplicate.id}/urge`).set(auth(u().agent)).send({ note: '用户再次来电' }).expect(200);
    await t.http.post(`/api/tickets/${duplicate.id}/comments`).set(auth(u().agent)).send({ body: '用户说已经打过三次' }).expect(201);
    const current = (await t.http.get(`/api/tickets/${duplicate.id}`).set(auth(u().agent)).expect(200)).body as Ticket;

    const viewer = await connectAs(live.url, u().handler);
    viewer.emit('ticket.watch', { ticket_id: survivor.id });
    await nextEvent(viewer, 'ticket.viewers');
    const heard = nextEvent<{ change: string; ticket: { id: number } }>(viewer, 'ticket.updated', (p) => p.ticket.id === survivor.id);

    // stale, self, and another customer's ticket are refused before anything changes
    await t.http.post(`/api/tickets/${duplicate.id}/merge`).set(auth(u().agent)).set('If-Match', String(current.version - 1)).send({ into_ticket_id: survivor.id }).expect(409);
    expect((await t.http.post(`/api/tickets/${duplicate.id}/merge`).set(auth(u().agent)).set('If-Match', String(current.version)).send({ into_ticket_id: duplicate.id }).expect(422)).body.code).toBe('merge_same_ticket');
    const stranger = await accept();
    expect((await t.http.post(`/api/tickets/${duplicate.id}/merge`).set(auth(u().agent)).set('If-Match', String(current.version)).send({ into_ticket_id: stranger.id }).expect(422)).body.code).toBe('merge_other_customer');
    await t.http.post(`/api/tickets/${duplicate.id}/merge`).set(auth(u().handler)).set('If-Match', String(current.version)).send({ into_ticket_id: survivor.id }).expect(403);

    const merged = await t.http.post(`/api/tickets/${duplicate.id}/merge`).set(auth(u().agent)).set('If-Match', String(current.version)).send({ into_ticket_id: survivor.id, note: '重复投诉' }).expect(200);
    expect(merged.body.duplicate).toMatchObject({ status: 'closed', close_reason: 'merged', merged_into_id: survivor.id, version: current.version + 1 });
    expect(merged.body.survivor).toMatchObject({ status: 'dispatched', urge_count: 1, version: survivor.version + 1 });
    expect(((await heard).change)).toBe('merged_from');
    viewer.disconnect();

    const dup = (await t.http.get(`/api/tickets/${duplicate.id}`).set(auth(u().agent)).expect(200)).body;
    expect(dup.related).toEqual([{ ticket_id: survivor.id, number: survivor.number, relation: 'merged_into' }]);
    expect(dup.events.at(-1)).toMatchObject({ type: 'merged_into', data: { ticket_id: survivor.id, note: '重复投诉' } });
    // the handler of the survivor's unit sees the duplicate's urge and comment on the survivor
    const surv = (await t.http.get(`/api/tickets/${survivor.id}`).set(auth(u().handler)).expect(200)).body;
    expect(surv.related).toEqual([{ ticket_id: duplicate.id, number: duplicate.number, relation: 'merged_from' }]);
    const fromDuplicate = surv.events.filter((e: { source: { ticket_id: number } | null }) => e.source?.ticket_id === duplicate.id).map((e: { type: string }) => e.type);
    expect(fromDuplicate).toEqual(expect.arrayContaining(['accepted', 'urged', 'comment', 'merged_into']));
    expect(surv.events.at(-1)).toMatchObject({ type: 'merged_from', source: null, data: { ticket_id: duplicate.id, urge_count: 1 } });

    // a closed ticket neither merges nor takes a merge
    const again = await t.http.post(`/api/tickets/${duplicate.id}/merge`).set(auth(u().agent)).set('If-Match', String(merged.body.duplicate.version)).send({ into_ticket_id: survivor.id }).expect(409);
    expect(again.body.code).toBe('illegal_transition');
    const third = await accept({ customer_id: undefined, customer: { phone: survivor.customer.phone } });
    expect((await t.http.post(`/api/tickets/${third.id}/merge`).set(auth(u().agent)).set('If-Match', String(third.version)).send({ into_ticket_id: duplicate.id }).expect(422)).body.code).toBe('merge_target_closed');
    expect((await t.knex('tickets').where({ id: third.id }).first()).status).toBe('accepted');
  });
});
