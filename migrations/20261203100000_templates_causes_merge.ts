import type { Knex } from 'knex';

/**
 * The console's working tools (issue 10): reply templates with placeholders, the cause tree per
 * category (versioned by deactivation, never deleted: resolved tickets keep pointing at it), and
 * merging a duplicate ticket into the one that survives.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE reply_templates (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL,
      purpose text NOT NULL CHECK (purpose IN ('description', 'resolution', 'comment')),
      category text,
      ticket_type text,
      body_zh text NOT NULL,
      body_en text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    -- the picker asks for the active templates of one purpose (and category)
    CREATE INDEX reply_templates_pick_idx ON reply_templates (purpose, category) WHERE active;

    CREATE TABLE ticket_causes (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      category text NOT NULL,
      parent_id bigint REFERENCES ticket_causes(id),
      name_zh text NOT NULL,
      name_en text NOT NULL,
      position integer NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX ticket_causes_category_idx ON ticket_causes (category, position, id);
    CREATE INDEX ticket_causes_parent_idx ON ticket_causes (parent_id) WHERE parent_id IS NOT NULL;

    ALTER TABLE tickets ADD COLUMN cause_id bigint REFERENCES ticket_causes(id);
    -- the report groups a month's resolved complaints by cause; "in use?" asks for one ticket
    CREATE INDEX tickets_cause_idx ON tickets (cause_id, resolved_at) WHERE cause_id IS NOT NULL;

    ALTER TABLE tickets ADD COLUMN merged_into_id bigint REFERENCES tickets(id);
    -- the survivor shows what was merged into it
    CREATE INDEX tickets_merged_into_idx ON tickets (merged_into_id) WHERE merged_into_id IS NOT NULL;
    ALTER TABLE tickets DROP CONSTRAINT IF EXISTS tickets_close_reason_check;
    ALTER TABLE tickets ADD CONSTRAINT tickets_close_reason_check CHECK (close_reason IN ('satisfied', 'unreachable', 'no_callback', 'merged'));
  `);
}

