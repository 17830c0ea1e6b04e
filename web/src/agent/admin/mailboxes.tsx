import { api, call } from '../../api/client.ts';
import type { BodyOf, ResponseOf } from '../../api/types.ts';
import { formatRelative } from '../../lib/format.ts';
import { Badge } from '../../ui/badge.tsx';
import { useDepartments, usePriorities, useTopics } from '../catalog.ts';
import {
  bool,
  type FormState,
  idOrNull,
  type ResourceConfig,
  ResourceScreen,
  str,
  text,
} from './resource-screen.tsx';

type Mailbox = ResponseOf<'/api/v1/mailboxes/{id}'>;
type MailboxBody = BodyOf<'/api/v1/mailboxes', 'post'>;

const SECURITY = [
  { value: 'tls', label: 'TLS (port 993)' },
  { value: 'starttls', label: 'STARTTLS (port 143)' },
  { value: 'none', label: 'None (loopback only)' },
];
const AFTER_IMPORT = [
  { value: 'seen', label: 'Mark as seen' },
  { value: 'move', label: 'Move to the archive folder' },
  { value: 'delete', label: 'Delete' },
];

function bodyOf(form: FormState): MailboxBody {
  const host = text(form, 'imapHost').trim();
  const port = text(form, 'imapPort').trim();
  const password = text(form, 'imapPassword');
  const archive = text(form, 'archiveFolder').trim();
  return {
    name: text(form, 'name'),
    address: text(form, 'address'),
    departmentId: idOrNull(form, 'departmentId'),
    topicId: idOrNull(form, 'topicId'),
    priorityId: idOrNull(form, 'priorityId'),
    imapHost: host || null,
    imapPort: port ? Number(port) : null,
    imapSecurity: (SECURITY.find((s) => s.value === text(form, 'imapSecurity'))?.value ??
      'tls') as MailboxBody['imapSecurity'],
    imapUsername: text(form, 'imapUsername').trim() || null,
    // Write-only: an empty box keeps the stored password (a new mailbox has none).
    ...(password ? { imapPassword: password } : {}),
    imapFolder: text(form, 'imapFolder').trim() || 'INBOX',
    afterImport: (AFTER_IMPORT.find((a) => a.value === text(form, 'afterImport'))?.value ??
      'seen') as MailboxBody['afterImport'],
    archiveFolder: archive || null,
    isActive: bool(form, 'isActive'),
  };
}

/** Mailboxes: the addresses mail comes in at, where their tickets go, and the IMAP account to poll. */
export default function MailboxesScreen() {
  const departments = useDepartments();
  const topics = useTopics();
  const priorities = usePriorities();
  const config: ResourceConfig<Mailbox> = {
    noun: 'mailbox',
    title: 'Mailboxes',
    queryKey: ['admin', 'mailboxes'],
    list: async () => (await call(api.GET('/api/v1/mailboxes'))).items,
    keyOf: (item) => item.id,
    titleOf: (item) => item.name,
    columns: [
      { label: 'Name', render: (item) => item.name },
      { label: 'Address', render: (item) => item.address },
      {
        label: 'IMAP',
        render: (item) =>
          item.imapHost ? `${item.imapUsername ?? ''}@${item.imapHost}` : 'Pipe / SMTP only',
      },
      {
        label: 'Last poll',
        render: (item) =>
          item.lastError ? (
            <Badge className="bg-red-100 text-red-900">{item.lastError}</Badge>
          ) : item.lastPolledAt ? (
            formatRelative(item.lastPolledAt)
          ) : (
            '—'
          ),
      },
      { label: 'Active', render: (item) => (item.isActive ? 'Yes' : 'No') },
    ],
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      { name: 'address', label: 'Address', kind: 'email', required: true },
      {
        name: 'departmentId',
        label: 'Department of its tickets',
        kind: 'select',
        noneLabel: 'The default',
        options: (departments.data ?? []).map((d) => ({ value: String(d.id), label: d.path })),
      },
      {
        name: 'topicId',
        label: 'Help topic',
        kind: 'select',
        options: (topics.data ?? []).map((t) => ({ value: String(t.id), label: t.name })),
      },
      {
        name: 'priorityId',
        label: 'Priority',
        kind: 'select',
        noneLabel: 'The default',
        options: (priorities.data ?? []).map((p) => ({ value: String(p.id), label: p.name })),
      },
      {
        name: 'imapHost',
        label: 'IMAP server',
        kind: 'text',
        hint: 'A host name, no scheme or port. Empty: mail arrives by pipe or SMTP only.',
      },
      { name: 'imapPort', label: 'IMAP port', kind: 'number', hint: 'Empty: 993 with TLS, 143 otherwise.' },
      {
        name: 'imapSecurity',
        label: 'Connection security',
        kind: 'select',
        required: true,
        options: SECURITY,
      },
      { name: 'imapUsername', label: 'IMAP user name', kind: 'text' },
      {
        name: 'imapPassword',
        label: 'IMAP password',
        kind: 'password',
        hint: 'Stored encrypted and never shown. Leave empty to keep the current one.',
      },
      { name: 'imapFolder', label: 'Folder', kind: 'text' },
      { name: 'afterImport', label: 'After import', kind: 'select', required: true, options: AFTER_IMPORT },
      {
        name: 'archiveFolder',
        label: 'Archive folder',
        kind: 'text',
        hint: 'Where "move" puts imported messages.',
      },
      { name: 'isActive', label: 'Active', kind: 'checkbox' },
    ],
    toForm: (item) => ({
      name: item?.name ?? '',
      address: item?.address ?? '',
      departmentId: str(item?.departmentId),
      topicId: str(item?.topicId),
      priorityId: str(item?.priorityId),
      imapHost: item?.imapHost ?? '',
      imapPort: str(item?.imapPort),
      imapSecurity: item?.imapSecurity ?? 'tls',
      imapUsername: item?.imapUsername ?? '',
      imapPassword: '',
      imapFolder: item?.imapFolder ?? 'INBOX',
      afterImport: item?.afterImport ?? 'seen',
      archiveFolder: item?.archiveFolder ?? '',
      isActive: item?.isActive ?? true,
    }),
    create: (form) => call(api.POST('/api/v1/mailboxes', { body: bodyOf(form) })),
    update: (item, form) =>
      call(api.PATCH('/api/v1/mailboxes/{id}', { params: { path: { id: item.id } }, body: bodyOf(form) })),
    remove: {
      label: 'Delete',
      run: (item) => call(api.DELETE('/api/v1/mailboxes/{id}', { params: { path: { id: item.id } } })),
    },
  };
  return <ResourceScreen config={config} />;
}
