import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { useSyncExternalStore } from 'react';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The desk's time zone (LOOPDESK_TIMEZONE, told by the server at hello) and its clock offset. */
const desk = { timezone: 'Asia/Shanghai', offsetMs: 0 };

export function setDeskClock(timezoneName: string, serverTime: string): void {
  desk.timezone = timezoneName;
  desk.offsetMs = new Date(serverTime).getTime() - Date.now();
  tick();
}

/** Now as the server sees it: countdowns agree with the desk whatever this PC's clock says. */
export const serverNow = (): number => Date.now() + desk.offsetMs;

export function formatAt(iso: string | null | undefined, pattern = 'MM-DD HH:mm'): string {
  return iso ? dayjs(iso).tz(desk.timezone).format(pattern) : '';
}

export function deskMonth(): string {
  return dayjs(serverNow()).tz(desk.timezone).format('YYYY-MM');
}

/** Local date-time input value (desk zone) → ISO instant with offset. */
export function deskInputToIso(value: string): string {
  return dayjs.tz(value, desk.timezone).format();
}

export function deskNowInput(): string {
  return dayjs(serverNow()).tz(desk.timezone).format('YYYY-MM-DD HH:mm');
}

/** 3725 s → "1:02:05"; days are shown when they matter, in the reader's words: "2天 03:00:00" / "2d 03:00:00". */
export function formatDuration(totalSeconds: number, dayText: (days: number) => string = (d) => `${d}d`): string {
  const s = Math.abs(Math.trunc(totalSeconds));
  const days = Math.floor(s / 86400);
  const hh = Math.floor((s % 86400) / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return days > 0 ? `${dayText(days)} ${String(hh).padStart(2, '0')}:${mm}:${ss}` : `${hh}:${mm}:${ss}`;
}

// One ticker for the whole console: every countdown re-renders on the same second.
const tickListeners = new Set<() => void>();
let tickTimer: ReturnType<typeof setInterval> | undefined;
let tickValue = serverNow();
function tick() {
  tickValue = serverNow();
  tickListeners.forEach((l) => l());
}
function subscribeTick(listener: () => void) {
  tickListeners.add(listener);
  tickTimer ??= setInterval(tick, 1000);
  return () => {
    tickListeners.delete(listener);
    if (tickListeners.size === 0 && tickTimer) {
      clearInterval(tickTimer);
      tickTimer = undefined;
    }
  };
}

export function useNow(): number {
  return useSyncExternalStore(subscribeTick, () => tickValue);
}
