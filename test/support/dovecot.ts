import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ImapFlow } from 'imapflow';

/**
 * A real Dovecot IMAP server on loopback for the tests: a throwaway configuration, accounts made on first
 * login (one shared password, so each test can use a fresh user name) with maildirs under a temp directory, started in the foreground and stopped afterwards. Optionally with a
 * self-signed certificate (made with openssl) on an implicit-TLS port.
 */
export interface DovecotServer {
  readonly host: string;
  /** The cleartext IMAP port (STARTTLS is offered there too when TLS is on). */
  readonly port: number;
  /** The implicit-TLS port, or null without TLS. */
  readonly tlsPort: number | null;
  /** The self-signed certificate (PEM) the server presents, for a client that should trust it. */
  readonly certificate: string | null;
  /** The password of every account: any user name logs in with it, and gets a mailbox of its own. */
  readonly password: string;
  /** A connected, logged-in client of `user` for preparing and inspecting mail. */
  connect(user: string): Promise<ImapFlow>;
  stop(): Promise<void>;
}

const DOVECOT = '/usr/sbin/dovecot';
const PASSWORD = 'imap-test-password';

function findDovecot(): string | null {
  if (existsSync(DOVECOT)) return DOVECOT;
  try {
    return execFileSync('sh', ['-c', 'command -v dovecot'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * Why the Dovecot tests are skipped, or false to run them. A machine without Dovecot skips only when
 * TEST_SKIP_DOVECOT=1 says so; otherwise startDovecot fails and says how to install it.
 */
export function dovecotSkipReason(): string | false {
  if (findDovecot() !== null) return false;
  return process.env.TEST_SKIP_DOVECOT === '1'
    ? 'Dovecot is not installed and TEST_SKIP_DOVECOT=1 is set'
    : false;
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function makeCertificate(dir: string): { certPath: string; keyPath: string } {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'ignore' },
  );
  return { certPath, keyPath };
}

function buildConfig(o: {
  dir: string;
  port: number;
  tlsPort: number | null;
  cert: { certPath: string; keyPath: string } | null;
  isRoot: boolean;
  password: string;
  userName: string;
  uid: number;
  gid: number;
}): string {
  const tls = o.cert
    ? `ssl = yes\nssl_cert = <${o.cert.certPath}\nssl_key = <${o.cert.keyPath}\n`
    : 'ssl = no\n';
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${o.dir}/run
state_dir = ${o.dir}/state
instance_name = tessera-test-${o.port}
log_path = ${o.dir}/dovecot.log
${tls}disable_plaintext_auth = no
auth_mechanisms = plain login
# Failed logins are part of the tests: no delay after one, and no penalty for the next from 127.0.0.1.
auth_failure_delay = 0
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
default_login_user = ${o.isRoot ? 'dovenull' : o.userName}
default_internal_user = ${o.isRoot ? 'dovecot' : o.userName}
first_valid_uid = 1
passdb {
  driver = static
  args = password=${o.password}
}
userdb {
  driver = static
  args = uid=${o.uid} gid=${o.gid} home=${o.dir}/mail/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${o.port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${o.tlsPort ?? 0}
  }
}
`;
}

/** Starts Dovecot on free loopback ports; throws with a clear message when it is missing or fails. */
export async function startDovecot(options: { tls?: boolean } = {}): Promise<DovecotServer> {
  const binary = findDovecot();
  if (binary === null) {
    throw new Error(
      'Dovecot is needed for the IMAP tests: install it (apt-get install dovecot-imapd) or set TEST_SKIP_DOVECOT=1',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'tessera-dovecot-'));
  // The mail user (nobody, when run as root) must reach its maildir under this directory.
  chmodSync(dir, 0o755);
  const isRoot = process.getuid?.() === 0;
  const uid = isRoot ? 65534 : (process.getuid?.() ?? 0);
  const gid = isRoot ? 65534 : (process.getgid?.() ?? 0);
  mkdirSync(join(dir, 'run'));
  mkdirSync(join(dir, 'state'));
  mkdirSync(join(dir, 'mail'));
  if (isRoot) chownSync(join(dir, 'mail'), uid, gid);
  const cert = options.tls ? makeCertificate(dir) : null;
  const port = await findFreePort();
  const tlsPort = options.tls ? await findFreePort() : null;
  const userName = execFileSync('id', ['-un'], { encoding: 'utf8' }).trim();
  const configPath = join(dir, 'dovecot.conf');
  writeFileSync(
    configPath,
    buildConfig({ dir, port, tlsPort, cert, isRoot, password: PASSWORD, userName, uid, gid }),
  );

  const child: ChildProcess = spawn(binary, ['-F', '-c', configPath], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const readLog = () => {
    const log = existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '';
    return `${stderr}${log}`.trim();
  };
  const deadline = Date.now() + 15_000;
  while (!(await canConnect(port)) || (tlsPort !== null && !(await canConnect(tlsPort)))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`Dovecot did not start on 127.0.0.1:${port}:\n${readLog()}`);
    }
    await sleep(50);
  }

  return {
    host: '127.0.0.1',
    port,
    tlsPort,
    certificate: cert ? readFileSync(cert.certPath, 'utf8') : null,
    password: PASSWORD,
    async connect(user) {
      const client = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        doSTARTTLS: false,
        auth: { user, pass: PASSWORD },
        logger: false,
      });
      client.on('error', () => {});
      await client.connect();
      return client;
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
