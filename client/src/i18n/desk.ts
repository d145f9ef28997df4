/** Texts of the desk's own plumbing: reconnecting, colleagues' names, reconnection payments. */
const zhCN = {
  'desk.reconnecting': '重新连接中…',
  'desk.reconnectingDetail': '暂时连不上服务台（可能正在重启或网络中断），您的登录仍然有效。第 {attempt} 次重试，{seconds} 秒后再试。',
  'desk.retryNow': '立即重试',
  'desk.paidAt': '缴费时间',
  'desk.bankConfirmedAt': '银行确认时间',
  'desk.tier': '复机档次',
  'desk.tierValue': '第 {tier} 档',
  'desk.payment': '缴费',
  'desk.anyHandler': '不指定（班组接单）',
  'desk.ticketUnknown': '工单',
} as const;

export type DeskKey = keyof typeof zhCN;

const en: Record<DeskKey, string> = {
  'desk.reconnecting': 'Reconnecting…',
  'desk.reconnectingDetail': 'The desk cannot be reached right now (restarting, or the network is down); you are still signed in. Attempt {attempt}, next try in {seconds} s.',
  'desk.retryNow': 'Retry now',
  'desk.paidAt': 'Paid at',
  'desk.bankConfirmedAt': 'Bank confirmed at',
  'desk.tier': 'Reconnection tier',
  'desk.tierValue': 'Tier {tier}',
  'desk.payment': 'Payment',
  'desk.anyHandler': 'Anyone (the team picks it up)',
  'desk.ticketUnknown': 'Ticket',
};

export const desk = { 'zh-CN': zhCN, en };
