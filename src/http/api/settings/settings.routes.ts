import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import { changeSettings, getSettings } from '../../../services/settings/settings.ts';
import { errorResponses } from '../common.schema.ts';
import { SettingsPatch, SettingsResponse } from './settings.schema.ts';

/** The help desk's run-time settings: every agent reads them, administrators change them. */
export async function registerSettingsRoutes(api: FastifyInstance, deps: ServiceDeps): Promise<void> {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/settings',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['settings'],
        summary: 'Read the settings',
        response: { 200: SettingsResponse, ...errorResponses },
      },
    },
    async () => getSettings(deps.db),
  );

  app.patch(
    '/settings',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['settings'],
        summary: 'Change some settings (administrators only); answers with all of them',
        body: SettingsPatch,
        response: { 200: SettingsResponse, ...errorResponses },
      },
    },
    async (request) => changeSettings(deps, request.body),
  );
}
