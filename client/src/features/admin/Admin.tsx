import { Alert, App, Button, Card, Checkbox, Descriptions, Drawer, Form, Input, InputNumber, Radio, Select, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { LoadError, useLoad } from '../../components/common';
import { useI18n } from '../../i18n';
import { useQueryState } from '../../router';
import { useSession } from '../../session';
import { deskInputToIso, deskNowInput, formatAt, formatDuration } from '../../time';
import { AuditLog } from './Audit';
import { ParkedMail } from './ParkedMail';
import { ClientsAdmin } from './Clients';
import { UnitsAdmin, UsersAdmin } from './Directory';
import { ImportAdmin } from './Import';
import { SubscribersAdmin } from './Subscribers';
import { RulesAdmin } from './Rules';
import { CausesAdmin } from './Causes';
import { TemplatesAdmin } from './Templates';
import { adminTexts, type AdminText } from './texts';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof WEEKDAYS)[number];
type Period = [string, string];

interface CalendarDay {
  date: string;
  name: string;
}
interface Calendar {
  key: string;
  name: string;
  weekly: Record<Weekday, Period[]>;
  holidays: CalendarDay[];
  working_days: CalendarDay[];
  managed_by: 'callback_policy' | null;
  timezone: string;
  updated_at: string | null;
}
interface CalendarSummary {
  key: string;
  name: string;
  managed_by: 'callback_policy' | null;
  holidays: number;
  working_days: number;
}
interface Policy {
  key: string;
  name: string;
  ticket_type: string | null;
  category: string | null;
  customer_tier: string | null;
  area: string | null;
  payment_channel: string | null;
  start_on: string[];
  stop_on: string[];
  target_seconds: number;
  warn_at: number[];
  clock: string;
  regulatory: boolean;
  pausable: boolean;
  escalate_on_breach: boolean;
  tiers: { payment_channel: string; area: string; tier: number }[] | null;
  active: boolean;
  version: number;
}
interface Preview {
  due_at: string;
  warn_at: string[];
  tier: number | null;
  started_at: string;
}
interface RowProblem {
  line: number;
  field: string;
  message: string;
}

const PAYMENT_CHANNELS = ['counter', 'bank', 'online', 'prepaid_card', 'agent'];

const formatPeriods = (list: Period[]) => list.map(([a, b]) => `${a}-${b}`).join(', ');
function parsePeriods(text: string): Period[] {
  return text.split(/[,，;；]/).map((p) => p.trim()).filter(Boolean).map((p) => {
    const [from = '', until = ''] = p.split(/\s*[-–~至]\s*/);
    return [from, until];
  });
}

/** Administration: working calendars and SLA policies, each change checked and explained by the server. */
export function AdminPage() {
  const { locale, t } = useI18n();
  const a = adminTexts(locale);
  const [search, setSearch] = useQueryState();
  const tab = search.get('tab') ?? 'calendars';
  const { can, user } = useSession();
  return (
    <div className="page" data-testid="admin">
      <Typography.Title level={4}>{a('title')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearch({ tab: key, calendar: null, policy: null, unit: null, user: null, role: null, unit_id: null, entity: null, ref: null, from: null, to: null, category: null })}
        items={[
          { key: 'calendars', label: a('tab.calendars'), children: <Calendars a={a} /> },
          { key: 'policies', label: a('tab.policies'), children: <Policies a={a} /> },
          { key: 'units', label: a('tab.units'), children: <UnitsAdmin a={a} /> },
          { key: 'users', label: a('tab.users'), children: <UsersAdmin a={a} /> },
          { key: 'rules', label: a('tab.rules'), children: <RulesAdmin a={a} /> },
          { key: 'templates', label: t('tools.tab.templates'), children: <TemplatesAdmin /> },
          { key: 'causes', label: t('tools.tab.causes'), children: <CausesAdmin /> },
          ...(user.role === 'admin' ? [{ key: 'import', label: t('tab.import'), children: <ImportAdmin /> }] : []),
          ...(can('reports.read') ? [{ key: 'subscribers', label: t('tab.subscribers'), children: <SubscribersAdmin /> }] : []),
          ...(can('audit.read') ? [{ key: 'audit', label: a('tab.audit'), children: <AuditLog a={a} /> }] : []),
          ...(can('mail.parked.read') ? [{ key: 'mail', label: t('ops.tab.mail'), children: <ParkedMail /> }] : []),
          ...(can('clients.read') ? [{ key: 'clients', label: t('clients.tab'), children: <ClientsAdmin /> }] : []),
        ]}
      />
    </div>
  );
}

