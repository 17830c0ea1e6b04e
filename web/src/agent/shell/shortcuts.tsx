import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useHotkeys } from '../../lib/use-hotkeys.ts';
import { Modal } from '../../ui/dialog.tsx';

const SHORTCUTS: Array<{ area: string; keys: Array<[string, string]> }> = [
  {
    area: 'Anywhere',
    keys: [
      ['?', 'Show this list'],
      ['c', 'New ticket'],
      ['g', 'Go to the ticket list'],
    ],
  },
  {
    area: 'Ticket list',
    keys: [
      ['j / k', 'Next / previous ticket'],
      ['Enter', 'Open the highlighted ticket'],
      ['x', 'Select or unselect the highlighted ticket'],
      ['/', 'Search'],
    ],
  },
  {
    area: 'Ticket',
    keys: [
      ['r', 'Write a reply'],
      ['n', 'Write an internal note'],
      ['u', 'Back to the list'],
    ],
  },
];

/** The global shortcuts, and the state of the dialog that lists every shortcut. */
export function useGlobalShortcuts() {
  const [isOpen, setOpen] = useState(false);
  const navigate = useNavigate();
  useHotkeys({
    '?': () => setOpen(true),
    c: () => void navigate({ to: '/tickets/new' }),
    g: () => void navigate({ to: '/tickets' }),
  });
  return { isOpen, setOpen };
}

/** The list of keyboard shortcuts. */
export function ShortcutsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Modal open={open} onOpenChange={onOpenChange} title="Keyboard shortcuts">
      <div className="space-y-4">
        {SHORTCUTS.map((group) => (
          <section key={group.area}>
            <h3 className="mb-1 text-sm font-semibold text-slate-800">{group.area}</h3>
            <dl className="grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
              {group.keys.map(([key, what]) => (
                <div key={key} className="contents">
                  <dt>
                    <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">
                      {key}
                    </kbd>
                  </dt>
                  <dd className="text-slate-700">{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Modal>
  );
}
