import { PauseCircleOutlined } from '@ant-design/icons';
import { Alert, App, Avatar, Button, Card, Descriptions, Empty, Form, Input, Select, Space, Table, Tabs, Tag, Timeline, Tooltip } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { HOLD_REASONS, OUTCOMES, OWNER_ACTION_KINDS, RESPONSIBILITIES, type Person, type Status, type TicketDetail, type Timer, type User } from '../../api/types';
import { Countdown, LoadError, StatusTag, useDuration, useLoad } from '../../components/common';
import { DateTimeField } from '../../components/DateTimeField';
import { useI18n } from '../../i18n';
import { useRealtime, useRealtimeEvents, useResync, type Viewer } from '../../realtime/socket';
import { navigate } from '../../router';
import { PaymentCard } from './Payment';
import { CausePicker, useCauses } from '../tools/CausePicker';
import { TemplateText } from '../tools/TemplateText';
import { ClaimButton, MergeFields, Related } from './DeskTools';
import { useSession } from '../../session';
import { deskInputToIso, deskNowInput, formatAt } from '../../time';

interface Conflict {
  status: Status;
  version: number;
}

const STOPPED_TIMERS = ['met', 'cancelled'];

export function TicketPage({ id }: { id: number }) {
  const { t, tv, locale } = useI18n();
  const { user, unitName, userName, learnUsers } = useSession();
  const { socket, connected, generation } = useRealtime();
  const ticket = useLoad(() => api<TicketDetail>(`/api/tickets/${id}`), [id]);
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [liveChange, setLiveChange] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  // Presence: join the ticket's room on every (re)connect; the server answers with ticket.viewers.
  useEffect(() => {
    if (!socket || !connected) return;
    socket.emit('ticket.watch', { ticket_id: id });
    return () => {
      socket.emit('ticket.unwatch', { ticket_id: id });
    };
  }, [socket, connected, generation, id]);
  useResync(ticket.reload);

  useRealtimeEvents(['ticket.viewers'], (payload) => {
    if (payload.ticket_id !== id) return;
    learnUsers(payload.viewers);
    setViewers(payload.viewers);
  });
  useRealtimeEvents(['ticket.updated', 'sla.warning', 'sla.breached', 'callback.due', 'escalation.raised'], (payload) => {
    if (payload.ticket.id !== id) return;
    // Someone else's change is announced (the system's too: timers, callbacks); one's own just refreshes the page.
    const actor = 'actor_id' in payload ? payload.actor_id : null;
    if (actor !== user.id) setLiveChange(payload.type === 'ticket.updated' ? payload.change : payload.type);
    ticket.reload();
  });

  if (ticket.error && !ticket.data) {
    if (ticket.error.status === 404 && !ticket.error.missing) return <Alert type="warning" title={t('ticket.notFound')} />;
    return <LoadError error={ticket.error} path={`/api/tickets/${id}`} retry={ticket.reload} />;
  }
  const data = ticket.data;
  if (!data) return <Card loading />;

  const others = viewers.filter((v) => v.id !== user.id);
  return (
    <div className="stack" data-testid="ticket" data-version={data.version} data-status={data.status}>
      <Space wrap>
        <Button size="small" onClick={() => window.history.length > 1 ? window.history.back() : navigate('/queues')}>{t('ticket.back')}</Button>
        <b style={{ fontSize: 18 }} data-testid="ticket-number">{data.number}</b>
        <StatusTag status={data.status} />
        <Tag>{tv('type', data.type)}</Tag>
        <Tag>{tv('category', data.category)}</Tag>
        {data.priority === 'urgent' && <Tag color="red">{tv('priority', 'urgent')}</Tag>}
        {data.on_hold && <Tag color="orange">{t('event.held')}</Tag>}
        <span className="muted">{t('ticket.round', { round: data.handling_round })}</span>
        <ClaimButton ticket={data} onDone={ticket.reload} onConflict={(c) => { setConflict(c); ticket.reload(); }} />
        <Related related={data.related} />
        <span className="presence" data-testid="viewers">
          {others.length > 0 && <span className="muted">{t('ticket.viewers')}</span>}
          {others.map((v) => (
            <Tooltip key={v.id} title={`${v.name} · ${tv('role', v.role)}`}>
              <Avatar size="small" style={{ background: '#2563eb' }} data-viewer={v.id}>{v.name.slice(0, 1)}</Avatar>
            </Tooltip>
          ))}
        </span>
      </Space>
      {conflict && (
        <div data-testid="changed-meanwhile">
          <Alert type="warning" showIcon closable onClose={() => setConflict(null)}
            title={t('ticket.changedMeanwhile')} description={t('ticket.changedMeanwhileDetail', { status: tv('status', conflict.status) })} />
        </div>
      )}
      {liveChange !== null && !conflict && (
        <Alert type="info" showIcon closable onClose={() => setLiveChange(null)} title={t('ticket.updatedLive', { change: tv('event', liveChange) })} data-testid="updated-live" />
      )}
      <OwnerDutiesNotice ticket={data} />
      <div className="grid-2">
        <div className="stack">
          <Card size="small">
            <Descriptions size="small" column={3} items={[
              { key: 'customer', label: t('col.customer'), children: <>{data.customer.phone} {data.customer.name} <Tag color={data.customer.tier === 'standard' ? 'default' : 'red'}>{tv('tier', data.customer.tier)}</Tag></> },
              { key: 'channel', label: t('intake.channel'), children: tv('channel', data.channel) },
              { key: 'created', label: t('col.created'), children: formatAt(data.created_at, 'YYYY-MM-DD HH:mm') },
              { key: 'unit', label: t('col.unit'), children: unitName(data.unit_id) || '—' },
              { key: 'assignee', label: t('action.assignee'), children: userName(data.assignee_id) || '—' },
              { key: 'accepted_by', label: t('event.accepted'), children: userName(data.accepted_by) },
            ]} />
            <div className="description" data-testid="description"><b>{t('ticket.description')}：</b>{data.description}</div>
            {data.resolution && <div className="description"><b>{t('intake.resolution')}：</b>{data.resolution}（{data.cause}；{tv('responsibility', data.responsibility)}）</div>}
            {data.cause_path.length > 0 && (
              <div className="description" data-testid="cause-path"><b>{t('tools.cause')}：</b>{data.cause_path.map((c) => (locale === 'en' ? c.name_en : c.name_zh)).join(' / ')}</div>
            )}
          </Card>
          {data.payment && <PaymentCard payment={data.payment} />}
          <Timers timers={data.timers} />
          <Card size="small" title={t('ticket.timeline')}>
            <Timeline items={data.events.map((e) => ({
              key: e.id,
              color: e.type === 'closed' ? 'gray' : e.type === 'reopened' || e.type === 'escalated' ? 'red' : 'blue',
              content: (
                <div data-event={e.type} data-source={e.source?.number}>
                  {e.source && <Tag>{t('tools.fromTicket', { number: e.source.number })}</Tag>}
                  <b>{tv('event', e.type)}</b> <span className="muted">{formatAt(e.at, 'MM-DD HH:mm:ss')} · <span data-actor>{e.actor_name ?? (userName(e.actor_id) || '—')}</span></span>
                  <EventData type={e.type} data={e.data} />
                </div>
              ),
            }))} />
          </Card>
          {data.callbacks.length > 0 && (
            <Card size="small" title={t('ticket.callbacks')}>
              <Table size="small" className="dense-table" pagination={false} rowKey="id" dataSource={data.callbacks} columns={[
                { title: t('col.round'), dataIndex: 'handling_round', width: 90, render: (v: number) => t('col.roundValue', { round: v }) },
                { title: t('col.attempt'), dataIndex: 'attempt', width: 60 },
                { title: t('col.due'), dataIndex: 'due_at', render: (v: string) => formatAt(v) },
                { title: t('col.status'), dataIndex: 'state', render: (v: string, row) => <>{tv('callbacks', v)} {row.outcome ? <Tag>{tv('outcome', row.outcome)}</Tag> : null}</> },
              ]} />
            </Card>
          )}
        </div>
        <div className="stack">
          <Actions ticket={data} onDone={() => { setConflict(null); setLiveChange(null); ticket.reload(); }} onConflict={(c) => { setConflict(c); ticket.reload(); }} />
          {data.ownership && <OwnershipCard ticket={data} onChanged={ticket.reload} />}
        </div>
      </div>
    </div>
  );
}

