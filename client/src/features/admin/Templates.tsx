import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { CATEGORIES, TICKET_TYPES } from '../../api/types';
import { LoadError, useLoad } from '../../components/common';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { PLACEHOLDERS, TEMPLATE_PURPOSES, type ReplyTemplate } from '../tools/model';

type Editing = ReplyTemplate | 'new' | null;

/** Reply templates (常用语): the administrator writes them; everyone else reads the list. */
export function TemplatesAdmin() {
  const { t, tv } = useI18n();
  const { user } = useSession();
  const list = useLoad(() => api<{ items: ReplyTemplate[] }>('/api/reply-templates', { query: { include_inactive: 'true' } }), []);
  const [editing, setEditing] = useState<Editing>(null);
  const admin = user.role === 'admin';
  if (list.error) return <LoadError error={list.error} path="/api/reply-templates" retry={list.reload} />;
  return (
    <div className="stack" data-testid="templates-admin">
      {!admin && <Alert type="info" title={t('tools.readOnly')} />}
      {admin && <Space><Button type="primary" onClick={() => setEditing('new')} data-testid="template-new">{t('tools.new')}</Button></Space>}
      {editing !== null && <TemplateForm template={editing === 'new' ? null : editing} onDone={() => { setEditing(null); list.reload(); }} onCancel={() => setEditing(null)} />}
      <Table<ReplyTemplate> size="small" rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} pagination={false}
        columns={[
          { title: t('tools.name'), dataIndex: 'name', render: (v: string, r) => <span data-template-row={r.name}>{v}</span> },
          { title: t('tools.purpose'), dataIndex: 'purpose', width: 140, render: (v: string) => t(`tools.purpose.${v as ReplyTemplate['purpose']}`) },
          { title: t('tools.category'), dataIndex: 'category', width: 110, render: (v: string | null) => (v ? tv('category', v) : t('tools.any')) },
          { title: t('tools.type'), dataIndex: 'ticket_type', width: 90, render: (v: string | null) => (v ? tv('type', v) : t('tools.any')) },
          { title: t('tools.bodyZh'), dataIndex: 'body_zh', render: (v: string) => <span className="description">{v}</span> },
          { title: t('tools.active'), dataIndex: 'active', width: 80, render: (v: boolean) => (v ? <Tag color="green">{t('tools.active')}</Tag> : <Tag>{t('tools.inactive')}</Tag>) },
          ...(admin ? [{ title: '', key: 'edit', width: 80, render: (_: unknown, r: ReplyTemplate) => <Button size="small" autoInsertSpace={false} onClick={() => setEditing(r)} aria-label={`${t('tools.edit')} ${r.name}`}>{t('tools.edit')}</Button> }] : []),
        ]} />
    </div>
  );
}

interface Values {
  name: string;
  purpose: ReplyTemplate['purpose'];
  category?: string | null;
  ticket_type?: string | null;
  body_zh: string;
  body_en: string;
}

function TemplateForm({ template, onDone, onCancel }: { template: ReplyTemplate | null; onDone(): void; onCancel(): void }) {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (body: Record<string, unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      if (template) await api(`/api/reply-templates/${template.id}`, { method: 'PATCH', ifMatch: template.version, body });
      else await api('/api/reply-templates', { method: 'POST', body });
      message.success(t('tools.saved'));
      onDone();
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={template ? template.name : t('tools.new')} data-testid="template-form">
      <Form<Values> layout="vertical" size="small" requiredMark={false}
        initialValues={template ?? { purpose: 'resolution', category: null, ticket_type: null }}
        onFinish={(v) => save({ ...v, category: v.category ?? null, ticket_type: v.ticket_type ?? null })}>
        <Space.Compact block>
          <Form.Item name="name" label={t('tools.name')} rules={[{ required: true, whitespace: true }]} style={{ flex: 2 }}><Input data-testid="template-name" /></Form.Item>
          <Form.Item name="purpose" label={t('tools.purpose')} style={{ flex: 1 }}>
            <Select data-testid="template-purpose" options={TEMPLATE_PURPOSES.map((p) => ({ value: p, label: t(`tools.purpose.${p}`) }))} />
          </Form.Item>
          <Form.Item name="category" label={t('tools.category')} style={{ flex: 1 }}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('tools.any')} data-testid="template-category" options={CATEGORIES.map((c) => ({ value: c, label: tv('category', c) }))} />
          </Form.Item>
          <Form.Item name="ticket_type" label={t('tools.type')} style={{ flex: 1 }}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('tools.any')} options={TICKET_TYPES.map((c) => ({ value: c, label: tv('type', c) }))} />
          </Form.Item>
        </Space.Compact>
        <p className="muted" style={{ marginTop: 0 }}>{t('tools.placeholders', { list: PLACEHOLDERS.map((p) => `{${p}}`).join(' ') })}</p>
        <Form.Item name="body_zh" label={t('tools.bodyZh')} rules={[{ required: true, whitespace: true }]}><Input.TextArea autoSize={{ minRows: 2 }} data-testid="template-body-zh" /></Form.Item>
        <Form.Item name="body_en" label={t('tools.bodyEn')} rules={[{ required: true, whitespace: true }]}><Input.TextArea autoSize={{ minRows: 2 }} data-testid="template-body-en" /></Form.Item>
        {problem && <Alert type="error" title={problem} style={{ marginBottom: 8 }} data-testid="template-problem" />}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="template-save">{t('tools.save')}</Button>
          {template && (
            <Button loading={busy} onClick={() => save({ active: !template.active })} data-testid="template-toggle">{template.active ? t('tools.deactivate') : t('tools.activate')}</Button>
          )}
          <Button onClick={onCancel}>{t('tools.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
