import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import yaml from 'js-yaml';
import jestOpenAPI from 'jest-openapi';
import type { OpenAPISpecObject } from 'openapi-validator';

const SPECS = path.resolve(__dirname, '..', '..', 'specs', 'tmf621');

/** The official TMF621 documents, as the desk serves them. */
export const TMF_SPECS = {
  v5: yaml.load(fs.readFileSync(path.join(SPECS, 'TMF621-Trouble_Ticket-v5.0.1.oas.yaml'), 'utf8')) as OpenAPISpecObject,
  v4: JSON.parse(fs.readFileSync(path.join(SPECS, 'TMF621-TroubleTicket-v4.0.0.swagger.json'), 'utf8')) as OpenAPISpecObject,
};

type Schema = Record<string, unknown>;

/**
 * The validator ignores OpenAPI discriminators, and the TMF documents' `oneOf` alternatives
 * (PartyRef | PartyRoleRef, both open EntityRefs) all match any reference, so `oneOf` alone can
 * never pass. Applied as OpenAPI defines it: `@type` names the one alternative the value must satisfy.
 */
function applyDiscriminators(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  const schema = node as Schema;
  const discriminator = schema.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
  if (Array.isArray(schema.oneOf) && discriminator?.mapping) {
    const property = discriminator.propertyName;
    const names = Object.keys(discriminator.mapping);
    schema.allOf = [
      { required: [property], properties: { [property]: { type: 'string', enum: names } } },
      ...names.map((name) => ({ anyOf: [{ not: { properties: { [property]: { enum: [name] } } } }, { $ref: discriminator.mapping![name] }] })),
    ];
    delete schema.oneOf;
    delete schema.discriminator;
  }
  for (const value of Object.values(schema)) applyDiscriminators(value);
}

/** Makes `toSatisfyApiSpec` / `toSatisfySchemaInApiSpec` check against one version's official document. */
export function useTmfSpec(version: 'v4' | 'v5'): void {
  const spec = structuredClone(TMF_SPECS[version]) as OpenAPISpecObject & { servers?: { url: string }[]; basePath?: string };
  // the documents end their base path with '/' and their paths start with one: the validator would look for '//'
  for (const server of spec.servers ?? []) server.url = server.url.replace(/\/$/, '');
  if (spec.basePath) spec.basePath = spec.basePath.replace(/\/$/, '');
  applyDiscriminators((spec as Schema).components);
  jestOpenAPI(spec);
}

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
  at: number;
}

/** A real HTTP listener in the test process: records every POST; `failWith` makes it answer an error. */
export async function startListener(): Promise<{ url: string; received: Received[]; failWith: number | null; close(): Promise<void> }> {
  const state = { received: [] as Received[], failWith: null as number | null };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (state.failWith !== null) {
        res.writeHead(state.failWith).end();
        return;
      }
      const raw = Buffer.concat(chunks).toString();
      state.received.push({ path: req.url ?? '', headers: req.headers, raw, body: JSON.parse(raw) as Record<string, unknown>, at: Date.now() });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/oss`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as { url: string; received: Received[]; failWith: number | null; close(): Promise<void> };
}

/** Polls until `check` holds or the deadline passes (no fixed sleeps before an assertion). */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((r) => setTimeout(r, 25));
  }
}
