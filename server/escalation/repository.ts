import type { Knex } from 'knex';

export type Reason = 'breach' | 'inactivity' | 'unacknowledged';

export interface EscalationRow {
  id: number;
  ticket_id: number;
  level: number;
  unit_id: number;
  recipient_id: number;
  owner_id: number;
  reason: Reason;
  trigger: string;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: number | null;
  note: string | null;
}

export interface PolicyRow {
  inactivity_seconds: number;
  step_seconds: number;
  updated_at: Date;
}

/** Only this domain reads and writes `escalations` and `escalation_policy`. */
export const escalationRepository = {
  policy: async (db: Knex): Promise<PolicyRow> => (await db<PolicyRow>('escalation_policy').first())!,

  async updatePolicy(trx: Knex.Transaction, changes: Omit<PolicyRow, 'updated_at'>, now: Date): Promise<PolicyRow> {
    const [row] = await trx('escalation_policy').update({ ...changes, updated_at: now }).returning<PolicyRow[]>('*');
    return row!;
  },

  find: (db: Knex, id: number) => db<EscalationRow>('escalations').where({ id }).first(),
  findForUpdate: (trx: Knex.Transaction, id: number) => trx<EscalationRow>('escalations').where({ id }).forUpdate().first(),

  /** Whether this trigger (a breach, an inactivity window, a missed acknowledgement) already raised the case. */
  raisedBy: async (db: Knex, ticketId: number, trigger: string): Promise<boolean> =>
    (await db('escalations').where({ ticket_id: ticketId, trigger }).first('id')) !== undefined,

  /** The highest level reached under this owner since they were assigned (0: none). */
  async highestLevel(db: Knex, ticketId: number, ownerId: number, since: Date): Promise<number> {
    const [row] = await db('escalations').where({ ticket_id: ticketId, owner_id: ownerId }).where('raised_at', '>=', since).max<{ level: number | null }[]>('level as level');
    return row?.level ?? 0;
  },

  /** Whether a level above `level` was already raised under this owner. */
  higherRaised: async (db: Knex, ticketId: number, ownerId: number, level: number): Promise<boolean> =>
    (await db('escalations').where({ ticket_id: ticketId, owner_id: ownerId }).where('level', '>', level).first('id')) !== undefined,

  async insert(trx: Knex.Transaction, row: Omit<EscalationRow, 'id' | 'acknowledged_at' | 'acknowledged_by' | 'note'>): Promise<EscalationRow> {
    const [inserted] = await trx('escalations').insert(row).returning<EscalationRow[]>('*');
    return inserted!;
  },

  async acknowledge(trx: Knex.Transaction, id: number, by: number, note: string | null, now: Date): Promise<EscalationRow> {
    const [row] = await trx('escalations').where({ id }).update({ acknowledged_at: now, acknowledged_by: by, note }).returning<EscalationRow[]>('*');
    return row!;
  },

  /**
   * Breached timers of escalating policies on this ticket that no escalation names as its trigger.
   * It reads `sla_timers` (the sla domain's) beside this domain's own rows in one statement; it
   * moves behind an sla port once that domain's repository offers the breached timers.
   */
  unescalatedBreaches: (db: Knex, ticketId: number): Promise<number[]> =>
    db('sla_timers')
      .where({ ticket_id: ticketId })
      .whereNotNull('breached_at')
      .whereRaw(`(policy->>'escalate_on_breach')::boolean`)
      .whereNotExists(db('escalations').where('ticket_id', ticketId).whereRaw(`trigger = 'breach:' || sla_timers.id`))
      .orderBy('id')
      .pluck('id'),

  /** A case's escalations in the order they were raised (the ownership view lists them). */
  ofTicket: (db: Knex, ticketId: number) => db<EscalationRow>('escalations').where({ ticket_id: ticketId }).orderBy('id'),

  /** Escalations that reached a recipient, newest first, with the ticket's number (the recipient reads that, not an id). */
  forRecipient(db: Knex, recipientId: number, state: 'pending' | 'acknowledged' | 'all', limit: number) {
    const query = db('escalations').join('tickets', 'tickets.id', 'escalations.ticket_id')
      .select<(EscalationRow & { ticket_number: string })[]>('escalations.*', 'tickets.number as ticket_number')
      .where({ recipient_id: recipientId }).orderBy('escalations.id', 'desc').limit(limit);
    if (state === 'pending') query.whereNull('acknowledged_at');
    if (state === 'acknowledged') query.whereNotNull('acknowledged_at');
    return query;
  },
};
