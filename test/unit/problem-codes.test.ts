import fs from 'node:fs';
import path from 'node:path';
import { codes } from '../../client/src/i18n/codes';
import { en } from '../../client/src/i18n/en';
import { keyboard } from '../../client/src/i18n/keyboard';
import { ownerDuties } from '../../client/src/i18n/owner-duties';
import { zhCN } from '../../client/src/i18n/zh-CN';
import { ROLES } from '../../server/auth/permissions';
import { PROBLEM_CODES } from '../../server/http/codes';
import { kpisSchema } from '../../server/reports/schemas';
import { HOLD_REASONS } from '../../server/tickets/schemas';
import { TIMELINE_EVENT_TYPES } from '../../server/tickets/timeline';
import { CATEGORIES, CHANNELS, CLOSE_REASONS, PAYMENT_CHANNELS, RESPONSIBILITIES, TICKET_TYPES } from '../../server/tickets/vocabulary';

/** The console's catalogues as the browser merges them (shared first, per-feature files over them). */
const catalogues: Record<'zh-CN' | 'en', Record<string, string>> = {
  'zh-CN': { ...zhCN, ...codes['zh-CN'], ...ownerDuties['zh-CN'], ...keyboard['zh-CN'] },
  en: { ...en, ...codes.en, ...ownerDuties.en, ...keyboard.en },
};
const CJK = /[\u4e00-\u9fff]/;

const SERVER = path.resolve(__dirname, '..', '..', 'server');
function serverSources(dir = SERVER): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? serverSources(full) : e.name.endsWith('.ts') ? [fs.readFileSync(full, 'utf8')] : [];
  });
}
const sources = serverSources();
const migrations = fs.readdirSync(path.resolve(SERVER, '..', 'migrations')).map((f) => fs.readFileSync(path.resolve(SERVER, '..', 'migrations', f), 'utf8'));
const literals = (re: RegExp) => [...new Set(sources.flatMap((s) => [...s.matchAll(re)].map((m) => m[1]!)))].sort();

/** Every key `${prefix}.${value}` has a zh-CN text (with Chinese in it) and an English one (without). */
function missingTexts(prefix: string, values: readonly string[]): string[] {
  const missing: string[] = [];
  for (const value of values) {
    const key = `${prefix}.${value}`;
    const zh = catalogues['zh-CN'][key];
    const english = catalogues.en[key];
    if (!zh || !CJK.test(zh)) missing.push(`zh-CN ${key}`);
    if (!english || CJK.test(english)) missing.push(`en ${key}`);
  }
  return missing;
}

describe('every code the server can send has a zh-CN and an English text', () => {
  it('problem codes: the declared list, and every code literal in the server sources', () => {
    // zod's own issue code in refinements is not a problem code
    const inSources = literals(/\bcode: '([a-z][a-z0-9_]*)'/g).filter((c) => c !== 'custom');
    const surveyCodes = ['expired', 'used', 'unavailable'].map((r) => `survey_${r}`);
    expect(inSources.filter((c) => !(PROBLEM_CODES as readonly string[]).includes(c))).toEqual([]);
    expect(missingTexts('problem', [...PROBLEM_CODES, ...surveyCodes])).toEqual([]);
  });

  it('timeline event types and realtime changes written anywhere in the server', () => {
    // type: '…' is also used for ticket types and OpenAPI/zod shapes: those are not events
    const notEvents = new Set<string>([...TICKET_TYPES, 'string', 'http', 'exponential', 'object', 'array', 'integer', 'number', 'boolean']);
    const types = literals(/\btype: '([a-z][a-z0-9_.]*)'/g).filter((x) => !notEvents.has(x));
    const changes = literals(/\bchange: '([a-z][a-z0-9_.]*)'/g);
    const recorded = literals(/\brecord(?:OnTicket)?\([^'`\n]*'([a-z][a-z0-9_]*)'/g);
    const all = [...new Set([...TIMELINE_EVENT_TYPES, ...types, ...changes, ...recorded])];
    expect(all.length).toBeGreaterThan(30);
    expect(missingTexts('event', all)).toEqual([]);
  });

  it('the vocabularies shown on tickets, cases, escalations and reports', () => {
    // the rules the migrations seed (admins may add more: those show as the generic "case rule")
    const ownershipRules = [...new Set(migrations.flatMap((m) => [...m.matchAll(/\{ key: '([a-z][a-z0-9_]*)', name: '[^']*', match:/g)].map((x) => x[1]!)))];
    expect(ownershipRules).toEqual(expect.arrayContaining(['service_attitude', 'regulator_referral']));
    expect([
      ...missingTexts('role', ROLES), ...missingTexts('hold', HOLD_REASONS), ...missingTexts('caseReason', ownershipRules),
      ...missingTexts('escalationReason', ['breach', 'inactivity', 'unacknowledged']), ...missingTexts('closeReason', CLOSE_REASONS),
      ...missingTexts('missing', ['in_person_action', 'explanation']), ...missingTexts('kpi', Object.keys(kpisSchema.shape)),
      ...missingTexts('type', TICKET_TYPES), ...missingTexts('category', CATEGORIES), ...missingTexts('channel', CHANNELS),
      ...missingTexts('responsibility', RESPONSIBILITIES), ...missingTexts('payment', PAYMENT_CHANNELS),
    ]).toEqual([]);
  });

  it('the two languages have the same keys', () => {
    expect(Object.keys(catalogues.en).sort()).toEqual(Object.keys(catalogues['zh-CN']).sort());
  });
});
