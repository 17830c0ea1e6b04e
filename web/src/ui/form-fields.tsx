import { CheckboxField, SelectField, TextArea, TextField } from './field.tsx';

/** A field of a help topic's extra form, as both the agent and the portal APIs describe it. */
export interface FormFieldSpec {
  key: string;
  label: string;
  type: 'text' | 'textarea' | 'email' | 'number' | 'date' | 'select' | 'checkbox';
  isRequired: boolean;
  options: string[];
  placeholder: string | null;
  helpText: string | null;
}

export type FormValues = Record<string, string | boolean>;

/** The values to send: empty ones left out, checkboxes as booleans, numbers as numbers. */
export function toFieldValues(
  fields: FormFieldSpec[],
  values: FormValues,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const field of fields) {
    const value = values[field.key];
    if (field.type === 'checkbox') {
      if (value === true || field.isRequired) out[field.key] = value === true;
    } else if (typeof value === 'string' && value.trim() !== '') {
      out[field.key] = field.type === 'number' && !Number.isNaN(Number(value)) ? Number(value) : value;
    }
  }
  return out;
}

const INPUT_TYPES: Record<string, string> = { text: 'text', email: 'email', number: 'number', date: 'date' };

/** The inputs of a help topic's form; errors are keyed `fields.<key>` as the API names them. */
export function TopicFieldInputs({
  fields,
  values,
  onChange,
  errors,
}: {
  fields: FormFieldSpec[];
  values: FormValues;
  onChange: (key: string, value: string | boolean) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      {fields.map((field) => {
        const common = {
          label: field.label,
          hint: field.helpText ?? undefined,
          error: errors[`fields.${field.key}`],
          required: field.isRequired,
          name: `field-${field.key}`,
        };
        const text = typeof values[field.key] === 'string' ? (values[field.key] as string) : '';
        if (field.type === 'checkbox') {
          return (
            <div key={field.key}>
              <CheckboxField
                label={`${field.label}${field.isRequired ? ' *' : ''}`}
                hint={field.helpText ?? undefined}
                checked={values[field.key] === true}
                onChange={(event) => onChange(field.key, event.target.checked)}
              />
              {common.error ? (
                <p role="alert" className="text-xs font-medium text-red-700">
                  {common.error}
                </p>
              ) : null}
            </div>
          );
        }
        if (field.type === 'textarea') {
          return (
            <TextArea
              key={field.key}
              {...common}
              placeholder={field.placeholder ?? undefined}
              value={text}
              onChange={(event) => onChange(field.key, event.target.value)}
            />
          );
        }
        if (field.type === 'select') {
          return (
            <SelectField
              key={field.key}
              {...common}
              placeholder="Choose…"
              options={field.options.map((option) => ({ value: option, label: option }))}
              value={text}
              onChange={(event) => onChange(field.key, event.target.value)}
            />
          );
        }
        return (
          <TextField
            key={field.key}
            {...common}
            type={INPUT_TYPES[field.type] ?? 'text'}
            placeholder={field.placeholder ?? undefined}
            value={text}
            onChange={(event) => onChange(field.key, event.target.value)}
          />
        );
      })}
    </>
  );
}