/** Vocabulary an event's `reason` is drawn from, by event type: shown in words, never as a code. */
const REASON_VOCABULARY: Record<string, string> = { held: 'hold', unheld: 'hold', escalated: 'escalationReason', escalation_top_reached: 'escalationReason' };

function EventData({ type, data }: { type: string; data: Record<string, unknown> }) {
  const { tv } = useI18n();
  const { unitName, userName } = useSession();
  const parts: string[] = [];
  const words = (prefix: string, value: unknown) => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string').map((v) => tv(prefix, v));
  if (typeof data.number === 'string') parts.push(data.number);
  if (typeof data.unit_id === 'number') parts.push(`→ ${unitName(data.unit_id)}${typeof data.assignee_id === 'number' ? ` · ${userName(data.assignee_id)}` : ''}`);
  for (const key of ['body', 'note', 'resolution', 'cause', 'text']) if (typeof data[key] === 'string' && data[key]) parts.push(String(data[key]));
  if (typeof data.reason === 'string' && data.reason) parts.push(...words(REASON_VOCABULARY[type] ?? 'hold', data.reason));
  if (typeof data.kind === 'string') parts.push(tv('kind', data.kind));
  if (typeof data.outcome === 'string') parts.push(tv('outcome', data.outcome));
  if (typeof data.responsibility === 'string') parts.push(tv('responsibility', data.responsibility));
  if (typeof data.close_reason === 'string' && type !== 'awaiting_owner') parts.push(tv('closeReason', data.close_reason));
  if (Array.isArray(data.reasons)) parts.push(words('caseReason', data.reasons).join('、'));
  for (const key of ['missing', 'awaiting_owner']) if (Array.isArray(data[key])) parts.push(words('missing', data[key]).join('、'));
  return parts.length ? <div className="description">{parts.join(' · ')}</div> : null;
}

