// Concern timers: the untaken chain (fenced on the epoch, which moves on take and close), the
// owner's reminder after five working days with nothing recorded (fenced on the last activity), and
// an onward referral's follow-up (fenced on the concern being open).
import { z } from 'zod';
import type { Deps } from '../../core/deps.js';
import type { Message } from '../../core/message.js';
import type { Tx } from '../../db/client.js';
import type { JobKind } from '../../jobs/registry.js';
import { coordinatorIds } from '../duty/api.js';
import { job as asJob } from '../feature.js';
import { idleFenceOf, scheduleIdleReminder } from './idle.js';
import { aboutCase, agencyLabel, day } from './messages.js';
import { FOLLOW_UP_JOB, IDLE_JOB, runUntakenStep, UNTAKEN_JOB } from './record.js';

async function lockRow(tx: Tx, id: string | null) {
  const [row] = await tx.$queryRaw<{ epoch: number; status: string; lastActivityAt: Date }[]>`
    SELECT "epoch", "status", "lastActivityAt" FROM "Concern" WHERE "id" = ${id}::uuid FOR UPDATE`;
  return row;
}

const untakenJob: JobKind<{ step: string }> = {
  catchUp: 'run',
  maxAttempts: 8,
  payload: z.object({ step: z.string().min(1).max(40) }),
  async fence(tx, job) {
    const row = await lockRow(tx, job.subjectId);
    return row && row.status === 'open' ? String(row.epoch) : null;
  },
  handler: ({ deps, tx, job, now }) => runUntakenStep({ tx, deps, now }, job.subjectId!, job.payload.step),
};

/** Tells the owner (every coordinator if the owner has gone). */
async function tellOwner(tx: Tx, deps: Deps, ownerId: string | null, message: Message): Promise<void> {
  const owner = ownerId ? await tx.member.findUnique({ where: { id: ownerId }, select: { status: true } }) : null;
  const to = owner && owner.status !== 'left' ? [ownerId!] : await coordinatorIds(tx);
  for (const memberId of to) await deps.outbox.enqueue(tx, { to: 'member', memberId, message });
}

const idleJob: JobKind<Record<string, never>> = {
  catchUp: 'run',
  maxAttempts: 5,
  async fence(tx, job) {
    const row = await lockRow(tx, job.subjectId);
    return row && row.status === 'open' ? idleFenceOf(row) : null;
  },
  async handler({ deps, tx, job, now }) {
    const row = await tx.concern.findUniqueOrThrow({ where: { id: job.subjectId! } });
    await tellOwner(tx, deps, row.ownerId, {
      title: `Concern #${row.number}: nothing recorded for a while`,
      text: `Nothing has been recorded on concern #${row.number}${aboutCase(row.caseCode)} for five working days. Record what has been done, or close it with an outcome: /concern show ${row.number}.`,
      tone: 'warning',
    });
    // Then again five working days on, until something is recorded.
    await scheduleIdleReminder({ tx, deps, now }, row, now);
  },
};

const followUpJob: JobKind<{ referralId: string }> = {
  catchUp: 'run',
  maxAttempts: 5,
  payload: z.object({ referralId: z.string().uuid() }),
  async fence(tx, job) {
    const row = await lockRow(tx, job.subjectId);
    return row?.status === 'open' ? 'open' : null;
  },
  async handler({ deps, tx, job }) {
    const row = await tx.concern.findUniqueOrThrow({ where: { id: job.subjectId! } });
    const referral = await tx.onwardReferral.findUniqueOrThrow({ where: { id: job.payload.referralId } });
    await tellOwner(tx, deps, row.ownerId, {
      title: `Follow up: concern #${row.number}`,
      text: `Today is the follow-up date for the referral to ${agencyLabel(referral.agency)} made on ${day(referral.referredOn)} about concern #${row.number}${aboutCase(row.caseCode)}. Record what you hear: /concern show ${row.number}.`,
      tone: 'info',
    });
  },
};

/** The concern's job kinds, by name. */
export const concernJobs = {
  [UNTAKEN_JOB]: asJob(untakenJob),
  [IDLE_JOB]: asJob(idleJob),
  [FOLLOW_UP_JOB]: asJob(followUpJob),
};
