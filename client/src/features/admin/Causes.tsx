import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { CATEGORIES } from '../../api/types';
import { LoadError, useLoad } from '../../components/common';
import { useI18n } from '../../i18n';
import { useQueryState } from '../../router';
import { useSession } from '../../session';
import type { TicketCause } from '../tools/model';

type Row = TicketCause & { children?: Row[] };

/** The cause tree of a category: add causes and sub-causes, rename while unused, deactivate (never delete). */
export function CausesAdmin() {
  const { t, tv, locale } = useI18n();
  const { user } = useSession();
  const { message } = App.useApp();
  const [search, setSearch] = useQueryState();
  const category = (search.get('category') ?? 'billing') as TicketCause['category'];
  const list = useLoad(() => api<{ items: TicketCause[] }>('/api/causes', { query: { category, include_inactive: 'true' } }), [category]);
  const [form] = Form.useForm<{ parent_id?: number; name_zh: string; name_en: string }>();
  const [renaming, setRenaming] = useState<TicketCause | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const admin = user.role === 'admin';
  const items = list.data?.items ?? [];
  const tops = items.filter((c) => c.parent_id === null);
  const rows: Row[] = tops.map((c) => {
    const children = items.filter((s) => s.parent_id === c.id);
    return children.length > 0 ? { ...c, children } : c;
  });

  const call = async (path: string, method: 'POST' | 'PATCH', body: Record<string, unknown>) => {
    setProblem(null);
    try {
      await api(path, { method, body });
      message.success(t('tools.saved'));
      list.reload();
      return true;
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
      return false;
    }
  };

  if (list.error) return <LoadError error={list.error} path="/api/causes" retry={list.reload} />;
  return (
    <div className="stack" data-testid="causes-admin">
      <Space wrap>
        <label htmlFor="cause-category">{t('tools.category')}</label>
        <Select id="cause-category" showSearch={{ optionFilterProp: 'label' }} value={category} style={{ width: 160 }} onChange={(v) => setSearch({ category: v })} data-testid="cause-category"
          options={CATEGORIES.map((c) => ({ value: c, label: tv('category', c) }))} />
      </Space>
      {!admin && <Alert type="info" title={t('tools.readOnly')} />}
      {admin && (
        <Form form={form} layout="inline" size="small" data-testid="cause-form"
          onFinish={async (v) => { if (await call('/api/causes', 'POST', { category, ...v })) form.resetFields(); }}>
          <Form.Item name="parent_id" label={t('tools.parent')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('tools.topLevel')} style={{ width: 180 }} data-testid="cause-parent"
              options={tops.filter((c) => c.active).map((c) => ({ value: c.id, label: locale === 'en' ? c.name_en : c.name_zh }))} />
          </Form.Item>
          <Form.Item name="name_zh" label={t('tools.nameZh')} rules={[{ required: true, whitespace: true }]}><Input data-testid="cause-name-zh" /></Form.Item>
          <Form.Item name="name_en" label={t('tools.nameEn')} rules={[{ required: true, whitespace: true }]}><Input data-testid="cause-name-en" /></Form.Item>
          <Button type="primary" htmlType="submit" data-testid="cause-add">{t('tools.newCause')}</Button>
        </Form>
      )}
      {problem && <Alert type="error" title={problem} data-testid="cause-problem" />}
      <p className="muted" style={{ margin: 0 }}>{t('tools.causeInUseHint')}</p>
      <Table<Row> size="small" rowKey="id" loading={list.loading} dataSource={rows} pagination={false} expandable={{ defaultExpandAllRows: true }}
        key={`${category}-${rows.length}`}
        columns={[
          { title: t('tools.nameZh'), dataIndex: 'name_zh', render: (v: string, r) => <span data-cause={v} className={r.active ? '' : 'muted'}>{v}</span> },
          { title: t('tools.nameEn'), dataIndex: 'name_en' },
          { title: t('tools.active'), dataIndex: 'active', width: 170, render: (v: boolean, r) => <>{v ? <Tag color="green">{t('tools.active')}</Tag> : <Tag>{t('tools.inactive')}</Tag>}{r.in_use && <Tag color="blue">{t('tools.inUse')}</Tag>}</> },
          ...(admin ? [{
            title: '', key: 'actions', width: 170,
            render: (_: unknown, r: Row) => (
              <Space size={4}>
                {!r.in_use && <Button size="small" autoInsertSpace={false} onClick={() => setRenaming(r)} aria-label={`${t('tools.edit')} ${r.name_zh}`}>{t('tools.edit')}</Button>}
                <Button size="small" autoInsertSpace={false} onClick={() => call(`/api/causes/${r.id}`, 'PATCH', { active: !r.active })} data-testid={`cause-toggle-${r.id}`}
                  aria-label={`${r.active ? t('tools.deactivate') : t('tools.activate')} ${r.name_zh}`}>{r.active ? t('tools.deactivate') : t('tools.activate')}</Button>
              </Space>
            ),
          }] : []),
        ]} />
      <Modal open={renaming !== null} title={t('tools.edit')} footer={null} onCancel={() => setRenaming(null)} destroyOnHidden>
        {renaming && (
          <Form layout="vertical" initialValues={renaming} onFinish={async (v: { name_zh: string; name_en: string }) => { if (await call(`/api/causes/${renaming.id}`, 'PATCH', v)) setRenaming(null); }}>
            <Form.Item name="name_zh" label={t('tools.nameZh')} rules={[{ required: true, whitespace: true }]}><Input /></Form.Item>
            <Form.Item name="name_en" label={t('tools.nameEn')} rules={[{ required: true, whitespace: true }]}><Input /></Form.Item>
            <Button type="primary" htmlType="submit">{t('tools.save')}</Button>
          </Form>
        )}
      </Modal>
    </div>
  );
}
