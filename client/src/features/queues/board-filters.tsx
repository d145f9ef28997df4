import { Tag } from 'antd';
import { api } from '../../api/client';
import { useLoad } from '../../components/common';
import { useI18n } from '../../i18n';
import { useBoardText } from '../../i18n/board';
import { useSession } from '../../session';

/** The queue filters an SLA board number links to, read from the URL (see features/board/model.ts). */
const KEYS = ['unit_id', 'subtree', 'no_unit', 'sla_state', 'sla_policy', 'payment_channel', 'area'] as const;

export interface BoardFilters {
  query: Record<string, string | undefined>;
  /** changes whenever any of them does (a dependency for the queue's load) */
  key: string;
  slaStates: string[];
  chips: { keys: string[]; label: string }[];
}

export function useBoardFilters(search: URLSearchParams): BoardFilters {
  const bt = useBoardText();
  const { tv } = useI18n();
  const { unitName } = useSession();
  const values = Object.fromEntries(KEYS.map((k) => [k, search.get(k) ?? undefined])) as Record<(typeof KEYS)[number], string | undefined>;
  const policies = useLoad(() => (values.sla_policy ? api<{ items: { key: string; name: string }[] }>('/api/sla-policies') : Promise.resolve({ items: [] })), [values.sla_policy]);
  const policyName = (key: string) => policies.data?.items.find((p) => p.key === key)?.name ?? key;
  const chips: BoardFilters['chips'] = [];
  if (values.unit_id) chips.push({ keys: ['unit_id', 'subtree'], label: values.subtree === 'false' ? bt('board.self', { unit: unitName(Number(values.unit_id)) }) : unitName(Number(values.unit_id)) });
  if (values.no_unit) chips.push({ keys: ['no_unit'], label: bt('board.undispatched') });
  if (values.sla_policy) chips.push({ keys: ['sla_policy'], label: values.sla_policy.split(',').map(policyName).join('、') });
  if (values.payment_channel) chips.push({ keys: ['payment_channel'], label: values.payment_channel.split(',').map((c) => tv('payment', c)).join('、') });
  if (values.area) chips.push({ keys: ['area'], label: tv('area', values.area) });
  const slaStates = values.sla_state ? values.sla_state.split(',') : [];
  if (slaStates.length > 0) chips.push({ keys: ['sla_state'], label: `SLA: ${slaStates.map((s) => bt(`board.${s as 'ok'}`)).join('、')}` });
  return { query: values, key: KEYS.map((k) => values[k] ?? '').join('|'), slaStates, chips };
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
