import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ApiKeyRecord } from '../../db/repositories/api-keys.repository.ts';
import type { SystemActor } from '../../domain/permissions/permissions.ts';
import { MAX_RAW_BYTES } from '../../mail/inbound/ingest.ts';
import { authenticateApiKey } from '../../services/api-keys/authenticate-api-key.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { createTicket } from '../../services/tickets/create-ticket.ts';
import { handleEmailRequest } from './email-request.ts';
import { parseJsonTicketRequest } from './json-request.ts';
import { installPlainErrors, OsticketError, sendPlain } from './osticket-error.ts';
import { type TicketRequest, toCreateTicketInput } from './ticket-request.ts';
import { parseXmlTicketRequest } from './xml-request.ts';

type Format = 'json' | 'xml' | 'email';

/**
 * Media types each format accepts. osTicket picks the format from the URL and never looks at the
 * Content-Type; its own scripts post with PHP curl's default (application/x-www-form-urlencoded) and
 * many clients send none at all, so those are accepted beside the proper types.
 */
const MEDIA_TYPES: Record<Format, ReadonlySet<string>> = {
  json: new Set(['application/json', 'application/x-www-form-urlencoded']),
  xml: new Set(['text/xml', 'application/xml', 'application/x-www-form-urlencoded']),
  email: new Set(['message/rfc822', 'text/plain', 'application/x-www-form-urlencoded']),
};

// osTicket's messages, word for word: clients and their users recognise them.
const KEY_REQUIRED = 'Valid API key required';
const KEY_REFUSED = 'API key not found/active or source IP/hostname not authorized';
const NOT_AUTHORIZED = 'API key not authorized';

const PlainText = (description: string) => Type.String({ description });
const responses = {
  201: PlainText('The ticket number'),
  400: PlainText('What is wrong with the request, naming the field'),
  401: PlainText(
    'The API key is missing, unknown, inactive, not allowed from this address or not authorized',
  ),
  413: PlainText('The request body is too large'),
  415: PlainText('The content type does not suit the format'),
};

/** The osTicket-compatible ticket API: `POST /api/tickets.json`, `.xml` and `.email` with `X-API-Key`. */
export async function registerOsticketRoutes(app: FastifyInstance, deps: ServiceDeps): Promise<void> {
  await app.register(async (scope) => {
    const keys = new WeakMap<FastifyRequest, ApiKeyRecord>();
    scope.removeAllContentTypeParsers();
    // Bodies are read raw: each route decides what its bytes mean, as osTicket does.
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    installPlainErrors(scope);

    // The key is checked before the body is read, so an unauthenticated caller costs no parsing.
    scope.addHook('onRequest', async (request) => {
      const header = request.headers['x-api-key'];
      const check = await authenticateApiKey(deps, Array.isArray(header) ? header[0] : header, request.ip);
      if (!check.ok) {
        throw new OsticketError(
          401,
          check.reason === 'missing' || check.reason === 'unknown' ? KEY_REQUIRED : KEY_REFUSED,
        );
      }
      if (!check.key.canCreateTickets) throw new OsticketError(401, NOT_AUTHORIZED);
      keys.set(request, check.key);
    });

    const route = (format: Format, summary: string, description: string) => {
      const handler = async (request: FastifyRequest, reply: FastifyReply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0)
          throw new OsticketError(400, 'Request body is empty');
        const key = keys.get(request);
        if (!key) throw new OsticketError(401, KEY_REQUIRED);
        if (format === 'email') return handleEmailRequest(deps, body, request, reply);
        const actor: SystemActor = { kind: 'system', name: `API key ${key.name}` };
        const parsed: TicketRequest =
          format === 'json' ? parseJsonTicketRequest(body) : parseXmlTicketRequest(body);
        const created = await createTicket(deps, actor, toCreateTicketInput(parsed, request.ip));
        return sendPlain(reply, 201, created.number);
      };
      // osTicket answers at api/tickets.* where its rewrite rules are installed and at api/http.php/tickets.*
      // everywhere; integrations use either.
      for (const path of [`/api/tickets.${format}`, `/api/http.php/tickets.${format}`]) {
        scope.post(
          path,
          {
            schema: {
              hide: path.includes('http.php'),
              tags: ['osticket'],
              summary,
              description: `${description} Authenticated by the X-API-Key header (an osTicket-compatible key, see /api/v1/api-keys). Answers are plain text. Also served at /api/http.php/tickets.${format}.`,
              headers: Type.Object({ 'x-api-key': Type.Optional(Type.String()) }),
              produces: ['text/plain'],
              // Bearer tokens and sessions do not apply here: the X-API-Key header (a parameter above) does.
              security: [],
              response:
                format === 'email'
                  ? { ...responses, 503: PlainText('A temporary failure; send again later') }
                  : responses,
            },
            preParsing: async (request) => checkMediaType(request, format),
            // A message is taken up to the size every other mail door takes, not the JSON API's limit.
            ...(format === 'email' ? { bodyLimit: MAX_RAW_BYTES } : {}),
          },
          handler,
        );
      }
    };
    route(
      'json',
      'Open a ticket (osTicket JSON)',
      'osTicket fields in a JSON object; attachments as data: URLs.',
    );
    route('xml', 'Open a ticket (osTicket XML)', 'osTicket fields in a <ticket> document.');
    route(
      'email',
      'Take in an email (osTicket automail)',
      'A raw RFC 822 message, as osTicket automail.php and automail.pl send it; it goes through the email pipeline and may add to an existing ticket.',
    );
  });
}

function checkMediaType(request: FastifyRequest, format: Format): void {
  const header = request.headers['content-type'];
  if (header === undefined) return;
  const mediaType = header.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!MEDIA_TYPES[format].has(mediaType)) throw new OsticketError(415, 'Unsupported data format');
}
