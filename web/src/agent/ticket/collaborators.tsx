import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { messageOf } from '../../api/errors.ts';
import { Button } from '../../ui/button.tsx';
import { ticketKeys } from './ticket-queries.ts';

/** The people copied on the ticket (they get the replies too), with adding by email and removing. */
export function Collaborators({ number }: { number: string }) {
  const queryClient = useQueryClient();
  const path = { number };
  const inputId = useId();
  const [email, setEmail] = useState('');
  const list = useQuery({
    queryKey: ticketKeys.collaborators(number),
    queryFn: async () =>
      (await call(api.GET('/api/v1/tickets/{number}/collaborators', { params: { path } }))).items,
  });
  const onChanged = (items: NonNullable<typeof list.data>) => {
    queryClient.setQueryData(ticketKeys.collaborators(number), items);
    void queryClient.invalidateQueries({ queryKey: ticketKeys.thread(number) });
  };
  const add = useMutation({
    mutationFn: async (address: string) =>
      (
        await call(
          api.POST('/api/v1/tickets/{number}/collaborators', { params: { path }, body: { email: address } }),
        )
      ).items,
    onSuccess: (items) => {
      onChanged(items);
      setEmail('');
    },
  });
  const remove = useMutation({
    mutationFn: async (userId: number) => {
      await call(
        api.DELETE('/api/v1/tickets/{number}/collaborators/{userId}', {
          params: { path: { number, userId } },
        }),
      );
      return (list.data ?? []).filter((item) => item.userId !== userId);
    },
    onSuccess: onChanged,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (email.trim()) add.mutate(email.trim());
  }

  return (
    <div className="space-y-1">
      <h3 className="text-xs font-medium text-slate-700">Collaborators (CC)</h3>
      {list.isError ? <p className="text-xs text-red-700">{messageOf(list.error)}</p> : null}
      {list.data && list.data.length > 0 ? (
        <ul className="space-y-0.5">
          {list.data.map((person) => (
            <li key={person.userId} className="flex items-center justify-between text-sm text-slate-800">
              <span className="truncate" title={person.email ?? undefined}>
                {person.name}{' '}
                {person.email ? <span className="text-xs text-slate-600">{person.email}</span> : null}
              </span>
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove ${person.name}`}
                onClick={() => remove.mutate(person.userId)}
              >
                ✕
              </Button>
            </li>
          ))}
        </ul>
      ) : list.data ? (
        <p className="text-xs text-slate-600">Nobody is copied.</p>
      ) : null}
      <form onSubmit={submit} className="flex gap-1">
        <label htmlFor={inputId} className="sr-only">
          Email of someone to copy
        </label>
        <input
          id={inputId}
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          placeholder="name@example.com"
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
        <Button type="submit" size="sm" isBusy={add.isPending}>
          Add
        </Button>
      </form>
      {add.error || remove.error ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {messageOf(add.error ?? remove.error)}
        </p>
      ) : null}
    </div>
  );
}
