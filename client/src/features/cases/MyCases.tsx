import { Button, Table } from 'antd';
import { api } from '../../api/client';
import type { Page, Ticket } from '../../api/types';
import { LoadError, NotAvailable, StatusTag, TicketLink, useLoad, useThrottled } from '../../components/common';
import { useI18n } from '../../i18n';
import { useRealtimeEvents, useResync } from '../../realtime/socket';
import { useSession } from '../../session';
import { formatAt } from '../../time';

/** Cases the signed-in leader owns (领导包案): open one to record visits and the explanation. */
export function MyCasesPage() {
  const { t, tv } = useI18n();
  const { user, unitName } = useSession();
  const list = useLoad(() => api<Page<Ticket>>('/api/tickets', { query: { owner_id: user.id, limit: 100 } }), [user.id]);
  const reloadSoon = useThrottled(list.reload, 1000);
  useResync(list.reload);
  useRealtimeEvents(['ticket.updated', 'escalation.raised'], reloadSoon);
  // Until ownership lands, the list answers 400 naming owner_id: the same "not yet" as a 404.
  const notYet = list.error?.status === 400 && list.error.problem.errors?.some((e) => e.path === 'owner_id');

  return (
    <div>
      <div className="toolbar">
        <b>{t('cases.title')}</b>
        <Button onClick={list.reload} loading={list.loading}>{t('common.refresh')}</Button>
      </div>
      {notYet ? <NotAvailable path="/api/tickets?owner_id=" /> : list.error ? (
        <LoadError error={list.error} path="/api/tickets?owner_id=" retry={list.reload} />
      ) : (
        <Table<Ticket> size="small" className="dense-table" rowKey="id" pagination={false} dataSource={list.data?.items ?? []} loading={list.loading && !list.data}
          locale={{ emptyText: t('cases.empty') }} data-testid="cases"
          columns={[
            { title: t('col.number'), dataIndex: 'number', render: (_v, r) => <TicketLink ticket={r} /> },
            { title: t('col.status'), dataIndex: 'status', render: (v) => <StatusTag status={v} /> },
            { title: t('col.category'), dataIndex: 'category', render: (v: string) => tv('category', v) },
            { title: t('col.customer'), key: 'c', render: (_v, r) => `${r.customer.phone} ${r.customer.name ?? ''}` },
            { title: t('col.unit'), dataIndex: 'unit_id', render: (v: number | null) => unitName(v) },
            { title: t('col.updated'), dataIndex: 'updated_at', render: (v: string) => formatAt(v) },
          ]} />
      )}
    </div>
  );
}
