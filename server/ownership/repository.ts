import type { Knex } from 'knex';
import { incidentsRepository } from '../incidents/repository';
import type { TicketRow } from '../tickets/repository';
import type { OwnershipRule, RuleMatch } from './rules';

export interface OwnershipRow {
  ticket_id: number;
  owner_id: number;
  unit_id: number;
  reasons: string[];
  active: boolean;
  assigned_at: Date;
  explanation: string | null;
  explanation_by: number | null;
  explanation_at: Date | null;
}

export interface OwnerActionRow {
  id: number;
  ticket_id: number;
  actor_id: number;
  kind: string;
  note: string;
  at: Date;
  recorded_at: Date;
}

interface RuleRow {
  key: string;
  name: string;
  enabled: boolean;
  match: RuleMatch;
  created_at: Date;
  updated_at: Date;
}

const toRule = (row: RuleRow): OwnershipRule => ({ key: row.key, name: row.name, enabled: row.enabled, match: row.match });

export const ownershipRepository = {
  rules: async (db: Knex): Promise<OwnershipRule[]> => (await db<RuleRow>('ownership_rules').select('*').orderBy('key')).map(toRule),
  findRule: async (db: Knex, key: string): Promise<OwnershipRule | undefined> => {
    const row = await db<RuleRow>('ownership_rules').where({ key }).first();
    return row ? toRule(row) : undefined;
  },
  upsertRule: (trx: Knex.Transaction, rule: OwnershipRule, now: Date) =>
    trx('ownership_rules')
      .insert({ ...rule, match: JSON.stringify(rule.match), created_at: now, updated_at: now })
      .onConflict('key')
      .merge(['name', 'enabled', 'match', 'updated_at']),
  deleteRule: (trx: Knex.Transaction, key: string) => trx('ownership_rules').where({ key }).del(),

  find: (db: Knex, ticketId: number) => db<OwnershipRow>('case_ownerships').where({ ticket_id: ticketId }).first(),
  findForUpdate: (trx: Knex.Transaction, ticketId: number) => trx<OwnershipRow>('case_ownerships').where({ ticket_id: ticketId }).forUpdate().first(),
  insert: (trx: Knex.Transaction, row: Omit<OwnershipRow, 'explanation' | 'explanation_by' | 'explanation_at'>) => trx('case_ownerships').insert(row),
  update: (trx: Knex.Transaction, ticketId: number, changes: Partial<OwnershipRow>) => trx('case_ownerships').where({ ticket_id: ticketId }).update(changes),

  /** Whether the owner recorded any action on the case since `since`. */
  actedSince: async (db: Knex, ticketId: number, since: Date): Promise<boolean> =>
    (await db('owner_actions').where({ ticket_id: ticketId }).where('recorded_at', '>=', since).first('id')) !== undefined,
  actions: (db: Knex, ticketId: number) => db<OwnerActionRow>('owner_actions').where({ ticket_id: ticketId }).orderBy('id'),
  insertAction: async (trx: Knex.Transaction, row: Omit<OwnerActionRow, 'id'>) =>
    (await trx('owner_actions').insert(row).returning<OwnerActionRow[]>('*'))[0]!,

  /** Whether an in-person action (a visit, a call on site) is on record for the case. */
  hasActionOf: async (db: Knex, ticketId: number, kinds: readonly string[]): Promise<boolean> =>
    (await db('owner_actions').where({ ticket_id: ticketId }).whereIn('kind', kinds).first('id')) !== undefined,

  /** The case's flags; a ticket linked to a mass complaint (the incidents domain says so) is flagged `mass_complaint`. */
  flags: async (db: Knex, ticketId: number): Promise<string[]> => {
    const flags: string[] = await db('ticket_flags').where({ ticket_id: ticketId }).pluck('flag');
    return (await incidentsRepository.linkOf(db, ticketId)) !== null ? [...flags, 'mass_complaint'] : flags;
  },
  hasFlag: async (db: Knex, ticketId: number, flag: string): Promise<boolean> => (await db('ticket_flags').where({ ticket_id: ticketId, flag }).first('flag')) !== undefined,
  setFlag: (trx: Knex.Transaction, row: { ticket_id: number; flag: string; note: string | null; set_by: number; set_at: Date }) => trx('ticket_flags').insert(row),
  clearFlag: (trx: Knex.Transaction, ticketId: number, flag: string) => trx('ticket_flags').where({ ticket_id: ticketId, flag }).del(),

  /** "My cases": the owner's active cases (tickets they may still see under `prefix`), newest first, one more than `limit`. */
  casesOf(db: Knex, ownerId: number, f: { prefix: string | null; state: 'open' | 'closed' | 'all'; beforeId?: number; limit: number }) {
    const query = db('case_ownerships as o')
      .join('tickets as t', 't.id', 'o.ticket_id')
      .where({ 'o.owner_id': ownerId, 'o.active': true })
      .orderBy('o.ticket_id', 'desc')
      .limit(f.limit + 1)
      .select<TicketRow[]>('t.*');
    // a head moved to another unit keeps the ownership rows but no longer sees the old branch's cases
    if (f.prefix !== null) query.whereIn('t.unit_id', db('units').select('id').where('path', 'like', `${f.prefix}%`));
    if (f.state === 'open') query.whereNot('t.status', 'closed');
    if (f.state === 'closed') query.where('t.status', 'closed');
    if (f.beforeId !== undefined) query.where('o.ticket_id', '<', f.beforeId);
    return query;
  },
};
