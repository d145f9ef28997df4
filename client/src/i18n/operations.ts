/** Operations: parked mail (refused by the mail server) and sending it again. zh-CN first, English second. */
const zhCN = {
  'ops.tab.mail': '搁置邮件',
  'ops.mail.intro': '邮件服务器拒收的邮件（如地址无效）不会自动重发。修正收件地址后可逐封重发；每次重发都记入审计日志。',
  'ops.mail.empty': '没有搁置的邮件',
  'ops.mail.createdAt': '产生时间',
  'ops.mail.recipient': '收件人',
  'ops.mail.subject': '主题',
  'ops.mail.ticket': '工单',
  'ops.mail.error': '拒收原因',
  'ops.mail.attempts': '尝试次数',
  'ops.mail.retry': '重发',
  'ops.mail.retryLabel': '重发给 {recipient} 的邮件',
  'ops.mail.retried': '已重新排队，将在几秒内发送',
  'ops.mail.failed': '重发失败：{detail}',
  'ops.mail.more': '加载更多',
  'entity.mail_delivery': '邮件投递',
} as const;

const en: Record<keyof typeof zhCN, string> = {
  'ops.tab.mail': 'Parked mail',
  'ops.mail.intro': 'Mail the mail server refused (an invalid address, say) is not retried by itself. Fix the address, then send each one again; every retry is recorded in the audit log.',
  'ops.mail.empty': 'No parked mail',
  'ops.mail.createdAt': 'Created',
  'ops.mail.recipient': 'Recipient',
  'ops.mail.subject': 'Subject',
  'ops.mail.ticket': 'Ticket',
  'ops.mail.error': 'Refusal',
  'ops.mail.attempts': 'Attempts',
  'ops.mail.retry': 'Retry',
  'ops.mail.retryLabel': 'Send the mail to {recipient} again',
  'ops.mail.retried': 'Queued again; it goes out within seconds',
  'ops.mail.failed': 'Could not retry: {detail}',
  'ops.mail.more': 'Load more',
  'entity.mail_delivery': 'Mail delivery',
};

export const operations = { 'zh-CN': zhCN, en };
