import { App, Button, Card, Checkbox, Empty, Input, Modal, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { api, type ApiError } from '../../api/client';
import { LoadError, useLoad } from '../../components/common';
import { useReportText } from '../../i18n/reports';
import { linkProps } from '../../router';
import { useSession } from '../../session';
import type { Rectification, RectificationItem } from './model';

export function RectificationStatus({ item }: { item: Rectification }) {
  const rt = useReportText();
  if (item.done) return <Tag color="green" data-rect-status="done">{rt('r.rectDone')}</Tag>;
  if (item.overdue) return <Tag color="red" data-rect-status="overdue">{rt('r.rectOverdue')}</Tag>;
  return <Tag color="blue" data-rect-status="open">{rt('r.rectOpen')}</Tag>;
}

/** The rectification items of the month: still open from earlier months (carried over) and done in it. */
export function RectificationsPanel({ month, unitId }: { month: string; unitId: number | null }) {
  const rt = useReportText();
  const { can, user } = useSession();
  const { message } = App.useApp();
  const [mine, setMine] = useState(user.role === 'unit_head');
  const list = useLoad(() => api<{ items: RectificationItem[] }>('/api/reports/rectifications', { query: { month, unit_id: unitId ?? undefined, mine: mine ? 'true' : undefined } }), [month, unitId, mine]);
  const [closing, setClosing] = useState<RectificationItem | null>(null);
  const [evidence, setEvidence] = useState('');
  const canRectify = can('reports.rectify');

  const patch = async (item: RectificationItem, body: { done?: boolean; evidence?: string }) => {
    try {
      await api(`/api/reports/rectifications/${item.id}`, { method: 'PATCH', body });
      setClosing(null);
      list.reload();
    } catch (err) {
      message.error((err as ApiError).message);
    }
  };

  if (list.error) return <LoadError error={list.error} path="/api/reports/rectifications" retry={list.reload} />;
  return (
    <Card size="small" title={rt('r.tab.rectifications')} extra={<Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)} data-testid="rect-mine">{rt('r.mine')}</Checkbox>}>
      <Table<RectificationItem> size="small" className="dense-table" rowKey="id" pagination={false} loading={list.loading} dataSource={list.data?.items ?? []}
        data-testid="rectifications" locale={{ emptyText: <Empty description={rt('r.noRect')} /> }}
        rowClassName={(r) => (r.overdue ? 'row-overdue' : r.done ? 'row-done' : '')}
        onRow={(r) => ({ 'data-rect': r.id } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: rt('r.ticket'), dataIndex: 'ticket_number', width: 150, render: (v: string, r) => <a {...linkProps(`/tickets/${r.ticket_id}`)}>{v}</a> },
          { title: rt('r.unit'), dataIndex: 'unit_name', width: 130, render: (v: string | null) => v ?? '—' },
          { title: rt('r.rectDescription'), dataIndex: 'description', render: (v: string, r) => <>{v} {r.carried_over && <Tag>{rt('r.carriedOver')}</Tag>}</> },
          { title: rt('r.rectOwner'), dataIndex: 'owner_name', width: 100 },
          { title: rt('r.rectDue'), dataIndex: 'due_on', width: 105, sorter: (a, b) => a.due_on.localeCompare(b.due_on) },
          { title: rt('r.rectStatus'), key: 'status', width: 90, render: (_v, r) => <RectificationStatus item={r} /> },
          { title: rt('r.rectEvidence'), dataIndex: 'evidence', width: 200, ellipsis: { showTitle: false }, render: (v: string | null) => (v ? <Tooltip title={v}>{v}</Tooltip> : '—') },
          {
            title: '', key: 'act', width: 100,
            render: (_v, r) => canRectify && (r.done
              ? <Button size="small" type="link" onClick={() => void patch(r, { done: false })}>{rt('r.reopen')}</Button>
              : <Button size="small" type="primary" onClick={() => { setClosing(r); setEvidence(r.evidence ?? ''); }} data-testid="rect-close">{rt('r.close')}</Button>),
          },
        ]} />
      <Modal open={closing !== null} title={closing ? rt('r.closeTitle', { what: closing.description }) : ''} onCancel={() => setClosing(null)}
        okButtonProps={{ disabled: evidence.trim() === '', 'data-testid': 'rect-confirm' } as { disabled: boolean }} onOk={() => closing && void patch(closing, { evidence: evidence.trim(), done: true })}>
        <p className="muted">{rt('r.evidenceNeeded')}</p>
        <Input.TextArea rows={3} value={evidence} onChange={(e) => setEvidence(e.target.value)} maxLength={4000} data-testid="rect-evidence" />
      </Modal>
    </Card>
  );
}
