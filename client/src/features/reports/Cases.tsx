import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Segmented, Select, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, type ApiError } from '../../api/client';
import type { User } from '../../api/types';
import { TicketLink } from '../../components/common';
import { useI18n } from '../../i18n';
import { useReportText } from '../../i18n/reports';
import { useSession } from '../../session';
import { formatAt } from '../../time';
import { RectificationStatus } from './Rectifications';
import type { Case, Example } from './model';

const KIND_COLORS = { responsibility: 'red', service_attitude: 'orange', marked: 'blue' } as const;
const EXAMPLE_COLORS: Record<Example, string> = { typical: 'purple', good: 'green', bad: 'volcano' };

/** Every responsibility and service-attitude case of the month, as the meeting goes through them. */
export function CasesList({ cases, canReview, onChanged }: { cases: Case[]; canReview: boolean; onChanged(): void }) {
  const rt = useReportText();
  const [people, setPeople] = useState<User[]>([]);
  useEffect(() => {
    if (canReview) api<{ items: User[] }>('/api/users').then((r) => setPeople(r.items), () => undefined);
  }, [canReview]);
  if (cases.length === 0) return <Empty description={rt('r.noCases')} />;
  return (
    <div className="stack" data-testid="typical-cases">
      {cases.map((c) => <CaseCard key={c.ticket_id} item={c} canReview={canReview} people={people} onChanged={onChanged} />)}
    </div>
  );
}

function CaseCard({ item, canReview, people, onChanged }: { item: Case; canReview: boolean; people: User[]; onChanged(): void }) {
  const rt = useReportText();
  const { tv } = useI18n();
  const { message } = App.useApp();
  const { unitName } = useSession();
  const [example, setExample] = useState<Example | 'none'>(item.review?.example ?? 'none');
  const [conclusion, setConclusion] = useState(item.review?.conclusion ?? '');
  const [saving, setSaving] = useState(false);
  const [adding, setAdding] = useState(false);

  const save = async () => {
    setSaving(true);
    try {
      await api(`/api/reports/cases/${item.ticket_id}`, { method: 'PUT', body: { example: example === 'none' ? null : example, conclusion: conclusion.trim() || null } });
      message.success(rt('r.saved'));
      onChanged();
    } catch (err) {
      message.error((err as ApiError).message);
    } finally {
      setSaving(false);
    }
  };

  const o = item.ownership;
  return (
    <Card size="small" data-case={item.ticket_id}
      title={<Space wrap><TicketLink ticket={{ id: item.ticket_id, number: item.number }} /><span>{item.unit_name ?? unitName(item.unit_id)}</span>
        {item.kinds.map((k) => <Tag key={k} color={KIND_COLORS[k]}>{rt(`r.kinds.${k}`)}</Tag>)}
        {item.review?.example && <Tag color={EXAMPLE_COLORS[item.review.example]} data-example={item.review.example}>{rt(`r.example.${item.review.example}`)}</Tag>}</Space>}
      extra={<span className="muted">{tv('category', item.category)} · {formatAt(item.resolved_at ?? item.accepted_at, 'YYYY-MM-DD')}</span>}>
      <Descriptions size="small" column={1} bordered styles={{ label: { width: 120 } }}
        items={[
          { key: 'what', label: rt('r.what'), children: <span className="description">{item.description}</span> },
          { key: 'cause', label: rt('r.cause'), children: item.cause ?? '—' },
          { key: 'responsibility', label: rt('r.responsibility'), children: tv('responsibility', item.responsibility) || '—' },
          { key: 'resolution', label: rt('r.resolution'), children: item.resolution ?? '—' },
          {
            key: 'owner', label: rt('r.owner'),
            children: o ? (
              <div>
                <b>{o.owner_name}</b>
                {o.actions.map((a, i) => <div key={i}>{formatAt(a.at, 'MM-DD')} {tv('kind', a.kind)}：{a.note}</div>)}
                {o.explanation && <div>{rt('r.explanation')}：{o.explanation}</div>}
              </div>
            ) : <span className="muted">{rt('r.noOwner')}</span>,
          },
          ...(item.review?.analysis ? [{ key: 'analysis', label: rt('r.analysis'), children: item.review.analysis }] : []),
        ]} />
      <div className="case-review">
        <Space wrap align="start">
          <span>{rt('r.example')}</span>
          <Segmented size="small" value={example} disabled={!canReview} onChange={(v) => setExample(v as Example | 'none')} data-testid="case-example"
            options={(['none', 'typical', 'good', 'bad'] as const).map((e) => ({ value: e, label: rt(`r.example.${e}`) }))} />
        </Space>
        <Input.TextArea rows={2} placeholder={rt('r.conclusion')} value={conclusion} disabled={!canReview} onChange={(e) => setConclusion(e.target.value)} data-testid="case-conclusion" maxLength={4000} />
        {canReview && <Space><Button type="primary" size="small" loading={saving} onClick={() => void save()} data-testid="case-save">{rt('r.save')}</Button>
          <Button size="small" onClick={() => setAdding((a) => !a)}>{rt('r.addRect')}</Button></Space>}
      </div>
      {item.rectifications.length > 0 && (
        <ul className="case-rectifications">
          {item.rectifications.map((r) => <li key={r.id}>{r.description} · {r.owner_name} · {r.due_on} <RectificationStatus item={r} /></li>)}
        </ul>
      )}
      {adding && <AddRectification ticketId={item.ticket_id} people={people} onDone={() => { setAdding(false); onChanged(); }} />}
    </Card>
  );
}

function AddRectification({ ticketId, people, onDone }: { ticketId: number; people: User[]; onDone(): void }) {
  const rt = useReportText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ description: string; owner_id: number; due_on: { format(f: string): string } }>();
  const submit = async (v: { description: string; owner_id: number; due_on: { format(f: string): string } }) => {
    try {
      await api(`/api/reports/cases/${ticketId}/rectifications`, { method: 'POST', body: { description: v.description, owner_id: v.owner_id, due_on: v.due_on.format('YYYY-MM-DD') } });
      onDone();
    } catch (err) {
      message.error((err as ApiError).message);
    }
  };
  return (
    <Form form={form} layout="inline" onFinish={(v) => void submit(v)} style={{ marginTop: 8, rowGap: 8 }}>
      <Form.Item name="description" rules={[{ required: true }]}><Input placeholder={rt('r.rectDescription')} style={{ width: 260 }} /></Form.Item>
      <Form.Item name="owner_id" rules={[{ required: true }]}>
        <Select showSearch optionFilterProp="label" placeholder={rt('r.rectOwner')} style={{ width: 180 }}
          options={people.filter((p) => p.role === 'unit_head' || p.role === 'manager' || p.role === 'supervisor').map((p) => ({ value: p.id, label: p.name }))} />
      </Form.Item>
      <Form.Item name="due_on" rules={[{ required: true }]}><DatePicker placeholder={rt('r.rectDue')} /></Form.Item>
      <Button htmlType="submit" type="primary" size="small">{rt('r.save')}</Button>
    </Form>
  );
}
