import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { BodyOf, Settings } from '../../api/types.ts';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, TextField } from '../../ui/field.tsx';
import { ErrorState, FormError, Loading } from '../../ui/states.tsx';

interface SettingSpec {
  name: string;
  type: 'boolean' | 'integer' | 'string';
  description: string;
  minimum?: number;
  maximum?: number;
}

/**
 * The settings and their descriptions come from the API's own description of PATCH /settings, so a
 * setting added to the server appears here with its text and limits.
 */
async function loadSpecs(): Promise<SettingSpec[]> {
  const response = await fetch('/api/openapi.json', { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`The API description answered ${response.status}`);
  const document = (await response.json()) as {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: {
            content: Record<string, { schema: { properties?: Record<string, Omit<SettingSpec, 'name'>> } }>;
          };
        }
      >
    >;
  };
  const properties =
    document.paths['/api/v1/settings']?.patch?.requestBody?.content['application/json']?.schema.properties ??
    {};
  return Object.entries(properties).map(([name, spec]) => ({ name, ...spec }));
}

const labelOf = (name: string) => {
  const words = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** General settings, each with the server's description of it. */
export default function SettingsScreen() {
  const queryClient = useQueryClient();
  const specs = useQuery({
    queryKey: ['admin', 'settings-specs'],
    queryFn: loadSpecs,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => call(api.GET('/api/v1/settings')) });
  const [draft, setDraft] = useState<Record<string, string | boolean>>({});
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const changes: Record<string, string | number | boolean> = {};
      for (const spec of specs.data ?? []) {
        if (!(spec.name in draft)) continue;
        const value = draft[spec.name];
        changes[spec.name] =
          spec.type === 'integer' && typeof value === 'string' ? Number(value) : (value as string | boolean);
      }
      return call(api.PATCH('/api/v1/settings', { body: changes as BodyOf<'/api/v1/settings', 'patch'> }));
    },
    onSuccess: (next) => {
      queryClient.setQueryData(['settings'], next);
      setDraft({});
      setSavedAt(Date.now());
    },
  });
  const errors = fieldErrorsOf(save.error);

  if (specs.isPending || settings.isPending) return <Loading />;
  if (specs.isError) return <ErrorState error={specs.error} onRetry={() => void specs.refetch()} />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  const current = settings.data as Settings & Record<string, unknown>;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSavedAt(null);
    save.mutate();
  }

  return (
    <form onSubmit={submit} className="max-w-2xl space-y-4" noValidate>
      <h2 className="text-base font-semibold text-slate-900">Settings</h2>
      {specs.data.map((spec) => {
        const value = spec.name in draft ? draft[spec.name] : current[spec.name];
        if (spec.type === 'boolean') {
          return (
            <div key={spec.name}>
              <CheckboxField
                label={spec.description || labelOf(spec.name)}
                checked={value === true}
                onChange={(event) => setDraft((d) => ({ ...d, [spec.name]: event.target.checked }))}
              />
              {errors[spec.name] ? (
                <p className="text-xs font-medium text-red-700">{errors[spec.name]}</p>
              ) : null}
            </div>
          );
        }
        return (
          <TextField
            key={spec.name}
            label={labelOf(spec.name)}
            hint={`${spec.description}${spec.minimum !== undefined ? ` (${spec.minimum} to ${spec.maximum})` : ''}`}
            type={spec.type === 'integer' ? 'number' : 'text'}
            min={spec.minimum}
            max={spec.maximum}
            className="max-w-40"
            value={String(value ?? '')}
            error={errors[spec.name]}
            onChange={(event) => setDraft((d) => ({ ...d, [spec.name]: event.target.value }))}
          />
        );
      })}
      <FormError error={Object.keys(errors).length > 0 ? null : save.error} />
      <div className="flex items-center gap-3">
        <Button
          type="submit"
          variant="primary"
          isBusy={save.isPending}
          disabled={Object.keys(draft).length === 0}
        >
          Save settings
        </Button>
        {savedAt ? (
          <span role="status" className="text-sm text-green-800">
            Saved.
          </span>
        ) : null}
      </div>
    </form>
  );
}
