import type { Knex } from 'knex';

/**
 * A change mark says which half of a cell it moves: 't' the ticket sums (intake, resolution,
 * responsibility, timeliness), 'c' the callback sums. A late reopen of an old ticket then recounts
 * that month's tickets of one unit, not the whole month of callbacks the callbacks domain counts.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE report_dirty ADD COLUMN part text NOT NULL DEFAULT 't' CHECK (part IN ('t', 'c'));
    -- marks written before this step do not say which half they move: recount both
    INSERT INTO report_dirty (unit_key, at, part) SELECT unit_key, at, 'c' FROM report_dirty;

    CREATE OR REPLACE FUNCTION report_mark_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        INSERT INTO report_dirty (unit_key, at, part) VALUES (COALESCE(OLD.unit_id, 0), OLD.created_at, 't');
        IF OLD.resolved_at IS NOT NULL THEN
          INSERT INTO report_dirty (unit_key, at, part) VALUES (COALESCE(OLD.unit_id, 0), OLD.resolved_at, 't');
        END IF;
      END IF;
      IF TG_OP <> 'DELETE' THEN
        INSERT INTO report_dirty (unit_key, at, part) VALUES (COALESCE(NEW.unit_id, 0), NEW.created_at, 't');
        IF NEW.resolved_at IS NOT NULL THEN
          INSERT INTO report_dirty (unit_key, at, part) VALUES (COALESCE(NEW.unit_id, 0), NEW.resolved_at, 't');
        END IF;
      END IF;
      -- callbacks count for the ticket's unit: a move takes its answered callbacks along
      IF TG_OP = 'UPDATE' AND OLD.unit_id IS DISTINCT FROM NEW.unit_id THEN
        INSERT INTO report_dirty (unit_key, at, part)
        SELECT k, c.done_at, 'c' FROM callbacks c, unnest(ARRAY[COALESCE(OLD.unit_id, 0), COALESCE(NEW.unit_id, 0)]) AS k
        WHERE c.ticket_id = NEW.id AND c.done_at IS NOT NULL;
      END IF;
      RETURN NULL;
    END $$;

    CREATE OR REPLACE FUNCTION report_mark_callback() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' AND OLD.done_at IS NOT NULL THEN
        INSERT INTO report_dirty (unit_key, at, part) SELECT COALESCE(t.unit_id, 0), OLD.done_at, 'c' FROM tickets t WHERE t.id = OLD.ticket_id;
      END IF;
      IF TG_OP <> 'DELETE' AND NEW.done_at IS NOT NULL THEN
        INSERT INTO report_dirty (unit_key, at, part) SELECT COALESCE(t.unit_id, 0), NEW.done_at, 'c' FROM tickets t WHERE t.id = NEW.ticket_id;
      END IF;
      RETURN NULL;
    END $$;
  `);
}
