import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi } from '../../services';
import { call } from '../../api/client';
import { ApiError } from '../../api/problem';
import { useRealtime, useTopic } from '../../realtime/Realtime';
import { Empty, ProblemView, Spinner } from '../../ui/States';
import { applyChatPush, refusalText, type LiveReplies } from './replyStream';
import { UsagePanel, usageKey } from './UsagePanel';

interface Conversation { id: string; title: string; createdAt: string; topic: string }
interface Message { id: string; role: 'user' | 'assistant'; text: string; status: string; reason?: string; at: string }
interface Accepted { messageId: string; replyId: string }

const conversationsKey = ['chat', 'conversations'] as const;
const messagesKey = (id: string) => ['chat', 'messages', id] as const;

/** The assistant: conversations on the left, the open one on the right with its reply streaming in as it arrives. */
export default function ChatPage() {
  const api = useApi();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { id } = useParams();
  const conversations = useQuery({
    queryKey: conversationsKey,
    queryFn: () => call<{ items: Conversation[] }>(api.GET('/conversations', { params: { query: { limit: 50 } } })),
  });
  const start = useMutation({
    mutationFn: () => call<Conversation>(api.POST('/conversations', { body: { title: 'New conversation' } })),
    onSuccess: (c) => {
      void client.invalidateQueries({ queryKey: conversationsKey });
      void navigate(`/chat/${c.id}`);
    },
  });
  return (
    <section aria-labelledby="chat-title" className="chat">
      <h1 id="chat-title">Assistant</h1>
      <UsagePanel compact />
      <div className="chat-layout">
        <nav aria-label="Conversations" className="chat-list">
          <button type="button" onClick={() => start.mutate()} disabled={start.isPending}>New conversation</button>
          {start.isError && <ProblemView error={start.error} />}
          {conversations.isPending ? <Spinner /> : conversations.isError ? <ProblemView error={conversations.error} /> : (
            <ul>
              {conversations.data.items.map((c) => (
                <li key={c.id}><Link to={`/chat/${c.id}`} aria-current={c.id === id ? 'page' : undefined}>{c.title}</Link></li>
              ))}
            </ul>
          )}
        </nav>
        {id ? <Conversation id={id} key={id} /> : <Empty>Start a conversation, then ask e.g. “where is my last order?”</Empty>}
      </div>
    </section>
  );
}

function Conversation({ id }: { id: string }) {
  const api = useApi();
  const client = useQueryClient();
  const { socket } = useRealtime();
  useTopic(`conversation:${id}`); // before posting: replies stream only to subscribers
  const [replies, setReplies] = useState<LiveReplies>({});
  const [pending, setPending] = useState<string | null>(null);
  const [stopped, setStopped] = useState<Record<string, boolean>>({});
  const [text, setText] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const end = useRef<HTMLDivElement>(null);
  const messages = useQuery({
    queryKey: messagesKey(id),
    queryFn: () => call<{ items: Message[] }>(api.GET('/conversations/{id}/messages', { params: { path: { id }, query: { limit: 100 } } })),
  });

  useEffect(() => {
    if (!socket) return undefined;
    return socket.onMessage((m) => {
      if (m.topic !== `conversation:${id}`) return;
      setReplies((r) => applyChatPush(r, m));
      if (m.type === 'chat.completed' || m.type === 'chat.failed') {
        void client.invalidateQueries({ queryKey: usageKey });
      }
    });
  }, [socket, id, client]);

  const live = pending ? replies[pending] : undefined;
  useEffect(() => {
    if (live && live.status !== 'streaming' && pending) {
      void client.invalidateQueries({ queryKey: messagesKey(id) }).then(() => setPending(null));
    }
  }, [live, pending, client, id]);
  useEffect(() => {
    // a block body: Chromium's scrollIntoView returns a promise, which React would take for a cleanup function
    void end.current?.scrollIntoView?.({ block: 'end' });
  }, [live?.text, messages.data]);

  const send = useMutation({
    mutationFn: (message: string) => call<Accepted>(api.POST('/conversations/{id}/messages', { params: { path: { id } }, body: { text: message } })),
    onMutate: () => setRefusal(null),
    onSuccess: (accepted) => {
      setText('');
      setPending(accepted.replyId);
      void client.invalidateQueries({ queryKey: messagesKey(id) });
      void client.invalidateQueries({ queryKey: usageKey });
    },
    onError: (error) => {
      if (error instanceof ApiError) setRefusal(refusalText(error.code, error.problem.detail));
      else setRefusal('The message could not be sent; check your connection.');
      void client.invalidateQueries({ queryKey: messagesKey(id) });
    },
  });

  if (messages.isPending) return <Spinner label="Loading messages…" />;
  if (messages.isError) return <ProblemView error={messages.error} onRetry={() => void messages.refetch()} />;
  const stored = messages.data.items.filter((m) => !(pending && m.id === pending));
  return (
    <div className="chat-conversation">
      <ol className="chat-messages" aria-live="polite">
        {stored.map((m) => (
          <li key={m.id} className={`chat-message ${m.role} ${m.status}`} data-status={m.status}>
            <span className="chat-role">{m.role === 'user' ? 'You' : 'Assistant'}</span> {m.text}
            {m.status === 'blocked' && <em> — blocked ({m.reason})</em>}
            {m.status === 'failed' && <em> — the reply broke off ({m.reason}); ask again</em>}
          </li>
        ))}
        {pending && (
          <li className="chat-message assistant streaming" data-testid="live-reply">
            <span className="chat-role">Assistant</span> {live?.text ?? '…'}
            {!stopped[pending] && live?.status === 'streaming' && (
              <button type="button" onClick={() => { setStopped((s) => ({ ...s, [pending]: true })); setPending(null); }}>Stop</button>
            )}
            {live?.status === 'failed' && <em> — failed ({live.reason}); retry in {live.retryAfterSeconds} s</em>}
          </li>
        )}
      </ol>
      <div ref={end} />
      {refusal && <p className="notice error" role="alert" data-testid="chat-refusal">{refusal}</p>}
      <form onSubmit={(e) => { e.preventDefault(); if (text.trim()) send.mutate(text.trim()); }}>
        <label htmlFor="chat-input">Message</label>
        <textarea id="chat-input" value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} rows={2} />
        <button type="submit" disabled={send.isPending || !!(pending && live?.status === 'streaming')}>Send</button>
      </form>
    </div>
  );
}
