import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { messageOf } from '../../api/errors.ts';
import { useFieldErrors } from '../../lib/use-field-errors.ts';
import { Button } from '../../ui/button.tsx';
import { Modal } from '../../ui/dialog.tsx';
import { CheckboxField, SelectField, TextArea, TextField } from '../../ui/field.tsx';
import { FormError } from '../../ui/states.tsx';
import type { FieldDef, FormState, FormValue, ResourceConfig } from './resource-types.ts';

/** The create or edit form of one item, with the API's field errors beside the fields. */
export function EditDialog<Item>({
  config,
  item,
  onClose,
  onSaved,
}: {
  config: ResourceConfig<Item>;
  item: Item | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form, setForm] = useState<FormState>(() => config.toForm(item));
  const save = useMutation({
    mutationFn: async () => {
      if (item === null) return config.create?.(form);
      return config.update?.(item, form);
    },
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  const { errors, named, markEdited } = useFieldErrors(save.error);
  const shownFields = config.fields.filter((field) => !(field.isCreateOnly && item !== null));
  const isFieldError = shownFields.some((field) => named[field.name]);
  const set = (name: string) => (value: FormValue) => {
    markEdited(name);
    setForm((current) => ({ ...current, [name]: value }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title={item === null ? `New ${config.noun}` : `Edit ${config.titleOf(item)}`}
      width="lg"
    >
      <form onSubmit={submit} className="space-y-3" noValidate>
        {shownFields.map((field) => (
          <FieldInput
            key={field.name}
            field={field}
            value={form[field.name]}
            onChange={set(field.name)}
            error={errors[field.name]}
          />
        ))}
        <FormError error={isFieldError ? null : save.error} />
        <div className="flex justify-end gap-2 pt-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" isBusy={save.isPending}>
            {item === null ? `Create ${config.noun}` : 'Save changes'}
          </Button>
        </div>
      </form>
    </Modal>
  );
}

/** One input of the form, by the kind of its field. */
function FieldInput({
  field,
  value,
  onChange,
  error,
}: {
  field: FieldDef;
  value: FormValue | undefined;
  onChange: (value: FormValue) => void;
  error: string | undefined;
}) {
  const asText = typeof value === 'string' ? value : '';
  switch (field.kind) {
    case 'checkbox':
      return (
        <div>
          <CheckboxField
            label={field.label}
            hint={field.hint}
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
          />
          {error ? <p className="text-xs font-medium text-red-700">{error}</p> : null}
        </div>
      );
    case 'select':
      return (
        <SelectField
          label={field.label}
          hint={field.hint}
          required={field.required}
          error={error}
          value={asText}
          onChange={(event) => onChange(event.target.value)}
          options={field.options}
          placeholder={field.required ? 'Choose…' : (field.noneLabel ?? 'None')}
        />
      );
    case 'checkboxes': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-800">{field.label}</legend>
          {field.hint ? <p className="text-xs text-slate-600">{field.hint}</p> : null}
          <div className="grid gap-1 sm:grid-cols-2">
            {field.options.map((option) => (
              <CheckboxField
                key={option.value}
                label={option.label}
                checked={chosen.includes(option.value)}
                onChange={(event) =>
                  onChange(
                    event.target.checked
                      ? [...chosen, option.value]
                      : chosen.filter((v) => v !== option.value),
                  )
                }
              />
            ))}
          </div>
          {error ? <p className="text-xs font-medium text-red-700">{error}</p> : null}
        </fieldset>
      );
    }
    case 'custom':
      return <>{field.render(value, onChange, error)}</>;
    case 'textarea':
      return (
        <TextArea
          label={field.label}
          hint={field.hint}
          required={field.required}
          error={error}
          value={asText}
          rows={8}
          className="font-mono text-xs"
          onChange={(event) => onChange(event.target.value)}
        />
      );
    default:
      return (
        <TextField
          label={field.label}
          hint={field.hint}
          required={field.required}
          error={error}
          type={field.kind}
          value={asText}
          autoComplete={field.kind === 'password' ? 'new-password' : 'off'}
          className={field.kind === 'color' ? 'h-9 w-20 p-1' : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
}

/** Asks before deleting (or deactivating) an item, and shows why the server refused. */
export function RemoveDialog<Item>({
  config,
  item,
  onClose,
  onRemoved,
}: {
  config: ResourceConfig<Item>;
  item: Item;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const remove = useMutation({
    mutationFn: () => config.remove?.run(item) ?? Promise.resolve(),
    onSuccess: onRemoved,
  });
  const usedBy = (remove.error as { details?: { usedBy?: unknown } } | null)?.details?.usedBy;
  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title={`${config.remove?.label} ${config.titleOf(item)}?`}
      description={config.remove?.explain}
    >
      {remove.error ? (
        <p
          role="alert"
          className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
        >
          {messageOf(remove.error)}
          {Array.isArray(usedBy) && usedBy.length > 0 ? ` (used by: ${usedBy.join(', ')})` : ''}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="danger" isBusy={remove.isPending} onClick={() => remove.mutate()}>
          {config.remove?.label}
        </Button>
      </div>
    </Modal>
  );
}
