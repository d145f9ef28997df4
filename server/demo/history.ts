import { DEFAULT_CALLBACK_POLICY } from '../callbacks/policy';
import { localDateStamp } from '../clock';
import type { OwnerActionRow, OwnershipRow } from '../ownership/repository';
import { IN_PERSON_KINDS, matchingRules, type OwnershipRule } from '../ownership/rules';
import type { CallbackRow, TicketEventRow, TicketRow } from '../tickets/repository';
import {
  BIG_CUSTOMER_NOTE, CASES, COMMENTS, DISPATCH_NOTES, OWNER_ACTION_NOTES, SATISFIED_NOTES, UNREACHABLE_NOTES, type DemoCase,
  type Responsibility,
} from './cases';
import {
  BIG_CUSTOMER_CENTRE, BILLING_CENTRE, NETWORK_CENTRE, teamOf, unitByCode, type DemoCustomer, type DemoUnit, type DemoUser,
} from './operator';
import type { Random } from './random';
import type { TimelineEventType } from '../tickets/timeline';

/**
 * Past tickets, written as the service would have written them: each ticket's history is a plan
 * of steps (dispatch, resolve, callback…) replayed through the same rules as
 * server/tickets/service.ts, so status, version, handling round, timeline and callbacks agree.
 */

/** How each demo ticket ends up; the counts make sure every status and path is on screen. */
const SCENARIOS = {
  accepted: 22,
  dispatched: 45,
  redispatched: 10,
  resolved: 28,
  resolved_after_unreachable: 8,
  intake_resolved: 8,
  closed: 230,
  closed_after_unreachable: 30,
  closed_unreachable: 26,
  intake_closed: 50,
  reopened: 12,
  resolved_second_round: 6,
  closed_second_round: 18,
  closed_second_round_unreachable: 4,
} as const;
type Scenario = keyof typeof SCENARIOS;

const HOUR = 3600;
const DAY = 24 * HOUR;
const { maxAttempts, retrySpacingSeconds } = DEFAULT_CALLBACK_POLICY;

// The columns the demo writes, named: columns other domains add later keep their defaults.
/** `ownerAction` points into the ticket's owner actions: the event names the action's id once it is inserted. */
export type DemoEvent = Pick<TicketEventRow, 'type' | 'at' | 'actor_id' | 'data'> & { ownerAction?: number };
export type DemoCallback = Pick<CallbackRow,
  'handling_round' | 'attempt' | 'due_at' | 'assignee_id' | 'state' | 'outcome' | 'note' | 'done_by' | 'done_at' | 'created_at'>;
export type DemoOwnership = Omit<OwnershipRow, 'ticket_id'>;
export type DemoOwnerAction = Omit<OwnerActionRow, 'id' | 'ticket_id'>;
export type DemoTicketRow = Pick<TicketRow,
  | 'type' | 'category' | 'status' | 'version' | 'handling_round' | 'channel' | 'priority' | 'description' | 'customer_id'
  | 'unit_id' | 'assignee_id' | 'accepted_by' | 'payment_channel' | 'paid_at' | 'resolution' | 'cause' | 'responsibility'
  | 'one_call_resolution' | 'close_reason' | 'created_at' | 'updated_at' | 'dispatched_at' | 'first_resolved_at'
  | 'resolved_at' | 'closed_at'>;

export interface DemoTicket {
  /** The local calendar day (YYYYMMDD) the number is drawn from. */
  day: string;
  row: DemoTicketRow;
  events: DemoEvent[];
  callbacks: DemoCallback[];
  /** A leadership case (领导包案): owned by the head of the unit it is dispatched to, or the nearest above. */
  ownership: DemoOwnership | null;
  ownerActions: DemoOwnerAction[];
}

/** Ids of what is already inserted, by the demo's own keys. */
export interface Ids {
  unit(code: string): number;
  user(username: string): number;
  customer(index: number): number;
}

