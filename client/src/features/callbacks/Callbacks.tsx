import { Alert, App, Button, Card, Input, Segmented, Space, Switch, Table, Tag } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { api, ApiError } from '../../api/client';
import type { CallbackAgent, CallbackPolicy } from '../../api/desk-types';
import { OUTCOMES, type CallbackWorkItem, type Page, type TicketDetail } from '../../api/types';
import { Countdown, LoadError, TicketLink, useLoad, useThrottled } from '../../components/common';
import { useI18n } from '../../i18n';
import { useRealtimeEvents, useResync } from '../../realtime/socket';
import { useQueryState } from '../../router';
import { useSession } from '../../session';
import { formatAt, useNow } from '../../time';

const VIEWS = ['mine', 'unassigned', 'late', 'all', 'scheduled', 'done'] as const;
type View = (typeof VIEWS)[number];
const VIEW_LABEL = {
  mine: 'callbacks.viewMine', unassigned: 'callbacks.viewUnassigned', late: 'callbacks.viewLate', all: 'callbacks.viewAll', scheduled: 'callbacks.viewScheduled', done: 'callbacks.viewDone',
} as const;

function queryOf(view: View): { state: string; assignee_id?: string } {
  switch (view) {
    case 'mine': return { state: 'due', assignee_id: 'me' };
    case 'unassigned': return { state: 'due', assignee_id: 'none' };
    case 'scheduled': return { state: 'scheduled' };
    case 'done': return { state: 'done' };
    default: return { state: 'due' };
  }
}

/** Whether the desk's clock is inside callable hours (HH:mm strings compare as times). */
function callableNow(policy: CallbackPolicy | undefined, now: number): boolean {
  if (!policy) return true;
  const hhmm = formatAt(new Date(now).toISOString(), 'HH:mm');
  return hhmm >= policy.callable_hours.from && hhmm < policy.callable_hours.until;
}

/**
 * The callback work list: mine, unassigned and late, each row counting down to its due time;
 * the outcome is recorded on the row, with the callback script (话术) beside it. Agents go on and
 * off callback duty here.
 */
