// The three-monthly agreement review, recorded as a re-assessment by the case's mentor or a
// coordinator and compared with the assessment before it (the baseline, or the last review).
import { recordEvent } from '../../core/events.js';
import { Refusal, type HandlerContext } from '../../core/router.js';
import { assessmentsOf, saveAssessment } from './assessments.js';
import type { CaseReviewValues } from './forms.js';
import { assessmentChange, type Assessment } from './policy.js';
import { visibleCase } from './service.js';

type Ctx = Pick<HandlerContext, 'tx' | 'actor' | 'now' | 'surface'>;

/** A case the actor may review now: theirs (or any, for coordinators) and not closed. */
export async function reviewableCase(ctx: Pick<Ctx, 'tx' | 'actor'>, rawCode: string) {
  const found = await visibleCase(ctx, rawCode);
  if (found.status === 'closed')
    throw new Refusal(
      `${found.code} is closed; its closure recorded the last assessment. /case timeline ${found.code} shows it.`,
      'closed',
    );
  return found;
}

export async function recordReview(ctx: Ctx, rawCode: string, values: CaseReviewValues) {
  const found = await reviewableCase(ctx, rawCode);
  const previous = (await assessmentsOf(ctx.tx, found.id)).at(-1) ?? (found.baseline as Assessment | null);
  await saveAssessment(ctx.tx, found.id, { memberId: ctx.actor.memberId, at: ctx.now }, { kind: 'review', ...values });
  await recordEvent(ctx.tx, {
    subjectKind: 'case',
    subjectId: found.id,
    kind: 'case.reviewed',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
    data: { attendance: values.attendance, agreementRevised: values.agreementRevised, riskLevel: values.riskLevel },
  });
  return { code: found.code, change: assessmentChange(previous, values) };
}
