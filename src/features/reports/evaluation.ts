// The evaluation export: one row per case active in the period, structured fields only, dates as
// months, and a pseudonymous id made with a key drawn for this export alone (HMAC-SHA256), so two
// exports cannot be joined unless the evaluator is given both keys. A category shared by fewer than
// 10 cases in the export is shown as "fewer than 10" (the digest's threshold), so a rare
// combination cannot single a client out.
import { createHmac, randomBytes } from 'node:crypto';
import type { Tx } from '../../db/client.js';
import { cautious } from '../digest/api.js';
import type { Period } from './period.js';

export const EVALUATION_COLUMNS = [
  'case_id',
  'referral_source',
  'referral_month',
  'referral_type',
  'opened_month',
  'closed_month',
  'status',
  'outcome',
  'positive_steps',
  'ending_early_reason',
  'baseline_risk_level',
  'baseline_factors',
  'latest_risk_level',
  'latest_factors',
  'reviews',
  'sessions_held',
  'sessions_missed',
  'debriefs',
  'escalations',
  'concerns',
  'follow_up_3_months',
  'follow_up_6_months',
] as const;

/** Categorical columns checked against the threshold. */
const threshold = cautious.countUnder;
const CATEGORIES = [
  'referral_source',
  'referral_type',
  'outcome',
  'ending_early_reason',
  'baseline_risk_level',
  'latest_risk_level',
] as const;

type Row = Record<(typeof EVALUATION_COLUMNS)[number], string>;

interface Raw {
  id: string;
  source: string | null;
  received: string | null;
  programme: string | null;
  opened: string;
  closed: string | null;
  status: string;
  outcome: string | null;
  steps: string[];
  ending: string | null;
  base_level: string | null;
  base_factors: string | null;
  latest_level: string | null;
  latest_factors: string[] | null;
  reviews: number;
  held: number;
  missed: number;
  debriefs: number;
  escalations: number;
  concerns: number;
  f3: string | null;
  f6: string | null;
}

export const newExportKey = (): Buffer => randomBytes(32);

export async function evaluationRows(tx: Tx, period: Period, key: Buffer): Promise<Row[]> {
  const raw = await tx.$queryRaw<Raw[]>`
    SELECT c."id"::text AS id, r."source", to_char(r."receivedOn", 'YYYY-MM') AS received, coalesce(r."programme", c."baseline"->>'programme') AS programme,
      to_char(c."openedAt", 'YYYY-MM') AS opened, to_char(c."closedAt", 'YYYY-MM') AS closed, c."status"::text AS status, c."outcome",
      c."positiveSteps" AS steps, e."reason" AS ending, c."baseline"->>'riskLevel' AS base_level,
      (SELECT string_agg(f, ';' ORDER BY f) FROM jsonb_array_elements_text(coalesce(c."baseline"->'riskFactors', '[]'::jsonb)) AS f) AS base_factors,
      l."riskLevel" AS latest_level, l."riskFactors" AS latest_factors,
      (SELECT count(*)::int FROM "CaseReview" v WHERE v."caseId" = c."id" AND v."kind" = 'review' AND v."reviewedAt" < ${period.end}) AS reviews,
      (SELECT count(*)::int FROM "MentoringSession" s WHERE s."caseId" = c."id" AND s."status" = 'ended' AND s."endedAt" < ${period.end}
        AND NOT EXISTS (SELECT 1 FROM "Debrief" d WHERE d."sessionId" = s."id" AND d."sessionWent" = 'did_not_attend')) AS held,
      (SELECT count(*)::int FROM "MentoringSession" s WHERE s."caseId" = c."id" AND s."status" = 'ended' AND s."endedAt" < ${period.end}
        AND EXISTS (SELECT 1 FROM "Debrief" d WHERE d."sessionId" = s."id" AND d."sessionWent" = 'did_not_attend')) AS missed,
      (SELECT count(*)::int FROM "Debrief" d WHERE d."caseId" = c."id" AND d."createdAt" < ${period.end}) AS debriefs,
      (SELECT count(*)::int FROM "Escalation" x WHERE x."caseCode" = c."code" AND x."raisedAt" < ${period.end}) AS escalations,
      (SELECT count(*)::int FROM "Concern" k WHERE k."caseId" = c."id" AND k."createdAt" < ${period.end}) AS concerns,
      (SELECT f."reinvolvement" FROM "CaseFollowUp" f WHERE f."caseId" = c."id" AND f."months" = 3 AND f."answeredAt" < ${period.end}) AS f3,
      (SELECT f."reinvolvement" FROM "CaseFollowUp" f WHERE f."caseId" = c."id" AND f."months" = 6 AND f."answeredAt" < ${period.end}) AS f6
    FROM "Case" c
    LEFT JOIN "Referral" r ON r."caseId" = c."id"
    LEFT JOIN "CaseEnding" e ON e."caseId" = c."id"
    LEFT JOIN LATERAL (SELECT v."riskLevel", v."riskFactors" FROM "CaseReview" v WHERE v."caseId" = c."id" AND v."reviewedAt" < ${period.end} ORDER BY v."reviewedAt" DESC, v."id" DESC LIMIT 1) l ON true
    WHERE c."openedAt" < ${period.end} AND (c."closedAt" IS NULL OR c."closedAt" >= ${period.start})`;
  const pseudonym = (id: string) => createHmac('sha256', key).update(id).digest('hex').slice(0, 16);
  const closedInPeriod = (r: Raw) => r.closed !== null && r.status === 'closed';
  const rows: Row[] = raw
    .map((r) => ({
      case_id: pseudonym(r.id),
      referral_source: r.source ?? '',
      referral_month: r.received ?? '',
      referral_type: r.programme ?? '',
      opened_month: r.opened,
      closed_month: closedInPeriod(r) ? r.closed! : '',
      status: r.status,
      outcome: r.outcome ?? '',
      positive_steps: r.steps.join(';'),
      ending_early_reason: r.ending ?? '',
      baseline_risk_level: r.base_level ?? '',
      baseline_factors: r.base_factors ?? '',
      latest_risk_level: r.latest_level ?? 'not recorded',
      latest_factors: r.latest_factors ? r.latest_factors.slice().sort().join(';') : 'not recorded',
      reviews: String(r.reviews),
      sessions_held: String(r.held),
      sessions_missed: String(r.missed),
      debriefs: String(r.debriefs),
      escalations: String(r.escalations),
      concerns: String(r.concerns),
      follow_up_3_months: r.f3 ?? 'not recorded',
      follow_up_6_months: r.f6 ?? 'not recorded',
    }))
    .sort((a, b) => a.case_id.localeCompare(b.case_id));
  for (const column of CATEGORIES) {
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row[column], (counts.get(row[column]) ?? 0) + 1);
    for (const row of rows)
      if (row[column] !== '' && row[column] !== 'not recorded' && counts.get(row[column])! < threshold)
        row[column] = `fewer than ${threshold}`;
  }
  return rows;
}
