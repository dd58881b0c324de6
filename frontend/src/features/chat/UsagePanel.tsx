import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../services';
import { call } from '../../api/client';
import { dateTime } from '../../ui/format';
import { ProblemView, Spinner } from '../../ui/States';

export interface Usage {
  messages: number;
  messageLimit: number;
  tokens: number;
  tokenLimit: number;
  resetsAt: string;
  creditsAvailable: number;
  creditsReserved: number;
  creditsPer1kTokens: number;
}

export const usageKey = ['chat', 'usage'] as const;

export function useUsage() {
  const api = useApi();
  return useQuery({ queryKey: usageKey, queryFn: () => call<Usage>(api.GET('/me/usage')) });
}

/** Today's assistant quota and the credits left: compact in the chat page, full on the usage page. */
export function UsagePanel({ compact = false }: { compact?: boolean }) {
  const usage = useUsage();
  if (usage.isPending) return <Spinner label="Loading usage…" />;
  if (usage.isError) return <ProblemView error={usage.error} onRetry={() => void usage.refetch()} />;
  const u = usage.data;
  if (compact) {
    return (
      <p className="usage-indicator" data-testid="usage-indicator">
        {u.creditsAvailable} credits · {u.messages}/{u.messageLimit} messages today
      </p>
    );
  }
  return (
    <section aria-labelledby="usage-title">
      <h2 id="usage-title">Assistant usage</h2>
      <dl className="usage">
        <dt>Messages today</dt><dd>{u.messages} of {u.messageLimit}</dd>
        <dt>Tokens today</dt><dd>{u.tokens} of {u.tokenLimit}</dd>
        <dt>Quota resets</dt><dd>{dateTime(u.resetsAt)}</dd>
        <dt>Credits available</dt><dd>{u.creditsAvailable}{u.creditsReserved > 0 ? ` (${u.creditsReserved} held for replies in progress)` : ''}</dd>
        <dt>Price</dt><dd>{u.creditsPer1kTokens === 0 ? 'free' : `${u.creditsPer1kTokens} credits per 1,000 tokens`}</dd>
      </dl>
    </section>
  );
}

export default function UsagePage() {
  return <UsagePanel />;
}
