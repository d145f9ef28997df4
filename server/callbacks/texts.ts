/**
 * What customers and unit heads read, in zh-CN and en. The survey mail carries both languages
 * (we do not know the customer's); the survey page follows ?lang= or Accept-Language.
 */
export type Lang = 'zh-CN' | 'en';

const when = (at: Date, lang: Lang, timezone: string) =>
  new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(at);

export function surveyMail(d: { ticketNumber: string; link: string; expiresAt: Date; timezone: string }): { subject: string; text: string } {
  return {
    subject: `请评价我们的服务 / How did we do? (${d.ticketNumber})`,
    text: [
      `您好！您的工单 ${d.ticketNumber} 已处理完毕。请点击下面的链接告诉我们您是否满意（无需登录，链接仅可使用一次，${when(d.expiresAt, 'zh-CN', d.timezone)} 前有效）：`,
      d.link,
      '',
      `Hello! Your ticket ${d.ticketNumber} has been resolved. Please tell us whether you are satisfied (no sign-in; the link works once, until ${when(d.expiresAt, 'en', d.timezone)}):`,
      `${d.link}?lang=en`,
      '',
      '如未提交，客服人员将电话回访。 If you do not answer, our agent will call you.',
    ].join('\n'),
  };
}

export function headMail(d: { ticketNumber: string; round: number; dueAt: Date; link: string; note: string; timezone: string }): { subject: string; text: string } {
  return {
    subject: `客户不满意，工单 ${d.ticketNumber} 退回二次处理 / Customer unsatisfied: ${d.ticketNumber} back for handling ${d.round}`,
    text: [
      `工单 ${d.ticketNumber} 回访结果：不满意。已退回本单位进行第 ${d.round} 次处理，请于 ${when(d.dueAt, 'zh-CN', d.timezone)} 前处理完毕。`,
      d.note ? `客户意见：${d.note}` : '',
      d.link,
      '',
      `The callback for ticket ${d.ticketNumber} found the customer unsatisfied. It is back with your unit for handling round ${d.round}; resolve it by ${when(d.dueAt, 'en', d.timezone)}.`,
      d.note ? `Customer's words: ${d.note}` : '',
      d.link,
    ].filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n'),
  };
}

export const PAGE_TEXT = {
  'zh-CN': {
    title: '服务满意度回访', ticket: '工单号', summary: '问题', question: '您对本次处理结果是否满意？',
    satisfied: '满意', unsatisfied: '不满意', comment: '意见或建议（可选）', submit: '提交', other: 'English',
    thanks: '感谢您的反馈！', thanksSatisfied: '我们已记录您的评价，工单已办结。', thanksUnsatisfied: '我们已记录您的意见，相关单位将重新处理并与您联系。',
    invalid: '此链接无效。请使用邮件中的完整链接。', expired: '此链接已过期。客服人员将通过电话与您联系。',
    used: '此问卷已经提交过，无需再次填写。谢谢！', unavailable: '暂时无法记录您的回答，客服人员将通过电话与您联系。',
    choose: '请选择“满意”或“不满意”。',
  },
  en: {
    title: 'How did we do?', ticket: 'Ticket', summary: 'Problem', question: 'Are you satisfied with how your problem was handled?',
    satisfied: 'Satisfied', unsatisfied: 'Not satisfied', comment: 'Comments (optional)', submit: 'Send', other: '中文',
    thanks: 'Thank you for your answer!', thanksSatisfied: 'We recorded your answer and closed the ticket.', thanksUnsatisfied: 'We recorded your answer; the team will handle your problem again and contact you.',
    invalid: 'This link is not valid. Please use the complete link from the mail.', expired: 'This link has expired. Our agent will call you instead.',
    used: 'This survey has already been answered. Thank you!', unavailable: 'We could not record your answer just now; our agent will call you instead.',
    choose: 'Please choose satisfied or not satisfied.',
  },
} as const;

export const CATEGORY_TEXT: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    service_attitude: '服务态度', network_quality: '网络质量', billing: '话费/计费', business_handling: '业务办理',
    installation: '装移机', broadband: '宽带', suspension: '停复机', other: '其他',
  },
  en: {
    service_attitude: 'service attitude', network_quality: 'network quality', billing: 'billing', business_handling: 'business handling',
    installation: 'installation', broadband: 'broadband', suspension: 'suspension and reconnection', other: 'other',
  },
};
