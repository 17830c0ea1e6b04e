import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { iso } from '../../../lib/json.ts';
import { answerConfirmation, getConfirmation } from '../../../services/confirmations/confirmations.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { ErrorResponse, Timestamp } from '../common.schema.ts';

const tags = ['confirmations'];
const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 1000 }) });
const errors = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 410: ErrorResponse };

/**
 * The requester's confirm / still-broken links. No sign-in: the signed token is the key, it names one
 * resolution, expires, and works once.
 */
export function registerConfirmationRoutes(parent: FastifyInstance, deps: ServiceDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/confirmations/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Show a resolution awaiting the requester',
        security: [],
        params: TokenParams,
        response: {
          200: Type.Object({
            ticket: Type.Object({ number: Type.String(), subject: Type.String(), state: Type.String() }),
            resolution: Type.Object({
              code: Type.String(),
              problem: Type.String(),
              actionTaken: Type.String(),
              confirmation: Type.String(),
              nextSteps: Type.Union([Type.String(), Type.Null()]),
              resolvedAt: Timestamp,
            }),
            expiresAt: Timestamp,
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const view = await getConfirmation(deps, request.params.token);
      return {
        ticket: { number: view.ticket.number, subject: view.ticket.subject, state: view.ticket.state },
        resolution: {
          code: view.resolution.code,
          problem: view.resolution.problem,
          actionTaken: view.resolution.actionTaken,
          confirmation: view.resolution.confirmation,
          nextSteps: view.resolution.nextSteps,
          resolvedAt: iso(view.resolution.createdAt) as string,
        },
        expiresAt: iso(view.expiresAt) as string,
      };
    },
  );

  api.post(
    '/confirmations/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Confirm the fix, or say it is still broken',
        description:
          '"confirm" closes the ticket; "reopen" reopens it and posts the comment as the requester.',
        security: [],
        params: TokenParams,
        body: Type.Object(
          {
            action: Type.Union([Type.Literal('confirm'), Type.Literal('reopen')]),
            comment: Type.Optional(Type.String({ maxLength: 20_000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ ticket: Type.Object({ number: Type.String(), state: Type.String() }) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const result = await answerConfirmation(deps, request.params.token, request.body);
      return { ticket: { number: result.number, state: result.state } };
    },
  );
}
