import type { Knex } from 'knex';
import { createApp, type Services } from '../app';
import type { Principal, Role } from '../auth/permissions';
import type { TokenService } from '../auth/tokens';
import { localDateStamp, ManualClock } from '../clock';
import type { Database } from '../db/knex';
import type { Deps } from '../deps';
import { EventBus } from '../events/bus';
import { createScheduler } from '../jobs';
import { startOfLocalDay } from '../sla/calendar';
import type { CreateTicketInput } from '../tickets/schemas';
import { DEMO_MARK } from './seed';

/** settings key: the local day whose working morning is in the database */
export const MORNING_MARK = 'demo_morning';
const H = 3_600_000;
const M = 60_000;

/**
 * `npm run demo` is a newcomer's first look, so it must look like a desk at work today, not an
 * archive: each local day (on the first start of that day) it adds a working morning, made the
 * way users make it, through the services, on a clock set back to when each step happened:
 * open tickets whose SLA timers run, warn and (a few) breach; callback agents on duty with
 * callbacks due across today's callable hours (a few late); unit heads owning service-attitude
 * cases, some already visited; an open mass-complaint incident with its explanation wording.
 * Warnings, breaches and due callbacks then fire on the desk's own scheduler at start, as they
 * would have. The work runs on its own event bus: nobody is connected yet.
 */
export async function loadMorning(deps: Deps, db: Database, tokens: TokenService): Promise<void> {
  const { knex, config, logger } = deps;
  if (!(await knex('settings').where({ key: DEMO_MARK }).first())) return;
  const now = deps.clock.now();
  const day = localDateStamp(now, config.timezone);
  const done = await knex('settings').where({ key: MORNING_MARK }).first<{ value: string } | undefined>('value');
  if (done?.value === day) return;
  const clock = new ManualClock(now);
  const shifted: Deps = { ...deps, clock, bus: new EventBus(logger) };
  // table-backed timers only: the desk's own scheduler (Bull or not) re-arms and fires them from PostgreSQL
  const { services } = createApp({ deps: shifted, db, tokens, scheduler: createScheduler({ ...shifted, config: { ...config, redisUrl: undefined } }) });
  const people = await principals(knex);
  const counts = await writeMorning(knex, services, clock, people, { now, timezone: config.timezone });
  await knex('settings').insert({ key: MORNING_MARK, value: day }).onConflict('key').merge();
  process.stdout.write(`demo: today's working morning added (${counts.tickets} live tickets, ${counts.callbacks} callbacks, ${counts.cases} leadership cases, 1 open incident)\n`);
}

async function principals(knex: Knex): Promise<Map<string, Principal>> {
  const rows = await knex('users').leftJoin('units', 'units.id', 'users.unit_id')
    .select<{ id: string; username: string; name: string; role: Role; unit_id: string | null; path: string | null }[]>('users.id', 'users.username', 'users.name', 'users.role', 'users.unit_id', 'units.path');
  return new Map(rows.map((r) => [r.username, { id: Number(r.id), username: r.username, name: r.name, role: r.role, unitId: r.unit_id === null ? null : Number(r.unit_id), unitPath: r.path }]));
}

interface Branch { code: string; slug: string }
const BRANCHES: Branch[] = [{ code: 'DLNC-GJZ', slug: 'ganjingzi' }, { code: 'DLNC-JZ', slug: 'jinzhou' }, { code: 'DLNC-ZH', slug: 'zhuanghe' }, { code: 'DLNC-WFD', slug: 'wafangdian' }];

