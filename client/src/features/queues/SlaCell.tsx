import { Tag } from 'antd';
import type { SlaSummary } from '../../api/desk-types';
import { Countdown } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatDuration } from '../../time';

const COLORS: Record<SlaSummary['state'], string> = { ok: 'green', warning: 'orange', breached: 'red', paused: 'default' };

/**
 * The worst open timer of a ticket: coloured by state, counting down to its due time; overdue
 * since the first breach; a paused ticket shows what is left, never a due time.
 */
export function SlaCell({ sla }: { sla: SlaSummary | null | undefined }) {
  const { t } = useI18n();
  if (!sla) return <span className="muted" data-sla="none">{t('sla.none')}</span>;
  return (
    <span data-sla={sla.state} className="sla-cell">
      <Tag color={COLORS[sla.state]}>{t(`sla.${sla.state}`)}</Tag>
      {sla.state === 'paused' ? <span className="countdown">{t('sla.pausedLeft', { time: formatDuration(sla.remaining_seconds ?? 0) })}</span>
        : sla.state === 'breached' && sla.breached_at ? <Countdown due={sla.breached_at} />
          : sla.due_at ? <Countdown due={sla.due_at} /> : null}
    </span>
  );
}
