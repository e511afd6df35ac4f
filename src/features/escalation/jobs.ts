// Escalation job kinds. Every one is fenced by the escalation's epoch (read FOR UPDATE), which moves
// only on acknowledge, resolve or reassign: a step written before those does nothing after them.
// The fence's lock lasts only as long as the job's transaction; out-of-chat sends happen after it.
import { z } from 'zod';
import { recordEvent } from '../../core/events.js';
import type { JobKind, JobRegistry } from '../../jobs/registry.js';
import { PermanentJobError } from '../../jobs/runner.js';
import { outOfChatText } from './forms.js';
import { DeliveryError, postWebhook, sendMail } from './out-of-chat.js';
import { PAGE_JOB, pageKind } from './paging.js';
import { runStep } from './notify.js';
import { ackCodeBinding, epochFence, summaryOf } from './record.js';
import { remindIfStale } from './service.js';

// `codeEnc`: the acknowledgement code (P1, P2), sealed, for the step's pages out of chat.
const stepKind: JobKind<{ n: number; codeEnc?: string }> = {
  payload: z.object({ n: z.number().int().min(1), codeEnc: z.string().min(1).optional() }),
  // A step is never skipped for being late: after an outage the chain catches up at once.
  catchUp: 'run',
  maxAttempts: 20,
  backoff: { baseMs: 2_000, maxMs: 60_000 },
  fence: epochFence,
  async handler({ deps, tx, job, now }) {
    await runStep({ tx, deps, now }, job.subjectId!, job.payload.n, job.payload.codeEnc);
  },
};

// `step`: the chain's step the alert belongs to (0, the default, is the one at raise).
type OutOfChatPayload = { codeEnc: string; step?: number };
const outOfChatPayload = z.object({ codeEnc: z.string().min(1), step: z.number().int().min(0).optional() });

/** What an out-of-chat job sends, prepared in its transaction (the code is opened there, never stored). */
interface OutOfChatAlert {
  subject: string;
  body: string;
  escalation: number;
  tier: string;
  step: number;
}

// claim → commit → send → settle: the handler reads and fences in the job's transaction; the relay or
// the gateway is called after it committed, with no lock held (an acknowledgement never waits for
// it); settle records the event. A crash between send and settle sends that alert again.
function outOfChatKind(route: 'email' | 'webhook'): JobKind<OutOfChatPayload, OutOfChatAlert> {
  return {
    payload: outOfChatPayload,
    catchUp: 'run',
    maxAttempts: 12,
    backoff: { baseMs: 5_000, maxMs: 5 * 60_000 },
    fence: epochFence,
    async handler({ deps, tx, job }) {
      const c = deps.config;
      if (route === 'email' && (!c.ALERT_SMTP_URL || !c.ALERT_EMAIL_TO))
        throw new PermanentJobError('e-mail route no longer configured');
      if (route === 'webhook' && (!c.ALERT_WEBHOOK_URL || !c.ALERT_WEBHOOK_SECRET))
        throw new PermanentJobError('webhook route no longer configured (ALERT_WEBHOOK_URL and ALERT_WEBHOOK_SECRET)');
      const id = job.subjectId!;
      const row = await tx.escalation.findUnique({ where: { id } });
      if (!row || row.status !== 'open') return;
      const summary = await summaryOf(tx, deps, row);
      const code = deps.cipher.open(job.payload.codeEnc, ackCodeBinding(id));
      const { subject, body } = outOfChatText(summary, code);
      return { subject, body, escalation: summary.number, tier: summary.tier, step: job.payload.step ?? 0 };
    },
    async send({ deps, job, outgoing, now }) {
      const c = deps.config;
      const options = { timeoutMs: c.ALERT_TIMEOUT_MS, caFile: c.ALERT_TLS_CA_FILE };
      try {
        if (route === 'email') {
          await sendMail(
            c.ALERT_SMTP_URL!,
            {
              from: c.ALERT_EMAIL_FROM ?? 'escalations@localhost',
              to: c.ALERT_EMAIL_TO!.split(','),
              subject: outgoing.subject,
              body: outgoing.body,
              date: now,
            },
            options,
          );
        } else {
          const to = c.ALERT_WEBHOOK_TO?.split(',').map((n) => n.replace(/ /g, ''));
          const alert = {
            ...(to ? { to } : {}),
            text: outgoing.body,
            escalation: outgoing.escalation,
            tier: outgoing.tier,
            step: outgoing.step,
          };
          await postWebhook(c.ALERT_WEBHOOK_URL!, alert, { secret: c.ALERT_WEBHOOK_SECRET!, at: now }, options);
        }
      } catch (error) {
        deps.log.warn(
          {
            escalationId: job.subjectId,
            route,
            attempt: job.attempts,
            err: { name: (error as Error).name, message: error instanceof DeliveryError ? error.message : undefined },
          },
          'out-of-chat alert not delivered',
        );
        throw error;
      }
    },
    async settle({ tx, job, now, outgoing }) {
      await recordEvent(tx, {
        subjectKind: 'escalation',
        subjectId: job.subjectId!,
        kind: 'escalation.out_of_chat',
        at: now,
        data: { route, attempt: job.attempts, step: outgoing.step },
      });
    },
  };
}

const emailKind = outOfChatKind('email');
const webhookKind = outOfChatKind('webhook');

const staleKind: JobKind = {
  catchUp: 'run',
  maxAttempts: 5,
  fence: epochFence,
  async handler({ deps, tx, job, now }) {
    await remindIfStale({ tx, deps, now }, job.subjectId!);
  },
};

export function registerEscalationJobs(jobs: JobRegistry): void {
  jobs.register('escalation.step', stepKind);
  jobs.register('escalation.email', emailKind);
  jobs.register('escalation.webhook', webhookKind);
  jobs.register('escalation.stale', staleKind);
  jobs.register(PAGE_JOB, pageKind);
}
