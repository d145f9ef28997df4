import type { Knex } from 'knex';

export interface DetectorRow {
  key: string;
  name: string;
  enabled: boolean;
  match_on: 'category_area' | 'cause';
  ticket_types: string[];
  threshold: number;
  window_seconds: number;
}

export interface IncidentRow {
  id: number;
  match_key: string | null;
  detector_key: string | null;
  title: string;
  category: string | null;
  cause: string | null;
  unit_id: number;
  owner_id: number | null;
  status: 'open' | 'resolved';
  explanation_wording: string | null;
  created_by: number | null;
  created_at: Date;
  updated_at: Date;
}

export type NewIncident = Omit<IncidentRow, 'id' | 'created_at' | 'updated_at'>;

/** A ticket a detector may group: not linked to any incident yet, in the detector's window. */
export interface CandidateRow {
  id: string | number;
  created_at: Date;
}

/** Only this domain reads and writes `incidents`, `incident_tickets` and `mass_complaint_detectors`. */
export const incidentsRepository = {
  enabledDetectors: (db: Knex) => db<DetectorRow>('mass_complaint_detectors').where({ enabled: true }).orderBy('key'),
  detectors: (db: Knex) => db<DetectorRow>('mass_complaint_detectors').select('*').orderBy('key'),
  findDetector: (db: Knex, key: string) => db<DetectorRow>('mass_complaint_detectors').where({ key }).first(),

  async upsertDetector(trx: Knex.Transaction, row: Omit<DetectorRow, never> & { created_at: Date; updated_at: Date }): Promise<DetectorRow> {
    const [saved] = await trx('mass_complaint_detectors')
      .insert(row)
      .onConflict('key').merge(['name', 'enabled', 'match_on', 'ticket_types', 'threshold', 'window_seconds', 'updated_at'])
      .returning<DetectorRow[]>('*');
    return saved!;
  },

  async insert(trx: Knex.Transaction, row: NewIncident, now: Date): Promise<IncidentRow> {
    const [inserted] = await trx('incidents').insert({ ...row, created_at: now, updated_at: now }).returning<IncidentRow[]>('*');
    return inserted!;
  },

  find: (db: Knex, id: number) => db<IncidentRow>('incidents').where({ id }).first(),
  findForUpdate: (trx: Knex.Transaction, id: number) => trx<IncidentRow>('incidents').where({ id }).forUpdate().first(),
  openWithKey: (db: Knex, matchKey: string) => db<IncidentRow>('incidents').where({ match_key: matchKey, status: 'open' }).first(),
  otherOpenWithKey: (db: Knex, matchKey: string, exceptId: number) =>
    db<IncidentRow>('incidents').where({ match_key: matchKey, status: 'open' }).whereNot({ id: exceptId }).first('id'),

  async update(trx: Knex.Transaction, id: number, changes: Partial<IncidentRow>): Promise<IncidentRow> {
    const [row] = await trx('incidents').where({ id }).update(changes).returning<IncidentRow[]>('*');
    return row!;
  },

  /** One detection per key at a time: two agents logging the 5th and 6th call open one incident. */
  lockKey: (trx: Knex.Transaction, matchKey: string) => trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`incident:${matchKey}`]),

  /** The incident a ticket is linked to. */
  ofTicket: (db: Knex, ticketId: number) =>
    db<IncidentRow>('incidents').join('incident_tickets as it', 'it.incident_id', 'incidents.id').where('it.ticket_id', ticketId).first('incidents.*'),

  linkOf: async (db: Knex, ticketId: number): Promise<number | null> => {
    const row = await db('incident_tickets').where({ ticket_id: ticketId }).first<{ incident_id: string | number } | undefined>('incident_id');
    return row ? Number(row.incident_id) : null;
  },

  link: (trx: Knex.Transaction, row: { ticket_id: number; incident_id: number; linked_by: number | null; linked_at: Date }) => trx('incident_tickets').insert(row),

  unlink: (trx: Knex.Transaction, incidentId: number, ticketId: number): Promise<number> => trx('incident_tickets').where({ ticket_id: ticketId, incident_id: incidentId }).del(),

  async ticketCount(db: Knex, incidentId: number): Promise<number> {
    const [row] = await db('incident_tickets').where({ incident_id: incidentId }).count<{ count: string }[]>({ count: '*' });
    return Number(row!.count);
  },

  /** The incident's tickets (a scoped reader: only those under its unit-path prefix). */
  tickets(db: Knex, incidentId: number, prefix: string | null) {
    const query = db('incident_tickets as it').join('tickets as t', 't.id', 'it.ticket_id').where('it.incident_id', incidentId).orderBy('t.id')
      .select<{ id: number; number: string; status: string; linked_at: Date; linked_by: number | null }[]>('t.id', 't.number', 't.status', 'it.linked_at', 'it.linked_by');
    if (prefix !== null) query.whereIn('t.unit_id', db('units').select('id').where('path', 'like', `${prefix}%`));
    return query;
  },

  /**
   * Incidents a reader may see (newest first): of their subtree, or holding a ticket of their
   * subtree (null prefix: every one).
   */
  list(db: Knex, prefix: string | null, filter: { status?: 'open' | 'resolved'; category?: string; unitId?: number; id?: number }) {
    const query = db<IncidentRow>('incidents').select('incidents.*').orderBy('incidents.id', 'desc').limit(200);
    if (prefix !== null) {
      query.where((w) => w
        .whereIn('incidents.unit_id', db('units').select('id').where('path', 'like', `${prefix}%`))
        .orWhereExists(db('incident_tickets as sit').join('tickets as st', 'st.id', 'sit.ticket_id').join('units as su', 'su.id', 'st.unit_id')
          .whereRaw('sit.incident_id = incidents.id').where('su.path', 'like', `${prefix}%`).select(db.raw('1'))));
    }
    if (filter.id !== undefined) query.where('incidents.id', filter.id);
    if (filter.status) query.where('incidents.status', filter.status);
    if (filter.category) query.where((w) => w.where('incidents.category', filter.category!).orWhereNull('incidents.category'));
    if (filter.unitId !== undefined) {
      // the unit and every unit above it: an incident of the county covers a ticket of its team
      query.whereIn('incidents.unit_id', db('units as a').join('units as u', db.raw(`u.path LIKE a.path || '%'`)).where('u.id', filter.unitId).select('a.id'));
    }
    return query;
  },

  /**
   * The detector's read of tickets (and, by area, their customers): tickets of the types it
   * watches in its window that no incident holds yet, narrowed by cause prefix or by category and
   * the customer's unit. The exact grouping is decided by the caller on the normalised key.
   */
  candidates(db: Knex, detector: DetectorRow, around: Date, by: { cause: string } | { category: string; unitId: number | null }) {
    const span = detector.window_seconds * 1000;
    const query = db('tickets')
      .leftJoin('incident_tickets as it', 'it.ticket_id', 'tickets.id')
      .whereNull('it.ticket_id')
      .whereIn('tickets.type', detector.ticket_types)
      .whereBetween('tickets.created_at', [new Date(around.getTime() - span), new Date(around.getTime() + span)])
      .select<(CandidateRow & { cause: string | null })[]>('tickets.id', 'tickets.created_at', 'tickets.cause');
    if ('cause' in by) {
      query.whereNotNull('tickets.cause').whereRaw(`lower(regexp_replace(btrim(tickets.cause), '\\s+', ' ', 'g')) LIKE ?`, [`${by.cause.replace(/[\\%_]/g, (c) => '\\' + c)}%`]);
    } else {
      query.join('customers', 'customers.id', 'tickets.customer_id')
        .where('tickets.category', by.category)
        .whereRaw('coalesce(customers.unit_id, tickets.unit_id) = ?', [by.unitId]);
    }
    return query;
  },

  /** Each ticket's incident and the other tickets in it. */
  siblingRows: (db: Knex, ticketIds: readonly number[]) =>
    db('incident_tickets as mine')
      .join('incidents as i', 'i.id', 'mine.incident_id')
      .join('incident_tickets as other', 'other.incident_id', 'mine.incident_id')
      .join('tickets as t', 't.id', 'other.ticket_id')
      .whereIn('mine.ticket_id', ticketIds)
      .whereRaw('other.ticket_id <> mine.ticket_id')
      .orderBy(['mine.ticket_id', 'other.ticket_id'])
      .select<{ ticket_id: number; incident_id: number; title: string; other_id: number; number: string }[]>('mine.ticket_id', 'i.id as incident_id', 'i.title', 'other.ticket_id as other_id', 't.number'),
};
