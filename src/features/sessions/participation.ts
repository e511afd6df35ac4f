// Each mentor's part in sessions, as mentor workload and pay read it: travel given at the end,
// the time from a tracked session's start to the mentor's own end, and sessions counted per mentor.
import { Prisma } from '../../generated/prisma/client.js';
import type { Tx } from '../../db/client.js';

/** Travel on the mentor's own part in a session (either may be left as it is). */
export async function setTravel(
  tx: Tx,
  input: { sessionId: string; memberId: string; minutes?: number; costPence?: number },
): Promise<void> {
  await tx.sessionParticipant.update({
    where: { sessionId_memberId: { sessionId: input.sessionId, memberId: input.memberId } },
    data: { travelMinutes: input.minutes, travelCostPence: input.costPence },
  });
}

export interface TrackedTime {
  memberId: string;
  minutes: number;
  travelMinutes: number;
  travelCostPence: number;
}

/**
 * Each mentor's part in sessions started in [from, to) that have ended for them: from the session's
 * start to their own end (or the session's), with the travel they gave.
 */
export async function trackedTime(tx: Tx, from: Date, to: Date): Promise<TrackedTime[]> {
  return tx.$queryRaw<TrackedTime[]>`
    SELECT p."memberId", round(extract(epoch FROM (coalesce(p."endedAt", s."endedAt") - s."startedAt")) / 60)::int AS minutes,
           coalesce(p."travelMinutes", 0) AS "travelMinutes", coalesce(p."travelCostPence", 0) AS "travelCostPence"
    FROM "SessionParticipant" p JOIN "MentoringSession" s ON s."id" = p."sessionId"
    WHERE s."startedAt" IS NOT NULL AND coalesce(p."endedAt", s."endedAt") IS NOT NULL AND s."startedAt" >= ${from} AND s."startedAt" < ${to}`;
}

/** Which of these sessions were tracked (started with /session start). */
export async function trackedSessionIds(tx: Tx, sessionIds: readonly string[]): Promise<Set<string>> {
  if (!sessionIds.length) return new Set();
  const rows = await tx.mentoringSession.findMany({
    where: { id: { in: [...sessionIds] }, startedAt: { not: null } },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

/**
 * Sessions not cancelled per mentor, each dated by its start (else its planned start, else when it was
 * planned): from `since` to `until` (inclusive of `until` when asked), only for `memberIds` when given,
 * and only mentors with more than `moreThan` when given.
 */
export async function sessionsPerMember(
  tx: Tx,
  input: { since: Date; until: Date; untilInclusive?: boolean; memberIds?: readonly string[]; moreThan?: number },
): Promise<Map<string, number>> {
  const at = Prisma.sql`coalesce(s."startedAt", s."plannedStart", s."createdAt")`;
  const end = input.untilInclusive ? Prisma.sql`${at} <= ${input.until}` : Prisma.sql`${at} < ${input.until}`;
  const members = input.memberIds ? Prisma.sql`AND p."memberId" = ANY(${[...input.memberIds]}::uuid[])` : Prisma.empty;
  const having = input.moreThan === undefined ? Prisma.empty : Prisma.sql`HAVING count(*) > ${input.moreThan}`;
  const rows = await tx.$queryRaw<{ memberId: string; n: number }[]>`
    SELECT p."memberId", count(*)::int AS n FROM "SessionParticipant" p JOIN "MentoringSession" s ON s."id" = p."sessionId"
    WHERE s."status" <> 'cancelled' AND ${at} >= ${input.since} AND ${end} ${members}
    GROUP BY p."memberId" ${having}`;
  return new Map(rows.map((r) => [r.memberId, r.n]));
}
