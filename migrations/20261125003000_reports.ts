import type { Knex } from 'knex';

/**
 * The monthly case-analysis report: subscriber counts per unit and month, the typical-case review
 * (marking, analysis, rectification items), and a per-unit monthly rollup kept correct by a
 * change log that triggers fill whenever a change can move a figure (see server/reports/rollup.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- the denominator of the fault-report rate; a month without a row falls back to units.subscribers
    CREATE TABLE unit_subscribers (
      unit_id bigint NOT NULL REFERENCES units(id),
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      subscribers integer NOT NULL CHECK (subscribers >= 0),
      updated_by bigint REFERENCES users(id),
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (unit_id, month)
    );

    -- a ticket taken up by the monthly service-analysis meeting (典型案例分析)
    CREATE TABLE report_cases (
      ticket_id bigint PRIMARY KEY REFERENCES tickets(id),
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      discuss boolean NOT NULL DEFAULT false,
      analysis text,
      updated_by bigint REFERENCES users(id),
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX report_cases_month_idx ON report_cases (month) WHERE discuss;

    CREATE TABLE report_rectifications (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ticket_id bigint NOT NULL REFERENCES tickets(id),
      description text NOT NULL,
      owner_id bigint NOT NULL REFERENCES users(id),
      due_on date NOT NULL,
      done_at timestamptz,
      done_by bigint REFERENCES users(id),
      done_note text,
      created_by bigint NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX report_rectifications_ticket_idx ON report_rectifications (ticket_id, id);
    CREATE INDEX report_rectifications_open_idx ON report_rectifications (due_on) WHERE done_at IS NULL;

    -- additive sums per (month in the desk's time zone, unit); unit_key 0 = never dispatched (desk)
    CREATE TABLE report_unit_months (
      month date NOT NULL,
      unit_key bigint NOT NULL,
      tickets integer NOT NULL,
      complaints integer NOT NULL,
      faults integer NOT NULL,
      reconnections integer NOT NULL,
      requests integer NOT NULL,
      over_level_complaints integer NOT NULL,
      resolved integer NOT NULL,
      handling_seconds double precision NOT NULL,
      timely integer NOT NULL,
      responsibility_complaints integer NOT NULL,
      callbacks_done integer NOT NULL,
      callbacks_unreachable integer NOT NULL,
      first_answered integer NOT NULL,
      first_satisfied integer NOT NULL,
      second_answered integer NOT NULL,
      second_satisfied integer NOT NULL,
      refreshed_at timestamptz NOT NULL,
      PRIMARY KEY (month, unit_key)
    );

    -- append-only, no unique key: concurrent writers never wait on each other here
    CREATE TABLE report_dirty (
      unit_key bigint NOT NULL,
      at timestamptz NOT NULL
    );

    CREATE FUNCTION report_mark_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        INSERT INTO report_dirty (unit_key, at) VALUES (COALESCE(OLD.unit_id, 0), OLD.created_at);
        IF OLD.resolved_at IS NOT NULL THEN
          INSERT INTO report_dirty (unit_key, at) VALUES (COALESCE(OLD.unit_id, 0), OLD.resolved_at);
        END IF;
      END IF;
      IF TG_OP <> 'DELETE' THEN
        INSERT INTO report_dirty (unit_key, at) VALUES (COALESCE(NEW.unit_id, 0), NEW.created_at);
        IF NEW.resolved_at IS NOT NULL THEN
          INSERT INTO report_dirty (unit_key, at) VALUES (COALESCE(NEW.unit_id, 0), NEW.resolved_at);
        END IF;
      END IF;
      -- callbacks count for the ticket's unit: a move takes its answered callbacks along
      IF TG_OP = 'UPDATE' AND OLD.unit_id IS DISTINCT FROM NEW.unit_id THEN
        INSERT INTO report_dirty (unit_key, at)
        SELECT k, c.done_at FROM callbacks c, unnest(ARRAY[COALESCE(OLD.unit_id, 0), COALESCE(NEW.unit_id, 0)]) AS k
        WHERE c.ticket_id = NEW.id AND c.done_at IS NOT NULL;
      END IF;
      RETURN NULL;
    END $$;

    CREATE TRIGGER tickets_report_insert AFTER INSERT OR DELETE ON tickets
      FOR EACH ROW EXECUTE FUNCTION report_mark_ticket();
    -- every change bumps version/updated_at; only the columns a figure reads mark the rollup
    CREATE TRIGGER tickets_report_update AFTER UPDATE ON tickets FOR EACH ROW
      WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.created_at IS DISTINCT FROM NEW.created_at
        OR OLD.resolved_at IS DISTINCT FROM NEW.resolved_at OR OLD.type IS DISTINCT FROM NEW.type
        OR OLD.category IS DISTINCT FROM NEW.category OR OLD.channel IS DISTINCT FROM NEW.channel
        OR OLD.responsibility IS DISTINCT FROM NEW.responsibility)
      EXECUTE FUNCTION report_mark_ticket();

    CREATE FUNCTION report_mark_callback() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' AND OLD.done_at IS NOT NULL THEN
        INSERT INTO report_dirty (unit_key, at) SELECT COALESCE(t.unit_id, 0), OLD.done_at FROM tickets t WHERE t.id = OLD.ticket_id;
      END IF;
      IF TG_OP <> 'DELETE' AND NEW.done_at IS NOT NULL THEN
        INSERT INTO report_dirty (unit_key, at) SELECT COALESCE(t.unit_id, 0), NEW.done_at FROM tickets t WHERE t.id = NEW.ticket_id;
      END IF;
      RETURN NULL;
    END $$;

    CREATE TRIGGER callbacks_report_insert AFTER INSERT OR DELETE ON callbacks
      FOR EACH ROW EXECUTE FUNCTION report_mark_callback();
    CREATE TRIGGER callbacks_report_update AFTER UPDATE ON callbacks FOR EACH ROW
      WHEN (OLD.done_at IS DISTINCT FROM NEW.done_at OR OLD.state IS DISTINCT FROM NEW.state
        OR OLD.outcome IS DISTINCT FROM NEW.outcome OR OLD.handling_round IS DISTINCT FROM NEW.handling_round)
      EXECUTE FUNCTION report_mark_callback();

    -- a cell's recompute reads one unit's month by acceptance and by resolution
    CREATE INDEX tickets_report_created_idx ON tickets ((COALESCE(unit_id, 0)), created_at);
    CREATE INDEX tickets_report_resolved_idx ON tickets ((COALESCE(unit_id, 0)), resolved_at) WHERE resolved_at IS NOT NULL;
    -- the typical cases of a month: responsibility and service-attitude complaints
    CREATE INDEX tickets_report_cases_idx ON tickets (resolved_at)
      WHERE type = 'complaint' AND (responsibility = 'company' OR category = 'service_attitude');
    CREATE INDEX callbacks_done_at_idx ON callbacks (done_at) INCLUDE (ticket_id) WHERE state = 'done';

    -- what existed before the triggers: the first report builds those cells
    INSERT INTO report_dirty (unit_key, at)
      SELECT COALESCE(unit_id, 0), created_at FROM tickets
      UNION ALL SELECT COALESCE(unit_id, 0), resolved_at FROM tickets WHERE resolved_at IS NOT NULL
      UNION ALL SELECT COALESCE(t.unit_id, 0), c.done_at FROM callbacks c JOIN tickets t ON t.id = c.ticket_id WHERE c.done_at IS NOT NULL;
  `);
}