/**
 * A leadership case whose owner has not acted in person and explained: said up front to whoever
 * opens it (the handler resolving, the agent calling back), and while the recorded callback waits.
 */
function OwnerDutiesNotice({ ticket }: { ticket: TicketDetail }) {
  const { t, tv } = useI18n();
  const { userName } = useSession();
  const missing = ticket.ownership?.missing ?? [];
  if (!ticket.ownership || missing.length === 0 || ticket.status === 'closed') return null;
  const owner = ticket.ownership.owner_name ?? userName(ticket.ownership.owner_id);
  const list = missing.map((m) => tv('missing', m)).join(t('duties.separator'));
  if (ticket.close_pending_reason) {
    return <Alert type="info" showIcon data-testid="awaiting-owner" title={t('duties.awaitingTitle', { outcome: tv('closeReason', ticket.close_pending_reason) })}
      description={t('duties.awaitingDetail', { owner, missing: list })} />;
  }
  return <Alert type="warning" showIcon data-testid="owner-duties-missing" title={t('duties.missingTitle')} description={t('duties.missingDetail', { owner, missing: list })} />;
}

/** Every deadline of the ticket, each with its own countdown: not only the nearest. */
function Timers({ timers }: { timers: Timer[] }) {
  const { t, tv } = useI18n();
  const duration = useDuration();
  return (
    <Card size="small" title={t('ticket.timers')} data-testid="timers">
      {timers.length === 0 ? <span className="muted">{t('ticket.noTimersApply')}</span> : (
        <Table<Timer> size="small" className="dense-table" pagination={false} rowKey={(r) => `${r.policy_key}-${r.started_at}`} dataSource={timers} columns={[
          { title: 'SLA', dataIndex: 'policy_key', render: (v: string, r) => <>{r.name ?? v}{r.regulatory ? <Tag color="magenta" style={{ marginLeft: 4 }}>★</Tag> : null}</> },
          { title: t('col.status'), dataIndex: 'state', width: 80, render: (v: string) => <Tag color={v === 'breached' ? 'red' : v === 'warning' ? 'orange' : v === 'met' ? 'green' : 'blue'}>{tv('timer', v)}</Tag> },
          // a paused timer has no due time: it runs again from where it stopped when the hold ends
          { title: t('col.due'), dataIndex: 'due_at', width: 110, render: (v: string, r) => (r.state === 'paused' ? '—' : formatAt(v)) },
          { title: '', key: 'countdown', width: 150, render: (_v, r) => (STOPPED_TIMERS.includes(r.state) ? '—'
            : r.state === 'paused' ? <span className="countdown" data-testid="paused-timer"><PauseCircleOutlined aria-hidden /> {t('timer.pausedLeft', { time: duration(r.remaining_seconds ?? 0) })}</span> : <Countdown due={r.due_at} />) },
        ]} />
      )}
    </Card>
  );
}

