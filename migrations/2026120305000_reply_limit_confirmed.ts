import type { Knex } from 'knex';

const OLD = '投诉：15日内答复（监管，待确认）';
const NEW = '投诉：15日内答复（监管）';

/**
 * The 15-day reply limit is confirmed (《电信用户申诉处理办法》 art. 10, DOMAIN.md): its name loses
 * "待确认" on desks that still carry the seeded name (a name an admin chose is left alone). The
 * change is a policy version like any PUT, recorded in sla_policy_changes without an actor; open
 * timers' copies take the new name too (only the name: their targets never move).
 */
export async function up(knex: Knex): Promise<void> {
  const before = await knex('sla_policies').where({ key: 'complaint_reply_regulatory', name: OLD }).first();
  if (!before) return;
  const [after] = await knex('sla_policies').where({ key: 'complaint_reply_regulatory' })
    .update({ name: NEW, version: knex.raw('version + 1'), updated_at: knex.fn.now(), updated_by: null }).returning('*');
  await knex('sla_policy_changes').insert({
    policy_key: 'complaint_reply_regulatory', version: after.version, at: knex.fn.now(), actor_id: null,
    before: JSON.stringify({ name: OLD, version: before.version }), after: JSON.stringify({ name: NEW, version: after.version }),
  });
  await knex.raw(
    `UPDATE sla_timers SET policy = jsonb_set(policy, '{name}', to_jsonb(?::text))
     WHERE policy_key = 'complaint_reply_regulatory' AND state IN ('running', 'paused') AND policy->>'name' = ?`,
    [NEW, OLD],
  );
}
