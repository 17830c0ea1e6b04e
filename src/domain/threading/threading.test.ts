import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TICKET_STATES } from '../ticket/lifecycle.ts';
import {
  candidateMessageIds,
  decideDelivery,
  decideThread,
  readSubjectToken,
  type ThreadingFacts,
} from './threading.ts';

const NONE: ThreadingFacts = {
  inReplyTo: null,
  references: [],
  signedTickets: new Map(),
  storedTickets: new Map(),
  subjectToken: null,
};

function facts(overrides: Partial<ThreadingFacts>): ThreadingFacts {
  return { ...NONE, ...overrides };
}

describe('threading decision', () => {
  it('opens a new ticket when nothing matches', () => {
    assert.deepEqual(decideThread(NONE), {
      kind: 'new',
      threadedBy: 'new-ticket',
      matched: null,
      ignoredToken: null,
    });
  });

  it('threads by a signed In-Reply-To', () => {
    const decision = decideThread(facts({ inReplyTo: '<a@x>', signedTickets: new Map([['<a@x>', 7]]) }));
    assert.deepEqual(decision, {
      kind: 'existing',
      ticketId: 7,
      threadedBy: 'message-id',
      matched: '<a@x>',
      via: 'signed',
    });
  });

  it('threads by a signed id in References when In-Reply-To is unknown', () => {
    const decision = decideThread(
      facts({ inReplyTo: '<unknown@x>', references: ['<a@x>'], signedTickets: new Map([['<a@x>', 7]]) }),
    );
    assert.equal(decision.kind, 'existing');
    assert.equal(decision.threadedBy, 'references');
    assert.equal(decision.matched, '<a@x>');
  });

  it('prefers the newest reference', () => {
    const decision = decideThread(
      facts({
        references: ['<old@x>', '<new@x>'],
        storedTickets: new Map([
          ['<old@x>', 1],
          ['<new@x>', 2],
        ]),
      }),
    );
    assert.equal(decision.kind === 'existing' && decision.ticketId, 2);
  });

  it('prefers In-Reply-To over References of the same kind', () => {
    const decision = decideThread(
      facts({
        inReplyTo: '<b@x>',
        references: ['<a@x>'],
        storedTickets: new Map([
          ['<a@x>', 1],
          ['<b@x>', 2],
        ]),
      }),
    );
    assert.equal(decision.kind === 'existing' && decision.ticketId, 2);
    assert.equal(decision.threadedBy, 'message-id');
  });

  it('prefers a signed id anywhere over a stored In-Reply-To', () => {
    const decision = decideThread(
      facts({
        inReplyTo: '<stored@x>',
        references: ['<signed@x>'],
        signedTickets: new Map([['<signed@x>', 1]]),
        storedTickets: new Map([['<stored@x>', 2]]),
      }),
    );
    assert.equal(decision.kind === 'existing' && decision.ticketId, 1);
    assert.equal(decision.kind === 'existing' && decision.via, 'signed');
    assert.equal(decision.threadedBy, 'references');
  });

  it('threads by a stored Message-ID', () => {
    const decision = decideThread(facts({ inReplyTo: '<s@x>', storedTickets: new Map([['<s@x>', 3]]) }));
    assert.equal(decision.kind === 'existing' && decision.via, 'stored');
    assert.equal(decision.threadedBy, 'message-id');
  });

  it('prefers any Message-ID match over the subject token', () => {
    const decision = decideThread(
      facts({
        inReplyTo: '<s@x>',
        storedTickets: new Map([['<s@x>', 3]]),
        subjectToken: { number: '1001', ticketId: 9, isSenderParticipant: true },
      }),
    );
    assert.equal(decision.kind === 'existing' && decision.ticketId, 3);
  });

  it('threads by the subject token from a participant', () => {
    const decision = decideThread(
      facts({ subjectToken: { number: '1001', ticketId: 9, isSenderParticipant: true } }),
    );
    assert.deepEqual(decision, {
      kind: 'existing',
      ticketId: 9,
      threadedBy: 'subject-token',
      matched: '1001',
      via: 'subject',
    });
  });

  it('ignores the subject token from someone outside the ticket', () => {
    const decision = decideThread(
      facts({ subjectToken: { number: '1001', ticketId: 9, isSenderParticipant: false } }),
    );
    assert.equal(decision.kind, 'new');
    assert.deepEqual(decision.kind === 'new' && decision.ignoredToken, {
      number: '1001',
      why: 'not_participant',
    });
  });

  it('ignores a subject token naming no ticket', () => {
    const decision = decideThread(
      facts({ subjectToken: { number: '42', ticketId: null, isSenderParticipant: false } }),
    );
    assert.deepEqual(decision.kind === 'new' && decision.ignoredToken, {
      number: '42',
      why: 'no_such_ticket',
    });
  });

  it('lists candidate ids In-Reply-To first, then References newest first, once each', () => {
    assert.deepEqual(candidateMessageIds({ inReplyTo: '<c@x>', references: ['<a@x>', '<b@x>', '<c@x>'] }), [
      '<c@x>',
      '<b@x>',
      '<a@x>',
    ]);
    assert.deepEqual(candidateMessageIds({ inReplyTo: null, references: [] }), []);
  });
});