export interface HistoryInput {
  rng: Random;
  now: Date;
  timezone: string;
  users: readonly DemoUser[];
  customers: readonly DemoCustomer[];
  /** The leadership-case rules in force (ownership_rules). */
  ownershipRules: readonly OwnershipRule[];
  ids: Ids;
}

type Outcome = 'satisfied' | 'unsatisfied' | 'unreachable';
interface Resolution { resolution: string; cause: string; responsibility: Responsibility }

type Step =
  | { kind: 'dispatch'; delay: number; unit: DemoUnit; assignee: string | null; actor: string; note: string | null }
  | { kind: 'resolve'; delay: number; actor: string; text: Resolution }
  | { kind: 'callback'; delay: number; actor: string; outcome: Outcome; note: string | null }
  | { kind: 'comment'; delay: number; actor: string; body: string }
  | { kind: 'owner_action'; delay: number; actor: string; action: OwnerActionKind; note: string }
  | { kind: 'explanation'; delay: number; actor: string; text: string };

type OwnerActionKind = 'visit' | 'apology' | 'meeting';

interface Plan {
  demoCase: DemoCase;
  customerIndex: number;
  customer: DemoCustomer;
  channel: DemoTicketRow['channel'];
  priority: DemoTicketRow['priority'];
  acceptedBy: string;
  description: string;
  /** Seconds between payment and the call (reconnection only). */
  paidBefore: number | null;
  paymentChannel: DemoTicketRow['payment_channel'];
  intake: Resolution | null;
  /** The ownership rules this ticket meets; none: not a leadership case. */
  ownershipReasons: string[];
  steps: Step[];
  /** How far back the ticket was accepted, in seconds, before placing it on the calendar. */
  age: number;
  /** The hotline answers around the clock, but most calls come in the day. */
  nightCall: boolean;
}

export function buildHistory(input: HistoryInput): DemoTicket[] {
  const { rng } = input;
  const scenarios = rng.shuffle(Object.entries(SCENARIOS).flatMap(([name, count]) => Array<Scenario>(count).fill(name as Scenario)));
  return scenarios.map((scenario) => place(input, planTicket(input, scenario)));
}

const TYPE_WEIGHTS = { complaint: 45, fault: 30, reconnection: 12, request: 13 } as const;

function chooseCase(rng: Random, scenario: Scenario): DemoCase {
  const atIntake = scenario.startsWith('intake_');
  const secondRound = scenario === 'reopened' || scenario.includes('second_round');
  const fits = CASES.filter((c) => (atIntake ? c.route === 'desk' : c.route !== 'desk') && (!secondRound || c.again !== undefined));
  const types = [...new Set(fits.map((c) => c.type))];
  const type = rng.weighted(types.map((t) => [t, TYPE_WEIGHTS[t]] as const));
  return rng.pick(fits.filter((c) => c.type === type));
}

function staffOf(users: readonly DemoUser[], unit: DemoUnit): { head: string | null; handlers: string[] } {
  // A branch's handlers include its team's: the branch may assign anyone below it.
  const codes = unit.kind === 'branch' ? [unit.code, teamOf(unit).code] : [unit.code];
  const head = users.find((u) => u.heads === unit.code)?.username ?? null;
  const handlers = users.filter((u) => u.role === 'handler' && u.unitCode !== null && codes.includes(u.unitCode)).map((u) => u.username);
  return { head, handlers };
}

/** The head of the unit, or of the nearest unit above that has one (as ownership/heads.ts finds it). */
function nearestHead(users: readonly DemoUser[], unit: DemoUnit): { username: string; unitCode: string } {
  for (let u: DemoUnit | null = unit; u !== null; u = u.parentCode === null ? null : unitByCode(u.parentCode)) {
    const head = users.find((x) => x.heads === u!.code);
    if (head) return { username: head.username, unitCode: u.code };
  }
  throw new Error(`demo unit ${unit.code} has no head above it`);
}

