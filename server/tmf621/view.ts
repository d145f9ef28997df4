import type { CustomerRow } from '../customers/repository';
import type { TicketRow } from '../tickets/repository';
import { statusOfEvent, TMF_PRIORITY, TMF_SEVERITY, TMF_TICKET_TYPE, tmfStatus } from './mapping';
import type { TmfTicketRow } from './repository';

export type TmfVersion = 'v4' | 'v5';
type Json = Record<string, unknown>;

/** Everything one TMF TroubleTicket is rendered from. */
export interface TicketBundle {
  row: TicketRow;
  customer: CustomerRow;
  tmf: TmfTicketRow | undefined;
  events: { id: number; type: string; at: Date; actor_id: number | null; actor_name: string | null; data: Record<string, unknown> }[];
  /** the earliest running SLA due time */
  dueAt: string | null;
  related: { id: number; number: string; relationshipType: string; name: string }[];
  people: { acceptedBy: string | null; assignee: string | null; unit: string | null };
}

export const basePath = (version: TmfVersion) => `/tmf-api/troubleTicket/${version}`;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

function statusHistory(b: TicketBundle): { status: string; date: string; reason: string | undefined }[] {
  const out: { status: string; date: string; reason: string | undefined }[] = [];
  for (const e of b.events) {
    const status = statusOfEvent(e.type, e.data);
    if (status === null || out[out.length - 1]?.status === status) continue;
    const reason = typeof e.data.note === 'string' ? e.data.note : typeof e.data.resolution === 'string' ? e.data.resolution : typeof e.data.reason === 'string' ? e.data.reason : undefined;
    out.push({ status, date: e.at.toISOString(), reason });
  }
  return out;
}

/** The people involved: the customer first (role customer), then who accepted, the unit working it and its handler. */
function parties(b: TicketBundle): { role: string; id: string; name: string | undefined; referredType: string }[] {
  const list = [{ role: 'customer', id: b.customer.phone, name: b.customer.name ?? undefined, referredType: 'Individual' }];
  if (b.people.acceptedBy) list.push({ role: 'originator', id: `user:${b.row.accepted_by}`, name: b.people.acceptedBy, referredType: 'Individual' });
  if (b.row.unit_id !== null && b.people.unit) list.push({ role: 'owner', id: `unit:${b.row.unit_id}`, name: b.people.unit, referredType: 'Organization' });
  if (b.row.assignee_id !== null && b.people.assignee) list.push({ role: 'assignee', id: `user:${b.row.assignee_id}`, name: b.people.assignee, referredType: 'Individual' });
  return list;
}

/** relatedEntity as given (v5 shape), else the customer's line: the service the ticket is about. */
function entities(b: TicketBundle): { role: string; id: string; name: string | undefined; referredType: string; given?: Json }[] {
  if (b.tmf?.related_entity?.length) {
    return b.tmf.related_entity.map((e) => {
      const entity = (e.entity ?? {}) as Json;
      return { role: String(e.role ?? 'affectedService'), id: String(entity.id ?? e.id ?? ''), name: entity.name as string | undefined, referredType: String(entity['@referredType'] ?? e['@referredType'] ?? 'Service'), given: e };
    });
  }
  return [{ role: 'affectedLine', id: b.customer.account_no ?? b.customer.phone, name: b.customer.phone, referredType: 'Service' }];
}

