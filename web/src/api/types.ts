import type { paths } from './schema.d.ts';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Operation<P extends keyof paths, M extends string> = M extends keyof paths[P] ? paths[P][M] : never;

/** The JSON body of a 200/201 answer of `method path`. */
export type ResponseOf<P extends keyof paths, M extends string = 'get'> =
  Operation<P, M> extends { responses: infer R }
    ? R extends { 200: infer OK }
      ? JsonOf<OK>
      : R extends { 201: infer Created }
        ? JsonOf<Created>
        : never
    : never;

/** The JSON request body of `method path`. */
export type BodyOf<P extends keyof paths, M extends string> =
  Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** The query parameters of `GET path`. */
export type QueryOf<P extends keyof paths> =
  Operation<P, 'get'> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

type ItemOf<L> = L extends { items: Array<infer I> } ? I : never;

export type Me = ResponseOf<'/api/v1/auth/me'>;
export type Ticket = ResponseOf<'/api/v1/tickets/{number}'>;
export type TicketSummary = ItemOf<ResponseOf<'/api/v1/tickets'>>;
export type TicketQuery = QueryOf<'/api/v1/tickets'>;
export type ThreadItem = ItemOf<ResponseOf<'/api/v1/tickets/{number}/thread'>>;
export type ThreadEvent = Extract<ThreadItem, { event: string }>;
export type ThreadEntry = Exclude<ThreadItem, { event: string }>;
export type Attachment = ThreadEntry['attachments'][number];
export type Resolution = NonNullable<Ticket['resolution']>;
export type Department = ItemOf<ResponseOf<'/api/v1/departments'>>;
export type Team = ItemOf<ResponseOf<'/api/v1/teams'>>;
export type Agent = ItemOf<ResponseOf<'/api/v1/agents'>>;
export type Topic = ItemOf<ResponseOf<'/api/v1/topics'>>;
export type Status = ItemOf<ResponseOf<'/api/v1/statuses'>>;
export type Priority = ItemOf<ResponseOf<'/api/v1/priorities'>>;
export type SlaPlan = ItemOf<ResponseOf<'/api/v1/sla-plans'>>;
export type CannedResponse = ItemOf<ResponseOf<'/api/v1/canned-responses'>>;
export type Role = ItemOf<ResponseOf<'/api/v1/roles'>>;
export type User = ItemOf<ResponseOf<'/api/v1/users'>>;
export type ApiToken = ItemOf<ResponseOf<'/api/v1/tokens'>>;
export type Settings = ResponseOf<'/api/v1/settings'>;
export type Collaborator = ItemOf<ResponseOf<'/api/v1/tickets/{number}/collaborators'>>;
export type AttachmentInput = NonNullable<
  BodyOf<'/api/v1/tickets/{number}/replies', 'post'>['attachments']
>[number];
export type QueueCount = ItemOf<ResponseOf<'/api/v1/queues/counts'>>;
export type SavedQueue = ItemOf<ResponseOf<'/api/v1/queues'>>;
export type PresenceItem = ItemOf<ResponseOf<'/api/v1/tickets/{number}/presence'>>;
export type TopicField = ItemOf<ResponseOf<'/api/v1/topics/{id}/fields'>>;
