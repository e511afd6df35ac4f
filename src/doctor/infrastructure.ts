// What lies under the chat platforms: the database (reachable, every migration applied), the data
// keys, and the out-of-chat alert routes. SMTP and the webhook are checked by connecting and
// completing TLS (and, for SMTP, the greeting, STARTTLS and AUTH): nothing is sent.
import { existsSync, readFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import path from 'node:path';
import { connect as tlsConnect, rootCertificates } from 'node:tls';
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import { pendingMigrations } from '../db/migrate.js';
import { probeDatabase } from '../db/pg-connection.js';
import { parseDataKeys } from '../db/keys.js';
import { parseSmtpUrl, smtpTransportOptions } from '../features/escalation/out-of-chat.js';
import { failed, networkProblem, passed, shownUrl, skipped, type CheckResult } from './result.js';

export async function checkDatabase(config: Config, timeoutMs: number): Promise<CheckResult[]> {
  const url = config.DATABASE_URL;
  if (!url)
    return [
      skipped(
        'database',
        `Database: the embedded PostgreSQL in ${config.DATA_DIR}/, started and migrated by npm start itself.`,
      ),
    ];
  const probe = await probeDatabase(url, timeoutMs);
  if (!probe.reachable)
    return [
      failed(
        'database',
        `Database unreachable (${networkProblem(probe.error)}): check DATABASE_URL and that PostgreSQL is running.`,
      ),
    ];
  const results = [passed('database', 'Database reachable.')];
  try {
    const pending = await pendingMigrations(config.MIGRATION_DATABASE_URL ?? url);
    results.push(
      pending.length
        ? failed(
            'database.migrations',
            `Database not migrated: ${pending.length} migration(s) to apply (latest ${pending.at(-1)}); run npm run db:migrate or start the bot once with MIGRATION_DATABASE_URL.`,
          )
        : passed('database.migrations', 'Database migrated (every migration applied).'),
    );
  } catch (error) {
    results.push(
      failed('database.migrations', `Database migrations not checked: ${(error as Error).message.slice(0, 160)}.`),
    );
  }
  return results;
}

export function checkKeys(config: Config): CheckResult {
  try {
    if (config.DATA_KEYS)
      return passed('keys', `Data keys: ${parseDataKeys(config.DATA_KEYS, 'DATA_KEYS').length} in DATA_KEYS.`);
    if (config.DATABASE_URL)
      return failed(
        'keys',
        'DATA_KEYS missing: it is required with DATABASE_URL (id:base64 of 32 random bytes; see .env.example).',
      );
    const file = path.resolve(config.DATA_DIR, 'keys');
    if (!existsSync(file))
      return skipped(
        'keys',
        `Data keys: none yet; the first npm start writes ${file}. Back it up apart from the database.`,
      );
    return passed('keys', `Data keys: ${parseDataKeys(readFileSync(file, 'utf8'), file).length} in ${file}.`);
  } catch (error) {
    return failed('keys', `Data keys unreadable: ${(error as Error).message.replace(/^Configuration error: /, '')}`);
  }
}

const caFor = (config: Config) =>
  config.ALERT_TLS_CA_FILE ? [...rootCertificates, readFileSync(config.ALERT_TLS_CA_FILE, 'utf8')] : undefined;

/** Connects, greets, upgrades to TLS and logs in as ALERT_SMTP_URL says; nothing is sent. */
export async function checkSmtp(config: Config, timeoutMs: number): Promise<CheckResult> {
  if (!config.ALERT_SMTP_URL)
    return skipped('smtp', 'E-mail alerts: not configured (ALERT_SMTP_URL unset), not checked.');
  const settings = parseSmtpUrl(config.ALERT_SMTP_URL);
  if ('problem' in settings) return failed('smtp', `ALERT_SMTP_URL ${settings.problem}.`);
  const where = `${settings.host}:${settings.port}`;
  if (!config.ALERT_EMAIL_TO)
    return failed(
      'smtp',
      `E-mail alerts: ALERT_EMAIL_TO is not set, so nobody would be e-mailed; relay ${where} not checked.`,
    );
  const transport = nodemailer.createTransport({
    ...smtpTransportOptions(settings, timeoutMs),
    tls: { ca: caFor(config), minVersion: 'TLSv1.2' },
    logger: false,
  });
  try {
    await transport.verify();
    return passed(
      'smtp',
      `E-mail alerts: relay ${where} accepts the connection${settings.tls === 'none' ? '' : ', TLS'}${settings.user ? ' and the login' : ''}.`,
    );
  } catch (error) {
    const e = error as { code?: string; responseCode?: number };
    return failed(
      'smtp',
      `E-mail alerts: relay ${where} failed (${e.code ?? networkProblem(error)}${e.responseCode ? ` ${e.responseCode}` : ''}): check ALERT_SMTP_URL's host, port, TLS and login.`,
    );
  } finally {
    transport.close();
  }
}

/** Opens a connection to the gateway and completes TLS (https), then closes it: no request is made. */
export async function checkWebhook(config: Config, timeoutMs: number): Promise<CheckResult> {
  if (!config.ALERT_WEBHOOK_URL)
    return skipped('webhook', 'Text alerts: not configured (ALERT_WEBHOOK_URL unset), not checked.');
  const url = new URL(config.ALERT_WEBHOOK_URL);
  const secure = url.protocol === 'https:';
  const port = Number(url.port || (secure ? 443 : 80));
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  try {
    await new Promise<void>((resolve, reject) => {
      const socket = secure
        ? tlsConnect({
            host,
            port,
            servername: /^[\d.]+$/.test(host) || host.includes(':') ? undefined : host,
            ca: caFor(config),
            minVersion: 'TLSv1.2',
          })
        : netConnect({ host, port });
      socket.setTimeout(timeoutMs, () => socket.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        socket.end();
        resolve();
      });
      socket.once('error', reject);
    });
    return passed(
      'webhook',
      `Text alerts: gateway ${shownUrl(config.ALERT_WEBHOOK_URL)} reachable${secure ? ', TLS verified' : ''}.`,
    );
  } catch (error) {
    return failed(
      'webhook',
      `Text alerts: gateway ${shownUrl(config.ALERT_WEBHOOK_URL)} unreachable (${networkProblem(error)}): check ALERT_WEBHOOK_URL${secure ? ' and its certificate (ALERT_TLS_CA_FILE for a private CA)' : ''}.`,
    );
  }
}
