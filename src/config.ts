import { resolve } from 'node:path';

/** Everything Tessera reads from its environment, validated once at boot. */
export interface Config {
  readonly databaseUrl: string;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  /** Null when unset: the server then generates one and keeps it in the database settings. */
  readonly secretKey: string | null;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly adminEmail: string | null;
  readonly adminPassword: string | null;
  readonly bodyLimitBytes: number;
  readonly workerPollMs: number;
  /** Outgoing mail server (smtp:// or smtps://); null keeps outgoing mail waiting in the outbox. */
  readonly smtpUrl: string | null;
  /** The From address of outgoing mail. */
  readonly mailFrom: string;
  /** The domain part of outgoing Message-IDs. */
  readonly mailDomain: string;
  /** Port of the built-in SMTP listener for incoming mail; null leaves it off. */
  readonly smtpInboundPort: number | null;
  readonly smtpInboundHost: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function readInteger(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  // Number() would read '  ' as 0 and accept '0x50' or '8e3', so only plain decimal digits count.
  const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

/** Reads and validates the configuration; the only place in Tessera that touches `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const dataDir = resolve(env.DATA_DIR || './data');
  const databaseUrl = env.DATABASE_URL || `sqlite:${resolve(dataDir, 'tessera.db')}`;
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    problems.push(
      'DATABASE_URL must start with sqlite: or postgres:// (for example sqlite:./data/tessera.db)',
    );
  }
  const port = readInteger(env, 'PORT', 8080, 0, 65535, problems);
  const host = env.HOST || '0.0.0.0';
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  // 'localhost:8080' parses as a URL whose scheme is 'localhost:', so the scheme is checked too.
  const isWebUrl = /^https?:\/\//i.test(publicUrl) && URL.canParse(publicUrl);
  if (!isWebUrl) {
    problems.push(`PUBLIC_URL must be an absolute http:// or https:// URL (got "${env.PUBLIC_URL}")`);
  }
  const secretKey = env.SECRET_KEY || null;
  if (secretKey !== null && secretKey.length < 32) problems.push('SECRET_KEY must be at least 32 characters');
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const adminEmail = env.TESSERA_ADMIN_EMAIL || null;
  if (adminEmail !== null && !/^[^@\s]+@[^@\s]+$/.test(adminEmail)) {
    problems.push('TESSERA_ADMIN_EMAIL must be an email address');
  }
  const adminPassword = env.TESSERA_ADMIN_PASSWORD || null;
  if (adminPassword !== null && adminPassword.length < 8) {
    problems.push('TESSERA_ADMIN_PASSWORD must be at least 8 characters');
  }
  const bodyLimitBytes = readInteger(env, 'BODY_LIMIT_BYTES', 10 * 1024 * 1024, 1024, 1024 ** 3, problems);
  const workerPollMs = readInteger(env, 'WORKER_POLL_MS', 1000, 10, 60_000, problems);
  const smtpUrl = env.SMTP_URL || null;
  if (smtpUrl !== null && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) {
    problems.push('SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465');
  }
  const publicHost = isWebUrl ? new URL(publicUrl).hostname : 'localhost';
  const mailDomain = env.MAIL_DOMAIN || publicHost;
  if (!/^[a-z0-9.-]+$/i.test(mailDomain)) problems.push('MAIL_DOMAIN must be a domain name');
  const mailFrom = env.MAIL_FROM || `Tessera <support@${mailDomain}>`;
  if (!/@/.test(mailFrom)) problems.push('MAIL_FROM must be an email address, optionally with a name');
  const smtpInboundPort =
    env.SMTP_INBOUND_PORT === undefined || env.SMTP_INBOUND_PORT === ''
      ? null
      : readInteger(env, 'SMTP_INBOUND_PORT', 0, 1, 65535, problems);
  const smtpInboundHost = env.SMTP_INBOUND_HOST || '0.0.0.0';
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    databaseUrl,
    dataDir,
    host,
    port,
    publicUrl,
    secretKey,
    logLevel,
    adminEmail,
    adminPassword,
    bodyLimitBytes,
    workerPollMs,
    smtpUrl,
    mailFrom,
    mailDomain,
    smtpInboundPort,
    smtpInboundHost,
  });
}
