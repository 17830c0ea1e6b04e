import {
  type AgentInviteRecord,
  claimAgentInvite,
  deleteExpiredAgentInvites,
  findAgentInvite,
  insertAgentInvite,
} from '../../db/repositories/agent-invites.repository.ts';
import { updateAgent } from '../../db/repositories/agents.repository.ts';
import { deleteSessionsOfAgent } from '../../db/repositories/auth.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { queueEmail } from '../notifications/queue-email.ts';
import { helpdeskNameOf } from '../notifications/ticket-mail.ts';
import { getAgent } from './agents.ts';

const DAY_MS = 24 * 60 * 60_000;
/** An invitation works once, for this long. */
export const AGENT_INVITE_TTL_MS = 7 * DAY_MS;

/** The agent console page where an invited agent chooses a password. */
export function agentInviteUrl(deps: Pick<ServiceDeps, 'publicUrl'>, token: string): string {
  return `${deps.publicUrl}/agent/invite/${encodeURIComponent(token)}`;
}

/** The 422 for inviting an agent who cannot sign in anyway. */
export function inactiveInvitee(): AppError {
  return new AppError('unprocessable', 'Only an active agent can be invited', {
    field: 'isActive',
    rule: 'active_required',
  });
}

/**
 * Stores a one-time invitation for an agent and queues the mail carrying it, in the caller's
 * transaction. Returns the token (only its hash is stored), for callers that test it.
 */
export async function sendAgentInvite(
  tx: ServiceDeps,
  agent: { id: number; name: string; email: string },
): Promise<string> {
  const token = randomToken();
  const now = tx.clock.now();
  await insertAgentInvite(tx.db, {
    tokenHash: sha256Hex(token),
    agentId: agent.id,
    createdAt: now,
    expiresAt: now + AGENT_INVITE_TTL_MS,
  });
  await queueEmail(tx, {
    to: agent.email,
    kind: 'agent_invite',
    template: 'agent_invite',
    variables: {
      helpdesk: { name: helpdeskNameOf(tx), url: tx.publicUrl },
      recipient: { name: agent.name },
      links: { invite: agentInviteUrl(tx, token) },
      link: { expiresInDays: AGENT_INVITE_TTL_MS / DAY_MS },
    },
  });
  return token;
}

/** Emails an active agent a new invitation; earlier ones stay valid until they expire or are used. */
export async function inviteAgent(deps: ServiceDeps, agentId: number): Promise<{ expiresAt: number }> {
  return inTransaction(deps, async (tx) => {
    const agent = await getAgent(tx, agentId);
    if (!agent.isActive) throw inactiveInvitee();
    await sendAgentInvite(tx, agent);
    return { expiresAt: tx.clock.now() + AGENT_INVITE_TTL_MS };
  });
}

function inviteExpired(): AppError {
  return new AppError('invite_expired', 'This invitation link was used already or has expired');
}

function checkUsable(invite: AgentInviteRecord | null, now: number): AgentInviteRecord {
  if (!invite) throw new AppError('invite_invalid', 'This invitation link is not valid');
  if (invite.usedAt !== null || invite.expiresAt <= now || !invite.isActive) throw inviteExpired();
  return invite;
}

/** Whom a still-usable invitation is for; invite_invalid or invite_expired otherwise. */
export async function readAgentInvite(
  deps: ServiceDeps,
  token: string,
): Promise<{ email: string; name: string }> {
  const invite = checkUsable(await findAgentInvite(deps.db, sha256Hex(token)), deps.clock.now());
  return { email: invite.email, name: invite.name };
}

/**
 * Spends an invitation: sets the agent's password and ends their other sessions, in one transaction,
 * so the link works once even when two requests race with it. Answers the address to sign in with.
 */
export async function acceptAgentInvite(
  deps: ServiceDeps,
  token: string,
  password: string,
): Promise<{ email: string }> {
  const tokenHash = sha256Hex(token);
  checkUsable(await findAgentInvite(deps.db, tokenHash), deps.clock.now());
  // Hashing is deliberately slow; do it before the transaction holds any lock.
  const passwordHash = await hashPassword(password);
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const invite = checkUsable(await findAgentInvite(tx.db, tokenHash), now);
    if (!(await claimAgentInvite(tx.db, tokenHash, now))) throw inviteExpired();
    await updateAgent(tx.db, invite.agentId, { passwordHash }, now);
    await deleteSessionsOfAgent(tx.db, invite.agentId);
    return { email: invite.email };
  });
}

/** Deletes invitations whose links have expired; used ones go with them, their job done. */
export async function purgeExpiredAgentInvites(deps: ServiceDeps): Promise<number> {
  return deleteExpiredAgentInvites(deps.db, deps.clock.now());
}
