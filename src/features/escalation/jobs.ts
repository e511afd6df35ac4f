// Escalation job kinds. Every one is fenced by the escalation's epoch (read FOR UPDATE), which moves
// only on acknowledge, resolve or reassign: a step written before those does nothing after them.
import { z } from 'zod';
import { recordEvent } from '../../core/events.js';
import type { Tx } from '../../db/client.js';
import { registerJobKind, type JobKind, type JobRow } from '../../jobs/registry.js';
import { PermanentJobError } from '../../jobs/runner.js';
import { outOfChatText } from './forms.js';
import { DeliveryError, postWebhook, sendMail } from './out-of-chat.js';
import { ackCodeBinding, outOfChatSummary, remindIfStale, runStep } from './service.js';

async function epochFence(tx: Tx, job: JobRow): Promise<string | null> {
  if (!job.subjectId) return null;
  const rows = await tx.$queryRaw<{ epoch: number }[]>`SELECT "epoch" FROM "Escalation" WHERE "id" = ${job.subjectId}::uuid FOR UPDATE`;
  return rows[0] ? String(rows[0].epoch) : null;
}

const stepKind: JobKind<{ n: number }> = {
  payload: z.object({ n: z.number().int().min(1) }),
  // A step is never skipped for being late: after an outage the chain catches up at once.
  catchUp: 'run',
  maxAttempts: 20,
  backoff: { baseMs: 2_000, maxMs: 60_000 },
  fence: epochFence,
  async handler({ deps, tx, job, now }) {
    await runStep({ tx, deps, now }, job.subjectId!, job.payload.n);
  },
};

type OutOfChatPayload = { codeEnc: string };
const outOfChatPayload = z.object({ codeEnc: z.string().min(1) });

function outOfChatKind(route: 'email' | 'webhook'): JobKind<OutOfChatPayload> {
  return {
    payload: outOfChatPayload,
    catchUp: 'run',
    maxAttempts: 12,
    backoff: { baseMs: 5_000, maxMs: 5 * 60_000 },
    fence: epochFence,
    async handler({ deps, tx, job, now }) {
      const id = job.subjectId!;
      const summary = await outOfChatSummary(tx, deps, id);
      if (!summary) return;
      const code = deps.cipher.open(job.payload.codeEnc, ackCodeBinding(id));
      const { subject, body } = outOfChatText(summary, code);
      const c = deps.config;
      try {
        if (route === 'email') {
          if (!c.ALERT_SMTP_URL || !c.ALERT_EMAIL_TO) throw new PermanentJobError('e-mail route no longer configured');
          await sendMail(c.ALERT_SMTP_URL, { from: c.ALERT_EMAIL_FROM ?? 'escalations@localhost', to: c.ALERT_EMAIL_TO.split(','), subject, body }, 5_000);
        } else {
          if (!c.ALERT_WEBHOOK_URL) throw new PermanentJobError('webhook route no longer configured');
          await postWebhook(c.ALERT_WEBHOOK_URL, { escalation: summary.number, tier: summary.tier, category: summary.category, caseCode: summary.caseCode ?? '', reporter: summary.reporterName, raisedAt: summary.raisedAt.toISOString(), ackCode: code, text: `${subject}. ${body}` }, 5_000);
        }
      } catch (error) {
        deps.log.warn({ escalationId: id, route, attempt: job.attempts, err: { name: (error as Error).name, message: error instanceof DeliveryError ? error.message : undefined } }, 'out-of-chat alert not delivered');
        throw error;
      }
      await recordEvent(tx, { subjectKind: 'escalation', subjectId: id, kind: 'escalation.out_of_chat', at: now, data: { route, attempt: job.attempts } });
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

export function registerEscalationJobs(): void {
  registerJobKind('escalation.step', stepKind);
  registerJobKind('escalation.email', emailKind);
  registerJobKind('escalation.webhook', webhookKind);
  registerJobKind('escalation.stale', staleKind);
}
