// Workload and time. A session tracked with /session start and /session end counts from its actual
// start to the mentor's own end (a paired session counts for each mentor); otherwise the debrief's
// stated length counts. Travel is optional. Months are the network's calendar months.
import { DateTime } from 'luxon';
import type { Deps } from '../../core/deps.js';
import type { OptionValue } from '../../core/interaction.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import { activeCaseMembers } from '../cases/api.js';
import { statedTimes } from '../debrief/api.js';
import { raisedBetween } from '../escalation/api.js';
import { sessionsPerMember, setTravel, trackedSessionIds, trackedTime } from '../sessions/api.js';
import { pausedMembers, scheduleCheckin } from '../welfare/api.js';
import { monthPattern, monthRange, parseMoney, payFor } from './policy.js';
import { namedMentor } from './record.js';

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
  await setTravel(tx, { sessionId, memberId, minutes: travel.minutes, costPence });
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
  const tracked = (await trackedTime(tx, from, to)).map((r) => ({ ...r, tracked: true }));
  const stated = await statedTimes(tx, month);
  const timed = await trackedSessionIds(tx, [
    ...new Set(stated.flatMap((d) => (d.sessionId === null ? [] : [d.sessionId]))),
  ]);
  const debriefs = stated
    .filter((d) => d.sessionId === null || !timed.has(d.sessionId))
    .map(({ sessionId: _, ...d }) => ({ ...d, tracked: false }));
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
  const settings = await readSettings(tx, deps);
  const { from, to } = monthRange(month, settings.networkTimeZone);
  return total(await rowsFor(tx, from, to, month, [memberId]), month, settings.mentorCare.pay);
}

/**
 * `/mentor hours [mentor] [month]`: a month typed alone is the actor's own; no month is this one in
 * the network's calendar. A mentor without coordinator rights sees only their own.
 */
export async function hoursAsked(
  ctx: ActorContext,
  options: { member?: OptionValue; month?: OptionValue },
): Promise<{ name: string; hours: MonthHours }> {
  const { networkTimeZone } = await readSettings(ctx.tx, ctx.deps);
  const asMonth = options.month === undefined && monthPattern.test(String(options.member ?? ''));
  const month = String(
    asMonth
      ? options.member
      : (options.month ?? DateTime.fromJSDate(ctx.now, { zone: networkTimeZone }).toFormat('yyyy-MM')),
  );
  if (!monthPattern.test(month)) throw new Refusal('month: please give it as YYYY-MM, for example 2026-11.');
  const member = await namedMentor(ctx, asMonth ? undefined : options.member);
  return { name: member.displayName, hours: await monthHours(ctx.tx, ctx.deps, member.id, month) };
}

/** Every mentor with hours in the month (the export), by name. */
export async function monthHoursAll(
  tx: Tx,
  deps: Pick<Deps, 'config'>,
  month: string,
): Promise<(MonthHours & { memberId: string; name: string })[]> {
  const settings = await readSettings(tx, deps);
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
export async function offerWorkloadCheckins(ctx: UseCaseContext): Promise<string[]> {
  const { mentorCare } = await readSettings(ctx.tx, ctx.deps);
  const since = new Date(ctx.now.getTime() - 7 * 86_400_000);
  const busy = await sessionsPerMember(ctx.tx, {
    since,
    until: ctx.now,
    moreThan: mentorCare.weeklySessionsThreshold,
  });
  const p1 = await raisedBetween(ctx.tx, { tier: 'P1', from: since, to: ctx.now });
  const teams = [];
  for (const code of new Set(p1.flatMap((e) => (e.caseCode ? [e.caseCode] : []))))
    teams.push(...(await activeCaseMembers(ctx.tx, code)));
  const named = await ctx.tx.trimSupport.findMany({
    where: { escalationId: { in: p1.map((e) => e.id) } },
    select: { memberId: true },
  });
  const ids = new Set([
    ...busy.keys(),
    ...p1.map((e) => e.reporterId),
    ...teams.map((t) => t.memberId),
    ...named.map((n) => n.memberId),
  ]);
  const mentors = await ctx.tx.member.findMany({
    where: { id: { in: [...ids] }, roles: { has: 'mentor' }, status: { not: 'left' } },
    select: { id: true },
  });
  const paused = await pausedMembers(
    ctx.tx,
    mentors.map((m) => m.id),
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
    const { mentorCare } = await readSettings(tx, deps);
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
