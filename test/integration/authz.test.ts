import { ROLES, isAllowed, type Role } from '../../server/auth/permissions';
import { openApiPath } from '../../server/openapi/document';
import { auth, complaintBody, startTestApp, type TestApp, type TestUser } from '../helpers/app';

let t: TestApp;
let ticketId: number;
beforeAll(async () => {
  t = await startTestApp();
  ticketId = (await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).send(complaintBody()).expect(201)).body.id;
});
afterAll(() => t.close());

const userOf = (role: Role): TestUser => {
  const u = t.fixture.users;
  return { agent: u.agent, handler: u.handler, unit_head: u.head, supervisor: u.supervisor, manager: u.manager, admin: u.admin, integration: u.integration }[role];
};

function concretePath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, (_m, name: string) => (name === 'id' || name === 'ticketId' ? String(ticketId) : '1'));
}

describe('the authorization matrix is enforced for every route and role', () => {
  it('answers 403 exactly where the matrix says no, and never 403 where it says yes', async () => {
    const failures: string[] = [];
    for (const route of t.routes) {
      if (route.action === 'public') continue;
      // signing out would end the token the rest of this loop uses (every role may; see security.test.ts)
      if (route.path === '/api/auth/logout') continue;
      for (const role of ROLES) {
        // An empty body fails validation after the permission check: 400 still proves the role got through.
        const res = await t.http[route.method](concretePath(route.path)).set(auth(userOf(role))).send({});
        // a route opened to API clients (requireScope) lets people in only through its `users` action
        const action = typeof route.action === 'object' ? route.action.users : route.action;
        const allowed = action !== undefined && isAllowed(role, action);
        if (allowed === (res.status === 403)) failures.push(`${role} ${route.method.toUpperCase()} ${route.path}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('every non-public route refuses a missing, forged or expired token with 401', async () => {
    const forged = userOf('admin').token.slice(0, -4) + 'AAAA';
    for (const route of t.routes.filter((r) => r.action !== 'public')) {
      const path = concretePath(route.path);
      expect((await t.http[route.method](path).send({})).status).toBe(401);
      expect((await t.http[route.method](path).set('Authorization', `Bearer ${forged}`).send({})).status).toBe(401);
    }
    t.clock.advance(31 * 86400);
    try {
      const res = await t.http.get('/api/tickets').set(auth(userOf('admin')));
      expect(res.status).toBe(401);
      expect(res.body.detail).toMatch(/expired/);
    } finally {
      t.clock.advance(-31 * 86400);
    }
  });

  it('a deactivated user is refused at once', async () => {
    const { admin, manager } = t.fixture.users;
    await t.http.patch(`/api/users/${manager.id}`).set(auth(admin)).send({ active: false }).expect(200);
    expect((await t.http.get('/api/tickets').set(auth(manager))).status).toBe(401);
  });
});

describe('the OpenAPI document', () => {
  it('describes every mounted route, generated from the validating schemas', async () => {
    const doc = (await t.http.get('/api/openapi.json').expect(200)).body;
    for (const route of t.routes) {
      const operation = doc.paths[openApiPath(route.path)]?.[route.method];
      expect({ route: `${route.method} ${route.path}`, documented: Boolean(operation) }).toEqual({ route: `${route.method} ${route.path}`, documented: true });
      if (route.body) expect(operation.requestBody.content['application/json'].schema).toBeDefined();
    }
    const create = doc.paths['/api/tickets'].post;
    expect(create.requestBody.content['application/json'].schema.properties.type.enum).toEqual(['complaint', 'fault', 'reconnection', 'request']);
    expect(create.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
  });

  it('lists no path that is not mounted', async () => {
    const doc = (await t.http.get('/api/openapi.json').expect(200)).body;
    const mounted = new Set(t.routes.map((r) => `${r.method} ${openApiPath(r.path)}`));
    for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(operations)) expect(mounted).toContain(`${method} ${path}`);
    }
  });
});