describe('subject token', () => {
  it('reads the number in [#...]', () => {
    assert.equal(readSubjectToken('Re: [#1001] Printer on fire'), '1001');
    assert.equal(readSubjectToken('RE: Printer [#INC-2026-7]'), 'INC-2026-7');
  });

  it('takes the first token when there are several', () => {
    assert.equal(readSubjectToken('[#1] and [#2]'), '1');
  });

  it('finds nothing without the bracket form', () => {
    assert.equal(readSubjectToken('Ticket #1001'), null);
    assert.equal(readSubjectToken('[1001]'), null);
    assert.equal(readSubjectToken('[#]'), null);
    assert.equal(readSubjectToken('[#a b]'), null);
  });
});

describe('delivery decision', () => {
  const base = { isAgent: false, canAgentReply: false, isAutoReply: false } as const;

  it('appends a participant message in every state but archived', () => {
    for (const state of TICKET_STATES) {
      const expected = state === 'archived' ? 'follow-up-ticket' : 'append-message';
      assert.equal(decideDelivery({ ...base, state }).action, expected, state);
    }
  });

  it('keeps an auto-reply quietly in every state', () => {
    for (const state of TICKET_STATES) {
      assert.deepEqual(decideDelivery({ ...base, state, isAutoReply: true }), {
        action: 'append-quietly',
        reason: 'auto_reply',
      });
    }
  });

  it('posts an agent reply where the agent may reply and the ticket is not closed', () => {
    for (const state of ['open', 'pending', 'resolved'] as const) {
      assert.equal(
        decideDelivery({ ...base, state, isAgent: true, canAgentReply: true }).action,
        'agent-reply',
      );
    }
  });

  it('keeps an agent message as a note on a closed or archived ticket', () => {
    for (const state of ['closed', 'archived'] as const) {
      assert.deepEqual(decideDelivery({ ...base, state, isAgent: true, canAgentReply: true }), {
        action: 'agent-note',
        reason: 'agent_ticket_closed',
      });
    }
  });

  it('keeps a message from an agent without the reply permission as a note', () => {
    assert.deepEqual(decideDelivery({ ...base, state: 'open', isAgent: true }), {
      action: 'agent-note',
      reason: 'agent_not_permitted',
    });
  });

  it("never sends an agent's auto-reply to the requester", () => {
    assert.deepEqual(
      decideDelivery({ state: 'open', isAgent: true, canAgentReply: true, isAutoReply: true }),
      { action: 'agent-note', reason: 'agent_auto_reply' },
    );
  });
});
