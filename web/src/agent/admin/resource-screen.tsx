import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { Button } from '../../ui/button.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { EditDialog, RemoveDialog } from './resource-dialogs.tsx';
import type { ResourceConfig } from './resource-types.ts';

export * from './resource-types.ts';

/** A list of one kind of configuration with create, edit and delete; errors show beside their fields. */
export function ResourceScreen<Item>({ config, intro }: { config: ResourceConfig<Item>; intro?: ReactNode }) {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: config.queryKey, queryFn: config.list });
  const [editing, setEditing] = useState<{ item: Item | null } | null>(null);
  const [removing, setRemoving] = useState<Item | null>(null);
  const titleId = useId();

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: config.queryKey });
    for (const key of config.alsoInvalidate ?? []) void queryClient.invalidateQueries({ queryKey: key });
  };

  return (
    <section aria-labelledby={titleId} className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          {config.title}
        </h2>
        {config.create ? (
          <Button variant="primary" size="sm" onClick={() => setEditing({ item: null })}>
            New {config.noun}
          </Button>
        ) : null}
      </div>
      {intro}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Empty>Nothing here yet.</Empty>
      ) : (
        <div className="overflow-x-auto rounded-md border border-slate-200">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs text-slate-700">
              <tr>
                {config.columns.map((column) => (
                  <th key={column.label} scope="col" className="px-3 py-2 font-semibold">
                    {column.label}
                  </th>
                ))}
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((item) => (
                <tr key={config.keyOf(item)} className="border-t border-slate-100">
                  {config.columns.map((column) => (
                    <td key={column.label} className="px-3 py-1.5 text-slate-800">
                      {column.render(item)}
                    </td>
                  ))}
                  <td className="px-3 py-1.5 text-right whitespace-nowrap">
                    {config.rowActions?.(item)}
                    {config.update ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => setEditing({ item })}
                        aria-label={`Edit ${config.titleOf(item)}`}
                      >
                        Edit
                      </Button>
                    ) : null}
                    {config.remove ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        className="text-red-800"
                        onClick={() => setRemoving(item)}
                        aria-label={`${config.remove.label} ${config.titleOf(item)}`}
                      >
                        {config.remove.label}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing ? (
        <EditDialog config={config} item={editing.item} onClose={() => setEditing(null)} onSaved={refresh} />
      ) : null}
      {removing && config.remove ? (
        <RemoveDialog
          config={config}
          item={removing}
          onClose={() => setRemoving(null)}
          onRemoved={() => {
            refresh();
            setRemoving(null);
          }}
        />
      ) : null}
    </section>
  );
}
