import type { PushMessage } from '../../realtime/LiveSocket';

/** A reply as it streams in: chunks by seq (a duplicate or early chunk never garbles the text), then its outcome. */
export interface LiveReply {
  replyId: string;
  chunks: Record<number, string>;
  text: string;
  status: 'streaming' | 'completed' | 'failed';
  reason?: string;
  retryAfterSeconds?: number;
}

export type LiveReplies = Record<string, LiveReply>;

const contiguous = (chunks: Record<number, string>): string => {
  let text = '';
  for (let seq = 0; chunks[seq] !== undefined; seq++) text += chunks[seq];
  return text;
};

/** Applies one chat.* push of a conversation topic; anything else leaves the state as it was. */
export function applyChatPush(replies: LiveReplies, m: PushMessage): LiveReplies {
  const data = (m.data ?? {}) as Record<string, unknown>;
  const replyId = typeof data.messageId === 'string' ? data.messageId : null;
  if (!replyId || !m.type.startsWith('chat.')) return replies;
  const current: LiveReply = replies[replyId] ?? { replyId, chunks: {}, text: '', status: 'streaming' };
  if (current.status !== 'streaming') return replies;
  switch (m.type) {
    case 'chat.delta': {
      const seq = Number(data.seq);
      if (!Number.isInteger(seq) || current.chunks[seq] !== undefined) return replies;
      const chunks = { ...current.chunks, [seq]: String(data.text ?? '') };
      return { ...replies, [replyId]: { ...current, chunks, text: contiguous(chunks) } };
    }
    case 'chat.completed':
      return { ...replies, [replyId]: { ...current, text: String(data.text ?? current.text), status: 'completed' } };
    case 'chat.failed':
      return {
        ...replies,
        [replyId]: {
          ...current,
          text: String(data.partialText ?? current.text),
          status: 'failed',
          reason: String(data.reason ?? 'failed'),
          retryAfterSeconds: Number(data.retryAfterSeconds ?? 0),
        },
      };
    default:
      return replies;
  }
}

/** What to tell the user for a refused message (clients branch on the problem type, never on its text). */
export function refusalText(code: string, detail: string | undefined, retryAfter?: string | null): string {
  switch (code) {
    case 'insufficient-credits':
      return 'You are out of assistant credits. Buy a credit pack to keep chatting.';
    case 'quota-exceeded':
      return `You reached today's assistant quota. ${detail ?? ''}`.trim();
    case 'rate-limited':
      return `Slow down a little: try again in ${retryAfter ?? 'a few'} seconds.`;
    case 'message-blocked':
      return `This message was blocked and not sent to the assistant. ${detail ?? ''}`.trim();
    default:
      return detail ?? 'The message could not be sent.';
  }
}
