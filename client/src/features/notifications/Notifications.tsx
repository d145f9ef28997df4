import { Badge, Button, Divider, Empty, List, Popover, Switch, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationSettings } from '../../api/desk-types';
import type { Ticket } from '../../api/types';
import { useI18n, type MessageKey } from '../../i18n';
import { useRealtimeEvents } from '../../realtime/socket';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { formatAt } from '../../time';

const DEFAULTS: NotificationSettings = { kinds: { dispatched: true, callback_due: true, escalation: true, sla_warning: true }, desktop: true, sound: false };
const KEEP = 50;

interface Alert {
  key: string;
  kind: NotificationKind;
  text: string;
  ticketId: number | null;
  at: string;
  read: boolean;
}

/** A short two-tone chime made on the spot: no audio file to ship or cache. */
function chime(): void {
  try {
    const ctx = new AudioContext();
    [880, 660].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.value = 0.08;
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + i * 0.16);
      osc.stop(ctx.currentTime + i * 0.16 + 0.14);
    });
    setTimeout(() => void ctx.close(), 600);
  } catch {
    // no audio device: the badge and the title still tell
  }
}

/** Drawn here: an emoji bell depends on the PC having a colour emoji font. */
function BellIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" style={{ color: 'rgba(255,255,255,0.85)', verticalAlign: '-3px' }}>
      <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z" />
    </svg>
  );
}

const desktopSupported = () => typeof Notification !== 'undefined';

/**
 * The header's alert bell: what concerns me (dispatched to my unit or me, a callback due to me,
 * an escalation to me, an SLA warning on my tickets) as a badge count, in the window title, as a
 * desktop notification once allowed, and with an optional sound. Each kind can be switched off;
 * the switches are kept per user on the server.
 */
