import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, messageOf } from '../api/errors.ts';
import { Button } from '../ui/button.tsx';
import { TextField } from '../ui/field.tsx';
import { signInRoute } from './routes.tsx';
import { useSession } from './session.tsx';

/** Only addresses inside the console are followed after sign-in. */
function safeRedirect(redirect: string | undefined): string {
  if (!redirect?.startsWith('/') || redirect.startsWith('//') || redirect.startsWith('/signin')) {
    return '/tickets';
  }
  return redirect;
}

/** The agent sign-in page. */
export function SignInPage() {
  const { state, signIn } = useSession();
  const search = signInRoute.useSearch();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const isSignedIn = state.status === 'signedIn';
  useEffect(() => {
    if (isSignedIn) void navigate({ href: safeRedirect(search.redirect), replace: true });
  }, [isSignedIn, navigate, search.redirect]);
  if (isSignedIn) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.code === 'rate_limited'
          ? 'Too many attempts. Wait a few minutes and try again.'
          : messageOf(failure),
      );
      setBusy(false);
    }
  }

  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 p-4">
      <form
        onSubmit={submit}
        className="w-full max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
        aria-labelledby="signin-title"
      >
        <div>
          <p className="text-sm font-semibold text-blue-800">Tessera</p>
          <h1 id="signin-title" className="text-xl font-semibold text-slate-900">
            Sign in to the help desk
          </h1>
        </div>
        {search.expired ? (
          <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Your session has ended. Sign in again to carry on where you were.
          </p>
        ) : null}
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {error ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            {error}
          </p>
        ) : null}
        <Button type="submit" variant="primary" className="w-full" isBusy={isBusy}>
          Sign in
        </Button>
      </form>
    </main>
  );
}
