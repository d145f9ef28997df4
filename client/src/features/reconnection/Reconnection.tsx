import { Alert, Button, Card, Checkbox, Progress, Radio, Segmented, Space, Statistic, Table, Tag } from 'antd';
import { parse } from 'csv-parse/browser/esm/sync';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { components } from '../../api/schema.gen';
import { Countdown, LoadError, TicketLink, useLoad, useThrottled } from '../../components/common';
import { useI18n, type MessageKey } from '../../i18n';
import { useRealtimeEvents, useResync } from '../../realtime/socket';
import { useQueryState } from '../../router';
import { useSession } from '../../session';
import { formatAt } from '../../time';

type Queue = components['schemas']['ReconnectionQueue'];
type QueueItem = Queue['items'][number];
type BatchResult = components['schemas']['FeedBatchResult'];
type Row = BatchResult['results'][number] & { line: number };

/** What each file holds and which columns it has: the feeds' fields, one row per event. */
const KINDS = {
  payments: { path: '/api/integrations/payments', columns: ['external_id', 'account_no', 'phone', 'channel', 'paid_at', 'confirmed_at', 'amount', 'area'], numbers: ['amount'] },
  suspensions: { path: '/api/integrations/suspensions', columns: ['external_id', 'account_no', 'phone', 'area', 'kind', 'at'], numbers: [] },
  restorations: { path: '/api/integrations/restorations', columns: ['external_id', 'account_no', 'ticket_id', 'restored_at'], numbers: ['ticket_id'] },
} as const;
type Kind = keyof typeof KINDS;
/** The feeds' own batch size: the file goes through them as they are called. */
const BATCH = 500;

/** The reconnection screen: the provisioning team's queue and, for admins, the CSV fallback of the feeds. */
export function ReconnectionPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [search, setSearch] = useQueryState();
  const tab = can('integrations.upload') && search.get('tab') === 'upload' ? 'upload' : 'queue';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap>
        <h1 className="page-title">{t('rc.title')}</h1>
        {can('integrations.upload') && (
          <Segmented value={tab} onChange={(v) => setSearch({ tab: v === 'queue' ? null : String(v) })}
            options={[{ value: 'queue', label: t('rc.queue') }, { value: 'upload', label: t('rc.upload') }]} data-testid="rc-tabs" />
        )}
      </Space>
      {tab === 'queue' ? <WorkQueue /> : <Upload />}
    </Space>
  );
}

function WorkQueue() {
  const { t, tv } = useI18n();
  const [search, setSearch] = useQueryState();
  const tier = search.get('tier');
  const [limit, setLimit] = useState(100);
  const queue = useLoad(() => api<Queue>('/api/reconnection/queue', { query: { tier, limit } }), [tier, limit]);
  const reloadSoon = useThrottled(queue.reload, 1000);
  useResync(queue.reload);
  // a new watch (billing's payment) or a closed one (provisioning's restoration) shows at once
  useRealtimeEvents(['ticket.created', 'ticket.updated'], reloadSoon);
  if (queue.error) return <LoadError error={queue.error} path="/api/reconnection/queue" retry={queue.reload} />;
  const data = queue.data;
  const tierName = (n: number | null) => (n === null ? t('rc.noTier') : t('rc.tier', { tier: n }));
  const stateColor = { ok: 'green', internal_breached: 'orange', regulatory_breached: 'red' } as const;
  return (
    <>
      <Space wrap size="middle" data-testid="rc-tiers">
        {(data?.tiers ?? []).map((c) => (
          <Card key={String(c.tier)} size="small" title={<a href={`?tier=${c.tier ?? ''}`} onClick={(e) => { e.preventDefault(); setSearch({ tier: c.tier === null ? null : String(c.tier) }); }}>{tierName(c.tier)}</a>} data-tier={c.tier ?? ''}>
            <Space size="large">
              <Statistic title={t('rc.open')} value={c.open} />
              <Statistic title={t('rc.internalBreached')} value={c.internal_breached} styles={{ content: { color: c.internal_breached > 0 ? '#ad4e00' : undefined } }} />
              <Statistic title={t('rc.regulatoryBreached')} value={c.regulatory_breached} styles={{ content: { color: c.regulatory_breached > 0 ? '#a8071a' : undefined } }} />
            </Space>
          </Card>
        ))}
      </Space>
      <Card size="small" title={t('rc.queue')} extra={
        <Segmented size="small" value={tier ?? 'all'} onChange={(v) => setSearch({ tier: v === 'all' ? null : String(v) })}
          options={[{ value: 'all', label: t('rc.allTiers') }, ...(data?.tiers ?? []).filter((c) => c.tier !== null).map((c) => ({ value: String(c.tier), label: tierName(c.tier) }))]} />
      }>
        <Table<QueueItem> size="small" rowKey="ticket_id" loading={queue.loading} pagination={false} dataSource={data?.items ?? []} data-testid="rc-queue"
          locale={{ emptyText: t('rc.empty') }}
          columns={[
            { title: t('rc.tierColumn'), key: 'tier', width: 90, render: (_v, r) => <Tag color={r.tier === 1 ? 'blue' : r.tier === 2 ? 'purple' : 'default'}>{tierName(r.tier)}</Tag> },
            { title: t('rc.ticket'), key: 'ticket', render: (_v, r) => <TicketLink ticket={{ id: r.ticket_id, number: r.number }} /> },
            { title: t('rc.account'), dataIndex: 'account_no', key: 'account' },
            { title: t('rc.customer'), key: 'customer', render: (_v, r) => `${r.customer_name ?? ''} ${r.phone}`.trim() },
            { title: t('rc.channel'), key: 'channel', render: (_v, r) => `${tv('payment', r.channel)} · ${tv('area', r.area)}` },
            { title: t('rc.paidAt'), key: 'paid', render: (_v, r) => formatAt(r.clock_from) },
            { title: t('rc.internalDue'), key: 'internal', render: (_v, r) => <Countdown due={r.internal_due_at} /> },
            { title: t('rc.regulatoryDue'), key: 'regulatory', render: (_v, r) => <Countdown due={r.regulatory_due_at} /> },
            { title: t('rc.result'), key: 'state', render: (_v, r) => <Tag color={stateColor[r.state]}>{t(`rc.state.${r.state}` as MessageKey)}</Tag> },
            { title: t('rc.urges'), dataIndex: 'urge_count', key: 'urges', width: 70, align: 'right' },
          ]} />
        {data?.next_cursor && <Button style={{ marginTop: 8 }} onClick={() => setLimit((n) => Math.min(200, n + 100))} disabled={limit >= 200}>{t('rc.more')}</Button>}
      </Card>
    </>
  );
}

