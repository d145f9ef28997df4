import { App } from 'antd';
import { useI18n } from '../../i18n';
import { useRealtimeEvents } from '../../realtime/socket';
import { navigate } from '../../router';

/**
 * Caller pop: when the phone system announces a call ringing at this agent (`cti.ringing`, sent
 * to this user's room only), the console opens intake with the caller looked up, wherever the
 * agent was. `/intake?phone=…&call_id=…` is the same screen from a URL.
 */
export function CallerPop() {
  const { t } = useI18n();
  const { message } = App.useApp();
  useRealtimeEvents(['cti.ringing'], (payload) => {
    const { caller, call_id: callId } = payload;
    navigate(`/intake?${new URLSearchParams({ phone: caller, call_id: callId })}`);
    message.info(t('intake.callerPop', { phone: caller }));
  });
  return null;
}
