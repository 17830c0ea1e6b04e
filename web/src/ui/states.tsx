import type { ReactNode } from 'react';
import { messageOf } from '../api/errors.ts';
import { Button, Spinner } from './button.tsx';
import { cx } from './cx.ts';

/** A loading placeholder that screen readers announce. */
export function Loading({ label = 'Loading…', className }: { label?: string; className?: string }) {
  return (
    <div role="status" className={cx('flex items-center gap-2 p-4 text-sm text-slate-600', className)}>
      <Spinner />
      {label}
    </div>
  );
}

/** A failure with its message and, when it can help, a retry button. */
export function ErrorState({
  error,
  onRetry,
  title = 'This could not be loaded',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <div role="alert" className="m-4 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900">
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{messageOf(error)}</p>
      {onRetry ? (
        <Button className="mt-3" size="sm" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

/** What a list shows when it has nothing in it. */
export function Empty({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cx('p-8 text-center text-sm text-slate-600', className)}>{children}</div>;
}

/** An inline error box for a failed form submission (field errors show beside their fields). */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
      {messageOf(error)}
    </p>
  );
}
