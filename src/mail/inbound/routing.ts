import { findActiveAgentEmails } from '../../db/repositories/inbound-messages.repository.ts';
import {
  findMailbox,
  findMailboxByAddress,
  listMailboxAddresses,
  type MailboxRecord,
} from '../../db/repositories/mailboxes.repository.ts';
import {
  findDepartmentRef,
  findPriorityRef,
  findTopicDefaults,
} from '../../db/repositories/ticket-references.repository.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import type { InboundMessage, MailAddress } from './parse.ts';

/** The address part of a From header like `Name <a@b>`, lower-cased. */
export function addressOf(from: string): string {
  const match = /<([^<>]+)>\s*$/.exec(from);
  return (match?.[1] ?? from).trim().toLowerCase();
}

/**
 * The mailbox a message was sent to: the one the door named, else the first whose address is among
 * the envelope recipients, Delivered-To (and kin), To or Cc, in that order. Inactive mailboxes route nothing.
 */
export async function findReceivingMailbox(
  deps: ServiceDeps,
  message: InboundMessage,
  source: { mailboxId?: number | null; recipients?: string[] },
): Promise<MailboxRecord | null> {
  if (source.mailboxId) {
    const named = await findMailbox(deps.db, source.mailboxId);
    if (named?.isActive) return named;
  }
  const candidates = [
    ...(source.recipients ?? []),
    ...message.deliveredTo,
    ...message.to.map((to) => to.address),
    ...message.cc.map((cc) => cc.address),
  ];
  for (const address of new Set(candidates.map((candidate) => candidate.toLowerCase()))) {
    const mailbox = await findMailboxByAddress(deps.db, address);
    if (mailbox?.isActive) return mailbox;
  }
  return null;
}

export interface RouteDefaults {
  departmentId?: number;
  topicId?: number;
  priority?: string;
  /** Defaults of the mailbox that were left out because what they name is gone or inactive. */
  skipped: string[];
}

/** The defaults a mailbox gives a new ticket, leaving out any that no longer stand. */
export async function routeDefaultsOf(
  deps: ServiceDeps,
  mailbox: MailboxRecord | null,
): Promise<RouteDefaults> {
  const defaults: RouteDefaults = { skipped: [] };
  if (!mailbox) return defaults;
  if (mailbox.topicId !== null) {
    const topic = await findTopicDefaults(deps.db, mailbox.topicId);
    if (topic?.isActive) defaults.topicId = topic.id;
    else defaults.skipped.push('topicId');
  }
  if (mailbox.departmentId !== null) {
    const department = await findDepartmentRef(deps.db, mailbox.departmentId);
    if (department?.isActive) defaults.departmentId = department.id;
    else defaults.skipped.push('departmentId');
  }
  if (mailbox.priorityId !== null) {
    const priority = await findPriorityRef(deps.db, { id: mailbox.priorityId });
    if (priority) defaults.priority = priority.key;
    else defaults.skipped.push('priorityId');
  }
  return defaults;
}

/** The addresses that are Tessera itself: every mailbox and the From address of outgoing mail. */
export async function findOwnAddresses(deps: ServiceDeps): Promise<Set<string>> {
  return new Set([...(await listMailboxAddresses(deps.db)), addressOf(deps.mail.from)]);
}

const MAX_COLLABORATORS = 20;

/**
 * The people a message was also addressed to (To and Cc), who become collaborators: not the sender,
 * not Tessera's own addresses, and not agents, who take part as agents rather than as customers.
 */
export async function findCopiedPeople(
  deps: ServiceDeps,
  message: InboundMessage,
  ownAddresses: ReadonlySet<string>,
): Promise<MailAddress[]> {
  const people = [...message.to, ...message.cc].filter(
    (person) => person.address !== message.from.address && !ownAddresses.has(person.address),
  );
  const agents = await findActiveAgentEmails(
    deps.db,
    people.map((person) => person.address),
  );
  return people.filter((person) => !agents.has(person.address)).slice(0, MAX_COLLABORATORS);
}
