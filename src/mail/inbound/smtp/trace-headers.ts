/**
 * The trace fields a final-delivery SMTP server prepends (RFC 5321 section 4.4): Return-Path with the
 * envelope sender (empty for bounces, which is how the pipeline can tell them) and a Received line.
 */
export function buildTraceHeaders(trace: {
  mailFrom: string;
  recipient: string | null;
  clientHelo: string | null;
  clientAddress: string;
  serverName: string;
  transmission: string;
  sessionId: string;
  at: Date;
}): string {
  const from = trace.clientHelo
    ? `${sanitize(trace.clientHelo)} ([${trace.clientAddress}])`
    : `[${trace.clientAddress}]`;
  const forClause = trace.recipient ? `\r\n\tfor <${sanitize(trace.recipient)}>` : '';
  const received =
    `Received: from ${from}\r\n\tby ${sanitize(trace.serverName)} (Tessera) with ${trace.transmission} ` +
    `id ${sanitize(trace.sessionId)}${forClause};\r\n\t${formatRfc5322Date(trace.at)}`;
  return `Return-Path: <${sanitize(trace.mailFrom)}>\r\n${received}\r\n`;
}

/** Keeps client-supplied text (HELO name, addresses) from breaking out of its header line. */
function sanitize(text: string): string {
  return text.replace(/[\r\n\t<>;]/g, '').slice(0, 255);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date in the RFC 5322 form, in UTC: `Tue, 5 Jan 2026 09:00:00 +0000`. */
export function formatRfc5322Date(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}
