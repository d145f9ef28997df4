import type { Knex } from 'knex';

/**
 * Issue 17: missing Dalian's 2-hour target warns; only the 24-hour limit escalates. The seeded
 * internal policy escalated on breach: a policy nobody edited (version 1) gets its next version,
 * recorded in its change history like a PUT.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    WITH old AS (SELECT * FROM sla_policies WHERE key = 'reconnect_internal' AND version = 1 AND escalate_on_breach),
    new AS (
      UPDATE sla_policies p SET escalate_on_breach = false, version = p.version + 1, updated_at = now()
      FROM old WHERE p.key = old.key RETURNING p.*)
    INSERT INTO sla_policy_changes (policy_key, version, at, actor_id, before, after)
    SELECT new.key, new.version, new.updated_at, NULL, to_jsonb(old), to_jsonb(new) FROM new, old
  `);
}
