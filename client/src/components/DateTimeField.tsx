import { Button, Input, Space } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../i18n';
import { deskNowInput } from '../time';

const FORMAT = 'YYYY-MM-DD HH:mm';
const shift = (value: string | undefined, minutes: number) => {
  const base = value && dayjs(value, FORMAT).isValid() ? dayjs(value) : dayjs(deskNowInput());
  return base.add(minutes, 'minute').format(FORMAT);
};

/**
 * A desk time as one text field (one Tab stop, unlike the browser's date-time input with its six
 * segments): "now" and quick offsets as buttons the mouse uses and the keyboard skips; in the field,
 * Ctrl+; is now, ↑/↓ move 15 minutes, PgUp/PgDn an hour.
 */
export function DateTimeField({ value, onChange, id, ...rest }: { value?: string; onChange?(v: string): void; id?: string; 'data-testid'?: string }) {
  const { t } = useI18n();
  const set = (v: string) => onChange?.(v);
  return (
    <Space.Compact block>
      <Input id={id} value={value} placeholder={FORMAT} onChange={(e) => set(e.target.value)} data-testid={rest['data-testid']} inputMode="numeric"
        aria-description={t('keys.dateTimeHelp')} title={t('keys.dateTimeHelp')}
        onKeyDown={(e) => {
          const step = e.key === 'ArrowUp' ? 15 : e.key === 'ArrowDown' ? -15 : e.key === 'PageUp' ? 60 : e.key === 'PageDown' ? -60 : 0;
          if (e.key === ';' && e.ctrlKey) set(deskNowInput());
          else if (step) set(shift(value, step));
          else return;
          e.preventDefault();
        }} />
      <Button tabIndex={-1} onClick={() => set(deskNowInput())}>{t('keys.now')}</Button>
      <Button tabIndex={-1} onClick={() => set(shift(value, -15))}>{t('keys.minus15')}</Button>
      <Button tabIndex={-1} onClick={() => set(shift(value, -60))}>{t('keys.minus60')}</Button>
    </Space.Compact>
  );
}
