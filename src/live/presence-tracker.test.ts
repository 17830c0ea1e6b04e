import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PresenceWithTicket } from '../db/repositories/presence.repository.ts';
import { PresenceTracker } from './presence-tracker.ts';

function row(
  ticketId: number,
  agentId: number,
  state: 'viewing' | 'replying',
  expiresAt = 1000,
): PresenceWithTicket {
  return {
    ticketId,
    agentId,
    agentName: `agent ${agentId}`,
    state,
    startedAt: 0,
    expiresAt,
    number: String(1000 + ticketId),
    departmentId: 1,
    assigneeAgentId: null,
    assigneeTeamId: null,
  };
}

describe('PresenceTracker', () => {
  it('takes the first snapshot as a baseline', () => {
    const tracker = new PresenceTracker();
    assert.deepEqual(tracker.update([row(1, 7, 'viewing')]), []);
  });

  it('reports a ticket an agent arrives on, with everyone there', () => {
    const tracker = new PresenceTracker();
    tracker.update([row(1, 7, 'viewing')]);
    const changes = tracker.update([row(1, 7, 'viewing'), row(1, 8, 'viewing')]);
    assert.equal(changes.length, 1);
    assert.deepEqual(
      changes[0]?.agents.map((agent) => agent.agentId),
      [7, 8],
    );
  });

  it('reports a change of state but not a refresh', () => {
    const tracker = new PresenceTracker();
    tracker.update([row(1, 7, 'viewing')]);
    assert.deepEqual(tracker.update([row(1, 7, 'viewing', 2000)]), []);
    assert.equal(tracker.update([row(1, 7, 'replying', 2000)])[0]?.agents[0]?.state, 'replying');
  });

  it('reports a ticket everyone left with no agents', () => {
    const tracker = new PresenceTracker();
    tracker.update([row(1, 7, 'viewing')]);
    const changes = tracker.update([]);
    assert.equal(changes[0]?.number, '1001');
    assert.deepEqual(changes[0]?.agents, []);
  });
});
