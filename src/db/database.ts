import type { ColumnType, Generated, Kysely } from 'kysely';

/**
 * Row types of every table. Times are integer milliseconds since the epoch on both databases, booleans
 * are 0/1 integers and structured values are JSON text: one representation that SQLite and PostgreSQL
 * store alike, so repositories map rows the same way on both.
 */
type Id = Generated<number>;
type Flag = ColumnType<number, number | undefined, number>;

export interface SettingsTable {
  key: string;
  value: string;
}

export interface SequencesTable {
  name: string;
  value: number;
}

export interface SlaPlansTable {
  id: Id;
  name: string;
  first_response_hours: number | null;
  resolution_hours: number;
  is_active: Flag;
  created_at: number;
  updated_at: number;
}

export interface PrioritiesTable {
  id: Id;
  key: string;
  name: string;
  urgency: number;
  color: string;
  is_default: Flag;
}

export interface TicketStatusesTable {
  id: Id;
  name: string;
  state: string;
  sort_order: number;
  is_default: Flag;
  created_at: number;
  updated_at: number;
}

export interface OrganizationsTable {
  id: Id;
  name: string;
  /** Members see one another's tickets on the portal. */
  share_tickets: Flag;
  created_at: number;
  updated_at: number;
}

export interface OrganizationDomainsTable {
  domain: string;
  organization_id: number;
}

export interface UsersTable {
  id: Id;
  name: string;
  organization_id: number | null;
  /** The portal password, when the user chose one (they can always sign in by emailed link). */
  password_hash: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: number;
  updated_at: number;
}

export interface UserEmailsTable {
  id: Id;
  user_id: number;
  address: string;
  is_primary: Flag;
}

export interface DepartmentsTable {
  id: Id;
  name: string;
  parent_id: number | null;
  sla_plan_id: number | null;
  is_active: Flag;
  created_at: number;
  updated_at: number;
}

export interface RolesTable {
  id: Id;
  name: string;
  permissions: string;
  created_at: number;
  updated_at: number;
}

export interface AgentsTable {
  id: Id;
  email: string;
  name: string;
  password_hash: string | null;
  is_admin: Flag;
  is_active: Flag;
  department_id: number;
  role_id: number;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}

export interface AgentDepartmentsTable {
  agent_id: number;
  department_id: number;
  role_id: number;
}

export interface TeamsTable {
  id: Id;
  name: string;
  lead_agent_id: number | null;
  is_active: Flag;
  created_at: number;
  updated_at: number;
}

export interface TeamMembersTable {
  team_id: number;
  agent_id: number;
}

export interface HelpTopicsTable {
  id: Id;
  name: string;
  department_id: number | null;
  priority_id: number | null;
  sla_plan_id: number | null;
  assignee_agent_id: number | null;
  assignee_team_id: number | null;
  is_public: Flag;
  is_active: Flag;
  created_at: number;
  updated_at: number;
}

export interface TicketsTable {
  id: Id;
  number: string;
  subject: string;
  status_id: number;
  state: string;
  priority_id: number;
  source: string;
  user_id: number;
  organization_id: number | null;
  department_id: number;
  topic_id: number | null;
  assignee_agent_id: number | null;
  assignee_team_id: number | null;
  sla_plan_id: number | null;
  due_at: number | null;
  sla_paused_at: number | null;
  is_answered: Flag;
  is_overdue: Flag;
  fields: ColumnType<string, string | undefined, string>;
  created_at: number;
  updated_at: number;
  last_message_at: number;
  last_response_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  reopened_at: number | null;
  deleted_at: number | null;
}

export interface TicketCollaboratorsTable {
  ticket_id: number;
  user_id: number;
  created_at: number;
}

export interface TicketTagsTable {
  ticket_id: number;
  tag: string;
}

export interface ThreadEntriesTable {
  id: Id;
  ticket_id: number;
  type: string;
  author_type: string;
  author_agent_id: number | null;
  author_user_id: number | null;
  author_name: string;
  body_html: string;
  body_text: string;
  email_message_id: string | null;
  email_meta: string | null;
  created_at: number;
}

export interface ResolutionsTable {
  id: Id;
  ticket_id: number;
  entry_id: number;
  problem: string;
  action_taken: string;
  confirmation: string;
  next_steps: string | null;
  code: string;
  agent_id: number | null;
  created_at: number;
  outcome: string | null;
  outcome_at: number | null;
}

export interface AttachmentsTable {
  id: Id;
  entry_id: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: number;
}

export interface EventsTable {
  id: Id;
  ticket_id: number;
  type: string;
  actor_type: string;
  actor_agent_id: number | null;
  actor_user_id: number | null;
  data: string;
  created_at: number;
}

