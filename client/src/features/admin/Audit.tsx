import { Button, Input, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, session } from '../../api/client';
import { LoadError, useLoad } from '../../components/common';
import { useI18n } from '../../i18n';
import { useQueryState } from '../../router';
import { deskInputToIso, formatAt } from '../../time';
import type { AdminKey, AdminText } from './texts';

interface AuditEntry {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  entity: string;
  entity_ref: string | null;
  action: string;
  data: Record<string, unknown>;
}
interface AuditPage {
  items: AuditEntry[];
  next_cursor: string | null;
}

const ENTITIES = ['unit', 'user', 'customer', 'calendar', 'sla_policy', 'callback_policy', 'report_subscribers', 'reply_template', 'ticket_cause', 'import'] as const;

/** What changed between before and after, field by field; otherwise the input as sent. */
function describe(data: Record<string, unknown>): string {
  const before = data.before as Record<string, unknown> | null | undefined;
  const after = data.after as Record<string, unknown> | undefined;
  if (after && typeof after === 'object') {
    if (!before) return Object.keys(after).join(', ');
    return Object.keys(after)
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]) && k !== 'updated_at' && k !== 'version')
      .map((k) => `${k}: ${JSON.stringify(before[k])} → ${JSON.stringify(after[k])}`)
      .join('; ');
  }
  return Object.entries(data).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('; ');
}

/** The audit log: who changed which configuration when, with before and after; filter, page, export. */
export function AuditLog({ a }: { a: AdminText }) {
  // entities of other features (parked mail's deliveries) have their names in the shared catalogue
  const { tv } = useI18n();
  const [search, setSearch] = useQueryState();
  const entity = search.get('entity') ?? undefined;
  const ref = search.get('ref') ?? undefined;
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const query = { entity, entity_ref: ref, from: from ? deskInputToIso(from) : undefined, to: to ? deskInputToIso(to) : undefined };
  const first = useLoad(() => api<AuditPage>('/api/audit-log', { query }), [entity, ref, from, to]);
  const [more, setMore] = useState<AuditPage[]>([]);
  useEffect(() => setMore([]), [first.data]);
  const items = [...(first.data?.items ?? []), ...more.flatMap((p) => p.items)];
  const cursor = more.length > 0 ? more[more.length - 1]!.next_cursor : first.data?.next_cursor;

  const exportCsv = async () => {
    const params = new URLSearchParams({ format: 'csv', limit: '5000' });
    for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
    const response = await fetch(`/api/audit-log?${params}`, { headers: { Authorization: `Bearer ${session.token()}` } });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = 'audit-log.csv';
    link.click();
    URL.revokeObjectURL(link.href);
  };

  if (first.error) return <LoadError error={first.error} path="/api/audit-log" retry={first.reload} />;
  return (
    <div data-testid="audit-log">
      <Space wrap style={{ marginBottom: 8 }}>
        <Select allowClear placeholder={a('audit.entity')} style={{ minWidth: 150 }} value={entity} onChange={(v) => setSearch({ entity: v ?? null })}
          options={ENTITIES.map((e) => ({ value: e, label: a(`entity.${e}`) }))} data-testid="audit-entity" />
        <Input allowClear placeholder={a('audit.ref')} style={{ width: 160 }} defaultValue={ref} onPressEnter={(e) => setSearch({ ref: e.currentTarget.value || null })} />
        <label>{a('audit.from')} <Input type="datetime-local" style={{ width: 200 }} value={from} onChange={(e) => setSearch({ from: e.target.value || null })} /></label>
        <label>{a('audit.to')} <Input type="datetime-local" style={{ width: 200 }} value={to} onChange={(e) => setSearch({ to: e.target.value || null })} /></label>
        <Button onClick={exportCsv} data-testid="audit-export">{a('audit.export')}</Button>
      </Space>
      <Table<AuditEntry>
        size="small"
        rowKey="id"
        loading={first.loading}
        dataSource={items}
        pagination={false}
        tableLayout="fixed"
        columns={[
          { title: a('audit.at'), dataIndex: 'at', width: 150, render: (at: string) => formatAt(at, 'YYYY-MM-DD HH:mm:ss') },
          { title: a('audit.actor'), dataIndex: 'actor_name', width: 110, render: (name: string | null) => name ?? '—' },
          { title: a('audit.entity'), dataIndex: 'entity', width: 110, render: (e: string) => (ENTITIES as readonly string[]).includes(e) ? a(`entity.${e as (typeof ENTITIES)[number]}`) : tv('entity', e) },
          { title: a('audit.ref'), dataIndex: 'entity_ref', width: 170, render: (r: string | null) => <code>{r}</code> },
          { title: a('audit.action'), dataIndex: 'action', width: 90, render: (act: string) => { const key = `action.${act}` as AdminKey; return a(key) === key ? act : a(key); } },
          { title: a('audit.data'), dataIndex: 'data', ellipsis: true, render: (d: Record<string, unknown>) => <Typography.Text ellipsis={{ tooltip: describe(d) }}>{describe(d)}</Typography.Text> },
        ]}
      />
      {cursor && <Button style={{ marginTop: 8 }} onClick={async () => setMore([...more, await api<AuditPage>('/api/audit-log', { query: { ...query, cursor } })])}>{a('audit.more')}</Button>}
    </div>
  );
}
