import { Alert, Button, Result, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import type { Status, Ticket } from '../api/types';
import { useI18n } from '../i18n';
import { linkProps } from '../router';
import { formatDuration, useNow } from '../time';

export interface Load<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/** Loads on mount and whenever `deps` change; `reload` refetches (after events, after a resync). */
export function useLoad<T>(fetcher: () => Promise<T>, deps: readonly unknown[]): Load<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const latest = useRef(fetcher);
  latest.current = fetcher;
  const sequence = useRef(0);
  const reload = useCallback(() => {
    const mine = ++sequence.current;
    setState((s) => ({ ...s, loading: true }));
    latest.current().then(
      (data) => mine === sequence.current && setState({ data, loading: false }),
      (error: unknown) => mine === sequence.current && setState((s) => ({ data: s.data, error: error instanceof ApiError ? error : new ApiError({ title: 'Error', status: 0, detail: String(error) }), loading: false })),
    );
  }, []);
  useEffect(reload, deps);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Coalesces bursts of events into one call at most every `ms`: a busy desk must not flood the API. */
export function useThrottled(fn: () => void, ms: number): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      latest.current();
    }, ms);
  }, [ms]);
}

/** Rows that just changed, highlighted for `ms`: `flash(id)` marks one, the set says which are lit. */
export function useFlash(ms: number): [ReadonlySet<number>, (id: number) => void] {
  const [lit, setLit] = useState<ReadonlySet<number>>(new Set());
  const flash = useCallback((id: number) => {
    setLit((prev) => new Set(prev).add(id));
    setTimeout(() => setLit((prev) => {
      const next = new Set(prev);
      next.delete(id);
      return next;
    }), ms);
  }, [ms]);
  return [lit, flash];
}

/** Shown where another part of the desk has not landed yet: the route exists, the API does not. */
export function NotAvailable({ path }: { path: string }) {
  const { t } = useI18n();
  return <Result status="info" title={t('common.notAvailable')} subTitle={t('common.notAvailableHint', { path })} data-testid="not-available" />;
}

export function LoadError({ error, path, retry }: { error: ApiError; path: string; retry(): void }) {
  const { t } = useI18n();
  if (error.missing) return <NotAvailable path={path} />;
  return <Alert type="error" showIcon title={t('common.error', { detail: error.message })} action={<Button size="small" onClick={retry}>{t('common.retry')}</Button>} />;
}

const STATUS_COLORS: Record<Status, string> = { accepted: 'gold', dispatched: 'blue', resolved: 'purple', closed: 'default' };

export function StatusTag({ status }: { status: Status }) {
  const { tv } = useI18n();
  return <Tag color={STATUS_COLORS[status]} data-status={status}>{tv('status', status)}</Tag>;
}

export function TicketLink({ ticket }: { ticket: Pick<Ticket, 'id' | 'number'> }) {
  return <a {...linkProps(`/tickets/${ticket.id}`)} data-testid="ticket-link">{ticket.number}</a>;
}

/** Durations in the reader's language ("2天 03:00:00", never "2d" inside Chinese text). */
export function useDuration(): (seconds: number) => string {
  const { t } = useI18n();
  return (seconds) => formatDuration(seconds, (days) => t('duration.days', { days }));
}

/** One deadline counting down on the console's shared one-second tick; red and signed once over. */
export function Countdown({ due, stopped }: { due: string; stopped?: boolean }) {
  const { t } = useI18n();
  const duration = useDuration();
  const now = useNow();
  const seconds = Math.round((new Date(due).getTime() - now) / 1000);
  const over = seconds < 0;
  const text = over ? t('countdown.overdue', { time: duration(seconds) }) : t('countdown.left', { time: duration(seconds) });
  const tone = stopped ? 'countdown' : over ? 'countdown countdown-over' : seconds < 3600 ? 'countdown countdown-soon' : 'countdown';
  return <span className={tone} data-testid="countdown">{text}</span>;
}
