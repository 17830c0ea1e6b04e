import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../services/deps.ts';
import { registerAgentRoutes } from './agents/agents.routes.ts';
import { registerAttachmentRoutes } from './attachments/attachments.routes.ts';
import { type AuthRouteOptions, registerAuthRoutes } from './auth/auth.routes.ts';
import { registerConfirmationRoutes } from './confirmations/confirmations.routes.ts';
import { registerDepartmentRoutes } from './departments/departments.routes.ts';
import { registerJobRoutes } from './jobs/jobs.routes.ts';
import { registerOrganizationRoutes } from './organizations/organizations.routes.ts';
import { registerPriorityRoutes } from './priorities/priorities.routes.ts';
import { registerRoleRoutes } from './roles/roles.routes.ts';
import { registerSettingsRoutes } from './settings/settings.routes.ts';
import { registerSlaPlanRoutes } from './sla-plans/sla-plans.routes.ts';
import { registerStatusRoutes } from './statuses/statuses.routes.ts';
import { registerTeamRoutes } from './teams/teams.routes.ts';
import { registerCollaboratorRoutes } from './tickets/collaborators.routes.ts';
import { registerThreadRoutes } from './tickets/thread.routes.ts';
import { registerTicketRoutes } from './tickets/tickets.routes.ts';
import { registerTokenRoutes } from './tokens/tokens.routes.ts';
import { registerTopicRoutes } from './topics/topics.routes.ts';
import { registerUserRoutes } from './users/users.routes.ts';

/** What routes need from the app's options besides the service dependencies. */
export type ApiRouteOptions = AuthRouteOptions;

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
  registerTicketRoutes(api, deps);
  registerThreadRoutes(api, deps);
  registerCollaboratorRoutes(api, deps);
  registerAttachmentRoutes(api, deps);
  registerConfirmationRoutes(api, deps);
  registerUserRoutes(api, deps);
  registerOrganizationRoutes(api, deps);
  registerAgentRoutes(api, deps);
  registerTeamRoutes(api, deps);
  registerDepartmentRoutes(api, deps);
  registerTopicRoutes(api, deps);
  registerStatusRoutes(api, deps);
  registerPriorityRoutes(api, deps);
  registerSlaPlanRoutes(api, deps);
  registerRoleRoutes(api, deps);
}
