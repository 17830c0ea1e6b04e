import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import { messageOf } from '../../api/errors.ts';
import { formatBytes, formatDateTime } from '../../lib/format.ts';
import { Button } from '../../ui/button.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';

/** Mail that could not be taken in: why, and running it through again or setting it aside. */
export default function QuarantineScreen() {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['admin', 'quarantine'],
    queryFn: async () =>
      (
        await call(
          api.GET('/api/v1/inbound-messages', { params: { query: { status: 'quarantined', limit: 100 } } }),
        )
      ).items,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin', 'quarantine'] });
  const retry = useMutation({
    mutationFn: (id: number) =>
      call(api.POST('/api/v1/inbound-messages/{id}/retry', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const discard = useMutation({
    mutationFn: (id: number) =>
      call(api.POST('/api/v1/inbound-messages/{id}/discard', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const failure = retry.error ?? discard.error;
  return (
    <section className="space-y-3" aria-labelledby="quarantine-title">
      <h2 id="quarantine-title" className="text-base font-semibold text-slate-900">
        Quarantine
      </h2>
      <p className="text-sm text-slate-700">
        Mail Tessera received but could not file. Nothing here is lost: the raw message is kept.
      </p>
      {failure ? (
        <p role="alert" className="text-sm text-red-800">
          {messageOf(failure)}
        </p>
      ) : null}
      {retry.data ? (
        <p role="status" className="text-sm text-green-900">
          Run again: {retry.data.outcome}
          {retry.data.message.ticketNumber ? ` (ticket #${retry.data.message.ticketNumber})` : ''}.
        </p>
      ) : null}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Empty>The quarantine is empty.</Empty>
      ) : (
        <ul className="space-y-2">
          {list.data.map((mail) => (
            <li key={mail.id} className="rounded-md border border-slate-200 p-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <strong className="text-slate-900">{mail.subject ?? '(no subject)'}</strong>
                <span className="text-slate-700">from {mail.from ?? 'unknown'}</span>
                <span className="ml-auto text-xs text-slate-600">
                  {formatDateTime(mail.receivedAt)} · {mail.channel} · {formatBytes(mail.rawSize)}
                </span>
              </div>
              <p className="mt-1 text-red-900">{mail.reason}</p>
              <div className="mt-2 flex gap-2">
                <Button
                  size="sm"
                  isBusy={retry.isPending && retry.variables === mail.id}
                  onClick={() => retry.mutate(mail.id)}
                >
                  Run again
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  isBusy={discard.isPending && discard.variables === mail.id}
                  onClick={() => discard.mutate(mail.id)}
                >
                  Set aside
                </Button>
                <a
                  className="self-center text-xs text-blue-800 underline"
                  href={`/api/v1/inbound-messages/${mail.id}/source`}
                >
                  Raw source
                </a>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
