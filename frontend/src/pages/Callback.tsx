import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { UserManager } from 'oidc-client-ts';
import { ProblemView, Progress } from '../ui/States';
import { Page } from '../ui/Page';

/** /auth/callback: finishes Authorization Code + PKCE, then returns to where sign-in started. */
export default function Callback({ manager }: { manager: UserManager }) {
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const once = useRef(false);
  useEffect(() => {
    if (once.current) return;
    once.current = true;
    manager.signinRedirectCallback().then(
      (user) => {
        const state = user.state as { returnTo?: string } | undefined;
        const to = state?.returnTo && state.returnTo.startsWith('/') && !state.returnTo.startsWith('//') ? state.returnTo : '/';
        navigate(to, { replace: true });
      },
      setError,
    );
  }, [manager, navigate]);
  return <Page title="Signing in">{error ? <ProblemView error={error} /> : <Progress label="Completing sign-in…" skeleton="none" />}</Page>;
}
