// A mentor's check-in schedule (the network default until they change it) and the weekly series it
// queues, one job row per chosen day in the mentor's zone; the daily sweep that enrols mentors.
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { Refusal } from '../../core/refusal.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { nextOccurrence } from '../../jobs/schedule.js';
import { ensureSeries, type StandingSeries } from '../../jobs/series.js';
import { actorEvent } from './audit.js';
import { SERIES_KIND, seriesName, SWEEP_KIND } from './kinds.js';
import { nextCheckinAt, weeklySchedules, welfareDefaults, type Consent } from './policy.js';

type Reading = Pick<UseCaseContext, 'tx' | 'deps'>;

/** The mentor's schedule, or the network default when they have none yet. */
export async function scheduleOf(ctx: Reading, memberId: string) {
  const row = await ctx.tx.checkinSchedule.findUnique({ where: { memberId } });
  const defaults = welfareDefaults(ctx.deps.config);
  return (
    row ?? {
      memberId,
      weekdays: defaults.weekdays,
      minute: defaults.minute,
      paused: false,
      consent: null,
      updatedAt: null,
    }
  );
}

const seriesFence = (updatedAt: Date, zone: string) => `${updatedAt.toISOString()}|${zone}`;

/** The fence the recurring check-ins of a member must carry: changes with their schedule or zone. */
export async function currentSeriesFence(tx: Tx, memberId: string): Promise<string | null> {
  const rows = await tx.$queryRaw<
    { updatedAt: Date; paused: boolean }[]
  >`SELECT "updatedAt", "paused" FROM "CheckinSchedule" WHERE "memberId" = ${memberId}::uuid FOR SHARE`;
  const member = await tx.member.findUnique({ where: { id: memberId }, select: { timeZone: true, status: true } });
  const row = rows[0];
  if (!row || !member || member.status === 'left' || row.paused) return null;
  return seriesFence(row.updatedAt, member.timeZone);
}

/** Re-creates the recurring check-ins from the schedule: one weekly series row per chosen day. */
export async function syncSeries(ctx: UseCaseContext, memberId: string): Promise<Date | undefined> {
  const schedule = await ctx.tx.checkinSchedule.findUnique({ where: { memberId } });
  const member = await ctx.tx.member.findUnique({ where: { id: memberId }, select: { timeZone: true, status: true } });
  const series = seriesName(memberId);
  const wanted =
    schedule && member && member.status !== 'left' && !schedule.paused
      ? weeklySchedules(schedule.weekdays, schedule.minute, member.timeZone)
      : [];
  const keep: string[] = [];
  let first: Date | undefined;
  for (const s of wanted) {
    const dueAt = nextOccurrence(s, ctx.now);
    if (!first || dueAt < first) first = dueAt;
    const fence = seriesFence(schedule!.updatedAt, member!.timeZone);
    const existing = await ctx.tx.job.findFirst({ where: { series, dueAt }, select: { id: true, status: true } });
    if (existing && (existing.status === 'pending' || existing.status === 'cancelled')) {
      await ctx.tx.job.update({
        where: { id: existing.id },
        data: {
          status: 'pending',
          runAt: dueAt,
          fence,
          schedule: s,
          kind: SERIES_KIND,
          payload: { memberId },
          skipReason: null,
        },
      });
      keep.push(existing.id);
    } else if (!existing) {
      const { id } = await enqueueJob(ctx.tx, {
        kind: SERIES_KIND,
        dueAt,
        payload: { memberId },
        subject: { kind: 'checkin-schedule', id: memberId },
        fence,
        series,
        schedule: s,
      });
      keep.push(id);
    }
  }
  await ctx.tx.job.updateMany({
    where: { series, status: 'pending', id: { notIn: keep } },
    data: { status: 'cancelled', skipReason: 'cancelled' },
  });
  return first;
}

/** A mentor has a schedule (the network default until they change it) and its check-ins are queued. */
export async function ensureEnrolled(ctx: UseCaseContext, memberId: string): Promise<void> {
  const member = await ctx.tx.member.findUnique({
    where: { id: memberId },
    select: { roles: true, status: true, timeZone: true },
  });
  if (!member || member.status === 'left' || !member.roles.includes('mentor')) return;
  await ensureSweep(ctx);
  const row = await ctx.tx.checkinSchedule.findUnique({ where: { memberId } });
  if (!row) {
    const d = welfareDefaults(ctx.deps.config);
    // Enrolment can start from several places at once (a first Home tab visit retried by Slack):
    // the one that creates the schedule writes the series.
    const { count } = await ctx.tx.checkinSchedule.createMany({
      data: [{ memberId, weekdays: d.weekdays, minute: d.minute }],
      skipDuplicates: true,
    });
    if (count === 1) await syncSeries(ctx, memberId);
    return;
  }
  if (row.paused) return;
  const fence = seriesFence(row.updatedAt, member.timeZone);
  const pending = await ctx.tx.job.findMany({
    where: { series: seriesName(memberId), status: 'pending' },
    select: { fence: true },
  });
  if (pending.length !== new Set(row.weekdays).size || pending.some((j) => j.fence !== fence))
    await syncSeries(ctx, memberId);
}

/** Made sure of at every start too, so mentors are enrolled even before anyone uses welfare. */
export const sweepSeries: StandingSeries = {
  kind: SWEEP_KIND,
  series: 'welfare:enrol',
  schedule: async (tx, deps) => ({
    every: 'day',
    time: '03:00',
    zone: (await readSettings(tx, deps)).networkTimeZone,
  }),
};

/** The daily sweep that enrols new mentors and re-queues check-ins after a time zone change. */
export async function ensureSweep(ctx: UseCaseContext): Promise<void> {
  await ensureSeries(ctx.tx, { ...sweepSeries, schedule: await sweepSeries.schedule(ctx.tx, ctx.deps), now: ctx.now });
}

/** The sweep itself: every mentor enrolled, their series checked. */
export async function enrolAll(ctx: UseCaseContext): Promise<number> {
  const mentors = await ctx.tx.member.findMany({
    where: { status: { not: 'left' }, roles: { has: 'mentor' } },
    select: { id: true },
  });
  for (const m of mentors) await ensureEnrolled(ctx, m.id);
  return mentors.length;
}

export interface ScheduleChange {
  weekdays: number[];
  minute: number;
  paused: boolean;
  consent: Consent;
}

/** `/checkin settings` saved: the schedule, then its series; the first check-in it queues. */
export async function saveSchedule(ctx: ActorContext, change: ScheduleChange): Promise<Date | undefined> {
  if (!change.weekdays.length) throw new Refusal('Please choose at least one day, or pause check-ins instead.');
  const memberId = ctx.actor.memberId;
  await ctx.tx.checkinSchedule.upsert({
    where: { memberId },
    create: {
      memberId,
      weekdays: change.weekdays,
      minute: change.minute,
      paused: change.paused,
      consent: change.consent,
    },
    update: { weekdays: change.weekdays, minute: change.minute, paused: change.paused, consent: change.consent },
  });
  await actorEvent(ctx, memberId, 'welfare.schedule_changed', {
    weekdays: change.weekdays,
    minute: change.minute,
    paused: change.paused,
  });
  return syncSeries(ctx, memberId);
}

/** The mentor's next scheduled check-in; none while paused. */
export async function nextScheduledFor(ctx: UseCaseContext, memberId: string): Promise<Date | undefined> {
  const s = await scheduleOf(ctx, memberId);
  const member = await ctx.tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { timeZone: true } });
  return s.paused ? undefined : nextCheckinAt(s.weekdays, s.minute, member.timeZone, ctx.now);
}
