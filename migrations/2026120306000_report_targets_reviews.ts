import type { Knex } from 'knex';

/**
 * The monthly service meeting's own records:
 * - targets per unit and figure (目标管理): a row applies from its month on until a later row of the
 *   same unit and figure replaces it; a unit without a row inherits its nearest ancestor's
 *   (unit_key 0 = the company, the tree's root);
 * - the meeting's verdict on a case (typical / good / bad example) and its conclusion;
 * - a rectification's evidence;
 * - a monthly mail's HTML body and attachment (the bulletin and its CSV).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE report_targets (
      unit_key bigint NOT NULL,
      kpi text NOT NULL,
      from_month date NOT NULL CHECK (extract(day FROM from_month) = 1),
      value double precision NOT NULL CHECK (value >= 0),
      set_by bigint NOT NULL REFERENCES users(id),
      set_at timestamptz NOT NULL,
      PRIMARY KEY (unit_key, kpi, from_month)
    );
    -- a report reads every row up to its month: the range scan below
    CREATE INDEX report_targets_month_idx ON report_targets (from_month);

    ALTER TABLE report_cases ADD COLUMN example text CHECK (example IN ('typical', 'good', 'bad'));
    ALTER TABLE report_cases ADD COLUMN conclusion text;

    ALTER TABLE report_rectifications ADD COLUMN evidence text;
    -- the carried-over list: open items (report_rectifications_open_idx) and those done in a month
    CREATE INDEX report_rectifications_done_idx ON report_rectifications (done_at) WHERE done_at IS NOT NULL;
    CREATE INDEX report_rectifications_owner_idx ON report_rectifications (owner_id) WHERE done_at IS NULL;

    ALTER TABLE mail_notifications ADD COLUMN html text;
    -- [{filename, content_type, content_base64}]
    ALTER TABLE mail_notifications ADD COLUMN attachments jsonb;
  `);
}
