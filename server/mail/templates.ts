/**
 * Mail templates in zh-CN and en. A template gets plain data and returns subject and text; the
 * console link and the masked phone are prepared by the caller (see `notificationData`).
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface TicketMailData {
  ticketNumber: string;
  customerName: string | null;
  /** already masked: 139****1234 */
  customerPhone: string;
  /** ISO time, or null when no deadline runs */
  deadline: string | null;
  link: string;
  category: string;
  description: string;
}

export type MailTemplate =
  | { kind: 'ownership.assigned'; data: TicketMailData & { reasons: string[]; transferred: boolean } }
  | { kind: 'escalation.raised'; data: TicketMailData & { level: number; reason: string; ownerName: string } }
  | { kind: 'deadline.warning'; data: TicketMailData }
  | { kind: 'incident.opened'; data: IncidentMailData };

export interface IncidentMailData {
  title: string;
  unitName: string;
  tickets: { number: string; link: string }[];
  /** how many tickets the mail lists at most; the rest are counted */
  listed: number;
}

export interface RenderedMail {
  subject: string;
  text: string;
}

/** 13904111234 → 139****1234; short numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  if (digits.length >= 11) return `${digits.slice(0, digits.length - 8)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(digits.length - 2, 0))}${digits.slice(-2)}`;
}

function formatTime(iso: string | null, locale: Locale, timezone: string, none: string): string {
  if (iso === null) return none;
  const local = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(new Date(iso));
  return `${local} (${timezone})`;
}

const REASONS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    service_attitude: '服务态度投诉', mass_complaint: '规模性投诉', major_problem: '重大服务问题', regulator_referral: '越级投诉（管局转办）',
    big_customer: '大客户投诉', breach: '已超时限', inactivity: '包案领导未记录处理', unacknowledged: '上一级未签收',
  },
  en: {
    service_attitude: 'service-attitude complaint', mass_complaint: 'mass complaint', major_problem: 'major service problem',
    regulator_referral: 'regulator referral', big_customer: 'big-customer complaint', breach: 'deadline breached',
    inactivity: 'the case owner recorded nothing', unacknowledged: 'the level below did not acknowledge',
  },
};

const reasonText = (locale: Locale, key: string) => REASONS[locale][key] ?? key;

const signature = (zh: boolean) => (zh ? '—— LoopDesk 投诉受理台（系统邮件，请勿回复）' : '— LoopDesk (automatic message, do not reply)');

function renderIncident(d: IncidentMailData, zh: boolean): RenderedMail {
  const n = d.tickets.length;
  const listed = d.tickets.slice(0, d.listed).map((x) => `- ${x.number} ${x.link}`);
  const more = n > d.listed ? [zh ? `……另有 ${n - d.listed} 张` : `… and ${n - d.listed} more`] : [];
  const lead = zh
    ? [`您好：`, `${d.unitName}出现规模性投诉“${d.title}”，已归并 ${n} 张工单，由您包案处理。`, `请尽快确定解释口径（话务员据此向来电用户解释），并亲自组织处理。`, '', '工单：']
    : [`Hello,`, `A mass complaint "${d.title}" in ${d.unitName} now groups ${n} tickets and is your case.`, `Please agree the explanation wording agents give callers, and lead the handling in person.`, '', 'Tickets:'];
  return {
    subject: zh ? `【规模性投诉】${d.title}（${n} 张工单）` : `[Mass complaint] ${d.title} (${n} tickets)`,
    text: [...lead, ...listed, ...more, '', signature(zh)].join('\n'),
  };
}

export function render(template: MailTemplate, locale: Locale, timezone: string): RenderedMail {
  if (template.kind === 'incident.opened') return renderIncident(template.data, locale === 'zh-CN');
  const d = template.data;
  const zh = locale === 'zh-CN';
  const facts = zh
    ? [
        `工单号：${d.ticketNumber}`,
        `客户：${d.customerName ?? '（未留姓名）'} ${d.customerPhone}`,
        `类别：${d.category}`,
        `处理时限：${formatTime(d.deadline, locale, timezone, '未设定')}`,
        `内容：${d.description}`,
        `在受理台查看：${d.link}`,
      ]
    : [
        `Ticket: ${d.ticketNumber}`,
        `Customer: ${d.customerName ?? '(no name given)'} ${d.customerPhone}`,
        `Category: ${d.category}`,
        `Deadline: ${formatTime(d.deadline, locale, timezone, 'none')}`,
        `Description: ${d.description}`,
        `Open it in the console: ${d.link}`,
      ];
  let subject: string;
  let lead: string[];
  switch (template.kind) {
    case 'ownership.assigned': {
      const reasons = template.data.reasons.map((r) => reasonText(locale, r)).join(zh ? '、' : ', ');
      subject = zh ? `【领导包案】${d.ticketNumber} 由您包案处理` : `[Case ownership] ${d.ticketNumber} is now your case`;
      lead = zh
        ? [`您好：`, `工单 ${d.ticketNumber}（${reasons}）${template.data.transferred ? '已改派至贵单位，' : ''}由您作为包案领导亲自处理。`, `请亲自上门或当面致歉，并在受理台记录处理情况和书面说明；未记录前该工单不能结案。`]
        : [`Hello,`, `Ticket ${d.ticketNumber} (${reasons}) ${template.data.transferred ? 'was re-dispatched to your unit and ' : ''}is your case to handle in person.`, `Visit or apologise in person, then record what you did and your written explanation in the console; the case cannot close before that.`];
      break;
    }
    case 'escalation.raised': {
      const why = reasonText(locale, template.data.reason);
      subject = zh ? `【逐级上报·第${template.data.level}级】${d.ticketNumber} ${why}` : `[Escalation level ${template.data.level}] ${d.ticketNumber}: ${why}`;
      lead = zh
        ? [`您好：`, `包案工单 ${d.ticketNumber}（包案领导：${template.data.ownerName}）因“${why}”上报至您，请在受理台签收并督办。`]
        : [`Hello,`, `The owned case ${d.ticketNumber} (owner: ${template.data.ownerName}) has been escalated to you because: ${why}. Please acknowledge it in the console and follow it up.`];
      break;
    }
    case 'deadline.warning':
      subject = zh ? `【时限预警】${d.ticketNumber} 即将超时` : `[Deadline warning] ${d.ticketNumber} is about to breach`;
      lead = zh
        ? [`您好：`, `您包案的工单 ${d.ticketNumber} 即将到期，请尽快处理。`]
        : [`Hello,`, `Your case ${d.ticketNumber} is close to its deadline; please act now.`];
      break;
  }
  return { subject, text: [...lead, '', ...facts, '', signature(zh)].join('\n') };
}
