import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../../services';
import { call } from '../../api/client';
import { dateTime } from '../../ui/format';
import { Empty, ProblemView, Spinner } from '../../ui/States';

interface AbuseFlag { userId: string; blockedMessages: number; lastReason: string; lastBlockedAt: string }

/** Users whose messages were blocked repeatedly; admins suspend them from the users page. */
export default function AdminAbuse() {
  const api = useApi();
  const flags = useQuery({ queryKey: ['admin', 'abuse'], queryFn: () => call<{ items: AbuseFlag[] }>(api.GET('/admin/abuse', { params: { query: { limit: 100 } } })) });
  if (flags.isPending) return <Spinner label="Loading flagged users…" />;
  if (flags.isError) return <ProblemView error={flags.error} onRetry={() => void flags.refetch()} />;
  return (
    <section aria-labelledby="abuse-title">
      <h1 id="abuse-title">Abuse flags</h1>
      {flags.data.items.length === 0 ? <Empty>No user is flagged.</Empty> : (
        <table className="lines">
          <thead><tr><th scope="col">User</th><th scope="col">Blocked messages</th><th scope="col">Last reason</th><th scope="col">Last blocked</th></tr></thead>
          <tbody>
            {flags.data.items.map((f) => (
              <tr key={f.userId}>
                <td>{f.userId}</td>
                <td>{f.blockedMessages}</td>
                <td>{f.lastReason}</td>
                <td>{dateTime(f.lastBlockedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p><Link to="/admin/users">Suspend a user on the users page</Link>.</p>
    </section>
  );
}
