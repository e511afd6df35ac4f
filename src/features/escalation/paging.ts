// Pages out of chat, one job per (step, person, method): due at the step's time plus that method's
// delay, fenced by the escalation's epoch (acknowledging or resolving voids every pending page on
// every method), deduplicated so each goes once per step and method on any number of replicas.
// Each runs claim → commit → send → settle: the text (with a personal ack link) is prepared in the
// job's transaction, the relay or gateway is called after it committed, holding no lock.
import { z } from 'zod';
import type { UseCaseContext } from '../../core/router.js';
import { enqueueJobs, URGENT_JOB_PRIORITY } from '../../jobs/enqueue.js';
import type { JobKind } from '../../jobs/registry.js';
import { PermanentJobError } from '../../jobs/runner.js';
import { openAddress, routeConfigured, verifiedMethod, verifiedMethodsOf } from '../members/api.js';
import { createAckLink } from './ack-link.js';
import { sendingJob, sendPrepared, type OutgoingAlert } from './deliver.js';
import { outOfChatText } from './messages.js';
import type { Step } from './policy.js';
import { ackCodeBinding, event, storedPolicy, SUBJECT, summaryOf, type Row } from './record.js';

export const PAGE_JOB = 'escalation.page';

/** Schedules the pages of one step for its recipients' verified methods; returns how many. */
export async function schedulePages(
  ctx: UseCaseContext,
  row: Row,
  step: Step,
  memberIds: string[],
  codeEnc: string,
): Promise<number> {
  const methods = await verifiedMethodsOf(ctx.tx, memberIds);
  const at = Date.parse(step.at);
  return enqueueJobs(
    ctx.tx,
    methods.map((m) => ({
      kind: PAGE_JOB,
      dueAt: new Date(at + m.delayMinutes * 60_000),
      payload: { n: step.n, methodId: m.id, codeEnc },
      subject: { kind: SUBJECT, id: row.id },
      fence: String(row.epoch),
      dedupeKey: `escalation:${row.id}:page:${step.n}:${m.id}`,
      priority: URGENT_JOB_PRIORITY,
    })),
  );
}

type PagePayload = { n: number; methodId: string; codeEnc: string };

/** A page: the alert and the one person it goes to. */
interface Page extends OutgoingAlert {
  memberId: string;
}

export const pageKind: JobKind<PagePayload, Page> = {
  ...sendingJob,
  payload: z.object({ n: z.number().int().min(0), methodId: z.string().uuid(), codeEnc: z.string().min(1) }),
  async handler({ deps, tx, job, now }) {
    const row = await tx.escalation.findUnique({ where: { id: job.subjectId! } });
    if (row?.status !== 'open') return;
    // Removed or changed since the step: an address nobody has verified is never paged.
    const method = await verifiedMethod(tx, job.payload.methodId);
    if (!method) return;
    if (!routeConfigured(deps, method.kind)) throw new PermanentJobError(`${method.kind} route no longer configured`);
    const summary = await summaryOf(tx, deps, row);
    const code = deps.cipher.open(job.payload.codeEnc, ackCodeBinding(row.id));
    // Lives as long as the chain pages (an hour past its last step), and dies at once on acknowledge.
    const lastStep = Math.max(...storedPolicy(row).steps.map((s) => Date.parse(s.at)));
    const link = await createAckLink(tx, deps, {
      escalationId: row.id,
      memberId: method.memberId,
      epoch: row.epoch,
      expiresAt: new Date(Math.max(lastStep, now.getTime()) + 3_600_000),
    });
    const { subject, body } = outOfChatText(summary, code, link);
    return {
      by: method.kind,
      to: [await openAddress(tx, deps, method)],
      memberId: method.memberId,
      subject,
      body,
      escalation: row.number,
      tier: row.tier,
      step: job.payload.n,
    };
  },
  send: sendPrepared('page not delivered', (outgoing) => ({ method: outgoing.by })),
  async settle({ deps, tx, job, now, outgoing }) {
    await event({ tx, deps, now }, job.subjectId!, 'escalation.paged', {
      step: outgoing.step,
      method: outgoing.by,
      memberIds: [outgoing.memberId],
      attempt: job.attempts,
    });
  },
};
