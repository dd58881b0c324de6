import { createContext, useContext, useMemo, type ReactNode } from 'react';
import * as f from './format';

export interface Formatter {
  prefs: f.FormatPrefs;
  money: (minor: number, currency: string) => string;
  number: (n: number) => string;
  dateTime: (iso: string | null | undefined, style?: 'medium' | 'short') => string;
  date: (iso: string | null | undefined) => string;
}

export function formatter(prefs: f.FormatPrefs): Formatter {
  return {
    prefs,
    money: (minor, currency) => f.money(minor, currency, prefs),
    number: (n) => f.number(n, prefs),
    dateTime: (iso, style) => f.dateTime(iso, prefs, style),
    date: (iso) => f.date(iso, prefs),
  };
}

const FormatContext = createContext<Formatter>(formatter({}));

/** Every date, number and price on screen goes through this: the signed-in user's language and time zone. */
export function FormatProvider({ locale, timeZone, children }: { locale?: string; timeZone?: string; children: ReactNode }) {
  const value = useMemo(() => formatter({ locale, timeZone }), [locale, timeZone]);
  return <FormatContext.Provider value={value}>{children}</FormatContext.Provider>;
}

export const useFormat = () => useContext(FormatContext);
