/**
 * The extra form of a help topic: which fields it asks for, and the check of submitted values against
 * them. Pure: the fields come from the caller, nothing here reads the database.
 */
export const FORM_FIELD_TYPES = [
  'text',
  'textarea',
  'email',
  'number',
  'date',
  'select',
  'checkbox',
] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/** Whether a string names one of the field types. */
export function isFormFieldType(value: string): value is FormFieldType {
  return (FORM_FIELD_TYPES as readonly string[]).includes(value);
}

/** What the check needs to know of a field. */
export interface FormFieldRule {
  readonly key: string;
  readonly label: string;
  readonly type: FormFieldType;
  readonly isRequired: boolean;
  /** The allowed values of a select field; empty for every other type. */
  readonly options: readonly string[];
}

export type FormValue = string | number | boolean | null;

export interface FormProblem {
  /** The field's key, as the caller sent it. */
  readonly key: string;
  readonly message: string;
}

export interface CheckedForm {
  /** The values to store: trimmed, numbers as numbers, empty optional values left out. */
  readonly values: Record<string, unknown>;
  /** Every problem found, in the order of the fields, then unknown keys; empty when the values are fine. */
  readonly problems: FormProblem[];
}

export const MAX_TEXT_LENGTH = 1_000;
export const MAX_TEXTAREA_LENGTH = 10_000;

// The address form browsers accept in <input type="email">, which is what the portal form sends.
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

type Outcome = { value: unknown } | { problem: string };

function checkText(value: unknown, maxLength: number): Outcome {
  if (typeof value !== 'string') return { problem: 'must be text' };
  const text = value.trim();
  if (text.length > maxLength) return { problem: `must have at most ${maxLength} characters` };
  return { value: text };
}

function checkValue(field: FormFieldRule, value: unknown): Outcome {
  switch (field.type) {
    case 'text':
      return checkText(value, MAX_TEXT_LENGTH);
    case 'textarea':
      return checkText(value, MAX_TEXTAREA_LENGTH);
    case 'email': {
      const text = typeof value === 'string' ? value.trim() : null;
      return text !== null && text.length <= 254 && EMAIL.test(text)
        ? { value: text }
        : { problem: 'must be an email address' };
    }
    case 'number': {
      // Forms send numbers as text; "12", "-3.5" are numbers, "12abc", "0x10" and "Infinity" are not.
      const number =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())
            ? Number(value.trim())
            : Number.NaN;
      return Number.isFinite(number) ? { value: number } : { problem: 'must be a number' };
    }
    case 'date': {
      const text = typeof value === 'string' ? value.trim() : null;
      return text !== null && isCalendarDate(text)
        ? { value: text }
        : { problem: 'must be a date written YYYY-MM-DD' };
    }
    case 'select': {
      const text = typeof value === 'string' ? value.trim() : null;
      return text !== null && field.options.includes(text)
        ? { value: text }
        : { problem: `must be one of: ${field.options.join(', ')}` };
    }
    case 'checkbox':
      return typeof value === 'boolean' ? { value } : { problem: 'must be true or false' };
  }
}

/**
 * Checks submitted values against a form: required fields present (a required checkbox must be
 * checked), each value of its field's type, a select value one of its options. Keys that are not fields
 * of the form are kept as they are when `allowUnknown` (an integration may store its own values), and
 * are a problem otherwise (a public form accepts only what it shows).
 */
export function checkFormValues(
  fields: readonly FormFieldRule[],
  submitted: Readonly<Record<string, unknown>>,
  options: { allowUnknown: boolean },
): CheckedForm {
  const values: Record<string, unknown> = {};
  const problems: FormProblem[] = [];
  const known = new Set(fields.map((field) => field.key));
  for (const field of fields) {
    const value = submitted[field.key];
    const isUnchecked = field.type === 'checkbox' && value === false;
    if (isEmpty(value) || isUnchecked) {
      if (field.isRequired) problems.push({ key: field.key, message: 'is required' });
      else if (isUnchecked) values[field.key] = false;
      continue;
    }
    const outcome = checkValue(field, value);
    if ('problem' in outcome) problems.push({ key: field.key, message: outcome.problem });
    else values[field.key] = outcome.value;
  }
  for (const [key, value] of Object.entries(submitted)) {
    if (known.has(key)) continue;
    if (options.allowUnknown) values[key] = value;
    else problems.push({ key, message: 'is not a field of this form' });
  }
  return { values, problems };
}
