import type { Express } from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import { createApp, type Services } from '../../server/app';
import type { RouteSpec } from '../../server/http/route';
import { hashPassword } from '../../server/auth/passwords';
import type { Role } from '../../server/auth/permissions';
import { createTokenService } from '../../server/auth/tokens';
import { ManualClock } from '../../server/clock';
import { loadConfig, type Config } from '../../server/config';
import { openDatabase, type Database } from '../../server/db/knex';
import type { Deps } from '../../server/deps';
import { EventBus } from '../../server/events/bus';
import type { DomainEvent } from '../../server/events/types';
import { createLogger } from '../../server/logger';
import { createTestDatabase } from '../setup/db';
import { checkedRequest } from './contract';

export const PASSWORD = 'Desk-pass-2026';
/** The token secret of every test app, so a second instance can verify the fixture's tokens. */
export const TOKEN_SECRET = 'test-secret-test-secret-test-secret!';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: number;
  username: string;
  role: Role;
  unit_id: number | null;
  token: string;
}

/** A small operator: a city company with a county branch (two units below it) and a user of every role. */
export interface Fixture {
  units: { city: number; county: number; countyTeam: number; otherCounty: number };
  users: Record<'admin' | 'agent' | 'supervisor' | 'manager' | 'handler' | 'head' | 'otherHandler' | 'integration', TestUser>;
}

export interface TestApp {
  /** supertest on the app; every answer is also checked against the served OpenAPI document */
  http: ReturnType<typeof request>;
  /** The Express app itself, for tests that listen on a port (socket.io, the browser). */
  app: Express;
  knex: Knex;
  db: Database;
  clock: ManualClock;
  config: Config;
  deps: Deps;
  services: Services;
  routes: RouteSpec[];
  events: DomainEvent[];
  fixture: Fixture;
  close(): Promise<void>;
}

export async function startTestApp(options: { env?: Record<string, string>; clockStart?: string } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ LOOPDESK_LOG_LEVEL: 'error', LOOPDESK_LOGIN_RATE_LIMIT: '1000', LOOPDESK_TOKEN_TTL_SECONDS: String(30 * 86400), ...options.env, DATABASE_URL: database.url });
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const clock = new ManualClock(options.clockStart);
  const logger = createLogger(config.logLevel);
  const bus = new EventBus(logger);
  const events: DomainEvent[] = [];
  bus.subscribe((event) => {
    events.push(event);
  });
  const deps: Deps = { knex: db.knex, bus, clock, config, logger };
  const tokens = createTokenService(TOKEN_SECRET, config.tokenTtlSeconds, clock);
  const { app, services, routes } = createApp({ deps, db, tokens });
  const fixture = await buildFixture(db.knex, clock, (id) => tokens.issue(id).then((t) => t.token));
  const document = (await request(app).get('/api/openapi.json').expect(200)).body as Record<string, unknown>;
  return {
    http: checkedRequest(app, document),
    app,
    knex: db.knex,
    db,
    clock,
    config,
    deps,
    services,
    routes,
    events,
    fixture,
    async close() {
      await db.close();
      await database.drop();
    },
  };
}

async function buildFixture(knex: Knex, clock: ManualClock, token: (id: number) => Promise<string>): Promise<Fixture> {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const now = clock.now();
  const unit = async (code: string, name: string, parent: { id: number; path: string } | null, area: 'city' | 'county') => {
    const [row] = await knex('units').insert({ code, name, parent_id: parent?.id ?? null, path: '/', area, created_at: now, updated_at: now }).returning(['id']);
    const path = `${parent?.path ?? '/'}${row.id}/`;
    await knex('units').where({ id: row.id }).update({ path });
    return { id: row.id as number, path };
  };
  const city = await unit('DL', '大连市分公司', null, 'city');
  const county = await unit('DL-ZH', '庄河县分公司', city, 'county');
  const countyTeam = await unit('DL-ZH-1', '庄河装维班', county, 'county');
  const otherCounty = await unit('DL-WFD', '瓦房店分公司', city, 'county');
  const user = async (username: string, role: Role, unitId: number | null): Promise<TestUser> => {
    const [row] = await knex('users')
      .insert({ username, name: username, role, unit_id: unitId, email: `${username}@example.test`, password_hash: hash, created_at: now, updated_at: now })
      .returning(['id']);
    return { id: row.id, username, role, unit_id: unitId, token: await token(row.id) };
  };
  const users = {
    admin: await user('admin', 'admin', null),
    agent: await user('agent1', 'agent', city.id),
    supervisor: await user('super1', 'supervisor', city.id),
    manager: await user('manager1', 'manager', city.id),
    handler: await user('handler1', 'handler', countyTeam.id),
    head: await user('head1', 'unit_head', county.id),
    otherHandler: await user('handler2', 'handler', otherCounty.id),
    // the phone system: a system client that announces ringing calls (caller pop)
    integration: await user('pbx', 'integration', null),
  };
  await knex('units').where({ id: county.id }).update({ head_user_id: users.head.id });
  return { units: { city: city.id, county: county.id, countyTeam: countyTeam.id, otherCounty: otherCounty.id }, users };
}

export const auth = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });

let phoneCounter = 0;
/** A complaint body a hotline agent would send; override any field. */
export function complaintBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  phoneCounter += 1;
  return {
    type: 'complaint',
    category: 'billing',
    channel: 'hotline',
    description: '用户反映本月话费异常，多扣费 30 元',
    customer: { phone: `1390411${String(phoneCounter).padStart(4, '0')}`, name: '王先生', area: 'county' },
    ...overrides,
  };
}
