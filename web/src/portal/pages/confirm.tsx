import { useMutation, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import { ApiError } from '../../api/errors.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { ResolutionAnswer, ResolutionSummary } from '../resolution.tsx';
import { confirmRoute } from '../routes.tsx';

const EXPLAIN: Record<string, string> = {
  confirmation_used: 'This resolution was already answered. Thank you!',
  confirmation_expired:
    'This link has expired. If the problem is back, open a new ticket or reply to our email.',
  confirmation_invalid: 'This link is not valid. Check that it was copied completely.',
};

/** The page the resolution email links to: the resolution, and confirm or reopen, no sign-in needed. */
export function ConfirmPage() {
  const { token } = confirmRoute.useParams();
  const search = confirmRoute.useSearch();
  const facts = useQuery({
    queryKey: ['confirmation', token],
    queryFn: () => call(api.GET('/api/v1/confirmations/{token}', { params: { path: { token } } })),
    retry: false,
  });
  const answer = useMutation({
    mutationFn: (input: { action: 'confirm' | 'reopen'; comment: string }) =>
      call(
        api.POST('/api/v1/confirmations/{token}', {
          params: { path: { token } },
          body: { action: input.action, ...(input.comment.trim() ? { comment: input.comment } : {}) },
        }),
      ),
  });

  if (facts.isPending) return <Loading />;
  if (facts.isError) {
    const known = facts.error instanceof ApiError ? EXPLAIN[facts.error.code] : undefined;
    return known ? (
      <p role="status" className="rounded-lg border border-slate-200 bg-white p-5 text-slate-800">
        {known}
      </p>
    ) : (
      <ErrorState error={facts.error} onRetry={() => void facts.refetch()} />
    );
  }
  const { ticket, resolution } = facts.data;
  return (
    <div className="space-y-4">
      <div>
        <p className="font-mono text-sm text-slate-600">Ticket #{ticket.number}</p>
        <h1 className="text-2xl font-semibold text-slate-900">{ticket.subject}</h1>
      </div>
      <ResolutionSummary resolution={resolution} />
      {answer.data ? (
        <p
          role="status"
          className="rounded-lg border border-slate-200 bg-white p-4 text-slate-900"
          data-testid="confirm-outcome"
        >
          {answer.data.ticket.state === 'closed'
            ? 'Thank you for confirming. The ticket is closed.'
            : 'The ticket is open again; we will be in touch.'}
        </p>
      ) : (
        <ResolutionAnswer
          initialAction={search.action ?? null}
          isBusy={answer.isPending}
          error={answer.error}
          onAnswer={(action, comment) => answer.mutate({ action, comment })}
        />
      )}
    </div>
  );
}
