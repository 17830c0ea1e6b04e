import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { ResponseOf } from '../../api/types.ts';
import { readAttachment } from '../../lib/files.ts';
import { formatBytes, formatDateTime } from '../../lib/format.ts';
import { StateBadge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { cx } from '../../ui/cx.ts';
import { EntryBody } from '../../ui/entry-body.tsx';
import { FilePicker } from '../../ui/file-picker.tsx';
import { ErrorState, FormError, Loading } from '../../ui/states.tsx';
import { RequireUser } from '../require-user.tsx';
import { ResolutionAnswer, ResolutionSummary } from '../resolution.tsx';
import { portalTicketRoute } from '../routes.tsx';

type PortalTicket = ResponseOf<'/api/v1/portal/tickets/{number}'>;
type Entry = PortalTicket['thread'][number];

/** A ticket as its requester sees it: the public thread (never internal notes), a reply box, the resolution. */
export function PortalTicketPage() {
  return <RequireUser>{() => <TicketView />}</RequireUser>;
}

function TicketView() {
  const { number } = portalTicketRoute.useParams();
  const queryClient = useQueryClient();
  const key = ['portal', 'ticket', number];
  const ticket = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET('/api/v1/portal/tickets/{number}', { params: { path: { number } } })),
  });
  const answer = useMutation({
    mutationFn: (input: { action: 'confirm' | 'reopen'; comment: string }) =>
      call(
        api.POST('/api/v1/portal/tickets/{number}/resolution', {
          params: { path: { number } },
          body: { action: input.action, ...(input.comment.trim() ? { comment: input.comment } : {}) },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });

  if (ticket.isPending) return <Loading />;
  if (ticket.isError)
    return (
      <ErrorState
        error={ticket.error}
        onRetry={() => void ticket.refetch()}
        title="This ticket could not be opened"
      />
    );
  const current = ticket.data;
  return (
    <div className="space-y-4">
      <Link to="/tickets" className="text-sm text-blue-800 underline">
        ← My tickets
      </Link>
      <div>
        <p className="font-mono text-sm text-slate-600">Ticket #{current.number}</p>
        <h1 className="text-2xl font-semibold text-slate-900">{current.subject}</h1>
        <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <StateBadge state={current.state} label={current.status.name} />
          <span>opened {formatDateTime(current.createdAt)}</span>
          {current.topic ? <span>· {current.topic.name}</span> : null}
        </div>
      </div>
      {current.fields.length > 0 ? (
        <dl className="grid gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-[12rem_1fr]">
          {current.fields.map((field) => (
            <div key={field.key} className="contents">
              <dt className="font-medium text-slate-700">{field.label}</dt>
              <dd className="text-slate-900">
                {typeof field.value === 'boolean' ? (field.value ? 'Yes' : 'No') : String(field.value ?? '')}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {current.resolution && (current.state === 'resolved' || current.state === 'closed') ? (
        <ResolutionSummary resolution={current.resolution} />
      ) : null}
      {current.canAnswerResolution ? (
        <ResolutionAnswer
          initialAction={null}
          isBusy={answer.isPending}
          error={answer.error}
          onAnswer={(action, comment) => answer.mutate({ action, comment })}
        />
      ) : null}
      <ol className="space-y-3" aria-label="Conversation">
        {current.thread.map((entry) => (
          <li key={entry.id}>
            <PortalEntry entry={entry} />
          </li>
        ))}
      </ol>
      {current.canReply ? (
        <ReplyBox
          number={current.number}
          onSent={() => void queryClient.invalidateQueries({ queryKey: key })}
        />
      ) : null}
    </div>
  );
}

function PortalEntry({ entry }: { entry: Entry }) {
  const isMine = entry.author.isMe;
  return (
    <article
      className={cx(
        'rounded-lg border p-3 sm:p-4',
        entry.type === 'resolution'
          ? 'border-green-300 bg-green-50'
          : isMine
            ? 'border-slate-200 bg-white'
            : 'border-blue-200 bg-blue-50',
      )}
      aria-label={`${isMine ? 'You' : entry.author.name} wrote`}
    >
      <header className="mb-2 flex flex-wrap items-center gap-2 text-xs text-slate-700">
        <strong className="text-slate-900">{isMine ? 'You' : entry.author.name}</strong>
        {entry.author.type === 'agent' ? <span>(support)</span> : null}
        <time dateTime={entry.createdAt} className="ml-auto">
          {formatDateTime(entry.createdAt)}
        </time>
      </header>
      <div className="text-sm text-slate-900">
        <EntryBody html={entry.bodyHtml} text={entry.bodyText} />
      </div>
      {entry.attachments.length > 0 ? (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label="Attachments">
          {entry.attachments.map((file) => (
            <li key={file.id}>
              <a
                href={file.url}
                download={file.filename}
                className="flex items-center gap-2 rounded border border-slate-200 bg-white p-1.5 text-xs text-blue-900 underline"
              >
                {file.contentType.startsWith('image/') ? (
                  <img src={file.url} alt="" className="h-12 w-16 rounded object-cover" />
                ) : null}
                {file.filename} ({formatBytes(file.size)})
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

function ReplyBox({ number, onSent }: { number: string; onSent: () => void }) {
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const id = useId();
  const send = useMutation({
    mutationFn: async () => {
      const attachments = await Promise.all(files.map(readAttachment));
      return call(
        api.POST('/api/v1/portal/tickets/{number}/messages', {
          params: { path: { number } },
          body: { body, ...(attachments.length > 0 ? { attachments } : {}) },
        }),
      );
    },
    onSuccess: () => {
      setBody('');
      setFiles([]);
      onSent();
    },
  });
  const errors = fieldErrorsOf(send.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (body.trim()) send.mutate();
  }
  return (
    <form onSubmit={submit} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <label htmlFor={id} className="block text-base font-semibold text-slate-900">
        Write to us
      </label>
      <textarea
        id={id}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        rows={5}
        aria-invalid={errors.body ? true : undefined}
        className="block w-full rounded-md border border-slate-300 px-2.5 py-2 text-sm"
      />
      {errors.body ? <p className="text-xs font-medium text-red-700">{errors.body}</p> : null}
      <FilePicker files={files} onChange={setFiles} />
      <FormError error={errors.body ? null : send.error} />
      <Button type="submit" variant="primary" isBusy={send.isPending} disabled={!body.trim()}>
        Send
      </Button>
    </form>
  );
}
