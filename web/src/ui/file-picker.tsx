import { useId, useRef } from 'react';
import { formatBytes } from '../lib/format.ts';
import { Button } from './button.tsx';

/** The most a request may carry in files before base64 (the server's default body limit is 10 MB). */
export const MAX_ATTACHMENT_BYTES = 7 * 1024 * 1024;

interface FilePickerProps {
  files: File[];
  onChange: (files: File[]) => void;
  label?: string;
  error?: string | undefined;
}

/** Picks files to attach, lists them with a way to remove each, and warns when they are too large. */
export function FilePicker({ files, onChange, label = 'Attach files', error }: FilePickerProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const total = files.reduce((sum, file) => sum + file.size, 0);
  const tooLarge = total > MAX_ATTACHMENT_BYTES;
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <label
          htmlFor={id}
          className="inline-flex cursor-pointer items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-800 hover:bg-slate-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-600"
        >
          <PaperclipIcon /> {label}
          <input
            ref={input}
            id={id}
            type="file"
            multiple
            className="sr-only"
            onChange={(event) => {
              const picked = Array.from(event.target.files ?? []);
              onChange([...files, ...picked]);
              if (input.current) input.current.value = '';
            }}
          />
        </label>
        {files.length > 0 ? (
          <span className="text-xs text-slate-600">
            {files.length} file{files.length === 1 ? '' : 's'}, {formatBytes(total)}
          </span>
        ) : null}
      </div>
      {files.length > 0 ? (
        <ul className="flex flex-wrap gap-2" aria-label="Files to attach">
          {files.map((file, index) => (
            <li
              key={`${file.name}-${file.size}-${file.lastModified}`}
              className="flex items-center gap-1 rounded bg-slate-100 py-0.5 pr-1 pl-2 text-xs text-slate-800"
            >
              {file.name} ({formatBytes(file.size)})
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove ${file.name}`}
                onClick={() => onChange(files.filter((_, i) => i !== index))}
              >
                ✕
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {tooLarge ? (
        <p className="text-xs font-medium text-red-700" role="alert">
          Attachments may add up to {formatBytes(MAX_ATTACHMENT_BYTES)}; remove some files.
        </p>
      ) : null}
      {error ? (
        <p className="text-xs font-medium text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function PaperclipIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 16 16"
      className="size-3.5"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
    >
      <path d="M10.5 4.5 5.7 9.3a1.5 1.5 0 0 0 2.1 2.1l5-5a3 3 0 0 0-4.2-4.2l-5 5a4.5 4.5 0 0 0 6.4 6.4l4.3-4.3" />
    </svg>
  );
}
