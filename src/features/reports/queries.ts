// The report's aggregates, each one SQL statement over the period: counts and percentiles are
// computed by PostgreSQL, so a national network's year is read in well under a second. The
// statements are independent reads on the pool (never a transaction), so each function sends its
// statements side by side.
import type { Db } from '../../db/client.js';
import type { Period } from './period.js';

type Pair = { a: string; b: string; n: number };
type One = { a: string; n: number };
type Pct = { n: number; median: number | null; p90: number | null };

const day = (d: string) => new Date(`${d}T00:00:00Z`);

export async function referralCounts(db: Db, p: Period) {
  const [bySourceDecision, declineReasons, [toFirstSession]] = await Promise.all([
    db.$queryRaw<Pair[]>`
    SELECT "source" AS a, "decision" AS b, count(*)::int AS n FROM "Referral"
    WHERE "receivedOn" BETWEEN ${day(p.from)}::date AND ${day(p.to)}::date GROUP BY 1, 2`,
    db.$queryRaw<One[]>`
    SELECT "declineReason" AS a, count(*)::int AS n FROM "Referral"
    WHERE "receivedOn" BETWEEN ${day(p.from)}::date AND ${day(p.to)}::date AND "decision" = 'declined' AND "declineReason" IS NOT NULL GROUP BY 1`,
    // Days from the referral to the case's first session held (started, or ended if never started).
    db.$queryRaw<Pct[]>`
    WITH per_case AS (
      SELECT "caseId", min(coalesce("startedAt", "endedAt")) AS first FROM "MentoringSession" WHERE "status" = 'ended' GROUP BY 1),
    firsts AS (
      SELECT r."receivedOn", f.first FROM "Referral" r JOIN per_case f ON f."caseId" = r."caseId"
      WHERE r."receivedOn" BETWEEN ${day(p.from)}::date AND ${day(p.to)}::date AND r."source" <> 'direct')
    SELECT count(*)::int AS n,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY (first::date - "receivedOn"))::float8 AS median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY (first::date - "receivedOn"))::float8 AS p90
    FROM firsts`,
  ]);
  return { bySourceDecision, declineReasons, toFirstSession: toFirstSession! };
}

export async function caseCounts(db: Db, p: Period) {
  const [[row], outcomes, steps, endings] = await Promise.all([
    db.$queryRaw<{ opened: number; closed: number; open_at_end: number; ever: number }[]>`
    SELECT count(*) FILTER (WHERE "openedAt" >= ${p.start} AND "openedAt" < ${p.end})::int AS opened,
      count(*) FILTER (WHERE "closedAt" >= ${p.start} AND "closedAt" < ${p.end})::int AS closed,
      count(*) FILTER (WHERE "openedAt" < ${p.end} AND ("closedAt" IS NULL OR "closedAt" >= ${p.end}))::int AS open_at_end,
      count(*)::int AS ever
    FROM "Case"`,
    db.$queryRaw<One[]>`
    SELECT "outcome" AS a, count(*)::int AS n FROM "Case"
    WHERE "closedAt" >= ${p.start} AND "closedAt" < ${p.end} AND "outcome" IS NOT NULL GROUP BY 1`,
    db.$queryRaw<One[]>`
    SELECT step AS a, count(*)::int AS n FROM "Case", unnest("positiveSteps") AS step
    WHERE "closedAt" >= ${p.start} AND "closedAt" < ${p.end} GROUP BY 1`,
    db.$queryRaw<One[]>`
    SELECT "reason" AS a, count(*)::int AS n FROM "CaseEnding" WHERE "recordedAt" >= ${p.start} AND "recordedAt" < ${p.end} GROUP BY 1`,
  ]);
  return { ...row!, outcomes, steps, endings };
}

export async function sessionCounts(db: Db, p: Period) {
  const [[row], engagement] = await Promise.all([
    db.$queryRaw<{ held: number; missed: number; cancelled: number; timed: number; hours: number | null }[]>`
    WITH absent AS (SELECT DISTINCT "sessionId" FROM "Debrief" WHERE "sessionWent" = 'did_not_attend' AND "sessionId" IS NOT NULL),
    ended AS (
      SELECT s."id", s."startedAt", s."endedAt", a."sessionId" IS NOT NULL AS missed
      FROM "MentoringSession" s LEFT JOIN absent a ON a."sessionId" = s."id"
      WHERE s."status" = 'ended' AND s."endedAt" >= ${p.start} AND s."endedAt" < ${p.end})
    SELECT count(*) FILTER (WHERE NOT missed)::int AS held, count(*) FILTER (WHERE missed)::int AS missed,
      (SELECT count(*)::int FROM "MentoringSession" c WHERE c."status" = 'cancelled' AND coalesce(c."plannedStart", c."createdAt") >= ${p.start} AND coalesce(c."plannedStart", c."createdAt") < ${p.end}) AS cancelled,
      count(*) FILTER (WHERE NOT missed AND "startedAt" IS NOT NULL)::int AS timed,
      (sum(extract(epoch FROM "endedAt" - "startedAt")) FILTER (WHERE NOT missed AND "startedAt" IS NOT NULL) / 3600)::float8 AS hours
    FROM ended`,
    db.$queryRaw<One[]>`
    SELECT "engagement" AS a, count(*)::int AS n FROM "Debrief"
    WHERE "sessionDate" BETWEEN ${day(p.from)}::date AND ${day(p.to)}::date AND "engagement" IS NOT NULL GROUP BY 1`,
  ]);
  return { ...row!, engagement };
}

