import type { ReactNode } from 'react';
import { cx } from './cx.ts';

const STATE_COLORS: Record<string, string> = {
  open: 'bg-blue-100 text-blue-900',
  pending: 'bg-amber-100 text-amber-900',
  resolved: 'bg-green-100 text-green-900',
  closed: 'bg-slate-200 text-slate-800',
  archived: 'bg-slate-200 text-slate-700',
};

/** A small rounded label. */
export function Badge({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <span
      className={cx(
        'inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap',
        className ?? 'bg-slate-100 text-slate-800',
      )}
    >
      {children}
    </span>
  );
}

/** A ticket's status name, coloured by its state. */
export function StateBadge({ state, label }: { state: string; label?: string }) {
  return <Badge className={STATE_COLORS[state] ?? 'bg-slate-100 text-slate-800'}>{label ?? state}</Badge>;
}

const PRIORITY_COLORS: Record<string, string> = {
  emergency: 'bg-red-700 text-white',
  high: 'bg-orange-100 text-orange-900',
  normal: 'bg-slate-100 text-slate-800',
  low: 'bg-slate-50 text-slate-700 border border-slate-200',
};

/** A ticket's priority. */
export function PriorityBadge({ priorityKey, name }: { priorityKey: string; name: string }) {
  return <Badge className={PRIORITY_COLORS[priorityKey] ?? 'bg-violet-100 text-violet-900'}>{name}</Badge>;
}