const compact = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The desk ticket as a TMF621 TroubleTicket, in the version's own shape (v5: OAS 3, v4: Swagger 2). */
export function toTroubleTicket(b: TicketBundle, version: TmfVersion, apiRoot: string): Json {
  const { row, tmf } = b;
  const id = String(row.id);
  const href = `${apiRoot}${basePath(version)}/troubleTicket/${id}`;
  const history = statusHistory(b);
  const last = history[history.length - 1];
  const notes = b.events.filter((e) => e.type === 'comment').map((e) => ({ id: String(e.id), author: e.actor_name ?? undefined, date: e.at.toISOString(), text: String(e.data.body ?? '') }));
  const given = tmf?.channel ?? null;
  const channel = { ...(given ?? {}), id: String(given?.id ?? row.channel), name: String(given?.name ?? row.channel) };
  const common = {
    id, href, '@type': 'TroubleTicket',
    name: tmf?.name ?? row.number,
    description: row.description,
    severity: tmf?.severity ?? TMF_SEVERITY[row.priority],
    ticketType: tmf?.ticket_type ?? TMF_TICKET_TYPE[row.type],
    priority: tmf?.priority ?? TMF_PRIORITY[row.priority],
    creationDate: row.created_at.toISOString(),
    lastUpdate: row.updated_at.toISOString(),
    expectedResolutionDate: b.dueAt ?? undefined,
    requestedResolutionDate: iso(tmf?.requested_resolution_date),
    resolutionDate: iso(row.resolved_at ?? (row.close_reason === 'cancelled' ? null : row.closed_at)),
    status: tmfStatus(row),
    statusChangeDate: last?.date,
    statusChangeReason: last?.reason,
  };
  if (version === 'v5') {
    return compact({
      ...common,
      channel: { ...channel, '@type': 'ChannelRef' },
      externalIdentifier: tmf?.external_identifier?.map((e) => ({ ...e, '@type': e['@type'] ?? 'ExternalIdentifier' })),
      note: notes.map((n) => compact({ ...n, '@type': 'Note' })),
      relatedParty: [
        ...parties(b).map((p) => ({ '@type': 'RelatedPartyRefOrPartyRoleRef', role: p.role, partyOrPartyRole: compact({ '@type': 'PartyRef', id: p.id, name: p.name, '@referredType': p.referredType }) })),
        ...(tmf?.related_party ?? []),
      ],
      relatedEntity: entities(b).map((e) => e.given ? { ...e.given, '@type': e.given['@type'] ?? 'RelatedEntity' } : { '@type': 'RelatedEntity', role: e.role, entity: compact({ '@type': 'EntityRef', id: e.id, name: e.name, '@referredType': e.referredType }) }),
      statusChangeHistory: history.map((h) => compact({ '@type': 'StatusChange', status: h.status, statusChangeDate: h.date, statusChangeReason: h.reason })),
      troubleTicketRelationship: b.related.map((r) => ({ '@type': 'TroubleTicketRelationship', id: String(r.id), href: `${apiRoot}${basePath(version)}/troubleTicket/${r.id}`, name: r.name, relationshipType: r.relationshipType })),
      troubleTicketCharacteristic: tmf?.characteristic ?? undefined,
    });
  }
  return compact({
    ...common,
    channel,
    externalId: tmf?.external_id ?? undefined,
    note: notes.map(compact),
    relatedParty: [
      ...parties(b).map((p) => compact({ id: p.id, name: p.name, role: p.role, '@referredType': p.referredType })),
      ...(tmf?.related_party ?? []).map((p) => {
        const party = (p.partyOrPartyRole ?? {}) as Json;
        return compact({ id: String(party.id ?? p.id ?? ''), name: (party.name ?? p.name) as string | undefined, role: p.role as string | undefined, '@referredType': String(party['@referredType'] ?? p['@referredType'] ?? 'Party') });
      }),
    ],
    relatedEntity: entities(b).map((e) => compact({ id: e.id, name: e.name, role: e.role, '@referredType': e.referredType })),
    statusChange: history.map((h) => compact({ status: h.status, changeDate: h.date, changeReason: h.reason })),
    troubleTicketRelationship: b.related.map((r) => ({ id: String(r.id), href: `${apiRoot}${basePath(version)}/troubleTicket/${r.id}`, name: r.name, relationshipType: r.relationshipType })),
  });
}

/** `fields=a,b`: only the named first-level attributes, plus id, href and @type (v5 §fields). */
export function selectFields(resource: Json, fields: string | undefined): Json {
  if (fields === undefined || fields.trim() === '') return resource;
  const wanted = new Set(['id', 'href', '@type', ...fields.split(',').map((f) => f.trim().split('.')[0]!).filter(Boolean)]);
  return Object.fromEntries(Object.entries(resource).filter(([key]) => wanted.has(key)));
}

/** The fields a rendering needs events for; lists skip the timeline when none of them is asked for. */
export const TIMELINE_FIELDS = ['note', 'status', 'statusChangeDate', 'statusChangeReason', 'statusChangeHistory', 'statusChange'];
