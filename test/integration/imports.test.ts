import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { auth, startTestApp, type TestApp } from '../helpers/app';

/** Bulk import of units, users and customers (issue 12): checked whole, idempotent, audited, with progress. */
let t: TestApp;
beforeAll(async () => {
  // files over 3 customer rows are committed in batches of 3, so the resumable path runs on small files
  t = await startTestApp({ env: { LOOPDESK_IMPORT_BATCH_ABOVE_ROWS: '3' } });
});
afterAll(() => t.close());
const admin = () => auth(t.fixture.users.admin);
const csv = (lines: string[]) => lines.join('\n') + '\n';
const count = async (table: string) => Number((await t.knex(table).count<{ count: string }[]>('* as count'))[0]!.count);
const post = (kind: string, body: string | Buffer, type = 'text/csv') =>
  t.http.post(`/api/imports/${kind}`).set(admin()).set('Content-Type', type).send(body);

describe('customers', () => {
  it('answers every bad line of the file with 422 and writes nothing, dry run or not', async () => {
    const file = csv([
      'phone,name,area,tier,unit_code',
      '13900000001,张三,city,vip,DL',
      'not-a-phone,李四,city,,',
      '13900000003,王五,mars,,',
      '13900000004,赵六,county,,NOPE',
    ]);
    const customers = await count('customers');
    const outbox = Number((await t.knex('outbox_events').whereNot({ type: 'import.progress' }).count<{ count: string }[]>('* as count'))[0]!.count);
    for (const dryRun of ['true', 'false']) {
      const outboxBefore = await count('outbox_events');
      const res = await t.http.post('/api/imports/customers').query({ dry_run: dryRun }).set(admin()).set('Content-Type', 'text/csv').send(file).expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('import_rows_invalid');
      expect(res.body.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([[3, 'phone'], [4, 'area'], [5, 'unit_code']]);
      expect(res.body.errors[2].message).toMatch(/NOPE/);
      // a dry run writes nothing at all; a refused import at most its progress events
      if (dryRun === 'true') expect(await count('outbox_events')).toBe(outboxBefore);
    }
    expect(await count('customers')).toBe(customers);
    expect(await count('import_batches')).toBe(0);
    expect(Number((await t.knex('outbox_events').whereNot({ type: 'import.progress' }).count<{ count: string }[]>('* as count'))[0]!.count)).toBe(outbox);

    const unknown = await post('customers', csv(['phone,colour', '13900000001,red'])).expect(422);
    expect(unknown.body.errors[0]).toMatchObject({ line: 1, field: 'colour' });
    const missing = await post('customers', csv(['name', '张三'])).expect(422);
    expect(missing.body.errors[0]).toMatchObject({ line: 1, field: 'phone' });
    await post('customers', '{"phone":"1"}', 'application/json').expect(415);
  });

  it('a clean dry run counts what would happen; the import upserts by phone, once per file, audited, with progress events', async () => {
    await t.knex('customers').insert({ phone: '13911110002', name: '旧名', tier: 'vip', created_at: t.clock.now(), updated_at: t.clock.now() });
    const file = csv([
      '电话,姓名,区域,等级,单位编码',
      '13911110001,甲,城区,,DL-ZH',
      '13911110002,乙,county,,',
      '13911110003,丙,city,大客户,',
      '13911110004,丁,city,,',
      '13911110005,戊,city,,',
    ]);
    const before = await count('customers');
    const dry = await t.http.post('/api/imports/customers').query({ dry_run: 'true' }).set(admin()).set('Content-Type', 'text/csv').send(file).expect(200);
    expect(dry.body).toMatchObject({ id: null, dry_run: true, rows: 5, created: 4, updated: 1 });
    expect(await count('customers')).toBe(before);

    t.events.length = 0;
    const res = await post('customers', file).expect(200);
    expect(res.body).toMatchObject({ dry_run: false, replayed: false, rows: 5, created: 4, updated: 1, unchanged: 0 });
    expect(await count('customers')).toBe(before + 4);
    const updated = await t.knex('customers').where({ phone: '13911110002' }).first();
    // an empty cell keeps the stored value
    expect(updated).toMatchObject({ name: '乙', area: 'county', tier: 'vip' });
    expect(await t.knex('customers').where({ phone: '13911110001' }).first()).toMatchObject({ area: 'city', tier: 'standard', unit_id: t.fixture.units.county });
    expect(await t.knex('customers').where({ phone: '13911110003' }).first()).toMatchObject({ tier: 'big_customer' });

    const progress = t.events.filter((e) => e.type === 'import.progress');
    expect(progress.every((e) => e.type === 'import.progress' && e.userId === t.fixture.users.admin.id && e.kind === 'customers')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', rows: 5, total: 5, percent: 100, importId: res.body.id });
    expect(progress.some((e) => e.type === 'import.progress' && e.phase === 'applying')).toBe(true);

    const audit = await t.knex('audit_log').where({ entity: 'import' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'customers_imported', entity_id: res.body.id, actor_id: t.fixture.users.admin.id });
    expect(audit[0].data).toMatchObject({ kind: 'customers', rows: 5, created: 4, updated: 1 });

    // the same file again: nothing written, the first answer again
    const again = await post('customers', file).expect(200);
    expect(again.body).toMatchObject({ id: res.body.id, replayed: true, created: 4 });
    expect(await count('customers')).toBe(before + 4);
    expect(await t.knex('audit_log').where({ entity: 'import' })).toHaveLength(1);

    // another file with the same rows: upserted, nothing duplicated, unchanged rows counted
    const edited = await post('customers', file.replace('13911110005,戊', '13911110005,己')).expect(200);
    expect(edited.body).toMatchObject({ replayed: false, rows: 5, created: 0, updated: 1, unchanged: 4 });
    expect(await count('customers')).toBe(before + 4);
  });

  it('reads XLSX workbooks, and refuses an Idempotency-Key reused for another file', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['phone', 'name', 'account_no']);
    sheet.addRow([13922220001, '表格甲', 'A-1']);
    sheet.addRow(['13922220002', { richText: [{ text: '表格' }, { text: '乙' }] }, '']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const res = await t.http.post('/api/imports/customers').set(admin()).set('Content-Type', type).set('Idempotency-Key', 'xlsx-1').send(xlsx).expect(200);
    expect(res.body).toMatchObject({ rows: 2, created: 2 });
    expect(await t.knex('customers').where({ phone: '13922220002' }).first()).toMatchObject({ name: '表格乙', account_no: null });

    const reused = await t.http.post('/api/imports/customers').set(admin()).set('Content-Type', 'text/csv').set('Idempotency-Key', 'xlsx-1').send('phone\n13922220003\n').expect(422);
    expect(reused.body.code).toBe('idempotency_key_reused');

    const broken = await post('customers', Buffer.from('PK not a zip'), type).expect(422);
    expect(broken.body.errors[0]).toMatchObject({ line: 1, field: 'file' });
  });

  it('a big file commits batch by batch; a re-run after a crash completes it without duplicates', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `1393333${String(i).padStart(4, '0')},批量${i}`);
    const file = csv(['phone,name', ...rows]);
    const hash = crypto.createHash('sha256').update(file).digest('hex');
    // what a crash after two committed batches leaves: six rows written, the batch still running, not heard of for a while
    const past = new Date(t.clock.now().getTime() - 5 * 60_000);
    await t.knex('customers').insert(rows.slice(0, 6).map((r) => ({ phone: r.split(',')[0], name: r.split(',')[1], created_at: past, updated_at: past })));
    const [batch] = await t.knex('import_batches').insert({
      kind: 'customers', idempotency_key: 'big-1', content_hash: hash, status: 'running', actor_id: t.fixture.users.admin.id,
      rows_total: 10, rows_done: 6, created: 6, started_at: past, updated_at: past,
    }).returning('id');
    const before = await count('customers');
    const res = await t.http.post('/api/imports/customers').set(admin()).set('Content-Type', 'text/csv').set('Idempotency-Key', 'big-1').send(file).expect(200);
    expect(res.body).toMatchObject({ id: Number(batch.id), rows: 10, created: 10, updated: 0 });
    expect(await count('customers')).toBe(before + 4);
    expect(await t.knex('import_batches').where({ id: batch.id }).first()).toMatchObject({ status: 'done', rows_done: 10 });

    // a batch heard of a moment ago is running: a second upload of it is refused
    const hash2 = crypto.createHash('sha256').update('phone\n13933339999\n').digest('hex');
    await t.knex('import_batches').insert({
      kind: 'customers', idempotency_key: 'busy-1', content_hash: hash2, status: 'running', actor_id: t.fixture.users.admin.id,
      rows_total: 1, started_at: t.clock.now(), updated_at: t.clock.now(),
    });
    const busy = await t.http.post('/api/imports/customers').set(admin()).set('Content-Type', 'text/csv').set('Idempotency-Key', 'busy-1').send('phone\n13933339999\n').expect(409);
    expect(busy.body.code).toBe('import_in_progress');
  });
});

