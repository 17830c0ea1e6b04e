import { Type } from 'typebox';
import { AFTER_IMPORT, IMAP_SECURITY } from '../../../db/repositories/mailboxes.repository.ts';
import { NullableTimestamp, Timestamp } from '../common.schema.ts';

const Id = Type.Integer({ minimum: 1 });
const NullableId = Type.Union([Id, Type.Null()]);
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Address = Type.String({
  format: 'email',
  maxLength: 254,
  description: 'The address mail is sent to (stored lower-cased); one mailbox per address.',
});
const Host = Type.Union(
  [Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.:\\[\\]%-]+$' }), Type.Null()],
  {
    description:
      'The IMAP server, a host name or IP address without scheme or port; null: no IMAP (pipe or SMTP only).',
  },
);
const Port = Type.Union([Type.Integer({ minimum: 1, maximum: 65535 }), Type.Null()], {
  description: 'Null: 993 with tls, 143 otherwise.',
});
const Security = Type.Enum(IMAP_SECURITY, {
  description: 'tls (implicit TLS), starttls, or none (loopback only)',
});
const Username = Type.Union([Type.String({ minLength: 1, maxLength: 255 }), Type.Null()]);
const Password = Type.Union([Type.String({ minLength: 1, maxLength: 1024 }), Type.Null()], {
  description: 'Write-only: stored encrypted, never returned; null forgets it.',
});
const Folder = Type.String({ minLength: 1, maxLength: 255, pattern: '^[^\\x00-\\x1f\\x7f]+$' });
const AfterImport = Type.Enum(AFTER_IMPORT, {
  description: 'What happens to a message in the folder once its ticket change is committed.',
});
const ArchiveFolder = Type.Union([Folder, Type.Null()], { description: 'Where "move" moves messages.' });

export const Mailbox = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  address: Type.String(),
  departmentId: Type.Union([Type.Integer(), Type.Null()]),
  topicId: Type.Union([Type.Integer(), Type.Null()]),
  priorityId: Type.Union([Type.Integer(), Type.Null()]),
  imapHost: Type.Union([Type.String(), Type.Null()]),
  imapPort: Type.Union([Type.Integer(), Type.Null()]),
  imapSecurity: Type.String(),
  imapUsername: Type.Union([Type.String(), Type.Null()]),
  hasPassword: Type.Boolean({ description: 'Whether an IMAP password is stored (it is never returned).' }),
  imapFolder: Type.String(),
  afterImport: Type.String(),
  archiveFolder: Type.Union([Type.String(), Type.Null()]),
  isActive: Type.Boolean(),
  lastPolledAt: NullableTimestamp,
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const writable = {
  departmentId: Type.Optional(NullableId),
  topicId: Type.Optional(NullableId),
  priorityId: Type.Optional(NullableId),
  imapHost: Type.Optional(Host),
  imapPort: Type.Optional(Port),
  imapSecurity: Type.Optional(Security),
  imapUsername: Type.Optional(Username),
  imapPassword: Type.Optional(Password),
  imapFolder: Type.Optional(Folder),
  afterImport: Type.Optional(AfterImport),
  archiveFolder: Type.Optional(ArchiveFolder),
  isActive: Type.Optional(Type.Boolean()),
};

export const CreateMailboxBody = Type.Object(
  { name: Name, address: Address, ...writable },
  { additionalProperties: false },
);

export const UpdateMailboxBody = Type.Object(
  { name: Type.Optional(Name), address: Type.Optional(Address), ...writable },
  { additionalProperties: false },
);
