// Re-assessments of a case against its baseline: the agreement reviews and the one at closure.
import { randomUUID } from 'node:crypto';
import type { ActorContext } from '../../core/router.js';
import type { Tx } from '../../db/client.js';

export type AssessmentKind = 'review' | 'closure';

export interface AssessmentInput {
  kind: AssessmentKind;
  riskLevel: string;
  riskFactors: string[];
  /** Reviews only: closure leaves these empty. */
  attendance?: string;
  agreementRevised?: boolean;
}

/** Records an assessment of the case by the actor, now. */
export async function saveAssessment(
  ctx: Pick<ActorContext, 'tx' | 'actor' | 'now'>,
  caseId: string,
  input: AssessmentInput,
) {
  return ctx.tx.caseReview.create({
    data: {
      id: randomUUID(),
      caseId,
      kind: input.kind,
      attendance: input.attendance ?? null,
      agreementRevised: input.agreementRevised ?? null,
      riskLevel: input.riskLevel,
      riskFactors: input.riskFactors,
      reviewedById: ctx.actor.memberId,
      reviewedAt: ctx.now,
    },
  });
}

/** Oldest first, so each can be compared with the one before it. */
export const assessmentsOf = (tx: Tx, caseId: string) =>
  tx.caseReview.findMany({ where: { caseId }, orderBy: [{ reviewedAt: 'asc' }, { id: 'asc' }] });
