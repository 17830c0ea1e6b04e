import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/** A change to a ticket the agent may see (the `ticket` event of /api/v1/events). */
export interface TicketChange {
  number: string;
  type: string;
  state: string;
  actorId: number | null;
}

/** Who else is on a ticket now (the `presence` event). */
export interface PresenceChange {
  number: string;
  agents: Array<{ id: number; name: string; state: 'viewing' | 'replying'; since: string }>;
}

type LiveMessage = { kind: 'ticket'; change: TicketChange } | { kind: 'presence'; change: PresenceChange };

const listeners = new Set<(message: LiveMessage) => void>();

/** Calls `listener` for every ticket and presence event while subscribed; returns the unsubscribe. */
export function subscribeLive(listener: (message: LiveMessage) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function parseJson(raw: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps one server-sent-events connection open for the console. A ticket change refreshes the lists and
 * that ticket, a counts hint refreshes the sidebar, a reset (too much was missed) refreshes everything;
 * EventSource reconnects by itself and resumes from the last event id.
 */
export function useLiveEvents(): { isConnected: boolean } {
  const queryClient = useQueryClient();
  const [isConnected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource('/api/v1/events');
    source.addEventListener('ready', () => setConnected(true));
    source.onerror = () => setConnected(false);
    source.addEventListener('ticket', (event: MessageEvent<string>) => {
      const data = parseJson(event.data);
      if (!data || typeof data.number !== 'string') return;
      const change: TicketChange = {
        number: data.number,
        type: String(data.type ?? ''),
        state: String(data.state ?? ''),
        actorId: typeof data.actorId === 'number' ? data.actorId : null,
      };
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      for (const listener of listeners) listener({ kind: 'ticket', change });
    });
    source.addEventListener('counts', () => {
      void queryClient.invalidateQueries({ queryKey: ['queue-counts'] });
    });
    source.addEventListener('reset', () => {
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      void queryClient.invalidateQueries({ queryKey: ['queue-counts'] });
    });
    source.addEventListener('presence', (event: MessageEvent<string>) => {
      const data = parseJson(event.data);
      if (!data || typeof data.number !== 'string' || !Array.isArray(data.agents)) return;
      const change = { number: data.number, agents: data.agents } as PresenceChange;
      for (const listener of listeners) listener({ kind: 'presence', change });
    });
    return () => source.close();
  }, [queryClient]);
  return { isConnected };
}
