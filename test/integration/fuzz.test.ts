import { ROLES, isAllowed, type Action, type Role } from '../../server/auth/permissions';
import { PASSWORD, auth, complaintBody, startTestApp, type TestApp, type TestUser } from '../helpers/app';

/**
 * Issue 15: a fuzz pass over every operation of the served OpenAPI document (read at run time, so
 * new operations are fuzzed without touching this file). Each request carries a generated bad body,
 * path parameter, query or header, sent by a role the operation allows. The desk must answer every
 * one without a 5xx, and an answer of 4xx must leave every table as it was (no partial write).
 * FUZZ_SEED and FUZZ_PER_OPERATION reproduce or widen a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const PER_OPERATION = Number(process.env.FUZZ_PER_OPERATION ?? 6);

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; $ref?: string; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; required?: string[] };
type Parameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema };
type Operation = { operationId?: string; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> }; 'x-permission'?: string };
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** mulberry32: a small seeded generator, so a failing request can be replayed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

const BAD_SCALARS: unknown[] = [
  null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, '', ' ', 'x', '-1', '0', '1e999', 'NaN', 'true', '\u0000', 'a\u0000b',
  'x'.repeat(5000), '😀'.repeat(300), '<script>alert(1)</script>', "' OR 1=1 --", '../../etc/passwd', '%00', '2026-13-45T25:61:61Z',
  '=HYPERLINK("x")', '\uD800', [], {}, [null], { $ne: null }, { __proto__: { admin: true } }, ['a', 1, null],
];
const BAD_PATH = ['abc', '-1', '0', '1.5', '99999999999999999999', '%00', 'a%00b', '%E0%A4%A', 'x'.repeat(600), '..%2F..', '1e3', ' 1'];
const BAD_QUERY = ['', 'x', '-1', '0', '1e400', '%00', 'a\u0000b', 'x'.repeat(3000), '2026-99', 'open,closed,nonsense', '[]', '{"a":1}'];
const BAD_HEADERS: [string, string][] = [
  ['If-Match', 'abc'], ['If-Match', '-1'], ['If-Match', '99999999999999999999'], ['If-Match', '"1"'], ['If-Match', '*'], ['If-Match', ''],
  ['Idempotency-Key', 'x'.repeat(500)], ['Idempotency-Key', '\t'], ['Content-Type', 'text/plain'], ['Content-Type', 'application/json; charset=latin-9'],
  ['Content-Type', 'multipart/form-data; boundary=x'], ['X-Request-Id', 'x'.repeat(3000)], ['Accept', 'text/csv'], ['Accept-Language', 'xx'.repeat(200)],
];

let t: TestApp;
let tables: string[];
let ids: { ticket: number; unit: number; user: number; incident: number; customer: number };
beforeAll(async () => {
  t = await startTestApp();
  const { agent, supervisor } = t.fixture.users;
  const ticket = (await t.http.post('/api/tickets').set(auth(agent)).send(complaintBody()).expect(201)).body;
  const incident = (await t.http.post('/api/incidents').set(auth(supervisor)).send({ title: 'fuzz', unit_id: t.fixture.units.county, ticket_ids: [] }).expect(201)).body;
  // the survey pages keep their link secret in settings, made on first use: not a write of a refused request
  await t.http.get('/api/surveys/1').set(auth(agent));
  ids = { ticket: ticket.id, unit: t.fixture.units.countyTeam, user: t.fixture.users.handler.id, incident: incident.id, customer: ticket.customer.id };
  tables = (await t.knex('pg_tables').where({ schemaname: 'public' }).whereNot('tablename', 'like', 'knex_%').pluck('tablename')).sort();
});
afterAll(() => t.close());

/** One number per table: a 4xx answer must leave all of them as they were. */
async function fingerprint(): Promise<string> {
  const sql = tables.map((table) => `SELECT '${table}' AS t, count(*) AS n FROM "${table}"`).join(' UNION ALL ');
  const rows = (await t.knex.raw<{ rows: { t: string; n: string }[] }>(sql)).rows;
  return rows.map((r) => `${r.t}=${r.n}`).sort().join(' ');
}

/** Work a previous request set off after its commit (listeners on the event bus) settles first. */
async function settledFingerprint(): Promise<string> {
  let last = await fingerprint();
  for (let i = 0; i < 10; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 15));
    const now = await fingerprint();
    if (now === last) return now;
    last = now;
  }
  return last;
}

const diff = (a: string, b: string) => {
  const before = new Set(a.split(' '));
  return b.split(' ').filter((x) => !before.has(x)).join(' ');
};

function userFor(permission: string | undefined, rng: ReturnType<typeof generator>): TestUser {
  const u = t.fixture.users;
  const byRole: Record<Role, TestUser> = { agent: u.agent, handler: u.handler, unit_head: u.head, supervisor: u.supervisor, manager: u.manager, admin: u.admin, integration: u.integration };
  if (!permission || permission === 'public') return rng.pick(Object.values(byRole));
  const allowed = ROLES.filter((role) => {
    try {
      return isAllowed(role, permission as Action);
    } catch {
      return false;
    }
  });
  return byRole[allowed.length > 0 ? rng.pick(allowed) : 'admin'];
}

