import { App, Button, Card, Drawer, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { LoadError, useLoad } from '../../components/common';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { AutomationCard } from './Automation';
import { useServerErrors } from './forms';
import type { AdminKey, AdminText } from './texts';

const TICKET_TYPES = ['complaint', 'fault', 'reconnection', 'request'];
const CATEGORIES = ['service_attitude', 'network_quality', 'billing', 'business_handling', 'installation', 'broadband', 'suspension', 'other'];
const CHANNELS = ['hotline', 'counter', 'web', 'letter', 'regulator'];
const TIERS = ['standard', 'vip', 'big_customer'];
const FLAGS = ['major_problem', 'mass_complaint'];
const MATCH_ON = ['category_area', 'cause'] as const;

type Criterion = 'types' | 'categories' | 'channels' | 'customer_tiers' | 'flags';
interface OwnershipRule {
  key: string;
  name: string;
  enabled: boolean;
  match: Partial<Record<Criterion, string[]>>;
}
interface Detector {
  key: string;
  name: string;
  enabled: boolean;
  match_on: (typeof MATCH_ON)[number];
  ticket_types: string[];
  threshold: number;
  window_seconds: number;
}
interface EscalationPolicy {
  inactivity_seconds: number;
  step_seconds: number;
}
interface CallbackPolicy {
  window_seconds: number;
  callable_hours: { from: string; until: string; timezone: string };
  holiday_calendar: string | null;
  holidays: string[];
  max_attempts: number;
  retry_spacing_seconds: number;
  ticket_types: string[];
  one_call_resolutions: boolean;
  second_handling_seconds: number;
  survey_ttl_seconds: number;
}

const KEY = /^[a-z][a-z0-9_]{0,62}$/;

/** Leadership-case rules, mass-complaint detectors, escalation times and the callback policy. */
export function RulesAdmin({ a }: { a: AdminText }) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="rules-admin">
      <OwnershipRules a={a} />
      <Detectors a={a} />
      <Space align="start" wrap>
        <EscalationTimes a={a} />
        <CallbackPolicyCard a={a} />
        <AutomationCard a={a} />
      </Space>
    </Space>
  );
}

function useVocabulary() {
  const { tv } = useI18n();
  return (prefix: string, values: readonly string[]) => values.map((v) => ({ value: v, label: tv(prefix, v) }));
}

const CRITERIA: { key: Criterion; label: AdminKey; prefix: string; values: string[] }[] = [
  { key: 'types', label: 'rules.types', prefix: 'type', values: TICKET_TYPES },
  { key: 'categories', label: 'rules.categories', prefix: 'category', values: CATEGORIES },
  { key: 'channels', label: 'rules.channels', prefix: 'channel', values: CHANNELS },
  { key: 'customer_tiers', label: 'rules.tiers', prefix: 'tier', values: TIERS },
  { key: 'flags', label: 'rules.flags', prefix: 'flag', values: FLAGS },
];

function OwnershipRules({ a }: { a: AdminText }) {
  const { tv } = useI18n();
  const { user } = useSession();
  const editable = user.role === 'admin';
  const list = useLoad(() => api<{ items: OwnershipRule[] }>('/api/ownership-rules'), []);
  const [editing, setEditing] = useState<OwnershipRule | 'new' | null>(null);
  const label = (prefix: string, v: string) => (prefix === 'flag' ? a(`flag.${v}` as AdminKey) : tv(prefix, v));
  if (list.error) return <LoadError error={list.error} path="/api/ownership-rules" retry={list.reload} />;
  return (
    <Card size="small" title={a('rules.ownership')} extra={editable && <Button size="small" onClick={() => setEditing('new')}>{a('rules.new')}</Button>} data-testid="ownership-rules">
      <Typography.Paragraph type="secondary">{a('rules.ownershipHint')}</Typography.Paragraph>
      <Table<OwnershipRule>
        size="small" rowKey="key" pagination={false} loading={list.loading} dataSource={list.data?.items ?? []}
        onRow={(r) => ({ onClick: () => setEditing(r) })}
        columns={[
          { title: a('calendar.name'), dataIndex: 'name', width: 260, render: (n: string) => <a>{n}</a> },
          { title: a('rules.enabled'), dataIndex: 'enabled', width: 80, render: (on: boolean) => (on ? <Tag color="green">{a('unit.active')}</Tag> : <Tag>{a('policy.inactive')}</Tag>) },
          {
            title: a('rules.criteria'), key: 'match',
            render: (_: unknown, r) => CRITERIA.filter((c) => r.match[c.key]?.length).map((c) => (
              <span key={c.key} style={{ marginRight: 12 }}>{a(c.label)}: {r.match[c.key]!.map((v) => <Tag key={v}>{label(c.prefix, v)}</Tag>)}</span>
            )),
          },
        ]}
      />
      <Drawer open={editing !== null} title={editing === 'new' ? a('rules.new') : editing?.name} onClose={() => setEditing(null)} destroyOnHidden size="large">
        {editing !== null && <RuleForm rule={editing === 'new' ? null : editing} a={a} editable={editable} label={label} onSaved={() => { setEditing(null); list.reload(); }} />}
      </Drawer>
    </Card>
  );
}

