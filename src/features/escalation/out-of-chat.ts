// P1 alerts outside chat: e-mail through nodemailer (TLS or STARTTLS, AUTH from the URL) and a JSON
// webhook for an SMS gateway, signed like Slack signs its requests. One attempt each; the job
// retries. Both run in the job's send phase, after its transaction committed: no lock is held while
// a relay or a gateway is slow, and the timeouts below bound how long one attempt can take.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import nodemailer from 'nodemailer';

export class DeliveryError extends Error {}

/** Connection, greeting and socket timeouts (each wait, not the whole send), unless configured. */
export const DEFAULT_ALERT_TIMEOUT_MS = 5_000;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
export const isLoopback = (hostname: string) =>
  LOOPBACK.has(hostname.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(hostname);

/** How ALERT_SMTP_URL asks for TLS: required (smtps://, or STARTTLS), optional (STARTTLS when offered) or none. */
export type SmtpTls = 'implicit' | 'starttls' | 'optional' | 'none';

export interface SmtpSettings {
  host: string;
  port: number;
  tls: SmtpTls;
  user?: string;
  pass?: string;
  helo?: string;
}

const SMTP_PARAMS = new Set(['tls', 'cleartext', 'helo']);

/**
 * Reads ALERT_SMTP_URL: `smtps://[user:password@]host[:465]` (TLS from the first byte) or
 * `smtp://[user:password@]host[:587]` (STARTTLS required), with `?tls=optional` (STARTTLS when the
 * relay offers it) or `?tls=none` (never) for a relay on this host. Clear text to any other host is
 * refused unless the URL also says `cleartext=allow`. `helo=name` sets the EHLO name. Returns a
 * one-line problem instead of settings when the URL is not acceptable.
 */
export function parseSmtpUrl(raw: string): SmtpSettings | { problem: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: 'must look like smtps://user:password@host:465 or smtp://host:587' };
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return { problem: 'must start smtps:// or smtp://' };
  if (!url.hostname) return { problem: 'must name a host' };
  for (const key of url.searchParams.keys())
    if (!SMTP_PARAMS.has(key)) return { problem: `has an unknown option ${key} (known: tls, cleartext, helo)` };
  const tlsParam = url.searchParams.get('tls') ?? 'required';
  if (!['required', 'optional', 'none'].includes(tlsParam))
    return { problem: 'tls= must be required, optional or none' };
  const implicit = url.protocol === 'smtps:';
  if (implicit && tlsParam !== 'required')
    return { problem: 'smtps:// is always TLS; tls=optional or none only go with smtp://' };
  const tls: SmtpTls = implicit ? 'implicit' : tlsParam === 'required' ? 'starttls' : (tlsParam as 'optional' | 'none');
  const cleartext = url.searchParams.get('cleartext');
  if (cleartext !== null && cleartext !== 'allow') return { problem: 'cleartext= can only be allow' };
  if ((tls === 'optional' || tls === 'none') && !isLoopback(url.hostname) && cleartext !== 'allow') {
    return { problem: `would send in clear text to ${url.hostname}: use smtps:// or STARTTLS, or add cleartext=allow` };
  }
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : implicit ? 465 : 587,
    tls,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    pass: url.password ? decodeURIComponent(url.password) : undefined,
    helo: url.searchParams.get('helo') ?? undefined,
  };
}

/** A problem with ALERT_WEBHOOK_URL, or undefined: https://, or http:// to this host only. */
export function webhookUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an https:// URL';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:')
    return isLoopback(url.hostname) ? undefined : 'must be https:// (http:// only to localhost or 127.0.0.1)';
  return 'must be an https:// URL';
}

const caCache = new Map<string, string[]>();
/** The system's certificate authorities plus those in `file` (a private CA; tests). Verification stays on. */
function trusted(file: string | undefined): string[] | undefined {
  if (!file) return undefined;
  let ca = caCache.get(file);
  if (!ca) {
    ca = [...rootCertificates, readFileSync(file, 'utf8')];
    caCache.set(file, ca);
  }
  return ca;
}

export interface SendOptions {
  timeoutMs?: number;
  /** A PEM file of extra certificate authorities to trust (ALERT_TLS_CA_FILE). */
  caFile?: string;
}