export function CallbacksPage() {
  const { t, tv } = useI18n();
  const { user, userName, unitName, can } = useSession();
  const { message } = App.useApp();
  const [search, setSearch] = useQueryState();
  const desk = can('tickets.callback');
  const view = (search.get('view') as View | null) ?? (desk ? 'mine' : 'all');
  const list = useLoad(() => api<Page<CallbackWorkItem>>('/api/callbacks', { query: { ...queryOf(view), limit: 200 } }), [view]);
  const policy = useLoad(() => api<CallbackPolicy>('/api/callbacks/policy').catch(() => undefined), []);
  const agents = useLoad(() => (desk ? api<CallbackAgent[]>('/api/callbacks/agents') : Promise.resolve([])), [desk]);
  const [selected, setSelected] = useState<CallbackWorkItem | null>(null);
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const now = useNow();
  const reloadSoon = useThrottled(list.reload, 1000);
  useResync(list.reload);
  useRealtimeEvents(['callback.due', 'ticket.updated'], reloadSoon);

  const rows = (list.data?.items ?? []).filter((r) => view !== 'late' || r.late);
  // an agent who never went on duty has no row yet: off duty
  const onDuty = agents.data?.find((a) => a.user_id === user.id)?.on_duty ?? false;

  useEffect(() => {
    setTicket(null);
    setNote('');
    if (selected) api<TicketDetail>(`/api/tickets/${selected.ticket_id}`).then(setTicket, () => setTicket(null));
  }, [selected?.id]);

  const setDuty = async (onDuty: boolean) => {
    try {
      await api(`/api/callbacks/agents/${user.id}`, { method: 'PUT', body: { on_duty: onDuty } });
      message.success(t(onDuty ? 'callbacks.dutyOn' : 'callbacks.dutyOff'));
      agents.reload();
      list.reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const record = async (row: CallbackWorkItem, outcome: (typeof OUTCOMES)[number]) => {
    setBusy(`${row.id}:${outcome}`);
    try {
      // the outcome acts on the ticket as it is now: its version is read just before
      const current = ticket?.id === row.ticket_id ? ticket : await api<TicketDetail>(`/api/tickets/${row.ticket_id}`);
      await api(`/api/tickets/${row.ticket_id}/callback`, { method: 'POST', ifMatch: current.version, body: { outcome, ...(note.trim() && selected?.id === row.id ? { note: note.trim() } : {}) } });
      message.success(t('callbacks.recorded', { outcome: tv('outcome', outcome) }));
      setSelected(null);
      list.reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };

  const hours = policy.data?.callable_hours;
  return (
    <div>
      <div className="toolbar">
        <b>{t('callbacks.title')}</b>
        <Segmented value={view} onChange={(v) => setSearch({ view: String(v) })} options={VIEWS.map((v) => ({ value: v, label: t(VIEW_LABEL[v]) }))} data-testid="callback-view" />
        <Button onClick={list.reload} loading={list.loading}>{t('common.refresh')}</Button>
        {desk && agents.data && (
          <Space>
            <span>{t('callbacks.duty')}</span>
            <Switch checked={onDuty} onChange={(on) => void setDuty(on)} data-testid="duty" checkedChildren={t('callbacks.onDuty')} unCheckedChildren={t('callbacks.offDuty')} />
          </Space>
        )}
      </div>
      {hours && !callableNow(policy.data, now) && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} data-testid="outside-hours" title={t('callbacks.outsideHours', { from: hours.from, until: hours.until })} />
      )}
      {list.error ? <LoadError error={list.error} path="/api/callbacks" retry={list.reload} /> : (
        <div className={selected ? 'callbacks-grid' : ''}>
          <div data-testid="callbacks">
            <Table<CallbackWorkItem> size="small" className="dense-table" rowKey="id" pagination={false} dataSource={rows} scroll={{ x: 1150 }} loading={list.loading && !list.data}
              locale={{ emptyText: t('callbacks.empty') }}
              rowClassName={(r) => (r.id === selected?.id ? 'ant-table-row-selected' : '')}
              onRow={(r) => ({ onClick: () => setSelected(r), 'data-callback': r.id } as HTMLAttributes<HTMLElement>)}
              columns={[
                { title: t('col.ticket'), dataIndex: 'ticket_number', width: 150, render: (v: string, r) => <><TicketLink ticket={{ id: r.ticket_id, number: v }} />{(r.owner_duties_missing ?? []).length > 0 && r.state !== 'done' && (
                  <Tag color="orange" style={{ marginLeft: 4 }} data-testid="owner-duties-tag">{t('duties.tag', { missing: r.owner_duties_missing!.map((m) => tv('missing', m)).join(t('duties.separator')) })}</Tag>)}</> },
                { title: t('col.customer'), key: 'customer', width: 190, render: (_v, r) => <>{r.customer_phone} <span className="muted">{r.customer_name}</span>{r.customer_requested ? <Tag style={{ marginLeft: 4 }}>☎</Tag> : null}</> },
                { title: t('col.unit'), dataIndex: 'unit_id', width: 120, ellipsis: true, render: (v: number | null) => unitName(v) },
                { title: t('queues.round'), dataIndex: 'handling_round', width: 70, render: (v: number) => (v > 1 ? <Tag color="magenta">{t('queues.roundSecond')}</Tag> : t('queues.roundFirst')) },
                { title: t('col.attempt'), dataIndex: 'attempt', width: 50 },
                { title: t('col.due'), dataIndex: 'due_at', width: 95, render: (v: string) => formatAt(v) },
                {
                  title: t('callbacks.dueIn'), key: 'countdown', width: 170,
                  render: (_v, r) => (r.state === 'done' ? <Tag>{tv('outcome', r.outcome)}</Tag>
                    : <><Countdown due={r.due_at} />{r.late && <Tag color="red" style={{ marginLeft: 4 }}>{t('callbacks.late')}</Tag>}</>),
                },
                { title: t('queues.assignee'), dataIndex: 'assignee_id', width: 90, render: (v: number | null) => userName(v) || '—' },
                ...(desk && view !== 'done' && view !== 'scheduled' ? [{
                  title: t('action.outcome'), key: 'outcome', width: 230,
                  render: (_v: unknown, r: CallbackWorkItem) => (
                    <Space size={4} onClick={(e) => e.stopPropagation()}>
                      {OUTCOMES.map((o) => (
                        <Button key={o} size="small" danger={o === 'unsatisfied'} type={o === 'satisfied' ? 'primary' : 'default'} loading={busy === `${r.id}:${o}`}
                          onClick={() => void record(r, o)} data-outcome={o}>{tv('outcome', o)}</Button>
                      ))}
                    </Space>
                  ),
                }] : []),
              ]} />
          </div>
          {selected && (
            <Card size="small" className="script-card" title={t('callbacks.script')} data-testid="script"
              extra={<Button size="small" type="text" onClick={() => setSelected(null)} aria-label={t('common.cancel')}>×</Button>}>
              <p className="description">{t('callbacks.scriptText', {
                number: selected.ticket_number,
                category: ticket ? tv('category', ticket.category) : tv('type', selected.ticket_type),
                date: ticket ? formatAt(ticket.created_at, 'M月D日') : '',
              })}</p>
              {ticket?.resolution && <Alert type="success" style={{ marginBottom: 8 }} title={ticket.resolution} />}
              <p className="muted">{t('callbacks.scriptUnsatisfied')}</p>
              <p className="muted">{t('callbacks.scriptUnreachable')}</p>
              {desk && selected.state !== 'done' && (
                <>
                  <Input.TextArea autoSize value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('action.note')} data-testid="callback-note" />
                  <Space style={{ marginTop: 8 }}>
                    {OUTCOMES.map((o) => (
                      <Button key={o} danger={o === 'unsatisfied'} type={o === 'satisfied' ? 'primary' : 'default'} loading={busy === `${selected.id}:${o}`}
                        onClick={() => void record(selected, o)} data-script-outcome={o}>{tv('outcome', o)}</Button>
                    ))}
                  </Space>
                </>
              )}
            </Card>
          )}
        </div>
      )}
    </div>
  );
}
