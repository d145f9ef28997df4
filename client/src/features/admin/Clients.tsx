import { App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { ApiClient, ApiClientWithSecret, HubDelivery, HubSubscription } from '../../api/types';
import { LoadError, useLoad } from '../../components/common';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { formatAt } from '../../time';

const SCOPES: ApiClient['scopes'] = ['tmf621.read', 'tmf621.write', 'tmf621.hub', 'integrations.payments', 'integrations.restorations', 'cti.calls'];

/** One subscription's delivery log, newest first. */
function DeliveryLog({ subscriptionId }: { subscriptionId: number }) {
  const { t } = useI18n();
  const log = useLoad(() => api<{ items: HubDelivery[] }>(`/api/hub-subscriptions/${subscriptionId}/deliveries?limit=50`), [subscriptionId]);
  if (log.error) return <LoadError error={log.error} path={`/api/hub-subscriptions/${subscriptionId}/deliveries`} retry={log.reload} />;
  const state = { pending: t('clients.deliveryPending'), delivered: t('clients.deliveryDelivered'), abandoned: t('clients.deliveryAbandoned') };
  return (
    <Table<HubDelivery> size="small" rowKey="id" loading={log.loading} dataSource={log.data?.items ?? []} pagination={false} data-testid={`delivery-log-${subscriptionId}`}
      columns={[
        { title: t('clients.at'), dataIndex: 'created_at', render: (at: string) => formatAt(at) },
        { title: t('clients.event'), dataIndex: 'event_type' },
        { title: t('clients.ticket'), dataIndex: 'ticket_id' },
        { title: t('clients.state'), dataIndex: 'state', render: (s: HubDelivery['state']) => <Tag color={s === 'delivered' ? 'green' : s === 'pending' ? 'orange' : 'default'}>{state[s]}</Tag> },
        { title: t('clients.attempts'), dataIndex: 'attempts' },
        { title: t('clients.result'), key: 'result', render: (_: unknown, d) => d.last_error ?? (d.last_status === null ? '' : `HTTP ${d.last_status}`) },
      ]} />
  );
}

/** A client's hub subscriptions: state, counts, resume, and each one's delivery log. */
function Subscriptions({ clientId, canWrite }: { clientId: number; canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const subs = useLoad(() => api<{ items: HubSubscription[] }>(`/api/clients/${clientId}/subscriptions`), [clientId]);
  if (subs.error) return <LoadError error={subs.error} path={`/api/clients/${clientId}/subscriptions`} retry={subs.reload} />;
  const resume = async (id: number) => {
    try {
      await api(`/api/hub-subscriptions/${id}/resume`, { method: 'POST' });
      subs.reload();
    } catch (err) {
      if (err instanceof ApiError) message.error(err.message);
    }
  };
  return (
    <Card size="small" title={t('clients.subscriptions')}>
      <Table<HubSubscription> size="small" rowKey="id" loading={subs.loading} dataSource={subs.data?.items ?? []} pagination={false}
        locale={{ emptyText: t('clients.noSubscriptions') }}
        expandable={{ expandedRowRender: (s) => <DeliveryLog subscriptionId={s.id} /> }}
        columns={[
          { title: t('clients.callback'), dataIndex: 'callback', render: (c: string, s) => <span>{c} <Tag>{s.version}</Tag></span> },
          { title: t('clients.query'), dataIndex: 'query' },
          {
            title: t('clients.state'), dataIndex: 'state',
            render: (state: HubSubscription['state'], s) => (
              <Space direction="vertical" size={0}>
                <Tag color={state === 'active' ? 'green' : 'red'}>{state === 'active' ? t('clients.subActive') : t('clients.subSuspended')}</Tag>
                {s.failing_since && <span className="muted">{t('clients.failingSince', { at: formatAt(s.failing_since) })}</span>}
              </Space>
            ),
          },
          { title: t('clients.pending'), dataIndex: 'pending' },
          { title: t('clients.delivered'), dataIndex: 'delivered' },
          ...(canWrite ? [{ title: '', key: 'resume', render: (_: unknown, s: HubSubscription) => s.state === 'suspended' && <Button size="small" onClick={() => void resume(s.id)}>{t('clients.resume')}</Button> }] : []),
        ]} />
    </Card>
  );
}

/** 系统设置 → 接入系统: create (the secret shown once), rotate, deactivate, and the hub subscriptions. */
export function ClientsAdmin() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const { user, units, unitName } = useSession();
  const canWrite = user.role === 'admin';
  const list = useLoad(() => api<{ items: ApiClient[] }>('/api/clients'), []);
  const [secret, setSecret] = useState<ApiClientWithSecret | null>(null);
  const [form] = Form.useForm<{ name: string; scopes: ApiClient['scopes']; unit_ids: number[] }>();

  const act = async (work: () => Promise<ApiClientWithSecret | ApiClient>) => {
    try {
      const result = await work();
      if ('client_secret' in result) setSecret(result);
      list.reload();
    } catch (err) {
      if (err instanceof ApiError) message.error(err.message);
    }
  };
  const create = (values: { name: string; scopes: ApiClient['scopes']; unit_ids: number[] }) =>
    act(async () => {
      const created = await api<ApiClientWithSecret>('/api/clients', { method: 'POST', body: values });
      form.resetFields();
      return created;
    });
  const deactivate = (c: ApiClient) => modal.confirm({
    title: t('clients.deactivate'), content: t('clients.deactivateConfirm'),
    onOk: () => act(() => api<ApiClient>(`/api/clients/${c.id}`, { method: 'PATCH', body: { active: false } })),
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="clients-admin">
      <Typography.Paragraph>{t('clients.intro')}</Typography.Paragraph>
      {list.error && <LoadError error={list.error} path="/api/clients" retry={list.reload} />}
      <Table<ApiClient> rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} pagination={false}
        expandable={{ expandedRowRender: (c) => <Subscriptions clientId={c.id} canWrite={canWrite} /> }}
        columns={[
          { title: t('clients.name'), dataIndex: 'name' },
          { title: t('clients.clientId'), dataIndex: 'client_id', render: (id: string) => <Typography.Text code copyable>{id}</Typography.Text> },
          { title: t('clients.scopes'), dataIndex: 'scopes', render: (scopes: string[]) => scopes.map((s) => <Tag key={s}>{s}</Tag>) },
          { title: t('clients.units'), dataIndex: 'unit_ids', render: (ids: number[]) => ids.map((id) => unitName(id)).join('、') },
          {
            title: t('clients.state'), key: 'state',
            render: (_: unknown, c) => (
              <Space direction="vertical" size={0}>
                <Tag color={c.active ? 'green' : 'default'}>{c.active ? t('clients.active') : t('clients.inactive')}</Tag>
                {c.previous_secret_until && <span className="muted">{t('clients.previousUntil', { at: formatAt(c.previous_secret_until) })}</span>}
              </Space>
            ),
          },
          { title: t('clients.lastUsed'), dataIndex: 'last_used_at', render: (at: string | null) => (at ? formatAt(at) : '') },
          ...(canWrite ? [{
            title: '', key: 'actions',
            render: (_: unknown, c: ApiClient) => c.active && (
              <Space>
                <Button size="small" onClick={() => void act(() => api<ApiClientWithSecret>(`/api/clients/${c.id}/rotate`, { method: 'POST', body: { previous_valid_seconds: 86400 } }))}>{t('clients.rotate')}</Button>
                <Button size="small" danger onClick={() => deactivate(c)}>{t('clients.deactivate')}</Button>
              </Space>
            ),
          }] : []),
        ]} />
      {canWrite && (
        <Card size="small" title={t('clients.create')}>
          <Form form={form} layout="vertical" onFinish={(values) => void create(values)} initialValues={{ scopes: ['tmf621.read'], unit_ids: [] }}>
            <Form.Item name="name" label={t('clients.name')} rules={[{ required: true }]}>
              <Input maxLength={100} data-testid="client-name" />
            </Form.Item>
            {/* a `required` rule puts aria-required on the checkbox group's div, which ARIA does not allow there */}
            <Form.Item name="scopes" label={t('clients.scopes')} rules={[{ validator: async (_, value?: string[]) => { if (!value?.length) throw new Error(t('clients.scopes')); } }]}>
              <Checkbox.Group options={SCOPES.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
            <Form.Item name="unit_ids" label={t('clients.units')} rules={[{ required: true }]}>
              <Select mode="multiple" aria-label={t('clients.units')} options={units.map((u) => ({ value: u.id, label: u.name }))} optionFilterProp="label" data-testid="client-units" />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="client-create">{t('clients.save')}</Button>
          </Form>
        </Card>
      )}
      <Modal open={secret !== null} title={t('clients.secretTitle')} closable={false} maskClosable={false}
        footer={<Button type="primary" onClick={() => setSecret(null)}>{t('clients.close')}</Button>}>
        <Typography.Paragraph>{t('clients.secretHint')}</Typography.Paragraph>
        <Typography.Paragraph>{t('clients.clientId')}: <Typography.Text code copyable>{secret?.client_id}</Typography.Text></Typography.Paragraph>
        <Typography.Paragraph>client_secret: <Typography.Text code copyable data-testid="client-secret">{secret?.client_secret}</Typography.Text></Typography.Paragraph>
      </Modal>
    </Space>
  );
}