function Calendars({ a }: { a: AdminText }) {
  const [search, setSearch] = useQueryState();
  const list = useLoad(() => api<{ items: CalendarSummary[] }>('/api/calendars'), []);
  const selected = search.get('calendar') ?? list.data?.items[0]?.key;
  if (list.error) return <LoadError error={list.error} path="/api/calendars" retry={list.reload} />;
  return (
    <Space align="start" size="large" className="admin-split">
      <Table<CalendarSummary>
        size="small"
        rowKey="key"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        rowClassName={(r) => (r.key === selected ? 'row-selected' : '')}
        onRow={(r) => ({ onClick: () => setSearch({ calendar: r.key }) })}
        columns={[
          { title: a('calendar.name'), dataIndex: 'name', render: (name: string, r) => <a href={`?tab=calendars&calendar=${r.key}`} onClick={(e) => { e.preventDefault(); setSearch({ calendar: r.key }); }}>{name}</a> },
          { title: a('calendar.holidays'), dataIndex: 'holidays', align: 'right' },
          { title: a('calendar.workingDays'), dataIndex: 'working_days', align: 'right' },
        ]}
      />
      {selected && <CalendarEditor key={selected} calendarKey={selected} a={a} onSaved={list.reload} />}
    </Space>
  );
}

function CalendarEditor({ calendarKey, a, onSaved }: { calendarKey: string; a: AdminText; onSaved(): void }) {
  const { message } = App.useApp();
  const { user } = useSession();
  const editable = user.role === 'admin';
  const loaded = useLoad(() => api<Calendar>(`/api/calendars/${calendarKey}`), [calendarKey]);
  const [name, setName] = useState('');
  const [weekly, setWeekly] = useState<Record<Weekday, string>>({ mon: '', tue: '', wed: '', thu: '', fri: '', sat: '', sun: '' });
  const [holidays, setHolidays] = useState<CalendarDay[]>([]);
  const [workingDays, setWorkingDays] = useState<CalendarDay[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [importErrors, setImportErrors] = useState<RowProblem[]>([]);
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');

  const fill = (c: Calendar) => {
    setName(c.name);
    setWeekly(Object.fromEntries(WEEKDAYS.map((d) => [d, formatPeriods(c.weekly[d])])) as Record<Weekday, string>);
    setHolidays(c.holidays);
    setWorkingDays(c.working_days);
  };
  useEffect(() => {
    if (loaded.data) fill(loaded.data);
  }, [loaded.data]);

  const failed = (error: unknown) => {
    if (!(error instanceof ApiError)) throw error;
    const errors = error.problem.errors ?? [];
    setFieldErrors(Object.fromEntries(errors.map((e) => [e.path, e.message])));
    message.error(a('error', { detail: errors.map((e) => `${e.path}: ${e.message}`).join('; ') || error.message }));
  };

  const save = async () => {
    setFieldErrors({});
    try {
      const body = { name, weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, parsePeriods(weekly[d])])), holidays, working_days: workingDays };
      const saved = await api<Calendar & { moved_timers: number }>(`/api/calendars/${calendarKey}`, { method: 'PUT', body });
      fill(saved);
      message.success(a('calendar.saved', { count: saved.moved_timers }));
      onSaved();
    } catch (error) {
      failed(error);
    }
  };

  const importFile = async (file: File) => {
    setImportErrors([]);
    const content = await file.text();
    const format = file.name.toLowerCase().endsWith('.json') ? 'json' : 'csv';
    try {
      const result = await api<Calendar & { moved_timers: number; imported: { holidays: number; working_days: number } }>(`/api/calendars/${calendarKey}/import`, { method: 'POST', body: { format, content, mode } });
      fill(result);
      message.success(a('calendar.imported', { holidays: result.imported.holidays, working: result.imported.working_days, count: result.moved_timers }));
      onSaved();
    } catch (error) {
      const rows = error instanceof ApiError ? (error.problem as { rows?: RowProblem[] }).rows : undefined;
      if (rows) setImportErrors(rows);
      else failed(error);
    }
  };

  if (loaded.error) return <LoadError error={loaded.error} path={`/api/calendars/${calendarKey}`} retry={loaded.reload} />;
  const managed = loaded.data?.managed_by === 'callback_policy';
  const dayTable = (title: string, rows: CalendarDay[], set: (rows: CalendarDay[]) => void, path: string, testId: string) => (
    <Card size="small" title={title} data-testid={testId}>
      <Table<CalendarDay & { index: number }>
        size="small"
        rowKey="index"
        pagination={rows.length > 12 ? { pageSize: 12, size: 'small' } : false}
        dataSource={rows.map((r, index) => ({ ...r, index }))}
        columns={[
          {
            title: a('calendar.date'), dataIndex: 'date', width: 160,
            render: (value: string, r) => (
              <Input type="date" aria-label={a('calendar.date')} value={value} disabled={!editable} status={fieldErrors[`${path}.${r.index}.date`] ? 'error' : undefined}
                onChange={(e) => set(rows.map((x, i) => (i === r.index ? { ...x, date: e.target.value } : x)))} />
            ),
          },
          {
            title: a('calendar.dayName'), dataIndex: 'name',
            render: (value: string, r) => <Input aria-label={a('calendar.dayName')} value={value} disabled={!editable} onChange={(e) => set(rows.map((x, i) => (i === r.index ? { ...x, name: e.target.value } : x)))} />,
          },
          ...(editable ? [{ title: '', key: 'remove', width: 70, render: (_: unknown, r: { index: number }) => <Button size="small" type="link" onClick={() => set(rows.filter((_x, i) => i !== r.index))}>{a('calendar.remove')}</Button> }] : []),
        ]}
      />
      {editable && <Button size="small" onClick={() => set([...rows, { date: '', name: '' }])}>{a('calendar.addDay')}</Button>}
    </Card>
  );

  return (
    <Space direction="vertical" className="admin-editor" data-testid="calendar-editor">
      <Form layout="inline">
        <Form.Item label={a('calendar.name')}><Input value={name} disabled={!editable} onChange={(e) => setName(e.target.value)} data-testid="calendar-name" /></Form.Item>
        <Form.Item label={a('calendar.key')}><code>{calendarKey}</code></Form.Item>
      </Form>
      {managed && <Alert type="info" showIcon title={a('calendar.managed')} />}
      <Card size="small" title={a('calendar.weekly')} extra={<span className="muted">{a('calendar.periodsHint')}</span>}>
        <Form labelCol={{ span: 3 }} wrapperCol={{ span: 12 }}>
          {WEEKDAYS.map((d) => (
            <Form.Item key={d} label={a(`day.${d}`)} validateStatus={fieldErrors[`weekly.${d}`] ? 'error' : undefined} help={fieldErrors[`weekly.${d}`]} style={{ marginBottom: 6 }}>
              <Input value={weekly[d]} disabled={!editable || managed} placeholder="—" data-testid={`weekly-${d}`} onChange={(e) => setWeekly({ ...weekly, [d]: e.target.value })} />
            </Form.Item>
          ))}
        </Form>
      </Card>
      <Space align="start" wrap>
        {dayTable(a('calendar.holidays'), holidays, setHolidays, 'holidays', 'holidays')}
        {dayTable(a('calendar.workingDays'), workingDays, setWorkingDays, 'working_days', 'working-days')}
      </Space>
      {editable && (
        <Space wrap>
          <Button type="primary" onClick={save} data-testid="calendar-save">{a('calendar.save')}</Button>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'merge' | 'replace')} aria-label={a('calendar.importMode')}>
            <Radio value="merge">{a('calendar.merge')}</Radio>
            <Radio value="replace">{a('calendar.replace')}</Radio>
          </Radio.Group>
          <Upload accept=".csv,.json,text/csv,application/json" showUploadList={false} beforeUpload={(file) => { void importFile(file); return false; }}>
            <Button data-testid="calendar-import">{a('calendar.import')}</Button>
          </Upload>
          <span className="muted">{a('calendar.importHint')}</span>
        </Space>
      )}
      {importErrors.length > 0 && (
        <Alert type="error" showIcon data-testid="import-errors" title={a('calendar.importErrors')} description={
          <Table<RowProblem> size="small" pagination={false} rowKey={(r) => `${r.line}:${r.field}`} dataSource={importErrors}
            columns={[{ title: a('calendar.line'), dataIndex: 'line', width: 60 }, { title: a('calendar.field'), dataIndex: 'field', width: 90 }, { title: a('calendar.problem'), dataIndex: 'message' }]} />
        } />
      )}
    </Space>
  );
}

