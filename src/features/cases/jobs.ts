// Case timers: the three-monthly review of the mentoring agreement (one pending job per open case,
// fenced on its review date), and telling coordinators which cases need a mentor after an exit.
import { z } from 'zod';
import { readSettings } from '../../core/settings.js';
import type { JobKind } from '../../jobs/registry.js';
import { job } from '../feature.js';
import { caseTeam } from './assignments.js';
import { RECORD_REVIEW_ACTION } from './forms.js';
import { CASE_NEEDS_MENTOR_JOB } from './holdings.js';
import { nextReview } from './policy.js';
import { CASE_REVIEW_JOB, scheduleReview } from './reviews.js';

const reviewJob: JobKind<{ caseId: string }> = {
  catchUp: 'run',
  maxAttempts: 5,
  payload: z.object({ caseId: z.string().uuid() }),
  async fence(tx, job) {
    const [row] = await tx.$queryRaw<{ status: string; nextReviewAt: Date | null }[]>`
      SELECT "status"::text AS status, "nextReviewAt" FROM "Case" WHERE "id" = ${job.subjectId}::uuid FOR UPDATE`;
    return row && row.status !== 'closed' ? row.nextReviewAt?.toISOString() : null;
  },
  async handler({ deps, tx, job, now }) {
    const found = await tx.case.findUniqueOrThrow({ where: { id: job.payload.caseId } });
    const team = await caseTeam(tx, found.id);
    const text = `It is three months since the last review of the mentoring agreement for ${found.code}${found.status === 'paused' ? ' (paused)' : ''}. When you can, go over it together: what is working, what to change, and whether mentoring should carry on. Then record the review with the button or /case review ${found.code}.`;
    const buttons = [{ actionId: RECORD_REVIEW_ACTION, label: 'Record the review', value: found.code }];
    for (const { memberId } of team)
      await deps.outbox.enqueue(tx, {
        to: 'member',
        memberId,
        message: { title: `Agreement review: ${found.code}`, text, tone: 'info', buttons },
      });
    await deps.outbox.enqueue(tx, {
      to: 'channel',
      channel: 'coordinators',
      message: {
        text: `Three-monthly agreement review due for ${found.code}${team.length ? '' : ', which has no mentor assigned'}.`,
        tone: 'info',
        buttons,
      },
    });
    const { networkTimeZone } = await readSettings(tx, deps);
    await scheduleReview(tx, found.id, nextReview(found.nextReviewAt ?? now, networkTimeZone));
  },
};

const needsMentorJob: JobKind<{ memberId: string; caseIds: string[] }> = {
  catchUp: 'run',
  maxAttempts: 5,
  payload: z.object({ memberId: z.string().uuid(), caseIds: z.array(z.string().uuid()) }),
  async handler({ deps, tx, job }) {
    const member = await tx.member.findUnique({ where: { id: job.payload.memberId }, select: { displayName: true } });
    const cases = await tx.case.findMany({
      where: { id: { in: job.payload.caseIds }, status: { not: 'closed' } },
      select: { id: true, code: true },
      orderBy: { code: 'asc' },
    });
    const withMentor = new Set(
      (
        await tx.caseAssignment.findMany({
          where: { caseId: { in: cases.map((c) => c.id) }, endedAt: null, role: 'mentor' },
          select: { caseId: true },
        })
      ).map((a) => a.caseId),
    );
    const codes = cases.map((c) => (withMentor.has(c.id) ? `${c.code} (needs a co-mentor)` : c.code));
    if (!codes.length) return;
    await deps.outbox.enqueue(tx, {
      to: 'channel',
      channel: 'coordinators',
      message: {
        title: 'Cases to hand on',
        text: `${member?.displayName ?? 'A member'} has left the network. These cases need a mentor now: ${codes.join(', ')}. Use /case assign.`,
        tone: 'warning',
      },
    });
  },
};

export const caseJobs = {
  [CASE_REVIEW_JOB]: job(reviewJob),
  [CASE_NEEDS_MENTOR_JOB]: job(needsMentorJob),
};
