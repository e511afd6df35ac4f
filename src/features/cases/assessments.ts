// Re-assessments of a case against its baseline: the agreement reviews and the one at closure.
import { randomUUID } from 'node:crypto';
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

export async function saveAssessment(
  tx: Tx,
  caseId: string,
  by: { memberId: string; at: Date },
  input: AssessmentInput,
) {
  return tx.caseReview.create({
    data: {
      id: randomUUID(),
      caseId,
      kind: input.kind,
      attendance: input.attendance ?? null,
      agreementRevised: input.agreementRevised ?? null,
      riskLevel: input.riskLevel,
      riskFactors: input.riskFactors,
      reviewedById: by.memberId,
      reviewedAt: by.at,
    },
  });
}

/** Oldest first, so each can be compared with the one before it. */
export const assessmentsOf = (tx: Tx, caseId: string) =>
  tx.caseReview.findMany({ where: { caseId }, orderBy: [{ reviewedAt: 'asc' }, { id: 'asc' }] });