function targetOf(demoCase: DemoCase, customer: DemoCustomer, rng: Random): DemoUnit {
  const branch = unitByCode(customer.unitCode);
  if (customer.tier === 'big_customer' && rng.chance(0.8)) return unitByCode(BIG_CUSTOMER_CENTRE);
  // Reconnection is tiered by area: the city's billing centre restores city lines, county branches their own.
  if (demoCase.category === 'suspension' && customer.area === 'county') return branch;
  if (demoCase.leader) return branch;
  switch (demoCase.route) {
    case 'team': return teamOf(branch);
    case 'network': return unitByCode(NETWORK_CENTRE);
    case 'billing': return unitByCode(BILLING_CENTRE);
    default: return branch;
  }
}

function planTicket(input: HistoryInput, scenario: Scenario): Plan {
  const { rng, users, customers } = input;
  const demoCase = chooseCase(rng, scenario);
  const customerIndex = rng.int(0, customers.length - 1);
  const customer = customers[customerIndex]!;
  const agents = users.filter((u) => u.role === 'agent').map((u) => u.username);
  const supervisors = users.filter((u) => u.role === 'supervisor').map((u) => u.username);
  const desk = () => (rng.chance(0.8) ? rng.pick(agents) : rng.pick(supervisors));

  const atIntake = scenario.startsWith('intake_');
  const channel: DemoTicketRow['channel'] = atIntake || demoCase.type !== 'complaint'
    ? rng.weighted([['hotline', 85], ['counter', 10], ['web', 5]])
    : rng.weighted([['hotline', 72], ['counter', 10], ['web', 7], ['letter', 4], ['regulator', 7]]);
  const bigCustomer = customer.tier === 'big_customer';
  const urgent = demoCase.urgent === true || channel === 'regulator' || bigCustomer;
  // Referrals from the regulator arrive by letter to the supervisors, not through an agent's call.
  const acceptedBy = channel === 'regulator' ? rng.pick(supervisors) : desk();

  const values = fillValues(rng, customer, demoCase);
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
  const first: Resolution = { resolution: fill(demoCase.resolution), cause: fill(demoCase.cause), responsibility: demoCase.responsibility };
  const again: Resolution | null = demoCase.again
    ? { resolution: fill(demoCase.again.resolution), cause: fill(demoCase.again.cause), responsibility: demoCase.again.responsibility }
    : null;

  const target = targetOf(demoCase, customer, rng);
  const staff = staffOf(users, target);
  const assignee = demoCase.leader ? staff.head : rng.chance(0.7) && staff.handlers.length > 0 ? rng.pick(staff.handlers) : null;
  // Teams have no head of their own: their handlers resolve.
  const resolver = () => assignee ?? (staff.head === null || rng.chance(0.8) ? rng.pick(staff.handlers) : staff.head);
  const ownershipReasons = matchingRules(input.ownershipRules, {
    type: demoCase.type, category: demoCase.category, channel, customerTier: customer.tier, flags: new Set(),
  });
  const note = target.code === BIG_CUSTOMER_CENTRE ? BIG_CUSTOMER_NOTE : demoCase.leader ? DISPATCH_NOTES[1]! : urgent ? DISPATCH_NOTES[4]! : rng.chance(0.6) ? rng.pick(DISPATCH_NOTES.slice(0, 4)) : null;

  const steps: Step[] = [];
  const dispatch = () => {
    const delay = urgent ? rng.int(120, 600) : rng.int(300, 90 * 60);
    if (scenario === 'redispatched' || (scenario !== 'dispatched' && rng.chance(0.06))) {
      // Sent to the wrong place first; the unit hands it back and the desk sends it on.
      const wrong = unitByCode(target.code === NETWORK_CENTRE ? customer.unitCode : NETWORK_CENTRE);
      steps.push({ kind: 'dispatch', delay, unit: wrong, assignee: null, actor: desk(), note });
      steps.push({ kind: 'dispatch', delay: rng.int(1800, 4 * HOUR), unit: target, assignee, actor: desk(), note: `${wrong.name}反馈不属本单位处理范围，改派${target.name}` });
    } else {
      steps.push({ kind: 'dispatch', delay, unit: target, assignee, actor: desk(), note });
    }
  };
  const comment = (p: number) => {
    if (rng.chance(p)) steps.push({ kind: 'comment', delay: rng.int(1800, 6 * HOUR), actor: resolver(), body: rng.pick(COMMENTS) });
  };
  const resolve = (text: Resolution, round: number) =>
    steps.push({ kind: 'resolve', delay: workTime(rng, demoCase, customer, round), actor: resolver(), text });
  const callback = (outcome: Outcome, note: string | null = null) =>
    steps.push({
      kind: 'callback', delay: rng.int(30 * 60, 20 * HOUR), actor: desk(), outcome,
      note: note ?? (outcome === 'satisfied' ? rng.pick(SATISFIED_NOTES) : rng.pick(UNREACHABLE_NOTES)),
    });
  const unreachableTimes = (n: number) => {
    for (let i = 0; i < n; i++) callback('unreachable');
  };
  // The owner's visit and written explanation; a case that closes must have both (the close gate).
  const ownerDuties = (beforeClosing: boolean) => {
    if (ownershipReasons.length === 0 || !(beforeClosing || rng.chance(0.5))) return;
    const owner = nearestHead(users, target).username;
    const action = rng.pick(['visit', 'apology', 'meeting'] as const);
    steps.push({ kind: 'owner_action', delay: rng.int(HOUR, 8 * HOUR), actor: owner, action, note: OWNER_ACTION_NOTES[action] });
    if (beforeClosing || rng.chance(0.5)) {
      const text = `书面说明：经核实，${first.cause}。处理及整改情况：${first.resolution}今后将加强员工服务规范教育，杜绝类似问题再次发生。`;
      steps.push({ kind: 'explanation', delay: rng.int(HOUR, 6 * HOUR), actor: owner, text });
    }
  };
  const firstRound = (closes: boolean) => {
    dispatch();
    comment(0.3);
    ownerDuties(closes);
    resolve(first, 1);
  };
  const secondRound = (closes: boolean) => {
    firstRound(closes);
    callback('unsatisfied', demoCase.again!.complaint);
    comment(0.3);
  };

  switch (scenario) {
    case 'accepted': break;
    case 'dispatched': case 'redispatched': dispatch(); comment(0.4); ownerDuties(false); break;
    case 'resolved': firstRound(false); break;
    case 'resolved_after_unreachable': firstRound(false); unreachableTimes(1); break;
    case 'intake_resolved': break;
    case 'closed': firstRound(true); callback('satisfied'); break;
    case 'closed_after_unreachable': firstRound(true); unreachableTimes(rng.int(1, maxAttempts - 1)); callback('satisfied'); break;
    case 'closed_unreachable': firstRound(true); unreachableTimes(maxAttempts); break;
    case 'intake_closed': if (rng.chance(0.9)) callback('satisfied'); else unreachableTimes(maxAttempts); break;
    case 'reopened': secondRound(false); break;
    case 'resolved_second_round': secondRound(false); resolve(again!, 2); break;
    case 'closed_second_round': secondRound(true); resolve(again!, 2); callback('satisfied'); break;
    case 'closed_second_round_unreachable': secondRound(true); resolve(again!, 2); unreachableTimes(maxAttempts); break;
  }

  const paymentChannel: DemoTicketRow['payment_channel'] = demoCase.type === 'reconnection' ? rng.pick(demoCase.payments ?? ['counter'] as const) : null;
  return {
    demoCase, customerIndex, customer, channel, priority: urgent ? 'urgent' : 'normal', acceptedBy,
    description: fill(demoCase.description),
    paidBefore: paymentChannel === null ? null : paymentChannel === 'bank' ? rng.int(HOUR, 20 * HOUR) : rng.int(300, 3 * HOUR),
    paymentChannel,
    intake: atIntake ? first : null,
    ownershipReasons,
    steps,
    age: ageOf(rng, scenario),
    nightCall: rng.chance(0.08),
  };
}

