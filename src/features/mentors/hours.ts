// Workload and time. A session tracked with /session start and /session end counts from its actual
// start to the mentor's own end (a paired session counts for each mentor); otherwise the debrief's
// stated length counts. Travel is optional. Months are the network's calendar months.
import { Refusal } from '../../core/router.js';
import { scheduleCheckin } from '../welfare/api.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import type { Deps } from '../../core/deps.js';
import { monthRange, parseMoney, payFor } from './policy.js';

export interface MonthHours {
  month: string;
  sessions: number;
  tracked: number;
  fromDebriefs: number;
  minutes: number;
  travelMinutes: number;
  travelCostPence: number;
  payPence: number;
  basis: 'day' | 'hour';
}

/** Travel given at /session end, on the mentor's own part in the session. */
export async function recordTravel(
  tx: Tx,
  sessionId: string,
  memberId: string,
  travel: { minutes?: number; cost?: string },
): Promise<boolean> {
  if (travel.minutes === undefined && travel.cost === undefined) return false;
  const costPence = travel.cost === undefined ? undefined : parseMoney(travel.cost);
  if (costPence === undefined && travel.cost !== undefined)
    throw new Refusal(
      'travel_cost should be an amount such as 12.50. Your session was not ended yet; please try again.',
    );
  await tx.sessionParticipant.update({
    where: { sessionId_memberId: { sessionId, memberId } },
    data: { travelMinutes: travel.minutes, travelCostPence: costPence },
  });
  return true;
}

interface Row {
  memberId: string;
  minutes: number;
  travelMinutes: number;
  travelCostPence: number;
  tracked: boolean;
}

async function rowsFor(tx: Tx, from: Date, to: Date, month: string, memberIds?: string[]): Promise<Row[]> {
  const tracked = await tx.$queryRaw<Row[]>`
    SELECT p."memberId", round(extract(epoch FROM (coalesce(p."endedAt", s."endedAt") - s."startedAt")) / 60)::int AS minutes,
           coalesce(p."travelMinutes", 0) AS "travelMinutes", coalesce(p."travelCostPence", 0) AS "travelCostPence", true AS tracked
    FROM "SessionParticipant" p JOIN "MentoringSession" s ON s."id" = p."sessionId"
    WHERE s."startedAt" IS NOT NULL AND coalesce(p."endedAt", s."endedAt") IS NOT NULL AND s."startedAt" >= ${from} AND s."startedAt" < ${to}`;
  const debriefs = await tx.$queryRaw<Row[]>`
    SELECT d."authorId" AS "memberId", coalesce(d."lengthMinutes", 0) AS minutes,
           coalesce(d."travelMinutes", 0) AS "travelMinutes", coalesce(d."travelCostPence", 0) AS "travelCostPence", false AS tracked
    FROM "Debrief" d LEFT JOIN "MentoringSession" s ON s."id" = d."sessionId"
    WHERE to_char(d."sessionDate", 'YYYY-MM') = ${month} AND (s."id" IS NULL OR s."startedAt" IS NULL)`;
  const all = [...tracked, ...debriefs];
  return memberIds ? all.filter((r) => memberIds.includes(r.memberId)) : all;
}

function total(rows: Row[], month: string, pay: Parameters<typeof payFor>[1]): MonthHours {
  const minutes = rows.reduce((n, r) => n + Math.max(0, r.minutes), 0);
  const travelMinutes = rows.reduce((n, r) => n + r.travelMinutes, 0);
  return {
    month,
    sessions: rows.length,
    tracked: rows.filter((r) => r.tracked).length,
    fromDebriefs: rows.filter((r) => !r.tracked).length,
    minutes,
    travelMinutes,
    travelCostPence: rows.reduce((n, r) => n + r.travelCostPence, 0),
    payPence: payFor(minutes + travelMinutes, pay),
    basis: pay.basis,
  };
}

export async function monthHours(
  tx: Tx,
  deps: Pick<Deps, 'config'>,
  memberId: string,
  month: string,
): Promise<MonthHours> {
  const settings = await readSettings(tx, deps.config);
  const { from, to } = monthRange(month, settings.networkTimeZone);
  return total(await rowsFor(tx, from, to, month, [memberId]), month, settings.mentorCare.pay);
}

