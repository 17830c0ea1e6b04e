import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const VALID_SECRET = 'x'.repeat(32);

/** The problems loadConfig reports for `env`, failing the test when it reports none. */
function problemsFor(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, 'expected a ConfigError');
    return error.problems;
  }
  assert.fail(`expected ${JSON.stringify(env)} to be rejected`);
}

describe('loadConfig', () => {
  it('fills every default from an empty environment', () => {
    assert.deepEqual(loadConfig({}), {
      databaseUrl: `sqlite:${resolve('./data', 'tessera.db')}`,
      dataDir: resolve('./data'),
      host: '0.0.0.0',
      port: 8080,
      publicUrl: 'http://localhost:8080',
      secretKey: null,
      logLevel: 'info',
      adminEmail: null,
      adminPassword: null,
      bodyLimitBytes: 10 * 1024 * 1024,
      workerPollMs: 1000,
      smtpUrl: null,
      mailFrom: 'Tessera <support@localhost>',
      mailDomain: 'localhost',
      smtpInboundPort: null,
      smtpInboundHost: '0.0.0.0',
    });
  });

  it('treats empty variables as unset', () => {
    const env = { PORT: '', SECRET_KEY: '', LOG_LEVEL: '', DATABASE_URL: '', TESSERA_ADMIN_EMAIL: '' };
    assert.deepEqual(loadConfig(env), loadConfig({}));
  });

  it('reads every variable it knows', () => {
    const config = loadConfig({
      DATA_DIR: '/var/lib/tessera',
      DATABASE_URL: 'postgres://tessera@db/tessera',
      HOST: '127.0.0.1',
      PORT: '3000',
      PUBLIC_URL: 'https://help.example.com/',
      SECRET_KEY: VALID_SECRET,
      LOG_LEVEL: 'debug',
      TESSERA_ADMIN_EMAIL: 'admin@example.com',
      TESSERA_ADMIN_PASSWORD: 'correct horse',
      BODY_LIMIT_BYTES: '2048',
      WORKER_POLL_MS: '250',
      SMTP_URL: 'smtp://mailer:secret@smtp.example.com:587',
      MAIL_FROM: 'Help Desk <help@example.com>',
      MAIL_DOMAIN: 'mail.example.com',
      SMTP_INBOUND_PORT: '2525',
      SMTP_INBOUND_HOST: '127.0.0.1',
    });
    assert.deepEqual(config, {
      databaseUrl: 'postgres://tessera@db/tessera',
      dataDir: '/var/lib/tessera',
      host: '127.0.0.1',
      port: 3000,
      publicUrl: 'https://help.example.com',
      secretKey: VALID_SECRET,
      logLevel: 'debug',
      adminEmail: 'admin@example.com',
      adminPassword: 'correct horse',
      bodyLimitBytes: 2048,
      workerPollMs: 250,
      smtpUrl: 'smtp://mailer:secret@smtp.example.com:587',
      mailFrom: 'Help Desk <help@example.com>',
      mailDomain: 'mail.example.com',
      smtpInboundPort: 2525,
      smtpInboundHost: '127.0.0.1',
    });
  });

  it('places the default SQLite file in DATA_DIR', () => {
    assert.equal(loadConfig({ DATA_DIR: '/srv/desk' }).databaseUrl, 'sqlite:/srv/desk/tessera.db');
  });

  it('derives the default public URL from PORT', () => {
    assert.equal(loadConfig({ PORT: '9000' }).publicUrl, 'http://localhost:9000');
  });

  it('accepts sqlite:, postgres:// and postgresql:// database URLs', () => {
    for (const url of ['sqlite:./data/x.db', 'postgres://u@h/db', 'postgresql://u@h:5432/db']) {
      assert.equal(loadConfig({ DATABASE_URL: url }).databaseUrl, url);
    }
  });

  it('strips trailing slashes from PUBLIC_URL', () => {
    assert.equal(
      loadConfig({ PUBLIC_URL: 'https://help.example.com/desk///' }).publicUrl,
      'https://help.example.com/desk',
    );
  });

  it('accepts the edges of the PORT range', () => {
    assert.equal(loadConfig({ PORT: '0' }).port, 0);
    assert.equal(loadConfig({ PORT: '65535' }).port, 65535);
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    assert.ok(Object.isFrozen(config));
    assert.throws(() => {
      (config as { port: number }).port = 1;
    }, TypeError);
  });

  const INVALID: [string, NodeJS.ProcessEnv, RegExp][] = [
    [
      'DATABASE_URL with an unknown scheme',
      { DATABASE_URL: 'mysql://u@h/db' },
      /^DATABASE_URL must start with/,
    ],
    ['DATABASE_URL that is a bare path', { DATABASE_URL: './data/tessera.db' }, /^DATABASE_URL /],
    [
      'PORT that is not a number',
      { PORT: 'http' },
      /^PORT must be an integer between 0 and 65535 \(got "http"\)/,
    ],
    ['PORT above the range', { PORT: '65536' }, /^PORT must be an integer/],
    ['PORT below the range', { PORT: '-1' }, /^PORT must be an integer/],
    ['PORT with a fraction', { PORT: '80.5' }, /^PORT must be an integer/],
    ['PORT that is only spaces', { PORT: '  ' }, /^PORT must be an integer/],
    ['PORT written in hexadecimal', { PORT: '0x50' }, /^PORT must be an integer/],
    ['PORT in exponent notation', { PORT: '8e3' }, /^PORT must be an integer/],
    [
      'PUBLIC_URL that is not a URL',
      { PUBLIC_URL: 'help desk' },
      /^PUBLIC_URL must be an absolute .*"help desk"/,
    ],
    ['PUBLIC_URL that is a relative path', { PUBLIC_URL: '/desk' }, /^PUBLIC_URL must be an absolute/],
    ['PUBLIC_URL without a scheme', { PUBLIC_URL: 'localhost:8080' }, /^PUBLIC_URL must be an absolute/],
    [
      'PUBLIC_URL with a non-web scheme',
      { PUBLIC_URL: 'javascript:alert(1)' },
      /^PUBLIC_URL must be an absolute/,
    ],
    [
      'SECRET_KEY that is too short',
      { SECRET_KEY: 'x'.repeat(31) },
      /^SECRET_KEY must be at least 32 characters/,
    ],
    ['LOG_LEVEL that is unknown', { LOG_LEVEL: 'verbose' }, /^LOG_LEVEL must be one of fatal, error/],
    ['LOG_LEVEL in capitals', { LOG_LEVEL: 'INFO' }, /^LOG_LEVEL must be one of/],
    [
      'TESSERA_ADMIN_EMAIL without an @',
      { TESSERA_ADMIN_EMAIL: 'admin' },
      /^TESSERA_ADMIN_EMAIL must be an email/,
    ],
    ['TESSERA_ADMIN_EMAIL with a space', { TESSERA_ADMIN_EMAIL: 'a b@c.d' }, /^TESSERA_ADMIN_EMAIL must be/],
    [
      'TESSERA_ADMIN_PASSWORD that is too short',
      { TESSERA_ADMIN_PASSWORD: 'short' },
      /^TESSERA_ADMIN_PASSWORD must/,
    ],
    [
      'BODY_LIMIT_BYTES below the range',
      { BODY_LIMIT_BYTES: '1023' },
      /^BODY_LIMIT_BYTES must be an integer/,
    ],
    [
      'BODY_LIMIT_BYTES above the range',
      { BODY_LIMIT_BYTES: String(1024 ** 3 + 1) },
      /^BODY_LIMIT_BYTES must/,
    ],
    ['WORKER_POLL_MS below the range', { WORKER_POLL_MS: '9' }, /^WORKER_POLL_MS must be an integer/],
    ['WORKER_POLL_MS above the range', { WORKER_POLL_MS: '60001' }, /^WORKER_POLL_MS must be an integer/],
    ['SMTP_URL of another scheme', { SMTP_URL: 'http://smtp.example.com' }, /^SMTP_URL must look like/],
    ['MAIL_DOMAIN with a space', { MAIL_DOMAIN: 'mail example.com' }, /^MAIL_DOMAIN must be a domain name/],
    ['MAIL_FROM without an address', { MAIL_FROM: 'Help Desk' }, /^MAIL_FROM must be an email address/],
    [
      'SMTP_INBOUND_PORT out of range',
      { SMTP_INBOUND_PORT: '70000' },
      /^SMTP_INBOUND_PORT must be an integer/,
    ],
  ];

  for (const [label, env, expected] of INVALID) {
    it(`reports ${label} as one problem naming it`, () => {
      const problems = problemsFor(env);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0] ?? '', expected);
    });
  }

  it('reports every problem at once', () => {
    const problems = problemsFor({
      DATABASE_URL: 'mysql://x',
      PORT: 'abc',
      SECRET_KEY: 'short',
      LOG_LEVEL: 'loud',
      WORKER_POLL_MS: '1',
    });
    const named = problems.map((problem) => problem.split(' ')[0]);
    assert.deepEqual(named, ['DATABASE_URL', 'PORT', 'SECRET_KEY', 'LOG_LEVEL', 'WORKER_POLL_MS']);
  });

  it('lists each problem on its own line in the error message', () => {
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' });
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.name, 'ConfigError');
      assert.match(error.message, /^Invalid configuration:\n {2}- PORT .*\n {2}- LOG_LEVEL /);
    }
  });

  it('never reads process.env when given an environment', () => {
    const saved = process.env.PORT;
    process.env.PORT = 'not a port';
    try {
      assert.equal(loadConfig({}).port, 8080);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });
});
