import { Button, Input, Segmented, Select, Table, Tag } from 'antd';
import { useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { api } from '../../api/client';
import { CATEGORIES, STATUSES, TICKET_TYPES, type Page, type Ticket } from '../../api/types';
import { LoadError, StatusTag, TicketLink, useFlash, useThrottled } from '../../components/common';
import { useI18n } from '../../i18n';
import { useReportText, type ReportTextKey } from '../../i18n/reports';
import { useRealtimeEvents, useResync } from '../../realtime/socket';
import { navigate, useQueryState } from '../../router';
import { useSession } from '../../session';
import { formatAt } from '../../time';
import type { ApiError } from '../../api/client';

const OPEN = 'accepted,dispatched,resolved';
const PAGE = 50;

type View = 'mine' | 'unit' | 'all';

/** The queue's filters are the URL: a view can be bookmarked, shared, and survives a reload. */
export function QueuesPage() {
  const { t, tv } = useI18n();
  const rt = useReportText();
  const { user, unitName, userName } = useSession();
  const [search, setSearch] = useQueryState();
  const scoped = user.role === 'handler' || user.role === 'unit_head';
  const view = (search.get('view') as View | null) ?? (scoped ? 'unit' : 'all');
  const status = search.get('status') ?? OPEN;
  const type = search.get('type') ?? '';
  const category = search.get('category') ?? '';
  const q = search.get('q') ?? '';
  // a drill-down from the report: the tickets one of its figures counts (see features/reports)
  const figure = search.get('figure') ?? '';
  const figureMonth = search.get('month') ?? '';
  const unitParam = search.get('unit_id');
  const [items, setItems] = useState<Ticket[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | undefined>();
  const [loading, setLoading] = useState(false);
  const [lit, flash] = useFlash(1500);
  const [cursorRow, setCursorRow] = useState(0);
  const [qDraft, setQDraft] = useState(q);
  const shown = useRef(PAGE);

  const query = useMemo(() => ({
    status: status === 'any' ? undefined : status,
    type: type || undefined,
    category: category || undefined,
    q: q || undefined,
    assignee_id: view === 'mine' ? user.id : undefined,
    unit_id: unitParam ? Number(unitParam) : view === 'unit' && user.unit_id !== null ? user.unit_id : undefined,
    figure: figure && figureMonth ? figure : undefined,
    month: figure && figureMonth ? figureMonth : undefined,
  }), [status, type, category, q, view, user, figure, figureMonth, unitParam]);

  const load = (append = false) => {
    setLoading(true);
    api<Page<Ticket>>('/api/tickets', { query: { ...query, limit: append ? PAGE : Math.min(200, shown.current), cursor: append ? next ?? undefined : undefined } }).then(
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
    load();
  }, [query]);
  useResync(() => load());
  const reloadSoon = useThrottled(() => load(), 1000);

  useRealtimeEvents(['ticket.created', 'ticket.updated'], (payload) => {
    const ticket = payload.ticket as Ticket | undefined;
    if (!ticket) return;
    // Show the change at once where the row is on screen; membership (filters) comes with the reload.
    setItems((prev) => prev.map((row) => (row.id === ticket.id && ticket.version >= row.version ? ticket : row)));
    flash(ticket.id);
    reloadSoon();
  });

  // j / k move the row cursor, Enter opens it: the queue is worked from the keyboard.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'j') setCursorRow((r) => Math.min(items.length - 1, r + 1));
      else if (e.key === 'k') setCursorRow((r) => Math.max(0, r - 1));
      else if (e.key === 'Enter' && items[cursorRow]) navigate(`/tickets/${items[cursorRow]!.id}`);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, cursorRow]);

  const viewOptions = [
    { value: 'mine', label: t('queues.mine') },
    ...(user.unit_id !== null ? [{ value: 'unit', label: t('queues.unit') }] : []),
    { value: 'all', label: t('queues.all') },
  ];

  return (
    <div>
      <div className="toolbar">
        <Segmented value={view} options={viewOptions} onChange={(v) => setSearch({ view: String(v) })} data-testid="queue-view" />
        <Select mode="multiple" style={{ minWidth: 220 }} placeholder={t('col.status')} value={status === 'any' ? [] : status.split(',')}
          options={STATUSES.map((s) => ({ value: s, label: tv('status', s) }))} onChange={(v: string[]) => setSearch({ status: v.length ? v.join(',') : 'any' })} data-testid="filter-status" />
        <Select allowClear style={{ width: 130 }} placeholder={t('col.type')} value={type || undefined}
          options={TICKET_TYPES.map((s) => ({ value: s, label: tv('type', s) }))} onChange={(v?: string) => setSearch({ type: v })} />
        <Select allowClear style={{ width: 130 }} placeholder={t('col.category')} value={category || undefined}
          options={CATEGORIES.map((s) => ({ value: s, label: tv('category', s) }))} onChange={(v?: string) => setSearch({ category: v })} />
        <Input.Search style={{ width: 240 }} placeholder={t('queues.search')} value={qDraft} allowClear data-search
          onChange={(e) => setQDraft(e.target.value)} onSearch={(v) => setSearch({ q: v.trim() })} />
        {(figure || unitParam) && (
          <Tag closable color="geekblue" data-testid="drill-filter" onClose={() => setSearch({ figure: null, month: null, unit_id: null })}>
            {[figure && `${rt('r.drill')}: ${rt(`fig.${figure}` as ReportTextKey)} · ${figureMonth}`, unitParam && unitName(Number(unitParam))].filter(Boolean).join(' · ')}
          </Tag>
        )}
        <Button onClick={() => load()} loading={loading}>{t('common.refresh')}</Button>
        <span className="muted"><span className="kbd">j</span>/<span className="kbd">k</span> <span className="kbd">Enter</span></span>
      </div>
      {error && <LoadError error={error} path="/api/tickets" retry={() => load()} />}
      <Table<Ticket>
        className="dense-table"
        size="small"
        rowKey="id"
        dataSource={items}
        pagination={false}
        data-testid="queue"
        locale={{ emptyText: t('queues.empty') }}
        rowClassName={(row, i) => [lit.has(row.id) ? 'row-flash' : '', i === cursorRow ? 'ant-table-row-selected' : ''].join(' ')}
        onRow={(row) => ({ onDoubleClick: () => navigate(`/tickets/${row.id}`), 'data-ticket': row.id } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('col.number'), dataIndex: 'number', width: 150, render: (_v, row) => <TicketLink ticket={row} /> },
          { title: t('col.status'), dataIndex: 'status', width: 90, render: (v) => <StatusTag status={v} /> },
          { title: t('col.type'), dataIndex: 'type', width: 90, render: (v: string, row) => <>{tv('type', v)}{row.priority === 'urgent' && <Tag color="red" style={{ marginLeft: 4 }}>{tv('priority', 'urgent')}</Tag>}</> },
          { title: t('col.category'), dataIndex: 'category', width: 100, render: (v: string) => tv('category', v) },
          { title: t('col.customer'), key: 'customer', width: 170, render: (_v, row) => <>{row.customer.phone} <span className="muted">{row.customer.name}</span></> },
          { title: t('ticket.description'), dataIndex: 'description', ellipsis: true },
          { title: t('col.unit'), dataIndex: 'unit_id', width: 150, render: (v: number | null, row) => <>{unitName(v)}{row.assignee_id ? <span className="muted"> · {userName(row.assignee_id)}</span> : null}</> },
          { title: t('col.updated'), dataIndex: 'updated_at', width: 110, render: (v: string) => formatAt(v) },
        ]}
      />
      {next && <Button style={{ marginTop: 8 }} onClick={() => load(true)} loading={loading}>{t('common.more')}</Button>}
    </div>
  );
}
