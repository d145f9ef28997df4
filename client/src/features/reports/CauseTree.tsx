import { Table } from 'antd';
import { useI18n } from '../../i18n';
import type { Breakdown } from './model';

interface Row {
  key: string;
  category: string | null;
  name: string;
  inactive: boolean;
  tickets: number;
  children?: Row[];
}

/** The month's resolved complaints by category → cause → sub-cause of the cause tree. */
export function CauseTreeTable({ breakdown }: { breakdown: Breakdown }) {
  const { t, tv, locale } = useI18n();
  const name = (n: { name_zh: string | null; name_en: string | null }) => (locale === 'en' ? n.name_en : n.name_zh) ?? t('tools.withoutCause');
  const rows: Row[] = breakdown.by_cause_tree.map((n) => ({
    key: `${n.category}-${n.cause_id ?? 'none'}`, category: n.category, name: name(n), inactive: n.active === false, tickets: n.tickets,
    ...(n.sub_causes.length > 0 ? { children: n.sub_causes.map((s) => ({ key: `sub-${s.cause_id}`, category: null, name: name(s), inactive: !s.active, tickets: s.tickets })) } : {}),
  }));
  return (
    <Table<Row> size="small" className="dense-table" pagination={false} dataSource={rows} data-testid="report-by-cause-tree" expandable={{ defaultExpandAllRows: true }}
      columns={[
        { title: t('tools.category'), dataIndex: 'category', width: 110, render: (v: string | null) => (v ? tv('category', v) : '') },
        { title: t('tools.cause'), dataIndex: 'name', render: (v: string, r) => <span className={r.inactive ? 'muted' : ''} data-cause-row={v}>{v}{r.inactive ? `（${t('tools.inactive')}）` : ''}</span> },
        { title: t('tools.tickets'), dataIndex: 'tickets', width: 70, align: 'right' },
      ]} />
  );
}
