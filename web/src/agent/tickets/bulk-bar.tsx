import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../ui/button.tsx';
import { Select } from '../../ui/select.tsx';
import { useAgents, useDepartments, usePriorities, useStatuses } from '../catalog.ts';
import { applyBulk, type BulkChanges, type BulkResult } from './bulk.ts';

type Kind = 'assign' | 'transfer' | 'status' | 'priority';

/** The actions on the selected tickets: assign, transfer, status, priority. */
export function BulkBar({ selected, onDone }: { selected: string[]; onDone: () => void }) {
  const queryClient = useQueryClient();
  const agents = useAgents();
  const departments = useDepartments();
  const statuses = useStatuses();
  const priorities = usePriorities();
  const [kind, setKind] = useState<Kind>('assign');
  const [value, setValue] = useState<string | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);

  const mutation = useMutation({
    mutationFn: (changes: BulkChanges) => applyBulk(selected, changes),
    onSuccess: (outcome) => {
      setResult(outcome);
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      void queryClient.invalidateQueries({ queryKey: ['queue-counts'] });
      if (outcome.failed.length === 0) onDone();
    },
  });

  const options =
    kind === 'assign'
      ? [
          { value: 'none', label: 'Nobody (unassign)' },
          ...(agents.data ?? [])
            .filter((a) => a.isActive)
            .map((a) => ({ value: String(a.id), label: a.name })),
        ]
      : kind === 'transfer'
        ? (departments.data ?? [])
            .filter((d) => d.isActive)
            .map((d) => ({ value: String(d.id), label: d.path }))
        : kind === 'status'
          ? (statuses.data ?? [])
              .filter((s) => s.state !== 'resolved')
              .map((s) => ({ value: String(s.id), label: s.name }))
          : (priorities.data ?? []).map((p) => ({ value: p.key, label: p.name }));

  function apply() {
    if (value === null) return;
    const changes: BulkChanges =
      kind === 'assign'
        ? { assigneeId: value === 'none' ? null : Number(value) }
        : kind === 'transfer'
          ? { departmentId: Number(value) }
          : kind === 'status'
            ? { status: Number(value) }
            : { priority: value };
    mutation.mutate(changes);
  }

  return (
    <section
      aria-label="Bulk actions"
      className="flex flex-wrap items-center gap-2 border-b border-blue-200 bg-blue-50 px-4 py-2 text-sm"
    >
      <span className="font-medium text-blue-950">{selected.length} selected</span>
      <div className="w-36">
        <Select
          aria-label="Action"
          value={kind}
          onChange={(next) => {
            setKind((next ?? 'assign') as Kind);
            setValue(null);
          }}
          options={[
            { value: 'assign', label: 'Assign to' },
            { value: 'transfer', label: 'Transfer to' },
            { value: 'status', label: 'Set status' },
            { value: 'priority', label: 'Set priority' },
          ]}
        />
      </div>
      <div className="w-56">
        <Select aria-label="Value" value={value} onChange={setValue} options={options} />
      </div>
      <Button
        variant="primary"
        size="sm"
        disabled={value === null}
        isBusy={mutation.isPending}
        onClick={apply}
      >
        Apply
      </Button>
      <Button variant="ghost" size="sm" onClick={onDone}>
        Clear selection
      </Button>
      {result && result.failed.length > 0 ? (
        <p role="alert" className="w-full text-red-800">
          {result.succeeded.length} changed; {result.failed.length} could not be changed:{' '}
          {result.failed.map((failure) => `#${failure.number} (${failure.message})`).join('; ')}
        </p>
      ) : null}
      {mutation.error ? (
        <p role="alert" className="w-full text-red-800">
          {mutation.error.message}
        </p>
      ) : null}
    </section>
  );
}