describe('units and users', () => {
  it('imports units by code: new ones under a parent on an earlier line, known ones renamed or moved', async () => {
    const bad = await post('units', csv(['code,name,parent_code,area', 'DL-NEW,新单位,DL-LATER,city', 'DL-LATER,后来,DL,city', 'DL-X,,DL,city'])).expect(422);
    expect(bad.body.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([[2, 'parent_code'], [4, 'name']]);

    const file = csv(['code,name,parent_code,area', 'DL-JZ,金州分公司,DL,county', 'DL-JZ-1,金州装维班,DL-JZ,county', 'DL-ZH-1,庄河装维一班,DL-WFD,']);
    const res = await post('units', file).expect(200);
    expect(res.body).toMatchObject({ rows: 3, created: 2, updated: 1 });
    const team = await t.knex('units').where({ code: 'DL-JZ-1' }).first();
    const parent = await t.knex('units').where({ code: 'DL-JZ' }).first();
    expect(team.path).toBe(`${parent.path}${team.id}/`);
    const moved = await t.knex('units').where({ code: 'DL-ZH-1' }).first();
    expect(moved).toMatchObject({ name: '庄河装维一班', parent_id: t.fixture.units.otherCounty });
    expect(await t.knex('audit_log').where({ entity: 'import', action: 'units_imported' })).toHaveLength(1);
    await post('units', file).expect(200).then((r) => expect(r.body.replayed).toBe(true));
  });

  it('imports users by username; a new user signs in and must change the imported password first', async () => {
    const bad = await post('users', csv(['username,name,role,unit_code,password', 'newbie,新人,handler,,Strong-pass-2026', 'weak1,弱,agent,DL,123', 'admin,,,,'])).expect(422);
    expect(bad.body.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([[2, 'unit_code'], [3, 'password']]);

    const file = csv(['username,name,role,unit_code,email,password', 'zh.handler9,庄河九号,handler,DL-ZH-1,zh9@example.test,Strong-pass-2026', 'agent1,坐席一号,,,,']);
    const res = await post('users', file).expect(200);
    expect(res.body).toMatchObject({ rows: 2, created: 1, updated: 1 });
    expect(await t.knex('users').where({ username: 'agent1' }).first()).toMatchObject({ name: '坐席一号', role: 'agent' });

    const login = await t.http.post('/api/auth/login').send({ username: 'zh.handler9', password: 'Strong-pass-2026' }).expect(200);
    expect(login.body.must_change_password).toBe(true);
    const refused = await t.http.get('/api/tickets').set({ Authorization: `Bearer ${login.body.token}` }).expect(403);
    expect(refused.body.code).toBe('password_change_required');

    // demoting the last admin is refused on its line, and nothing of the file is kept
    const demote = await post('users', csv(['username,name,role,password', 'late.agent,迟到,agent,Strong-pass-2026', 'admin,,agent,'])).expect(422);
    expect(demote.body.errors[0]).toMatchObject({ line: 3, field: 'role' });
    expect(await t.knex('users').where({ username: 'late.agent' }).first()).toBeUndefined();
  });
});
