import type { FastifyInstance } from 'fastify';
import type { LiveFeed } from '../../live/live-feed.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { registerAgentInviteRoutes } from './agent-invites/agent-invites.routes.ts';
import { registerAgentRoutes } from './agents/agents.routes.ts';
import { registerApiKeyRoutes } from './api-keys/api-keys.routes.ts';
import { registerAttachmentRoutes } from './attachments/attachments.routes.ts';
import { type AuthRouteOptions, registerAuthRoutes } from './auth/auth.routes.ts';
import { registerBulkRoutes } from './bulk/bulk.routes.ts';
import { registerCannedResponseRoutes } from './canned-responses/canned-responses.routes.ts';
import { registerConfirmationRoutes } from './confirmations/confirmations.routes.ts';
import { registerDepartmentRoutes } from './departments/departments.routes.ts';
import { registerEmailTemplateRoutes } from './email-templates/email-templates.routes.ts';
import { registerEventRoutes } from './events/events.routes.ts';
import { registerJobRoutes } from './jobs/jobs.routes.ts';
import { registerMailboxPollRoutes } from './mailboxes/mailbox-poll.routes.ts';
import { registerMailboxRoutes } from './mailboxes/mailboxes.routes.ts';
import { registerOrganizationRoutes } from './organizations/organizations.routes.ts';
import { registerOutboxRoutes } from './outbox/outbox.routes.ts';
import { registerPingRoutes } from './ping/ping.routes.ts';
import { registerPortalRoutes } from './portal/portal.routes.ts';
import { registerPresenceRoutes } from './presence/presence.routes.ts';
import { registerPriorityRoutes } from './priorities/priorities.routes.ts';
import { registerQuarantineRoutes } from './quarantine/quarantine.routes.ts';
import { registerQueueRoutes } from './queues/queues.routes.ts';
import { registerRoleRoutes } from './roles/roles.routes.ts';
import { registerSettingsRoutes } from './settings/settings.routes.ts';
import { registerSlaPlanRoutes } from './sla-plans/sla-plans.routes.ts';
import { registerStatusRoutes } from './statuses/statuses.routes.ts';
import { registerTeamRoutes } from './teams/teams.routes.ts';
import { registerCollaboratorRoutes } from './tickets/collaborators.routes.ts';
import { registerThreadRoutes } from './tickets/thread.routes.ts';
import { registerTicketRoutes } from './tickets/tickets.routes.ts';
import { registerTokenRoutes } from './tokens/tokens.routes.ts';
import { registerTopicFieldRoutes } from './topic-fields/topic-fields.routes.ts';
import { registerTopicRoutes } from './topics/topics.routes.ts';
import { registerUserRoutes } from './users/users.routes.ts';

/** What routes need from the app's options besides the service dependencies. */
export type ApiRouteOptions = AuthRouteOptions & { liveFeed: LiveFeed };

/** Every /api/v1 resource, one line each. */
export async function registerApiRoutes(
  api: FastifyInstance,
  deps: ServiceDeps,
  options: ApiRouteOptions,
): Promise<void> {
  await registerAuthRoutes(api, deps, options);
  await registerTokenRoutes(api, deps);
  await registerSettingsRoutes(api, deps);
  await registerJobRoutes(api, deps);
  await registerPortalRoutes(api, deps, { publicUrl: options.publicUrl });
  registerBulkRoutes(api, deps);
  registerTicketRoutes(api, deps);
  registerThreadRoutes(api, deps);
  registerCollaboratorRoutes(api, deps);
  registerAttachmentRoutes(api, deps);
  registerConfirmationRoutes(api, deps);
  registerUserRoutes(api, deps);
  registerOrganizationRoutes(api, deps);
  registerAgentRoutes(api, deps);
  registerAgentInviteRoutes(api, deps);
  registerTeamRoutes(api, deps);
  registerDepartmentRoutes(api, deps);
  registerTopicRoutes(api, deps);
  registerTopicFieldRoutes(api, deps);
  registerStatusRoutes(api, deps);
  registerPriorityRoutes(api, deps);
  registerSlaPlanRoutes(api, deps);
  registerCannedResponseRoutes(api, deps);
  registerRoleRoutes(api, deps);
  registerOutboxRoutes(api, deps);
  registerEmailTemplateRoutes(api, deps);
  registerApiKeyRoutes(api, deps);
  registerMailboxRoutes(api, deps);
  registerMailboxPollRoutes(api, deps);
  registerQuarantineRoutes(api, deps);
  registerEventRoutes(api, deps, options.liveFeed);
  registerPresenceRoutes(api, deps);
  registerQueueRoutes(api, deps);
  registerPingRoutes(api);
}
