import { Card, Descriptions, Tag, Tooltip } from 'antd';
import type { Payment } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatAt } from '../../time';

/** Tier 1 is worked first: the colour says how early the ticket's turn comes. */
const TIER_COLOURS = ['', 'red', 'orange', 'gold', 'blue'];
const tierColour = (tier: number) => TIER_COLOURS[tier] ?? 'default';

/** A reconnection's payment on its ticket: channel, when paid, the bank's confirmation, the tier. */
export function PaymentCard({ payment }: { payment: Payment }) {
  const { t, tv } = useI18n();
  return (
    <Card size="small" title={t('desk.payment')} data-testid="payment">
      <Descriptions size="small" column={4} items={[
        { key: 'channel', label: t('intake.paymentChannel'), children: tv('payment', payment.channel) },
        { key: 'paid', label: t('desk.paidAt'), children: formatAt(payment.paid_at, 'YYYY-MM-DD HH:mm') },
        ...(payment.channel === 'bank' ? [{ key: 'confirmed', label: t('desk.bankConfirmedAt'), children: formatAt(payment.confirmed_at, 'YYYY-MM-DD HH:mm') || '—' }] : []),
        { key: 'tier', label: t('desk.tier'), children: payment.tier === null || payment.tier === undefined ? '—' : <Tag color={tierColour(payment.tier)}>{t('desk.tierValue', { tier: payment.tier })}</Tag> },
      ]} />
    </Card>
  );
}

/** The same, in one queue cell: tier, channel and the time the clock counts from. */
export function PaymentTag({ payment }: { payment: Payment }) {
  const { t, tv } = useI18n();
  const counted = payment.confirmed_at ?? payment.paid_at;
  const detail = [
    `${t('desk.paidAt')} ${formatAt(payment.paid_at)}`,
    ...(payment.confirmed_at ? [`${t('desk.bankConfirmedAt')} ${formatAt(payment.confirmed_at)}`] : []),
  ].join(' · ');
  return (
    <Tooltip title={detail}>
      <span className="payment-tag" data-testid="payment-tag">
        {payment.tier !== null && payment.tier !== undefined && <Tag color={tierColour(payment.tier)}>{t('desk.tierValue', { tier: payment.tier })}</Tag>}
        <span className="muted">{tv('payment', payment.channel)} {formatAt(counted, 'HH:mm')}</span>
      </span>
    </Tooltip>
  );
}
