// Sending one alert out of chat, in a job's send phase (no transaction, no lock held): an e-mail
// through the relay or a text through the signed SMS webhook. A failure is logged (never the
// address) and thrown, so the job retries.
import type { Deps } from '../../core/deps.js';
import type { JobKind, SendContext } from '../../jobs/registry.js';
import { DeliveryError, postWebhook, sendMail } from './out-of-chat.js';
import { epochFence } from './record.js';

export interface OutgoingAlert {
  by: 'email' | 'sms';
  /** The addresses or numbers; a text without them goes to the gateway's own list. */
  to?: string[];
  subject: string;
  body: string;
  escalation: number;
  tier: string;
  step: number;
}

export async function deliverAlert(
  deps: Pick<Deps, 'config' | 'log'>,
  alert: OutgoingAlert,
  now: Date,
  failure: { log: Record<string, unknown>; message: string },
): Promise<void> {
  const c = deps.config;
  const options = { timeoutMs: c.ALERT_TIMEOUT_MS, caFile: c.ALERT_TLS_CA_FILE };
  try {
    if (alert.by === 'email') {
      const mail = { subject: alert.subject, body: alert.body, date: now };
      await sendMail(
        c.ALERT_SMTP_URL!,
        { from: c.ALERT_EMAIL_FROM ?? 'escalations@localhost', to: alert.to ?? [], ...mail },
        options,
      );
    } else {
      const { escalation, tier, step } = alert;
      const text = { ...(alert.to ? { to: alert.to } : {}), text: alert.body, escalation, tier, step };
      await postWebhook(c.ALERT_WEBHOOK_URL!, text, { secret: c.ALERT_WEBHOOK_SECRET!, at: now }, options);
    }
  } catch (error) {
    const err = { name: (error as Error).name, message: error instanceof DeliveryError ? error.message : undefined };
    deps.log.warn({ ...failure.log, err }, failure.message);
    throw error;
  }
}

/** How a job that sends out of chat runs: never skipped, retried for a while, fenced by the epoch. */
export const sendingJob = {
  catchUp: 'run',
  maxAttempts: 12,
  backoff: { baseMs: 5_000, maxMs: 5 * 60_000 },
  fence: epochFence,
} satisfies Partial<JobKind>;

/** A sending job's `send`: delivers what its handler prepared; a failure is logged with `facts`. */
export const sendPrepared =
  <P, O extends OutgoingAlert>(message: string, facts: (outgoing: O) => Record<string, unknown>) =>
  ({ deps, job, outgoing, now }: SendContext<P, O>) =>
    deliverAlert(deps, outgoing, now, {
      log: { escalationId: job.subjectId, ...facts(outgoing), attempt: job.attempts },
      message,
    });
