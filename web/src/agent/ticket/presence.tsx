import { useEffect, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { subscribeLive } from '../live/live-events.ts';

/** Another agent on the same ticket. */
export interface PresentAgent {
  id: number;
  name: string;
  state: 'viewing' | 'replying';
}

// The server forgets a presence after 60 s; telling it again every 20 s keeps it while the ticket is open.
const REFRESH_MS = 20_000;

/**
 * Tells the server this agent is viewing (or replying to) the ticket for as long as it is open, and
 * returns who else is on it, kept current by the live stream.
 */
export function usePresence(number: string, isReplying: boolean): PresentAgent[] {
  const [others, setOthers] = useState<PresentAgent[]>([]);
  const state = isReplying ? 'replying' : 'viewing';

  useEffect(() => {
    let isCurrent = true;
    const announce = () => {
      call(api.PUT('/api/v1/tickets/{number}/presence', { params: { path: { number } }, body: { state } }))
        .then((answer) => {
          if (isCurrent) {
            setOthers(
              answer.items.map((item) => ({ id: item.agent.id, name: item.agent.name, state: item.state })),
            );
          }
        })
        .catch(() => undefined);
    };
    announce();
    const timer = setInterval(announce, REFRESH_MS);
    return () => {
      isCurrent = false;
      clearInterval(timer);
    };
  }, [number, state]);

  useEffect(
    () => () => {
      // Leaving the ticket: best effort, the server forgets it after a minute anyway.
      call(api.DELETE('/api/v1/tickets/{number}/presence', { params: { path: { number } } })).catch(
        () => undefined,
      );
    },
    [number],
  );

  useEffect(
    () =>
      subscribeLive((message) => {
        if (message.kind === 'presence' && message.change.number === number) {
          setOthers(
            message.change.agents.map((agent) => ({ id: agent.id, name: agent.name, state: agent.state })),
          );
        }
      }),
    [number],
  );

  return others;
}

/** A warning that another agent is viewing or replying to this ticket. */
export function PresenceBanner({ others }: { others: PresentAgent[] }) {
  if (others.length === 0) return null;
  const replying = others.filter((agent) => agent.state === 'replying');
  const viewing = others.filter((agent) => agent.state !== 'replying');
  return (
    <div
      role="status"
      data-testid="presence-banner"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
    >
      {replying.length > 0 ? (
        <p>
          <strong>{replying.map((agent) => agent.name).join(', ')}</strong>{' '}
          {replying.length === 1 ? 'is' : 'are'} replying to this ticket.
        </p>
      ) : null}
      {viewing.length > 0 ? (
        <p>
          {viewing.map((agent) => agent.name).join(', ')} {viewing.length === 1 ? 'is' : 'are'} viewing this
          ticket.
        </p>
      ) : null}
    </div>
  );
}
