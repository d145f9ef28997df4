import { App as AntApp, Badge, Button, ConfigProvider, Layout, Menu, Spin, Tooltip, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { ShortcutSheet, useNoTabStopOnClearButtons } from './components/keyboard';
import { api, onUnauthorized, session as tokenStore } from './api/client';
import type { Action, SignedIn } from './api/types';
import { ChangePassword } from './features/auth/ChangePassword';
import { SignIn } from './features/auth/SignIn';
import { CallerPop } from './features/intake/CallerPop';
import { NotificationBell } from './features/notifications/Notifications';
import { useI18n } from './i18n';
import { RealtimeProvider, useRealtime } from './realtime/socket';
import { linkProps, match, navigate, useLocation } from './router';
import { SessionProvider, useSession } from './session';
import { ReconnectingPage } from './features/auth/Reconnecting';
import { useWhoAmI } from './whoami';

// Each screen is its own chunk, loaded when first opened: the sign-in page ships only itself,
// and the board's chart library reaches only those who open the board.
const screens = {
  '/board': () => import('./features/board/Board'),
  '/callbacks': () => import('./features/callbacks/Callbacks'),
  '/cases': () => import('./features/cases/MyCases'),
  '/intake': () => import('./features/intake/Intake'),
  '/queues': () => import('./features/queues/Queues'),
  '/reports': () => import('./features/reports/Reports'),
  '/tickets': () => import('./features/ticket/TicketDetail'),
  '/admin': () => import('./features/admin/Admin'),
  '/reconnection': () => import('./features/reconnection/Reconnection'),
};
const BoardPage = lazy(() => screens['/board']().then((m) => ({ default: m.BoardPage })));
const CallbacksPage = lazy(() => screens['/callbacks']().then((m) => ({ default: m.CallbacksPage })));
const MyCasesPage = lazy(() => screens['/cases']().then((m) => ({ default: m.MyCasesPage })));
const IntakePage = lazy(() => screens['/intake']().then((m) => ({ default: m.IntakePage })));
const QueuesPage = lazy(() => screens['/queues']().then((m) => ({ default: m.QueuesPage })));
const ReportsPage = lazy(() => screens['/reports']().then((m) => ({ default: m.ReportsPage })));
const TicketPage = lazy(() => screens['/tickets']().then((m) => ({ default: m.TicketPage })));
const AdminPage = lazy(() => screens['/admin']().then((m) => ({ default: m.AdminPage })));
const ReconnectionPage = lazy(() => screens['/reconnection']().then((m) => ({ default: m.ReconnectionPage })));
// A signed-in reload fetches the screen it will show while "who am I" is on its way, not after
// ('/' lands most desks, the agents', on intake).
if (tokenStore.token()) {
  const first = `/${window.location.pathname.split('/')[1] ?? ''}`;
  void (screens[first as keyof typeof screens] ?? screens['/intake'])().catch(() => undefined);
}

const NAV: { key: string; path: string; label: 'nav.intake' | 'nav.queues' | 'nav.callbacks' | 'nav.cases' | 'nav.board' | 'nav.reports' | 'nav.admin' | 'nav.reconnection'; needs?: Action; hotkey: string }[] = [
  { key: 'intake', path: '/intake', label: 'nav.intake', needs: 'tickets.create', hotkey: 'n' },
  { key: 'queues', path: '/queues', label: 'nav.queues', hotkey: 'q' },
  { key: 'callbacks', path: '/callbacks', label: 'nav.callbacks', needs: 'callbacks.read', hotkey: 'c' },
  { key: 'cases', path: '/cases', label: 'nav.cases', needs: 'ownership.mine', hotkey: 'm' },
  { key: 'board', path: '/board', label: 'nav.board', needs: 'sla.read', hotkey: 'b' },
  { key: 'reconnection', path: '/reconnection', label: 'nav.reconnection', needs: 'reconnection.queue', hotkey: 'f' },
  { key: 'reports', path: '/reports', label: 'nav.reports', needs: 'reports.read', hotkey: 'r' },
  { key: 'admin', path: '/admin', label: 'nav.admin', needs: 'ownership.rules.read', hotkey: 's' },
];

/**
 * antd's default blue and its light greys fall below 4.5:1 on white (axe-core, WCAG AA): a darker
 * primary, and secondary texts and placeholders dark enough to read at a desk all day.
 */
const ACCESSIBLE_TOKENS = {
  borderRadius: 4, colorPrimary: '#0958d9', colorLink: '#0958d9',
  colorTextTertiary: 'rgba(0, 0, 0, 0.62)', colorTextDescription: 'rgba(0, 0, 0, 0.62)', colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
};

function homeFor(user: SignedIn): string {
  switch (user.role) {
    case 'agent':
      return '/intake';
    case 'supervisor':
    case 'manager':
      return '/board';
    case 'unit_head':
      return '/cases';
    default:
      return '/queues?view=unit';
  }
}

export function App() {
  const { locale } = useI18n();
  const [token, setToken] = useState(tokenStore.token());
  const [user, setUser] = useState<SignedIn | null>(null);

  const signOut = useCallback(() => {
    tokenStore.clear();
    setUser(null);
    setToken(null);
  }, []);
  useEffect(() => onUnauthorized(signOut), [signOut]);
  const reconnecting = useWhoAmI(token, setUser, signOut);

  const signedIn = (newToken: string, newUser: SignedIn) => {
    tokenStore.set(newToken);
    setUser(newUser);
    setToken(newToken);
    const { path } = { path: window.location.pathname };
    if (path === '/' || path === '/signin') navigate(homeFor(newUser), { replace: true });
  };

  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ algorithm: theme.compactAlgorithm, token: ACCESSIBLE_TOKENS }}>
      <AntApp>
        {!token ? (
          <SignIn onSignedIn={signedIn} />
        ) : !user ? (
          reconnecting ? <ReconnectingPage reconnecting={reconnecting} onSignOut={signOut} /> : <div className="center"><Spin size="large" /></div>
        ) : user.must_change_password ? (
          <ChangePassword
            onSignOut={() => void api('/api/auth/logout', { method: 'POST' }).catch(() => undefined).finally(signOut)}
            onChanged={(fresh) => {
              tokenStore.set(fresh);
              setUser({ ...user, must_change_password: false });
              setToken(fresh);
            }}
          />
        ) : (
          <RealtimeProvider token={token} onUnauthorized={signOut}>
            <SessionProvider user={user}>
              <Shell onSignOut={() => void api('/api/auth/logout', { method: 'POST' }).catch(() => undefined).finally(signOut)} />
            </SessionProvider>
          </RealtimeProvider>
        )}
      </AntApp>
    </ConfigProvider>
  );
}

