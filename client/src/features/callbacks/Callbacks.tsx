import { Button, Checkbox, Segmented, Table, Tag } from 'antd';
import { api } from '../../api/client';
import type { CallbackWorkItem, Page } from '../../api/types';
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
  const { userName, unitName } = useSession();
  const [search, setSearch] = useQueryState();
  const state = search.get('state') ?? 'due';
  const mine = search.get('mine') === '1';
  const list = useLoad(() => api<Page<CallbackWorkItem>>('/api/callbacks', { query: { state, limit: 200, assignee_id: mine ? 'me' : undefined } }), [state, mine]);
  const reloadSoon = useThrottled(list.reload, 1000);
  useResync(list.reload);
  useRealtimeEvents(['callback.due', 'ticket.updated'], reloadSoon);

  return (
    <div>
      <div className="toolbar">
        <b>{t('callbacks.title')}</b>
        <Segmented value={state} onChange={(v) => setSearch({ state: String(v) })} options={STATES.map((s) => ({ value: s, label: t(`callbacks.${s}` as const) }))} />
        <Checkbox checked={mine} onChange={(e) => setSearch({ mine: e.target.checked ? '1' : null })}>{t('callbacks.mine')}</Checkbox>
        <Button onClick={list.reload} loading={list.loading}>{t('common.refresh')}</Button>
      </div>
      {list.error ? <LoadError error={list.error} path="/api/callbacks" retry={list.reload} /> : (
        <div data-testid="callbacks">
          <Table<CallbackWorkItem> size="small" className="dense-table" rowKey="id" pagination={false} dataSource={list.data?.items ?? []} loading={list.loading && !list.data}
            locale={{ emptyText: t('callbacks.empty') }}
            columns={[
              { title: t('col.ticket'), dataIndex: 'ticket_number', width: 150, render: (v: string, r) => <><TicketLink ticket={{ id: r.ticket_id, number: v }} />{(r.owner_duties_missing ?? []).length > 0 && r.state !== 'done' && (
                <Tag color="orange" style={{ marginLeft: 4 }} data-testid="owner-duties-tag">{t('duties.tag', { missing: r.owner_duties_missing!.map((m) => tv('missing', m)).join(t('duties.separator')) })}</Tag>)}</> },
              { title: t('col.type'), dataIndex: 'ticket_type', width: 90, render: (v: string) => tv('type', v) },
              { title: t('col.customer'), key: 'customer', render: (_v, r) => <>{r.customer_phone} <span className="muted">{r.customer_name}</span>{r.customer_requested ? <Tag style={{ marginLeft: 4 }}>☎</Tag> : null}</> },
              { title: t('col.unit'), dataIndex: 'unit_id', width: 140, render: (v: number | null) => unitName(v) },
              { title: t('col.round'), dataIndex: 'handling_round', width: 90, render: (v: number) => t('col.roundValue', { round: v }) },
              { title: t('col.attempt'), dataIndex: 'attempt', width: 60 },
              { title: t('col.due'), dataIndex: 'due_at', width: 110, render: (v: string) => formatAt(v) },
              {
                title: '', key: 'countdown', width: 170,
                render: (_v, r) => (r.state === 'done' ? <Tag>{tv('outcome', r.outcome)}</Tag>
                  : <>{r.window_ends_at ? <Countdown due={r.window_ends_at} /> : <Countdown due={r.due_at} />}{r.late && <Tag color="red" style={{ marginLeft: 4 }}>{t('callbacks.late')}</Tag>}</>),
              },
              { title: t('action.assignee'), dataIndex: 'assignee_id', width: 110, render: (v: number | null) => userName(v) || '—' },
            ]} />
        </div>
      )}
    </div>
  );
}
