import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useApi } from '../services';
import { call } from '../api/client';
import type { components } from '../api/schema';
import { dateTime } from '../ui/format';
import { ProblemView, Spinner } from '../ui/States';

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
  if (profile.isPending) return <Spinner label="Loading profile…" />;
  if (profile.isError) return <ProblemView error={profile.error} />;
  const p = profile.data;
  return (
    <article className="card profile" aria-labelledby="pp-title">
      {p.avatarUrl && <img src={p.avatarUrl} alt="" width={96} height={96} className="avatar" referrerPolicy="no-referrer" />}
      <h1 id="pp-title">{p.displayName ?? p.handle}</h1>
      <p className="muted">@{p.handle}{p.joinedAt && <> · joined {dateTime(p.joinedAt)}</>}</p>
      {p.bio && <p className="bio">{p.bio}</p>}
    </article>
  );
}
