/**
 * Where a live stream stands: the last event id and the last thread-entry id it has passed. It is the SSE
 * `id` of every ticket message, so a reconnecting EventSource hands it back in Last-Event-ID.
 */
export interface LiveCursor {
  readonly event: number;
  readonly entry: number;
}

const CURSOR = /^(\d{1,15})-(\d{1,15})$/;

/** The pattern of a cursor, for request schemas. */
export const CURSOR_PATTERN = CURSOR.source;

/** A cursor as the stream writes it: `<event id>-<entry id>`. */
export function formatCursor(cursor: LiveCursor): string {
  return `${cursor.event}-${cursor.entry}`;
}

/** Reads a cursor; null when the text is not one. */
export function parseCursor(text: string): LiveCursor | null {
  const match = CURSOR.exec(text.trim());
  if (!match) return null;
  return { event: Number(match[1]), entry: Number(match[2]) };
}

/** The later position of each table. */
export function laterCursor(a: LiveCursor, b: LiveCursor): LiveCursor {
  return { event: Math.max(a.event, b.event), entry: Math.max(a.entry, b.entry) };
}
