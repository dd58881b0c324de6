import { useRouteError } from 'react-router';
import { Button } from '../ui/Button';
import { Page } from '../ui/Page';

/** A page that failed to load (typically its code chunk while offline, or after a deploy): say so, offer a reload. */
export default function RouteError() {
  const error = useRouteError();
  const offline = typeof navigator !== 'undefined' && !navigator.onLine;
  return (
    <Page title="Page could not load">
      <div className="callout tone-danger" role="alert">
        <strong>{offline ? 'You’re offline' : 'This page could not load'}</strong>
        <p>{offline ? 'Reconnect, then try again.' : error instanceof Error ? error.message : 'Please try again.'}</p>
        <div className="actions"><Button variant="primary" onClick={() => window.location.reload()}>Try again</Button></div>
      </div>
    </Page>
  );
}
