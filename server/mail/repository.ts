import type { Knex } from 'knex';

/** A delivery the mail server refused for good (status `failed`), as the console lists it. */
export interface ParkedRow {
  id: number;
  notification_id: string;
  kind: string;
  subject: string;
  recipient: string;
  ticket_id: number | null;
  ticket_number: string | null;
  attempts: number;
  last_error: string | null;
  created_at: Date;
}

/** mail_deliveries as the parked-mail screen reads and changes it (the worker's claim SQL lives with the mailer). */
export const mailRepository = {
  /** deliveries not sent yet, and those refused for good: /readyz and /metrics */
  async backlog(knex: Knex): Promise<{ pending: number; failed: number; oldestSeconds: number }> {
    const row = await knex('mail_deliveries').whereIn('status', ['pending', 'sending', 'failed'])
      .first<{ pending: number; failed: number; oldest: number | null }>(
        knex.raw(`count(*) FILTER (WHERE status <> 'failed')::int AS pending`),
        knex.raw(`count(*) FILTER (WHERE status = 'failed')::int AS failed`),
        knex.raw(`EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE status <> 'failed'))::float AS oldest`),
      );
    return { pending: row?.pending ?? 0, failed: row?.failed ?? 0, oldestSeconds: row?.oldest ?? 0 };
  },

  /** newest first, walking the partial index of parked rows */
  async listParked(knex: Knex, limit: number, before?: number): Promise<ParkedRow[]> {
    const rows = await knex('mail_deliveries as d')
      .join('mail_notifications as n', 'n.id', 'd.notification_id')
      .leftJoin('tickets as t', 't.id', 'n.ticket_id')
      .where('d.status', 'failed')
      .modify((q) => {
        if (before !== undefined) q.andWhere('d.id', '<', before);
      })
      .orderBy('d.id', 'desc')
      .limit(limit)
      .select('d.id', 'd.notification_id', 'n.kind', 'n.subject', 'd.recipient', 'n.ticket_id', 't.number as ticket_number', 'd.attempts', 'd.last_error', 'd.created_at');
    return rows.map((r: ParkedRow) => ({ ...r, id: Number(r.id), ticket_id: r.ticket_id === null ? null : Number(r.ticket_id) }));
  },

  async lock(trx: Knex.Transaction, id: number): Promise<{ id: number; notification_id: string; recipient: string; status: string; last_error: string | null } | undefined> {
    return trx('mail_deliveries').where({ id }).forUpdate().first('id', 'notification_id', 'recipient', 'status', 'last_error');
  },

  /** due now with a fresh count of attempts: the worker sends it on its next pass */
  async requeue(trx: Knex.Transaction, id: number): Promise<void> {
    await trx('mail_deliveries').where({ id }).update({ status: 'pending', attempts: 0, next_attempt_at: trx.fn.now(), lease_until: null });
  },
};
