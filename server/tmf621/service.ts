import jsonMergePatch from 'json-merge-patch';
import { applyPatch, JsonPatchError, type Operation } from 'fast-json-patch';
import type { Knex } from 'knex';
import { writeAudit } from '../audit';
import type { ClientPrincipal, Principal } from '../auth/permissions';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors, type FieldError } from '../http/errors';
import { toFieldErrors } from '../http/route';
import { phone as phoneSchema } from '../http/schemas';
import type { TicketsService } from '../tickets/service';
import { ticketsRepository, type TicketRow } from '../tickets/repository';
import type { SlaSummary } from '../tickets/schemas';
import {
  DEFAULT_TYPE_MAPPING, deskChannel, deskPriority, deskType, statusRequest, TMF_STATUSES, tmfStatus, type TmfStatus, type TypeMapping,
} from './mapping';
import { tmfRepository, type ListFilter, type TmfTicketRow } from './repository';
import { troubleTicketCreate, troubleTicketPatch, type RelatedPartyInput, type TroubleTicketCreate, type TroubleTicketPatch } from './schemas';
import { selectFields, TIMELINE_FIELDS, toTroubleTicket, type TicketBundle, type TmfVersion } from './view';

type Json = Record<string, unknown>;

/** settings key of the admin-set ticketType mapping and its default */
export const TYPE_MAPPING_SETTING = 'tmf621_type_mapping';

export interface TmfDeps {
  tickets: TicketsService;
  /** the worst open SLA timer of each ticket (its due_at is expectedResolutionDate) */
  slaSummaries(db: Knex, ticketIds: readonly number[]): Promise<Map<number, SlaSummary>>;
  /** tickets linked with each ticket (incidents, merges): troubleTicketRelationship */
  relatedTickets(db: Knex, ticketIds: readonly number[]): Promise<Map<number, { id: number; number: string; relationshipType: string; name: string }[]>>;
}

const PATCHABLE = new Set(['name', 'description', 'severity', 'ticketType', 'priority', 'channel', 'requestedResolutionDate', 'status', 'statusChangeReason', 'note', 'relatedEntity', 'relatedParty', 'troubleTicketCharacteristic', '@type', '@baseType', '@schemaLocation']);
/** parties the desk derives (the customer is changed at the desk, not by PATCH): the rest are kept as given */
const DERIVED_ROLES = new Set(['customer', 'originator', 'owner', 'assignee']);
const FILTER_OPS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

const fieldError = (path: string, message: string) => errors.badRequest(`${path}: ${message}`, [{ path, message }]);

function parseOrThrow<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } }, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const bag: FieldError[] = toFieldErrors(result.error);
  throw errors.badRequest(`invalid ${bag.map((e) => e.path).join(', ')}`, bag);
}

/** v4 parties are flat `{id, name, role}`, v5 ones wrap the party: one shape inside the desk (v5). */
function normaliseParty(p: RelatedPartyInput): Json {
  if (p.partyOrPartyRole) return p;
  const { id, name, role, ...rest } = p;
  return { ...rest, '@type': 'RelatedPartyRefOrPartyRoleRef', role, partyOrPartyRole: { '@type': 'PartyRef', id, ...(name ? { name } : {}), '@referredType': rest['@referredType'] ?? 'Party' } };
}

function normaliseEntity(e: Json): Json {
  if (e.entity) return e;
  const { id, name, role, ...rest } = e;
  return { ...rest, '@type': 'RelatedEntity', role, entity: { '@type': 'EntityRef', id, ...(name ? { name } : {}), '@referredType': rest['@referredType'] ?? 'Entity' } };
}

/**
 * The TMF621 Trouble Ticket façade over the desk's tickets: every change is a desk change (the
 * tickets service, with its versions, transitions and rules); what TMF carries beyond the desk's
 * columns is kept in tmf_tickets and returned as given.
 */
