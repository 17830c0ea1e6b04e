import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { api, call, setCsrfToken } from '../../api/client.ts';
import { Loading } from '../../ui/states.tsx';
import { linkRoute } from '../routes.tsx';
import { usePortalSession } from '../session.tsx';

/** The page an emailed sign-in link opens: it spends the link, then shows the ticket or the list. */
export function SignInLinkPage() {
  const { token } = linkRoute.useParams();
  const { refresh } = usePortalSession();
  const navigate = useNavigate();
  const spend = useMutation({
    mutationFn: () => call(api.POST('/api/v1/portal/auth/link/{token}', { params: { path: { token } } })),
    onSuccess: async (answer) => {
      setCsrfToken(answer.csrfToken);
      await refresh();
      await (answer.ticketNumber
        ? navigate({ to: '/tickets/$number', params: { number: answer.ticketNumber }, replace: true })
        : navigate({ to: '/tickets', replace: true }));
    },
  });
  const { mutate, isIdle } = spend;
  // A link works once: it is spent by an explicit effect, not on every render.
  useEffect(() => {
    if (isIdle) mutate();
  }, [isIdle, mutate]);

  if (spend.isError) {
    return (
      <div
        role="alert"
        className="mx-auto max-w-md space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-5 text-amber-950"
      >
        <h1 className="text-xl font-semibold">This link no longer works</h1>
        <p className="text-sm">Sign-in links work once and for 15 minutes. Ask for a new one.</p>
        <Link to="/signin" className="text-blue-800 underline">
          Sign in
        </Link>
      </div>
    );
  }
  return <Loading label="Signing you in…" />;
}
