import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/field.tsx';
import { FormError } from '../../ui/states.tsx';
import { RequireUser } from '../require-user.tsx';
import { type PortalUser, usePortalSession } from '../session.tsx';

/** The requester's account: who they are, and a password to sign in without a link. */
export function AccountPage() {
  return <RequireUser>{(user) => <Account user={user} />}</RequireUser>;
}

function Account({ user }: { user: PortalUser }) {
  const { refresh } = usePortalSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: () =>
      call(
        api.PUT('/api/v1/portal/me/password', {
          body: { newPassword: next, ...(user.hasPassword ? { currentPassword: current } : {}) },
        }),
      ),
    onSuccess: async () => {
      setCurrent('');
      setNext('');
      await refresh();
    },
  });
  const errors = fieldErrorsOf(change.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    change.mutate();
  }
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">Your account</h1>
      <p className="text-slate-800">
        {user.name} · {user.email}
        {user.organization ? ` · ${user.organization.name}` : ''}
      </p>
      <form
        onSubmit={submit}
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
        noValidate
      >
        <h2 className="text-base font-semibold">
          {user.hasPassword ? 'Change your password' : 'Choose a password'}
        </h2>
        {user.hasPassword ? (
          <TextField
            label="Current password"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
            error={errors.currentPassword}
          />
        ) : null}
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters."
          value={next}
          onChange={(event) => setNext(event.target.value)}
          error={errors.newPassword}
        />
        <FormError error={errors.currentPassword || errors.newPassword ? null : change.error} />
        {change.isSuccess ? (
          <p role="status" className="text-sm text-green-900">
            Saved. Other sessions were signed out.
          </p>
        ) : null}
        <Button type="submit" variant="primary" isBusy={change.isPending}>
          Save password
        </Button>
      </form>
    </div>
  );
}
