import { App, Button, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { LoadError, useLoad } from '../../components/common';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';

interface Recipient {
  user_id: number;
  username: string;
  name: string;
  role: 'manager' | 'unit_head';
  unit_name: string | null;
  scope_unit_id: number | null;
  email: string | null;
  receives: boolean;
}
interface SubscriberRow {
  unit_id: number;
  name: string;
  subscribers: number;
  source: 'month' | 'unit';
}

/**
 * Report subscribers: who receives the monthly bulletin (the rule the mail itself uses, listed by
 * the server and scoped to a unit head's subtree), and each unit's subscriber count for a month.
 */
export function SubscribersAdmin() {
  const { t, tv } = useI18n();
  const { user, unitName } = useSession();
  const { message } = App.useApp();
  const editable = user.role === 'admin' || user.role === 'manager';
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const recipients = useLoad(() => api<{ items: Recipient[] }>('/api/reports/recipients'), []);
  const counts = useLoad(() => api<{ items: SubscriberRow[] }>('/api/reports/subscribers', { query: { month } }), [month]);
  const [drafts, setDrafts] = useState<Record<number, number>>({});

  const save = async (row: SubscriberRow) => {
    const value = drafts[row.unit_id];
    if (value === undefined) return;
    try {
      await api(`/api/reports/subscribers/${row.unit_id}/${month}`, { method: 'PUT', body: { subscribers: value } });
      message.success(t('subscribers.saved'));
      setDrafts(({ [row.unit_id]: _done, ...rest }) => rest);
      counts.reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  if (recipients.error) return <LoadError error={recipients.error} path="/api/reports/recipients" retry={recipients.reload} />;
  return (
    <div data-testid="subscribers-admin">
      <Typography.Title level={5}>{t('subscribers.title')}</Typography.Title>
      <Typography.Paragraph className="muted" style={{ maxWidth: 900 }}>{t('subscribers.rule')}</Typography.Paragraph>
      <Table<Recipient>
        size="small" rowKey="user_id" loading={recipients.loading} dataSource={recipients.data?.items ?? []} pagination={false} data-testid="recipients"
        columns={[
          { title: t('subscribers.user'), dataIndex: 'name', render: (name: string, r) => `${name} (${r.username})` },
          { title: t('subscribers.role'), dataIndex: 'role', width: 120, render: (role: string) => tv('role', role) },
          { title: t('subscribers.scope'), dataIndex: 'scope_unit_id', render: (id: number | null) => (id === null ? t('subscribers.company') : unitName(id)) },
          { title: t('subscribers.email'), dataIndex: 'email', render: (email: string | null) => email ?? '—' },
          {
            title: t('subscribers.status'), dataIndex: 'receives', width: 220,
            render: (on: boolean) => (on ? <Tag color="green">{t('subscribers.receives')}</Tag> : <Tag color="orange">{t('subscribers.missing')}</Tag>),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>{t('subscribers.counts')}</Typography.Title>
      <Space style={{ marginBottom: 8 }}>
        <label htmlFor="subscribers-month">{t('subscribers.month')}</label>
        <Input id="subscribers-month" type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} style={{ width: 160 }} />
      </Space>
      {counts.error ? <LoadError error={counts.error} path="/api/reports/subscribers" retry={counts.reload} /> : (
        <Table<SubscriberRow>
          size="small" rowKey="unit_id" loading={counts.loading} dataSource={counts.data?.items ?? []} pagination={false}
          columns={[
            { title: t('subscribers.unit'), dataIndex: 'name' },
            {
              title: t('subscribers.subscribers'), dataIndex: 'subscribers', width: 260,
              render: (value: number, row) => (editable ? (
                <Space>
                  <InputNumber min={0} value={drafts[row.unit_id] ?? value} aria-label={`${t('subscribers.subscribers')} · ${row.name}`}
                    onChange={(v) => setDrafts({ ...drafts, [row.unit_id]: Number(v ?? 0) })} />
                  <Button size="small" disabled={drafts[row.unit_id] === undefined} onClick={() => void save(row)}>{t('subscribers.save')}</Button>
                </Space>
              ) : value),
            },
            { title: '', dataIndex: 'source', width: 140, render: (source: 'month' | 'unit') => <span className="muted">{t(`subscribers.source.${source}`)}</span> },
          ]}
        />
      )}
    </div>
  );
}
