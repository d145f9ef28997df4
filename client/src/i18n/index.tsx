import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { adminMore } from './admin-more';
import { codes } from './codes';
import { en } from './en';
import { desk } from './desk';
import { deskTexts } from './desk-day';
import { deskTools } from './desk-tools';
import { keyboard } from './keyboard';
import { operations } from './operations';
import { ownerDuties } from './owner-duties';
import { zhCN } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
const LOCALE_KEY = 'loopdesk.locale';

/** Per-feature catalogues ({'zh-CN': {...}, en: {...}}), one import line each, merged over the shared ones. */
const features = [codes, ownerDuties, keyboard, desk, deskTexts, deskTools, operations, adminMore] as const;

type KeysOf<T> = T extends unknown ? keyof T : never;
export type MessageKey = keyof typeof zhCN | KeysOf<(typeof features)[number]['zh-CN']>;
const catalogues: Record<Locale, Record<MessageKey, string>> = {
  'zh-CN': Object.assign({}, zhCN, ...features.map((f) => f['zh-CN'])),
  en: Object.assign({}, en, ...features.map((f) => f.en)),
};

/** The catalogue of the chosen language, for text made outside React (an ApiError's message). */
export function activeText(key: string, vars?: Record<string, string | number>): string | undefined {
  const catalogue = catalogues[localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN'] as Record<string, string>;
  const text = catalogue[key];
  return text === undefined ? undefined : interpolate(text, vars);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  /** For vocabulary from the API (`status.accepted`): an unknown value shows as the prefix's `other` text where there is one, never as a raw code. */
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
      const texts = catalogue as Record<string, string>;
      return texts[`${prefix}.${raw}`] ?? texts[`${prefix}.other`] ?? raw;
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
