import { Alert, App, Button, Card, Checkbox, Descriptions, Drawer, Empty, Form, Input, List, Select, Space, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { DeskHistory, Incident, QueueTicket } from '../../api/desk-types';
import { CATEGORIES, CHANNELS, PAYMENT_CHANNELS, RESPONSIBILITIES, TICKET_TYPES, type Customer, type Ticket } from '../../api/types';
import { StatusTag } from '../../components/common';
import { DateTimeField } from '../../components/DateTimeField';
import { TicketPage } from '../ticket/TicketDetail';
import { useI18n } from '../../i18n';
import { useQueryState } from '../../router';
import { useSession } from '../../session';
import { deskInputToIso, deskNowInput, formatAt } from '../../time';
import { SlaCell } from '../queues/SlaCell';
import { CausePicker, useCauses } from '../tools/CausePicker';
import { TemplateText } from '../tools/TemplateText';

interface IntakeValues {
  phone: string;
  name?: string;
  type: (typeof TICKET_TYPES)[number];
  category?: string;
  channel: string;
  priority: 'normal' | 'urgent';
  description: string;
  unit_id?: number;
  resolve_now?: boolean;
  resolution?: string;
  cause?: string;
  cause_id?: number;
  responsibility?: string;
  payment_channel?: string;
  paid_at?: string;
  confirmed_at?: string;
}

/** The caller as found: history and 360 (open tickets with their SLA, the open incident of their area). */
interface Found {
  state: 'found';
  history: DeskHistory;
  open: QueueTicket[];
  incidents: Incident[];
}
type Lookup = { state: 'idle' } | { state: 'loading' } | { state: 'new'; phone: string } | Found | { state: 'error'; message: string };

const DEFAULTS: Partial<IntakeValues> = { type: 'complaint', channel: 'hotline', priority: 'normal' };

/**
 * Options numbered 1…n: typing the digit (or the English code) and Enter picks one, so the whole
 * form is done from the keyboard without an IME.
 */
function numbered(values: readonly string[], label: (v: string) => string) {
  return values.map((value, i) => ({ value, label: `${i + 1} ${label(value)}`, search: `${i + 1} ${value} ${label(value)}` }));
}
const searchOption = (input: string, option?: { search?: string }) => (option?.search ?? '').toLowerCase().includes(input.toLowerCase());

export function IntakePage() {
  const { t, tv } = useI18n();
  const { units, unitName, can, user } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<IntakeValues>();
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' });
  const [search, setSearch] = useQueryState();
  const callId = search.get('call_id') ?? '';
  const urlPhone = search.get('phone') ?? '';
  const [linkIncident, setLinkIncident] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [last, setLast] = useState<{ ticket: Ticket; unit?: string; seconds: number } | null>(null);
  // a past ticket opened from the caller's history: beside the form, which keeps what was typed
  const [beside, setBeside] = useState<number | null>(null);
  const idempotencyKey = useRef(crypto.randomUUID());
  const startedAt = useRef<number | null>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const type = Form.useWatch('type', form);
  const resolveNow = Form.useWatch('resolve_now', form);
  const paymentChannel = Form.useWatch('payment_channel', form);
  const category = Form.useWatch('category', form);
  const callerName = Form.useWatch('name', form);
  const callerPhone = Form.useWatch('phone', form);
  const causes = useCauses(resolveNow ? category : undefined);
  const hasCauses = (causes?.length ?? 0) > 0;

  const reset = () => {
    form.resetFields();
    setLookup({ state: 'idle' });
    setLinkIncident(null);
    if (urlPhone || callId) setSearch({ phone: null, call_id: null });
    setProblem(null);
    idempotencyKey.current = crypto.randomUUID();
    startedAt.current = null;
    phoneRef.current?.focus();
  };

  const lookUp = async () => {
    const phone = (form.getFieldValue('phone') as string | undefined)?.trim();
    if (!phone) return;
    startedAt.current ??= Date.now();
    setLookup({ state: 'loading' });
    try {
      const found = await api<{ items: Customer[] }>('/api/customers', { query: { phone } });
      const customer = found.items[0];
      if (!customer) {
        setLookup({ state: 'new', phone });
        return;
      }
      // everything the 360 needs at once; the incidents of the caller's area wait for the history
      // only when the customer has no unit on record (then their usual unit is the area)
      const incidentsOf = (unitId: number | null | undefined) => (unitId
        ? api<{ items: Incident[] }>('/api/incidents', { query: { status: 'open', unit_id: unitId } }).then((r) => r.items, () => [])
        : Promise.resolve([] as Incident[]));
      const [history, open, recorded] = await Promise.all([
        api<DeskHistory>(`/api/customers/${customer.id}/history`),
        api<{ items: QueueTicket[] }>('/api/tickets', { query: { customer_id: customer.id, status: 'accepted,dispatched,resolved', limit: 20 } }),
        incidentsOf(customer.unit_id),
      ]);
      const incidents = customer.unit_id ? recorded : await incidentsOf(history.suggested_unit?.unit_id);
      setLookup({ state: 'found', history, open: open.items, incidents });
      if (customer.name) form.setFieldValue('name', customer.name);
      if (history.suggested_unit && form.getFieldValue('unit_id') === undefined) form.setFieldValue('unit_id', history.suggested_unit.unit_id);
    } catch (err) {
      setLookup({ state: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };

  const submit = async (values: IntakeValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const customer = lookup.state === 'found' ? { customer_id: lookup.history.customer.id } : { customer: { phone: values.phone.trim(), ...(values.name ? { name: values.name.trim() } : {}) } };
      const body = {
        type: values.type,
        ...(values.category ? { category: values.category } : {}),
        channel: values.channel,
        priority: values.priority,
        description: values.description,
        ...customer,
        ...(values.type === 'reconnection' && values.payment_channel && values.paid_at ? { payment: {
          channel: values.payment_channel, paid_at: deskInputToIso(values.paid_at),
          ...(values.payment_channel === 'bank' && values.confirmed_at ? { confirmed_at: deskInputToIso(values.confirmed_at) } : {}),
        } } : {}),
        ...(values.resolve_now ? { resolve: clean({ resolution: values.resolution, cause: values.cause, cause_id: values.cause_id, responsibility: values.responsibility }) } : {}),
        ...(callId ? { call_id: callId } : {}),
      };
      let ticket = await api<Ticket>('/api/tickets', { method: 'POST', body, idempotencyKey: idempotencyKey.current });
      if (linkIncident !== null) await api(`/api/incidents/${linkIncident}/tickets`, { method: 'POST', body: { ticket_id: ticket.id } });
      let unit: string | undefined;
      if (values.unit_id && !values.resolve_now) {
        ticket = await api<Ticket>(`/api/tickets/${ticket.id}/dispatch`, { method: 'POST', ifMatch: ticket.version, body: { unit_id: values.unit_id } });
        unit = unitName(values.unit_id);
      }
      const seconds = startedAt.current ? Math.round((Date.now() - startedAt.current) / 1000) : 0;
      setLast({ ticket, unit, seconds });
      message.success(unit ? t('intake.acceptedDispatched', { number: ticket.number, unit }) : t('intake.accepted', { number: ticket.number }));
      reset();
    } catch (err) {
      setProblem(err instanceof ApiError ? err : new ApiError({ title: 'Error', status: 0, detail: String(err) }));
    } finally {
      setBusy(false);
    }
  };

  // Caller pop and /intake?phone=: the number from the URL is looked up at once.
  useEffect(() => {
    if (!urlPhone) return;
    form.setFieldValue('phone', urlPhone);
    void lookUp();
  }, [urlPhone, callId]);

  const urge = async (ticket: QueueTicket) => {
    try {
      const urged = await api<QueueTicket>(`/api/tickets/${ticket.id}/urge`, { method: 'POST', body: {} });
      message.success(t('intake.urged', { number: ticket.number, count: urged.urge_count ?? 0 }));
      setLookup((prev) => (prev.state === 'found' ? { ...prev, open: prev.open.map((row) => (row.id === ticket.id ? { ...urged, sla: row.sla } : row)) } : prev));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  // Ctrl+Enter accepts from any field; Esc clears for the next caller.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        form.submit();
      } else if (e.key === 'Escape' && beside === null && !document.querySelector('.ant-select-open, .ant-modal-wrap, .ant-drawer-open')) {
        reset();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!can('tickets.create')) return <Alert type="info" title={t('common.notAvailable')} />;
  const needsCategory = type === 'complaint';

  return (
    <div className="grid-2">
      <Card size="small" title={<Space>{t('intake.title')}{callId && <Tag color="blue" data-testid="call-id">{t('intake.callId', { callId })}</Tag>}</Space>}
        extra={<span className="muted"><span className="kbd">Ctrl+Enter</span> · <span className="kbd">Esc</span></span>}>
        <Form form={form} layout="vertical" size="small" initialValues={DEFAULTS} onFinish={submit} requiredMark={false} data-testid="intake-form"
          onValuesChange={() => { startedAt.current ??= Date.now(); }}>
          <Form.Item name="phone" label={t('intake.phone')} rules={[{ required: true, pattern: /^\+?[0-9][0-9-]{4,19}$/ }]}>
            <Input.Search ref={(el) => { phoneRef.current = el?.input ?? null; }} autoFocus placeholder={t('intake.phonePlaceholder')} enterButton={t('intake.lookup')}
              onSearch={() => void lookUp()} onPressEnter={(e) => { e.preventDefault(); void lookUp(); }} data-testid="phone" data-search inputMode="tel" />
          </Form.Item>
          {lookup.state !== 'found' && (
            <Form.Item name="name" label={t('intake.customerName')}>
              <Input data-testid="customer-name" />
            </Form.Item>
          )}
          <Space.Compact block>
            <Form.Item name="type" label={t('intake.type')} style={{ flex: 1 }}>
              <Select options={numbered(TICKET_TYPES, (v) => tv('type', v))} showSearch={{ filterOption: searchOption }} data-testid="type" />
            </Form.Item>
            <Form.Item name="category" label={t('intake.category')} style={{ flex: 1 }} rules={[{ required: needsCategory }]}>
              <Select options={numbered(CATEGORIES, (v) => tv('category', v))} showSearch={{ filterOption: searchOption }} allowClear data-testid="category" />
            </Form.Item>
            <Form.Item name="channel" label={t('intake.channel')} style={{ flex: 1 }}>
              <Select options={numbered(CHANNELS, (v) => tv('channel', v))} showSearch={{ filterOption: searchOption }} data-testid="channel" />
            </Form.Item>
            <Form.Item name="priority" label={t('intake.priority')} style={{ width: 110 }}>
              <Select options={numbered(['normal', 'urgent'], (v) => tv('priority', v))} showSearch={{ filterOption: searchOption }} data-testid="priority" />
            </Form.Item>
          </Space.Compact>
          {type === 'reconnection' && (
            <Space.Compact block>
              <Form.Item name="payment_channel" label={t('intake.paymentChannel')} style={{ flex: 1 }} rules={[{ required: true }]}>
                <Select options={numbered(PAYMENT_CHANNELS, (v) => tv('payment', v))} showSearch={{ filterOption: searchOption }} />
              </Form.Item>
              <Form.Item name="paid_at" label={t('intake.paidAt')} style={{ flex: 1 }} rules={[{ required: true }]} initialValue={deskNowInput()}>
                <DateTimeField data-testid="paid-at" />
              </Form.Item>
              {paymentChannel === 'bank' && (
                <Form.Item name="confirmed_at" label={t('desk.bankConfirmedAt')} style={{ flex: 1 }}>
                  <Input type="datetime-local" data-testid="bank-confirmed-at" />
                </Form.Item>
              )}
            </Space.Compact>
          )}
          <Form.Item name="description" label={t('intake.description')} rules={[{ required: true, whitespace: true, max: 4000 }]}>
            <TemplateText purpose="description" category={category} type={type} minRows={3} data-testid="description"
              values={{ customer_name: callerName || (lookup.state === 'found' ? lookup.history.customer.name ?? undefined : undefined), customer_phone: callerPhone, agent_name: user.name }} />
          </Form.Item>
          <Form.Item name="resolve_now" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox data-testid="resolve-now">{t('intake.resolveNow')}</Checkbox>
          </Form.Item>
          {resolveNow ? (
            <>
              <Form.Item name="resolution" label={t('intake.resolution')} rules={[{ required: true, whitespace: true }]}>
                <TemplateText purpose="resolution" category={category} type={type} data-testid="intake-resolution"
                  values={{ customer_name: callerName || (lookup.state === 'found' ? lookup.history.customer.name ?? undefined : undefined), customer_phone: callerPhone, agent_name: user.name }} />
              </Form.Item>
              {hasCauses && (
                <Form.Item name="cause_id" label={t('tools.cause')} rules={[{ required: type === 'complaint', message: t('tools.causeRequired') }]}>
                  <CausePicker causes={causes ?? []} />
                </Form.Item>
              )}
              <Space.Compact block>
                <Form.Item name="cause" label={hasCauses ? t('tools.causeTextOptional') : t('intake.cause')} style={{ flex: 2 }} rules={[{ required: !hasCauses, whitespace: true }]}><Input /></Form.Item>
                <Form.Item name="responsibility" label={t('intake.responsibility')} style={{ flex: 1 }} rules={[{ required: true }]}>
                  <Select options={numbered(RESPONSIBILITIES, (v) => tv('responsibility', v))} showSearch={{ filterOption: searchOption }} />
                </Form.Item>
              </Space.Compact>
            </>
          ) : (
            can('tickets.dispatch') && (
              <Form.Item name="unit_id" label={t('intake.dispatchTo')}>
                <Select allowClear showSearch={{ filterOption: searchOption }} data-testid="dispatch-unit"
                  options={units.map((u) => ({ value: u.id, label: `${u.code} ${u.name}`, search: `${u.code} ${u.name}` }))} />
              </Form.Item>
            )
          )}
          {problem && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={t('common.error', { detail: problem.message })} data-testid="intake-error" />}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="accept">{t('intake.submit')}</Button>
            <Button onClick={reset}>{t('intake.reset')}</Button>
            {last && (
              <span data-testid="last-accepted">
                <a href={`/tickets/${last.ticket.id}`} onClick={(e) => { e.preventDefault(); setBeside(last.ticket.id); }} data-testid="ticket-link">{last.ticket.number}</a> {last.unit ? `→ ${last.unit}` : ''} <span className="muted">{t('intake.elapsed', { seconds: last.seconds })}</span>
              </span>
            )}
          </Space>
        </Form>
      </Card>
      <CustomerCard lookup={lookup} onOpen={setBeside} onUrge={urge} linkIncident={linkIncident} onLinkIncident={setLinkIncident} />
      <Drawer open={beside !== null} onClose={() => setBeside(null)} size="large" mask={false} destroyOnHidden data-testid="history-drawer"
        title={t('intake.pastComplaints')} afterOpenChange={(open) => { if (!open) phoneRef.current?.focus(); }}>
        {beside !== null && <TicketPage key={beside} id={beside} />}
      </Drawer>
    </div>
  );
}

function CustomerCard({ lookup, onOpen, onUrge, linkIncident, onLinkIncident }: { lookup: Lookup; onOpen(id: number): void; onUrge(ticket: QueueTicket): void; linkIncident: number | null; onLinkIncident(id: number | null): void }) {
  const { t, tv } = useI18n();
  const { unitName, can } = useSession();
  if (lookup.state === 'idle') return <Card size="small"><Empty description={t('intake.phonePlaceholder')} /></Card>;
  if (lookup.state === 'loading') return <Card size="small" loading />;
  if (lookup.state === 'error') return <Alert type="error" title={t('common.error', { detail: lookup.message })} />;
  if (lookup.state === 'new') return <Card size="small" data-testid="customer-card"><Alert type="info" title={t('intake.newCustomer')} description={lookup.phone} /></Card>;
  const { customer, complaints, repeat_complaint, repeat_window_days, suggested_unit: suggested } = lookup.history;
  const open = lookup.open;
  return (
    <Card size="small" data-testid="customer-card"
      title={<Space>{customer.name ?? customer.phone}<Tag color={customer.tier === 'standard' ? 'default' : 'red'}>{tv('tier', customer.tier)}</Tag>
        {repeat_complaint && <Tag color="volcano" data-testid="repeat-flag">{t('intake.repeat')}</Tag>}</Space>}>
      {lookup.incidents.map((incident) => (
        <Alert key={incident.id} type="warning" showIcon style={{ marginBottom: 8 }} data-testid="incident-banner"
          title={t('intake.incident', { title: incident.title })}
          description={<span className="description">{incident.explanation_wording ? t('intake.incidentWording', { wording: incident.explanation_wording }) : t('intake.incidentNoWording')}</span>}
          action={linkIncident === incident.id
            ? <Button size="small" onClick={() => onLinkIncident(null)} data-testid="link-incident">{t('intake.linkedIncident')}</Button>
            : <Button size="small" type="primary" onClick={() => onLinkIncident(incident.id)} data-testid="link-incident">{t('intake.linkIncident')}</Button>} />
      ))}
      {repeat_complaint && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('intake.repeatHint', { days: repeat_window_days })} />}
      {open.length > 0 && can('tickets.create') && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('intake.urgeHint')} />}
      <Descriptions size="small" column={2} items={[
        { key: 'phone', label: t('intake.phone'), children: <span style={{ whiteSpace: 'nowrap' }}>{customer.phone}</span> },
        { key: 'account', label: t('intake.accountNo'), children: customer.account_no ?? '—' },
        { key: 'area', label: t('intake.area'), children: tv('area', customer.area) || '—' },
        ...(suggested ? [{ key: 'suggested', label: t('intake.suggestedLabel'), children: <span data-testid="suggested-unit">{unitName(suggested.unit_id)} <span className="muted">{t(suggested.source === 'customer_record' ? 'intake.suggestedRecord' : 'intake.suggestedPast')}</span></span> }] : []),
      ]} />
      <List size="small" header={<b>{t('intake.openTickets')} ({open.length})</b>} dataSource={open} locale={{ emptyText: t('common.none') }} data-testid="open-tickets"
        renderItem={(x) => (
          <List.Item data-ticket={x.id} actions={x.status === 'accepted' || x.status === 'dispatched' ? [
            <Button key="urge" size="small" danger onClick={() => onUrge(x)} data-testid="urge">{t('intake.urge')}{(x.urge_count ?? 0) > 0 ? ` (${x.urge_count})` : ''}</Button>,
          ] : []}>
            <div style={{ width: '100%' }}>
              <Space wrap><HistoryLink ticket={x} onOpen={onOpen} /><StatusTag status={x.status} />{tv('category', x.category)}<span className="muted">{unitName(x.unit_id)}</span><SlaCell sla={x.sla} /></Space>
              <div className="description muted" style={{ marginTop: 2 }}>{x.description}</div>
            </div>
          </List.Item>
        )} />
      <List size="small" header={<b>{t('intake.pastComplaints')} ({complaints.length})</b>} dataSource={complaints} locale={{ emptyText: t('intake.noHistory') }}
        renderItem={(x) => <List.Item><Space><HistoryLink ticket={x} onOpen={onOpen} /><StatusTag status={x.status} />{tv('category', x.category)}<span className="muted">{formatAt(x.created_at, 'YYYY-MM-DD')}</span></Space></List.Item>} />
    </Card>
  );
}

/** Opens a past ticket in the drawer beside the form (a new tab with Ctrl or the middle button). */
function HistoryLink({ ticket, onOpen }: { ticket: Pick<Ticket, 'id' | 'number'>; onOpen(id: number): void }) {
  return (
    <a href={`/tickets/${ticket.id}`} data-testid="history-link" data-ticket={ticket.id}
      onClick={(e) => { if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return; e.preventDefault(); onOpen(ticket.id); }}>{ticket.number}</a>
  );
}

/** Leaves out what was not filled (the server refuses empty strings). */
function clean<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<T>;
}
