import { Alert, App, Button, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { BulkResult, QueueTicket } from '../../api/desk-types';
import type { User } from '../../api/types';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';

type BulkAction = 'dispatch' | 'assign' | 'comment';
const REASONS = ['stale_version', 'illegal_transition', 'not_found', 'forbidden', 'assignee_not_unit_staff', 'rule', 'conflict', 'bad_request'] as const;
/** A failure's stable code as words; a code this console does not know reads as a rule refusal, never raw. */
const reasonKey = (code: string | null) => `bulk.${REASONS.find((r) => r === code) ?? 'rule'}` as const;

/**
 * What a supervisor (or unit head) does to the selected rows at once. Each ticket is still its
 * own versioned change on the server; the summary names every ticket that failed and why.
 */
export function BulkBar({ selected, onDone }: { selected: QueueTicket[]; onDone(): void }) {
  const { t } = useI18n();
  const { user, units, can } = useSession();
  const { message } = App.useApp();
  const [action, setAction] = useState<BulkAction>(can('tickets.dispatch') ? 'dispatch' : 'assign');
  const [unitId, setUnitId] = useState<number | undefined>();
  const [people, setPeople] = useState<User[]>([]);
  const [assignee, setAssignee] = useState<number | null | undefined>();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<{ result: BulkResult; numbers: Map<number, string> } | null>(null);

  const loadPeople = (unit: number | undefined) => {
    setAssignee(undefined);
    if (unit === undefined) return setPeople([]);
    api<{ items: User[] }>('/api/users', { query: { unit_id: unit } }).then((r) => setPeople(r.items.filter((u) => u.role === 'handler' || u.role === 'unit_head')), () => setPeople([]));
  };
  // assigning works within the tickets' own unit: offer the people of the first selected ticket's unit (or mine)
  const assignUnit = selected.find((row) => row.unit_id !== null)?.unit_id ?? user.unit_id ?? undefined;

  const apply = async () => {
    setBusy(true);
    try {
      const result = await api<BulkResult>('/api/tickets/bulk', {
        method: 'POST',
        body: {
          action, tickets: selected.map((row) => ({ id: row.id, version: row.version })),
          ...(action === 'dispatch' ? { unit_id: unitId, ...(assignee ? { assignee_id: assignee } : {}) } : {}),
          ...(action === 'assign' ? { assignee_id: assignee ?? null } : {}),
          ...(action === 'comment' ? { body } : {}),
        },
      });
      // with failures the summary stays up until read (the selection, and this bar, go when it closes)
      if (result.failed === 0) {
        message.success(t('queues.bulkSummary', { ok: result.succeeded, failed: 0 }));
        onDone();
      } else {
        setSummary({ result, numbers: new Map(selected.map((row) => [row.id, row.number])) });
      }
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  // the bar stays while its summary is up, even when the rows it changed left the list
  if (selected.length === 0 && summary === null) return null;
  const ready = action === 'dispatch' ? unitId !== undefined : action === 'comment' ? body.trim() !== '' : true;
  const actions: BulkAction[] = [...(can('tickets.dispatch') ? ['dispatch' as const] : []), 'assign', 'comment'];
  return (
    <div className="toolbar bulk-bar" data-testid="bulk-bar">
      <b>{t('queues.selected', { count: selected.length })}</b>
      <Select value={action} style={{ width: 130 }} onChange={(v: BulkAction) => { setAction(v); if (v === 'assign') loadPeople(assignUnit); }} data-testid="bulk-action"
        options={actions.map((a) => ({ value: a, label: t(a === 'dispatch' ? 'queues.bulkDispatch' : a === 'assign' ? 'queues.bulkAssign' : 'queues.bulkComment') }))} />
      {action === 'dispatch' && (
        <Select showSearch={{ optionFilterProp: 'label' }} style={{ width: 220 }} placeholder={t('action.unit')} value={unitId} data-testid="bulk-unit"
          onChange={(v: number) => { setUnitId(v); loadPeople(v); }} options={units.map((u) => ({ value: u.id, label: `${u.code} ${u.name}` }))} />
      )}
      {(action === 'assign' || (action === 'dispatch' && people.length > 0)) && (
        <Select style={{ width: 200 }} placeholder={t('queues.person')} value={assignee === null ? 0 : assignee} data-testid="bulk-assignee"
          onChange={(v: number) => setAssignee(v === 0 ? null : v)}
          options={[...(action === 'assign' ? [{ value: 0, label: t('queues.nobody') }] : []), ...people.map((p) => ({ value: p.id, label: p.name }))]} />
      )}
      {action === 'comment' && <Input style={{ width: 320 }} value={body} onChange={(e) => setBody(e.target.value)} placeholder={t('action.comment')} data-testid="bulk-body" />}
      <Button type="primary" disabled={!ready} loading={busy} onClick={() => void apply()} data-testid="bulk-apply">{t('queues.bulkApply')}</Button>
      <Modal open={summary !== null} onCancel={() => { setSummary(null); onDone(); }} onOk={() => { setSummary(null); onDone(); }} cancelButtonProps={{ style: { display: 'none' } }}
        title={summary ? t('queues.bulkSummary', { ok: summary.result.succeeded, failed: summary.result.failed }) : ''}>
        <Space direction="vertical" style={{ width: '100%' }} data-testid="bulk-summary">
          {summary?.result.results.filter((r) => !r.ok).map((r) => (
            <Alert key={r.id} type="error" showIcon
              title={t('queues.bulkFailed', { number: summary.numbers.get(r.id) ?? `#${r.id}`, reason: t(reasonKey(r.code)) })} />
          ))}
        </Space>
      </Modal>
    </div>
  );
}
