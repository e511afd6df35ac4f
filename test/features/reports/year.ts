// A year of synthetic activity with known figures, shared by the report tests: referrals, cases,
// sessions, debriefs, reviews, closures, follow-ups, escalations, concerns, supervision. Invented
// codes only (YR-0001...). Period: 2026-01-01 to the test clock's day (2026-11-23).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../src/db/client.js';
import type { Prisma } from '../../../src/generated/prisma/client.js';

const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00Z`);
const plusDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The figures the seeded year must produce, exactly (coordinators' view). */
export const known = {
  referrals: {
    police: { accepted: 12 },
    probation: { accepted: 3 },
    channel: { declined: 2 },
    marac: { awaiting: 1 },
    self_family: { withdrawn: 1 },
    total: 19,
  },
  cases: { opened: 15, closed: 11, openAtEnd: 5 },
  outcomes: { desisted: 7, custody_missing: 2, not_engaged: 2 },
  positiveSteps: { education: 5, work: 3 },
  endings: { client_withdrew: 2, custody: 1 },
  sessions: { held: 55, missed: 5, cancelled: 3, hours: 55 },
  engagement: { active: 40, passive: 15, did_not_attend: 5 },
  referralToFirstSession: { median: 8, p90: 13.6 },
  distance: {
    cases: 11,
    baseline: { high: 10, medium: 1 },
    latest: { low: 8, medium: 3 },
    isolation: [11, 4],
    online_influence: [6, 0],
  },
  followUps: { no: 6, yes: 1, unknown: 2 },
  escalations: { P1: 2, P2: 12, P1median: 4, P1p90: 4.8, P2median: 65, P2p90: 109 },
  concerns: { risk_to_others: 4 },
  onward: { police: 2 },
  mentors: { active: 4, supervision: 2, caseloadMean: 1.3, caseloadMax: 2 },
};

export async function seedYear(db: Db, coordinatorId: string): Promise<void> {
  const mentors = [0, 1, 2, 3].map(() => randomUUID());
  await db.member.createMany({
    data: mentors.map((id, i) => ({ id, displayName: `Year Mentor ${i + 1}`, roles: ['mentor'] })),
  });
  const referrals: Prisma.ReferralCreateManyInput[] = [];
  const cases: Prisma.CaseCreateManyInput[] = [];
  const sessions: Prisma.MentoringSessionCreateManyInput[] = [];
  const debriefs: Prisma.DebriefCreateManyInput[] = [];
  const reviews: Prisma.CaseReviewCreateManyInput[] = [];
  const ref = (source: string, decision: string, receivedOn: Date, caseId?: string, declineReason?: string) =>
    referrals.push({
      id: randomUUID(),
      source,
      decision,
      receivedOn,
      programme: 'extremism',
      caseId,
      declineReason,
      recordedById: coordinatorId,
      createdAt: receivedOn,
    });

  // One case from the year before, still open: counted open at the end, nothing else.
  const before = randomUUID();
  cases.push({
    id: before,
    code: 'YR-0000',
    status: 'open',
    openedAt: at('2025-12-15'),
    baseline: { programme: 'extremism', riskLevel: 'low', riskFactors: [] },
  });
  ref('police', 'accepted', at('2025-12-10', '00:00'), before);

  let held = 0;
  for (let i = 1; i <= 15; i++) {
    const id = randomUUID();
    const received = at(iso(plusDays(at('2026-01-01'), i)), '00:00');
    const closed = i <= 11;
    const outcome = i <= 7 ? 'desisted' : i <= 9 ? 'custody_missing' : 'not_engaged';
    cases.push({
      id,
      code: `YR-${String(i).padStart(4, '0')}`,
      status: closed ? 'closed' : 'open',
      openedAt: plusDays(received, 0.4),
      closedAt: closed ? at(iso(plusDays(at('2026-08-01'), i))) : null,
      outcome: closed ? outcome : null,
      positiveSteps: closed ? [...(i <= 5 ? ['education'] : []), ...(i <= 3 ? ['work'] : [])] : [],
      baseline: {
        programme: 'extremism',
        riskLevel: i <= 10 ? 'high' : 'medium',
        riskFactors: ['isolation', ...(i <= 6 ? ['online_influence'] : [])],
      },
    });
    ref(i <= 12 ? 'police' : 'probation', 'accepted', received, id);
    if (closed)
      reviews.push({
        id: randomUUID(),
        caseId: id,
        kind: 'closure',
        riskLevel: i <= 8 ? 'low' : 'medium',
        riskFactors: i <= 4 ? ['isolation'] : [],
        reviewedById: coordinatorId,
        reviewedAt: at(iso(plusDays(at('2026-08-01'), i))),
      });
    // Four sessions a week apart, the first i days after the referral; one missed on cases 1-5.
    for (let s = 0; s < 4; s++) {
      const sid = randomUUID();
      const start = plusDays(at(iso(received)), i + 7 * s);
      const mentorId = mentors[(i + s) % 4]!;
      sessions.push({
        id: sid,
        caseId: id,
        mentorId,
        status: 'ended',
        startedAt: start,
        endedAt: new Date(start.getTime() + 3_600_000),
        createdAt: start,
      });
      const missed = s === 0 && i <= 5;
      const engagement = missed ? 'did_not_attend' : held++ < 40 ? 'active' : 'passive';
      debriefs.push({
        id: randomUUID(),
        authorId: mentorId,
        caseCode: `YR-${String(i).padStart(4, '0')}`,
        caseId: id,
        sessionId: sid,
        sessionDate: at(iso(start), '00:00'),
        sessionWent: missed ? 'did_not_attend' : 'well',
        feeling: 4,
        flagConcern: false,
        engagement,
        createdAt: start,
      });
    }
  }
  for (let c = 0; c < 3; c++)
    sessions.push({
      id: randomUUID(),
      caseId: cases[12]!.id,
      mentorId: mentors[0]!,
      status: 'cancelled',
      plannedStart: at(`2026-04-0${c + 1}`),
      createdAt: at('2026-03-20'),
    });
  ref('channel', 'declined', at('2026-03-01', '00:00'), undefined, 'not_eligible');
  ref('channel', 'declined', at('2026-03-02', '00:00'), undefined, 'not_eligible');
  ref('marac', 'awaiting', at('2026-11-20', '00:00'));
  ref('self_family', 'withdrawn', at('2026-06-01', '00:00'));

  await db.case.createMany({ data: cases });
  await db.referral.createMany({ data: referrals });
  await db.mentoringSession.createMany({ data: sessions });
  await db.debrief.createMany({ data: debriefs });
  await db.caseReview.createMany({ data: reviews });
  const caseId = (i: number) => cases[i]!.id;
  await db.caseEnding.createMany({
    data: [
      { caseId: caseId(10), reason: 'client_withdrew', recordedById: coordinatorId, recordedAt: at('2026-08-11') },
      { caseId: caseId(11), reason: 'client_withdrew', recordedById: coordinatorId, recordedAt: at('2026-08-12') },
      { caseId: caseId(8), reason: 'custody', recordedById: coordinatorId, recordedAt: at('2026-08-09') },
    ],
  });
  await db.caseFollowUp.createMany({
    data: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({
      id: randomUUID(),
      caseId: caseId(i),
      months: 3,
      dueAt: at(iso(plusDays(at('2026-11-01'), i))),
      status: 'answered',
      reinvolvement: i <= 6 ? 'no' : i === 7 ? 'yes' : 'unknown',
      source: 'probation',
      answeredAt: at(iso(plusDays(at('2026-11-01'), i)), '12:00'),
    })),
  });
  await db.caseAssignment.createMany({
    data: [
      { id: randomUUID(), caseId: caseId(12), memberId: mentors[0]!, role: 'mentor', assignedAt: at('2026-01-14') },
      { id: randomUUID(), caseId: caseId(13), memberId: mentors[0]!, role: 'mentor', assignedAt: at('2026-01-15') },
      { id: randomUUID(), caseId: caseId(14), memberId: mentors[1]!, role: 'mentor', assignedAt: at('2026-01-16') },
      { id: randomUUID(), caseId: caseId(15), memberId: mentors[2]!, role: 'mentor', assignedAt: at('2026-01-17') },
      {
        id: randomUUID(),
        caseId: caseId(1),
        memberId: mentors[3]!,
        role: 'mentor',
        assignedAt: at('2026-01-03'),
        endedAt: at('2026-08-02'),
      },
    ],
  });
  const escalation = (tier: 'P1' | 'P2', raisedAt: Date, ackMinutes: number) => ({
    id: randomUUID(),
    tier,
    category: 'other',
    reporterId: mentors[0]!,
    status: 'acknowledged' as const,
    policy: {},
    raisedAt,
    deadlineAt: raisedAt,
    clientTold: 'no',
    detailsEnc: 'sealed',
    acknowledgedAt: new Date(raisedAt.getTime() + ackMinutes * 60_000),
  });
  await db.escalation.createMany({
    data: [
      escalation('P1', at('2026-05-01'), 3),
      escalation('P1', at('2026-05-02'), 5),
      ...Array.from({ length: 12 }, (_, k) => escalation('P2', at(iso(plusDays(at('2026-06-01'), k))), 10 * (k + 1))),
    ],
  });
  const concerns = [0, 1, 2, 3].map(() => randomUUID());
  await db.concern.createMany({
    data: concerns.map((id, k) => ({
      id,
      source: 'direct',
      category: 'risk_to_others',
      urgency: 'soon',
      raisedById: mentors[k]!,
      lastActivityAt: at('2026-05-01'),
      createdAt: at(`2026-05-0${k + 1}`),
    })),
  });
  await db.onwardReferral.createMany({
    data: [0, 1].map((k) => ({
      id: randomUUID(),
      concernId: concerns[k]!,
      agency: 'police',
      referredOn: at('2026-05-05', '00:00'),
      recordedBy: coordinatorId,
      createdAt: at('2026-05-05'),
    })),
  });
  await db.supervisionRequest.createMany({
    data: [0, 1].map((k) => ({
      id: randomUUID(),
      requesterId: mentors[k]!,
      topic: 'risk',
      urgency: 'routine',
      format: 'call',
      summaryEnc: 'sealed',
      status: 'closed',
      acceptedAt: at('2026-07-01'),
      happened: true,
      createdAt: at('2026-06-30'),
    })),
  });
}
