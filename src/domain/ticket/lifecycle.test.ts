import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canTransition,
  isDone,
  isTicketState,
  needsResolution,
  nextStates,
  stateAfterRequesterMessage,
  TICKET_STATES,
  type TicketState,
} from './lifecycle.ts';

// Written out independently of the source so a change to the table has to be made in both places.
const ALLOWED: ReadonlySet<string> = new Set([
  'open->pending',
  'open->resolved',
  'pending->open',
  'pending->resolved',
  'resolved->open',
  'resolved->closed',
  'closed->open',
  'closed->archived',
]);

describe('ticket lifecycle', () => {
  describe('canTransition', () => {
    for (const from of TICKET_STATES) {
      for (const to of TICKET_STATES) {
        const isAllowed = from === to || ALLOWED.has(`${from}->${to}`);
        it(`${isAllowed ? 'allows' : 'forbids'} ${from} -> ${to}`, () => {
          assert.equal(canTransition(from, to), isAllowed);
        });
      }
    }
  });

  describe('nextStates', () => {
    for (const from of TICKET_STATES) {
      it(`lists exactly the other states reachable from ${from}`, () => {
        const expected = TICKET_STATES.filter((to) => ALLOWED.has(`${from}->${to}`));
        assert.deepEqual([...nextStates(from)].sort(), [...expected].sort());
      });
    }

    it('offers no way out of archived', () => {
      assert.deepEqual(nextStates('archived'), []);
    });
  });

  describe('isTicketState', () => {
    it('recognises every state', () => {
      for (const state of TICKET_STATES) assert.equal(isTicketState(state), true);
    });

    it('rejects unknown and differently-cased names', () => {
      for (const value of ['', 'Open', 'deleted', 'new', ' open']) assert.equal(isTicketState(value), false);
    });
  });

  describe('isDone', () => {
    const done: Record<TicketState, boolean> = {
      open: false,
      pending: false,
      resolved: true,
      closed: true,
      archived: true,
    };
    for (const state of TICKET_STATES) {
      it(`answers ${done[state]} for ${state}`, () => {
        assert.equal(isDone(state), done[state]);
      });
    }
  });

  describe('needsResolution', () => {
    for (const from of TICKET_STATES) {
      for (const to of TICKET_STATES) {
        const isNeeded = to === 'resolved' && (from === 'open' || from === 'pending');
        it(`${isNeeded ? 'requires' : 'does not require'} a resolution for ${from} -> ${to}`, () => {
          assert.equal(needsResolution(from, to), isNeeded);
        });
      }
    }
  });

  describe('stateAfterRequesterMessage', () => {
    const withReopen: Record<TicketState, { state: TicketState; reopened: boolean }> = {
      open: { state: 'open', reopened: false },
      pending: { state: 'open', reopened: false },
      resolved: { state: 'open', reopened: true },
      closed: { state: 'open', reopened: true },
      archived: { state: 'archived', reopened: false },
    };
    const withoutReopen: Record<TicketState, { state: TicketState; reopened: boolean }> = {
      open: { state: 'open', reopened: false },
      pending: { state: 'open', reopened: false },
      resolved: { state: 'resolved', reopened: false },
      closed: { state: 'closed', reopened: false },
      archived: { state: 'archived', reopened: false },
    };

    for (const state of TICKET_STATES) {
      it(`moves ${state} to ${withReopen[state].state} when reopening on message is on`, () => {
        assert.deepEqual(stateAfterRequesterMessage(state, true), withReopen[state]);
      });
      it(`moves ${state} to ${withoutReopen[state].state} when reopening on message is off`, () => {
        assert.deepEqual(stateAfterRequesterMessage(state, false), withoutReopen[state]);
      });
    }

    it('only ever lands on a state the transition table allows', () => {
      for (const state of TICKET_STATES) {
        for (const reopen of [true, false]) {
          const after = stateAfterRequesterMessage(state, reopen).state;
          assert.ok(canTransition(state, after), `${state} -> ${after}`);
        }
      }
    });
  });
});
