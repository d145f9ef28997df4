import { Card, Input, Space, Table } from 'antd';
import { api, session } from '../../api/client';
import { LoadError, useLoad } from '../../components/common';
import { useI18n } from '../../i18n';
import { useQueryState } from '../../router';
import { deskMonth } from '../../time';

interface Report {
  month: string;
  kpis: Record<string, number | null>;
  units: { unit_id: number; name: string; kpis: Record<string, number | null> }[];
}

const RATE = /rate|satisfaction/;
const show = (key: string, v: number | null | undefined) => (v === null || v === undefined ? '—' : RATE.test(key) ? `${(v * 100).toFixed(1)}%` : String(Math.round(v * 100) / 100));

/** The monthly case-analysis report; the month is in the URL. */
export function ReportsPage() {
  const { t, tv } = useI18n();
  const [search, setSearch] = useQueryState();
  const month = search.get('month') ?? deskMonth();
  const report = useLoad(() => api<Report>('/api/reports/case-analysis', { query: { month } }), [month]);
  const csv = async () => {
    const response = await fetch(`/api/reports/case-analysis?month=${month}&format=csv`, { headers: { Authorization: `Bearer ${session.token()}` } });
    const url = URL.createObjectURL(await response.blob());
    const a = Object.assign(document.createElement('a'), { href: url, download: `case-analysis-${month}.csv` });
    a.click();
    URL.revokeObjectURL(url);
  };
  const keys = report.data ? Object.keys(report.data.kpis) : [];

  return (
    <div className="stack">
      <Space>
        <b>{t('reports.title')}</b>
        <Input type="month" aria-label={t('reports.month')} value={month} onChange={(e) => setSearch({ month: e.target.value })} style={{ width: 160 }} />
        {report.data && <a onClick={() => void csv()}>{t('reports.csv')}</a>}
      </Space>
      {report.error ? <LoadError error={report.error} path="/api/reports/case-analysis" retry={report.reload} /> : report.data && (
        <Card size="small">
          <Table size="small" className="dense-table" pagination={false} rowKey="unit_id" scroll={{ x: true }}
            dataSource={[{ unit_id: 0, name: '∑', kpis: report.data.kpis }, ...report.data.units]}
            columns={[{ title: t('col.unit'), dataIndex: 'name', fixed: 'left' as const }, ...keys.map((k) => ({ title: tv('kpi', k), key: k, render: (_v: unknown, r: Report['units'][number]) => show(k, r.kpis[k]) }))]} />
        </Card>
      )}
    </div>
  );
}
