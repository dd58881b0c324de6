export type Theme = 'light' | 'dark' | 'system';
const KEY = 'backplane.theme';

/** Applies the theme to <html data-theme>; "system" follows prefers-color-scheme through CSS. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    sessionStorage.setItem(KEY, theme);
  } catch {
    /* ignore */
  }
}

export function initialTheme(): Theme {
  try {
    const t = sessionStorage.getItem(KEY);
    if (t === 'light' || t === 'dark' || t === 'system') return t;
  } catch {
    /* ignore */
  }
  return 'system';
}