function resolve(doc: Record<string, unknown>, schema: Schema | undefined, depth = 0): Schema | undefined {
  if (!schema || depth > 8) return schema;
  if (schema.$ref?.startsWith('#/')) {
    const target = schema.$ref.slice(2).split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    return resolve(doc, target as Schema, depth + 1);
  }
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) return resolve(doc, choice.find((s) => (s as Schema).type !== 'null') ?? choice[0], depth + 1);
  if (schema.allOf) return resolve(doc, schema.allOf[0], depth + 1);
  return schema;
}

/** A value the schema would accept, roughly, so a single mutation reaches deeper checks. */
function plausible(doc: Record<string, unknown>, raw: Schema | undefined, depth = 0): unknown {
  const schema = resolve(doc, raw);
  if (!schema || depth > 4) return 'x';
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, inner]) => [key, plausible(doc, inner, depth + 1)]));
    case 'array':
      return [plausible(doc, schema.items, depth + 1)];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return 'fuzz text';
  }
}

function badBody(doc: Record<string, unknown>, schema: Schema | undefined, rng: ReturnType<typeof generator>): unknown {
  const base = plausible(doc, schema);
  const roll = rng.next();
  if (roll < 0.15 || base === null || typeof base !== 'object' || Array.isArray(base)) return rng.pick(BAD_SCALARS);
  const body = { ...(base as Record<string, unknown>) };
  const keys = Object.keys(body);
  if (roll < 0.25 || keys.length === 0) return { ...body, ['unexpected_' + Math.floor(rng.next() * 100)]: rng.pick(BAD_SCALARS) };
  // one to three fields made wrong, the others plausible
  for (let i = 0, n = 1 + Math.floor(rng.next() * 3); i < n; i += 1) body[rng.pick(keys)] = rng.pick(BAD_SCALARS);
  return body;
}

function goodPathValue(name: string): string {
  if (/ticket/i.test(name) || name === 'id') return String(ids.ticket);
  if (/unit/i.test(name)) return String(ids.unit);
  if (/month/i.test(name)) return '2026-11';
  if (/key/i.test(name)) return 'fuzz_key';
  return '1';
}

/** Signing out would end the fixture's own token: it is fuzzed with a second token of the same user. */
async function throwawayToken(user: TestUser): Promise<string> {
  return (await t.http.post('/api/auth/login').send({ username: user.username, password: PASSWORD }).expect(200)).body.token as string;
}

describe('fuzzing every operation of the served OpenAPI document', () => {
  it('answers no 5xx and writes nothing when it refuses', async () => {
    const doc = (await t.http.get('/api/openapi.json').expect(200)).body as { paths: Record<string, Partial<Record<Method, Operation>>> };
    const rng = generator(SEED);
    const failures: string[] = [];
    let sent = 0;
    let lastStatus = 200;
    const statuses = new Map<number, number>();
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      (Object.entries(methods) as [Method, Operation][]).filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method)).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(40);

    for (const { path, method, op } of operations) {
      const user = userFor(op['x-permission'], rng);
      for (let round = 0; round < PER_OPERATION; round += 1) {
        const params = op.parameters ?? [];
        const target = (['body', 'path', 'query', 'header'] as const)[round % 4];
        let url = path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(goodPathValue(name)));
        if (target === 'path' && params.some((p) => p.in === 'path')) {
          const victim = rng.pick(params.filter((p) => p.in === 'path'));
          url = path.replace(/\{([^}]+)\}/g, (_m, name: string) => (name === victim.name ? rng.pick(BAD_PATH) : encodeURIComponent(goodPathValue(name))));
        }
        const query: Record<string, string> = {};
        for (const p of params.filter((x) => x.in === 'query')) {
          if (target === 'query' || rng.next() < 0.2) query[p.name] = rng.pick(BAD_QUERY);
        }
        if (target === 'query' && rng.next() < 0.3) query['unknown_param'] = 'x';
        const headers: Record<string, string> = { ...auth(user), 'If-Match': '1' };
        if (path.endsWith('/auth/logout')) headers.Authorization = `Bearer ${await throwawayToken(user)}`;
        if (target === 'header') {
          const [name, value] = rng.pick(BAD_HEADERS);
          headers[name] = value;
        }
        const schema = op.requestBody?.content?.['application/json']?.schema;
        const body = op.requestBody ? (target === 'body' || rng.next() < 0.5 ? badBody(doc, schema, rng) : plausible(doc, schema)) : undefined;

        const before = lastStatus < 400 ? await settledFingerprint() : await fingerprint();
        let req = t.http[method](url).query(query);
        for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
        const qs = new URLSearchParams(query).toString();
        const label = `${method.toUpperCase()} ${url}${qs ? `?${qs.slice(0, 120)}` : ''} as ${user.role} [${target}] body=${JSON.stringify(body)?.slice(0, 160)}`;
        let status: number;
        try {
          const asText = body !== undefined && (typeof body !== 'object' || body === null || (headers['Content-Type'] !== undefined && !headers['Content-Type'].startsWith('application/json')));
          const res = body === undefined ? await req : asText ? await req.send(JSON.stringify(body)) : await req.send(body as object);
          status = res.status;
        } catch (err) {
          failures.push(`${label}: ${(err as Error).message}`);
          continue;
        }
        sent += 1;
        lastStatus = status;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500) failures.push(`${label}: ${status}`);
        else if (status >= 400) {
          const after = await fingerprint();
          if (after !== before) failures.push(`${label}: ${status} but the tables changed: ${diff(before, after)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(operations.length * PER_OPERATION * 0.95);
    // most requests are refused; some plausible ones may well succeed
    expect([...statuses.keys()].some((s) => s === 400)).toBe(true);
  }, 240_000);
});
