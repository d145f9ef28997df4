import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import express from 'express';
import { z } from 'zod';
import { defineRoute, mountRoutes } from '../../server/http/route';
import { buildOpenApi } from '../../server/openapi/document';
import { auth, complaintBody, startTestApp, type TestApp } from '../helpers/app';
import { checkedRequest, responseChecker } from '../helpers/contract';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');

let t: TestApp;
let document: Record<string, unknown>;
beforeAll(async () => {
  t = await startTestApp();
  document = (await t.http.get('/api/openapi.json').expect(200)).body;
});
afterAll(() => t.close());

describe('the served OpenAPI document', () => {
  it('passes the Redocly linter (redocly.yaml: recommended) with no error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-openapi-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(document));
    try {
      const result = await run(path.join(ROOT, 'node_modules', '.bin', 'redocly'), ['lint', file, '--format=json'], {
        cwd: ROOT,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 64 * 1024 * 1024,
      }).catch((err: { stdout?: string; stderr?: string; code?: number }) => err);
      const report = JSON.parse(String(result.stdout)) as { totals: { errors: number }; problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] };
      const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
      expect(errors).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('shares schemas under components/schemas and every $ref resolves', () => {
    const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Ticket', 'TicketDetail', 'SlaTimer', 'Problem', 'User', 'Unit']));
    const refs = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') refs.add(value);
          else walk(value);
        }
      }
    };
    walk(document);
    expect(refs.size).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect({ ref, resolves: ref.replace('#/components/schemas/', '') in schemas }).toEqual({ ref, resolves: true });
    }
  });

  it('names the server, gives every operation a unique id, and shows example bodies', () => {
    expect(document.servers).toEqual([{ url: t.config.publicUrl, description: 'this desk' }]);
    const ids: string[] = [];
    for (const operations of Object.values(document.paths as Record<string, Record<string, { operationId: string }>>)) {
      for (const op of Object.values(operations)) ids.push(op.operationId);
    }
    expect(new Set(ids).size).toBe(ids.length);
    const create = (document.paths as Record<string, Record<string, { requestBody: { content: Record<string, { example: unknown }> } }>>)['/api/tickets']!.post!;
    expect(create.requestBody.content['application/json']!.example).toMatchObject({ type: 'complaint' });
  });

  it('is served as a browsable reference at /api/docs, with its assets from the desk itself', async () => {
    const page = await t.http.get('/api/docs').expect(200).expect('Content-Type', /html/);
    const scripts = [...page.text.matchAll(/src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src.startsWith('/')).toBe(true); // no CDN
      const asset = await t.http.get(src).expect(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
    }
    expect((await t.http.get('/api/docs/init.js')).text).toContain("url: '/api/openapi.json'");
  });
});

describe('the generated client types', () => {
  // a child process: openapi-typescript loads ES modules that jest's CommonJS runtime cannot
  const check = (...args: string[]) =>
    run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['server/openapi/generate-client.ts', '--check', ...args], { cwd: ROOT }).then(
      (ok) => ({ code: 0, output: ok.stdout + ok.stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, output: err.stdout + err.stderr }),
    );

  it('are current (client/src/api/schema.gen.ts is what `npm run gen:api` writes), and the check fails on a stale copy', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-gen-'));
    const stale = path.join(dir, 'schema.gen.ts');
    fs.writeFileSync(stale, fs.readFileSync(path.join(ROOT, 'client', 'src', 'api', 'schema.gen.ts'), 'utf8').replace('"/api/tickets": {', '"/api/tickets-old": {'));
    try {
      const [committed, modified] = await Promise.all([check(), check('--out', stale)]);
      // on failure: run `npm run gen:api` and commit client/src/api/schema.gen.ts
      expect(committed).toEqual({ code: 0, output: expect.stringContaining('is current') });
      expect(modified).toEqual({ code: 1, output: expect.stringContaining('is stale') });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('answers are checked against their declaration', () => {
  it('a real ticket detail passes, and the same detail with a drifted timer or a missing field does not', async () => {
    const created = await t.http.post('/api/tickets').set(auth(t.fixture.users.agent)).send(complaintBody()).expect(201);
    const detail = await t.http.get(`/api/tickets/${created.body.id}`).set(auth(t.fixture.users.agent)).expect(200);
    expect(detail.body.timers.length).toBeGreaterThan(0);
    const check = responseChecker(document);
    const url = `/api/tickets/${created.body.id}`;
    const answer = (body: unknown) => ({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body });
    expect(check('get', url, answer(detail.body))).toBeUndefined();

    const extraField = structuredClone(detail.body);
    extraField.timers[0].undeclared = 1;
    expect(check('get', url, answer(extraField))).toMatch(/\/timers\/0 must NOT have additional properties "undeclared"/);
    const { status: _status, ...missingStatus } = detail.body;
    expect(check('get', url, answer(missingStatus))).toMatch(/must have required property 'status'/);
    expect(check('get', url, { ...answer(detail.body), status: 202 })).toMatch(/status not declared/);
    expect(check('get', url, { ...answer('a,b'), headers: { 'content-type': 'text/csv' } })).toMatch(/sent text\/csv/);
  });

  it('a route whose handler breaks its declared response fails the supertest request', async () => {
    const routes = [
      defineRoute({
        method: 'get', path: '/api/probe/:id', action: 'public', tag: 'probe', summary: 'declares a numeric id, answers a string',
        params: z.object({ id: z.coerce.number().int() }),
        responses: { 200: { description: 'the probe', schema: z.object({ id: z.number().int(), name: z.string() }) } },
        handler: ({ params }) => ({ body: params.id === 1 ? { id: 1, name: 'fine' } : { id: 'two', name: 'broken' } }),
      }),
    ];
    const app = express();
    mountRoutes(app as unknown as express.Router, routes, () => Promise.reject(new Error('public only')));
    const http = checkedRequest(app, buildOpenApi(routes, { version: 'test', serverUrl: 'http://localhost' }));

    await http.get('/api/probe/1').expect(200);
    await expect(http.get('/api/probe/2').expect(200)).rejects.toThrow(/breaks the OpenAPI contract: GET \/api\/probe\/\{id\} → 200: .*\/id must be integer/);
  });
});