async function writeMorning(knex: Knex, s: Services, clock: ManualClock, people: Map<string, Principal>, opts: { now: Date; timezone: string }) {
  const { now } = opts;
  const who = (username: string) => {
    const p = people.get(username);
    if (!p) throw new Error(`demo user ${username} is missing`);
    return p;
  };
  const unitId = async (code: string) => Number((await knex('units').where({ code }).first<{ id: string }>('id')).id);
  const customersOf = async (code: string) => (await knex('customers').where({ unit_id: await unitId(code) }).whereNull('email').orderBy('id').limit(12).select<{ id: string }[]>('id')).map((r) => Number(r.id));
  const at = (ms: number) => clock.set(new Date(ms));
  const agent = who('agent01');
  const supervisor = who('supervisor1');
  let tickets = 0;

  // the desk's callback agents come on duty first, so due callbacks are shared among them
  at(now.getTime() - 3 * H);
  for (const name of ['agent01', 'agent02', 'agent03', 'agent04']) await s.callbacks.setDuty(supervisor, who(name).id, true);

  // callbacks left open by the seeded history (or an earlier morning) would sit days overdue and
  // unassigned: their customers are called back over the next hours instead, as if they asked to be
  at(now.getTime());
  const stale = await knex('callbacks').whereIn('state', ['scheduled', 'due']).whereNull('assignee_id').where('due_at', '<', now).orderBy('due_at').select<{ id: string }[]>('id');
  for (const [k, row] of stale.entries()) {
    await s.callbacks.reschedule(supervisor, Number(row.id), { at: new Date(now.getTime() + (15 + 12 * k) * M).toISOString(), note: '用户要求改约时间' });
  }

  async function open(input: Omit<CreateTicketInput, 'channel' | 'priority'>, acceptedAt: number, unitCode: string | null) {
    at(acceptedAt);
    const { ticket } = await s.tickets.create(agent, { channel: 'hotline', priority: 'normal', ...input }, undefined);
    tickets += 1;
    if (unitCode === null) return ticket;
    at(acceptedAt + 7 * M);
    return s.tickets.dispatch(supervisor, ticket.id, ticket.version, { unit_id: await unitId(unitCode) });
  }

  const live: number[] = [];
  let cases = 0;
  for (const [i, branch] of BRANCHES.entries()) {
    const callers = await customersOf(branch.code);
    const team = `${branch.code}-ZW`;
    // breached: a complaint accepted yesterday morning, still open
    live.push((await open({ type: 'complaint', category: 'network_quality', customer_id: callers[0]!, description: '手机信号时有时无，室内几乎无法通话，已反映多次' }, now.getTime() - (26 + i) * H, team)).id);
    // warned: a fault report from last night, past 80 % of its 24 h
    live.push((await open({ type: 'fault', customer_id: callers[1]!, description: '宽带无法上网，光猫 LOS 灯红色闪烁' }, now.getTime() - (20 + i / 2) * H, team)).id);
    // running: this morning's complaints
    live.push((await open({ type: 'complaint', category: 'billing', customer_id: callers[2]!, description: '本月话费比上月多出 45 元，用户称未开通任何增值业务' }, now.getTime() - (2 + i) * H, team)).id);
    await open({ type: 'complaint', category: 'installation', customer_id: callers[3]!, description: '预约今天上午装机，装维人员未到也未联系' }, now.getTime() - (40 + 10 * i) * M, team);
    // a leadership case (service attitude → the branch head owns it); half already visited the customer
    const owned = await open({ type: 'complaint', category: 'service_attitude', customer_id: callers[4]!, description: '营业员态度生硬，办理业务时与用户争吵' }, now.getTime() - (6 + i) * H, branch.code);
    cases += 1;
    if (i % 2 === 0) {
      at(now.getTime() - (2 + i) * H);
      await s.ownership.recordAction(who(`head.${branch.slug}`), owned.id, { kind: 'visit', note: '分公司经理上门向用户当面致歉，用户表示理解', at: new Date(now.getTime() - (2 + i) * H).toISOString() });
    }
  }

  // an open mass complaint in 庄河 with the wording agents give callers, and the tickets it explains
  const zhuanghe = await customersOf('DLNC-ZH');
  const outage: number[] = [];
  for (const [k, caller] of zhuanghe.slice(5, 9).entries()) {
    outage.push((await open({ type: 'fault', customer_id: caller, description: '宽带和固话同时中断，邻居家也一样' }, now.getTime() - (90 - 15 * k) * M, 'DLNC-ZH-ZW')).id);
  }
  at(now.getTime() - 50 * M);
  await s.incidents.create(supervisor, {
    title: '庄河青堆镇光缆被市政施工挖断', unit_id: await unitId('DLNC-ZH'), category: 'network_quality', ticket_ids: outage,
    explanation_wording: '青堆镇一带因市政道路施工，通信光缆被挖断，抢修人员已在现场，预计今天 18:00 前恢复。给您带来不便深表歉意，恢复后无需再次报修。',
  });

  // callbacks: resolutions spread over the last day and a half, so callbacks fall due across
  // today's callable hours; the oldest are past their window (late)
  let callbacks = 0;
  const midnight = startOfLocalDay(now, opts.timezone).getTime();
  const resolvedAt = [-30 * H, -27 * H, 8.75 * H, 9.5 * H, 10.25 * H, 11 * H, 13.5 * H, 14.75 * H, 16 * H, 17.25 * H, 19 * H, 20.5 * H]
    .map((offset) => (offset < 0 ? now.getTime() + offset : midnight + offset))
    .map((t) => (t < now.getTime() - 10 * M ? t : t - 24 * H));
  for (const [k, resolved] of resolvedAt.entries()) {
    const branch = BRANCHES[k % BRANCHES.length]!;
    const caller = (await customersOf(branch.code))[6 + Math.floor(k / BRANCHES.length)]!;
    const ticket = await open({ type: 'complaint', category: k % 3 === 0 ? 'broadband' : 'billing', customer_id: caller, description: k % 3 === 0 ? '宽带晚上网速很慢，只有签约速率的三分之一' : '国际长途费用有异议，用户称未拨打' }, resolved - 5 * H, `${branch.code}-ZW`);
    at(resolved);
    await s.tickets.resolve(who(`${branch.slug}2`), ticket.id, ticket.version, { resolution: k % 3 === 0 ? '更换光猫并调整端口，测速恢复正常' : '核实为计费错误，已退还费用', cause: k % 3 === 0 ? '光猫老化' : '计费系统费率配置错误', responsibility: 'company' });
    callbacks += 1;
  }
  clock.set(now);
  return { tickets, callbacks, cases, live: live.length };
}
