/** Leadership cases at the callback: what the owner still owes, told up front to the handler and the agent. */
const zhCN = {
  'duties.missingTitle': '领导包案：包案人尚未完成职责',
  'duties.missingDetail': '包案人 {owner} 尚未完成：{missing}。回访结果照常记录，包案人完成后工单自动关闭。',
  'duties.awaitingTitle': '回访已记录（{outcome}），等待包案人完成后自动关闭',
  'duties.awaitingDetail': '包案人 {owner} 尚未完成：{missing}。',
  'duties.tag': '待包案人：{missing}',
  'duties.separator': '、',
} as const;

const en: Record<keyof typeof zhCN, string> = {
  'duties.missingTitle': 'Leadership case: the case owner has duties outstanding',
  'duties.missingDetail': '{owner} has not yet recorded: {missing}. The callback outcome is recorded as usual; the case closes once the owner has.',
  'duties.awaitingTitle': 'Callback recorded ({outcome}); closes once the case owner has acted',
  'duties.awaitingDetail': '{owner} has not yet recorded: {missing}.',
  'duties.tag': 'Owner owes: {missing}',
  'duties.separator': ', ',
};

export const ownerDuties = { 'zh-CN': zhCN, en };