/** How long a unit works on a ticket, by what it is and where. */
function workTime(rng: Random, demoCase: DemoCase, customer: DemoCustomer, round: number): number {
  if (customer.tier === 'big_customer') return rng.int(30 * 60, 4 * HOUR);
  if (demoCase.type === 'reconnection') return rng.chance(0.9) ? rng.int(15 * 60, 100 * 60) : rng.int(2 * HOUR, 6 * HOUR);
  if (round > 1 || demoCase.leader) return rng.int(4 * HOUR, 40 * HOUR);
  if (demoCase.type === 'fault') return customer.area === 'county' ? rng.int(2 * HOUR, 40 * HOUR) : rng.int(HOUR, 20 * HOUR);
  return rng.int(2 * HOUR, 36 * HOUR);
}

/** Open tickets are recent; finished ones spread over the last two months. */
function ageOf(rng: Random, scenario: Scenario): number {
  switch (scenario) {
    case 'accepted': return rng.int(10 * 60, 6 * HOUR);
    case 'dispatched': case 'redispatched': case 'reopened': return rng.int(2 * HOUR, 4 * DAY);
    case 'resolved': case 'resolved_after_unreachable': case 'intake_resolved': case 'resolved_second_round': return rng.int(3 * HOUR, 3 * DAY);
    default: return rng.int(2 * DAY, 58 * DAY);
  }
}

