/**
 * A real SMTP server (smtp-server) and a real HTTP receiver on 127.0.0.1 for the
 * notification tests, plus a run report with something of every kind in it.
 */
import { createServer, type IncomingHttpHeaders, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { RunReport } from '../../src/notify/report.js';

export interface ReceivedMail {
  mailFrom: string;
  rcptTo: string[];
  user: string | undefined;
  raw: string;
}

export interface TestSmtp {
  port: number;
  mails: ReceivedMail[];
  /** Every AUTH attempt, with whether it was accepted (the password is not kept). */
  logins: Array<{ username: string; accepted: boolean }>;
  close(): Promise<void>;
}

/** An SMTP server that requires AUTH with this username and password. No STARTTLS: see the tests. */
export async function startSmtp(user: string, pass: string): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const logins: TestSmtp['logins'] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      const accepted = auth.username === user && auth.password === pass;
      logins.push({ username: auth.username ?? '', accepted });
      if (accepted) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        mails.push({
          mailFrom: from ? from.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, logins, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface ReceivedPost {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface TestReceiver {
  url: string;
  posts: ReceivedPost[];
  close(): Promise<void>;
}

/** An HTTP receiver; `answer` decides the reply (default 200 "ok"); `hang` never answers. */
export async function startReceiver(answer: { status?: number; body?: string; hang?: boolean } = {}): Promise<TestReceiver> {
  const posts: ReceivedPost[] = [];
  const server: HttpServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      posts.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (answer.hang) return;
      res.writeHead(answer.status ?? 200, { 'content-type': 'text/plain' });
      res.end(answer.body ?? 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/T000/B000/xoxb-secret-token`,
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (taken, then released). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Decoded text/plain and text/html parts and the headers of a received message. */
export function parseMail(raw: string): { headers: Record<string, string>; text: string; html: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = parseHeaders(head);
  const body = rest.join('\r\n\r\n');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1) : [`${head}\r\n\r\n${body}`];
  let text = '';
  let html = '';
  for (const part of parts) {
    const [partHead = '', ...partRest] = part.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    const partHeaders = parseHeaders(partHead);
    const decoded = decode(partRest.join('\r\n\r\n'), partHeaders['content-transfer-encoding'] ?? '7bit');
    if ((partHeaders['content-type'] ?? '').startsWith('text/html')) html = decoded;
    else if ((partHeaders['content-type'] ?? '').startsWith('text/plain')) text = decoded;
  }
  return { headers, text, html };
}

function parseHeaders(head: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const cut = line.indexOf(':');
    if (cut > 0) out[line.slice(0, cut).trim().toLowerCase()] = line.slice(cut + 1).trim();
  }
  return out;
}

function decode(body: string, encoding: string): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    const soft = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i += 1) {
      const hex = soft.slice(i + 1, i + 3);
      if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(soft[i] ?? '', 'utf8'));
      }
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}

/** A night with one failing portal, one needing a person, and one of every other problem. */
export function sampleReport(overrides: Partial<RunReport> = {}): RunReport {
  return {
    runId: '20240501-053000-ab12',
    startedAt: '2024-05-01T05:30:00Z',
    finishedAt: '2024-05-01T05:42:10Z',
    portals: [
      { id: 'nwf-walmart', payer: 'WALMART', status: 'failed', errorKind: 'layout', message: 'search button not found on the remittance page', files: 0, payments: 0 },
      { id: 'nwf-target', payer: 'TARGET', status: 'failed', errorKind: 'mfa', message: 'no TOTP secret stored', files: 0, payments: 0 },
      { id: 'nwf-amazon', payer: 'AMAZON', status: 'ok', files: 4, payments: 6 },
    ],
    documents: { imported: 5, failed: [{ name: 'costco-0501.pdf', message: 'no remittance table found on page 1' }] },
    payments: { count: 6, totals: [{ currency: 'USD', amountMinor: 12_345_678 }] },
    applied: { lines: 41, totals: [{ currency: 'USD', amountMinor: 11_000_000 }] },
    exceptions: 3,
    deductions: [
      { payer: 'AMAZON', paymentRef: 'EFT-7781', amountMinor: 250_000, reasonCode: 'shortage', currency: 'USD', invoice: 'INV-10442' },
      { payer: 'AMAZON', paymentRef: 'EFT-7781', amountMinor: 4_500, reasonCode: 'pricing', currency: 'USD' },
    ],
    unapplied: [
      { payer: 'AMAZON', paymentRef: 'EFT-7781', lineRef: 'PO 884213', amountMinor: 1_250_000, currency: 'USD' },
      { payer: 'AMAZON', paymentRef: 'EFT-7782', lineRef: 'INV-99', amountMinor: 12_000, currency: 'USD' },
    ],
    unbalancedRemittances: [{ payer: 'AMAZON', paymentRef: 'EFT-7790', reason: 'lines add up to 9,950.00 but the payment is 10,000.00' }],
    shortPays: [
      { invoice: 'INV-10001', payer: 'AMAZON', paymentRef: 'EFT-7781', currency: 'USD', openMinor: 10_000, paidMinor: 9_000, deductionMinor: 1_500 },
      { invoice: 'INV-10002', payer: 'AMAZON', paymentRef: 'EFT-7781', currency: 'USD', openMinor: 10_000, paidMinor: 8_000, deductionMinor: 1_000 },
    ],
    ...overrides,
  };
}

/** A night where everything went well. */
export function quietReport(): RunReport {
  return sampleReport({
    portals: [{ id: 'nwf-amazon', payer: 'AMAZON', status: 'ok', files: 4, payments: 6 }],
    documents: { imported: 4, failed: [] },
    deductions: [{ payer: 'AMAZON', paymentRef: 'EFT-7781', amountMinor: 4_500, reasonCode: 'pricing', currency: 'USD' }],
    unapplied: [],
    unbalancedRemittances: [],
    shortPays: [],
  });
}
