import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { api, call } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { INPUT_CLASS } from '../../ui/field.tsx';

export interface Requester {
  email: string;
  name: string;
}

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const primaryEmail = (user: User) =>
  user.emails.find((email) => email.isPrimary)?.address ?? user.emails[0]?.address ?? '';

/**
 * The requester of a phone ticket: type a name or an address to find someone (GET /users?q=), or enter a
 * new address and name, and the ticket creates the user.
 */
export function RequesterPicker({
  value,
  onChange,
  error,
}: {
  value: Requester;
  onChange: (requester: Requester) => void;
  error: string | undefined;
}) {
  const id = useId();
  const [isOpen, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const words = useDebounced(value.email.trim(), 250);
  const matches = useQuery({
    queryKey: ['users', 'search', words],
    queryFn: async () =>
      (await call(api.GET('/api/v1/users', { params: { query: { q: words, limit: 8 } } }))).items,
    enabled: words.length >= 2,
  });
  const options = (matches.data ?? []).filter((user) => primaryEmail(user));
  const isListShown = isOpen && options.length > 0;
  const pick = (user: User) => {
    onChange({ email: primaryEmail(user), name: user.name });
    setOpen(false);
  };

  return (
    <fieldset className="grid gap-3 sm:grid-cols-2">
      <legend className="mb-1 text-sm font-semibold text-slate-900">Requester</legend>
      <div className="relative space-y-1">
        <label htmlFor={`${id}-email`} className="block text-sm font-medium text-slate-800">
          Email or name{' '}
          <span className="text-red-700" aria-hidden="true">
            *
          </span>
        </label>
        <input
          id={`${id}-email`}
          role="combobox"
          aria-expanded={isListShown}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={isListShown ? `${id}-option-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          autoComplete="off"
          required
          className={INPUT_CLASS}
          value={value.email}
          onChange={(event) => {
            onChange({ ...value, email: event.target.value });
            setOpen(true);
            setActive(0);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(event) => {
            if (!isListShown) return;
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              setActive((index) => Math.min(index + 1, options.length - 1));
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              setActive((index) => Math.max(index - 1, 0));
            } else if (event.key === 'Enter') {
              const user = options[active];
              if (user) {
                event.preventDefault();
                pick(user);
              }
            } else if (event.key === 'Escape') {
              setOpen(false);
            }
          }}
        />
        {isListShown ? (
          <div
            id={`${id}-list`}
            role="listbox"
            aria-label="Matching people"
            className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg"
          >
            {options.map((user, index) => (
              <div
                key={user.id}
                id={`${id}-option-${index}`}
                role="option"
                tabIndex={-1}
                aria-selected={index === active}
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(user);
                }}
                className={
                  index === active ? 'bg-blue-700 px-3 py-1.5 text-sm text-white' : 'px-3 py-1.5 text-sm'
                }
              >
                {user.name}{' '}
                <span className={index === active ? 'text-blue-100' : 'text-slate-600'}>
                  {primaryEmail(user)}
                </span>
              </div>
            ))}
          </div>
        ) : null}
        {error ? (
          <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
            {error}
          </p>
        ) : (
          <p id={`${id}-hint`} className="text-xs text-slate-600">
            Pick someone found, or type a new address to add them.
          </p>
        )}
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-800">
          Name
        </label>
        <input
          id={`${id}-name`}
          className={INPUT_CLASS}
          value={value.name}
          onChange={(event) => onChange({ ...value, name: event.target.value })}
        />
      </div>
    </fieldset>
  );
}
