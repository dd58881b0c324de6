import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useApi } from '../services';
import { call } from '../api/client';
import type { components } from '../api/schema';
import { useFormat } from '../ui/intl';
import { Page } from '../ui/Page';
import { QueryState } from '../ui/States';

type PublicProfile = components['schemas']['PublicProfile'];

/** /u/:handle — public, no sign-in. */
export default function PublicProfilePage() {
  const { handle = '' } = useParams();
  const api = useApi();
  const profile = useQuery({
    queryKey: ['public-profile', handle],
    queryFn: () => call<PublicProfile>(api.GET('/users/{handle}', { params: { path: { handle } } })),
    retry: false,
  });
  const fmt = useFormat();
  const p = profile.data;
  return (
    <Page title={p ? (p.displayName ?? p.handle) : `@${handle}`} subtitle={p && <>@{p.handle}{p.joinedAt && <> · joined {fmt.date(p.joinedAt)}</>}</>}>
      <QueryState query={profile} label="Loading profile…">
        {(data) => (
          <article className="card profile row">
            {data.avatarUrl && <img src={data.avatarUrl} alt="" width={96} height={96} className="avatar" referrerPolicy="no-referrer" />}
            <p className="bio">{data.bio ?? 'No bio yet.'}</p>
          </article>
        )}
      </QueryState>
    </Page>
  );
}
