import type { Knex } from 'knex';
import { writeAudit } from '../audit';
import { scopePrefix, type Principal } from '../auth/permissions';
import { configCache } from '../db/config-cache';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import type { Deps } from '../deps';
import { errors } from '../http/errors';
import { nearestHead } from '../ownership/heads';
import { ticketView, visibleTicket, type CustomerOf, type OwnershipService } from '../ownership/service';
import { ticketsRepository, type TicketRow } from '../tickets/repository';
import { unitsRepository } from '../units/repository';
import { findBurst, normaliseCause, type Candidate } from './detector';
import { incidentsRepository as repo, type DetectorRow, type IncidentRow, type NewIncident } from './repository';
import type { CreateIncidentInput, DetectorInput, IncidentDetailView, IncidentView, ListIncidentsQuery, UpdateIncidentInput } from './schemas';

/** Which ticket changes each kind of detector looks at. */
const DETECTION_EVENTS: Record<DetectorRow['match_on'], ReadonlySet<string>> = {
  category_area: new Set(['accepted', 'dispatched', 'redispatched']),
  cause: new Set(['resolved']),
};

const toDetectorView = (row: DetectorRow) => ({
  key: row.key, name: row.name, enabled: row.enabled, match_on: row.match_on, ticket_types: row.ticket_types, threshold: row.threshold, window_seconds: row.window_seconds,
});

/**
 * Mass complaints (规模性投诉): a detector groups tickets that share a category and area, or a
 * cause, under one incident with its owner and explanation wording (解释口径); supervisors link and
 * unlink by hand. Linking makes the ticket a mass complaint, which the ownership rules see.
 */
