import type { Knex } from 'knex';

const H = 3600;

/** The defaults of DOMAIN.md "SLA rules"; admins change them through PUT /api/sla-policies/:key. */
const POLICIES = [
  { key: 'reconnect_regulatory', name: '复机：交费后24小时（监管）', ticket_type: 'reconnection', start_on: ['paid'], stop_on: ['resolved'], target_seconds: 24 * H, warn_at: [0.5, 0.8], regulatory: true, pausable: false, escalate_on_breach: true },
  {
    key: 'reconnect_internal', name: '复机：交费后2小时（内部）', ticket_type: 'reconnection', start_on: ['paid'], stop_on: ['resolved'], target_seconds: 2 * H, warn_at: [0.5, 0.8], regulatory: false, pausable: false, escalate_on_breach: true,
    // Dalian's tiers order the work: payments confirmed at once and city lines first, bank transfers and county lines after.
    tiers: [
      { payment_channel: 'counter', area: 'city', tier: 1 }, { payment_channel: 'online', area: 'city', tier: 1 },
      { payment_channel: 'prepaid_card', area: 'city', tier: 1 }, { payment_channel: 'agent', area: 'city', tier: 1 },
      { payment_channel: 'counter', area: 'county', tier: 2 }, { payment_channel: 'online', area: 'county', tier: 2 },
      { payment_channel: 'prepaid_card', area: 'county', tier: 2 }, { payment_channel: 'agent', area: 'county', tier: 2 },
      { payment_channel: 'bank', area: 'city', tier: 3 }, { payment_channel: 'bank', area: 'county', tier: 4 },
    ],
  },
  { key: 'fault_repair_regulatory_city', name: '障碍修复：城镇48小时（电信条例）', ticket_type: 'fault', area: 'city', start_on: ['accepted'], stop_on: ['resolved'], target_seconds: 48 * H, warn_at: [0.5, 0.8], regulatory: true, pausable: false, escalate_on_breach: true },
  { key: 'fault_repair_regulatory_county', name: '障碍修复：农村72小时（电信条例）', ticket_type: 'fault', area: 'county', start_on: ['accepted'], stop_on: ['resolved'], target_seconds: 72 * H, warn_at: [0.5, 0.8], regulatory: true, pausable: false, escalate_on_breach: true },
  { key: 'fault_repair_city', name: '障碍修复：城镇24小时', ticket_type: 'fault', area: 'city', start_on: ['accepted', 'reopened'], stop_on: ['resolved'], target_seconds: 24 * H, warn_at: [0.5, 0.8], regulatory: false, pausable: true, escalate_on_breach: false },
  { key: 'fault_repair_county', name: '障碍修复：农村48小时', ticket_type: 'fault', area: 'county', start_on: ['accepted', 'reopened'], stop_on: ['resolved'], target_seconds: 48 * H, warn_at: [0.5, 0.8], regulatory: false, pausable: true, escalate_on_breach: false },
  // First contact has no event of its own yet: dispatch (the unit takes it up) or resolution meets it.
  { key: 'complaint_first_contact', name: '投诉：2个工作小时内首次联系', ticket_type: 'complaint', start_on: ['accepted'], stop_on: ['dispatched', 'resolved'], target_seconds: 2 * H, warn_at: [0.5, 0.8], clock: 'business', regulatory: false, pausable: false, escalate_on_breach: false },
  { key: 'complaint_resolve', name: '投诉：24小时内处理', ticket_type: 'complaint', start_on: ['accepted', 'reopened'], stop_on: ['resolved'], target_seconds: 24 * H, warn_at: [0.5, 0.8], regulatory: false, pausable: true, escalate_on_breach: true },
  { key: 'complaint_reply_regulatory', name: '投诉：15日内答复（监管）', ticket_type: 'complaint', start_on: ['accepted'], stop_on: ['resolved'], target_seconds: 15 * 24 * H, warn_at: [0.5, 0.8], regulatory: true, pausable: false, escalate_on_breach: true },
  { key: 'big_customer_response', name: '大客户：30分钟响应', ticket_type: null, customer_tier: 'big_customer', start_on: ['accepted'], stop_on: ['dispatched', 'resolved'], target_seconds: 30 * 60, warn_at: [0.5, 0.8], regulatory: false, pausable: false, escalate_on_breach: true },
  { key: 'callback_window', name: '回访：24个可呼叫小时内', ticket_type: 'complaint', start_on: ['resolved'], stop_on: ['closed', 'reopened'], target_seconds: 24 * H, warn_at: [0.8], clock: 'callable', regulatory: false, pausable: false, escalate_on_breach: false },
];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- a dispatched ticket waiting on the customer or on parts; pausable internal timers stop meanwhile
    ALTER TABLE tickets ADD COLUMN on_hold boolean NOT NULL DEFAULT false;
    ALTER TABLE tickets ADD COLUMN hold_reason text CHECK (hold_reason IN ('waiting_customer', 'waiting_parts', 'other'));

    CREATE TABLE sla_calendars (
      key text PRIMARY KEY,
      name text NOT NULL,
      -- local working intervals per ISO weekday (1 = Monday … 7 = Sunday): {"1": [["08:30", "17:30"]], …}
      hours jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- days on which the calendar does not run (public holidays), in LOOPDESK_TIMEZONE
    CREATE TABLE sla_holidays (
      calendar_key text NOT NULL REFERENCES sla_calendars(key),
      day date NOT NULL,
      name text NOT NULL,
      PRIMARY KEY (calendar_key, day)
    );

    CREATE TABLE sla_policies (
      key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{1,62}$'),
      name text NOT NULL,
      ticket_type text CHECK (ticket_type IN ('complaint', 'fault', 'reconnection', 'request')),
      category text,
      customer_tier text CHECK (customer_tier IN ('standard', 'vip', 'big_customer')),
      area text CHECK (area IN ('city', 'county')),
      payment_channel text CHECK (payment_channel IN ('counter', 'bank', 'online', 'prepaid_card', 'agent')),
      start_on text[] NOT NULL,
      stop_on text[] NOT NULL,
      target_seconds integer NOT NULL CHECK (target_seconds > 0),
      warn_at double precision[] NOT NULL,
      -- 'wall', or the key of a working calendar (checked by the service: calendars are data too)
      clock text NOT NULL DEFAULT 'wall',
      regulatory boolean NOT NULL,
      pausable boolean NOT NULL,
      escalate_on_breach boolean NOT NULL,
      tiers jsonb,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by bigint REFERENCES users(id),
      -- regulatory limits never pause (DOMAIN.md)
      CHECK (NOT (regulatory AND pausable))
    );

    -- every PUT of a policy, with what it replaced: the audit trail of targets
    CREATE TABLE sla_policy_changes (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      policy_key text NOT NULL REFERENCES sla_policies(key),
      version integer NOT NULL,
      at timestamptz NOT NULL,
      actor_id bigint REFERENCES users(id),
      before jsonb,
      after jsonb NOT NULL
    );

    CREATE TABLE sla_timers (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ticket_id bigint NOT NULL REFERENCES tickets(id),
      ticket_type text NOT NULL,
      unit_id bigint REFERENCES units(id),
      handling_round integer NOT NULL,
      policy_key text NOT NULL REFERENCES sla_policies(key),
      -- the policy as it was when the timer started: later edits never move a running timer
      policy jsonb NOT NULL,
      tier smallint,
      state text NOT NULL CHECK (state IN ('running', 'paused', 'met', 'cancelled')),
      -- 0 ok, 1 warned, 2 breached: the board counts by it
      level smallint NOT NULL DEFAULT 0,
      started_at timestamptz NOT NULL,
      -- milliseconds counted (by the policy's clock) in closed segments; the open one runs from run_started_at
      elapsed_ms bigint NOT NULL DEFAULT 0,
      run_started_at timestamptz,
      -- projected breach while running; null while paused or stopped
      due_at timestamptz,
      segments jsonb NOT NULL,
      warnings jsonb NOT NULL DEFAULT '[]',
      breached_at timestamptz,
      stopped_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (ticket_id, policy_key, handling_round)
    );
    -- the board and the sla_state filter read open timers only: a partial index keeps closed history out
    CREATE INDEX sla_timers_open_idx ON sla_timers (unit_id, ticket_id) INCLUDE (level, due_at, ticket_type, policy_key)
      WHERE state IN ('running', 'paused');
    CREATE INDEX sla_timers_open_ticket_idx ON sla_timers (ticket_id) INCLUDE (level) WHERE state IN ('running', 'paused');
    CREATE INDEX sla_timers_ticket_idx ON sla_timers (ticket_id);
    CREATE INDEX sla_timers_stopped_idx ON sla_timers (stopped_at) WHERE state = 'met';
  `);

  const weekdays = { 1: [['08:30', '12:00'], ['13:00', '17:30']], 2: [['08:30', '12:00'], ['13:00', '17:30']], 3: [['08:30', '12:00'], ['13:00', '17:30']], 4: [['08:30', '12:00'], ['13:00', '17:30']], 5: [['08:30', '12:00'], ['13:00', '17:30']] };
  const callable = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [['08:00', '21:00']]]));
  await knex('sla_calendars').insert([
    { key: 'business', name: '工作时间', hours: JSON.stringify(weekdays) },
    { key: 'callable', name: '可呼叫时间', hours: JSON.stringify(callable) },
  ]);
  const holidays: [string, string][] = [
    ['2027-01-01', '元旦'],
    ['2027-02-06', '春节'], ['2027-02-07', '春节'], ['2027-02-08', '春节'], ['2027-02-09', '春节'], ['2027-02-10', '春节'], ['2027-02-11', '春节'], ['2027-02-12', '春节'],
    ['2027-04-05', '清明节'], ['2027-05-01', '劳动节'], ['2027-06-09', '端午节'], ['2027-09-15', '中秋节'],
    ['2027-10-01', '国庆节'], ['2027-10-04', '国庆节'], ['2027-10-05', '国庆节'], ['2027-10-06', '国庆节'], ['2027-10-07', '国庆节'],
  ];
  await knex('sla_holidays').insert(holidays.map(([day, name]) => ({ calendar_key: 'business', day, name })));
  await knex('sla_policies').insert(
    POLICIES.map((p) => ({
      category: null, customer_tier: null, area: null, payment_channel: null, clock: 'wall', ...p,
      tiers: 'tiers' in p && p.tiers ? JSON.stringify(p.tiers) : null,
    })),
  );
}
