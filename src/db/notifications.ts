import pg from 'pg';
import type { Db } from './database.ts';

/**
 * PostgreSQL LISTEN on a dedicated connection. A pooled connection cannot be used: notifications arrive
 * on the connection that listens, and a pool hands connections out and back. The settings of each
 * database opened by openDatabase are remembered here so a listener reaches the same database and schema.
 */
const CLIENT_CONFIGS = new WeakMap<Db, pg.ClientConfig>();

/** Remembers how to open a dedicated connection to the PostgreSQL database behind `db`. */
export function rememberListenConfig(db: Db, config: pg.ClientConfig): void {
  CLIENT_CONFIGS.set(db, config);
}

export interface NotificationListener {
  /** Stops listening and closes the connection. */
  close(): Promise<void>;
}

export interface NotificationHandlers {
  onNotify(): void;
  /** The connection failed or ended; the listener is dead and the caller may open another. */
  onLost(error: Error): void;
}

/**
 * Listens on `channel` with a connection of its own; null on a database without notifications (SQLite).
 * Throws when the connection cannot be opened.
 */
export async function listenForNotifications(
  db: Db,
  channel: string,
  handlers: NotificationHandlers,
): Promise<NotificationListener | null> {
  const config = CLIENT_CONFIGS.get(db);
  if (!config) return null;
  const client = new pg.Client({ connectionTimeoutMillis: 5000, ...config });
  let isClosing = false;
  // Until LISTEN succeeds a failure is the caller's rejected promise, not a lost listener.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
  } catch (error) {
    isClosing = true;
    await client.end().catch(() => undefined);
    throw error;
  }
  const lose = (error: Error) => {
    if (isClosing) return;
    isClosing = true;
    client.end().catch(() => undefined);
    handlers.onLost(error);
  };
  client.on('notification', () => handlers.onNotify());
  client.on('error', lose);
  client.on('end', () => lose(new Error('The notification connection ended')));
  return {
    close: async () => {
      if (isClosing) return;
      isClosing = true;
      await client.end().catch(() => undefined);
    },
  };
}
