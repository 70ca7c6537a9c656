/**
 * A real IMAP server for one test file: Dovecot from the distribution's packages
 * (`apt-get install dovecot-imapd`, see .ci/run), run in the foreground as a private
 * instance with everything under a temp folder: its own base_dir and state_dir, a config
 * file, a passwd-file user database with one test user, Maildir mail, listeners on free
 * ports of 127.0.0.1 (plain IMAP with STARTTLS, and implicit TLS with a throwaway
 * self-signed certificate), plaintext login allowed (loopback only). XOAUTH2 and OAUTHBEARER
 * go to Dovecot's oauth2 passdb, which asks a small token server of the test's own
 * (token introspection, RFC 7662, POST mode) whether a token is good; the same server
 * answers the device-code and refresh-token requests of src/mail/oauth.
 * Nothing sleeps: start-up waits for Dovecot's "starting up" log line, then for the greeting.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TokenServer {
  url: string;
  clientId: string;
  /** A refresh token the server accepts (as if a person had signed in once). */
  refreshToken: string;
  /** What the server was asked, without token values: [path, grant_type or 'introspect'][]. */
  requests: Array<{ path: string; grant: string }>;
  /** Device-code polls answered "authorization_pending" before the sign-in completes. */
  pendingPolls: number;
  /** Access tokens handed out so far (all stay valid until `revokeAll`). */
  issued: Set<string>;
  revokeAll(): void;
}

export interface TestDovecot {
  host: string;
  /** Plain IMAP; STARTTLS offered. */
  port: number;
  /** Implicit TLS (what 993 is in real life). */
  tlsPort: number;
  /** PEM of the server's self-signed certificate, to trust it explicitly. */
  ca: string;
  user: string;
  password: string;
  tokens: TokenServer;
  /** Everything Dovecot logged so far. */
  log(): string;
  stop(): Promise<void>;
}

