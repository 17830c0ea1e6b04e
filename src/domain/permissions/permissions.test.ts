import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AgentActor,
  can,
  canAccessTicket,
  canOnTicket,
  isPermission,
  PERMISSIONS,
  type Permission,
  type TicketAccessFacts,
  visibleDepartments,
} from './permissions.ts';

const SUPPORT = 1;
const BILLING = 2;
const NETWORK = 3;

function agent(overrides: Partial<AgentActor> = {}): AgentActor {
  return {
    kind: 'agent',
    agentId: 10,
    name: 'Ada',
    isAdmin: false,
    departmentPermissions: new Map(),
    teamIds: [],
    ...overrides,
  };
}

function grants(entries: [number, Permission[]][]): ReadonlyMap<number, ReadonlySet<Permission>> {
  return new Map(entries.map(([department, keys]) => [department, new Set(keys)]));
}

function ticket(overrides: Partial<TicketAccessFacts> = {}): TicketAccessFacts {
  return { departmentId: NETWORK, assigneeAgentId: null, assigneeTeamId: null, ...overrides };
}

const EVERYDAY: readonly Permission[] = ['ticket.reply', 'ticket.resolve'];
const MANAGERIAL: readonly Permission[] = PERMISSIONS.filter((p) => !EVERYDAY.includes(p));

describe('isPermission', () => {
  it('recognises every permission key', () => {
    for (const key of PERMISSIONS) assert.equal(isPermission(key), true);
  });

  it('rejects unknown keys', () => {
    for (const key of ['', 'ticket', 'ticket.view', 'Ticket.reply', 'admin'])
      assert.equal(isPermission(key), false);
  });
});

describe('can', () => {
  it('grants an administrator every key in every department, even with no grants', () => {
    const admin = agent({ isAdmin: true });
    for (const key of PERMISSIONS) {
      for (const department of [SUPPORT, BILLING, 999]) assert.equal(can(admin, key, department), true);
    }
  });

  it('grants exactly the keys the role gives in that department', () => {
    const actor = agent({ departmentPermissions: grants([[SUPPORT, ['ticket.reply', 'ticket.assign']]]) });
    for (const key of PERMISSIONS) {
      assert.equal(can(actor, key, SUPPORT), key === 'ticket.reply' || key === 'ticket.assign', key);
    }
  });

  it('does not carry a key from one department into another', () => {
    const actor = agent({ departmentPermissions: grants([[SUPPORT, [...PERMISSIONS]]]) });
    for (const key of PERMISSIONS) assert.equal(can(actor, key, BILLING), false, key);
  });

  it('grants nothing where the department is listed with no keys', () => {
    const actor = agent({ departmentPermissions: grants([[SUPPORT, []]]) });
    for (const key of PERMISSIONS) assert.equal(can(actor, key, SUPPORT), false, key);
  });
});

describe('canAccessTicket', () => {
  it('lets an administrator see any ticket', () => {
    assert.equal(canAccessTicket(agent({ isAdmin: true }), ticket()), true);
  });

  it('lets an agent see a ticket in one of their departments', () => {
    const actor = agent({ departmentPermissions: grants([[NETWORK, ['ticket.reply']]]) });
    assert.equal(canAccessTicket(actor, ticket()), true);
  });

  it('lets an agent see a ticket in a department listed with no keys', () => {
    const actor = agent({ departmentPermissions: grants([[NETWORK, []]]) });
    assert.equal(canAccessTicket(actor, ticket()), true);
  });

  it('hides a ticket in another department that is not assigned to the agent', () => {
    const actor = agent({ departmentPermissions: grants([[SUPPORT, [...PERMISSIONS]]]), teamIds: [5] });
    assert.equal(canAccessTicket(actor, ticket({ assigneeAgentId: 11, assigneeTeamId: 6 })), false);
  });

  it('lets an agent see a ticket assigned to them outside their departments', () => {
    assert.equal(canAccessTicket(agent(), ticket({ assigneeAgentId: 10 })), true);
  });

  it('lets an agent see a ticket assigned to one of their teams outside their departments', () => {
    assert.equal(canAccessTicket(agent({ teamIds: [4, 5] }), ticket({ assigneeTeamId: 5 })), true);
  });

  it('hides an unassigned ticket from an agent with no grants', () => {
    assert.equal(canAccessTicket(agent({ teamIds: [5] }), ticket()), false);
  });
});

describe('canOnTicket', () => {
  it('lets an administrator do everything on any ticket', () => {
    for (const key of PERMISSIONS) assert.equal(canOnTicket(agent({ isAdmin: true }), key, ticket()), true);
  });

  it('follows the role within the ticket department', () => {
    const actor = agent({ departmentPermissions: grants([[NETWORK, ['ticket.edit']]]) });
    for (const key of PERMISSIONS)
      assert.equal(canOnTicket(actor, key, ticket()), key === 'ticket.edit', key);
  });

  it('refuses every key on a ticket the agent cannot see', () => {
    const actor = agent({ departmentPermissions: grants([[SUPPORT, [...PERMISSIONS]]]) });
    for (const key of PERMISSIONS) assert.equal(canOnTicket(actor, key, ticket()), false, key);
  });

  for (const [label, facts, teamIds] of [
    ['the agent', { assigneeAgentId: 10 }, []],
    ["the agent's team", { assigneeTeamId: 7 }, [7]],
  ] as const) {
    it(`lets an assignee (${label}) reply and resolve outside their departments`, () => {
      const actor = agent({ departmentPermissions: grants([[SUPPORT, [...PERMISSIONS]]]), teamIds });
      for (const key of EVERYDAY) assert.equal(canOnTicket(actor, key, ticket(facts)), true, key);
    });

    it(`keeps an assignee (${label}) from transferring, assigning, editing or deleting outside their departments`, () => {
      const actor = agent({ departmentPermissions: grants([[SUPPORT, [...PERMISSIONS]]]), teamIds });
      for (const key of MANAGERIAL) assert.equal(canOnTicket(actor, key, ticket(facts)), false, key);
    });
  }

  it('lets the role decide in the agent own department, even for a ticket assigned to them', () => {
    const actor = agent({ departmentPermissions: grants([[NETWORK, ['ticket.edit']]]) });
    const facts = ticket({ assigneeAgentId: 10 });
    for (const key of EVERYDAY) assert.equal(canOnTicket(actor, key, facts), false, key);
    assert.equal(canOnTicket(actor, 'ticket.edit', facts), true);
  });

  it('gives no assignee rights for a ticket assigned to another agent or another team', () => {
    const actor = agent({ teamIds: [7] });
    const facts = ticket({ assigneeAgentId: 11, assigneeTeamId: 8 });
    for (const key of PERMISSIONS) assert.equal(canOnTicket(actor, key, facts), false, key);
  });
});

describe('visibleDepartments', () => {
  it("answers 'all' for an administrator", () => {
    assert.equal(
      visibleDepartments(agent({ isAdmin: true, departmentPermissions: grants([[SUPPORT, []]]) })),
      'all',
    );
  });

  it('lists every department the agent holds a role in, with or without keys', () => {
    const actor = agent({
      departmentPermissions: grants([
        [SUPPORT, ['ticket.reply']],
        [BILLING, []],
      ]),
    });
    assert.deepEqual(visibleDepartments(actor), [SUPPORT, BILLING]);
  });

  it('lists nothing for an agent with no grants', () => {
    assert.deepEqual(visibleDepartments(agent({ teamIds: [1] })), []);
  });
});
