import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import type { ReactElement, ReactNode } from 'react';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  isDanger?: boolean;
  disabled?: boolean;
}

/** A dropdown menu of actions opened from `trigger` (a focusable element). */
export function Menu({
  trigger,
  items,
  label,
}: {
  trigger: ReactElement;
  items: MenuItem[];
  label?: ReactNode;
}) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>{trigger}</DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          className="z-50 min-w-44 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
        >
          {label ? (
            <DropdownMenu.Label className="px-2 py-1 text-xs text-slate-600">{label}</DropdownMenu.Label>
          ) : null}
          {items.map((item) => (
            <DropdownMenu.Item
              key={item.label}
              disabled={item.disabled}
              onSelect={item.onSelect}
              className={
                item.isDanger
                  ? 'cursor-default rounded px-2 py-1.5 text-sm text-red-800 outline-none data-[highlighted]:bg-red-700 data-[highlighted]:text-white'
                  : 'cursor-default rounded px-2 py-1.5 text-sm text-slate-900 outline-none data-[disabled]:text-slate-400 data-[highlighted]:bg-blue-700 data-[highlighted]:text-white'
              }
            >
              {item.label}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
