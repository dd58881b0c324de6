import { describe, expect, it } from 'vitest';
import { dateTime, money, safeLocale, safeTimeZone } from './format';
import { itemSummary, orderRef } from './orderRef';

describe('formatting with the user’s settings', () => {
  it('formats prices in the chosen language', () => {
    expect(money(123456, 'EUR', { locale: 'de-DE' })).toBe('1.234,56\u00a0€');
    expect(money(123456, 'EUR', { locale: 'en-GB' })).toBe('€1,234.56');
  });

  it('shows times in the chosen time zone', () => {
    const at = '2026-11-30T23:30:00Z';
    expect(dateTime(at, { locale: 'en-GB', timeZone: 'UTC' }, 'short')).toBe('30 Nov 2026, 23:30');
    expect(dateTime(at, { locale: 'en-GB', timeZone: 'Europe/Paris' }, 'short')).toBe('1 Dec 2026, 00:30');
  });

  it('falls back to the browser for a broken setting instead of failing', () => {
    expect(safeLocale('not a locale!')).toBeUndefined();
    expect(safeTimeZone('Mars/Olympus')).toBeUndefined();
    expect(money(100, 'EUR', { locale: 'not a locale!' })).toMatch(/1/);
  });
});

describe('order references', () => {
  it('are short and readable, with an item summary', () => {
    expect(orderRef('ord_mabc1234k3f9qz2a')).toBe('ORD-K3F9-QZ2A');
    expect(itemSummary([{ name: 'Burr grinder', quantity: 2 }])).toBe('2 × Burr grinder');
    expect(itemSummary([{ name: 'A', quantity: 1 }, { name: 'B', quantity: 1 }, { name: 'C', quantity: 1 }])).toBe('A + 2 more');
  });
});
