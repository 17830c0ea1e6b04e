import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../common.schema.ts';

const PingBody = Type.Object(
  {
    note: Type.Optional(
      Type.String({ maxLength: 200, description: 'Ignored; lets the request carry a body' }),
    ),
  },
  { additionalProperties: false },
);
const PingAnswer = Type.Object({ ok: Type.Literal(true) });

/**
 * `POST /ping`: an authenticated, validated POST that does nothing else. It goes through everything a
 * real write does up to the service call (token lookup, body parsing and validation, serialization), so
 * `tessera bench` uses its throughput as the ceiling this machine allows for any write.
 */
export function registerPingRoutes(api: FastifyInstance): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/ping',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['ops'],
        summary: 'Do nothing, authenticated: the benchmark ceiling for writes',
        body: PingBody,
        response: { 200: PingAnswer, ...errorResponses },
      },
    },
    async () => ({ ok: true as const }),
  );
}
