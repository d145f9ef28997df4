import { Tag } from 'antd';
import { api } from '../../api/client';
import { useLoad } from '../../components/common';
import { useI18n } from '../../i18n';
import { useBoardText } from '../../i18n/board';
import { useSession } from '../../session';
import type { QueueFilters } from './filters';

export interface BoardFilters {
  chips: { keys: string[]; label: string }[];
}

/** The filters an SLA board number set (see features/board/model.ts), as removable chips. */
export function useBoardFilters(values: QueueFilters): BoardFilters {
  const bt = useBoardText();
  const { tv } = useI18n();
  const { unitName } = useSession();
  const policies = useLoad(() => (values.sla_policy ? api<{ items: { key: string; name: string }[] }>('/api/sla-policies') : Promise.resolve({ items: [] })), [values.sla_policy]);
  const policyName = (key: string) => policies.data?.items.find((p) => p.key === key)?.name ?? key;
  const chips: BoardFilters['chips'] = [];
  // the unit itself without its subtree is the board's own filter; a unit's subtree shows in the toolbar's unit field
  if (values.unit_id && values.subtree === false) chips.push({ keys: ['unit_id', 'subtree'], label: bt('board.self', { unit: unitName(values.unit_id) }) });
  if (values.no_unit) chips.push({ keys: ['no_unit'], label: bt('board.undispatched') });
  if (values.sla_policy) chips.push({ keys: ['sla_policy'], label: values.sla_policy.split(',').map(policyName).join('、') });
  if (values.payment_channel) chips.push({ keys: ['payment_channel'], label: values.payment_channel.split(',').map((c) => tv('payment', c)).join('、') });
  if (values.area) chips.push({ keys: ['area'], label: tv('area', values.area) });
  const slaStates = values.sla_state ? values.sla_state.split(',') : [];
  if (slaStates.length > 0) chips.push({ keys: ['sla_state'], label: `SLA: ${slaStates.map((s) => bt(`board.${s as 'ok'}`)).join('、')}` });
  return { chips };
}

/** What the board narrowed the queue to, each removable. */
export function BoardFilterChips({ filters, onClear }: { filters: BoardFilters; onClear(keys: string[]): void }) {
  if (filters.chips.length === 0) return null;
  return (
    <div className="toolbar" data-testid="board-filters">
      {filters.chips.map((chip) => (
        <Tag key={chip.keys.join()} closable color="blue" onClose={(e) => { e.preventDefault(); onClear(chip.keys); }} data-filter={chip.keys[0]}>{chip.label}</Tag>
      ))}
    </div>
  );
}