export async function startDovecot(options: { capabilities?: string } = {}): Promise<TestDovecot> {
  const dir = await mkdtemp(join(tmpdir(), 'remit-dovecot-'));
  // Dovecot's own processes run as its users and must reach the files under dir.
  await chmod(dir, 0o755);
  const owner = await mailOwner();
  const user = 'ar@northwind.test';
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const tokens = await startTokenServer(user);
  const [port, tlsPort] = [await freePort(), await freePort()];
  const { cert, key } = await selfSignedCertificate(dir);

  await mkdir(join(dir, 'run'));
  await mkdir(join(dir, 'state'));
  await mkdir(join(dir, 'mail', 'ar'), { recursive: true });
  await writeFile(join(dir, 'passwd'), `${user}:{PLAIN}${password}:${owner.uid}:${owner.gid}::${join(dir, 'mail', 'ar')}\n`, { mode: 0o600 });
  await writeFile(
    join(dir, 'oauth2.conf.ext'),
    [
      'introspection_mode = post',
      `introspection_url = ${tokens.url}/introspect`,
      'username_attribute = username',
      'active_attribute = active',
      'active_value = true',
      'force_introspection = yes',
      '',
    ].join('\n'),
  );
  if (owner.uid !== process.getuid?.()) {
    for (const path of ['passwd', 'oauth2.conf.ext', 'mail', join('mail', 'ar')]) await chown(join(dir, path), owner.uid, owner.gid);
  }
  const config = join(dir, 'dovecot.conf');
  await writeFile(config, dovecotConfig({ dir, port, tlsPort, cert, key, owner, capabilities: options.capabilities }));

  const child = spawn('dovecot', ['-F', '-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  try {
    await untilLogged(child, () => log, /starting up/);
    await greeting(port);
  } catch (err) {
    child.kill('SIGKILL');
    await tokens.close();
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Dovecot did not start: ${(err as Error).message}\n${log}`);
  }
  return {
    host: '127.0.0.1',
    port,
    tlsPort,
    ca: await readFile(cert, 'utf8'),
    user,
    password,
    tokens,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await tokens.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

interface Owner {
  uid: number;
  gid: number;
  internalUser: string;
  loginUser: string;
  group: string;
}

/**
 * Run as root (CI, this machine): mail belongs to the `dovecot` user the package creates and
 * logins run as `dovenull`. Run as anyone else: every Dovecot process is that user.
 */
async function mailOwner(): Promise<Owner> {
  if (process.getuid?.() === 0) {
    const uid = Number((await run('id', ['-u', 'dovecot'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'dovecot'])).stdout.trim());
    return { uid, gid, internalUser: 'dovecot', loginUser: 'dovenull', group: 'dovecot' };
  }
  const name = (await run('id', ['-un'])).stdout.trim();
  const group = (await run('id', ['-gn'])).stdout.trim();
  return { uid: process.getuid!(), gid: process.getgid!(), internalUser: name, loginUser: name, group };
}

function dovecotConfig(o: { dir: string; port: number; tlsPort: number; cert: string; key: string; owner: Owner; capabilities: string | undefined }): string {
  const rootless = o.owner.internalUser === o.owner.loginUser;
  return `# remit test instance: everything under ${o.dir}
base_dir = ${o.dir}/run
state_dir = ${o.dir}/state
instance_name = remit-test-${o.port}
log_path = /dev/stderr
protocols = imap
listen = 127.0.0.1
default_internal_user = ${o.owner.internalUser}
default_login_user = ${o.owner.loginUser}
${rootless ? `default_internal_group = ${o.owner.group}\n` : ''}ssl = yes
ssl_cert = <${o.cert}
ssl_key = <${o.key}
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
auth_failure_delay = 0
mail_location = maildir:~/Maildir
first_valid_uid = ${o.owner.uid}
first_valid_gid = ${o.owner.gid}
${o.capabilities ? `imap_capability = ${o.capabilities}\n` : ''}passdb {
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u ${o.dir}/passwd
}
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${o.dir}/oauth2.conf.ext
}
userdb {
  driver = passwd-file
  args = username_format=%u ${o.dir}/passwd
}
namespace inbox {
  inbox = yes
  separator = /
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${o.port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${o.tlsPort}
    ssl = yes
  }
${rootless ? '  chroot =\n' : ''}}
# No growing delay after a failed login from 127.0.0.1: the tests log in after failing on purpose.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
${rootless ? '  chroot =\n' : ''}}
`;
}

async function selfSignedCertificate(dir: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert,
  ]);
  await chmod(key, 0o600);
  return { cert, key };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function untilLogged(child: ChildProcess, log: () => string, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error('no "starting up" line within 20 s')), 20_000);
    const check = () => {
      if (pattern.test(log())) done();
    };
    const exited = (code: number | null) => done(new Error(`dovecot exited with ${code}`));
    function done(err?: Error) {
      clearTimeout(timer);
      child.stderr!.off('data', check);
      child.off('exit', exited);
      if (err) reject(err);
      else resolve();
    }
    child.stderr!.on('data', check);
    child.once('exit', exited);
    check();
  });
}

/** Connect once and read the "* OK" greeting: the server is serving. */
function greeting(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let text = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error('no greeting within 10 s')));
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (/\* OK[^\r\n]*\r\n/.test(text) && /Dovecot|ready/i.test(text)) {
        socket.end('a LOGOUT\r\n');
        resolve();
      }
    });
    socket.on('error', reject);
  });
}

/**
 * Token endpoints of a made-up identity provider on 127.0.0.1: /devicecode and /token
 * (device_code and refresh_token grants) for the client, /introspect for Dovecot.
 */
async function startTokenServer(user: string): Promise<TokenServer & { close(): Promise<void> }> {
  const issued = new Set<string>();
  const refreshTokens = new Set<string>([`rt-${randomBytes(12).toString('base64url')}`]);
  const deviceCodes = new Map<string, number>();
  const state: TokenServer & { close(): Promise<void> } = {
    url: '',
    clientId: 'remit-test-client',
    refreshToken: [...refreshTokens][0]!,
    requests: [],
    pendingPolls: 1,
    issued,
    revokeAll: () => issued.clear(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const issue = () => {
    const accessToken = `at-${randomBytes(18).toString('base64url')}`;
    issued.add(accessToken);
    return accessToken;
  };
  const server: Server = createHttpServer(async (request, response) => {
    const form = new URLSearchParams(await body(request));
    const answer = (status: number, json: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(json));
    };
    const path = request.url ?? '';
    const grant = path === '/introspect' ? 'introspect' : (form.get('grant_type') ?? '');
    state.requests.push({ path, grant });
    if (path === '/introspect') return answer(200, issued.has(form.get('token') ?? '') ? { active: true, username: user } : { active: false });
    if (form.get('client_id') !== state.clientId) return answer(401, { error: 'invalid_client', error_description: 'unknown client' });
    if (path === '/devicecode') {
      const deviceCode = `dc-${randomBytes(8).toString('hex')}`;
      deviceCodes.set(deviceCode, state.pendingPolls);
      return answer(200, { device_code: deviceCode, user_code: 'BDFH-JKLM', verification_uri: `${state.url}/device`, expires_in: 600, interval: 1, message: 'Enter BDFH-JKLM at the page' });
    }
    if (path === '/token' && grant === 'urn:ietf:params:oauth:grant-type:device_code') {
      const left = deviceCodes.get(form.get('device_code') ?? '');
      if (left === undefined) return answer(400, { error: 'expired_token', error_description: 'unknown or expired device code' });
      if (left > 0) {
        deviceCodes.set(form.get('device_code')!, left - 1);
        return answer(400, { error: 'authorization_pending', error_description: 'waiting for the user' });
      }
      deviceCodes.delete(form.get('device_code')!);
      const refreshToken = `rt-${randomBytes(12).toString('base64url')}`;
      refreshTokens.add(refreshToken);
      return answer(200, { token_type: 'Bearer', access_token: issue(), refresh_token: refreshToken, expires_in: 3600, scope: form.get('scope') ?? '' });
    }
    if (path === '/token' && grant === 'refresh_token') {
      if (!refreshTokens.has(form.get('refresh_token') ?? '')) return answer(400, { error: 'invalid_grant', error_description: 'AADSTS70000: the refresh token has expired or was revoked' });
      return answer(200, { token_type: 'Bearer', access_token: issue(), expires_in: 3600 });
    }
    return answer(400, { error: 'unsupported_grant_type' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}
