import { beforeEach, describe, expect, it } from 'vitest';
import { payments } from './payments';

beforeEach(() => payments.reset());

describe('payment attempts', () => {
  it('records attempts and their outcomes, a payment settling the latest', () => {
    payments.started('o1', 'cs_1', 'u1', '2026-11-30T10:00:00Z');
    payments.declined('o1', 'card_declined', undefined, '2026-11-30T10:01:00Z');
    payments.started('o1', 'cs_2', 'u2', '2026-11-30T10:02:00Z');
    payments.paid('o1', undefined, '2026-11-30T10:03:00Z');
    expect(payments.of('o1').map((a) => [a.sessionId, a.outcome])).toEqual([['cs_1', 'declined'], ['cs_2', 'paid']]);
  });

  it('never lets a later event undo a payment', () => {
    payments.started('o1', 'cs_1');
    payments.paid('o1', 'cs_1');
    payments.declined('o1', 'card_declined', 'cs_1');
    expect(payments.of('o1')[0].outcome).toBe('paid');
  });

  it('closes an open attempt when a new checkout starts', () => {
    payments.started('o1', 'cs_1');
    payments.started('o1', 'cs_2');
    expect(payments.of('o1').map((a) => a.outcome)).toEqual(['left', 'open']);
  });
});
