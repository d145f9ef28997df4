import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { deskTexts, type DeskKey } from './desk';
import { en } from './en';
import { zhCN, type MessageKey as CoreKey } from './zh-CN';

export type MessageKey = CoreKey | DeskKey;

export type Locale = 'zh-CN' | 'en';
const LOCALE_KEY = 'loopdesk.locale';
const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': { ...zhCN, ...deskTexts['zh-CN'] }, en: { ...en, ...deskTexts.en } };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  /** For vocabulary from the API (`status.accepted`): unknown values show as they came. */
  tv(prefix: string, value: string | null | undefined): string;
}

const Context = createContext<I18n | null>(null);

function interpolate(text: string, vars?: Record<string, string | number>): string {
  return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  // Chinese first: the desk's language; English stays one click away and is remembered.
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN'));
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(LOCALE_KEY, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const catalogue = catalogues[locale];
    const t: Translate = (key, vars) => interpolate(catalogue[key] ?? key, vars);
    const tv = (prefix: string, raw: string | null | undefined) => {
      if (raw === null || raw === undefined) return '';
      return (catalogue as Record<string, string>)[`${prefix}.${raw}`] ?? raw;
    };
    return { locale, setLocale, t, tv };
  }, [locale, setLocale]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