/** What does not depend on the ticket's time; {date}, {paid} and {month} are filled when it is placed. */
function fillValues(rng: Random, customer: DemoCustomer, demoCase: DemoCase): Record<string, string> {
  return {
    place: rng.pick(unitByCode(customer.unitCode).places),
    amount: String(demoCase.type === 'reconnection' ? rng.int(30, 400) : rng.int(12, 380)),
    days: String(rng.int(3, 10)),
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Local calendar fields, for the callable-hours rule and for dates written into descriptions. */
function localParts(at: Date, timezone: string): { month: number; day: number; hour: number; minute: number } {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timezone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

// The callback policy's default callable hours.
const CALLABLE_FROM = 9;
const CALLABLE_UNTIL = 20;
const CLOSED_MINUTES = (24 - CALLABLE_UNTIL + CALLABLE_FROM) * 60;

/**
 * Callbacks go out between 09:00 and 20:00 local time; what falls in the night is spread over the
 * next morning's first three hours, in the same order.
 */
function inCallableHours(at: Date, timezone: string): Date {
  const { hour, minute } = localParts(at, timezone);
  if (hour >= CALLABLE_FROM && hour < CALLABLE_UNTIL) return at;
  const sinceClosing = ((hour - CALLABLE_UNTIL + 24) % 24) * 60 + minute;
  const untilOpening = ((CALLABLE_FROM - hour + 24) % 24) * 60 - minute;
  return new Date(at.getTime() + (untilOpening + Math.floor((sinceClosing * 180) / CLOSED_MINUTES)) * 60_000);
}

function place(input: HistoryInput, plan: Plan): DemoTicket {
  const now = input.now.getTime();
  let accepted = now - plan.age * 1000;
  if (!plan.nightCall) {
    // Squeeze the hour of the day into 08:00–20:59, keeping minutes; a day earlier if that is still ahead.
    const hour = localParts(new Date(accepted), input.timezone).hour;
    accepted += (8 + Math.floor((hour * 13) / 24) - hour) * HOUR * 1000;
    if (accepted > now - 60_000) accepted -= DAY * 1000;
  }
  for (;;) {
    const ticket = replay(input, plan, new Date(accepted));
    const last = Math.max(...ticket.events.map((e) => e.at.getTime()));
    if (last < now - 60_000) return ticket;
    // The history ran past the present: start it earlier.
    accepted -= last - now + 60_000 + HOUR * 1000;
  }
}

/** Replays the plan through the service's rules (server/tickets/service.ts) from the acceptance time. */
function replay(input: HistoryInput, plan: Plan, acceptedAt: Date): DemoTicket {
  const { ids, timezone } = input;
  const local = (at: Date) => localParts(at, timezone);
  const stamp = (at: Date) => {
    const p = local(at);
    return `${p.month}月${p.day}日${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  };
  const paidAt = plan.paidBefore === null ? null : new Date(acceptedAt.getTime() - plan.paidBefore * 1000);
  const dayBefore = new Date(acceptedAt.getTime() - (plan.demoCase.category === 'suspension' ? 30 : 72) * HOUR * 1000);
  const lastMonth = (local(acceptedAt).month + 10) % 12 + 1;
  const description = plan.description
    .replace('{date}', `${local(dayBefore).month}月${local(dayBefore).day}日`)
    .replace('{paid}', stamp(paidAt ?? dayBefore))
    .replace('{month}', String(lastMonth));

  const row: DemoTicketRow = {
    type: plan.demoCase.type, category: plan.demoCase.category, status: 'accepted', version: 1, handling_round: 1,
    channel: plan.channel, priority: plan.priority, description, customer_id: ids.customer(plan.customerIndex),
    unit_id: null, assignee_id: null, accepted_by: ids.user(plan.acceptedBy), payment_channel: plan.paymentChannel, paid_at: paidAt,
    resolution: null, cause: null, responsibility: null, one_call_resolution: false, close_reason: null,
    created_at: acceptedAt, updated_at: acceptedAt,
    dispatched_at: null, first_resolved_at: null, resolved_at: null, closed_at: null,
  };
  const events: DemoEvent[] = [];
  const callbacks: DemoCallback[] = [];
  /** A timeline entry that leaves the ticket row alone (comments, leadership-case entries). */
  const note = (type: TimelineEventType, at: Date, actor: number, data: Record<string, unknown>, ownerAction?: number) =>
    events.push({ type, at, actor_id: actor, data, ...(ownerAction === undefined ? {} : { ownerAction }) });
  /** A change of the ticket: every one after the acceptance bumps the version, as repository.update does. */
  const record = (type: TimelineEventType, at: Date, actor: number, data: Record<string, unknown>, changes: Partial<DemoTicketRow>) => {
    note(type, at, actor, data);
    Object.assign(row, changes);
    if (type !== 'accepted') row.version += 1;
    row.updated_at = at;
  };
  const scheduleCallback = (attempt: number, due: Date, at: Date) =>
    callbacks.push({
      handling_round: row.handling_round, attempt, due_at: due, assignee_id: null, state: 'scheduled',
      outcome: null, note: null, done_by: null, done_at: null, created_at: at,
    });

  let ownership: DemoOwnership | null = null;
  const ownerActions: DemoOwnerAction[] = [];
  /** ownership/service.ts evaluate(): after a dispatch the head of the unit (or the nearest above) owns the case. */
  const evaluateOwnership = (unit: DemoUnit, at: Date, actor: number) => {
    if (plan.ownershipReasons.length === 0) return;
    const head = nearestHead(input.users, unit);
    const ownerId = ids.user(head.username);
    const unitId = ids.unit(head.unitCode);
    const reasons = plan.ownershipReasons;
    if (ownership === null) {
      ownership = { owner_id: ownerId, unit_id: unitId, reasons, active: true, assigned_at: at, explanation: null, explanation_by: null, explanation_at: null };
      note('ownership_assigned', at, actor, { owner_id: ownerId, unit_id: unitId, reasons });
    } else if (ownership.owner_id !== ownerId || ownership.unit_id !== unitId) {
      const from = ownership;
      ownership = { ...from, owner_id: ownerId, unit_id: unitId, assigned_at: from.owner_id === ownerId ? from.assigned_at : at };
      note('ownership_transferred', at, actor, { from_owner_id: from.owner_id, from_unit_id: from.unit_id, owner_id: ownerId, unit_id: unitId, reasons });
    }
  };

  const acceptor = ids.user(plan.acceptedBy);
  record('accepted', acceptedAt, acceptor, { channel: plan.channel, type: plan.demoCase.type, category: plan.demoCase.category }, {});
  if (plan.intake) {
    record('resolved', acceptedAt, acceptor, { ...plan.intake, one_call: true }, {
      status: 'resolved', ...plan.intake, one_call_resolution: true, resolved_at: acceptedAt, first_resolved_at: acceptedAt,
    });
    scheduleCallback(1, acceptedAt, acceptedAt);
  }

  let at = acceptedAt;
  for (const step of plan.steps) {
    at = new Date(at.getTime() + step.delay * 1000);
    const actor = ids.user(step.actor);
    switch (step.kind) {
      case 'dispatch': {
        const unitId = ids.unit(step.unit.code);
        const assigneeId = step.assignee === null ? null : ids.user(step.assignee);
        record(row.status === 'dispatched' ? 'redispatched' : 'dispatched', at, actor,
          { from_unit_id: row.unit_id, unit_id: unitId, unit_name: step.unit.name, assignee_id: assigneeId, note: step.note },
          { status: 'dispatched', unit_id: unitId, assignee_id: assigneeId, dispatched_at: row.dispatched_at ?? at });
        evaluateOwnership(step.unit, at, actor);
        break;
      }
      case 'comment':
        note('comment', at, actor, { body: step.body });
        break;
      case 'owner_action': {
        // Recorded after the visit: it happened halfway between the previous entry and now.
        const happened = new Date(at.getTime() - Math.floor(step.delay / 2) * 1000);
        ownerActions.push({ actor_id: actor, kind: step.action, note: step.note, at: happened, recorded_at: at });
        note('owner_action', at, actor, { kind: step.action, note: step.note, at: happened.toISOString() }, ownerActions.length - 1);
        break;
      }
      case 'explanation':
        ownership = { ...ownership!, explanation: step.text, explanation_by: actor, explanation_at: at };
        note('owner_explanation', at, actor, { text: step.text, revised: false });
        break;
      case 'resolve':
        record('resolved', at, actor, { ...step.text, handling_round: row.handling_round }, {
          status: 'resolved', ...step.text, resolved_at: at, first_resolved_at: row.first_resolved_at ?? at, one_call_resolution: false,
        });
        scheduleCallback(1, at, at);
        break;
      case 'callback': {
        at = inCallableHours(at, timezone);
        const open = callbacks[callbacks.length - 1]!;
        // A retry waits for its due time.
        if (at < open.due_at) at = inCallableHours(new Date(open.due_at.getTime() + 10 * 60 * 1000), timezone);
        Object.assign(open, { state: 'done', outcome: step.outcome, note: step.note, done_by: actor, done_at: at });
        const data = { outcome: step.outcome, note: step.note, attempt: open.attempt, handling_round: open.handling_round };
        if (step.outcome === 'satisfied') {
          record('closed', at, actor, { ...data, close_reason: 'satisfied' }, { status: 'closed', close_reason: 'satisfied', closed_at: at });
        } else if (step.outcome === 'unsatisfied') {
          record('reopened', at, actor, { ...data, unit_id: row.unit_id, next_round: row.handling_round + 1 }, {
            status: 'dispatched', handling_round: row.handling_round + 1, resolution: null, cause: null, responsibility: null, resolved_at: null,
          });
        } else if (open.attempt < maxAttempts) {
          const next = new Date(at.getTime() + retrySpacingSeconds * 1000);
          record('callback_unreachable', at, actor, { ...data, next_attempt_at: next.toISOString() }, {});
          scheduleCallback(open.attempt + 1, next, at);
        } else {
          record('closed', at, actor, { ...data, close_reason: 'unreachable' }, { status: 'closed', close_reason: 'unreachable', closed_at: at });
        }
        break;
      }
    }
  }
  if (row.status === 'closed' && ownership !== null) assertDutiesDone(ownership, ownerActions);
  return { day: localDateStamp(acceptedAt, timezone), row, events, callbacks, ownership, ownerActions };
}

/** The close gate, as the ownership participant enforces it: a plan that breaks it is a bug here. */
function assertDutiesDone(ownership: DemoOwnership, actions: readonly DemoOwnerAction[]): void {
  if (ownership.explanation === null || !actions.some((a) => IN_PERSON_KINDS.includes(a.kind))) {
    throw new Error('demo: a leadership case closes without its owner\'s visit and explanation');
  }
}
