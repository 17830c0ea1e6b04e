import type { Migration } from 'kysely';
import * as createSettings from './20261127000100_create_settings.ts';
import * as createCatalog from './20261127000200_create_catalog.ts';
import * as createDirectory from './20261127000300_create_directory.ts';
import * as createTickets from './20261127000400_create_tickets.ts';
import * as createSearchIndex from './20261127000500_create_search_index.ts';
import * as createAuth from './20261127000600_create_auth.ts';
import * as createJobs from './20261127000700_create_jobs.ts';
import * as createCollaborators from './20261127000800_create_collaborators.ts';

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
};
