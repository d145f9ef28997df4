import { App, Button, Form, Input, Select, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { Status, Ticket, TicketDetail } from '../../api/types';
import { useI18n } from '../../i18n';
import { linkProps } from '../../router';
import { useSession } from '../../session';

/**
 * 接单 on the ticket page: a handler takes an unworked dispatched ticket of the unit, its worker gives
 * it back; a unit head may take over or hand back any. The version shown is sent as If-Match.
 */
export function ClaimButton({ ticket, onDone, onConflict }: { ticket: TicketDetail; onDone(): void; onConflict(c: { status: Status; version: number }): void }) {
  const { t } = useI18n();
  const { user } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const staff = user.role === 'handler' || user.role === 'unit_head';
  if (!staff || ticket.status !== 'dispatched') return null;
  const mine = ticket.assignee_id === user.id;
  const head = user.role === 'unit_head';
  const action = mine || (head && ticket.assignee_id !== null) ? 'release' : ticket.assignee_id === null || head ? 'claim' : null;
  if (action === null) return null;
  const run = async (path: 'claim' | 'release') => {
    setBusy(true);
    try {
      await api(`/api/tickets/${ticket.id}/${path}`, { method: 'POST', ifMatch: ticket.version, body: {} });
      message.success(t('action.done'));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.problem.code === 'stale_version') {
        const fresh = await api<TicketDetail>(`/api/tickets/${ticket.id}`).catch(() => ticket);
        onConflict({ status: fresh.status, version: fresh.version });
      } else message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={4}>
      {action === 'claim' ? (
        <Button size="small" type="primary" loading={busy} onClick={() => run('claim')} data-testid="claim">{ticket.assignee_id === null ? t('tools.claim') : t('tools.takeOver')}</Button>
      ) : (
        <Button size="small" loading={busy} onClick={() => run('release')} data-testid="release">{t('tools.release')}</Button>
      )}
      {head && action === 'release' && !mine && (
        <Button size="small" loading={busy} onClick={() => run('claim')} data-testid="claim">{t('tools.takeOver')}</Button>
      )}
    </Space>
  );
}

/** The tickets a merge links to this one, both ways, as links. */
export function Related({ related }: { related: TicketDetail['related'] }) {
  const { t } = useI18n();
  if (related.length === 0) return null;
  return (
    <span data-testid="related">
      {(['merged_into', 'merged_from'] as const).map((relation) => {
        const list = related.filter((r) => r.relation === relation);
        if (list.length === 0) return null;
        return (
          <span key={relation} style={{ marginRight: 8 }}>
            <span className="muted">{t(`tools.relation.${relation}`)}</span>{' '}
            {list.map((r) => <Tag key={r.ticket_id} color={relation === 'merged_into' ? 'purple' : 'blue'}><a {...linkProps(`/tickets/${r.ticket_id}`)} data-related={relation}>{r.number}</a></Tag>)}
          </span>
        );
      })}
    </span>
  );
}

/** The merge form's fields: the customer's other tickets still open, and a note. */
export function MergeFields({ ticket }: { ticket: TicketDetail }) {
  const { t, tv } = useI18n();
  const [candidates, setCandidates] = useState<Ticket[] | null>(null);
  useEffect(() => {
    api<{ items: Ticket[] }>('/api/tickets', { query: { customer_id: ticket.customer_id, status: 'accepted,dispatched,resolved', limit: 50 } })
      .then((r) => setCandidates(r.items.filter((x) => x.id !== ticket.id)), () => setCandidates([]));
  }, [ticket.customer_id, ticket.id]);
  return (
    <>
      <p className="muted" style={{ marginTop: 0 }}>{t('tools.mergeHint')}</p>
      <Form.Item name="into_ticket_id" label={t('tools.mergeInto')} rules={[{ required: true }]}>
        <Select loading={candidates === null} data-testid="merge-into" notFoundContent={t('tools.mergeNone')} showSearch={{ optionFilterProp: 'search' }}
          options={(candidates ?? []).map((c) => ({
            value: c.id, search: `${c.number} ${c.description}`,
            label: <span data-candidate={c.number}>{c.number} · {tv('status', c.status)} · {c.description.slice(0, 30)}</span>,
          }))} />
      </Form.Item>
      <Form.Item name="note" label={t('action.note')}><Input.TextArea autoSize /></Form.Item>
    </>
  );
}
