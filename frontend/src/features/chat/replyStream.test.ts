import { describe, expect, it } from 'vitest';
import { applyChatPush, refusalText, type LiveReplies } from './replyStream';

const push = (type: string, data: Record<string, unknown>) => ({ type, topic: 'conversation:c1', data });

describe('applyChatPush', () => {
  it('joins chunks in seq order, ignoring duplicates and holding early ones', () => {
    let s: LiveReplies = {};
    s = applyChatPush(s, push('chat.delta', { messageId: 'r1', seq: 0, text: 'Your ' }));
    s = applyChatPush(s, push('chat.delta', { messageId: 'r1', seq: 2, text: 'paid.' }));
    expect(s.r1.text).toBe('Your ');
    s = applyChatPush(s, push('chat.delta', { messageId: 'r1', seq: 1, text: 'order is ' }));
    s = applyChatPush(s, push('chat.delta', { messageId: 'r1', seq: 1, text: 'DUPLICATE ' }));
    expect(s.r1.text).toBe('Your order is paid.');
    s = applyChatPush(s, push('chat.completed', { messageId: 'r1', text: 'Your order is paid.' }));
    expect(s.r1.status).toBe('completed');
  });

  it('keeps the partial text and the retry hint of a failed reply', () => {
    let s: LiveReplies = {};
    s = applyChatPush(s, push('chat.delta', { messageId: 'r2', seq: 0, text: 'half ' }));
    s = applyChatPush(s, push('chat.failed', { messageId: 'r2', reason: 'provider-unavailable', retryAfterSeconds: 30, partialText: 'half ' }));
    expect(s.r2).toMatchObject({ status: 'failed', text: 'half ', reason: 'provider-unavailable', retryAfterSeconds: 30 });
  });

  it('ignores other pushes', () => {
    const s: LiveReplies = {};
    expect(applyChatPush(s, { type: 'order.paid', topic: 'order:1', data: { orderId: '1' } })).toBe(s);
  });
});

describe('refusalText', () => {
  it('explains 402, 429 and blocked messages', () => {
    expect(refusalText('insufficient-credits', undefined)).toMatch(/out of assistant credits/);
    expect(refusalText('rate-limited', undefined, '3')).toMatch(/3 seconds/);
    expect(refusalText('quota-exceeded', 'it resets at 2026-12-01T00:00:00Z')).toMatch(/resets at/);
    expect(refusalText('message-blocked', 'prompt-override')).toMatch(/blocked/);
  });
});