/** Every mentor with hours in the month (the export), by name. */
export async function monthHoursAll(
  tx: Tx,
  deps: Pick<Deps, 'config'>,
  month: string,
): Promise<(MonthHours & { memberId: string; name: string })[]> {
  const settings = await readSettings(tx, deps.config);
  const { from, to } = monthRange(month, settings.networkTimeZone);
  const rows = await rowsFor(tx, from, to, month);
  const members = await tx.member.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.memberId))] } },
    select: { id: true, displayName: true },
    orderBy: { displayName: 'asc' },
  });
  return members.map((m) => ({
    memberId: m.id,
    name: m.displayName,
    ...total(
      rows.filter((r) => r.memberId === m.id),
      month,
      settings.mentorCare.pay,
    ),
  }));
}

/**
 * The weekly workload pass: a mentor with more than the network's number of sessions, or any P1
 * exposure (they raised it, work its case, or were named afterwards), in the seven days before now
 * gets an extra, gentle check-in. Their check-in rules apply: none while check-ins are paused, and
 * an away mentor's waits until they are back; who sees the answer is their own choice as ever.
 */
export async function offerWorkloadCheckins(ctx: { tx: Tx; deps: Deps; now: Date }): Promise<string[]> {
  const { mentorCare } = await readSettings(ctx.tx, ctx.deps.config);
  const since = new Date(ctx.now.getTime() - 7 * 86_400_000);
  const busy = await ctx.tx.$queryRaw<{ memberId: string }[]>`
    SELECT p."memberId" FROM "SessionParticipant" p JOIN "MentoringSession" s ON s."id" = p."sessionId"
    WHERE s."status" <> 'cancelled' AND coalesce(s."startedAt", s."plannedStart", s."createdAt") >= ${since} AND coalesce(s."startedAt", s."plannedStart", s."createdAt") < ${ctx.now}
    GROUP BY p."memberId" HAVING count(*) > ${mentorCare.weeklySessionsThreshold}`;
  const p1 = await ctx.tx.escalation.findMany({
    where: { tier: 'P1', raisedAt: { gte: since, lt: ctx.now } },
    select: { id: true, reporterId: true, caseCode: true },
  });
  const cases = await ctx.tx.case.findMany({
    where: { code: { in: p1.map((e) => e.caseCode).filter((c): c is string => !!c) } },
    select: { id: true },
  });
  const teams = await ctx.tx.caseAssignment.findMany({
    where: { caseId: { in: cases.map((c) => c.id) }, endedAt: null },
    select: { memberId: true },
  });
  const named = await ctx.tx.trimSupport.findMany({
    where: { escalationId: { in: p1.map((e) => e.id) } },
    select: { memberId: true },
  });
  const ids = new Set([
    ...busy.map((b) => b.memberId),
    ...p1.map((e) => e.reporterId),
    ...teams.map((t) => t.memberId),
    ...named.map((n) => n.memberId),
  ]);
  const mentors = await ctx.tx.member.findMany({
    where: { id: { in: [...ids] }, roles: { has: 'mentor' }, status: { not: 'left' } },
    select: { id: true },
  });
  const paused = new Set(
    (
      await ctx.tx.checkinSchedule.findMany({
        where: { memberId: { in: mentors.map((m) => m.id) }, paused: true },
        select: { memberId: true },
      })
    ).map((s) => s.memberId),
  );
  const offered: string[] = [];
  for (const m of mentors.filter((x) => !paused.has(x.id))) {
    await scheduleCheckin(ctx, {
      memberId: m.id,
      reason: 'workload',
      dueAt: ctx.now,
      sourceId: `${m.id}:${ctx.now.toISOString().slice(0, 10)}`,
    });
    offered.push(m.id);
  }
  return offered;
}

/** `npm run export -- hours --month 2026-11`: each mentor's month (money in pence) and the pay settings used. */
export async function exportHours(deps: Pick<Deps, 'db' | 'config'>, month: string) {
  return deps.db.$transaction(async (tx) => {
    const { mentorCare } = await readSettings(tx, deps.config);
    const mentors = (await monthHoursAll(tx, deps, month)).map((m) => ({
      name: m.name,
      memberId: m.memberId,
      sessions: m.sessions,
      tracked: m.tracked,
      fromDebriefs: m.fromDebriefs,
      minutes: m.minutes,
      travelMinutes: m.travelMinutes,
      travelCostPence: m.travelCostPence,
      payPence: m.payPence,
    }));
    return { month, pay: mentorCare.pay, mentors };
  });
}