export function createIncidentsService(deps: Deps, ownership: OwnershipService) {
  const { knex, bus, clock } = deps;
  /** The enabled detectors, kept per process: putDetector drops them after its commit, other processes re-read within CONFIG_TTL_MS. */
  const enabledDetectors = configCache(async (db): Promise<readonly DetectorRow[]> => repo.enabledDetectors(db));

  async function toView(db: Knex, row: IncidentRow): Promise<IncidentView> {
    const ticketCount = await repo.ticketCount(db, row.id);
    return {
      id: row.id, title: row.title, status: row.status, category: row.category, cause: row.cause, unit_id: row.unit_id, owner_id: row.owner_id,
      explanation_wording: row.explanation_wording, detector_key: row.detector_key, ticket_count: ticketCount,
      created_at: row.created_at.toISOString(), updated_at: row.updated_at.toISOString(),
    };
  }

  /** Links a locked ticket, writes it on the timeline and lets ownership re-evaluate the case. */
  async function link(uow: UnitOfWork, ticket: TicketRow, incident: IncidentRow, actorId: number | null, now: Date, announce: boolean, customerOf?: CustomerOf): Promise<void> {
    await repo.link(uow.trx, { ticket_id: ticket.id, incident_id: incident.id, linked_by: actorId, linked_at: now });
    await ticketsRepository.insertEvent(uow.trx, {
      ticket_id: ticket.id, type: 'incident_linked', at: now, actor_id: actorId,
      data: { incident_id: incident.id, title: incident.title, by: actorId === null ? 'detector' : 'hand', explanation_wording: incident.explanation_wording },
    });
    await ownership.evaluate(uow, ticket, actorId, now, customerOf);
    if (announce) uow.emit({ type: 'ticket.updated', at: now.toISOString(), actorId, change: 'incident_linked', ticket: await ticketView(uow.trx, ticket) });
  }

  async function openIncident(trx: Knex.Transaction, fields: Omit<NewIncident, 'owner_id' | 'status'>, now: Date): Promise<IncidentRow> {
    const head = await nearestHead(trx, fields.unit_id);
    return repo.insert(trx, { ...fields, owner_id: head?.userId ?? null, status: 'open' }, now);
  }

  function announceOpened(uow: UnitOfWork, incident: IncidentRow, actorId: number | null, ticketIds: number[], now: Date): void {
    uow.emit({
      type: 'incident.opened', at: now.toISOString(), actorId, incidentId: incident.id, title: incident.title,
      unitId: incident.unit_id, ownerId: incident.owner_id, ticketIds: [...ticketIds].sort((a, b) => a - b),
    });
  }

  /** The key a detector groups this ticket by, or null when the ticket has nothing to group by yet. */
  async function matchKey(detector: DetectorRow, ticket: TicketRow, customerOf: CustomerOf): Promise<{ key: string; unitId: number | null; cause: string | null } | null> {
    const customer = await customerOf();
    if (detector.match_on === 'cause') {
      if (!ticket.cause) return null;
      const cause = normaliseCause(ticket.cause);
      // the incident belongs to the unit that found the cause; a cause found at the desk, to the customer's unit
      return cause ? { key: `cause:${cause}`, unitId: ticket.unit_id ?? customer.unit_id ?? null, cause } : null;
    }
    // the area is where the customer is served; a caller without one is placed by the dispatch
    const unitId = customer.unit_id ?? ticket.unit_id;
    return unitId === null ? null : { key: `category_area:${ticket.category}:${unitId}`, unitId, cause: null };
  }

  /** The unlinked tickets of the detector's window that share the key, exactly (the SQL narrows on a prefix of the cause). */
  async function candidates(db: Knex, detector: DetectorRow, ticket: TicketRow, key: { unitId: number | null; cause: string | null }): Promise<Candidate[]> {
    const rows = await repo.candidates(db, detector, ticket.created_at, key.cause !== null ? { cause: key.cause } : { category: ticket.category, unitId: key.unitId });
    return rows
      .filter((r) => key.cause === null || (r.cause !== null && normaliseCause(r.cause) === key.cause))
      .map((r) => ({ id: Number(r.id), createdAt: r.created_at }));
  }

  /** Runs the detectors for one ticket change, inside its transaction; `isNew`: the ticket was inserted by this change, so nothing links it yet. */
  async function detect(uow: UnitOfWork, ticket: TicketRow, event: string, now: Date, customerOf: CustomerOf, isNew: boolean): Promise<void> {
    const { trx } = uow;
    const detectors = await enabledDetectors.get(trx);
    for (const detector of detectors) {
      if (!DETECTION_EVENTS[detector.match_on].has(event) || !detector.ticket_types.includes(ticket.type)) continue;
      if (!isNew && (await repo.linkOf(trx, ticket.id)) !== null) return;
      const key = await matchKey(detector, ticket, customerOf);
      if (!key) continue;
      await repo.lockKey(trx, key.key);
      const open = await repo.openWithKey(trx, key.key);
      if (open) {
        await link(uow, ticket, open, null, now, false, customerOf);
        return;
      }
      const found = await candidates(trx, detector, ticket, key);
      const burst = findBurst(found, ticket.id, detector.threshold, detector.window_seconds);
      if (burst.length === 0) continue;
      const unitId = key.unitId ?? ticket.unit_id;
      if (unitId === null) continue;
      const unit = await unitsRepository.find(trx, unitId);
      const incident = await openIncident(trx, {
        match_key: key.key, detector_key: detector.key,
        title: detector.match_on === 'cause' ? `${key.cause}` : `${ticket.category} · ${unit?.name ?? unitId}`,
        category: detector.match_on === 'category_area' ? ticket.category : null, cause: key.cause, unit_id: unitId,
        explanation_wording: null, created_by: null,
      }, now);
      await link(uow, ticket, incident, null, now, false, customerOf);
      const others = burst.filter((c) => c.id !== ticket.id).map((c) => c.id);
      // A ticket another transaction holds is skipped: it links itself when its own change runs the detector.
      const lockable = await ticketsRepository.lockAvailable(trx, others);
      for (const other of lockable) await link(uow, other, incident, null, now, true);
      announceOpened(uow, incident, null, [ticket.id, ...lockable.map((o) => o.id)], now);
      return;
    }
  }

  async function findIncident(db: Knex, incidentId: number, lock = false): Promise<IncidentRow> {
    const row = lock ? await repo.findForUpdate(db as Knex.Transaction, incidentId) : await repo.find(db, incidentId);
    if (!row) throw errors.notFound(`incident ${incidentId}`);
    return row;
  }

  /** The incident with its tickets; handlers and unit heads see only their subtree's (null prefix: every one). */
  async function detailOf(db: Knex, row: IncidentRow, prefix: string | null = null): Promise<IncidentDetailView> {
    const tickets = await repo.tickets(db, row.id, prefix);
    return { ...(await toView(db, row)), tickets: tickets.map((x) => ({ ...x, linked_at: x.linked_at.toISOString() })) };
  }

  async function linkByHand(uow: UnitOfWork, principal: Principal, incident: IncidentRow, ticketId: number, now: Date): Promise<void> {
    const ticket = await visibleTicket(uow.trx, principal, ticketId, true);
    const existing = await repo.linkOf(uow.trx, ticketId);
    if (existing !== null) {
      if (existing === incident.id) return;
      throw errors.conflict(`ticket ${ticketId} is already linked to incident ${existing}`, { code: 'already_linked', incident_id: existing });
    }
    await link(uow, ticket, incident, principal.id, now, true);
  }

  return {
    detect,

    /** The incident a ticket belongs to, for the ticket detail: agents read the wording from here. */
    async forTicket(db: Knex, ticketId: number): Promise<IncidentView | null> {
      const row = await repo.ofTicket(db, ticketId);
      return row ? toView(db, row) : null;
    },

    async list(principal: Principal, q: ListIncidentsQuery): Promise<IncidentView[]> {
      const rows = await repo.list(knex, scopePrefix(principal), { status: q.status, category: q.category, unitId: q.unit_id });
      return Promise.all(rows.map((row) => toView(knex, row)));
    },

    async get(principal: Principal, incidentId: number): Promise<IncidentDetailView> {
      const prefix = scopePrefix(principal);
      const [row] = await repo.list(knex, prefix, { id: incidentId });
      if (!row) throw errors.notFound(`incident ${incidentId}`);
      return detailOf(knex, row, prefix);
    },

    create(principal: Principal, input: CreateIncidentInput): Promise<IncidentDetailView> {
      return inTransaction(knex, bus, async (uow) => {
        if (!(await unitsRepository.find(uow.trx, input.unit_id))) {
          throw errors.rule(`unit ${input.unit_id} does not exist`, { errors: [{ path: 'unit_id', message: 'no such unit' }] });
        }
        const now = clock.now();
        const incident = await openIncident(uow.trx, {
          match_key: null, detector_key: null, title: input.title, category: input.category ?? null, cause: null,
          unit_id: input.unit_id, explanation_wording: input.explanation_wording ?? null, created_by: principal.id,
        }, now);
        const ticketIds = [...new Set(input.ticket_ids)].sort((a, b) => a - b);
        for (const ticketId of ticketIds) await linkByHand(uow, principal, incident, ticketId, now);
        announceOpened(uow, incident, principal.id, ticketIds, now);
        return detailOf(uow.trx, incident);
      });
    },

    /** Supervisors, managers and the incident's owner set its title, status and wording. */
    update(principal: Principal, incidentId: number, input: UpdateIncidentInput): Promise<IncidentDetailView> {
      return inTransaction(knex, bus, async ({ trx }) => {
        const current = await findIncident(trx, incidentId, true);
        if (principal.role === 'unit_head' && current.owner_id !== principal.id) throw errors.forbidden('only the incident owner or a supervisor changes it');
        const changes: Partial<IncidentRow> = { updated_at: clock.now() };
        if (input.title !== undefined) changes.title = input.title;
        if (input.status !== undefined) changes.status = input.status;
        if (input.explanation_wording !== undefined) changes.explanation_wording = input.explanation_wording;
        if (input.status === 'open' && current.status !== 'open' && current.match_key !== null) {
          const other = await repo.otherOpenWithKey(trx, current.match_key, incidentId);
          if (other) throw errors.conflict(`incident ${other.id} is already open for the same key`, { code: 'duplicate_open_incident' });
        }
        const row = await repo.update(trx, incidentId, changes);
        await writeAudit(trx, { at: row.updated_at, actorId: principal.id, entity: 'incident', entityId: incidentId, action: 'updated', data: input });
        return detailOf(trx, row, scopePrefix(principal));
      });
    },

    linkTicket(principal: Principal, incidentId: number, ticketId: number): Promise<IncidentDetailView> {
      return inTransaction(knex, bus, async (uow) => {
        const incident = await findIncident(uow.trx, incidentId);
        await linkByHand(uow, principal, incident, ticketId, clock.now());
        return detailOf(uow.trx, incident);
      });
    },

    unlinkTicket(principal: Principal, incidentId: number, ticketId: number): Promise<IncidentDetailView> {
      return inTransaction(knex, bus, async (uow) => {
        const incident = await findIncident(uow.trx, incidentId);
        const ticket = await visibleTicket(uow.trx, principal, ticketId, true);
        const removed = await repo.unlink(uow.trx, incidentId, ticketId);
        if (removed === 0) throw errors.notFound(`ticket ${ticketId} in incident ${incidentId}`);
        const now = clock.now();
        await ticketsRepository.insertEvent(uow.trx, { ticket_id: ticketId, type: 'incident_unlinked', at: now, actor_id: principal.id, data: { incident_id: incidentId } });
        await ownership.evaluate(uow, ticket, principal.id, now);
        uow.emit({ type: 'ticket.updated', at: now.toISOString(), actorId: principal.id, change: 'incident_unlinked', ticket: await ticketView(uow.trx, ticket) });
        return detailOf(uow.trx, incident);
      });
    },

    detectors: async () => (await repo.detectors(knex)).map(toDetectorView),

    async putDetector(principal: Principal, key: string, input: DetectorInput): Promise<{ detector: ReturnType<typeof toDetectorView>; created: boolean }> {
      const result = await inTransaction(knex, bus, async ({ trx }) => {
        const now = clock.now();
        const before = await repo.findDetector(trx, key);
        const row = await repo.upsertDetector(trx, { key, ...input, created_at: now, updated_at: now });
        await writeAudit(trx, { at: now, actorId: principal.id, entity: 'mass_complaint_detector', entityId: key, action: before ? 'updated' : 'created', data: { key, before: before ?? null, after: input } });
        return { detector: toDetectorView(row), created: !before };
      });
      enabledDetectors.invalidate();
      return result;
    },

    /** For each ticket in an incident: the incident and the other tickets in it (TMF621 troubleTicketRelationship). */
    async siblings(db: Knex, ticketIds: readonly number[]): Promise<Map<number, { incidentId: number; title: string; tickets: { id: number; number: string }[] }>> {
      const out = new Map<number, { incidentId: number; title: string; tickets: { id: number; number: string }[] }>();
      if (ticketIds.length === 0) return out;
      const rows = await repo.siblingRows(db, ticketIds);
      for (const r of rows) {
        const entry = out.get(r.ticket_id) ?? { incidentId: r.incident_id, title: r.title, tickets: [] };
        entry.tickets.push({ id: r.other_id, number: r.number });
        out.set(r.ticket_id, entry);
      }
      return out;
    },
  };
}

export type IncidentsService = ReturnType<typeof createIncidentsService>;
