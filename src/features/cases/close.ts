// Closing a case with an outcome in the evaluations' categories and a closing re-assessment; the
// assignments end, aftercare is recorded, and the team is thanked.
import { say } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, Response } from '../../core/router.js';
import { recordClosureAftercare } from '../referrals/api.js';
import { saveAssessment } from './assessments.js';
import { caseTeam } from './assignments.js';
import { type CaseCloseValues, caseCloseForm } from './forms.js';
import { auditCase, caseForCoordinator, visibleCase } from './lookup.js';
import { closedText, toTeam } from './messages.js';

/** `/case close`: the closing form for a case not yet closed. */
export async function openClosing(ctx: ActorContext, input: { code: string }): Promise<Response> {
  const found = await visibleCase(ctx, input.code);
  if (found.status === 'closed') throw new Refusal(`${found.code} is already closed.`, 'closed');
  return { form: { form: caseCloseForm, context: { caseCode: found.code } } };
}

export async function closeCase(
  ctx: ActorContext,
  input: { code: string; values: CaseCloseValues },
): Promise<Response> {
  const { values } = input;
  const found = await caseForCoordinator(ctx, input.code);
  if (found.status === 'closed') throw new Refusal(`${found.code} is already closed.`, 'closed');
  const team = await caseTeam(ctx.tx, found.id);
  await ctx.tx.case.update({
    where: { id: found.id },
    data: {
      status: 'closed',
      closedAt: ctx.now,
      outcome: values.outcome,
      positiveSteps: values.positiveSteps,
      nextReviewAt: null,
    },
  });
  await ctx.tx.caseAssignment.updateMany({ where: { caseId: found.id, endedAt: null }, data: { endedAt: ctx.now } });
  await saveAssessment(ctx, found.id, {
    kind: 'closure',
    riskLevel: values.riskLevel,
    riskFactors: values.riskFactors,
  });
  await auditCase(ctx, found.id, 'case.closed', {
    outcome: values.outcome,
    positiveSteps: values.positiveSteps,
    riskLevel: values.riskLevel,
  });
  await recordClosureAftercare(ctx, found.code, values.endingReason);
  const text = closedText(found.code, values.outcome);
  return {
    replies: [
      say(`${text} Its records stay for the evaluation; assignments have ended.`, { tone: 'success' }),
      ...toTeam(team, `${text} Thank you for your work on it.`),
    ],
  };
}