function RuleForm({ rule, a, editable, label, onSaved }: { rule: OwnershipRule | null; a: AdminText; editable: boolean; label(prefix: string, v: string): string; onSaved(): void }) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState<OwnershipRule>(rule ?? { key: '', name: '', enabled: true, match: {} });
  const { field, submit } = useServerErrors(a);
  const save = () => submit(async () => {
    const match = Object.fromEntries(Object.entries(draft.match).filter(([, v]) => v && v.length > 0));
    await api(`/api/ownership-rules/${encodeURIComponent(draft.key)}`, { method: 'PUT', body: { name: draft.name, enabled: draft.enabled, match } });
    message.success(a('rules.saved'));
    onSaved();
  });
  return (
    <Form layout="vertical" disabled={!editable} data-testid="rule-form">
      {!rule && (
        <Form.Item label={a('rules.key')} {...field('key')} validateStatus={draft.key && !KEY.test(draft.key) ? 'error' : undefined}>
          <Input value={draft.key} placeholder="service_attitude" onChange={(e) => setDraft({ ...draft, key: e.target.value })} />
        </Form.Item>
      )}
      <Form.Item label={a('calendar.name')} {...field('name')}><Input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></Form.Item>
      <Form.Item label={a('rules.enabled')}><Switch checked={draft.enabled} onChange={(on) => setDraft({ ...draft, enabled: on })} /></Form.Item>
      {CRITERIA.map((c) => (
        <Form.Item key={c.key} label={a(c.label)} {...field(`match.${c.key}`)}>
          <Select mode="multiple" allowClear value={draft.match[c.key] ?? []} onChange={(values: string[]) => setDraft({ ...draft, match: { ...draft.match, [c.key]: values } })}
            options={c.values.map((v) => ({ value: v, label: label(c.prefix, v) }))} />
        </Form.Item>
      ))}
      <div className="muted" style={{ marginBottom: 8 }}>{field('match').help}</div>
      {editable && <Button type="primary" onClick={save} data-testid="rule-save">{a('save')}</Button>}
    </Form>
  );
}

