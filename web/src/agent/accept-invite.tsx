import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, call } from '../api/client.ts';
import { messageOf } from '../api/errors.ts';
import { Button } from '../ui/button.tsx';
import { TextField } from '../ui/field.tsx';
import { Loading } from '../ui/states.tsx';
import { acceptInviteRoute } from './routes.tsx';

const MIN_PASSWORD = 8;

/** Where an invited agent chooses a password; no sign-in needed, the link's token is the key. */
export function AcceptInvitePage() {
  const { token } = acceptInviteRoute.useParams();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const invite = useQuery({
    queryKey: ['agent-invite', token],
    queryFn: () => call(api.GET('/api/v1/agent-invites/{token}', { params: { path: { token } } })),
    retry: false,
  });
  const accept = useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/agent-invites/{token}', { params: { path: { token } }, body: { password } })),
    onSuccess: () => void navigate({ to: '/signin', replace: true }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD) return setProblem(`Use at least ${MIN_PASSWORD} characters.`);
    if (password !== repeated) return setProblem('The two passwords differ.');
    setProblem(null);
    accept.mutate();
  }

  const error = problem ?? (accept.isError ? messageOf(accept.error) : null);
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 p-4">
      <div className="w-full max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div>
          <p className="text-sm font-semibold text-blue-800">Tessera</p>
          <h1 className="text-xl font-semibold text-slate-900">Choose your password</h1>
        </div>
        {invite.isPending ? <Loading /> : null}
        {invite.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {messageOf(invite.error)}{' '}
            <Link to="/signin" className="text-blue-700 underline">
              Go to sign-in
            </Link>
          </p>
        ) : null}
        {invite.data ? (
          <form onSubmit={submit} className="space-y-4" aria-label="Choose your password">
            <p className="text-sm text-slate-700">
              Welcome, {invite.data.name}. You will sign in as <strong>{invite.data.email}</strong>.
            </p>
            <TextField
              label="New password"
              type="password"
              name="password"
              autoComplete="new-password"
              hint={`At least ${MIN_PASSWORD} characters.`}
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
            <TextField
              label="Repeat the password"
              type="password"
              name="repeated"
              autoComplete="new-password"
              required
              value={repeated}
              onChange={(event) => setRepeated(event.target.value)}
            />
            {error ? (
              <p role="alert" className="text-sm font-medium text-red-700">
                {error}
              </p>
            ) : null}
            <Button type="submit" variant="primary" className="w-full" isBusy={accept.isPending}>
              Set password
            </Button>
          </form>
        ) : null}
      </div>
    </main>
  );
}
