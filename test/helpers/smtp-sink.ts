// A local mail relay speaking real SMTP (nodemailer's smtp-server) for out-of-chat tests, with the
// invented test-only certificate in test/fixtures/tls: `smtps` (TLS from the first byte) or
// `starttls` (plain, offering STARTTLS), optionally requiring AUTH. It keeps every message.
// `refuse(n)`: the next n sessions answer 451 to MAIL FROM. `silence()`: new connections are
// accepted and then hear nothing (no greeting) until `speak()`; `events` records, in order, when a
// silent connection was accepted and when the relay first answered one.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/tls/${name}`, import.meta.url));
export const TEST_CA_FILE = fixture('relay.cert.pem');
const KEY = readFileSync(fixture('relay.key.pem'));
const CERT = readFileSync(TEST_CA_FILE);

export interface SunkMail {
  from: string;
  to: string[];
  data: string;
  /** Whether the session was encrypted when the message was sent. */
  secure: boolean;
  user?: string;
}

export interface SmtpSink {
  /** smtps://127.0.0.1:port or smtp://127.0.0.1:port, with user:password when AUTH is required. */
  url: string;
  mails: SunkMail[];
  events: string[];
  refuse(times: number): void;
  silence(): void;
  speak(): void;
  close(): Promise<void>;
}

export async function startSmtpSink(options: {
  mode: 'smtps' | 'starttls';
  auth?: { user: string; pass: string };
}): Promise<SmtpSink> {
  const mails: SunkMail[] = [];
  const events: string[] = [];
  let refusals = 0;
  let silent = false;
  let held: (() => void)[] = [];
  const server = new SMTPServer({
    secure: options.mode === 'smtps',
    key: KEY,
    cert: CERT,
    logger: false,
    closeTimeout: 100,
    disableReverseLookup: true,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: !options.auth,
    // AUTH is only offered once the session is encrypted (smtp-server's default).
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass)
        return callback(null, { user: auth.username });
      callback(new Error('535 5.7.8 authentication failed'));
    },
    onConnect(_session, callback) {
      if (!silent) return callback();
      events.push('relay accepted a connection and said nothing');
      held.push(() => {
        events.push('relay answered');
        callback();
      });
    },
    onMailFrom(_address, _session, callback) {
      if (refusals > 0) {
        refusals--;
        const error = new Error('4.3.0 try again later') as Error & { responseCode: number };
        error.responseCode = 451;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
          secure: session.secure,
          user: session.user as string | undefined,
        });
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const credentials = options.auth
    ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@`
    : '';
  return {
    url: `${options.mode === 'smtps' ? 'smtps' : 'smtp'}://${credentials}127.0.0.1:${port}`,
    mails,
    events,
    refuse: (times) => {
      refusals = times;
    },
    silence: () => {
      silent = true;
    },
    speak() {
      silent = false;
      const waiting = held;
      held = [];
      for (const go of waiting) go();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
