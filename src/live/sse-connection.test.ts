import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, it } from 'node:test';
import type { LiveTicketChange } from '../db/repositories/live.repository.ts';
import type { AgentActor } from '../domain/permissions/permissions.ts';
import { SseConnection, type SseOptions } from './sse-connection.ts';

/** A response that never flushes, so everything written stays buffered. */
class FakeResponse extends EventEmitter {
  status = 0;
  headers: Record<string, string> = {};
  written = '';
  writableLength = 0;
  writableEnded = false;
  isDestroyed = false;
  socket = null;
  writeHead(status: number, headers: Record<string, string>): this {
    this.status = status;
    this.headers = headers;
    return this;
  }
  write(chunk: string): boolean {
    this.written += chunk;
    this.writableLength += chunk.length;
    return true;
  }
  end(): this {
    this.writableEnded = true;
    return this;
  }
  destroy(): this {
    this.isDestroyed = true;
    return this;
  }
}

const agent: AgentActor = {
  kind: 'agent',
  agentId: 5,
  name: 'Lee',
  isAdmin: false,
  departmentPermissions: new Map([[1, new Set()]]),
  teamIds: [],
};

const options: SseOptions = {
  heartbeatMs: 60_000,
  maxBufferedBytes: 100_000,
  maxHeldMessages: 10,
  countsIntervalMs: 60_000,
  reauthenticateMs: 60_000,
};

function change(id: number, departmentId = 1, source: 'event' | 'entry' = 'event'): LiveTicketChange {
  return {
    source,
    id,
    type: source === 'event' ? 'created' : 'note',
    actorAgentId: null,
    data: {},
    ticketId: id,
    number: String(1000 + id),
    departmentId,
    assigneeAgentId: null,
    assigneeTeamId: null,
    state: 'open',
    updatedAt: 0,
  };
}

const open: SseConnection[] = [];
function connect(overrides: Partial<SseOptions> = {}) {
  const response = new FakeResponse();
  const connection = new SseConnection(
    response as unknown as ServerResponse,
    agent,
    { ...options, ...overrides },
    async () => agent,
  );
  connection.open();
  open.push(connection);
  return { response, connection };
}

describe('SseConnection', () => {
  afterEach(() => {
    for (const connection of open.splice(0)) connection.close();
  });

  it('writes the headers and a first comment at once', () => {
    const { response } = connect();
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'text/event-stream; charset=utf-8');
    assert.equal(response.headers['x-accel-buffering'], 'no');
    assert.match(response.written, /^retry: \d+\n: stream open\n\n$/);
  });

  it('writes only the changes the agent may hear of, each with the cursor reached', () => {
    const { response, connection } = connect();
    connection.sendReady({ event: 10, entry: 20 }, false);
    connection.sendTicketChanges([change(11), change(12, 2), change(21, 1, 'entry')]);
    assert.match(response.written, /id: 11-20\nevent: ticket\ndata: \{"number":"1011"/);
    assert.doesNotMatch(response.written, /"number":"1012"/);
    assert.match(response.written, /id: 12-21\nevent: ticket\ndata: \{"number":"1021"/);
  });

  it('holds live changes until released, so they follow what the client missed', () => {
    const { response, connection } = connect();
    connection.hold();
    connection.sendTicketChanges([change(15)]);
    assert.doesNotMatch(response.written, /1015/);
    connection.sendReady({ event: 10, entry: 0 }, true);
    connection.sendTicketChanges([change(11)], true);
    connection.release();
    const backlog = response.written.indexOf('"1011"');
    const live = response.written.indexOf('"1015"');
    assert.ok(backlog > 0 && live > backlog);
    assert.match(response.written, /id: 15-0\nevent: ticket/);
  });

  it('drops a client whose unsent output passes the limit', () => {
    const { response, connection } = connect({ maxBufferedBytes: 500 });
    connection.sendReady({ event: 0, entry: 0 }, false);
    connection.sendTicketChanges(Array.from({ length: 10 }, (_, i) => change(i + 1)));
    assert.equal(response.isDestroyed, true);
    assert.equal(connection.isClosed, true);
  });

  it('drops a resuming client that falls too far behind while held', () => {
    const { response, connection } = connect({ maxHeldMessages: 2 });
    connection.hold();
    for (let i = 1; i <= 3; i += 1) connection.sendTicketChanges([change(i)]);
    assert.equal(response.isDestroyed, true);
  });

  it('sends one counts hint per interval however many events arrive', () => {
    const { response, connection } = connect();
    connection.sendReady({ event: 0, entry: 0 }, false);
    connection.sendTicketChanges([change(1)]);
    connection.sendTicketChanges([change(2)]);
    assert.equal(response.written.split('event: counts').length - 1, 1);
  });

  it('tells listeners once when the stream ends', () => {
    const { response, connection } = connect();
    let calls = 0;
    connection.onClose(() => {
      calls += 1;
    });
    response.emit('close');
    connection.close();
    assert.equal(calls, 1);
    assert.equal(response.writableEnded, true);
  });
});
