import { App, Button, Card, Input, Select, Space, Tabs } from 'antd';
import { api, session } from '../../api/client';
import { LoadError, useLoad } from '../../components/common';
import { useI18n } from '../../i18n';
import { useReportText } from '../../i18n/reports';
import { useQueryState } from '../../router';
import { useSession } from '../../session';
import { deskMonth } from '../../time';
import { CasesList } from './Cases';
import { CategoryChart, CauseChart, RankingChart, TrendChart } from './Charts';
import { KpiCards, UnitTable } from './Overview';
import { RectificationsPanel } from './Rectifications';
import { TargetsPanel } from './Targets';
import type { Breakdown, Report, Trend } from './model';
import { CauseTreeTable } from './CauseTree';
import './reports.css';

/** A download through the API with the sign-in token: the file is fetched, then handed to the browser. */
async function fetchFile(url: string): Promise<Response> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${session.token()}` } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string };
    throw new Error(problem.detail ?? response.statusText);
  }
  return response;
}

async function download(url: string, name: string) {
  const blob = await (await fetchFile(url)).blob();
  const href = URL.createObjectURL(blob);
  Object.assign(document.createElement('a'), { href, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}

/** Prints the server's bulletin page (the same page the PDF is made of) from a hidden frame. */
async function printBulletin(url: string) {
  const html = await (await fetchFile(url)).text();
  const frame = Object.assign(document.createElement('iframe'), { srcdoc: html });
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0';
  frame.dataset.testid = 'bulletin-frame';
  frame.onload = () => {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
    setTimeout(() => frame.remove(), 60_000);
  };
  document.body.appendChild(frame);
}

/** The monthly case-analysis report: the month, scope and tab live in the URL. */
export function ReportsPage() {
  const rt = useReportText();
  const { locale, t } = useI18n();
  const { message } = App.useApp();
  const { user, units } = useSession();
  const [search, setSearch] = useQueryState();
  const month = search.get('month') ?? deskMonth();
  const unitParam = search.get('unit_id');
  const unitId = unitParam ? Number(unitParam) : null;
  const tab = search.get('tab') ?? 'overview';
  const scoped = user.role === 'unit_head';
  const query = { month, unit_id: unitId ?? undefined };

  const report = useLoad(() => api<Report>('/api/reports/case-analysis', { query }), [month, unitId]);
  // thirteen months: the chart's twelve and the same month last year for the cards
  const trend = useLoad(() => api<Trend>('/api/reports/trend', { query: { to: month, months: 13, unit_id: unitId ?? undefined } }), [month, unitId]);
  const breakdown = useLoad(() => api<Breakdown>('/api/reports/breakdown', { query }), [month, unitId]);

  const params = (extra: Record<string, string>) => new URLSearchParams({ month, ...(unitId ? { unit_id: String(unitId) } : {}), ...extra }).toString();
  const fail = (err: unknown) => message.error(err instanceof Error ? err.message : String(err));
  const suffix = `${month}${unitId ? `-unit${unitId}` : ''}`;
  const ownUnit = user.unit_id;
  const unitOptions = units
    .filter((u) => !scoped || (ownUnit !== null && u.path.startsWith(units.find((x) => x.id === ownUnit)?.path ?? '/none/')))
    .map((u) => ({ value: u.id, label: `${'　'.repeat(Math.max(0, u.path.split('/').filter(Boolean).length - 1))}${u.name}` }));

  const data = report.data;
  return (
    <div className="stack reports-page">
      <div className="toolbar reports-toolbar">
        <b className="reports-title">{rt('r.title')}</b>
        <Input type="month" aria-label={t('reports.month')} value={month} onChange={(e) => e.target.value && setSearch({ month: e.target.value })} style={{ width: 150 }} data-testid="report-month" />
        <Select style={{ width: 220 }} aria-label={rt('r.unitScope')} value={unitId ?? (scoped ? ownUnit ?? undefined : 0)} data-testid="report-scope" showSearch optionFilterProp="label"
          options={[...(scoped ? [] : [{ value: 0, label: rt('r.company') }]), ...unitOptions]}
          onChange={(v: number) => setSearch({ unit_id: v ? String(v) : null })} />
        <Space wrap>
          <Button onClick={() => printBulletin(`/api/reports/bulletin?${params({ format: 'html' })}`).catch(fail)} data-testid="print-bulletin">{rt('r.print')}</Button>
          <Button onClick={() => download(`/api/reports/bulletin?${params({ format: 'pdf' })}`, `bulletin-${suffix}.pdf`).catch(fail)}>{rt('r.pdf')}</Button>
          <Button onClick={() => download(`/api/reports/case-analysis?${params({ format: 'csv', lang: locale })}`, `case-analysis-${suffix}.csv`).catch(fail)} data-testid="csv">{rt('r.csv')}</Button>
        </Space>
      </div>
      {report.error ? <LoadError error={report.error} path="/api/reports/case-analysis" retry={report.reload} /> : (
        <Tabs activeKey={tab} onChange={(key) => setSearch({ tab: key === 'overview' ? null : key })} destroyOnHidden
          items={[
            {
              key: 'overview', label: rt('r.tab.overview'),
              children: data ? (
                <div className="stack">
                  <KpiCards report={data} trend={trend.data} />
                  <div className="report-charts">
                    <Card size="small" title={rt('r.trend')} className="chart-wide">{trend.data && <TrendChart trend={trend.data} />}</Card>
                    <Card size="small" title={rt('r.ranking')}><RankingChart units={data.units} rootId={data.unit_id} month={month} /></Card>
                    <Card size="small" title={rt('r.byCategory')}>{breakdown.data && <CategoryChart breakdown={breakdown.data} month={month} unitId={data.unit_id} />}</Card>
                    <Card size="small" title={rt('r.byCause')}>{breakdown.data && <CauseChart breakdown={breakdown.data} />}</Card>
                    <Card size="small" title={t('tools.byCauseTree')}>{breakdown.data && <CauseTreeTable breakdown={breakdown.data} />}</Card>
                  </div>
                  <UnitTable report={data} />
                </div>
              ) : <Card loading />,
            },
            {
              key: 'cases', label: `${rt('r.tab.cases')}${data ? ` (${data.cases.length})` : ''}`,
              children: data ? <CasesList cases={data.cases} canReview={user.role === 'manager' || user.role === 'supervisor'} onChanged={report.reload} /> : <Card loading />,
            },
            { key: 'rectifications', label: rt('r.tab.rectifications'), children: <RectificationsPanel month={month} unitId={unitId} /> },
            { key: 'targets', label: rt('r.tab.targets'), children: <TargetsPanel month={month} onChanged={() => { report.reload(); trend.reload(); }} /> },
          ]} />
      )}
    </div>
  );
}
