// Who coaches whom: the coach on each mentor record and when the record began, read by supervision
// (its cadence counts from the record's start; coverage lists mentors without a coach).
import type { Tx } from '../../db/client.js';

export interface Coaching {
  memberId: string;
  coachId: string | null;
  /** When the mentor's record began. */
  createdAt: Date;
}

const coaching = { memberId: true, coachId: true, createdAt: true } as const;

/** Every mentor with a coach. */
export async function coachedMentors(tx: Tx): Promise<(Coaching & { coachId: string })[]> {
  const rows = await tx.mentorRecord.findMany({ where: { coachId: { not: null } }, select: coaching });
  return rows.flatMap((r) => (r.coachId ? [{ ...r, coachId: r.coachId }] : []));
}

/** The records of these mentors (a mentor with no record is left out). */
export async function coachingOf(tx: Tx, memberIds: readonly string[]): Promise<Coaching[]> {
  return tx.mentorRecord.findMany({ where: { memberId: { in: [...memberIds] } }, select: coaching });
}