type ActionKey = 'dispatch' | 'resolve' | 'callback' | 'hold' | 'unhold' | 'merge' | 'comment';

function availableActions(role: User['role'], status: Status, onHold: boolean): ActionKey[] {
  const desk = role === 'agent' || role === 'supervisor';
  const list: ActionKey[] = [];
  if (desk && (status === 'accepted' || status === 'dispatched')) list.push('dispatch');
  const canResolve = (role === 'agent' && status === 'accepted') || (role === 'supervisor' && (status === 'accepted' || status === 'dispatched'))
    || ((role === 'handler' || role === 'unit_head') && status === 'dispatched');
  if (canResolve) list.push('resolve');
  if (desk && status === 'resolved') list.push('callback');
  if (status === 'dispatched' && (desk || role === 'handler' || role === 'unit_head')) list.push(onHold ? 'unhold' : 'hold');
  list.push('comment');
  // a duplicate complaint closes into the customer's ticket that carries on
  if (desk && (status === 'accepted' || status === 'dispatched')) list.push('merge');
  return list;
}

/**
 * The actions this role may take now. Each form remembers the version the user started from: if
 * the ticket changed meanwhile, the server answers 409 and the user is shown the new state
 * rather than having their action applied to something they have not seen.
 */
function Actions({ ticket, onDone, onConflict }: { ticket: TicketDetail; onDone(): void; onConflict(c: Conflict): void }) {
  const { t, tv } = useI18n();
  const { user, units } = useSession();
  const { message } = App.useApp();
  const actions = availableActions(user.role, ticket.status, ticket.on_hold ?? false);
  const [active, setActive] = useState<ActionKey>(actions[0]!);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [assignees, setAssignees] = useState<Person[]>([]);
  const startedVersion = useRef<number | null>(null);
  const current = actions.includes(active) ? active : actions[0]!;
  const causes = useCauses(current === 'resolve' ? ticket.category : undefined);

  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    setProblem(null);
    const version = startedVersion.current ?? ticket.version;
    try {
      if (current === 'comment') await api(`/api/tickets/${ticket.id}/comments`, { method: 'POST', body: { body: values.body } });
      else if (current === 'merge') {
        const merged = await api<{ survivor: { number: string } }>(`/api/tickets/${ticket.id}/merge`, { method: 'POST', ifMatch: version, body: clean(values) });
        message.info(t('tools.mergeDone', { number: merged.survivor.number }));
      }
      else await api(`/api/tickets/${ticket.id}/${current}`, { method: 'POST', ifMatch: version, body: clean(values) });
      message.success(t('action.done'));
      form.resetFields();
      startedVersion.current = null;
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        const fresh = await api<TicketDetail>(`/api/tickets/${ticket.id}`).catch(() => ticket);
        startedVersion.current = null;
        onConflict({ status: fresh.status, version: fresh.version });
      } else {
        setProblem(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" data-testid="actions">
      <Tabs size="small" activeKey={current} onChange={(k) => { setActive(k as ActionKey); form.resetFields(); startedVersion.current = null; setProblem(null); }}
        items={actions.map((a) => ({ key: a, label: <span data-action-tab={a}>{t(`action.${a}` as const)}</span> }))} />
      <Form form={form} layout="vertical" size="small" onFinish={submit} requiredMark={false} data-testid={`form-${current}`}
        onValuesChange={() => { startedVersion.current ??= ticket.version; }}
        onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.submit(); } }}>
        {current === 'dispatch' && (
          <>
            <Form.Item name="unit_id" label={t('action.unit')} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} data-testid="dispatch-unit-select" options={units.map((u) => ({ value: u.id, label: `${u.code} ${u.name}` }))}
                onChange={(unitId: number) => {
                  form.setFieldValue('assignee_id', undefined);
                  // The handlers and heads of the chosen unit's subtree: whom the server accepts as assignee.
                  api<{ items: Person[] }>('/api/directory/people', { query: { unit_id: unitId, role: 'handler,unit_head' } })
                    .then((r) => setAssignees(r.items.filter((u) => u.active)), () => setAssignees([]));
                }} />
            </Form.Item>
            {assignees.length > 0 && (
              <Form.Item name="assignee_id" label={t('action.assignee')}>
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('desk.anyHandler')} data-testid="dispatch-assignee-select"
                  options={assignees.map((u) => ({ value: u.id, label: `${u.name} · ${tv('role', u.role)} · ${u.unit_name ?? ''}` }))} />
              </Form.Item>
            )}
            <Form.Item name="note" label={t('action.note')}><Input.TextArea autoSize /></Form.Item>
          </>
        )}
        {current === 'resolve' && (
          <>
            <Form.Item name="resolution" label={t('intake.resolution')} rules={[{ required: true, whitespace: true }]}>
              <TemplateText purpose="resolution" ticketId={ticket.id} data-testid="resolution" />
            </Form.Item>
            {causes && causes.length > 0 && (
              <Form.Item name="cause_id" label={t('tools.cause')} rules={[{ required: ticket.type === 'complaint', message: t('tools.causeRequired') }]}>
                <CausePicker causes={causes} />
              </Form.Item>
            )}
            <Form.Item name="cause" label={causes && causes.length > 0 ? t('tools.causeTextOptional') : t('intake.cause')} rules={[{ required: !causes || causes.length === 0, whitespace: true }]}><Input data-testid="cause" /></Form.Item>
            <Form.Item name="responsibility" label={t('intake.responsibility')} rules={[{ required: true }]}>
              <Select data-testid="responsibility" options={RESPONSIBILITIES.map((r) => ({ value: r, label: tv('responsibility', r) }))} />
            </Form.Item>
          </>
        )}
        {current === 'callback' && (
          <>
            <Form.Item name="outcome" label={t('action.outcome')} rules={[{ required: true }]}>
              <Select options={OUTCOMES.map((o) => ({ value: o, label: tv('outcome', o) }))} data-testid="outcome" />
            </Form.Item>
            <Form.Item name="note" label={t('action.note')}><Input.TextArea autoSize /></Form.Item>
          </>
        )}
        {(current === 'hold' || current === 'unhold') && (
          <>
            {current === 'hold' && (
              <Form.Item name="reason" label={t('ticket.reason')} rules={[{ required: true }]}>
                <Select options={HOLD_REASONS.map((r) => ({ value: r, label: tv('hold', r) }))} />
              </Form.Item>
            )}
            <Form.Item name="note" label={t('action.note')}><Input.TextArea autoSize /></Form.Item>
          </>
        )}
        {current === 'comment' && (
          <Form.Item name="body" label={t('action.comment')} rules={[{ required: true, whitespace: true }]}><TemplateText purpose="comment" ticketId={ticket.id} data-testid="comment" /></Form.Item>
        )}
        {current === 'merge' && <MergeFields ticket={ticket} />}
        {problem && <Alert type="error" title={problem} style={{ marginBottom: 8 }} />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-action">{t('common.submit')} <span className="kbd" style={{ marginLeft: 6, color: '#111' }}>Ctrl+Enter</span></Button>
      </Form>
    </Card>
  );
}