function Shell({ onSignOut }: { onSignOut(): void }) {
  const { t, locale, setLocale, tv } = useI18n();
  const { user, can } = useSession();
  const { connected, generation } = useRealtime();
  const { path, search } = useLocation();
  const items = NAV.filter((n) => !n.needs || can(n.needs));
  const wallboard = path === '/board' && search.get('wall') === '1';
  const [sheet, setSheet] = useState(false);
  useNoTabStopOnClearButtons();

  useEffect(() => {
    if (path === '/' || path === '/signin') navigate(homeFor(user), { replace: true });
  }, [path, user]);

  // Alt+letter jumps between screens; "/" focuses the screen's search box.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      if (e.altKey && !e.ctrlKey && !e.metaKey) {
        const item = items.find((n) => n.hotkey === e.key.toLowerCase());
        if (item) {
          e.preventDefault();
          navigate(item.path);
        }
      } else if (e.key === '?' && !typing) {
        e.preventDefault();
        setSheet(true);
      } else if (e.key === '/' && !typing) {
        // antd puts data-* on the input itself or on its wrapper, depending on the component
        const box = document.querySelector<HTMLInputElement>('input[data-search], [data-search] input');
        if (box) {
          e.preventDefault();
          box.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items]);

  const ticket = match('/tickets/:id', path);
  const boardUnit = match('/board/units/:id', path);
  const page = ticket ? (
    <TicketPage key={ticket.id} id={Number(ticket.id)} />
  ) : boardUnit ? (
    <Suspense fallback={<Spin />}><BoardPage key={boardUnit.id} wallboard={false} unitId={Number(boardUnit.id)} /></Suspense>
  ) : path === '/intake' ? (
    <IntakePage />
  ) : path === '/queues' ? (
    <QueuesPage />
  ) : path === '/callbacks' ? (
    <CallbacksPage />
  ) : path === '/cases' ? (
    <MyCasesPage />
  ) : path === '/board' ? (
    <BoardPage wallboard={wallboard} />
  ) : path === '/reports' ? (
    <ReportsPage />
  ) : path === '/admin' ? (
    <AdminPage />
  ) : path === '/reconnection' ? (
    <ReconnectionPage />
  ) : null;
  const screen = page && <Suspense fallback={<Spin />}>{page}</Suspense>;

  // A wall screen: dark, large, no console chrome, nothing to click.
  if (wallboard) {
    return (
      <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { fontSize: 16 } }}>
        <div className="wallboard">{screen}</div>
      </ConfigProvider>
    );
  }
  const selected = NAV.find((n) => path.startsWith(n.path))?.key;
  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        <a className="brand" {...linkProps(homeFor(user))}>LoopDesk</a>
        <Menu
          mode="horizontal"
          theme="dark"
          selectedKeys={selected ? [selected] : []}
          items={items.map((n) => ({ key: n.key, label: <a {...linkProps(n.path)} data-nav={n.key}>{t(n.label)}</a> }))}
          className="shell-menu"
        />
        <Button size="small" type="text" className="header-button" onClick={() => setSheet(true)} data-testid="shortcuts">{t('keys.sheetOpen')}</Button>
        <ShortcutSheet open={sheet} onClose={() => setSheet(false)} />
        <Tooltip title={connected ? t('app.live') : t('app.offline')}>
          <Badge status={connected ? 'success' : 'error'} text={<span className="muted" data-testid="live-state" data-live={connected ? '1' : '0'} data-generation={generation}>{connected ? t('app.live') : t('app.offline')}</span>} />
        </Tooltip>
        <NotificationBell />
        {can('tickets.create') && <CallerPop />}
        <span className="muted" data-testid="whoami">{user.name} · {tv('role', user.role)}</span>
        <Button size="small" type="text" className="header-button" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')} data-testid="language">{t('app.language')}</Button>
        <Button size="small" type="text" className="header-button" onClick={onSignOut}>{t('app.signOut')}</Button>
      </Layout.Header>
      <Layout.Content className="shell-content">{screen}</Layout.Content>
    </Layout>
  );
}
