import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';
import { cx } from './cx.ts';

export const INPUT_CLASS =
  'block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-500 disabled:bg-slate-100 aria-[invalid=true]:border-red-600';

interface FieldFrameProps {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  isRequired?: boolean;
  className?: string;
  children: (control: { id: string; describedBy: string | undefined; isInvalid: boolean }) => ReactNode;
}

/** A labelled control with its hint and its error, wired together for screen readers. */
export function FieldFrame({ label, error, hint, isRequired, className, children }: FieldFrameProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cx('space-y-1', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {isRequired ? (
          <span className="text-red-700" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {children({ id, describedBy, isInvalid: Boolean(error) })}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type Common = { label: ReactNode; error?: string | undefined; hint?: ReactNode; frameClassName?: string };

/** A labelled text input. */
export function TextField({
  label,
  error,
  hint,
  frameClassName,
  className,
  required,
  ...rest
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame label={label} error={error} hint={hint} isRequired={required} className={frameClassName}>
      {({ id, describedBy, isInvalid }) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={isInvalid || undefined}
          required={required}
          className={cx(INPUT_CLASS, className)}
          {...rest}
        />
      )}
    </FieldFrame>
  );
}

/** A labelled multi-line input. */
export function TextArea({
  label,
  error,
  hint,
  frameClassName,
  className,
  required,
  ...rest
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldFrame label={label} error={error} hint={hint} isRequired={required} className={frameClassName}>
      {({ id, describedBy, isInvalid }) => (
        <textarea
          id={id}
          aria-describedby={describedBy}
          aria-invalid={isInvalid || undefined}
          required={required}
          className={cx(INPUT_CLASS, 'min-h-24', className)}
          {...rest}
        />
      )}
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A labelled native select: the platform's own control, best on phones and for long forms. */
export function SelectField({
  label,
  error,
  hint,
  frameClassName,
  className,
  options,
  placeholder,
  required,
  ...rest
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: Option[]; placeholder?: string }) {
  return (
    <FieldFrame label={label} error={error} hint={hint} isRequired={required} className={frameClassName}>
      {({ id, describedBy, isInvalid }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={isInvalid || undefined}
          required={required}
          className={cx(INPUT_CLASS, className)}
          {...rest}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** A checkbox with its label beside it. */
export function CheckboxField({
  label,
  hint,
  className,
  ...rest
}: { label: ReactNode; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className={cx('flex items-start gap-2', className)}>
      <input id={id} type="checkbox" className="mt-0.5 size-4 accent-blue-700" {...rest} />
      <div>
        <label htmlFor={id} className="text-sm text-slate-800">
          {label}
        </label>
        {hint ? <p className="text-xs text-slate-600">{hint}</p> : null}
      </div>
    </div>
  );
}
