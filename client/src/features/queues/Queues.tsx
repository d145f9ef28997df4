import { App, Button, Input, Segmented, Select, Table, Tag } from 'antd';
import { useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { api, ApiError } from '../../api/client';
import type { QueueTicket } from '../../api/desk-types';
import { CATEGORIES, STATUSES, TICKET_TYPES, type Page } from '../../api/types';
import { LoadError, StatusTag, TicketLink, useFlash, useThrottled } from '../../components/common';
import { useI18n } from '../../i18n';
import { useReportText, type ReportTextKey } from '../../i18n/reports';
import { useRealtimeEvents, useResync } from '../../realtime/socket';
import { navigate, useQueryState } from '../../router';
import { useSession } from '../../session';
import { PaymentTag } from '../ticket/Payment';
import { formatAt } from '../../time';
import { BulkBar } from './BulkBar';
import { SlaCell } from './SlaCell';
import { SLA_STATES } from '../board/model';
import { BoardFilterChips, useBoardFilters } from './board-filters';
import { queueApiQuery, readQueueFilters } from './filters';

const PAGE = 50;

/** The queue's filters are the URL: a view can be bookmarked, shared, and survives a reload. */
export function QueuesPage() {
  const { t, tv } = useI18n();
  const rt = useReportText();
  const { user, units, unitName, userName } = useSession();
  const { message } = App.useApp();
  const [search, setSearch] = useQueryState();
  const scoped = user.role === 'handler' || user.role === 'unit_head';
  const canClaim = scoped;
  const canBulk = user.role === 'supervisor' || user.role === 'unit_head';
  // one typed model for the toolbar, the SLA board's links and the report's drill-downs
  const filters = readQueueFilters(search, scoped);
  const filtersKey = JSON.stringify(filters);
  const { view, status, sort, type = '', category = '', sla_state: slaState = '', assignee = '', round = '', q = '', figure = '', month: figureMonth = '' } = filters;
  // what the SLA board narrowed the queue to (every number there opens exactly its tickets here)
  const boardFilters = useBoardFilters(filters);
  const [items, setItems] = useState<QueueTicket[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | undefined>();
  const [loading, setLoading] = useState(false);
  const [lit, flash] = useFlash(1500);
  const [cursorRow, setCursorRow] = useState(0);
  const [qDraft, setQDraft] = useState(q);
  const [selectedIds, setSelectedIds] = useState<number[]>([]);
  const shown = useRef(PAGE);

  const query = useMemo(() => queueApiQuery(filters, user), [filtersKey, user]);

  const load = (append = false) => {
    setLoading(true);
    api<Page<QueueTicket>>('/api/tickets', { query: { ...query, limit: append ? PAGE : Math.min(200, shown.current), cursor: append ? next ?? undefined : undefined } }).then(
      (page) => {
        setItems((prev) => (append ? [...prev, ...page.items] : page.items));
        setNext(page.next_cursor);
        if (append) shown.current += page.items.length;
        setError(undefined);
        setLoading(false);
      },
      (err: ApiError) => {
        setError(err);
        setLoading(false);
      },
    );
  };
  useEffect(() => {
    shown.current = PAGE;
    setSelectedIds([]);
    load();
  }, [query]);
  useResync(() => load());
  const reloadSoon = useThrottled(() => load(), 1000);

  useRealtimeEvents(['ticket.created', 'ticket.updated', 'sla.warning', 'sla.breached'], (payload) => {
    const { ticket } = payload;
    // Show the change at once where the row is on screen (keeping its SLA summary); membership and timers come with the reload.
    setItems((prev) => prev.map((row) => (row.id === ticket.id && ticket.version >= row.version ? { ...ticket, sla: row.sla } : row)));
    flash(ticket.id);
    reloadSoon();
  });

  // j / k move the row cursor, Enter opens it, x selects it: the queue is worked from the keyboard.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || e.altKey || e.ctrlKey || e.metaKey) return;
      const row = items[cursorRow];
      if (e.key === 'j') setCursorRow((r) => Math.min(items.length - 1, r + 1));
      else if (e.key === 'k') setCursorRow((r) => Math.max(0, r - 1));
      else if (e.key === 'Enter' && row) navigate(`/tickets/${row.id}`);
      else if (e.key === 'x' && row && canBulk) setSelectedIds((ids) => (ids.includes(row.id) ? ids.filter((id) => id !== row.id) : [...ids, row.id]));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, cursorRow, canBulk]);

  const claim = async (row: QueueTicket, how: 'claim' | 'release') => {
    try {
      const updated = await api<QueueTicket>(`/api/tickets/${row.id}/${how}`, { method: 'POST', ifMatch: row.version });
      setItems((prev) => prev.map((r) => (r.id === row.id ? { ...updated, sla: r.sla } : r)));
      message.success(t(how === 'claim' ? 'queues.claimed' : 'queues.released', { number: row.number }));
    } catch (err) {
      message.error(err instanceof ApiError && err.status === 409 ? t('bulk.stale_version') : err instanceof Error ? err.message : String(err));
      load();
    }
  };

  const viewOptions = [
    { value: 'mine', label: t('queues.mine') },
    ...(user.unit_id !== null ? [{ value: 'unit', label: t('queues.unit') }] : []),
    { value: 'all', label: t('queues.all') },
  ];
  const selected = items.filter((row) => selectedIds.includes(row.id));

  return (
    <div>
      <div className="toolbar">
        <Segmented value={view} options={viewOptions} onChange={(v) => setSearch({ view: String(v) })} data-testid="queue-view" />
        <Segmented value={sort} onChange={(v) => setSearch({ sort: String(v) })} data-testid="queue-sort"
          options={[{ value: 'due', label: t('queues.sortDue') }, { value: 'newest', label: t('queues.sortNewest') }]} />
        <Select mode="multiple" style={{ minWidth: 200 }} placeholder={t('col.status')} aria-label={t('col.status')} value={status === 'any' ? [] : status.split(',')}
          options={STATUSES.map((s) => ({ value: s, label: tv('status', s) }))} onChange={(v: string[]) => setSearch({ status: v.length ? v.join(',') : 'any' })} data-testid="filter-status" />
        <Select mode="multiple" style={{ minWidth: 130 }} placeholder={t('queues.slaState')} aria-label={t('queues.slaState')} value={slaState ? slaState.split(',') : []} data-testid="filter-sla"
          options={SLA_STATES.map((s) => ({ value: s, label: t(`sla.${s}`) }))} onChange={(v: string[]) => setSearch({ sla_state: v.join(',') })} />
        <Select allowClear style={{ width: 120 }} placeholder={t('col.type')} aria-label={t('col.type')} value={type || undefined}
          options={TICKET_TYPES.map((s) => ({ value: s, label: tv('type', s) }))} onChange={(v?: string) => setSearch({ type: v })} />
        <Select allowClear style={{ width: 120 }} placeholder={t('col.category')} aria-label={t('col.category')} value={category || undefined}
          options={CATEGORIES.map((s) => ({ value: s, label: tv('category', s) }))} onChange={(v?: string) => setSearch({ category: v })} />
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 160 }} placeholder={t('queues.unitFilter')} aria-label={t('queues.unitFilter')} value={filters.unit_id} data-testid="filter-unit"
          options={units.map((u) => ({ value: u.id, label: u.name }))} onChange={(v?: number) => setSearch({ unit_id: v === undefined ? undefined : String(v), unit: null, subtree: null })} />
        <Select allowClear style={{ width: 110 }} placeholder={t('queues.assigneeFilter')} aria-label={t('queues.assigneeFilter')} value={assignee || undefined} data-testid="filter-assignee"
          options={[{ value: 'me', label: t('queues.assigneeMe') }, { value: 'none', label: t('queues.assigneeNone') }]} onChange={(v?: string) => setSearch({ assignee: v })} />
        <Select allowClear style={{ width: 110 }} placeholder={t('queues.round')} aria-label={t('queues.round')} value={round || undefined} data-testid="filter-round"
          options={[{ value: 'first', label: t('queues.roundFirst') }, { value: 'second', label: t('queues.roundSecond') }]} onChange={(v?: string) => setSearch({ round: v })} />
        <Input.Search style={{ width: 220 }} placeholder={t('queues.search')} aria-label={t('queues.search')} value={qDraft} allowClear data-search
          onChange={(e) => setQDraft(e.target.value)} onSearch={(v) => setSearch({ q: v.trim() })} />
        {figure && (
          <Tag closable color="geekblue" data-testid="drill-filter" onClose={() => setSearch({ figure: null, month: null, unit_id: null })}>
            {[`${rt('r.drill')}: ${rt(`fig.${figure}` as ReportTextKey)} · ${figureMonth}`, filters.unit_id && unitName(filters.unit_id)].filter(Boolean).join(' · ')}
          </Tag>
        )}
        <Button onClick={() => load()} loading={loading}>{t('common.refresh')}</Button>
        <span className="muted"><span className="kbd">j</span>/<span className="kbd">k</span> <span className="kbd">Enter</span>{canBulk && <> <span className="kbd">x</span></>}</span>
      </div>
      <BoardFilterChips filters={boardFilters} onClear={(keys) => setSearch(Object.fromEntries(keys.map((k) => [k, null])))} />
      {canBulk && <BulkBar selected={selected} onDone={() => { setSelectedIds([]); load(); }} />}
      {error && <LoadError error={error} path="/api/tickets" retry={() => load()} />}
      <Table<QueueTicket>
        className="dense-table"
        size="small"
        rowKey="id"
        dataSource={items}
        pagination={false}
        data-testid="queue"
        locale={{ emptyText: t('queues.empty') }}
        rowSelection={canBulk ? { selectedRowKeys: selectedIds, onChange: (keys) => setSelectedIds(keys as number[]), columnWidth: 32 } : undefined}
        rowClassName={(row, i) => [lit.has(row.id) ? 'row-flash' : '', i === cursorRow ? 'ant-table-row-selected' : '', row.handling_round > 1 ? 'row-second' : ''].join(' ')}
        onRow={(row) => ({ onDoubleClick: () => navigate(`/tickets/${row.id}`), 'data-ticket': row.id, 'data-round': row.handling_round } as HTMLAttributes<HTMLElement>)}
        columns={[
          {
            title: t('col.number'), dataIndex: 'number', width: 175,
            render: (_v, row) => <><TicketLink ticket={row} />{row.handling_round > 1 && <Tag color="magenta" style={{ marginLeft: 4 }} data-testid="second-handling">{t('queues.secondHandling')}</Tag>}</>,
          },
          { title: t('queues.sla'), key: 'sla', width: 190, render: (_v, row) => <SlaCell sla={row.sla} /> },
          { title: t('col.status'), dataIndex: 'status', width: 80, render: (v) => <StatusTag status={v} /> },
          {
            title: t('col.type'), dataIndex: 'type', width: 120,
            render: (v: string, row) => <>{tv('type', v)}{row.priority === 'urgent' && <Tag color="red" style={{ marginLeft: 4 }}>{tv('priority', 'urgent')}</Tag>}
              {(row.urge_count ?? 0) > 0 && <Tag color="volcano" style={{ marginLeft: 4 }} data-testid="urge-count">{t('queues.urges', { count: row.urge_count ?? 0 })}</Tag>}
               {row.payment && <PaymentTag payment={row.payment} />}</>,
          },
          { title: t('col.category'), dataIndex: 'category', width: 90, render: (v: string) => tv('category', v) },
          { title: t('col.customer'), key: 'customer', width: 160, render: (_v, row) => <>{row.customer.phone} <span className="muted">{row.customer.name}</span></> },
          { title: t('ticket.description'), dataIndex: 'description', ellipsis: true },
          { title: t('col.unit'), dataIndex: 'unit_id', width: 130, ellipsis: true, render: (v: number | null) => unitName(v) },
          {
            title: t('queues.assignee'), dataIndex: 'assignee_id', width: 150,
            render: (v: number | null, row) => (
              <span data-testid="assignee">
                {v ? userName(v) : <span className="muted">—</span>}
                {canClaim && row.status === 'dispatched' && v === null && <Button size="small" type="link" onClick={() => void claim(row, 'claim')} data-testid="claim">{t('queues.claim')}</Button>}
                {canClaim && row.status === 'dispatched' && v === user.id && <Button size="small" type="link" onClick={() => void claim(row, 'release')} data-testid="release">{t('queues.release')}</Button>}
              </span>
            ),
          },
          { title: t('col.updated'), dataIndex: 'updated_at', width: 100, render: (v: string) => formatAt(v) },
        ]}
      />
      {next && <Button style={{ marginTop: 8 }} onClick={() => load(true)} loading={loading}>{t('common.more')}</Button>}
    </div>
  );
}
