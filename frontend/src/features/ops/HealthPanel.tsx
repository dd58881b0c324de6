import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../services';
import { Badge, type Tone } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { QueryState } from '../../ui/States';
import { opsKeys } from './keys';

type HealthReport = components['schemas']['HealthReport'];

/** Mirrors the server's rule (SystemHealth.BACKLOG_LIMIT): an outbox item older than this is a problem. */
export const BACKLOG_LIMIT_SECONDS = 300;

interface Row { kind: string; name: string; ok: boolean; state: string; detail: string }

/** One row per thing the report checks: dependencies, dead-letter queues, the outbox backlog. */
export function healthRows(report: HealthReport): Row[] {
  const rows: Row[] = report.dependencies.map((d) => ({
    kind: 'Dependency', name: d.name, ok: d.ok, state: d.ok ? 'Answering' : 'Not answering',
    detail: d.ok ? `${d.latencyMs} ms` : d.error ?? `${d.latencyMs} ms`,
  }));
  for (const q of report.deadLetterQueues) {
    const unreadable = q.depth < 0 || !!q.problem;
    rows.push({
      kind: 'Dead-letter queue', name: q.name, ok: !unreadable && q.depth === 0,
      state: unreadable ? 'Unreadable' : q.depth === 0 ? 'Empty' : `${q.depth} waiting`,
      detail: unreadable ? q.problem ?? 'cannot be read' : q.depth === 0 ? '' : `oldest ${age(q.oldestAgeSeconds)}`,
    });
  }
  const backlog = report.outboxBacklogAgeSeconds;
  rows.push({
    kind: 'Outbox backlog', name: 'outbox', ok: backlog <= BACKLOG_LIMIT_SECONDS,
    state: backlog === 0 ? 'Empty' : backlog <= BACKLOG_LIMIT_SECONDS ? 'Flowing' : 'Stuck',
    detail: backlog === 0 ? '' : `oldest item waiting ${age(backlog)}`,
  });
  return rows;
}

export function age(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

const tone = (ok: boolean): Tone => (ok ? 'success' : 'danger');

/** `GET /admin/health`: what is answering, what is piling up. */
export function HealthPanel() {
  const api = useApi();
  const health = useQuery({ queryKey: opsKeys.health, queryFn: () => call<HealthReport>(api.GET('/admin/health')) });
  return (
    <section aria-labelledby="ops-health" className="stack" data-testid="ops-health">
      <div className="toolbar">
        <h2 id="ops-health" className="spacer">Health</h2>
        <Button size="sm" busy={health.isFetching} onClick={() => void health.refetch()}>Refresh health</Button>
      </div>
      <QueryState query={health} label="Checking health…">
        {(report) => (
          <>
            <p>
              Overall: <Badge tone={report.status === 'ok' ? 'success' : 'danger'} data-testid="health-status" data-status={report.status}>
                {report.status === 'ok' ? 'OK' : 'Degraded'}
              </Badge>
            </p>
            {report.problems.length > 0 && (
              <ul aria-label="Problems" className="callout tone-warning">
                {report.problems.map((p) => <li key={p}>{p}</li>)}
              </ul>
            )}
            <div className="table-wrap">
              <table className="data cards">
                <caption className="sr-only">Health checks</caption>
                <thead><tr><th scope="col">Check</th><th scope="col">Kind</th><th scope="col">State</th><th scope="col">Detail</th></tr></thead>
                <tbody>
                  {healthRows(report).map((r) => (
                    <tr key={`${r.kind}-${r.name}`} data-check={r.name} data-ok={r.ok}>
                      <td className="primary-cell"><code>{r.name}</code></td>
                      <td data-label="Kind">{r.kind}</td>
                      <td data-label="State"><Badge tone={tone(r.ok)}>{r.state}</Badge></td>
                      <td data-label="Detail">{r.detail}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}