export interface SessionsTable {
  id: string;
  agent_id: number;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Id;
  agent_id: number;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
  revoked_at: number | null;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  resource_type: string;
  resource_id: number;
  created_at: number;
}

export interface JobsTable {
  id: Id;
  type: string;
  payload: string;
  dedupe_key: string | null;
  status: string;
  run_at: number;
  attempts: Flag;
  max_attempts: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
}

export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: number;
  acquired_at: number;
}

export interface ApiKeysTable {
  id: Id;
  name: string;
  key_hash: string;
  key_prefix: string;
  ip_addresses: ColumnType<string, string | undefined, string>;
  can_create_tickets: Flag;
  is_active: Flag;
  created_at: number;
  last_used_at: number | null;
  created_by_agent_id: number | null;
}

export interface OutboundMessagesTable {
  id: Id;
  ticket_id: number | null;
  entry_id: number | null;
  kind: string;
  to_addresses: string;
  cc_addresses: string;
  from_address: string;
  subject: string;
  body_text: string;
  body_html: string;
  message_id: string;
  in_reply_to: string | null;
  references_header: string | null;
  headers: string;
  attachments: string;
  status: string;
  attempts: Flag;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  updated_at: number;
}

export interface EmailTemplatesTable {
  key: string;
  subject: string;
  body_text: string;
  body_html: string;
  updated_at: number;
}

export interface MailboxesTable {
  id: Id;
  name: string;
  address: string;
  department_id: number | null;
  topic_id: number | null;
  priority_id: number | null;
  imap_host: string | null;
  imap_port: number | null;
  imap_security: ColumnType<string, string | undefined, string>;
  imap_username: string | null;
  imap_password_enc: string | null;
  imap_folder: ColumnType<string, string | undefined, string>;
  after_import: ColumnType<string, string | undefined, string>;
  archive_folder: string | null;
  is_active: Flag;
  imap_uid_validity: number | null;
  imap_last_uid: number | null;
  last_polled_at: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface InboundMessagesTable {
  id: Id;
  message_id: string;
  from_address: string | null;
  subject: string | null;
  channel: string;
  mailbox_id: number | null;
  recipients: ColumnType<string, string | undefined, string>;
  raw_sha256: string;
  raw_size: number;
  received_at: number;
  status: string;
  reason: string | null;
  ticket_id: number | null;
  entry_id: number | null;
  attempts: Flag;
  updated_at: number;
}

export interface HelpTopicFieldsTable {
  id: Id;
  topic_id: number;
  key: string;
  label: string;
  type: string;
  is_required: Flag;
  options: ColumnType<string, string | undefined, string>;
  placeholder: string | null;
  help_text: string | null;
  sort_order: ColumnType<number, number | undefined, number>;
  is_public: Flag;
  created_at: number;
  updated_at: number;
}

export interface PortalSessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface PortalLoginTokensTable {
  id: string;
  user_id: number;
  ticket_id: number | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface TicketPresenceTable {
  ticket_id: number;
  agent_id: number;
  state: string;
  started_at: number;
  expires_at: number;
}

export interface QueuesTable {
  id: Id;
  name: string;
  agent_id: number | null;
  filters: string;
  sort: string;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface CannedResponsesTable {
  id: Id;
  title: string;
  body_html: string;
  body_text: string;
  department_id: number | null;
  is_active: Flag;
  created_at: number;
  updated_at: number;
}

export interface AgentInvitesTable {
  token_hash: string;
  agent_id: number;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface Database {
  settings: SettingsTable;
  sequences: SequencesTable;
  sla_plans: SlaPlansTable;
  priorities: PrioritiesTable;
  ticket_statuses: TicketStatusesTable;
  organizations: OrganizationsTable;
  organization_domains: OrganizationDomainsTable;
  users: UsersTable;
  user_emails: UserEmailsTable;
  departments: DepartmentsTable;
  roles: RolesTable;
  agents: AgentsTable;
  agent_departments: AgentDepartmentsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  help_topics: HelpTopicsTable;
  tickets: TicketsTable;
  ticket_tags: TicketTagsTable;
  ticket_collaborators: TicketCollaboratorsTable;
  thread_entries: ThreadEntriesTable;
  resolutions: ResolutionsTable;
  attachments: AttachmentsTable;
  events: EventsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  api_keys: ApiKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  jobs: JobsTable;
  mailboxes: MailboxesTable;
  inbound_messages: InboundMessagesTable;
  outbound_messages: OutboundMessagesTable;
  email_templates: EmailTemplatesTable;
  leases: LeasesTable;
  help_topic_fields: HelpTopicFieldsTable;
  portal_sessions: PortalSessionsTable;
  portal_login_tokens: PortalLoginTokensTable;
  ticket_presence: TicketPresenceTable;
  queues: QueuesTable;
  canned_responses: CannedResponsesTable;
  agent_invites: AgentInvitesTable;
}

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';