/** How nodemailer reaches the relay (TLS, AUTH, EHLO name, each wait's timeout): for sending and for checking. */
export const smtpTransportOptions = (settings: SmtpSettings, timeout: number) => ({
  host: settings.host,
  port: settings.port,
  secure: settings.tls === 'implicit',
  requireTLS: settings.tls === 'starttls',
  ignoreTLS: settings.tls === 'none',
  auth: settings.user ? { user: settings.user, pass: settings.pass ?? '' } : undefined,
  name: settings.helo ?? 'mentor-support-bot',
  connectionTimeout: timeout,
  greetingTimeout: timeout,
  socketTimeout: timeout,
});

/** Sends one plain-text e-mail; throws DeliveryError on a refusal, a broken connection or a timeout. */
export async function sendMail(
  url: string,
  mail: { from: string; to: string[]; subject: string; body: string; date?: Date },
  options: SendOptions = {},
): Promise<void> {
  const settings = parseSmtpUrl(url);
  if ('problem' in settings) throw new DeliveryError(`smtp url ${settings.problem}`);
  const timeout = options.timeoutMs ?? DEFAULT_ALERT_TIMEOUT_MS;
  const transport = nodemailer.createTransport({
    ...smtpTransportOptions(settings, timeout),
    dnsTimeout: timeout,
    tls: {
      ca: trusted(options.caFile),
      minVersion: 'TLSv1.2',
      servername: isIp(settings.host) ? undefined : settings.host,
    },
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
    debug: false,
  });
  try {
    await transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject.replace(/[\r\n]/g, ' '),
      text: mail.body,
      date: mail.date,
    });
  } catch (error) {
    const e = error as { code?: string; responseCode?: number };
    throw new DeliveryError(`smtp ${e.code ?? 'error'}${e.responseCode ? ` ${e.responseCode}` : ''}`);
  } finally {
    transport.close();
  }
}

const isIp = (host: string) => /^[\d.]+$/.test(host) || host.includes(':');

export const SIGNATURE_HEADER = 'x-msb-signature';
export const TIMESTAMP_HEADER = 'x-msb-request-timestamp';

/** The signature of a webhook body as Slack signs: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export const signWebhook = (secret: string, timestamp: number, body: string) =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

export interface WebhookAlert {
  /** The phone numbers to text; absent: the gateway's own list. */
  to?: string[];
  text: string;
  escalation: number;
  tier: string;
  step: number;
}

/** A contact method's verification code: to one number, with no escalation. */
export interface WebhookVerification {
  to: string[];
  text: string;
  purpose: 'verification';
}

/** Posts the alert as signed JSON; throws DeliveryError unless the gateway answers 2xx in time. */
export async function postWebhook(
  url: string,
  alert: WebhookAlert | WebhookVerification,
  signing: { secret: string; at: Date },
  options: SendOptions = {},
): Promise<void> {
  const problem = webhookUrlProblem(url);
  if (problem) throw new DeliveryError(`webhook url ${problem}`);
  const body = JSON.stringify(alert);
  const timestamp = Math.floor(signing.at.getTime() / 1000);
  const timeout = options.timeoutMs ?? DEFAULT_ALERT_TIMEOUT_MS;
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  await new Promise<void>((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'mentor-support-bot',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(signing.secret, timestamp, body),
        },
        ca: target.protocol === 'https:' ? trusted(options.caFile) : undefined,
        agent: false,
        timeout,
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode && res.statusCode >= 200 && res.statusCode < 300
            ? resolve()
            : reject(new DeliveryError(`webhook answered ${res.statusCode}`)),
        );
        res.on('error', () => reject(new DeliveryError('webhook response broken')));
      },
    );
    // The whole exchange, not only each wait, is bounded.
    const timer = setTimeout(() => req.destroy(new DeliveryError('webhook timeout')), timeout * 2);
    req.on('close', () => clearTimeout(timer));
    req.on('timeout', () => req.destroy(new DeliveryError('webhook timeout')));
    req.on('error', (error) =>
      reject(
        error instanceof DeliveryError
          ? error
          : new DeliveryError(`webhook ${(error as NodeJS.ErrnoException).code ?? error.name}`),
      ),
    );
    req.end(body);
  });
}
