/**
 * What people call the report's columns, in the two languages of the desk: the CSV header, the
 * bulletin and the mail use these (the console has its own copy in client/src/i18n/reports.ts).
 */
export type Lang = 'zh-CN' | 'en';

export const COLUMN_LABELS: Record<string, Record<Lang, string>> = {
  month: { 'zh-CN': '月份', en: 'Month' },
  scope: { 'zh-CN': '范围', en: 'Scope' },
  unit_id: { 'zh-CN': '单位编号', en: 'Unit ID' },
  unit_name: { 'zh-CN': '单位', en: 'Unit' },
  tickets: { 'zh-CN': '受理量', en: 'Tickets' },
  complaints: { 'zh-CN': '投诉量', en: 'Complaints' },
  fault_reports: { 'zh-CN': '障碍申告量', en: 'Fault reports' },
  reconnections: { 'zh-CN': '复机量', en: 'Reconnections' },
  requests: { 'zh-CN': '咨询量', en: 'Requests' },
  resolved: { 'zh-CN': '处理完成量', en: 'Resolved' },
  responsibility_complaints: { 'zh-CN': '责任投诉', en: 'Responsibility complaints' },
  responsibility_complaints_prev_month: { 'zh-CN': '责任投诉（上月）', en: 'Responsibility complaints, last month' },
  responsibility_complaints_change_prev_month_pct: { 'zh-CN': '责任投诉环比（%）', en: 'Responsibility complaints vs last month (%)' },
  responsibility_complaints_prev_year: { 'zh-CN': '责任投诉（去年同期）', en: 'Responsibility complaints, same month last year' },
  responsibility_complaints_change_prev_year_pct: { 'zh-CN': '责任投诉同比（%）', en: 'Responsibility complaints vs last year (%)' },
  avg_handling_days: { 'zh-CN': '平均处理时长（天）', en: 'Average handling time (days)' },
  timely_rate: { 'zh-CN': '处理及时率', en: 'Timely-handling rate' },
  first_time_satisfaction: { 'zh-CN': '一次满意率', en: 'First-time satisfaction' },
  second_time_satisfaction: { 'zh-CN': '二次满意率', en: 'Second-time satisfaction' },
  unreachable_rate: { 'zh-CN': '回访未接通率', en: 'Unreachable rate' },
  over_level_complaints: { 'zh-CN': '越级投诉', en: 'Over-level complaints' },
  subscribers: { 'zh-CN': '用户数', en: 'Subscribers' },
  fault_report_rate: { 'zh-CN': '障碍申告率', en: 'Fault-report rate' },
  reconnections_restored: { 'zh-CN': '复机完成量', en: 'Reconnections restored' },
  reconnect_24h_rate: { 'zh-CN': '24小时复机及时率', en: 'Reconnected within 24 h' },
  reconnect_2h_rate: { 'zh-CN': '2小时复机及时率', en: 'Reconnected within 2 h' },
};

export const label = (key: string, lang: Lang): string => COLUMN_LABELS[key]?.[lang] ?? key;

/** Accept-Language → the desk's languages; Chinese unless English is asked for first. */
export function langFrom(header: string | undefined): Lang {
  const first = (header ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