/** A CSV cell as the feed expects it: empty cells left out, numbers as numbers. */
function toEvent(record: Record<string, string>, numbers: readonly string[]): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(record)) {
    const value = raw.trim();
    if (value === '') continue;
    event[key] = numbers.includes(key) && !Number.isNaN(Number(value)) ? Number(value) : value;
  }
  return event;
}

function Upload() {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>('payments');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const busy = progress !== null && progress.done < progress.total;

  async function send() {
    if (!file) return;
    setError(null);
    setRows([]);
    let records: Record<string, string>[];
    try {
      records = parse(await file.text(), { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Record<string, string>[];
    } catch (err) {
      setError(t('rc.badFile', { detail: err instanceof Error ? err.message : String(err) }));
      return;
    }
    const spec = KINDS[kind];
    const events = records.map((r) => toEvent(r, spec.numbers));
    setProgress({ done: 0, total: events.length });
    const out: Row[] = [];
    for (let start = 0; start < events.length; start += BATCH) {
      try {
        const result = await api<BatchResult>(spec.path, { method: 'POST', body: { events: events.slice(start, start + BATCH) } });
        // the header is line 1: event i of this batch is line start + i + 2
        out.push(...result.results.map((r) => ({ ...r, index: start + r.index, line: start + r.index + 2 })));
      } catch (err) {
        setError(err instanceof ApiError ? err.message : String(err));
        break;
      }
      setRows([...out]);
      setProgress({ done: Math.min(events.length, start + BATCH), total: events.length });
    }
  }

  const count = (r: Row['result']) => rows.filter((x) => x.result === r).length;
  const shown = onlyProblems ? rows.filter((r) => r.result === 'rejected' || r.outcome === 'suspended_without_notice') : rows;
  const resultColor = { accepted: 'green', duplicate: 'default', rejected: 'red' } as const;
  return (
    <Card size="small" title={t('rc.upload')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <p>{t('rc.uploadIntro')}</p>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as Kind)} aria-label={t('rc.kind')} disabled={busy}
          options={(Object.keys(KINDS) as Kind[]).map((k) => ({ value: k, label: t(`rc.kind.${k}` as MessageKey) }))} />
        <span className="muted">{t('rc.columns', { columns: KINDS[kind].columns.join(', ') })}</span>
        <Space wrap>
          <label htmlFor="rc-file">{t('rc.chooseFile')}</label>
          <input id="rc-file" type="file" accept=".csv,text/csv" data-testid="rc-file" disabled={busy}
            onChange={(e) => { setFile(e.target.files?.[0] ?? null); setProgress(null); setRows([]); }} />
          <Button type="primary" onClick={() => void send()} disabled={!file || busy} data-testid="rc-send">{t('rc.send')}</Button>
        </Space>
        {progress && (
          <div data-testid="rc-progress" data-done={progress.done} data-total={progress.total}>
            <Progress percent={progress.total === 0 ? 100 : Math.round((progress.done / progress.total) * 100)} status={error ? 'exception' : busy ? 'active' : 'success'} aria-label={t('rc.sending', progress)} />
            <span aria-live="polite">{busy ? t('rc.sending', progress) : t('rc.done', { accepted: count('accepted'), duplicate: count('duplicate'), rejected: count('rejected') })}</span>
          </div>
        )}
        {error && <Alert type="error" showIcon title={error} />}
        {rows.length > 0 && (
          <>
            <Checkbox checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)}>{t('rc.onlyProblems')}</Checkbox>
            <Table<Row> size="small" rowKey="line" dataSource={shown} data-testid="rc-report" pagination={{ pageSize: 50, showSizeChanger: false }}
              columns={[
                { title: t('rc.row'), dataIndex: 'line', key: 'line', width: 70 },
                { title: 'external_id', dataIndex: 'external_id', key: 'external_id' },
                { title: t('rc.result'), key: 'result', render: (_v, r) => <Tag color={resultColor[r.result]}>{t(`rc.result.${r.result}` as MessageKey)}</Tag> },
                { title: t('rc.outcome'), key: 'outcome', render: (_v, r) => (r.outcome ? <span className={r.outcome === 'suspended_without_notice' ? 'danger-text' : undefined}>{t(`rc.outcome.${r.outcome}` as MessageKey)}</span> : null) },
                { title: t('rc.ticket'), key: 'ticket', render: (_v, r) => (r.ticket_id ? <a href={`/tickets/${r.ticket_id}`}>#{r.ticket_id}</a> : null) },
                { title: t('rc.problems'), key: 'errors', render: (_v, r) => r.errors.map((e) => `${e.path}: ${e.message}`).join('；') },
              ]} />
          </>
        )}
      </Space>
    </Card>
  );
}
