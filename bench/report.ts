// npm run bench:report: the programme report for a national network's year (5,000 cases, 100,000
// sessions and as many debriefs, seeded with SQL) read, presented and rendered as the page's HTML
// with its charts, for each reader. Prints one JSON line; the page must render in under 2 s.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { programmeFigures } from '../src/features/reports/figures.js';
import { parsePeriod, type Period } from '../src/features/reports/period.js';
import { presentReport } from '../src/features/reports/present.js';
import * as queries from '../src/features/reports/queries.js';
import { reportBody } from '../src/features/reports/render.js';
import { startBenchDatabase } from './outbox-harness.js';

const bench = await startBenchDatabase();
try {
  const seedStart = performance.now();
  const sql = (text: string) => bench.db.$executeRawUnsafe(text);
  await sql(`INSERT INTO "Member" ("id", "displayName", "roles", "updatedAt")
    SELECT md5('m' || g)::uuid, 'Bench Mentor ' || g, ARRAY['mentor']::"Role"[], now() FROM generate_series(1, 800) g`);
  await sql(`INSERT INTO "Case" ("id", "code", "status", "openedAt", "closedAt", "outcome", "positiveSteps", "baseline")
    SELECT md5('c' || g)::uuid, 'BN-' || lpad(g::text, 5, '0'),
      (CASE WHEN g % 3 = 0 THEN 'closed' ELSE 'open' END)::"CaseStatus",
      timestamptz '2026-01-01' + (g % 300) * interval '1 day',
      CASE WHEN g % 3 = 0 THEN timestamptz '2026-01-01' + (g % 300 + 40) * interval '1 day' END,
      CASE WHEN g % 3 = 0 THEN (ARRAY['desisted', 'custody_missing', 'not_engaged'])[g % 3 + 1 + (g / 3) % 3 - (g % 3)] END,
      CASE WHEN g % 6 = 0 THEN ARRAY['education', 'work'] ELSE ARRAY[]::text[] END,
      jsonb_build_object('programme', 'extremism', 'riskLevel', (ARRAY['low', 'medium', 'high'])[g % 3 + 1], 'riskFactors', jsonb_build_array('isolation', 'online_influence'))
    FROM generate_series(1, 5000) g`);
  await sql(`INSERT INTO "Referral" ("id", "number", "source", "receivedOn", "programme", "decision", "caseId", "recordedById", "createdAt")
    SELECT md5('r' || g)::uuid, g, (ARRAY['marac', 'channel', 'probation', 'prison', 'police', 'childrens_services', 'adults_services', 'self_family', 'other'])[g % 9 + 1],
      date '2026-01-01' + (g % 290), 'extremism', CASE WHEN g <= 5000 THEN 'accepted' ELSE (ARRAY['declined', 'withdrawn', 'awaiting'])[g % 3 + 1] END,
      CASE WHEN g <= 5000 THEN md5('c' || g)::uuid END, md5('m1')::uuid, now()
    FROM generate_series(1, 6500) g`);
  await sql(`INSERT INTO "MentoringSession" ("id", "caseId", "mentorId", "status", "startedAt", "endedAt", "createdAt")
    SELECT md5('s' || g)::uuid, md5('c' || (g % 5000 + 1))::uuid, md5('m' || (g % 800 + 1))::uuid, (CASE WHEN g % 40 = 0 THEN 'cancelled' ELSE 'ended' END)::"SessionStatus",
      timestamptz '2026-01-10' + (g % 310) * interval '1 day', timestamptz '2026-01-10' + (g % 310) * interval '1 day' + interval '75 minutes', now()
    FROM generate_series(1, 100000) g`);
  await sql(`INSERT INTO "Debrief" ("id", "authorId", "caseCode", "caseId", "sessionId", "sessionDate", "sessionWent", "feeling", "flagConcern", "engagement")
    SELECT md5('d' || g)::uuid, md5('m' || (g % 800 + 1))::uuid, 'BN-' || lpad((g % 5000 + 1)::text, 5, '0'), md5('c' || (g % 5000 + 1))::uuid, md5('s' || g)::uuid,
      date '2026-01-10' + (g % 310), CASE WHEN g % 17 = 0 THEN 'did_not_attend' ELSE 'well' END, 3, false,
      (ARRAY['active', 'passive', 'silent', 'argumentative_engaged', 'did_not_attend'])[g % 5 + 1]
    FROM generate_series(1, 100000) g`);
  await sql(`INSERT INTO "CaseReview" ("id", "caseId", "kind", "riskLevel", "riskFactors", "reviewedById", "reviewedAt")
    SELECT md5('v' || g)::uuid, md5('c' || g)::uuid, 'review', (ARRAY['low', 'medium', 'high'])[g % 2 + 1], ARRAY['isolation'], md5('m1')::uuid, timestamptz '2026-06-01' + (g % 150) * interval '1 day'
    FROM generate_series(1, 5000) g`);
  await sql(`INSERT INTO "CaseAssignment" ("id", "caseId", "memberId", "role", "assignedAt")
    SELECT md5('a' || g)::uuid, md5('c' || g)::uuid, md5('m' || (g % 800 + 1))::uuid, 'mentor', timestamptz '2026-01-05' FROM generate_series(1, 5000) g`);
  await sql(`INSERT INTO "Escalation" ("id", "tier", "category", "reporterId", "status", "policy", "raisedAt", "deadlineAt", "clientTold", "detailsEnc", "acknowledgedAt")
    SELECT md5('e' || g)::uuid, (ARRAY['P1', 'P2', 'P3'])[g % 3 + 1]::"EscalationTier", 'other', md5('m1')::uuid, 'acknowledged', '{}',
      timestamptz '2026-02-01' + g * interval '2 hours', timestamptz '2026-02-01' + g * interval '2 hours', 'no', 'sealed', timestamptz '2026-02-01' + g * interval '2 hours' + (g % 50) * interval '1 minute'
    FROM generate_series(1, 3000) g`);
  await sql('VACUUM ANALYZE'); // what autovacuum does after a bulk load
  const seedMs = performance.now() - seedStart;

  const period = parsePeriod(
    { from: '2026-01-01', to: '2026-12-31' },
    new Date('2026-12-31T12:00:00Z'),
    'Europe/London',
  ) as Period;
  const timings: Record<string, number> = {};
  for (const [name, query] of Object.entries(queries)) {
    const start = performance.now();
    await query(bench.db, period);
    timings[`${name}Ms`] = Math.round(performance.now() - start);
  }
  for (const reader of ['coordinator', 'board', 'evaluator'] as const) {
    const start = performance.now();
    const figures = await programmeFigures(bench.db, period);
    const queried = performance.now();
    const body = await reportBody(presentReport(figures, reader), { csv: '/report/programme.csv' });
    timings[`${reader}Ms`] = Math.round(performance.now() - start);
    timings[`${reader}QueryMs`] = Math.round(queried - start);
    if (!body.value.includes('<svg')) throw new Error('no chart rendered');
  }
  const worst = Math.max(timings.coordinatorMs!, timings.boardMs!, timings.evaluatorMs!);
  process.stdout.write(
    `${JSON.stringify({ bench: 'report', cases: 5000, sessions: 100000, debriefs: 100000, seedMs: Math.round(seedMs), ...timings, worstMs: worst, underTwoSeconds: worst < 2000, loadAverage: Math.round(loadavg()[0]! * 10) / 10 })}\n`,
  );
  if (worst >= 2000) process.exitCode = 1;
} finally {
  await bench.stop();
}
