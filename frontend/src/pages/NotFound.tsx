import { Link } from 'react-router';
import { Page } from '../ui/Page';
import { EmptyState } from '../ui/States';

export default function NotFound() {
  return (
    <Page title="Page not found">
      <EmptyState title="Nothing here" actions={<Link className="btn btn-primary" to="/">Back to the shop</Link>}>
        The address may be mistyped, or the page moved.
      </EmptyState>
    </Page>
  );
}
