/** Where and how the user reads numbers and dates: their settings' locale and time zone (undefined = the browser's). */
export interface FormatPrefs {
  locale?: string;
  timeZone?: string;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** A valid BCP 47 tag or undefined (a bad tag in settings must not break every price on the page). */
export function safeLocale(locale?: string | null): string | undefined {
  if (!locale) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

export function safeTimeZone(zone?: string | null): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

export function money(minor: number, currency: string, prefs: FormatPrefs | string = {}): string {
  const { locale } = typeof prefs === 'string' ? { locale: prefs } : prefs;
  try {
    const f = cached(numberFormats, `${locale}|${currency}`, () => new Intl.NumberFormat(safeLocale(locale), { style: 'currency', currency }));
    return f.format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

export function number(n: number, prefs: FormatPrefs = {}): string {
  return cached(numberFormats, `${prefs.locale}|n`, () => new Intl.NumberFormat(safeLocale(prefs.locale))).format(n);
}

export function dateTime(iso: string | undefined | null, prefs: FormatPrefs | string = {}, style: 'medium' | 'short' = 'medium'): string {
  if (!iso) return '';
  const { locale, timeZone } = typeof prefs === 'string' ? { locale: prefs, timeZone: undefined } : prefs;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const f = cached(dateFormats, `${locale}|${timeZone}|${style}`, () => new Intl.DateTimeFormat(safeLocale(locale), {
    dateStyle: 'medium', timeStyle: style === 'medium' ? 'medium' : 'short', timeZone: safeTimeZone(timeZone),
  }));
  return f.format(d);
}

export function date(iso: string | undefined | null, prefs: FormatPrefs = {}): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return cached(dateFormats, `${prefs.locale}|${prefs.timeZone}|date`, () => new Intl.DateTimeFormat(safeLocale(prefs.locale), {
    dateStyle: 'medium', timeZone: safeTimeZone(prefs.timeZone),
  })).format(d);
}

export { STATUS_LABEL } from './Badge';
