import { useState } from 'react';
import { api, call } from '../../api/client.ts';
import type { ResponseOf } from '../../api/types.ts';
import { formatRelative } from '../../lib/format.ts';
import { Button } from '../../ui/button.tsx';
import { Modal } from '../../ui/dialog.tsx';
import { bool, type FormState, type ResourceConfig, ResourceScreen, text } from './resource-screen.tsx';

type ApiKey = ResponseOf<'/api/v1/api-keys/{id}'>;

function bodyOf(form: FormState) {
  return {
    name: text(form, 'name'),
    ipAddresses: text(form, 'ipAddresses')
      .split(/[\s,]+/)
      .map((address) => address.trim())
      .filter(Boolean),
    canCreateTickets: bool(form, 'canCreateTickets'),
    isActive: bool(form, 'isActive'),
  };
}

/** osTicket-compatible API keys (X-API-Key) for existing integrations and mail scripts. */
export default function ApiKeysScreen() {
  const [secret, setSecret] = useState<string | null>(null);
  const config: ResourceConfig<ApiKey> = {
    noun: 'API key',
    title: 'API keys (osTicket-compatible)',
    queryKey: ['admin', 'api-keys'],
    list: async () => (await call(api.GET('/api/v1/api-keys'))).items,
    keyOf: (item) => item.id,
    titleOf: (item) => item.name,
    columns: [
      { label: 'Name', render: (item) => item.name },
      { label: 'Key', render: (item) => <code>{item.prefix}…</code> },
      { label: 'Allowed from', render: (item) => item.ipAddresses.join(', ') || 'Anywhere' },
      { label: 'Creates tickets', render: (item) => (item.canCreateTickets ? 'Yes' : 'No') },
      { label: 'Last used', render: (item) => (item.lastUsedAt ? formatRelative(item.lastUsedAt) : 'Never') },
      { label: 'Active', render: (item) => (item.isActive ? 'Yes' : 'No') },
    ],
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      {
        name: 'ipAddresses',
        label: 'Allowed addresses',
        kind: 'text',
        hint: 'Addresses or CIDR blocks, separated by spaces or commas. Empty: any.',
      },
      { name: 'canCreateTickets', label: 'May open tickets', kind: 'checkbox' },
      { name: 'isActive', label: 'Active', kind: 'checkbox' },
    ],
    toForm: (item) => ({
      name: item?.name ?? '',
      ipAddresses: (item?.ipAddresses ?? []).join(', '),
      canCreateTickets: item?.canCreateTickets ?? true,
      isActive: item?.isActive ?? true,
    }),
    create: async (form) => {
      const created = await call(api.POST('/api/v1/api-keys', { body: bodyOf(form) }));
      setSecret(created.key);
      return created;
    },
    update: (item, form) =>
      call(api.PATCH('/api/v1/api-keys/{id}', { params: { path: { id: item.id } }, body: bodyOf(form) })),
    remove: {
      label: 'Delete',
      explain: 'Integrations using this key stop working at once.',
      run: (item) => call(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: item.id } } })),
    },
  };
  return (
    <>
      <ResourceScreen config={config} />
      <SecretDialog secret={secret} onClose={() => setSecret(null)} what="API key" />
    </>
  );
}

/** Shows a new secret once, with a copy button: only its hash is kept. */
export function SecretDialog({
  secret,
  onClose,
  what,
}: {
  secret: string | null;
  onClose: () => void;
  what: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <Modal
      open={secret !== null}
      onOpenChange={(open) => {
        if (!open) {
          setCopied(false);
          onClose();
        }
      }}
      title={`Your new ${what}`}
      description="Copy it now: it is shown this once and cannot be read again."
    >
      <code className="block rounded bg-slate-100 p-3 text-sm break-all" data-testid="new-secret">
        {secret}
      </code>
      <div className="mt-3 flex justify-end gap-2">
        <Button
          onClick={() => {
            navigator.clipboard
              .writeText(secret ?? '')
              .then(() => setCopied(true))
              .catch(() => setCopied(false));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      </div>
    </Modal>
  );
}
