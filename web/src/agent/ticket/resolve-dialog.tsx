import { type FormEvent, useState } from 'react';
import { api, call } from '../../api/client.ts';
import type { Ticket } from '../../api/types.ts';
import { useFieldErrors } from '../../lib/use-field-errors.ts';
import { Button } from '../../ui/button.tsx';
import { Modal } from '../../ui/dialog.tsx';
import { SelectField, TextArea } from '../../ui/field.tsx';
import { FormError } from '../../ui/states.tsx';
import { useStatuses } from '../catalog.ts';
import { useTicketChange } from './ticket-queries.ts';

export const RESOLUTION_CODES = [
  { value: 'fixed', label: 'Fixed' },
  { value: 'workaround', label: 'Workaround' },
  { value: 'duplicate', label: 'Duplicate' },
  { value: 'no_fault_found', label: 'No fault found' },
  { value: 'cannot_reproduce', label: 'Cannot reproduce' },
  { value: 'other', label: 'Other' },
];

interface ResolveDialogProps {
  ticket: Ticket;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** Resolving takes a structured resolution; what the server finds missing is shown beside each field. */
export function ResolveDialog({ ticket, open, onOpenChange }: ResolveDialogProps) {
  const statuses = useStatuses();
  const [form, setForm] = useState({
    problem: '',
    actionTaken: '',
    confirmation: '',
    nextSteps: '',
    code: '',
    status: '',
  });
  const resolve = useTicketChange(ticket.number, () =>
    call(
      api.POST('/api/v1/tickets/{number}/resolve', {
        params: { path: { number: ticket.number } },
        body: {
          problem: form.problem,
          actionTaken: form.actionTaken,
          confirmation: form.confirmation,
          code: form.code,
          ...(form.nextSteps.trim() ? { nextSteps: form.nextSteps } : {}),
          ...(form.status ? { status: Number(form.status) } : {}),
        },
      }),
    ),
  );
  const { errors, markEdited } = useFieldErrors(resolve.error);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => {
    markEdited(key);
    setForm((current) => ({ ...current, [key]: event.target.value }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    resolve.mutate(undefined, { onSuccess: () => onOpenChange(false) });
  }

  const resolvedStatuses = (statuses.data ?? []).filter((status) => status.state === 'resolved');
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title={`Resolve #${ticket.number}`}
      description="Record what was wrong, what was done and how the fix was confirmed. The requester gets a link to confirm it."
      width="lg"
    >
      <form onSubmit={submit} className="space-y-3" noValidate>
        <TextArea
          label="Problem identified"
          required
          value={form.problem}
          onChange={set('problem')}
          error={errors.problem}
          rows={3}
        />
        <TextArea
          label="Action taken"
          required
          value={form.actionTaken}
          onChange={set('actionTaken')}
          error={errors.actionTaken}
          rows={3}
        />
        <TextArea
          label="How the fix was confirmed"
          required
          value={form.confirmation}
          onChange={set('confirmation')}
          error={errors.confirmation}
          rows={2}
        />
        <TextArea
          label="Next steps"
          hint="Optional: follow-up work, prevention."
          value={form.nextSteps}
          onChange={set('nextSteps')}
          error={errors.nextSteps}
          rows={2}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField
            label="Resolution code"
            required
            value={form.code}
            onChange={set('code')}
            options={RESOLUTION_CODES}
            placeholder="Choose…"
            error={errors.code}
          />
          {resolvedStatuses.length > 1 ? (
            <SelectField
              label="Status"
              value={form.status}
              onChange={set('status')}
              options={resolvedStatuses.map((status) => ({ value: String(status.id), label: status.name }))}
              placeholder="Default"
              error={errors.status}
            />
          ) : null}
        </div>
        {/* The missing fields are marked beside each; this says why in a sentence. */}
        <FormError error={resolve.error} />
        <div className="flex justify-end gap-2 pt-2">
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="primary" isBusy={resolve.isPending}>
            Resolve ticket
          </Button>
        </div>
      </form>
    </Modal>
  );
}
