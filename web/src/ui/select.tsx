import * as RadixSelect from '@radix-ui/react-select';
import { cx } from './cx.ts';

export interface SelectOption {
  value: string;
  label: string;
}

// Radix Select reserves the empty string; "no value" travels as this sentinel.
const NONE = '__none__';

interface SelectProps {
  value: string | null;
  onChange: (value: string | null) => void;
  options: SelectOption[];
  /** Shown and selectable as "no value" when given. */
  noneLabel?: string;
  placeholder?: string;
  disabled?: boolean;
  className?: string;
  id?: string;
  'aria-label'?: string;
  'aria-labelledby'?: string;
}

/** A compact select (Radix) for dense screens: properties, filters, bulk actions. */
export function Select({
  value,
  onChange,
  options,
  noneLabel,
  placeholder = 'Choose…',
  disabled,
  className,
  id,
  ...aria
}: SelectProps) {
  return (
    <RadixSelect.Root
      value={value ?? (noneLabel !== undefined ? NONE : '')}
      onValueChange={(next) => onChange(next === NONE ? null : next)}
      disabled={disabled}
    >
      <RadixSelect.Trigger
        id={id}
        {...aria}
        className={cx(
          'inline-flex w-full min-w-0 items-center justify-between gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-left text-sm text-slate-900 disabled:bg-slate-100 data-[placeholder]:text-slate-600',
          className,
        )}
      >
        <span className="truncate">
          <RadixSelect.Value placeholder={placeholder} />
        </span>
        <RadixSelect.Icon className="text-slate-600" aria-hidden="true">
          ▾
        </RadixSelect.Icon>
      </RadixSelect.Trigger>
      <RadixSelect.Portal>
        <RadixSelect.Content
          position="popper"
          sideOffset={4}
          className="z-50 max-h-72 min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg"
        >
          <RadixSelect.Viewport className="p-1">
            {noneLabel !== undefined ? <Item value={NONE} label={noneLabel} /> : null}
            {options.map((option) => (
              <Item key={option.value} value={option.value} label={option.label} />
            ))}
          </RadixSelect.Viewport>
        </RadixSelect.Content>
      </RadixSelect.Portal>
    </RadixSelect.Root>
  );
}

function Item({ value, label }: SelectOption) {
  return (
    <RadixSelect.Item
      value={value}
      className="relative flex cursor-default items-center rounded px-6 py-1.5 text-sm text-slate-900 outline-none select-none data-[highlighted]:bg-blue-700 data-[highlighted]:text-white"
    >
      <RadixSelect.ItemIndicator className="absolute left-1.5" aria-hidden="true">
        ✓
      </RadixSelect.ItemIndicator>
      <RadixSelect.ItemText>{label}</RadixSelect.ItemText>
    </RadixSelect.Item>
  );
}
