import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { ApiError, fieldErrorsOf, messageOf } from '../../api/errors.ts';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/field.tsx';
import { FormError } from '../../ui/states.tsx';
import { signInRoute } from '../routes.tsx';
import { usePortalSession } from '../session.tsx';

const rateLimited = (error: unknown) =>
  error instanceof ApiError && error.code === 'rate_limited'
    ? 'Too many attempts; wait a few minutes.'
    : messageOf(error);

/** Sign in by password, or ask for a link by email. */
export function SignInPage() {
  const { refresh } = usePortalSession();
  const search = signInRoute.useSearch();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => call(api.POST('/api/v1/portal/auth/login', { body: { email, password } })),
    onSuccess: async () => {
      await refresh();
      await navigate({ href: search.redirect ?? '/tickets', replace: true });
    },
  });
  const link = useMutation({
    mutationFn: () => call(api.POST('/api/v1/portal/auth/link', { body: { email } })),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate();
  }

  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">Sign in</h1>
      <form onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint="No password yet? Ask for a sign-in link below."
        />
        {login.error ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            {rateLimited(login.error)}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="primary" isBusy={login.isPending} disabled={!password}>
            Sign in
          </Button>
          <Button isBusy={link.isPending} disabled={!email} onClick={() => link.mutate()}>
            Email me a sign-in link
          </Button>
        </div>
        {link.data ? (
          <p role="status" className="text-sm text-green-900">
            {link.data.message}
          </p>
        ) : null}
        {link.error ? (
          <p role="alert" className="text-sm text-red-700">
            {rateLimited(link.error)}
          </p>
        ) : null}
      </form>
      <p className="text-sm text-slate-700">
        Reported something without an account?{' '}
        <Link to="/check" className="text-blue-800 underline">
          Check a ticket
        </Link>
      </p>
    </div>
  );
}

/** "Check a ticket": the address and the number, and a link by email opens it. */
export function CheckTicketPage() {
  const [email, setEmail] = useState('');
  const [number, setNumber] = useState('');
  const ask = useMutation({
    mutationFn: () => call(api.POST('/api/v1/portal/ticket-access', { body: { email, number } })),
  });
  const errors = fieldErrorsOf(ask.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    ask.mutate();
  }
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">Check a ticket</h1>
      {ask.data ? (
        <p role="status" className="rounded-lg border border-green-300 bg-green-50 p-4 text-green-950">
          {ask.data.message}
        </p>
      ) : (
        <form
          onSubmit={submit}
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
          noValidate
        >
          <p className="text-sm text-slate-700">
            We email a link that opens the ticket to its requester and the people copied on it.
          </p>
          <TextField
            label="Your email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={errors.email}
          />
          <TextField
            label="Ticket number"
            required
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            error={errors.number}
          />
          <FormError
            error={
              Object.keys(errors).length > 0 ? null : ask.error ? new Error(rateLimited(ask.error)) : null
            }
          />
          <Button type="submit" variant="primary" isBusy={ask.isPending}>
            Email me the link
          </Button>
        </form>
      )}
    </div>
  );
}
