import { App, Button, Card, Segmented, Table, Tag } from 'antd';
import { api } from '../../api/client';
import type { Escalation, Ownership, Page, Ticket } from '../../api/types';
import { LoadError, StatusTag, TicketLink, useLoad, useThrottled } from '../../components/common';
import { useI18n } from '../../i18n';
import { useRealtimeEvents, useResync } from '../../realtime/socket';
import { useQueryState } from '../../router';
import { useSession } from '../../session';
import { formatAt } from '../../time';

type Case = Ticket & { ownership: Ownership };

/** The leader's cases (领导包案) and the escalations waiting for their acknowledgement. */
export function MyCasesPage() {
  const { t, tv } = useI18n();
  const { unitName, userName } = useSession();
  const { message } = App.useApp();
  const [search, setSearch] = useQueryState();
  const state = search.get('state') ?? 'open';
  const cases = useLoad(() => api<Page<Case>>('/api/my-cases', { query: { state, limit: 100 } }), [state]);
  const escalations = useLoad(() => api<{ items: Escalation[] }>('/api/escalations', { query: { state: 'pending' } }), []);
  const reload = () => {
    cases.reload();
    escalations.reload();
  };
  const reloadSoon = useThrottled(reload, 1000);
  useResync(reload);
  useRealtimeEvents(['ticket.updated', 'ownership.assigned', 'escalation.raised', 'sla.breached'], reloadSoon);

  const acknowledge = async (id: number) => {
    try {
      await api(`/api/escalations/${id}/acknowledge`, { method: 'POST', body: {} });
      message.success(t('action.done'));
      reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="stack">
      {(escalations.data?.items.length ?? 0) > 0 && (
        <Card size="small" title={t('cases.escalations')} data-testid="escalations">
          <Table<Escalation> size="small" className="dense-table" rowKey="id" pagination={false} dataSource={escalations.data!.items} columns={[
            { title: t('col.ticket'), dataIndex: 'ticket_number', render: (v: string | undefined, r) => <TicketLink ticket={{ id: r.ticket_id, number: v ?? t('desk.ticketUnknown') }} /> },
            { title: t('col.escalationLevel'), dataIndex: 'level', width: 110, render: (v: number) => t('col.levelValue', { level: v }) },
            { title: t('ticket.reason'), dataIndex: 'reason', render: (v: string) => tv('escalationReason', v) },
            { title: t('ticket.owner'), dataIndex: 'owner_id', render: (v: number) => userName(v) },
            { title: t('col.raisedAt'), dataIndex: 'raised_at', render: (v: string) => formatAt(v) },
            { title: '', key: 'ack', render: (_v, r) => <Button size="small" type="primary" onClick={() => void acknowledge(r.id)}>{t('cases.acknowledge')}</Button> },
          ]} />
        </Card>
      )}
      <div className="toolbar">
        <b>{t('cases.title')}</b>
        <Segmented value={state} onChange={(v) => setSearch({ state: String(v) })}
          options={[{ value: 'open', label: t('queues.mine') }, { value: 'closed', label: tv('status', 'closed') }, { value: 'all', label: t('queues.all') }]} />
        <Button onClick={reload} loading={cases.loading}>{t('common.refresh')}</Button>
      </div>
      {cases.error ? <LoadError error={cases.error} path="/api/my-cases" retry={cases.reload} /> : (
        <div data-testid="cases">
          <Table<Case> size="small" className="dense-table" rowKey="id" pagination={false} dataSource={cases.data?.items ?? []} loading={cases.loading && !cases.data}
            locale={{ emptyText: t('cases.empty') }}
            columns={[
              { title: t('col.number'), dataIndex: 'number', width: 150, render: (_v, r) => <TicketLink ticket={r} /> },
              { title: t('col.status'), dataIndex: 'status', width: 90, render: (v) => <StatusTag status={v} /> },
              { title: t('col.category'), dataIndex: 'category', width: 100, render: (v: string) => tv('category', v) },
              { title: t('col.customer'), key: 'c', render: (_v, r) => `${r.customer.phone} ${r.customer.name ?? ''}` },
              { title: t('col.unit'), dataIndex: 'unit_id', render: (v: number | null) => unitName(v) },
              { title: t('ticket.missing'), key: 'missing', render: (_v, r) => (r.ownership.missing ?? []).map((m) => <Tag key={m} color="orange">{tv('missing', m)}</Tag>) },
              { title: t('col.updated'), dataIndex: 'updated_at', width: 110, render: (v: string) => formatAt(v) },
            ]} />
        </div>
      )}
    </div>
  );
}
