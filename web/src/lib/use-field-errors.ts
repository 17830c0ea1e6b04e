import { useState } from 'react';
import { fieldErrorsOf } from '../api/errors.ts';

/**
 * The field errors of a failed submission, each hidden again once its field is edited, so that a
 * corrected field stops showing the old complaint while the others still do.
 */
export function useFieldErrors(error: unknown): {
  errors: Record<string, string>;
  /** Every field the failure named, edited or not: a form shows the failure as a whole when none is its own. */
  named: Record<string, string>;
  markEdited: (field: string) => void;
} {
  const [edited, setEdited] = useState<{ error: unknown; fields: Set<string> }>({ error, fields: new Set() });
  const current = edited.error === error ? edited : { error, fields: new Set<string>() };
  if (current !== edited) setEdited(current);
  const all = fieldErrorsOf(error);
  const errors = Object.fromEntries(
    Object.entries(all).filter(([field]) => !current.fields.has(field.split('.')[0] as string)),
  );
  return {
    errors,
    named: all,
    markEdited: (field) =>
      setEdited((state) =>
        state.fields.has(field) ? state : { error: state.error, fields: new Set([...state.fields, field]) },
      ),
  };
}
