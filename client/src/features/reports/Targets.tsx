import { App, Button, Card, Form, InputNumber, Modal, Table, Tooltip } from 'antd';
import { useState } from 'react';
import { api, type ApiError } from '../../api/client';
import { LoadError, useLoad } from '../../components/common';
import { useReportText } from '../../i18n/reports';
import { useSession } from '../../session';
import { KpiName } from './Overview';
import { formatTarget, type TargetKpi, type TargetsList } from './model';

type Row = TargetsList['units'][number];

/** 目标管理: the targets in force this month for every unit; a manager sets a unit's own, the rest inherit. */
export function TargetsPanel({ month, onChanged }: { month: string; onChanged(): void }) {
  const rt = useReportText();
  const { user, unitName } = useSession();
  const { message } = App.useApp();
  const list = useLoad(() => api<TargetsList>('/api/reports/targets', { query: { month } }), [month]);
  const [editing, setEditing] = useState<Row | null>(null);
  const [form] = Form.useForm<Record<TargetKpi, number | null>>();
  const manager = user.role === 'manager';

  if (list.error) return <LoadError error={list.error} path="/api/reports/targets" retry={list.reload} />;
  const data = list.data;
  const rate = (k: TargetKpi) => data?.kpis.find((x) => x.key === k)?.rate ?? false;

  const open = (row: Row) => {
    const own = data?.own.filter((o) => o.unit_id === row.unit_id) ?? [];
    form.resetFields();
    form.setFieldsValue(Object.fromEntries(data!.kpis.map(({ key }) => {
      const mine = own.find((o) => o.kpi === key);
      return [key, mine ? (rate(key) ? Number((mine.value * 100).toFixed(4)) : mine.value) : null];
    })));
    setEditing(row);
  };
  const save = async () => {
    const values = form.getFieldsValue();
    const own = new Set(data!.own.filter((o) => o.unit_id === editing!.unit_id && o.from_month === month).map((o) => o.kpi));
    const targets: Partial<Record<TargetKpi, number | null>> = {};
    for (const { key } of data!.kpis) {
      const v = values[key];
      if (v === null || v === undefined) {
        if (own.has(key)) targets[key] = null;
      } else targets[key] = rate(key) ? Number((v / 100).toFixed(6)) : v;
    }
    try {
      await api(`/api/reports/targets/${month}`, { method: 'PUT', body: { unit_id: editing!.unit_id, targets } });
      setEditing(null);
      list.reload();
      onChanged();
    } catch (err) {
      message.error((err as ApiError).message);
    }
  };

  return (
    <Card size="small" title={rt('r.tab.targets')} extra={!manager && <span className="muted">{rt('r.managerOnly')}</span>}>
      <Table<Row> size="small" className="dense-table targets-table" rowKey={(r) => String(r.unit_id)} pagination={false} loading={list.loading} dataSource={data?.units ?? []}
        scroll={{ x: 170 + (data?.kpis.length ?? 0) * 110 + 90 }} data-testid="targets-table"
        columns={[
          { title: rt('r.unit'), dataIndex: 'name', fixed: 'left', width: 170, render: (name: string, r: Row) => (r.unit_id === null ? <b>{rt('r.companyDefault')}</b> : name) },
          ...(data?.kpis ?? []).map(({ key }) => ({
            title: <KpiName kpi={key} />, key, width: 110,
            render: (_v: unknown, r: Row) => {
              const t = r.targets[key];
              if (!t) return <span className="muted">—</span>;
              const inherited = t.source_unit_id !== r.unit_id;
              return (
                <Tooltip title={inherited ? rt('r.inherited', { unit: t.source_unit_id === null ? rt('r.company') : unitName(t.source_unit_id) }) : rt('r.own')}>
                  <span className={inherited ? 'muted' : 'target-own'}>{formatTarget(key, t)}</span>
                </Tooltip>
              );
            },
          })),
          { title: '', key: 'edit', width: 90, fixed: 'right', render: (_v, r) => manager && <Button size="small" onClick={() => open(r)} data-testid="target-edit">{rt('r.editTargets')}</Button> },
        ]} />
      <Modal open={editing !== null} title={editing ? rt('r.targetsFor', { unit: editing.unit_id === null ? rt('r.companyDefault') : editing.name, month }) : ''} onCancel={() => setEditing(null)} onOk={() => void save()}>
        <p className="muted">{rt('r.targetsHint')}</p>
        <Form form={form} layout="horizontal" labelCol={{ span: 10 }}>
          {data?.kpis.map(({ key, direction }) => (
            <Form.Item key={key} name={key} label={<KpiName kpi={key} />}>
              <InputNumber min={0} max={rate(key) ? 100 : undefined} step={rate(key) ? 0.1 : 1} placeholder={rt('r.inherit')} style={{ width: 160 }}
                prefix={direction === 'max' ? '≤' : '≥'} suffix={rate(key) ? '%' : undefined} data-target-input={key} />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </Card>
  );
}