const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;

function Policies({ a }: { a: AdminText }) {
  const { tv } = useI18n();
  const [search, setSearch] = useQueryState();
  const list = useLoad(() => api<{ items: Policy[] }>('/api/sla-policies'), []);
  const calendars = useLoad(() => api<{ items: CalendarSummary[] }>('/api/calendars'), []);
  const open = list.data?.items.find((p) => p.key === search.get('policy'));
  if (list.error) return <LoadError error={list.error} path="/api/sla-policies" retry={list.reload} />;
  const clockName = (clock: string) => (clock === 'wall' ? a('clock.wall') : calendars.data?.items.find((c) => c.key === clock)?.name ?? clock);
  return (
    <>
      <Table<Policy>
        size="small"
        rowKey="key"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        onRow={(p) => ({ onClick: () => setSearch({ policy: p.key }) })}
        columns={[
          { title: a('policy.name'), dataIndex: 'name', render: (name: string, p) => <a href={`?tab=policies&policy=${p.key}`} onClick={(e) => { e.preventDefault(); setSearch({ policy: p.key }); }} data-testid="policy-link">{name}</a> },
          { title: a('policy.type'), dataIndex: 'ticket_type', width: 110, render: (v: string | null) => (v ? tv('type', v) : a('any')) },
          { title: a('policy.target'), dataIndex: 'target_seconds', width: 110, align: 'right', render: (s: number) => formatDuration(s) },
          { title: a('policy.clock'), dataIndex: 'clock', width: 170, render: clockName },
          {
            title: a('policy.kind'), key: 'kind', width: 140,
            render: (_: unknown, p) => (
              <Space size={4}>
                {p.regulatory ? <Tag color="red">{a('policy.regulatory')}</Tag> : <Tag>{a('policy.internal')}</Tag>}
                {!p.active && <Tag>{a('policy.inactive')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <Drawer open={Boolean(open)} size="large" title={open?.name} onClose={() => setSearch({ policy: null })} destroyOnHidden>
        {open && <PolicyEditor policy={open} a={a} clocks={[{ key: 'wall', name: a('clock.wall') }, ...(calendars.data?.items ?? [])]} onSaved={list.reload} />}
      </Drawer>
    </>
  );
}

function PolicyEditor({ policy, a, clocks, onSaved }: { policy: Policy; a: AdminText; clocks: { key: string; name: string }[]; onSaved(): void }) {
  const { message } = App.useApp();
  const { user } = useSession();
  const editable = user.role === 'admin';
  const [draft, setDraft] = useState({
    name: policy.name, target_hours: hours(policy.target_seconds), warn_at: policy.warn_at.join(', '), clock: policy.clock,
    pausable: policy.pausable, escalate_on_breach: policy.escalate_on_breach, active: policy.active,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [version, setVersion] = useState(0);

  const save = async () => {
    setErrors({});
    const { key: _key, version: _version, ...rest } = policy;
    const body = {
      ...rest, name: draft.name, target_seconds: Math.round(draft.target_hours * 3600), clock: draft.clock, pausable: draft.pausable && !policy.regulatory,
      escalate_on_breach: draft.escalate_on_breach, active: draft.active,
      warn_at: draft.warn_at.split(/[,，\s]+/).filter(Boolean).map(Number),
    };
    try {
      const saved = await api<Policy>(`/api/sla-policies/${policy.key}`, { method: 'PUT', body: stripServerFields(body) });
      message.success(a('policy.saved', { version: saved.version }));
      setVersion((v) => v + 1);
      onSaved();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const list = error.problem.errors ?? [];
      setErrors(Object.fromEntries(list.map((e) => [e.path, e.message])));
      message.error(a('error', { detail: list.map((e) => `${e.path}: ${e.message}`).join('; ') || error.message }));
    }
  };
  const field = (path: string) => ({ validateStatus: errors[path] ? ('error' as const) : undefined, help: errors[path] });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form layout="vertical" disabled={!editable} data-testid="policy-form">
        <Form.Item label={a('policy.name')} {...field('name')}><Input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></Form.Item>
        <Space wrap>
          <Form.Item label={a('policy.targetHours')} {...field('target_seconds')}>
            <InputNumber min={0.01} step={0.5} value={draft.target_hours} onChange={(v) => setDraft({ ...draft, target_hours: Number(v ?? 0) })} data-testid="policy-target" />
          </Form.Item>
          <Form.Item label={a('policy.clock')} {...field('clock')}>
            <Select style={{ minWidth: 200 }} value={draft.clock} onChange={(clock) => setDraft({ ...draft, clock })} options={clocks.map((c) => ({ value: c.key, label: c.name }))} data-testid="policy-clock" />
          </Form.Item>
          <Form.Item label={a('policy.warnAt')} {...field('warn_at')}>
            <Input value={draft.warn_at} onChange={(e) => setDraft({ ...draft, warn_at: e.target.value })} placeholder="0.5, 0.8" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Checkbox checked={draft.pausable} disabled={policy.regulatory} onChange={(e) => setDraft({ ...draft, pausable: e.target.checked })}>{a('policy.pausable')}</Checkbox>
          <Checkbox checked={draft.escalate_on_breach} onChange={(e) => setDraft({ ...draft, escalate_on_breach: e.target.checked })}>{a('policy.escalate')}</Checkbox>
          <Checkbox checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })}>{a('policy.active')}</Checkbox>
          {policy.regulatory && <Tag color="red">{a('policy.regulatory')}</Tag>}
        </Space>
      </Form>
      {editable && <Button type="primary" onClick={save} data-testid="policy-save">{a('policy.save')}</Button>}
      <PolicyPreview policyKey={policy.key} a={a} refresh={version} tiered={Boolean(policy.tiers)} />
    </Space>
  );
}

/** The server answers with only what a PUT accepts; read-only fields are dropped here. */
function stripServerFields<T extends Record<string, unknown>>(body: T): Omit<T, 'updated_at' | 'updated_by'> {
  const { updated_at: _at, updated_by: _by, ...rest } = body;
  return rest;
}

/** The coming Friday at 17:55 in the desk's zone: the classic "just before the weekend" case. */
function nextFriday1755(): string {
  const now = deskInputToIso(deskNowInput());
  const days = (5 - Number(formatAt(now, 'd')) + 7) % 7;
  return `${formatAt(new Date(Date.parse(now) + days * 86_400_000).toISOString(), 'YYYY-MM-DD')}T17:55`;
}

function PolicyPreview({ policyKey, a, refresh, tiered }: { policyKey: string; a: AdminText; refresh: number; tiered: boolean }) {
  const { tv } = useI18n();
  const [acceptedAt, setAcceptedAt] = useState(deskNowInput());
  const [area, setArea] = useState<'city' | 'county'>('city');
  const [channel, setChannel] = useState<string | undefined>(undefined);
  const preview = useLoad(
    () => api<Preview>(`/api/sla-policies/${policyKey}/preview`, { query: { accepted_at: acceptedAt ? deskInputToIso(acceptedAt) : undefined, area, payment_channel: channel } }),
    [policyKey, acceptedAt, area, channel, refresh],
  );
  return (
    <Card size="small" title={a('preview.title')} data-testid="policy-preview">
      <Space wrap>
        <label>{a('preview.acceptedAt')} <Input type="datetime-local" value={acceptedAt} onChange={(e) => setAcceptedAt(e.target.value)} style={{ width: 210 }} data-testid="preview-at" /></label>
        <Button size="small" onClick={() => setAcceptedAt(deskNowInput())}>{a('preview.now')}</Button>
        <Button size="small" onClick={() => setAcceptedAt(nextFriday1755())} data-testid="preview-friday">{a('preview.fridayEvening')}</Button>
        {tiered && (
          <>
            <Select aria-label={a('preview.area')} value={area} onChange={setArea} options={[{ value: 'city', label: a('area.city') }, { value: 'county', label: a('area.county') }]} />
            <Select aria-label={a('preview.channel')} allowClear placeholder={a('preview.channel')} style={{ minWidth: 140 }} value={channel} onChange={setChannel}
              options={PAYMENT_CHANNELS.map((c) => ({ value: c, label: tv('payment', c) }))} />
          </>
        )}
      </Space>
      {preview.error ? <LoadError error={preview.error} path="preview" retry={preview.reload} /> : preview.data && (
        <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
          <Descriptions.Item label={a('preview.due')}><strong data-testid="preview-due">{formatAt(preview.data.due_at, 'YYYY-MM-DD')} {a(`day.${WEEKDAYS[(Number(formatAt(preview.data.due_at, 'd')) + 6) % 7]!}`)} {formatAt(preview.data.due_at, 'HH:mm')}</strong></Descriptions.Item>
          <Descriptions.Item label={a('preview.warn')}>{preview.data.warn_at.map((w) => formatAt(w, 'MM-DD HH:mm')).join(' · ') || '—'}</Descriptions.Item>
          {preview.data.tier !== null && <Descriptions.Item label={a('preview.tier')}>{preview.data.tier}</Descriptions.Item>}
        </Descriptions>
      )}
    </Card>
  );
}