function Detectors({ a }: { a: AdminText }) {
  const vocabulary = useVocabulary();
  const { tv } = useI18n();
  const { user } = useSession();
  const editable = user.role === 'admin';
  const { message } = App.useApp();
  const list = useLoad(() => api<{ items: Detector[] }>('/api/mass-complaint-detectors'), []);
  const [editing, setEditing] = useState<Detector | null>(null);
  const { field, submit } = useServerErrors(a);
  if (list.error) return <LoadError error={list.error} path="/api/mass-complaint-detectors" retry={list.reload} />;
  const save = (d: Detector) => submit(async () => {
    const { key, ...body } = d;
    await api(`/api/mass-complaint-detectors/${key}`, { method: 'PUT', body });
    message.success(a('rules.saved'));
    setEditing(null);
    list.reload();
  });
  return (
    <Card size="small" title={a('rules.detectors')} data-testid="detectors">
      <Table<Detector>
        size="small" rowKey="key" pagination={false} loading={list.loading} dataSource={list.data?.items ?? []}
        onRow={(d) => ({ onClick: () => setEditing(d) })}
        columns={[
          { title: a('calendar.name'), dataIndex: 'name', width: 260, render: (n: string) => <a>{n}</a> },
          { title: a('rules.enabled'), dataIndex: 'enabled', width: 80, render: (on: boolean) => (on ? <Tag color="green">{a('unit.active')}</Tag> : <Tag>{a('policy.inactive')}</Tag>) },
          { title: a('rules.matchOn'), dataIndex: 'match_on', width: 160, render: (m: Detector['match_on']) => a(`matchOn.${m}`) },
          { title: a('rules.types'), dataIndex: 'ticket_types', render: (types: string[]) => types.map((t) => <Tag key={t}>{tv('type', t)}</Tag>) },
          { title: a('rules.threshold'), dataIndex: 'threshold', width: 100, align: 'right' },
          { title: a('rules.windowMinutes'), dataIndex: 'window_seconds', width: 120, align: 'right', render: (s: number) => Math.round(s / 60) },
        ]}
      />
      <Drawer open={editing !== null} title={editing?.name} onClose={() => setEditing(null)} destroyOnHidden>
        {editing && (
          <Form layout="vertical" disabled={!editable}>
            <Form.Item label={a('calendar.name')} {...field('name')}><Input value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} /></Form.Item>
            <Form.Item label={a('rules.enabled')}><Switch checked={editing.enabled} onChange={(on) => setEditing({ ...editing, enabled: on })} /></Form.Item>
            <Form.Item label={a('rules.matchOn')}>
              <Select value={editing.match_on} onChange={(m) => setEditing({ ...editing, match_on: m })} options={MATCH_ON.map((m) => ({ value: m, label: a(`matchOn.${m}`) }))} />
            </Form.Item>
            <Form.Item label={a('rules.types')} {...field('ticket_types')}>
              <Select mode="multiple" value={editing.ticket_types} onChange={(types: string[]) => setEditing({ ...editing, ticket_types: types })} options={vocabulary('type', TICKET_TYPES)} />
            </Form.Item>
            <Space>
              <Form.Item label={a('rules.threshold')} {...field('threshold')}><InputNumber min={2} value={editing.threshold} onChange={(v) => setEditing({ ...editing, threshold: Number(v ?? 2) })} /></Form.Item>
              <Form.Item label={a('rules.windowMinutes')} {...field('window_seconds')}>
                <InputNumber min={1} value={Math.round(editing.window_seconds / 60)} onChange={(v) => setEditing({ ...editing, window_seconds: Number(v ?? 1) * 60 })} />
              </Form.Item>
            </Space>
            {editable && <Button type="primary" onClick={() => save(editing)}>{a('save')}</Button>}
          </Form>
        )}
      </Drawer>
    </Card>
  );
}

const hoursOf = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;

function EscalationTimes({ a }: { a: AdminText }) {
  const { message } = App.useApp();
  const { user } = useSession();
  const loaded = useLoad(() => api<EscalationPolicy>('/api/escalation-policy'), []);
  const [draft, setDraft] = useState<EscalationPolicy | null>(null);
  const { field, submit } = useServerErrors(a);
  if (loaded.error) return <LoadError error={loaded.error} path="/api/escalation-policy" retry={loaded.reload} />;
  const value = draft ?? loaded.data;
  if (!value) return null;
  const save = () => submit(async () => {
    setDraft(await api<EscalationPolicy>('/api/escalation-policy', { method: 'PUT', body: { inactivity_seconds: value.inactivity_seconds, step_seconds: value.step_seconds } }));
    message.success(a('rules.saved'));
  });
  return (
    <Card size="small" title={a('rules.escalation')} style={{ minWidth: 360 }} data-testid="escalation-policy">
      <Form layout="vertical" disabled={user.role !== 'admin'}>
        <Form.Item label={a('rules.inactivityHours')} {...field('inactivity_seconds')}>
          <InputNumber min={0.1} step={0.5} value={hoursOf(value.inactivity_seconds)} onChange={(v) => setDraft({ ...value, inactivity_seconds: Math.round(Number(v ?? 0) * 3600) })} />
        </Form.Item>
        <Form.Item label={a('rules.stepHours')} {...field('step_seconds')}>
          <InputNumber min={0.1} step={0.5} value={hoursOf(value.step_seconds)} onChange={(v) => setDraft({ ...value, step_seconds: Math.round(Number(v ?? 0) * 3600) })} />
        </Form.Item>
        {user.role === 'admin' && <Button type="primary" onClick={save}>{a('save')}</Button>}
      </Form>
    </Card>
  );
}

