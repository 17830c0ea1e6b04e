import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LiveTicketChange } from '../db/repositories/live.repository.ts';
import type { AgentActor } from '../domain/permissions/permissions.ts';
import { canHearOf } from './ticket-visibility.ts';

const agent: AgentActor = {
  kind: 'agent',
  agentId: 5,
  name: 'Lee',
  isAdmin: false,
  departmentPermissions: new Map([[1, new Set()]]),
  teamIds: [9],
};

function change(fields: Partial<LiveTicketChange>): LiveTicketChange {
  return {
    source: 'event',
    id: 1,
    type: 'edited',
    actorAgentId: null,
    data: {},
    ticketId: 3,
    number: '1003',
    departmentId: 2,
    assigneeAgentId: null,
    assigneeTeamId: null,
    state: 'open',
    updatedAt: 0,
    ...fields,
  };
}

describe('canHearOf', () => {
  it('lets an agent hear of tickets in their departments', () => {
    assert.equal(canHearOf(agent, change({ departmentId: 1 })), true);
  });

  it('keeps other departments quiet', () => {
    assert.equal(canHearOf(agent, change({})), false);
  });

  it('lets an agent hear of tickets assigned to them or their team elsewhere', () => {
    assert.equal(canHearOf(agent, change({ assigneeAgentId: 5 })), true);
    assert.equal(canHearOf(agent, change({ assigneeTeamId: 9 })), true);
  });

  it('tells an agent that a ticket was transferred out of their department', () => {
    const transfer = change({
      type: 'transferred',
      data: { before: { departmentId: 1 }, after: { departmentId: 2 } },
    });
    assert.equal(canHearOf(agent, transfer), true);
  });

  it('tells an agent that a ticket outside their departments was taken from them', () => {
    const reassigned = change({
      type: 'assigned',
      assigneeAgentId: 6,
      data: { before: { agentId: 5, teamId: null }, after: { agentId: 6, teamId: null } },
    });
    assert.equal(canHearOf(agent, reassigned), true);
  });
});
