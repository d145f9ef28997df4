import type { Knex } from 'knex';

/**
 * The timely-handling rate reads sla_timers: a timer that breaches (or is withdrawn) after its
 * ticket was counted moves the figure of the month the ticket was resolved in, so mark that cell.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION report_mark_timer() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO report_dirty (unit_key, at)
      SELECT COALESCE(t.unit_id, 0), t.resolved_at FROM tickets t
      WHERE t.id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.ticket_id ELSE NEW.ticket_id END) AND t.resolved_at IS NOT NULL;
      RETURN NULL;
    END $$;

    CREATE TRIGGER sla_timers_report_insert AFTER INSERT OR DELETE ON sla_timers
      FOR EACH ROW EXECUTE FUNCTION report_mark_timer();
    CREATE TRIGGER sla_timers_report_update AFTER UPDATE ON sla_timers FOR EACH ROW
      WHEN (OLD.breached_at IS DISTINCT FROM NEW.breached_at OR OLD.level IS DISTINCT FROM NEW.level
        OR (OLD.state = 'cancelled') IS DISTINCT FROM (NEW.state = 'cancelled'))
      EXECUTE FUNCTION report_mark_timer();
  `);
}