export function NotificationBell() {
  const { t } = useI18n();
  const { user } = useSession();
  const [settings, setSettings] = useState<NotificationSettings>(DEFAULTS);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [permission, setPermission] = useState<string>(desktopSupported() ? Notification.permission : 'unsupported');
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const baseTitle = useRef(document.title);

  useEffect(() => {
    api<NotificationSettings>('/api/me/notification-settings').then(setSettings, () => undefined);
  }, []);

  const unread = alerts.filter((a) => !a.read).length;
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${baseTitle.current}` : baseTitle.current;
  }, [unread]);
  useEffect(() => () => { document.title = baseTitle.current; }, []);

  const raise = (kind: NotificationKind, key: MessageKey, vars: Record<string, string | number>, ticketId: number | null, at: string) => {
    const current = settingsRef.current;
    if (!current.kinds[kind]) return;
    const text = t(key, vars);
    setAlerts((prev) => [{ key: `${kind}:${ticketId}:${at}:${prev.length}`, kind, text, ticketId, at, read: false }, ...prev].slice(0, KEEP));
    if (current.desktop && desktopSupported() && Notification.permission === 'granted') {
      const note = new Notification('LoopDesk', { body: text, tag: `${kind}:${ticketId}` });
      note.onclick = () => {
        window.focus();
        if (ticketId !== null) navigate(`/tickets/${ticketId}`);
      };
    }
    if (current.sound) chime();
  };

  const scoped = user.role === 'handler' || user.role === 'unit_head';
  const mine = (ticket: Ticket) => ticket.assignee_id === user.id || (scoped && ticket.assignee_id === null && ticket.unit_id === user.unit_id);

  useRealtimeEvents(['ticket.updated'], (p) => {
    const { ticket, change } = p;
    if (p.actor_id === user.id) return;
    const toMe = ticket.assignee_id === user.id && (change === 'assigned' || change === 'dispatched' || change === 'redispatched' || change === 'reopened');
    const toMyUnit = scoped && ticket.unit_id === user.unit_id && (change === 'dispatched' || change === 'redispatched' || change === 'reopened');
    if (toMe || toMyUnit) raise('dispatched', 'notify.dispatched', { number: ticket.number }, ticket.id, p.at);
  });
  useRealtimeEvents(['callback.due'], (p) => {
    if (p.assignee_id === user.id) raise('callback_due', 'notify.callbackDue', { number: p.ticket.number }, p.ticket.id, p.at);
  });
  useRealtimeEvents(['escalation.raised'], (p) => {
    if (p.recipient_id === user.id) raise('escalation', 'notify.escalation', { number: p.ticket.number }, p.ticket.id, p.at);
  });
  useRealtimeEvents(['ticket.urge_escalated'], (p) => {
    if (p.user_id === user.id) raise('escalation', 'notify.urgeEscalation', { number: p.ticket_number, count: p.count }, p.ticket_id, p.at);
  });
  useRealtimeEvents(['sla.warning'], (p) => {
    if (mine(p.ticket)) raise('sla_warning', 'notify.slaWarning', { number: p.ticket.number }, p.ticket.id, p.at);
  });
  useRealtimeEvents(['sla.breached'], (p) => {
    if (mine(p.ticket)) raise('sla_warning', 'notify.slaBreached', { number: p.ticket.number }, p.ticket.id, p.at);
  });

  const save = (next: NotificationSettings) => {
    setSettings(next);
    void api('/api/me/notification-settings', { method: 'PUT', body: next }).catch(() => undefined);
  };
  const allowDesktop = async () => {
    if (!desktopSupported()) return;
    setPermission(await Notification.requestPermission());
  };
  const markRead = () => setAlerts((prev) => prev.map((a) => ({ ...a, read: true })));

  const content = (
    <div style={{ width: 340 }} data-testid="notifications">
      <List size="small" dataSource={alerts.slice(0, 12)} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} /> }}
        renderItem={(a) => (
          <List.Item data-kind={a.kind} style={{ cursor: a.ticketId ? 'pointer' : undefined, fontWeight: a.read ? 400 : 600 }}
            onClick={() => { setAlerts((prev) => prev.map((x) => (x.key === a.key ? { ...x, read: true } : x))); if (a.ticketId !== null) navigate(`/tickets/${a.ticketId}`); }}>
            <span>{a.text}</span><span className="muted">{formatAt(a.at, 'HH:mm')}</span>
          </List.Item>
        )} />
      {unread > 0 && <Button size="small" type="link" onClick={markRead} data-testid="mark-read">{t('notify.markRead')}</Button>}
      <Divider style={{ margin: '8px 0' }}>{t('notify.settings')}</Divider>
      <Space direction="vertical" style={{ width: '100%' }}>
        {NOTIFICATION_KINDS.map((kind) => (
          <label key={kind} className="switch-row">
            <span>{t(`notify.kind.${kind}`)}</span>
            <Switch size="small" checked={settings.kinds[kind]} data-testid={`notify-${kind}`} onChange={(on) => save({ ...settings, kinds: { ...settings.kinds, [kind]: on } })} />
          </label>
        ))}
        <label className="switch-row"><span>{t('notify.desktop')}</span><Switch size="small" checked={settings.desktop} onChange={(on) => save({ ...settings, desktop: on })} data-testid="notify-desktop" /></label>
        <label className="switch-row"><span>{t('notify.sound')}</span><Switch size="small" checked={settings.sound} onChange={(on) => { save({ ...settings, sound: on }); if (on) chime(); }} data-testid="notify-sound" /></label>
        {settings.desktop && permission === 'default' && <Button size="small" onClick={() => void allowDesktop()} data-testid="allow-desktop">{t('notify.allowDesktop')}</Button>}
      </Space>
    </div>
  );

  return (
    <Popover content={content} title={t('notify.title')} trigger="click" placement="bottomRight" onOpenChange={(open) => { if (!open) markRead(); }}>
      <Button size="small" type="text" className="header-button" data-testid="bell" aria-label={t('notify.title')}>
        <Badge count={unread} size="small" offset={[6, -2]} data-testid="bell-count" data-count={unread}>
          <BellIcon />
        </Badge>
      </Button>
    </Popover>
  );
}
