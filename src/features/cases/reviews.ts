// The three-monthly agreement review: its timer (one pending job per open case, fenced on the review
// date), and recording it as a re-assessment by the case's mentor or a coordinator, compared with the
// assessment before it (the baseline, or the last review).
import { recordEvent } from '../../core/events.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, Response } from '../../core/router.js';
import { say } from '../../core/message.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { assessmentsOf, saveAssessment } from './assessments.js';
import { caseReviewForm, type CaseReviewValues } from './forms.js';
import { visibleCase } from './lookup.js';
import { reviewRecordedText } from './messages.js';
import { assessmentChange, parseBaseline } from './policy.js';

export const CASE_REVIEW_JOB = 'case.review';

/** Sets the case's next review and its timer. */
export async function scheduleReview(tx: Tx, caseId: string, at: Date): Promise<void> {
  await tx.case.update({ where: { id: caseId }, data: { nextReviewAt: at } });
  await enqueueJob(tx, {
    kind: CASE_REVIEW_JOB,
    dueAt: at,
    subject: { kind: 'case', id: caseId },
    fence: at.toISOString(),
    dedupeKey: `${CASE_REVIEW_JOB}:${caseId}:${at.toISOString()}`,
    payload: { caseId },
  });
}

/** A case the actor may review now: theirs (or any, for coordinators) and not closed. */
export async function reviewableCase(ctx: Pick<ActorContext, 'tx' | 'actor'>, rawCode: string) {
  const found = await visibleCase(ctx, rawCode);
  if (found.status === 'closed')
    throw new Refusal(
      `${found.code} is closed; its closure recorded the last assessment. /case timeline ${found.code} shows it.`,
      'closed',
    );
  return found;
}

/** The review form for a case the actor may review (from the command or the review-due button). */
export async function openReview(ctx: Pick<ActorContext, 'tx' | 'actor'>, input: { code: string }): Promise<Response> {
  const found = await reviewableCase(ctx, input.code);
  return { form: { form: caseReviewForm, context: { caseCode: found.code } } };
}

export async function recordReview(
  ctx: ActorContext,
  input: { code: string; values: CaseReviewValues },
): Promise<Response> {
  const { values } = input;
  const found = await reviewableCase(ctx, input.code);
  const previous = (await assessmentsOf(ctx.tx, found.id)).at(-1) ?? parseBaseline(found.baseline);
  await saveAssessment(ctx, found.id, { kind: 'review', ...values });
  await recordEvent(ctx.tx, {
    subjectKind: 'case',
    subjectId: found.id,
    kind: 'case.reviewed',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
    data: { attendance: values.attendance, agreementRevised: values.agreementRevised, riskLevel: values.riskLevel },
  });
  return {
    replies: [say(reviewRecordedText(found.code, assessmentChange(previous, values)), { tone: 'success' })],
  };
}
