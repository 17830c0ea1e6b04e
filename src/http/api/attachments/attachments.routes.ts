import type { ReadStream } from 'node:fs';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../../services/deps.ts';
import { openAttachmentForAgent } from '../../../services/tickets/attachment-download.ts';
import { agentOf } from '../../auth/authenticate.ts';
import { errorResponses, IdParams } from '../common.schema.ts';

/** RFC 6266 Content-Disposition with an ASCII fallback and the exact UTF-8 name. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Sends a file as a download that is never sniffed, so an uploaded page cannot run as ours. */
export function sendAttachment(
  reply: FastifyReply,
  file: { filename: string; contentType: string; size: number; stream: ReadStream },
): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-length', file.size)
    .header('content-disposition', contentDisposition(file.filename))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('cache-control', 'private, max-age=3600')
    .send(file.stream);
}

/** Attachment downloads, always as attachments and never sniffed, so an uploaded page cannot run as ours. */
export function registerAttachmentRoutes(parent: FastifyInstance, deps: ServiceDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/attachments/:id',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Download an attachment',
        params: IdParams,
        response: {
          200: Type.Unsafe<ReadStream>({ type: 'string', format: 'binary', description: 'The file' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await openAttachmentForAgent(deps, agentOf(request), request.params.id);
      return sendAttachment(reply, file);
    },
  );
}
