import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { TicketQuery } from '../../api/types.ts';
import { Button } from '../../ui/button.tsx';
import { Modal } from '../../ui/dialog.tsx';
import { CheckboxField, TextField } from '../../ui/field.tsx';
import { FormError } from '../../ui/states.tsx';
import { useMe } from '../session.tsx';

/** Saves the list's current filters and search as a queue in the sidebar (shared ones: administrators). */
export function SaveSearchButton({ query }: { query: TicketQuery }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [isOpen, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [isShared, setShared] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const { sort, limit: _limit, cursor: _cursor, ...filters } = query;
      return call(
        api.POST('/api/v1/queues', {
          body: { name, filters, ...(sort ? { sort } : {}), ...(isShared ? { isShared } : {}) },
        }),
      );
    },
    onSuccess: (queue) => {
      void queryClient.invalidateQueries({ queryKey: ['queue-counts'] });
      setOpen(false);
      setName('');
      void navigate({ to: '/tickets', search: { queue: `queue:${queue.id}` } });
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        Save search
      </Button>
      <Modal
        open={isOpen}
        onOpenChange={setOpen}
        title="Save this search"
        description="It appears in the sidebar with its count."
      >
        <form onSubmit={submit} className="space-y-3">
          <TextField
            label="Name"
            required
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={errors.name}
          />
          {me.isAdmin ? (
            <CheckboxField
              label="Share with every agent"
              checked={isShared}
              onChange={(event) => setShared(event.target.checked)}
            />
          ) : null}
          <FormError error={errors.name ? null : save.error} />
          <div className="flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" isBusy={save.isPending}>
              Save
            </Button>
          </div>
        </form>
      </Modal>
    </>
  );
}
