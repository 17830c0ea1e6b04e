import type { Migration } from 'kysely';
import * as createSettings from './20261127000100_create_settings.ts';
import * as createCatalog from './20261127000200_create_catalog.ts';
import * as createDirectory from './20261127000300_create_directory.ts';
import * as createTickets from './20261127000400_create_tickets.ts';
import * as createSearchIndex from './20261127000500_create_search_index.ts';
import * as createAuth from './20261127000600_create_auth.ts';
import * as createJobs from './20261127000700_create_jobs.ts';
import * as createCollaborators from './20261127000800_create_collaborators.ts';
import * as createMailboxes from './20261127001000_create_mailboxes.ts';
import * as createInboundMessages from './20261127001010_create_inbound_messages.ts';
import * as createOutboundMessages from './20261127002000_create_outbound_messages.ts';
import * as createEmailTemplates from './20261127002010_create_email_templates.ts';
import * as createApiKeys from './20261127003000_create_api_keys.ts';
import * as createLeases from './20261127004000_create_leases.ts';
import * as createHelpTopicFields from './20261127005000_create_help_topic_fields.ts';
import * as createPortalAuth from './20261127005010_create_portal_auth.ts';
import * as addOrganizationTicketSharing from './20261127005020_add_organization_ticket_sharing.ts';
import * as createTicketPresence from './20261127006000_create_ticket_presence.ts';
import * as createQueues from './20261127006010_create_queues.ts';
import * as createLiveNotify from './20261127006020_create_live_notify.ts';
import * as createCannedResponses from './20261127008000_create_canned_responses.ts';
import * as createAgentInvites from './20261127009000_create_agent_invites.ts';
import * as createSearchVocabulary from './20261127009500_create_search_vocabulary.ts';
import * as deferSearchIndexing from './20261127009800_defer_search_indexing.ts';
import * as indexJobsByStatusAndType from './20261127009900_index_jobs_by_status_and_type.ts';

/** The one migration sequence, in order. Listed statically so a build needs no directory scan. */
export const MIGRATIONS: Record<string, Migration> = {
  '20261127000100_create_settings': createSettings,
  '20261127000200_create_catalog': createCatalog,
  '20261127000300_create_directory': createDirectory,
  '20261127000400_create_tickets': createTickets,
  '20261127000500_create_search_index': createSearchIndex,
  '20261127000600_create_auth': createAuth,
  '20261127000700_create_jobs': createJobs,
  '20261127000800_create_collaborators': createCollaborators,
  '20261127001000_create_mailboxes': createMailboxes,
  '20261127001010_create_inbound_messages': createInboundMessages,
  '20261127002000_create_outbound_messages': createOutboundMessages,
  '20261127002010_create_email_templates': createEmailTemplates,
  '20261127003000_create_api_keys': createApiKeys,
  '20261127004000_create_leases': createLeases,
  '20261127005000_create_help_topic_fields': createHelpTopicFields,
  '20261127005010_create_portal_auth': createPortalAuth,
  '20261127005020_add_organization_ticket_sharing': addOrganizationTicketSharing,
  '20261127006000_create_ticket_presence': createTicketPresence,
  '20261127006010_create_queues': createQueues,
  '20261127006020_create_live_notify': createLiveNotify,
  '20261127008000_create_canned_responses': createCannedResponses,
  '20261127009000_create_agent_invites': createAgentInvites,
  '20261127009500_create_search_vocabulary': createSearchVocabulary,
  '20261127009800_defer_search_indexing': deferSearchIndexing,
  '20261127009900_index_jobs_by_status_and_type': indexJobsByStatusAndType,
};
