import type { Knex } from 'knex';

/** Leadership case ownership (领导包案制) and mass complaints (规模性投诉). */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- which tickets a unit head must own in person; admins edit these rows
    CREATE TABLE ownership_rules (
      key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{0,62}$'),
      name text NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      -- {types?, categories?, channels?, customer_tiers?, flags?}: every listed criterion must hold
      match jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    -- facts about a ticket set by people, not by intake (a supervisor's "major service problem")
    CREATE TABLE ticket_flags (
      ticket_id bigint NOT NULL REFERENCES tickets(id),
      flag text NOT NULL CHECK (flag IN ('major_problem')),
      note text,
      set_by bigint NOT NULL REFERENCES users(id),
      set_at timestamptz NOT NULL,
      PRIMARY KEY (ticket_id, flag)
    );

    CREATE TABLE case_ownerships (
      ticket_id bigint PRIMARY KEY REFERENCES tickets(id),
      owner_id bigint NOT NULL REFERENCES users(id),
      -- the unit whose head owns the case (the dispatched unit, or the nearest one above with a head)
      unit_id bigint NOT NULL REFERENCES units(id),
      reasons text[] NOT NULL,
      active boolean NOT NULL DEFAULT true,
      assigned_at timestamptz NOT NULL,
      explanation text,
      explanation_by bigint REFERENCES users(id),
      explanation_at timestamptz
    );
    CREATE INDEX case_ownerships_owner_idx ON case_ownerships (owner_id, ticket_id DESC) WHERE active;

    CREATE TABLE owner_actions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ticket_id bigint NOT NULL REFERENCES tickets(id),
      actor_id bigint NOT NULL REFERENCES users(id),
      kind text NOT NULL CHECK (kind IN ('visit', 'apology', 'call', 'meeting')),
      note text NOT NULL,
      at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL
    );
    CREATE INDEX owner_actions_ticket_idx ON owner_actions (ticket_id, id);

    -- how the desk recognises a mass complaint: N tickets with one key inside a time window
    CREATE TABLE mass_complaint_detectors (
      key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{0,62}$'),
      name text NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      match_on text NOT NULL CHECK (match_on IN ('category_area', 'cause')),
      ticket_types text[] NOT NULL,
      threshold integer NOT NULL CHECK (threshold >= 2),
      window_seconds integer NOT NULL CHECK (window_seconds > 0),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE incidents (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      -- what grouped the tickets: 'category_area:<category>:<unit id>' or 'cause:<normalised cause>'; null when made by hand
      match_key text,
      detector_key text REFERENCES mass_complaint_detectors(key),
      title text NOT NULL,
      category text,
      cause text,
      unit_id bigint NOT NULL REFERENCES units(id),
      owner_id bigint REFERENCES users(id),
      status text NOT NULL CHECK (status IN ('open', 'resolved')),
      -- 解释口径: the agreed wording frontline agents give callers
      explanation_wording text,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    -- one open incident per key: detection links to it instead of opening another
    CREATE UNIQUE INDEX incidents_open_key_idx ON incidents (match_key) WHERE status = 'open' AND match_key IS NOT NULL;
    CREATE INDEX incidents_open_idx ON incidents (category, unit_id) WHERE status = 'open';

    CREATE TABLE incident_tickets (
      ticket_id bigint PRIMARY KEY REFERENCES tickets(id),
      incident_id bigint NOT NULL REFERENCES incidents(id),
      linked_by bigint REFERENCES users(id),
      linked_at timestamptz NOT NULL
    );
    CREATE INDEX incident_tickets_incident_idx ON incident_tickets (incident_id, ticket_id);

    -- the detector's window query: same category and customer area, recent first
    CREATE INDEX tickets_category_created_idx ON tickets (category, created_at);
  `);
  const now = new Date();
  await knex('ownership_rules').insert([
    { key: 'service_attitude', name: '服务态度投诉 Service-attitude complaints', match: { types: ['complaint'], categories: ['service_attitude'] } },
    { key: 'mass_complaint', name: '规模性投诉 Mass complaints', match: { flags: ['mass_complaint'] } },
    { key: 'major_problem', name: '重大服务问题 Major service problems (flagged by a supervisor)', match: { flags: ['major_problem'] } },
    { key: 'regulator_referral', name: '越级投诉 Regulator referrals', match: { channels: ['regulator'] } },
    { key: 'big_customer', name: '大客户投诉 Big-customer complaints', match: { types: ['complaint'], customer_tiers: ['big_customer'] } },
  ].map((rule) => ({ ...rule, match: JSON.stringify(rule.match), created_at: now, updated_at: now })));
  await knex('mass_complaint_detectors').insert([
    { key: 'same_category_area', name: '同类别同区域 Same category in one area', match_on: 'category_area', threshold: 5, window_seconds: 3600 },
    { key: 'same_cause', name: '同一原因 Same cause', match_on: 'cause', threshold: 5, window_seconds: 3600 },
  ].map((d) => ({ ...d, ticket_types: ['complaint', 'fault'], created_at: now, updated_at: now })));
}
