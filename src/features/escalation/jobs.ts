// Escalation job kinds. Every one is fenced by the escalation's epoch (read FOR UPDATE), which moves
// only on acknowledge, resolve or reassign: a step written before those does nothing after them.
// The fence's lock lasts only as long as the job's transaction; out-of-chat sends happen after it.
import { z } from 'zod';
import { recordEvent } from '../../core/events.js';
import type { JobKind } from '../../jobs/registry.js';
import { PermanentJobError } from '../../jobs/runner.js';
import { job as asJob } from '../feature.js';
import { sendingJob, sendPrepared, type OutgoingAlert } from './deliver.js';
import { outOfChatText } from './messages.js';
import { runStep } from './notify.js';
import { PAGE_JOB, pageKind } from './paging.js';
import { ackCodeBinding, epochFence, summaryOf } from './record.js';
import { remindIfStale, STALE_JOB } from './stale.js';

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

// claim → commit → send → settle: the handler reads and fences in the job's transaction; the relay or
// the gateway is called after it committed, with no lock held (an acknowledgement never waits for
// it); settle records the event. A crash between send and settle sends that alert again.
function outOfChatKind(route: 'email' | 'webhook'): JobKind<OutOfChatPayload, OutgoingAlert> {
  return {
    ...sendingJob,
    payload: outOfChatPayload,
    async handler({ deps, tx, job }) {
      const c = deps.config;
      if (route === 'email' && (!c.ALERT_SMTP_URL || !c.ALERT_EMAIL_TO))
        throw new PermanentJobError('e-mail route no longer configured');
      if (route === 'webhook' && (!c.ALERT_WEBHOOK_URL || !c.ALERT_WEBHOOK_SECRET))
        throw new PermanentJobError('webhook route no longer configured (ALERT_WEBHOOK_URL and ALERT_WEBHOOK_SECRET)');
      const id = job.subjectId!;
      const row = await tx.escalation.findUnique({ where: { id } });
      if (row?.status !== 'open') return;
      const summary = await summaryOf(tx, deps, row);
      // The code is opened here, in the transaction, and never stored.
      const code = deps.cipher.open(job.payload.codeEnc, ackCodeBinding(id));
      const { subject, body } = outOfChatText(summary, code);
      const to =
        route === 'email'
          ? c.ALERT_EMAIL_TO!.split(',')
          : c.ALERT_WEBHOOK_TO?.split(',').map((n) => n.replace(/ /g, ''));
      return {
        by: route === 'email' ? 'email' : 'sms',
        to,
        subject,
        body,
        escalation: summary.number,
        tier: summary.tier,
        step: job.payload.step ?? 0,
      };
    },
    send: sendPrepared('out-of-chat alert not delivered', () => ({ route })),
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

const staleKind: JobKind = {
  catchUp: 'run',
  maxAttempts: 5,
  fence: epochFence,
  async handler({ deps, tx, job, now }) {
    await remindIfStale({ tx, deps, now }, job.subjectId!);
  },
};

/** The escalation's job kinds, by name. */
export const escalationJobs = {
  'escalation.step': asJob(stepKind),
  'escalation.email': asJob(outOfChatKind('email')),
  'escalation.webhook': asJob(outOfChatKind('webhook')),
  [STALE_JOB]: asJob(staleKind),
  [PAGE_JOB]: asJob(pageKind),
};
