import { Button, Segmented, Table, Tag } from 'antd';
import { api } from '../../api/client';
import type { Callback, Page } from '../../api/types';
import { Countdown, LoadError, TicketLink, useLoad, useThrottled } from '../../components/common';
import { useI18n } from '../../i18n';
import { useRealtimeEvents, useResync } from '../../realtime/socket';
import { useQueryState } from '../../router';
import { useSession } from '../../session';
import { formatAt } from '../../time';

const STATES = ['due', 'scheduled', 'done'] as const;

/** The callback work list: who to call back now, and when the scheduled ones come due. */
export function CallbacksPage() {
  const { t, tv } = useI18n();
  const { userName } = useSession();
  const [search, setSearch] = useQueryState();
  const state = search.get('state') ?? 'due';
  const list = useLoad(() => api<Page<Callback>>('/api/callbacks', { query: { state, limit: 100 } }), [state]);
  const reloadSoon = useThrottled(list.reload, 1000);
  useResync(list.reload);
  useRealtimeEvents(['callback.due', 'ticket.updated'], reloadSoon);

  return (
    <div>
      <div className="toolbar">
        <b>{t('callbacks.title')}</b>
        <Segmented value={state} onChange={(v) => setSearch({ state: String(v) })} options={STATES.map((s) => ({ value: s, label: t(`callbacks.${s}` as const) }))} />
        <Button onClick={list.reload} loading={list.loading}>{t('common.refresh')}</Button>
      </div>
      {list.error ? <LoadError error={list.error} path="/api/callbacks" retry={list.reload} /> : (
        <Table<Callback> size="small" className="dense-table" rowKey="id" pagination={false} dataSource={list.data?.items ?? []} loading={list.loading && !list.data}
          locale={{ emptyText: t('callbacks.empty') }} data-testid="callbacks"
          columns={[
            { title: t('col.ticket'), dataIndex: 'ticket_id', render: (v: number, r) => (r.ticket ? <TicketLink ticket={r.ticket} /> : <TicketLink ticket={{ id: v, number: `#${v}` }} />) },
            { title: t('ticket.round', { round: '' }), dataIndex: 'handling_round', width: 90 },
            { title: t('col.attempt'), dataIndex: 'attempt', width: 60 },
            { title: t('col.due'), dataIndex: 'due_at', width: 120, render: (v: string) => formatAt(v) },
            { title: '', key: 'countdown', width: 150, render: (_v, r) => (r.state === 'done' ? <Tag>{tv('outcome', r.outcome)}</Tag> : <Countdown due={r.due_at} />) },
            { title: t('action.assignee'), dataIndex: 'assignee_id', render: (v: number | null) => userName(v) || '—' },
          ]} />
      )}
    </div>
  );
}
