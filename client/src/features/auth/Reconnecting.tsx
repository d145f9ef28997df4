import { Button, Result, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import type { Reconnecting } from '../../whoami';

/** Shown while "who am I" cannot be answered: the session is kept and the console keeps trying. */
export function ReconnectingPage({ reconnecting, onSignOut }: { reconnecting: Reconnecting; onSignOut(): void }) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(tick);
  }, []);
  const seconds = Math.max(0, Math.ceil((reconnecting.retryAt - now) / 1000));
  return (
    <div className="center" data-testid="reconnecting" role="status" aria-live="polite">
      <Result
        icon={<Spin size="large" />}
        title={t('desk.reconnecting')}
        subTitle={t('desk.reconnectingDetail', { attempt: reconnecting.attempt, seconds })}
        extra={<Space><Button type="primary" onClick={reconnecting.retryNow}>{t('desk.retryNow')}</Button><Button onClick={onSignOut}>{t('app.signOut')}</Button></Space>}
      />
    </div>
  );
}
