// The follow-up question some months after closure: asked of the case's last mentor, or of the
// coordinators when that mentor has left; fenced on the follow-up still being scheduled.
import { z } from 'zod';
import { caseCodeOf } from '../cases/api.js';
import { job } from '../feature.js';
import { FOLLOW_UP_JOB } from './aftercare.js';
import { followUpQuestion } from './messages.js';

export const aftercareJobs = {
  [FOLLOW_UP_JOB]: job<{ followUpId: string }, unknown>({
    catchUp: 'run',
    maxAttempts: 5,
    payload: z.object({ followUpId: z.uuid() }),
    async fence(tx, job) {
      const [row] = await tx.$queryRaw<
        { status: string }[]
      >`SELECT "status" FROM "CaseFollowUp" WHERE "id" = ${job.subjectId}::uuid FOR UPDATE`;
      return row?.status ?? null;
    },
    async handler({ deps, tx, job }) {
      const followUp = await tx.caseFollowUp.update({
        where: { id: job.payload.followUpId },
        data: { status: 'asked' },
      });
      const question = {
        code: await caseCodeOf(tx, followUp.caseId),
        months: followUp.months,
        followUpId: followUp.id,
      };
      const mentor = followUp.askedMemberId
        ? await tx.member.findUnique({ where: { id: followUp.askedMemberId }, select: { status: true } })
        : null;
      if (followUp.askedMemberId && mentor && mentor.status !== 'left') {
        await deps.outbox.enqueue(tx, {
          to: 'member',
          memberId: followUp.askedMemberId,
          message: followUpQuestion({ ...question, to: 'mentor' }),
        });
      } else {
        await deps.outbox.enqueue(tx, {
          to: 'channel',
          channel: 'coordinators',
          message: followUpQuestion({ ...question, to: 'coordinators' }),
        });
      }
    },
  }),
};
