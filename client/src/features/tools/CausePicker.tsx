import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import type { TicketCause } from './model';

/** The active causes of a category; `[]` when the category has no tree (free text alone then). */
export function useCauses(category: string | undefined): TicketCause[] | null {
  const [causes, setCauses] = useState<TicketCause[] | null>(null);
  useEffect(() => {
    if (!category) return setCauses([]);
    setCauses(null);
    let live = true;
    api<{ items: TicketCause[] }>('/api/causes', { query: { category } }).then((r) => live && setCauses(r.items), () => live && setCauses([]));
    return () => {
      live = false;
    };
  }, [category]);
  return causes;
}

interface Props {
  causes: TicketCause[];
  value?: number;
  onChange?(value: number | undefined): void;
  id?: string;
}

/** Cause → sub-cause: a cause alone may be picked; the last one picked is the ticket's cause. */
export function CausePicker({ causes, value, onChange, id }: Props) {
  const { t, locale } = useI18n();
  const name = (c: TicketCause) => (locale === 'en' ? c.name_en : c.name_zh);
  const options = causes.filter((c) => c.parent_id === null).map((c) => ({
    value: c.id, label: name(c),
    children: causes.filter((s) => s.parent_id === c.id).map((s) => ({ value: s.id, label: name(s) })),
  })).map((o) => (o.children.length === 0 ? { value: o.value, label: o.label } : o));
  const picked = causes.find((c) => c.id === value);
  const path = picked ? (picked.parent_id === null ? [picked.id] : [picked.parent_id, picked.id]) : undefined;
  return (
    <Cascader id={id} options={options} value={path} changeOnSelect expandTrigger="hover" showSearch placeholder={t('tools.causePick')} data-testid="cause-picker"
      aria-label={t('tools.cause')} onChange={(v) => onChange?.(v && v.length > 0 ? Number(v[v.length - 1]) : undefined)} />
  );
}
