import type { Knex } from 'knex';

/**
 * Each callback agent's open callbacks, kept by statement-level triggers on callbacks: balanced
 * assignment reads 50 counters instead of counting every open callback of every agent on each
 * due batch (that count grew with the backlog and dominated the batch).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE callback_agents ADD COLUMN open_callbacks integer NOT NULL DEFAULT 0;
    UPDATE callback_agents a SET open_callbacks =
      (SELECT count(*) FROM callbacks c WHERE c.assignee_id = a.user_id AND c.state IN ('scheduled', 'due'));

    CREATE FUNCTION callback_agent_loads() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE callback_agents a SET open_callbacks = a.open_callbacks + d.n
        FROM (SELECT assignee_id, count(*) AS n FROM new_rows WHERE assignee_id IS NOT NULL AND state IN ('scheduled', 'due') GROUP BY 1) d
        WHERE a.user_id = d.assignee_id;
      ELSIF TG_OP = 'DELETE' THEN
        UPDATE callback_agents a SET open_callbacks = a.open_callbacks - d.n
        FROM (SELECT assignee_id, count(*) AS n FROM old_rows WHERE assignee_id IS NOT NULL AND state IN ('scheduled', 'due') GROUP BY 1) d
        WHERE a.user_id = d.assignee_id;
      ELSE
        UPDATE callback_agents a SET open_callbacks = a.open_callbacks + d.n
        FROM (SELECT assignee_id, sum(n) AS n FROM (
                SELECT assignee_id, 1 AS n FROM new_rows WHERE assignee_id IS NOT NULL AND state IN ('scheduled', 'due')
                UNION ALL
                SELECT assignee_id, -1 FROM old_rows WHERE assignee_id IS NOT NULL AND state IN ('scheduled', 'due')) x
              GROUP BY 1 HAVING sum(n) <> 0) d
        WHERE a.user_id = d.assignee_id;
      END IF;
      RETURN NULL;
    END $$;

    CREATE TRIGGER callbacks_agent_loads_insert AFTER INSERT ON callbacks REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION callback_agent_loads();
    CREATE TRIGGER callbacks_agent_loads_update AFTER UPDATE ON callbacks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION callback_agent_loads();
    CREATE TRIGGER callbacks_agent_loads_delete AFTER DELETE ON callbacks REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION callback_agent_loads();
  `);
}
