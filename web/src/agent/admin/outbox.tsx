import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client.ts';
import { messageOf } from '../../api/errors.ts';
import type { QueryOf } from '../../api/types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/field.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';

type Status = NonNullable<QueryOf<'/api/v1/outbound-messages'>['status']>;
const STATUSES: Array<{ value: Status; label: string }> = [
  { value: 'failed', label: 'Failed' },
  { value: 'queued', label: 'Queued' },
  { value: 'waiting', label: 'Waiting (no SMTP server)' },
  { value: 'sent', label: 'Sent' },
];
const COLORS: Record<string, string> = {
  failed: 'bg-red-100 text-red-900',
  queued: 'bg-blue-100 text-blue-900',
  waiting: 'bg-amber-100 text-amber-900',
  sent: 'bg-green-100 text-green-900',
};

/** Outgoing mail: what was sent, what waits, what failed (and sending a failed one again). */
export default function OutboxScreen() {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const list = useQuery({
    queryKey: ['admin', 'outbox', status],
    queryFn: async () =>
      (
        await call(
          api.GET('/api/v1/outbound-messages', {
            params: { query: { limit: 100, ...(status ? { status: status as Status } : {}) } },
          }),
        )
      ).items,
  });
  const retry = useMutation({
    mutationFn: (id: number) =>
      call(api.POST('/api/v1/outbound-messages/{id}/retry', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'outbox'] }),
  });
  return (
    <section className="space-y-3" aria-labelledby="outbox-title">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id="outbox-title" className="text-base font-semibold text-slate-900">
          Outbox
        </h2>
        <SelectField
          label="Show"
          value={status}
          onChange={(event) => setStatus(event.target.value)}
          placeholder="Everything"
          options={STATUSES}
        />
      </div>
      {retry.error ? (
        <p role="alert" className="text-sm text-red-800">
          {messageOf(retry.error)}
        </p>
      ) : null}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Empty>No mail here.</Empty>
      ) : (
        <div className="overflow-x-auto rounded-md border border-slate-200">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Created
                </th>
                <th scope="col" className="px-3 py-2">
                  Kind
                </th>
                <th scope="col" className="px-3 py-2">
                  To
                </th>
                <th scope="col" className="px-3 py-2">
                  Subject
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((mail) => (
                <tr key={mail.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-1.5 whitespace-nowrap">{formatDateTime(mail.createdAt)}</td>
                  <td className="px-3 py-1.5">{mail.kind.replaceAll('_', ' ')}</td>
                  <td className="px-3 py-1.5">{mail.to.join(', ')}</td>
                  <td className="px-3 py-1.5">{mail.subject}</td>
                  <td className="px-3 py-1.5">
                    <Badge className={COLORS[mail.status]}>{mail.status}</Badge>
                    {mail.lastError ? <p className="mt-1 text-xs text-red-800">{mail.lastError}</p> : null}
                  </td>
                  <td className="px-3 py-1.5 text-right">
                    {mail.status === 'failed' ? (
                      <Button
                        size="sm"
                        isBusy={retry.isPending && retry.variables === mail.id}
                        onClick={() => retry.mutate(mail.id)}
                      >
                        Send again
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
