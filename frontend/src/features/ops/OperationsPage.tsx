import { useSearchParams } from 'react-router';
import { Page } from '../../ui/Page';
import { DeadLetterPanel } from './DeadLetters';
import { HealthPanel } from './HealthPanel';
import { ReplayPanel } from './ReplayPanel';

/** Admin: the operator's console for "what is stuck" (health, dead letters) and "re-run this safely" (redrive, replay). */
export default function OperationsPage() {
  const [params] = useSearchParams();
  return (
    <Page title="Operations" subtitle="What is answering, what is stuck, and re-running it safely. Every action here is audited as an ops event.">
      <div className="stack">
        <HealthPanel />
        <DeadLetterPanel />
        <ReplayPanel initialSubject={params.get('subject') ?? ''} />
      </div>
    </Page>
  );
}