function clean(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

/** The case owner's duties: in-person actions and the written explanation (both required to close). */
function OwnershipCard({ ticket, onChanged }: { ticket: TicketDetail; onChanged(): void }) {
  const { t, tv } = useI18n();
  const { user, userName } = useSession();
  const { message } = App.useApp();
  const ownership = ticket.ownership!;
  const [missing, setMissing] = useState<string | null>(null);
  const mine = ownership.owner_id === user.id;
  const explanation = ownership.explanation;

  const post = async (path: string, body: unknown) => {
    try {
      await api(`/api/tickets/${ticket.id}/${path}`, { method: 'POST', body });
      message.success(t('action.done'));
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.missing) setMissing(`/api/tickets/:id/${path}`);
      else message.error(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <Card size="small" title={t('ticket.ownership')} data-testid="ownership">
      <Descriptions size="small" column={1} items={[
        { key: 'owner', label: t('ticket.owner'), children: ownership.owner_name ?? userName(ownership.owner_id) },
        { key: 'reason', label: t('ticket.reason'), children: (ownership.reasons ?? [ownership.reason]).map((r) => tv('caseReason', r)).join('、') },
        { key: 'missing', label: t('ticket.missing'), children: (ownership.missing ?? []).length === 0 ? '✓' : (ownership.missing ?? []).map((m) => <Tag key={m} color="orange">{tv('missing', m)}</Tag>) },
        { key: 'explanation', label: t('ticket.explanation'), children: explanation ? <span className="description">{explanation}</span> : '—' },
      ]} />
      {(ownership.actions ?? []).length > 0 ? (
        <Timeline items={(ownership.actions ?? []).map((a, i) => ({ key: i, content: <><b>{tv('kind', a.kind)}</b> <span className="muted">{formatAt(a.at)}</span><div className="description">{a.note}</div></> }))} />
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticket.ownerActions')} />}
      {(ownership.escalations ?? []).length > 0 && (
        <Timeline items={(ownership.escalations ?? []).map((e) => ({
          key: e.id, color: e.acknowledged_at ? 'green' : 'red',
          content: <>{t('ticket.escalation', { level: e.level })} · {tv('escalationReason', e.reason)} <span className="muted">{formatAt(e.raised_at)} → {userName(e.recipient_id)}{e.acknowledged_at ? ` ✓ ${formatAt(e.acknowledged_at)}` : ''}</span></>,
        }))} />
      )}
      {missing && <Alert type="info" title={t('common.notAvailable')} description={t('common.notAvailableHint', { path: missing })} />}
      {mine && (
        <>
          <Form layout="vertical" size="small" initialValues={{ kind: 'visit', at: deskNowInput() }}
            onFinish={(v: { kind: string; note: string; at: string }) => post('owner-actions', { kind: v.kind, note: v.note, at: deskInputToIso(v.at) })}>
            <Space.Compact block>
              <Form.Item name="kind" label={t('action.kind')} style={{ flex: 1 }}><Select options={OWNER_ACTION_KINDS.map((k) => ({ value: k, label: tv('kind', k) }))} /></Form.Item>
              <Form.Item name="at" label={t('action.at')} style={{ flex: 2 }}><DateTimeField data-testid="owner-action-at" /></Form.Item>
            </Space.Compact>
            <Form.Item name="note" label={t('action.note')} rules={[{ required: true, whitespace: true }]}><Input.TextArea autoSize /></Form.Item>
            <Button htmlType="submit">{t('action.ownerAction')}</Button>
          </Form>
          <Form layout="vertical" size="small" style={{ marginTop: 12 }} onFinish={(v: { text: string }) => post('explanation', { text: v.text })}>
            <Form.Item name="text" label={t('ticket.explanation')} rules={[{ required: true, whitespace: true }]}><Input.TextArea autoSize={{ minRows: 3 }} /></Form.Item>
            <Button htmlType="submit">{t('action.explanation')}</Button>
          </Form>
        </>
      )}
    </Card>
  );
}
