import { App as AntApp, Badge, Button, ConfigProvider, Layout, Menu, Spin, Tooltip, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { api, onUnauthorized, session as tokenStore } from './api/client';
import type { User } from './api/types';
import { CallbacksPage } from './features/callbacks/Callbacks';
import { MyCasesPage } from './features/cases/MyCases';
import { SignIn } from './features/auth/SignIn';
import { IntakePage } from './features/intake/Intake';
import { QueuesPage } from './features/queues/Queues';
import { TicketPage } from './features/ticket/TicketDetail';
import { useI18n } from './i18n';
import { RealtimeProvider, useRealtime } from './realtime/socket';
import { linkProps, match, navigate, useLocation } from './router';
import { SessionProvider, useSession, type SessionAction } from './session';

// The board pulls in the chart library: loaded only by those who open it.
const BoardPage = lazy(() => import('./features/board/Board').then((m) => ({ default: m.BoardPage })));
const ReportsPage = lazy(() => import('./features/reports/Reports').then((m) => ({ default: m.ReportsPage })));

const NAV: { key: string; path: string; label: 'nav.intake' | 'nav.queues' | 'nav.callbacks' | 'nav.cases' | 'nav.board' | 'nav.reports'; needs?: SessionAction; hotkey: string }[] = [
  { key: 'intake', path: '/intake', label: 'nav.intake', needs: 'intake', hotkey: 'n' },
  { key: 'queues', path: '/queues', label: 'nav.queues', hotkey: 'q' },
  { key: 'callbacks', path: '/callbacks', label: 'nav.callbacks', needs: 'callbacks', hotkey: 'c' },
  { key: 'cases', path: '/cases', label: 'nav.cases', needs: 'cases', hotkey: 'm' },
  { key: 'board', path: '/board', label: 'nav.board', needs: 'board', hotkey: 'b' },
  { key: 'reports', path: '/reports', label: 'nav.reports', needs: 'reports', hotkey: 'r' },
];

function homeFor(user: User): string {
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
  const [user, setUser] = useState<User | null>(null);

  const signOut = useCallback(() => {
    tokenStore.clear();
    setUser(null);
    setToken(null);
  }, []);
  useEffect(() => onUnauthorized(signOut), [signOut]);
  useEffect(() => {
    if (!token) return;
    api<User>('/api/auth/me').then(setUser, signOut);
  }, [token, signOut]);

  const signedIn = (newToken: string, newUser: User) => {
    tokenStore.set(newToken);
    setUser(newUser);
    setToken(newToken);
    const { path } = { path: window.location.pathname };
    if (path === '/' || path === '/signin') navigate(homeFor(newUser), { replace: true });
  };

  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ algorithm: theme.compactAlgorithm, token: { borderRadius: 4 } }}>
      <AntApp>
        {!token ? (
          <SignIn onSignedIn={signedIn} />
        ) : !user ? (
          <div className="center"><Spin size="large" /></div>
        ) : (
          <SessionProvider user={user}>
            <RealtimeProvider token={token} onUnauthorized={signOut}>
              <Shell onSignOut={signOut} />
            </RealtimeProvider>
          </SessionProvider>
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
      } else if (e.key === '/' && !typing) {
        const box = document.querySelector<HTMLInputElement>('[data-search]');
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
  const page = ticket ? (
    <TicketPage key={ticket.id} id={Number(ticket.id)} />
  ) : path === '/intake' ? (
    <IntakePage />
  ) : path === '/queues' ? (
    <QueuesPage />
  ) : path === '/callbacks' ? (
    <CallbacksPage />
  ) : path === '/cases' ? (
    <MyCasesPage />
  ) : path === '/board' ? (
    <Suspense fallback={<Spin />}><BoardPage wallboard={wallboard} /></Suspense>
  ) : path === '/reports' ? (
    <Suspense fallback={<Spin />}><ReportsPage /></Suspense>
  ) : null;

  // A wall screen: dark, large, no console chrome, nothing to click.
  if (wallboard) {
    return (
      <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { fontSize: 16 } }}>
        <div className="wallboard">{page}</div>
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
        <Tooltip title={t('app.shortcutsHelp')}>
          <span className="muted">{t('app.shortcuts')}</span>
        </Tooltip>
        <Tooltip title={connected ? t('app.live') : t('app.offline')}>
          <Badge status={connected ? 'success' : 'error'} text={<span className="muted" data-testid="live-state" data-live={connected ? '1' : '0'} data-generation={generation}>{connected ? t('app.live') : t('app.offline')}</span>} />
        </Tooltip>
        <span className="muted" data-testid="whoami">{user.name} · {tv('role', user.role)}</span>
        <Button size="small" type="text" className="header-button" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')} data-testid="language">{t('app.language')}</Button>
        <Button size="small" type="text" className="header-button" onClick={onSignOut}>{t('app.signOut')}</Button>
      </Layout.Header>
      <Layout.Content className="shell-content">{page}</Layout.Content>
    </Layout>
  );
}
