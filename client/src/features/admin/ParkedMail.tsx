import { App, Button, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, type ApiError } from '../../api/client';
import type { components } from '../../api/schema.gen';
import { LoadError, TicketLink, useLoad } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatAt } from '../../time';

type Parked = components['schemas']['ParkedMail'];
type ParkedPage = components['schemas']['ParkedMailPage'];

/** Mail the mail server refused, with its refusal, and a retry per delivery (audited by the server). */
export function ParkedMail() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const first = useLoad(() => api<ParkedPage>('/api/mail/parked'), []);
  const [more, setMore] = useState<ParkedPage[]>([]);
  const [retried, setRetried] = useState<ReadonlySet<number>>(new Set());
  const [busy, setBusy] = useState<number | null>(null);
  useEffect(() => setMore([]), [first.data]);
  const items = [...(first.data?.items ?? []), ...more.flatMap((p) => p.items)].filter((i) => !retried.has(i.id));
  const before = more.length > 0 ? more[more.length - 1]!.next_before : first.data?.next_before;

  const retry = async (row: Parked) => {
    setBusy(row.id);
    try {
      await api(`/api/mail/${row.id}/retry`, { method: 'POST' });
      setRetried((s) => new Set(s).add(row.id));
      message.success(t('ops.mail.retried'));
    } catch (err) {
      message.error(t('ops.mail.failed', { detail: (err as ApiError).message }));
      // someone else retried it: the list is out of date
      if ((err as ApiError).problem.code === 'mail_not_parked') first.reload();
    } finally {
      setBusy(null);
    }
  };

  if (first.error) return <LoadError error={first.error} path="/api/mail/parked" retry={first.reload} />;
  return (
    <div data-testid="parked-mail">
      <Typography.Paragraph type="secondary">{t('ops.mail.intro')}</Typography.Paragraph>
      <Table<Parked>
        size="small"
        rowKey="id"
        loading={first.loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('ops.mail.empty') }}
        columns={[
          { title: t('ops.mail.createdAt'), dataIndex: 'created_at', width: 120, render: (v: string) => formatAt(v) },
          { title: t('ops.mail.recipient'), dataIndex: 'recipient' },
          { title: t('ops.mail.subject'), dataIndex: 'subject' },
          { title: t('ops.mail.ticket'), key: 'ticket', width: 160, render: (_: unknown, r) => (r.ticket_id && r.ticket_number ? <TicketLink ticket={{ id: r.ticket_id, number: r.ticket_number }} /> : '') },
          { title: t('ops.mail.error'), dataIndex: 'error', render: (v: string | null) => <Typography.Text type="danger">{v}</Typography.Text> },
          { title: t('ops.mail.attempts'), dataIndex: 'attempts', width: 90 },
          {
            title: '', key: 'retry', width: 90,
            render: (_: unknown, r) => (
              <Button size="small" loading={busy === r.id} onClick={() => void retry(r)} aria-label={t('ops.mail.retryLabel', { recipient: r.recipient })} data-testid={`retry-${r.id}`}>
                {t('ops.mail.retry')}
              </Button>
            ),
          },
        ]}
      />
      {before ? (
        <Button style={{ marginTop: 8 }} onClick={() => void api<ParkedPage>('/api/mail/parked', { query: { before } }).then((page) => setMore((m) => [...m, page]))}>
          {t('ops.mail.more')}
        </Button>
      ) : null}
    </div>
  );
}
