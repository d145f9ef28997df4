import type { Knex } from 'knex';
import type { Scope } from '../auth/permissions';

export interface ClientRow {
  id: number;
  client_id: string;
  name: string;
  user_id: number;
  scopes: Scope[];
  unit_ids: number[];
  secret_hash: string;
  previous_secret_hash: string | null;
  previous_secret_until: Date | null;
  active: boolean;
  token_generation: number;
  created_by: number | null;
  created_at: Date;
  updated_at: Date;
  last_used_at: Date | null;
}

/** bigint[] comes back as strings (only scalar int8 has a parser): ids are numbers everywhere else. */
function normalise(row: ClientRow | undefined): ClientRow | undefined {
  return row && { ...row, unit_ids: row.unit_ids.map(Number) };
}

/** api_clients (this domain's table) and the service accounts it creates in `users`. */
export const clientsRepository = {
  async insert(trx: Knex.Transaction, row: Omit<ClientRow, 'id' | 'token_generation' | 'previous_secret_hash' | 'previous_secret_until' | 'last_used_at'>): Promise<ClientRow> {
    const [created] = await trx('api_clients').insert(row).returning<ClientRow[]>('*');
    return normalise(created)!;
  },

  async find(db: Knex, id: number, forUpdate = false): Promise<ClientRow | undefined> {
    const query = db<ClientRow>('api_clients').where({ id }).first();
    if (forUpdate) query.forUpdate();
    return normalise(await query);
  },

  async findByClientId(db: Knex, clientId: string): Promise<ClientRow | undefined> {
    return normalise(await db<ClientRow>('api_clients').where({ client_id: clientId }).first());
  },

  async list(db: Knex, filter: { active?: boolean }): Promise<ClientRow[]> {
    const query = db<ClientRow>('api_clients').select('*').orderBy('id');
    if (filter.active !== undefined) query.where({ active: filter.active });
    return (await query).map((row) => normalise(row)!);
  },

  async update(trx: Knex.Transaction, id: number, changes: Partial<Omit<ClientRow, 'id'>>): Promise<ClientRow> {
    const [row] = await trx('api_clients').where({ id }).update(changes).returning<ClientRow[]>('*');
    return normalise(row)!;
  },

  /** Ends every token issued so far (deactivation, scope or unit changes). */
  async endTokens(trx: Knex.Transaction, id: number): Promise<void> {
    await trx('api_clients').where({ id }).increment('token_generation', 1);
  },

  async touch(db: Knex, id: number, at: Date): Promise<void> {
    await db('api_clients').where({ id }).update({ last_used_at: at });
  },

  /** The units' paths (the client's scope); ids that name no unit are missing from the answer. */
  async unitPaths(db: Knex, unitIds: readonly number[]): Promise<{ id: number; path: string }[]> {
    if (unitIds.length === 0) return [];
    return db('units').whereIn('id', unitIds).orderBy('id').select<{ id: number; path: string }[]>('id', 'path');
  },

  /** The service account a client acts as: role `integration`, inactive so nobody signs in with it. */
  async insertServiceAccount(trx: Knex.Transaction, account: { username: string; name: string; passwordHash: string; at: Date }): Promise<number> {
    const [row] = await trx('users')
      .insert({ username: account.username, name: account.name, role: 'integration', unit_id: null, email: null, password_hash: account.passwordHash, active: false, created_at: account.at, updated_at: account.at })
      .returning<{ id: number }[]>('id');
    return row!.id;
  },

  async renameServiceAccount(trx: Knex.Transaction, userId: number, name: string, at: Date): Promise<void> {
    await trx('users').where({ id: userId }).update({ name, updated_at: at });
  },
};