export function createTmfService(deps: Deps, tmf: TmfDeps) {
  const { knex, bus, clock, config } = deps;
  const apiRoot = config.publicUrl.replace(/\/$/, '');

  async function typeMapping(db: Knex): Promise<TypeMapping> {
    const row = await db('settings').where({ key: TYPE_MAPPING_SETTING }).first<{ value: string } | undefined>('value');
    return row ? (JSON.parse(row.value) as TypeMapping) : DEFAULT_TYPE_MAPPING;
  }

  function visible(principal: ClientPrincipal, row: TicketRow, unitPath: string | undefined): boolean {
    return row.accepted_by === principal.id || (unitPath !== undefined && principal.client.units.some((u) => unitPath.startsWith(u.path)));
  }

  /** The bundles of visible tickets, in the order asked; `timeline` false skips the events (fields without them). */
  async function bundles(db: Knex, principal: ClientPrincipal, ids: readonly number[], timeline = true): Promise<TicketBundle[]> {
    if (ids.length === 0) return [];
    const rows = await ticketsRepository.findMany(db, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    // one after another: inside the hub's transaction they share one connection
    const customers = await ticketsRepository.customersByIds(db, rows.map((r) => r.customer_id));
    const extras = await tmfRepository.byTickets(db, ids);
    const events = timeline ? await ticketsRepository.eventsOf(db, ids) : [];
    const sla = await tmf.slaSummaries(db, ids);
    const related = await tmf.relatedTickets(db, ids);
    const names = await ticketsRepository.names(db, rows.flatMap((r) => [r.accepted_by, ...(r.assignee_id === null ? [] : [r.assignee_id])]), rows.flatMap((r) => (r.unit_id === null ? [] : [r.unit_id])));
    const out: TicketBundle[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) continue;
      const unit = row.unit_id === null ? undefined : names.units.get(row.unit_id);
      if (!visible(principal, row, unit?.path)) continue;
      out.push({
        row, customer: customers.get(row.customer_id)!, tmf: extras.get(id), events: events.filter((e) => Number(e.ticket_id) === id),
        dueAt: sla.get(id)?.due_at ?? null, related: related.get(id) ?? [],
        people: { acceptedBy: names.users.get(row.accepted_by) ?? null, assignee: row.assignee_id === null ? null : names.users.get(row.assignee_id) ?? null, unit: unit?.name ?? null },
      });
    }
    return out;
  }

  async function one(db: Knex, principal: ClientPrincipal, id: number, version: TmfVersion): Promise<{ resource: Json; row: TicketRow }> {
    const [bundle] = await bundles(db, principal, [id]);
    if (!bundle) throw errors.notFound(`troubleTicket ${id}`);
    return { resource: toTroubleTicket(bundle, version, apiRoot), row: bundle.row };
  }

  /** The customer from the party with role customer: its id is the phone number, or an account number on record. */
  async function customerOf(input: TroubleTicketCreate): Promise<{ customer: { phone: string; name?: string } } | { customer_id: number }> {
    const index = input.relatedParty.findIndex((p) => (p.role ?? '').toLowerCase() === 'customer');
    if (index < 0) throw fieldError('relatedParty', 'name the customer: a party with role "customer" whose id is the phone number or account number');
    const party = input.relatedParty[index]!;
    const id = party.partyOrPartyRole?.id ?? party.id;
    const name = party.partyOrPartyRole?.name ?? party.name;
    const path = party.partyOrPartyRole ? `relatedParty.${index}.partyOrPartyRole.id` : `relatedParty.${index}.id`;
    if (!id) throw fieldError(path, 'required: the customer\'s phone number or account number');
    if (phoneSchema.safeParse(id).success) return { customer: { phone: id.trim(), ...(name ? { name: name.slice(0, 100) } : {}) } };
    const byAccount = await knex('customers').where({ account_no: id }).first<{ id: number } | undefined>('id');
    if (!byAccount) throw fieldError(path, 'no customer with this phone number or account number');
    return { customer_id: Number(byAccount.id) };
  }

  async function create(principal: ClientPrincipal, body: unknown, version: TmfVersion): Promise<{ resource: Json; replayed: boolean }> {
    const input = parseOrThrow(troubleTicketCreate, body);
    const external = input.externalIdentifier?.[0] ?? (input.externalId ? { id: input.externalId } : undefined);
    const owner = external ? (external.owner ?? principal.client.clientId) : null;
    if (external) {
      const existing = await tmfRepository.findByExternal(knex, owner!, external.id);
      if (existing) return { resource: (await one(knex, principal, Number(existing.ticket_id), version)).resource, replayed: true };
    }
    const mapping = await typeMapping(knex);
    const { type, category } = deskType(input.ticketType, mapping);
    const customer = await customerOf(input);
    const extraParties = input.relatedParty.filter((p) => (p.role ?? '').toLowerCase() !== 'customer').map(normaliseParty);
    const now = clock.now();
    try {
      const { ticket } = await tmf.tickets.create(principal, {
        type, category, channel: deskChannel(input.channel), description: input.description, priority: deskPriority(input.severity, input.priority), ...customer,
      }, undefined, async (uow, ticketId) => {
        await tmfRepository.insert(uow.trx, {
          ticket_id: ticketId, client_id: principal.client.id, name: input.name ?? null, ticket_type: input.ticketType, severity: input.severity,
          priority: input.priority ?? null, channel: input.channel ?? null, external_owner: owner, external_id: external?.id ?? null,
          external_type: external && 'externalIdentifierType' in external ? (external.externalIdentifierType ?? null) : null,
          external_identifier: input.externalIdentifier ?? (external ? [{ id: external.id, owner }] : null),
          related_entity: input.relatedEntity?.map(normaliseEntity) ?? null, related_party: extraParties.length ? extraParties : null,
          requested_resolution_date: input.requestedResolutionDate ? new Date(input.requestedResolutionDate) : null,
          characteristic: input.troubleTicketCharacteristic ?? null, created_at: now,
        });
        for (const n of input.note ?? []) await tmf.tickets.comment(principal, ticketId, n.text, uow);
      });
      return { resource: (await one(knex, principal, ticket.id, version)).resource, replayed: false };
    } catch (err) {
      // two requests with one externalIdentifier at once: the loser answers with the winner's ticket
      const existing = external ? await tmfRepository.findByExternal(knex, owner!, external.id) : undefined;
      if (existing) return { resource: (await one(knex, principal, Number(existing.ticket_id), version)).resource, replayed: true };
      throw err;
    }
  }

  function filters(query: Record<string, unknown>): Omit<ListFilter, 'actorId' | 'unitPaths' | 'offset' | 'limit'> {
    const list = (key: string) => {
      const value = query[key];
      if (value === undefined) return undefined;
      if (typeof value !== 'string' || value.length > 1000) throw fieldError(key, 'a comma-separated list');
      return value.split(',').map((v) => v.trim()).filter(Boolean);
    };
    const status = list('status');
    const bad = status?.find((s) => !(TMF_STATUSES as readonly string[]).includes(s));
    if (bad !== undefined) throw fieldError('status', `one of ${TMF_STATUSES.join(', ')}`);
    const dates = (field: string) => Object.entries(FILTER_OPS).flatMap(([suffix, op]) => {
      const value = query[`${field}.${suffix}`];
      if (value === undefined) return [];
      const at = typeof value === 'string' ? new Date(value) : new Date(NaN);
      if (Number.isNaN(at.getTime())) throw fieldError(`${field}.${suffix}`, 'a date-time');
      return [{ op, at }];
    });
    return {
      status: status as TmfStatus[] | undefined, ticketType: list('ticketType'), severity: list('severity'), priority: list('priority'),
      channel: list('channel.id'), externalId: list('externalIdentifier.id') ?? list('externalId'), created: dates('creationDate'), updated: dates('lastUpdate'),
    };
  }

  async function list(principal: ClientPrincipal, query: Record<string, unknown>, version: TmfVersion): Promise<{ items: Json[]; total: number }> {
    const intOf = (key: string, fallback: number, max: number) => {
      const value = query[key];
      if (value === undefined) return fallback;
      const n = typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : NaN;
      if (!Number.isSafeInteger(n) || n > max || (key === 'limit' && n < 1)) throw fieldError(key, `an integer, ${key === 'limit' ? 1 : 0} to ${max}`);
      return n;
    };
    const fields = typeof query.fields === 'string' ? query.fields : undefined;
    const page = await tmfRepository.list(knex, {
      actorId: principal.id, unitPaths: principal.client.units.map((u) => u.path), ...filters(query),
      offset: intOf('offset', 0, 1_000_000), limit: intOf('limit', 100, 1000),
    });
    const needsTimeline = fields === undefined || fields.split(',').some((f) => TIMELINE_FIELDS.includes(f.trim()));
    const found = await bundles(knex, principal, page.ids, needsTimeline);
    return { items: found.map((b) => selectFields(toTroubleTicket(b, version, apiRoot), fields)), total: page.total };
  }

  /** The patch applied to the current resource: merge-patch (RFC 7396) or JSON Patch (RFC 6902). */
  function patched(current: Json, contentType: string, body: unknown): Json {
    if (contentType === 'application/json-patch+json') {
      if (!Array.isArray(body)) throw fieldError('body', 'a JSON Patch document: an array of operations');
      body.forEach((op: unknown, i) => {
        const path = (op as { path?: unknown })?.path;
        const field = typeof path === 'string' ? path.split('/')[1] : undefined;
        if (field === undefined || !PATCHABLE.has(field)) throw fieldError(`${i}.path`, `may change only ${[...PATCHABLE].filter((f) => !f.startsWith('@')).join(', ')}`);
      });
      try {
        return applyPatch(structuredClone(current), body as Operation[], true, false).newDocument as Json;
      } catch (err) {
        if (err instanceof JsonPatchError) {
          const at = `${err.index ?? 0}`;
          if (err.name === 'TEST_OPERATION_FAILED') throw errors.conflict(`operation ${at}: the test failed`, { code: 'conflict', errors: [{ path: at, message: 'test failed' }] });
          throw fieldError(at, err.message.split('\n')[0]!);
        }
        throw err;
      }
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw fieldError('body', 'a JSON object (merge patch)');
    const readOnly = Object.keys(body).find((key) => !PATCHABLE.has(key));
    if (readOnly !== undefined) throw fieldError(readOnly, 'cannot be changed');
    return jsonMergePatch.apply(structuredClone(current), body) as Json;
  }

  async function applyStatus(uow: UnitOfWork, principal: ClientPrincipal, id: number, from: TmfStatus, to: TmfStatus, reason: string | undefined): Promise<void> {
    const request = statusRequest(from, to);
    if (request === null) return;
    if (typeof request === 'string') throw errors.illegalTransition(`move to ${to}`, from);
    const note = reason ?? `by ${principal.name}`;
    switch (request.action) {
      case 'cancel':
        await tmf.tickets.cancel(principal, id, null, { reason: request.reason, note }, uow);
        return;
      case 'resolve':
        await tmf.tickets.resolve(principal, id, null, { resolution: reason ?? `resolved as reported by ${principal.name}`, cause: reason ?? `reported by ${principal.name}`, responsibility: 'none' }, uow);
        return;
      case 'close':
        await tmf.tickets.recordCallback(principal, id, null, { outcome: 'satisfied', note }, { outer: uow });
        return;
      case 'hold':
        await tmf.tickets.hold(principal, id, null, { reason: request.reason, note }, uow);
        return;
      case 'unhold':
        await tmf.tickets.unhold(principal, id, null, { note }, uow);
        return;
    }
  }

  async function patch(principal: ClientPrincipal, id: number, contentType: string, body: unknown, ifMatch: number | null, version: TmfVersion): Promise<Json> {
    const { resource: current, row } = await one(knex, principal, id, version);
    if (ifMatch !== null && ifMatch !== row.version) throw errors.staleVersion(row.version);
    const next = patched(current, contentType, body);
    const changed = Object.keys(next).filter((key) => PATCHABLE.has(key) && !key.startsWith('@') && JSON.stringify(next[key]) !== JSON.stringify(current[key]));
    if (changed.length === 0) return current;
    const input: TroubleTicketPatch = parseOrThrow(troubleTicketPatch, Object.fromEntries(changed.map((k) => [k, next[k]])));
    const now = clock.now();
    await inTransaction(knex, bus, async (uow) => {
      const tmfChanges: Partial<TmfTicketRow> = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.ticketType !== undefined ? { ticket_type: input.ticketType } : {}),
        ...(input.severity !== undefined ? { severity: input.severity } : {}),
        ...(input.priority !== undefined ? { priority: input.priority } : {}),
        ...(input.channel !== undefined ? { channel: input.channel } : {}),
        ...(input.requestedResolutionDate !== undefined ? { requested_resolution_date: new Date(input.requestedResolutionDate) } : {}),
        ...(input.relatedEntity !== undefined ? { related_entity: input.relatedEntity.map(normaliseEntity) } : {}),
        ...(input.relatedParty !== undefined ? { related_party: input.relatedParty.filter((p) => !DERIVED_ROLES.has((p.role ?? '').toLowerCase())).map(normaliseParty) } : {}),
        ...(input.troubleTicketCharacteristic !== undefined ? { characteristic: input.troubleTicketCharacteristic } : {}),
      };
      const attributes = changed.filter((k) => !['status', 'statusChangeReason', 'note'].includes(k));
      if (Object.keys(tmfChanges).length > 0) await tmfRepository.upsert(uow.trx, id, tmfChanges, now);
      if (attributes.length > 0) {
        const priority = input.severity !== undefined || input.priority !== undefined
          ? deskPriority(input.severity ?? String(next.severity ?? ''), input.priority ?? String(next.priority ?? ''))
          : undefined;
        await tmf.tickets.amend(principal, id, null, { description: input.description, priority, fields: attributes }, uow);
      }
      const known = new Set((current.note as Json[] | undefined ?? []).map((n) => n.id));
      for (const n of input.note ?? []) if (n.id === undefined || !known.has(n.id)) await tmf.tickets.comment(principal, id, n.text, uow);
      if (input.status !== undefined) await applyStatus(uow, principal, id, current.status as TmfStatus, input.status, input.statusChangeReason);
    });
    return (await one(knex, principal, id, version)).resource;
  }

  /** DELETE: the desk keeps every ticket, so it is cancelled (again: nothing to do). */
  async function remove(principal: ClientPrincipal, id: number): Promise<void> {
    const { row } = await one(knex, principal, id, 'v5');
    if (tmfStatus(row) === 'cancelled') return;
    await tmf.tickets.cancel(principal, id, null, { reason: 'withdrawn', note: `deleted through TMF621 by ${principal.name}` });
  }

  return {
    create,
    list,
    get: async (principal: ClientPrincipal, id: number, fields: string | undefined, version: TmfVersion) => {
      const { resource, row } = await one(knex, principal, id, version);
      return { resource: selectFields(resource, fields), version: row.version };
    },
    patch,
    remove,
    typeMapping: () => typeMapping(knex),
    async putTypeMapping(actor: Principal, mapping: TypeMapping): Promise<TypeMapping> {
      await inTransaction(knex, bus, async ({ trx }) => {
        const before = await typeMapping(trx);
        await trx('settings').insert({ key: TYPE_MAPPING_SETTING, value: JSON.stringify(mapping) }).onConflict('key').merge();
        await writeAudit(trx, { at: clock.now(), actorId: actor.id, entity: 'settings', entityId: TYPE_MAPPING_SETTING, action: 'tmf621_type_mapping_updated', data: { before, after: mapping } });
      });
      return mapping;
    },
    /** the resource of a ticket the hub announces: rendered for the subscriber's client */
    render: async (principal: ClientPrincipal, id: number, version: TmfVersion, db: Knex = knex) => (await one(db, principal, id, version)).resource,
    apiRoot,
  };
}

export type TmfService = ReturnType<typeof createTmfService>;