function CallbackPolicyCard({ a }: { a: AdminText }) {
  const { message } = App.useApp();
  const { user } = useSession();
  const editable = user.role === 'admin' || user.role === 'supervisor' || user.role === 'manager';
  const loaded = useLoad(() => api<CallbackPolicy>('/api/callbacks/policy'), []);
  const [draft, setDraft] = useState<CallbackPolicy | null>(null);
  const { field, submit } = useServerErrors(a);
  if (loaded.error) return <LoadError error={loaded.error} path="/api/callbacks/policy" retry={loaded.reload} />;
  const value = draft ?? loaded.data;
  if (!value) return null;
  const set = (changes: Partial<CallbackPolicy>) => setDraft({ ...value, ...changes });
  const save = () => submit(async () => {
    const { callable_hours: { from, until }, ...rest } = value;
    const { updated_at: _at, updated_by: _by, ...body } = { ...rest, callable_hours: { from, until } } as CallbackPolicy & { updated_at?: unknown; updated_by?: unknown };
    setDraft(await api<CallbackPolicy>('/api/callbacks/policy', { method: 'PUT', body }));
    message.success(a('rules.saved'));
  });
  return (
    <Card size="small" title={a('rules.callback')} style={{ minWidth: 420 }} data-testid="callback-policy">
      <Typography.Paragraph type="secondary">{a('rules.callableHint')}</Typography.Paragraph>
      <Form layout="vertical" disabled={!editable}>
        <Space>
          <Form.Item label={a('rules.callableFrom')} {...field('callable_hours.from')}>
            <Input value={value.callable_hours.from} style={{ width: 90 }} onChange={(e) => set({ callable_hours: { ...value.callable_hours, from: e.target.value } })} data-testid="callable-from" />
          </Form.Item>
          <Form.Item label={a('rules.callableUntil')} {...field('callable_hours.until')}>
            <Input value={value.callable_hours.until} style={{ width: 90 }} onChange={(e) => set({ callable_hours: { ...value.callable_hours, until: e.target.value } })} data-testid="callable-until" />
          </Form.Item>
          <span className="muted">{value.callable_hours.timezone}</span>
        </Space>
        <Space wrap>
          <Form.Item label={a('rules.windowHours')} {...field('window_seconds')}>
            <InputNumber min={1} value={hoursOf(value.window_seconds)} onChange={(v) => set({ window_seconds: Math.round(Number(v ?? 0) * 3600) })} />
          </Form.Item>
          <Form.Item label={a('rules.maxAttempts')} {...field('max_attempts')}>
            <InputNumber min={1} max={10} value={value.max_attempts} onChange={(v) => set({ max_attempts: Number(v ?? 1) })} />
          </Form.Item>
          <Form.Item label={a('rules.retryMinutes')} {...field('retry_spacing_seconds')}>
            <InputNumber min={1} value={Math.round(value.retry_spacing_seconds / 60)} onChange={(v) => set({ retry_spacing_seconds: Number(v ?? 1) * 60 })} />
          </Form.Item>
          <Form.Item label={a('rules.secondHandlingHours')} {...field('second_handling_seconds')}>
            <InputNumber min={0.1} value={hoursOf(value.second_handling_seconds)} onChange={(v) => set({ second_handling_seconds: Math.round(Number(v ?? 0) * 3600) })} />
          </Form.Item>
        </Space>
        {editable && <div><Button type="primary" onClick={save} data-testid="callback-policy-save">{a('save')}</Button></div>}
      </Form>
    </Card>
  );
}
