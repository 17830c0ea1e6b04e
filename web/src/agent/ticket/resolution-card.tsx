import { useState } from 'react';
import type { Resolution } from '../../api/types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Button } from '../../ui/button.tsx';
import { RESOLUTION_CODES } from './resolve-dialog.tsx';

const OUTCOMES: Record<string, string> = {
  confirmed: 'The requester confirmed the fix',
  reopened: 'The requester said it is still broken',
  auto_closed: 'Closed without an answer from the requester',
};

/** The resolution, shown above the thread once the ticket is resolved. */
export function ResolutionCard({
  resolution,
  resolvedBy,
}: {
  resolution: Resolution;
  resolvedBy: string | null;
}) {
  const [copied, setCopied] = useState(false);
  const code = RESOLUTION_CODES.find((item) => item.value === resolution.code)?.label ?? resolution.code;
  const rows: Array<[string, string | null]> = [
    ['Problem identified', resolution.problem],
    ['Action taken', resolution.actionTaken],
    ['How it was confirmed', resolution.confirmation],
    ['Next steps', resolution.nextSteps],
  ];
  return (
    <section
      aria-labelledby="resolution-title"
      className="rounded-md border-2 border-green-600 bg-green-50 p-4"
    >
      <div className="flex flex-wrap items-baseline gap-2">
        <h2 id="resolution-title" className="text-base font-semibold text-green-950">
          Resolved: {code}
        </h2>
        <span className="text-xs text-green-900">
          {formatDateTime(resolution.resolvedAt)}
          {resolvedBy ? ` by ${resolvedBy}` : ''}
        </span>
      </div>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-medium text-green-950">{label}</dt>
              <dd className="whitespace-pre-wrap text-slate-900">{value}</dd>
            </div>
          ))}
      </dl>
      <p className="mt-2 text-sm font-medium text-green-950">
        {resolution.outcome
          ? `${OUTCOMES[resolution.outcome] ?? resolution.outcome} (${formatDateTime(resolution.outcomeAt)})`
          : 'Waiting for the requester to confirm.'}
      </p>
      {resolution.confirmationUrl && !resolution.outcome ? (
        <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-green-950">
          <span>Confirmation link (until {formatDateTime(resolution.confirmationExpiresAt)}):</span>
          <Button
            size="sm"
            onClick={() => {
              navigator.clipboard
                .writeText(resolution.confirmationUrl ?? '')
                .then(() => setCopied(true))
                .catch(() => setCopied(false));
            }}
          >
            {copied ? 'Copied' : 'Copy link'}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
