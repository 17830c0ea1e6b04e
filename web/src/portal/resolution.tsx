import { type FormEvent, useId, useState } from 'react';
import { formatDateTime } from '../lib/format.ts';
import { Button } from '../ui/button.tsx';
import { FormError } from '../ui/states.tsx';

const CODES: Record<string, string> = {
  fixed: 'Fixed',
  workaround: 'Worked around',
  duplicate: 'Duplicate of another request',
  no_fault_found: 'No fault found',
  cannot_reproduce: 'Could not be reproduced',
  other: 'Resolved',
};

export interface ResolutionFacts {
  code: string;
  problem: string;
  actionTaken: string;
  confirmation: string;
  nextSteps: string | null;
  resolvedAt: string;
}

/** What was wrong and what was done, as the requester reads it. */
export function ResolutionSummary({ resolution }: { resolution: ResolutionFacts }) {
  const rows: Array<[string, string | null]> = [
    ['What was wrong', resolution.problem],
    ['What we did', resolution.actionTaken],
    ['How we checked', resolution.confirmation],
    ['Next steps', resolution.nextSteps],
  ];
  return (
    <section
      aria-labelledby="resolution-heading"
      className="rounded-lg border-2 border-green-600 bg-green-50 p-4"
    >
      <h2 id="resolution-heading" className="text-lg font-semibold text-green-950">
        {CODES[resolution.code] ?? 'Resolved'}
      </h2>
      <p className="text-xs text-green-900">{formatDateTime(resolution.resolvedAt)}</p>
      <dl className="mt-2 space-y-2 text-sm">
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt className="font-semibold text-green-950">{label}</dt>
              <dd className="whitespace-pre-wrap text-slate-900">{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

/** Confirm the fix, or say it is still broken with a comment. */
export function ResolutionAnswer({
  initialAction,
  isBusy,
  error,
  onAnswer,
}: {
  initialAction: 'confirm' | 'reopen' | null;
  isBusy: boolean;
  error: unknown;
  onAnswer: (action: 'confirm' | 'reopen', comment: string) => void;
}) {
  const [action, setAction] = useState<'confirm' | 'reopen' | null>(initialAction);
  const [comment, setComment] = useState('');
  const commentId = useId();
  function submit(event: FormEvent) {
    event.preventDefault();
    if (action) onAnswer(action, comment);
  }
  return (
    <form onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <fieldset>
        <legend className="text-base font-semibold text-slate-900">Is it fixed for you?</legend>
        <div className="mt-2 flex flex-col gap-2 sm:flex-row">
          <label className="flex flex-1 cursor-pointer items-center gap-2 rounded-md border border-slate-300 p-3 has-[:checked]:border-green-600 has-[:checked]:bg-green-50">
            <input
              type="radio"
              name="action"
              value="confirm"
              checked={action === 'confirm'}
              onChange={() => setAction('confirm')}
              className="accent-green-700"
            />
            <span>Yes, it works now</span>
          </label>
          <label className="flex flex-1 cursor-pointer items-center gap-2 rounded-md border border-slate-300 p-3 has-[:checked]:border-amber-600 has-[:checked]:bg-amber-50">
            <input
              type="radio"
              name="action"
              value="reopen"
              checked={action === 'reopen'}
              onChange={() => setAction('reopen')}
              className="accent-amber-700"
            />
            <span>No, it is still broken</span>
          </label>
        </div>
      </fieldset>
      {action === 'reopen' ? (
        <div className="space-y-1">
          <label htmlFor={commentId} className="block text-sm font-medium text-slate-800">
            What still goes wrong?
          </label>
          <textarea
            id={commentId}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            rows={4}
            className="block w-full rounded-md border border-slate-300 px-2.5 py-2 text-sm"
          />
        </div>
      ) : null}
      <FormError error={error} />
      <Button type="submit" variant="primary" disabled={action === null} isBusy={isBusy}>
        {action === 'reopen' ? 'Reopen the ticket' : 'Confirm the fix'}
      </Button>
    </form>
  );
}
