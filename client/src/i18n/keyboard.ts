/** The keyboard: the shortcut sheet ("?") and the date-time field's keys. */
const zhCN = {
  'keys.sheetTitle': '快捷键',
  'keys.sheetOpen': '快捷键 (?)',
  'keys.nav': '切换页面：Alt+N 受理 · Alt+Q 工单队列 · Alt+C 回访 · Alt+M 我的包案 · Alt+B 时限看板 · Alt+F 复机 · Alt+R 报表',
  'keys.search': '/ 聚焦搜索框（受理页为来电号码）',
  'keys.sheet': '? 打开本快捷键说明',
  'keys.submit': 'Ctrl+Enter 提交当前表单；Esc 清空受理单（抽屉打开时先关闭抽屉）',
  'keys.queue': '工单队列：j / k 上下移动，Enter 打开',
  'keys.select': '下拉框：输入编号或关键字筛选，Enter 选择，Delete/Backspace 清除',
  'keys.dateTime': '时间字段：Ctrl+; 现在，↑/↓ 加减 15 分钟，PgUp/PgDn 加减 1 小时',
  'keys.dateTimeHelp': '格式 YYYY-MM-DD HH:mm；Ctrl+; 现在，↑/↓ 加减 15 分钟，PgUp/PgDn 加减 1 小时',
  'keys.now': '现在',
  'keys.minus15': '-15分',
  'keys.minus60': '-1小时',
  'keys.close': '关闭',
} as const;

const en: Record<keyof typeof zhCN, string> = {
  'keys.sheetTitle': 'Keyboard shortcuts',
  'keys.sheetOpen': 'Shortcuts (?)',
  'keys.nav': 'Screens: Alt+N intake · Alt+Q queues · Alt+C callbacks · Alt+M my cases · Alt+B SLA board · Alt+F reconnection · Alt+R reports',
  'keys.search': '/ focuses the search box (the caller\'s phone on intake)',
  'keys.sheet': '? opens this sheet',
  'keys.submit': 'Ctrl+Enter submits the form; Esc clears intake (closes an open drawer first)',
  'keys.queue': 'Queues: j / k move, Enter opens',
  'keys.select': 'Selects: type the number or a word, Enter picks, Delete/Backspace clears',
  'keys.dateTime': 'Time fields: Ctrl+; now, ↑/↓ 15 minutes, PgUp/PgDn an hour',
  'keys.dateTimeHelp': 'YYYY-MM-DD HH:mm; Ctrl+; now, ↑/↓ 15 minutes, PgUp/PgDn an hour',
  'keys.now': 'Now',
  'keys.minus15': '−15 min',
  'keys.minus60': '−1 h',
  'keys.close': 'Close',
};

export const keyboard = { 'zh-CN': zhCN, en };
