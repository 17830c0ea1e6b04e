import * as Tabs from '@radix-ui/react-tabs';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { Ticket } from '../../api/types.ts';
import { readAttachment } from '../../lib/files.ts';
import { useHotkeys } from '../../lib/use-hotkeys.ts';
import { Button } from '../../ui/button.tsx';
import { cx } from '../../ui/cx.ts';
import { FilePicker, MAX_ATTACHMENT_BYTES } from '../../ui/file-picker.tsx';
import { Select } from '../../ui/select.tsx';
import { FormError } from '../../ui/states.tsx';
import { useStatuses } from '../catalog.ts';
import { useMe } from '../session.tsx';
import { fillPlaceholders, useCannedResponses } from './canned-responses.ts';

type Mode = 'reply' | 'note';

interface ComposerProps {
  ticket: Ticket;
  /** Checked right before sending: a warning (someone else replied meanwhile) asks for confirmation. */
  checkBeforeSend: () => Promise<string | null>;
  onSent: () => void;
  /** Told whether there is a draft, so that other agents see this one as replying. */
  onDraftChange?: (hasDraft: boolean) => void;
}

/** Replies (emailed to the requester) and internal notes (agents only), with attachments. */
export function Composer({ ticket, checkBeforeSend, onSent, onDraftChange }: ComposerProps) {
  const statuses = useStatuses();
  const me = useMe();
  // Fetched once the agent starts writing, so opening a ticket costs no extra request.
  const [isOpened, setOpened] = useState(false);
  const canned = useCannedResponses(ticket.department.id, isOpened);
  const cannedResponses = canned.data;
  const [mode, setMode] = useState<Mode>('reply');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [statusId, setStatusId] = useState<string | null>(null);
  const [warning, setWarning] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const textareaId = useId();
  const hasDraft = body.trim().length > 0;
  useEffect(() => onDraftChange?.(hasDraft), [hasDraft, onDraftChange]);

  useHotkeys({
    r: () => {
      setMode('reply');
      requestAnimationFrame(() => textarea.current?.focus());
    },
    n: () => {
      setMode('note');
      requestAnimationFrame(() => textarea.current?.focus());
    },
  });

  const send = useMutation({
    mutationFn: async () => {
      const attachments = await Promise.all(files.map(readAttachment));
      const path = { number: ticket.number };
      const base = { body, ...(attachments.length > 0 ? { attachments } : {}) };
      if (mode === 'note')
        return call(api.POST('/api/v1/tickets/{number}/notes', { params: { path }, body: base }));
      return call(
        api.POST('/api/v1/tickets/{number}/replies', {
          params: { path },
          body: { ...base, ...(statusId ? { status: Number(statusId) } : {}) },
        }),
      );
    },
    onSuccess: () => {
      setBody('');
      setFiles([]);
      setStatusId(null);
      setWarning(null);
      onSent();
    },
  });

  const tooLarge = files.reduce((sum, file) => sum + file.size, 0) > MAX_ATTACHMENT_BYTES;
  const canSend = body.trim().length > 0 && !tooLarge && !send.isPending;

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    if (warning === null) {
      const found = await checkBeforeSend().catch(() => null);
      if (found) {
        setWarning(found);
        return;
      }
    }
    send.mutate();
  }

  const bodyError = fieldErrorsOf(send.error).body;
  const isNote = mode === 'note';
  return (
    <Tabs.Root
      value={mode}
      onValueChange={(value) => setMode(value as Mode)}
      className="rounded-md border border-slate-300 bg-white"
    >
      <Tabs.List aria-label="Write" className="flex border-b border-slate-200 text-sm">
        <Tabs.Trigger
          value="reply"
          className="px-3 py-2 text-slate-700 data-[state=active]:border-b-2 data-[state=active]:border-blue-700 data-[state=active]:font-semibold data-[state=active]:text-blue-900"
        >
          Reply
        </Tabs.Trigger>
        <Tabs.Trigger
          value="note"
          className="px-3 py-2 text-slate-700 data-[state=active]:border-b-2 data-[state=active]:border-amber-600 data-[state=active]:font-semibold data-[state=active]:text-amber-900"
        >
          Internal note
        </Tabs.Trigger>
      </Tabs.List>
      <Tabs.Content value={mode} tabIndex={-1}>
        <form
          onSubmit={submit}
          onFocus={() => setOpened(true)}
          className={cx('space-y-2 p-3', isNote && 'bg-amber-50/60')}
        >
          <label htmlFor={textareaId} className="sr-only">
            {isNote ? 'Internal note' : `Reply to ${ticket.requester.name}`}
          </label>
          <textarea
            ref={textarea}
            id={textareaId}
            value={body}
            onChange={(event) => {
              setBody(event.target.value);
              setWarning(null);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
            }}
            rows={5}
            placeholder={
              isNote
                ? 'Only agents see internal notes.'
                : `Write to ${ticket.requester.name}${ticket.requester.email ? ` <${ticket.requester.email}>` : ''}…`
            }
            aria-invalid={bodyError ? true : undefined}
            className="block w-full rounded-md border border-slate-300 px-2.5 py-2 text-sm"
          />
          {bodyError ? <p className="text-xs font-medium text-red-700">{bodyError}</p> : null}
          {cannedResponses && cannedResponses.length > 0 ? (
            <div className="w-64">
              <Select
                aria-label="Insert a canned response"
                value={null}
                placeholder="Insert a canned response…"
                options={cannedResponses.map((canned) => ({ value: String(canned.id), label: canned.title }))}
                onChange={(value) => {
                  const chosen = cannedResponses.find((item) => String(item.id) === value);
                  if (!chosen) return;
                  const text = fillPlaceholders(chosen.body, {
                    ticketNumber: ticket.number,
                    ticketSubject: ticket.subject,
                    requesterName: ticket.requester.name,
                    agentName: me.name,
                  });
                  setBody((current) => (current ? `${current}\n\n${text}` : text));
                  setWarning(null);
                  textarea.current?.focus();
                }}
              />
            </div>
          ) : null}
          <FilePicker files={files} onChange={setFiles} />
          {warning ? (
            <div
              role="alert"
              className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
            >
              {warning} Read the thread before sending, or send anyway.
            </div>
          ) : null}
          <FormError error={bodyError ? null : send.error} />
          <div className="flex flex-wrap items-center justify-end gap-2">
            {!isNote ? (
              <div className="flex items-center gap-2">
                <span id={`${textareaId}-status`} className="text-xs text-slate-700">
                  Then set status
                </span>
                <div className="w-44">
                  <Select
                    aria-labelledby={`${textareaId}-status`}
                    value={statusId}
                    onChange={setStatusId}
                    noneLabel="Unchanged"
                    options={(statuses.data ?? [])
                      .filter((status) => status.state === 'open' || status.state === 'pending')
                      .map((status) => ({ value: String(status.id), label: status.name }))}
                  />
                </div>
              </div>
            ) : null}
            <Button
              type="submit"
              variant={isNote ? 'secondary' : 'primary'}
              disabled={!canSend}
              isBusy={send.isPending}
            >
              {warning ? 'Send anyway' : isNote ? 'Add note' : 'Send reply'}
            </Button>
          </div>
        </form>
      </Tabs.Content>
    </Tabs.Root>
  );
}
