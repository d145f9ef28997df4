import type { Knex } from 'knex';
import { TMF_STATUS_SQL, type TmfStatus } from './mapping';

/** What a ticket opened (or changed) through TMF621 carried beyond the desk's columns, kept as given. */
export interface TmfTicketRow {
  ticket_id: number;
  client_id: number | null;
  name: string | null;
  ticket_type: string | null;
  severity: string | null;
  priority: string | null;
  channel: Record<string, unknown> | null;
  external_owner: string | null;
  external_id: string | null;
  external_type: string | null;
  external_identifier: Record<string, unknown>[] | null;
  related_entity: Record<string, unknown>[] | null;
  related_party: Record<string, unknown>[] | null;
  requested_resolution_date: Date | null;
  characteristic: Record<string, unknown>[] | null;
  created_at: Date;
}

export interface ListFilter {
  /** the client's own tickets (accepted by its service account) and its units' subtrees */
  actorId: number;
  unitPaths: string[];
  status?: TmfStatus[];
  ticketType?: string[];
  severity?: string[];
  priority?: string[];
  channel?: string[];
  externalId?: string[];
  created?: { op: '>' | '>=' | '<' | '<='; at: Date }[];
  updated?: { op: '>' | '>=' | '<' | '<='; at: Date }[];
  offset: number;
  limit: number;
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** tmf_tickets and the façade's list query (tickets, its own table, units for scope). */
export const tmfRepository = {
  async insert(trx: Knex.Transaction, row: TmfTicketRow): Promise<void> {
    await trx('tmf_tickets').insert({
      ...row,
      channel: json(row.channel), external_identifier: json(row.external_identifier), related_entity: json(row.related_entity),
      related_party: json(row.related_party), characteristic: json(row.characteristic),
    });
  },

  async upsert(trx: Knex.Transaction, ticketId: number, changes: Partial<Omit<TmfTicketRow, 'ticket_id'>>, now: Date): Promise<void> {
    const encoded: Record<string, unknown> = { ...changes };
    for (const key of ['channel', 'external_identifier', 'related_entity', 'related_party', 'characteristic'] as const) {
      if (key in changes) encoded[key] = json(changes[key]);
    }
    await trx('tmf_tickets').insert({ ticket_id: ticketId, created_at: now, ...encoded }).onConflict('ticket_id').merge(Object.keys(encoded));
  },

  findByExternal: (db: Knex, owner: string, id: string) =>
    db('tmf_tickets').where({ external_owner: owner, external_id: id }).first<{ ticket_id: number } | undefined>('ticket_id'),

  async byTickets(db: Knex, ticketIds: readonly number[]): Promise<Map<number, TmfTicketRow>> {
    if (ticketIds.length === 0) return new Map();
    const rows = await db<TmfTicketRow>('tmf_tickets').whereIn('ticket_id', ticketIds);
    return new Map(rows.map((r) => [Number(r.ticket_id), r]));
  },

  /** One page of the client's tickets, oldest first, and how many match in all. */
  async list(db: Knex, f: ListFilter): Promise<{ ids: number[]; total: number }> {
    const q = db('tickets as t').leftJoin('tmf_tickets as x', 'x.ticket_id', 't.id').leftJoin('units as u', 'u.id', 't.unit_id');
    q.where((scope) => {
      scope.where('t.accepted_by', f.actorId);
      for (const path of f.unitPaths) scope.orWhere('u.path', 'like', `${path}%`);
    });
    if (f.status?.length) q.where((w) => { for (const s of f.status!) w.orWhereRaw(`(${TMF_STATUS_SQL[s]})`); });
    // ticketType and severity: as given, else as the desk derives them (view.ts)
    if (f.ticketType?.length) {
      q.whereRaw(`COALESCE(x.ticket_type, CASE t.type WHEN 'fault' THEN 'incident' WHEN 'complaint' THEN 'complaint' ELSE 'request' END) = ANY(?)`, [f.ticketType]);
    }
    if (f.severity?.length) q.whereRaw(`COALESCE(x.severity, CASE t.priority WHEN 'urgent' THEN 'Major' ELSE 'Minor' END) = ANY(?)`, [f.severity]);
    if (f.priority?.length) q.whereRaw(`COALESCE(x.priority, CASE t.priority WHEN 'urgent' THEN 'High' ELSE 'Medium' END) = ANY(?)`, [f.priority]);
    if (f.channel?.length) q.whereRaw(`COALESCE(x.channel->>'id', t.channel) = ANY(?)`, [f.channel]);
    if (f.externalId?.length) q.whereIn('x.external_id', f.externalId);
    for (const c of f.created ?? []) q.where('t.created_at', c.op, c.at);
    for (const c of f.updated ?? []) q.where('t.updated_at', c.op, c.at);
    const [{ total }] = await q.clone().count<{ total: string }[]>({ total: '*' });
    const rows = await q.orderBy('t.id').offset(f.offset).limit(f.limit).select<{ id: number }[]>('t.id');
    return { ids: rows.map((r) => Number(r.id)), total: Number(total) };
  },
};