/** Baseline against the latest re-assessment (review or closure) up to the period's end, for cases active in it. */
export async function distanceTravelled(db: Db, p: Period) {
  const rows = await db.$queryRaw<{ at: string; kind: string; a: string; n: number }[]>`
    WITH latest AS (
      SELECT DISTINCT ON ("caseId") "caseId", "riskLevel", "riskFactors" FROM "CaseReview"
      WHERE "reviewedAt" < ${p.end} ORDER BY "caseId", "reviewedAt" DESC, "id" DESC),
    cs AS (
      SELECT c."baseline", l."riskLevel", l."riskFactors" FROM "Case" c JOIN latest l ON l."caseId" = c."id"
      WHERE c."openedAt" < ${p.end} AND (c."closedAt" IS NULL OR c."closedAt" >= ${p.start}) AND c."baseline" IS NOT NULL)
    SELECT 'baseline' AS at, 'level' AS kind, "baseline"->>'riskLevel' AS a, count(*)::int AS n FROM cs GROUP BY 3
    UNION ALL SELECT 'latest', 'level', "riskLevel", count(*)::int FROM cs GROUP BY 3
    UNION ALL SELECT 'baseline', 'factor', f, count(*)::int FROM cs, jsonb_array_elements_text(coalesce("baseline"->'riskFactors', '[]'::jsonb)) AS f GROUP BY 3
    UNION ALL SELECT 'latest', 'factor', f, count(*)::int FROM cs, unnest("riskFactors") AS f GROUP BY 3
    UNION ALL SELECT 'cases', 'cases', '', count(*)::int FROM cs`;
  return rows;
}

export async function followUpCounts(db: Db, p: Period) {
  const [answered, [due]] = await Promise.all([
    db.$queryRaw<{ a: number; b: string; n: number }[]>`
    SELECT "months" AS a, "reinvolvement" AS b, count(*)::int AS n FROM "CaseFollowUp"
    WHERE "status" = 'answered' AND "answeredAt" >= ${p.start} AND "answeredAt" < ${p.end} GROUP BY 1, 2`,
    db.$queryRaw<{ asked: number; ever: number }[]>`
    SELECT count(*) FILTER (WHERE "status" = 'asked' AND "dueAt" >= ${p.start} AND "dueAt" < ${p.end})::int AS asked,
      count(*) FILTER (WHERE "status" <> 'scheduled')::int AS ever FROM "CaseFollowUp"`,
  ]);
  return { answered, ...due! };
}

export async function mentorCounts(db: Db, p: Period) {
  // DISTINCT inside each branch: hashing a year's sessions and debriefs down to their few hundred
  // mentors first is several times faster than the planner's merge of two sorted index scans.
  const [[active], [row]] = await Promise.all([
    db.$queryRaw<{ active: number }[]>`
    SELECT count(*)::int AS active FROM (
      SELECT DISTINCT "mentorId" FROM "MentoringSession" WHERE "status" = 'ended' AND "endedAt" >= ${p.start} AND "endedAt" < ${p.end}
      UNION SELECT DISTINCT "authorId" FROM "Debrief" WHERE "sessionDate" BETWEEN ${day(p.from)}::date AND ${day(p.to)}::date) AS mentors`,
    db.$queryRaw<
      {
        with_cases: number;
        mean: number | null;
        max: number | null;
        supervision: number;
        groups: number;
        attended: number;
      }[]
    >`
    WITH load AS (
      SELECT "memberId", count(DISTINCT "caseId")::int AS n FROM "CaseAssignment"
      WHERE "assignedAt" < ${p.end} AND ("endedAt" IS NULL OR "endedAt" >= ${p.end}) GROUP BY 1)
    SELECT (SELECT count(*)::int FROM load) AS with_cases,
      (SELECT avg(n)::float8 FROM load) AS mean,
      (SELECT max(n)::int FROM load) AS max,
      (SELECT count(*)::int FROM "SupervisionRequest" WHERE "happened" = true AND "acceptedAt" >= ${p.start} AND "acceptedAt" < ${p.end}) AS supervision,
      (SELECT count(*)::int FROM "GroupSupervision" g WHERE g."startsAt" >= ${p.start} AND g."startsAt" < ${p.end}) AS groups,
      (SELECT count(*)::int FROM "GroupSignup" s JOIN "GroupSupervision" g ON g."id" = s."groupId" WHERE s."attended" = true AND g."startsAt" >= ${p.start} AND g."startsAt" < ${p.end}) AS attended`,
  ]);
  return { ...active!, ...row! };
}

export async function safeguardingCounts(db: Db, p: Period) {
  const [escalations, concerns, onward] = await Promise.all([
    db.$queryRaw<{ a: string; n: number; acked: number; median: number | null; p90: number | null }[]>`
    SELECT "tier"::text AS a, count(*)::int AS n, count("acknowledgedAt")::int AS acked,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "acknowledgedAt" - "raisedAt") / 60))::float8 AS median,
      (percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM "acknowledgedAt" - "raisedAt") / 60))::float8 AS p90
    FROM "Escalation" WHERE "raisedAt" >= ${p.start} AND "raisedAt" < ${p.end} GROUP BY 1`,
    db.$queryRaw<One[]>`
    SELECT "category" AS a, count(*)::int AS n FROM "Concern" WHERE "createdAt" >= ${p.start} AND "createdAt" < ${p.end} GROUP BY 1`,
    db.$queryRaw<One[]>`
    SELECT "agency" AS a, count(*)::int AS n FROM "OnwardReferral" WHERE "referredOn" BETWEEN ${day(p.from)}::date AND ${day(p.to)}::date GROUP BY 1`,
  ]);
  return { escalations, concerns, onward };
}
