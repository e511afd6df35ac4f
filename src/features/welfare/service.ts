// Welfare check-ins: schedules in each mentor's local time, private answers, gentle follow-up.
// Every state change and the messages it causes are written in the caller's transaction.
import { ensureSeries, type StandingSeries } from '../../jobs/series.js';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Deps } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';
import type { Holding } from '../../core/holdings.js';
import type { Message, Reply } from '../../core/message.js';
import { Refusal, type HandlerContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { isUuid } from '../../core/values.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { whoIsOnDuty } from '../duty/api.js';
import { nextOccurrence } from '../../jobs/schedule.js';
import {
  answerLabels,
  CHANGE_WINDOW_MS,
  defaultConsent,
  followUpFor,
  missedAction,
  missedRun,
  MISSED_AFTER_MS,
  nextCheckinAt,
  sensibleTime,
  shownCount,
  weeklySchedules,
  welfareDefaults,
  type Answer,
  type CheckinReason,
  type Consent,
  type FollowUpRule,
  type Wants,
} from './policy.js';
import {
  answeredMessage,
  checkinMessage,
  directOfferMessage,
  nudgeMessage,
  professionalMessage,
  softReminderMessage,
  supervisionOfferMessage,
} from './forms.js';

export interface WelfareCtx {
  tx: Tx;
  deps: Deps;
  now: Date;
}

export const SERIES_KIND = 'welfare.checkin';
export const ONCE_KIND = 'welfare.checkin-once';
export const MISSED_KIND = 'welfare.checkin-missed';
export const FOLLOWUP_KIND = 'welfare.followup';
export const SWEEP_KIND = 'welfare.enrol';

export const seriesName = (memberId: string) => `checkin:${memberId}`;
const DAY = 24 * 60 * 60 * 1000;

const event = (
  ctx: WelfareCtx,
  subjectKind: string,
  subjectId: string,
  kind: string,
  data: Record<string, string | number | boolean | null> = {},
  actorId?: string,
) => recordEvent(ctx.tx, { subjectKind, subjectId, kind, at: ctx.now, actorId, data });

const isAway = (member: { status: string; awayUntil: Date | null }, now: Date) =>
  member.status === 'away' && (!member.awayUntil || member.awayUntil > now);

// ── Agreed cross-capability entry point ─────────────────────────────────────────────────────

/**
 * A one-off check-in for a mentor (after a hard debrief, or the TRiM check-ins after a P1/P2
 * escalation). Moved into sensible local hours (09:00–20:00); one per reason and source.
 */
export async function scheduleCheckin(
  ctx: WelfareCtx,
  input: {
    memberId: string;
    reason: 'debrief_followup' | 'trim_72h' | 'trim_28d' | 'snooze' | 'workload';
    dueAt: Date;
    sourceId?: string;
  },
): Promise<void> {
  const member = await ctx.tx.member.findUnique({
    where: { id: input.memberId },
    select: { status: true, timeZone: true },
  });
  if (!member || member.status === 'left') return;
  await ensureSweep(ctx);
  const id = randomUUID();
  const dueAt = sensibleTime(input.dueAt, member.timeZone);
  const job = await enqueueJob(ctx.tx, {
    kind: ONCE_KIND,
    dueAt,
    payload: { checkinId: id },
    subject: { kind: 'checkin', id },
    dedupeKey: input.sourceId ? `welfare:${input.reason}:${input.sourceId}` : `welfare:checkin:${id}`,
  });
  if (!job.created) return;
  await ctx.tx.checkin.create({
    data: { id, memberId: input.memberId, reason: input.reason, status: 'scheduled', dueAt },
  });
  await event(ctx, 'member', input.memberId, 'welfare.checkin_scheduled', { checkinId: id, reason: input.reason });
}

// ── Schedules ───────────────────────────────────────────────────────────────────────────────

export async function scheduleOf(tx: Tx, deps: Deps, memberId: string) {
  const row = await tx.checkinSchedule.findUnique({ where: { memberId } });
  const defaults = welfareDefaults(deps.config);
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
export async function syncSeries(ctx: WelfareCtx, memberId: string): Promise<Date | undefined> {
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
export async function ensureEnrolled(ctx: WelfareCtx, memberId: string): Promise<void> {
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

/** The daily sweep that enrols new mentors and re-queues check-ins after a time zone change. */
export async function ensureSweep(ctx: WelfareCtx): Promise<void> {
  await ensureSeries(ctx.tx, { ...sweepSeries, schedule: await sweepSeries.schedule(ctx.tx, ctx.deps), now: ctx.now });
}

/** Made sure of at every start too, so mentors are enrolled even before anyone uses welfare. */
export const sweepSeries: StandingSeries = {
  kind: SWEEP_KIND,
  series: 'welfare:enrol',
  schedule: async (tx, deps) => ({
    every: 'day',
    time: '03:00',
    zone: (await readSettings(tx, deps.config)).networkTimeZone,
  }),
};

export async function enrolAll(ctx: WelfareCtx): Promise<number> {
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

export async function saveSchedule(ctx: HandlerContext, change: ScheduleChange): Promise<Date | undefined> {
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
  await recordEvent(ctx.tx, {
    subjectKind: 'member',
    subjectId: memberId,
    kind: 'welfare.schedule_changed',
    at: ctx.now,
    actorId: memberId,
    surface: ctx.surface,
    data: { weekdays: change.weekdays, minute: change.minute, paused: change.paused },
  });
  return syncSeries(ctx, memberId);
}

export async function nextScheduledFor(ctx: WelfareCtx, memberId: string): Promise<Date | undefined> {
  const s = await scheduleOf(ctx.tx, ctx.deps, memberId);
  const member = await ctx.tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { timeZone: true } });
  return s.paused ? undefined : nextCheckinAt(s.weekdays, s.minute, member.timeZone, ctx.now);
}

// ── Delivery ────────────────────────────────────────────────────────────────────────────────

async function supporterOf(tx: Tx, memberId: string) {
  const member = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { supporterId: true } });
  if (!member.supporterId) return null;
  return tx.member.findFirst({
    where: { id: member.supporterId, status: { not: 'left' } },
    select: { id: true, displayName: true },
  });
}

async function consentFor(
  ctx: WelfareCtx,
  memberId: string,
): Promise<{ consent: Consent; supporter: { id: string; displayName: string } | null }> {
  const supporter = await supporterOf(ctx.tx, memberId);
  const s = await scheduleOf(ctx.tx, ctx.deps, memberId);
  return { consent: (s.consent as Consent | null) ?? defaultConsent(!!supporter), supporter };
}

/** Sends the check-in privately; `asReply` returns it to the asking member instead (on demand). */
async function deliver(ctx: WelfareCtx, checkinId: string, options: { missable: boolean }): Promise<Message> {
  const checkin = await ctx.tx.checkin.findUniqueOrThrow({ where: { id: checkinId } });
  const first =
    (await ctx.tx.checkin.count({ where: { memberId: checkin.memberId, deliveredAt: { not: null } } })) === 0;
  const { consent, supporter } = await consentFor(ctx, checkin.memberId);
  await ctx.tx.checkin.update({ where: { id: checkinId }, data: { status: 'delivered', deliveredAt: ctx.now } });
  const message = checkinMessage({
    checkinId,
    reason: checkin.reason as CheckinReason,
    consent,
    supporterName: supporter?.displayName ?? null,
    first,
    supportLines: welfareDefaults(ctx.deps.config).supportLines,
  });
  if (options.missable) {
    await enqueueJob(ctx.tx, {
      kind: MISSED_KIND,
      dueAt: new Date(ctx.now.getTime() + MISSED_AFTER_MS),
      payload: { checkinId },
      subject: { kind: 'checkin', id: checkinId },
      fence: String(checkin.epoch),
      dedupeKey: `welfare:missed:${checkinId}`,
    });
  }
  await event(ctx, 'member', checkin.memberId, 'welfare.checkin_delivered', { checkinId, reason: checkin.reason });
  return message;
}

/** The recurring check-in falls due (the runner has already skipped it if it was hours late). */
export async function runScheduledCheckin(ctx: WelfareCtx, memberId: string, dueAt: Date): Promise<void> {
  const member = await ctx.tx.member.findUnique({ where: { id: memberId } });
  if (!member || member.status === 'left' || !member.roles.includes('mentor')) return;
  if (isAway(member, ctx.now)) {
    await event(ctx, 'member', memberId, 'welfare.checkin_skipped', { cause: 'away' });
    return;
  }
  const id = randomUUID();
  await ctx.tx.checkin.create({ data: { id, memberId, reason: 'scheduled', status: 'scheduled', dueAt } });
  const message = await deliver(ctx, id, { missable: true });
  await ctx.deps.outbox.enqueue(ctx.tx, { to: 'member', memberId, message, key: `checkin:${id}` });
}

/** A one-off check-in falls due. Away: postponed to the return (a snooze is simply dropped). */
export async function runOneOffCheckin(ctx: WelfareCtx, checkinId: string): Promise<void> {
  const checkin = await ctx.tx.checkin.findUnique({ where: { id: checkinId } });
  if (!checkin || checkin.status !== 'scheduled') return;
  const member = await ctx.tx.member.findUniqueOrThrow({ where: { id: checkin.memberId } });
  if (member.status === 'left') {
    await ctx.tx.checkin.update({ where: { id: checkinId }, data: { status: 'cancelled' } });
    return;
  }
  if (isAway(member, ctx.now)) {
    if (checkin.reason === 'snooze' || !member.awayUntil) {
      await ctx.tx.checkin.update({ where: { id: checkinId }, data: { status: 'skipped' } });
      return;
    }
    const dueAt = sensibleTime(member.awayUntil, member.timeZone);
    await ctx.tx.checkin.update({ where: { id: checkinId }, data: { dueAt } });
    await enqueueJob(ctx.tx, {
      kind: ONCE_KIND,
      dueAt,
      payload: { checkinId },
      subject: { kind: 'checkin', id: checkinId },
      dedupeKey: `welfare:checkin:${checkinId}:${dueAt.toISOString()}`,
    });
    return;
  }
  const message = await deliver(ctx, checkinId, { missable: true });
  await ctx.deps.outbox.enqueue(ctx.tx, {
    to: 'member',
    memberId: checkin.memberId,
    message,
    key: `checkin:${checkinId}`,
  });
}

/** `/checkin now`: a check-in shown at once; not counted as missed if left unanswered. */
export async function checkinNow(ctx: HandlerContext): Promise<Message> {
  await ensureEnrolled(ctx, ctx.actor.memberId);
  const id = randomUUID();
  await ctx.tx.checkin.create({
    data: { id, memberId: ctx.actor.memberId, reason: 'on_demand', status: 'scheduled', dueAt: ctx.now },
  });
  return deliver(ctx, id, { missable: false });
}

// ── Answers ─────────────────────────────────────────────────────────────────────────────────

async function ownCheckin(ctx: HandlerContext, checkinId: string) {
  // Buttons are parsed by the router; the answer form's context is checked here.
  if (!isUuid(checkinId)) throw new Refusal('That button is no longer valid.', 'bad_button');
  await ctx.tx.$queryRaw`SELECT "id" FROM "Checkin" WHERE "id" = ${checkinId}::uuid FOR UPDATE`;
  const checkin = await ctx.tx.checkin.findUnique({ where: { id: checkinId } });
  // Someone else's check-in is treated as unknown: nothing about it is revealed.
  if (!checkin || checkin.memberId !== ctx.actor.memberId)
    throw new Refusal('That check-in is not one of yours, so nothing was changed.', 'not_owner');
  return checkin;
}

function assertChangeable(checkin: { status: string; changeableUntil: Date | null }, now: Date) {
  if (['scheduled', 'cancelled', 'skipped', 'snoozed'].includes(checkin.status))
    throw new Refusal('That check-in is no longer open. You can start a new one with /checkin now.', 'closed');
  if (checkin.changeableUntil && checkin.changeableUntil <= now)
    throw new Refusal(
      'An answer can be changed for 24 hours; this one is settled now. You can start a new check-in with /checkin now.',
      'closed',
    );
}

async function queueFollowUp(ctx: WelfareCtx, checkinId: string, epoch: number) {
  await enqueueJob(ctx.tx, {
    kind: FOLLOWUP_KIND,
    dueAt: ctx.now,
    payload: { checkinId },
    subject: { kind: 'checkin', id: checkinId },
    fence: String(epoch),
    dedupeKey: `welfare:followup:${checkinId}:${epoch}`,
  });
}

export async function answerCheckin(ctx: HandlerContext, checkinId: string, answer: Answer): Promise<Reply[]> {
  const checkin = await ownCheckin(ctx, checkinId);
  assertChangeable(checkin, ctx.now);
  const changed = checkin.answer !== null;
  const { consent, supporter } = await consentFor(ctx, checkin.memberId);
  const chosen = (checkin.consent as Consent | null) ?? consent;
  const epoch = checkin.epoch + 1;
  await ctx.tx.checkin.update({
    where: { id: checkinId },
    data: {
      answer,
      consent: chosen,
      status: 'answered',
      answeredAt: checkin.answeredAt ?? ctx.now,
      changeableUntil: checkin.changeableUntil ?? new Date(ctx.now.getTime() + CHANGE_WINDOW_MS),
      epoch,
    },
  });
  await queueFollowUp(ctx, checkinId, epoch);
  await recordEvent(ctx.tx, {
    subjectKind: 'member',
    subjectId: checkin.memberId,
    kind: changed ? 'welfare.checkin_changed' : 'welfare.checkin_answered',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
    data: { checkinId },
  });
  const until = checkin.changeableUntil ?? new Date(ctx.now.getTime() + CHANGE_WINDOW_MS);
  const local = DateTime.fromJSDate(until, { zone: ctx.actor.timeZone }).toFormat("ccc d LLL 'at' HH:mm");
  const message = answeredMessage({
    checkinId,
    answer,
    consent: chosen,
    supporterName: supporter?.displayName ?? null,
    changeableUntil: local,
    changed,
  });
  // The check-in itself (where it was sent as a message) now shows the answer, still changeable.
  return [
    { to: 'actor', message },
    { to: 'update', key: `checkin:${checkinId}`, message: { ...message, title: 'Check-in', tone: 'info' } },
  ];
}

export async function addToAnswer(
  ctx: HandlerContext,
  checkinId: string,
  values: { weighing?: string; wants?: Wants; consent: Consent },
): Promise<void> {
  const checkin = await ownCheckin(ctx, checkinId);
  if (!checkin.answer) throw new Refusal('Please choose how you are doing first, with one of the buttons.');
  assertChangeable(checkin, ctx.now);
  const epoch = checkin.epoch + 1;
  const weighingEnc = values.weighing
    ? await ctx.deps.vault.seal(
        ctx.tx,
        values.weighing,
        { table: 'Checkin', column: 'weighingEnc', rowId: checkinId },
        { kind: 'member', id: checkin.memberId },
      )
    : checkin.weighingEnc;
  await ctx.tx.checkin.update({
    where: { id: checkinId },
    data: { consent: values.consent, wants: values.wants ?? checkin.wants, weighingEnc, epoch },
  });
  await queueFollowUp(ctx, checkinId, epoch);
  await recordEvent(ctx.tx, {
    subjectKind: 'member',
    subjectId: checkin.memberId,
    kind: 'welfare.checkin_changed',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
    data: { checkinId },
  });
}

export async function snoozeCheckin(ctx: HandlerContext, checkinId: string): Promise<Date> {
  const checkin = await ownCheckin(ctx, checkinId);
  if (checkin.status !== 'delivered' && checkin.status !== 'missed')
    throw new Refusal('That check-in is no longer waiting for an answer.', 'closed');
  await ctx.tx.checkin.update({ where: { id: checkinId }, data: { status: 'snoozed', epoch: checkin.epoch + 1 } });
  const dueAt = new Date(ctx.now.getTime() + DAY);
  await scheduleCheckin(ctx, { memberId: checkin.memberId, reason: 'snooze', dueAt, sourceId: checkinId });
  return sensibleTime(dueAt, ctx.actor.timeZone);
}

export async function answerFormInitial(ctx: HandlerContext, checkinId: string) {
  const checkin = await ownCheckin(ctx, checkinId);
  if (!checkin.answer) throw new Refusal('Please choose how you are doing first, with one of the buttons.');
  assertChangeable(checkin, ctx.now);
  const { consent } = await consentFor(ctx, checkin.memberId);
  return { consent: checkin.consent ?? consent, wants: checkin.wants ?? '' };
}

/** The mentor's own weighing text (only they may read it). */
export async function ownWeighing(ctx: HandlerContext, checkinId: string): Promise<string | null> {
  const checkin = await ownCheckin(ctx, checkinId);
  return checkin.weighingEnc
    ? ctx.deps.vault.open(ctx.tx, checkin.weighingEnc, { table: 'Checkin', column: 'weighingEnc', rowId: checkinId })
    : null;
}

// ── Follow-up ───────────────────────────────────────────────────────────────────────────────

/**
 * Who is asked when there is no supporter: the coordinator on duty now (primary, else backup, from
 * the duty rota); with nobody on the rota, every active coordinator stands in.
 */
export async function dutyCoordinators(
  ctx: WelfareCtx,
  exceptId: string,
): Promise<{ id: string; displayName: string }[]> {
  const onDuty = await whoIsOnDuty(ctx.tx, ctx.deps, ctx.now);
  for (const shift of [onDuty.primary, onDuty.backup]) {
    if (!shift || shift.coordinatorId === exceptId) continue;
    const holder = await ctx.tx.member.findFirst({
      where: { id: shift.coordinatorId, status: { not: 'left' } },
      select: { id: true, displayName: true },
    });
    if (holder) return [holder];
  }
  return ctx.tx.member.findMany({
    where: { status: { not: 'left' }, roles: { has: 'coordinator' }, id: { not: exceptId } },
    select: { id: true, displayName: true },
    orderBy: { displayName: 'asc' },
  });
}

/** Asks the supporter (or the duty coordinator) to reach out: one follow-up row, content-free messages. */
async function nudge(
  ctx: WelfareCtx,
  input: { memberId: string; checkinId: string | null; rule: FollowUpRule; useSupporter: boolean },
): Promise<{ askedName: string | null; created: boolean }> {
  const member = await ctx.tx.member.findUniqueOrThrow({
    where: { id: input.memberId },
    select: { displayName: true },
  });
  if (input.checkinId) {
    const existing = await ctx.tx.welfareFollowUp.findFirst({
      where: { checkinId: input.checkinId, rule: { in: ['struggling', 'call_requested', 'asked_for_call'] } },
    });
    if (existing) {
      const who = existing.assignedToId
        ? await ctx.tx.member.findUnique({ where: { id: existing.assignedToId }, select: { displayName: true } })
        : null;
      return { askedName: who?.displayName ?? 'the duty coordinator', created: false };
    }
  }
  const supporter = input.useSupporter ? await supporterOf(ctx.tx, input.memberId) : null;
  const recipients = supporter ? [supporter] : await dutyCoordinators(ctx, input.memberId);
  if (!recipients.length) return { askedName: null, created: false };
  const id = randomUUID();
  // Assigned to the supporter, or the one coordinator on duty; unassigned when every coordinator is asked.
  const assignedToId = supporter?.id ?? (recipients.length === 1 ? recipients[0]!.id : null);
  await ctx.tx.welfareFollowUp.create({
    data: {
      id,
      memberId: input.memberId,
      checkinId: input.checkinId,
      rule: input.rule,
      assignedToId,
      createdAt: ctx.now,
    },
  });
  for (const r of recipients) {
    await ctx.deps.outbox.enqueue(ctx.tx, {
      to: 'member',
      memberId: r.id,
      message: nudgeMessage({
        followUpId: id,
        name: member.displayName,
        rule: input.rule,
        asSupporter: !!supporter,
        sharedAnswer: supporter && input.rule === 'struggling' ? 'struggling' : undefined,
      }),
      key: `followup:${id}`,
    });
  }
  await event(ctx, 'member', input.memberId, 'welfare.followup_opened', {
    followUpId: id,
    rule: input.rule,
    assignedToId,
  });
  return {
    askedName: supporter
      ? supporter.displayName
      : recipients.length === 1
        ? `${recipients[0]!.displayName} (the duty coordinator)`
        : 'the coordinators',
    created: true,
  };
}

async function noteFollowUp(
  ctx: WelfareCtx,
  memberId: string,
  checkinId: string | null,
  rule: FollowUpRule,
): Promise<boolean> {
  if (checkinId && (await ctx.tx.welfareFollowUp.findFirst({ where: { checkinId, rule } }))) return false;
  await ctx.tx.welfareFollowUp.create({
    data: { id: randomUUID(), memberId, checkinId, rule, status: 'offered', createdAt: ctx.now },
  });
  await event(ctx, 'member', memberId, 'welfare.followup_offered', { rule, checkinId });
  return true;
}

/** The follow-up rules for an answer (run again when it changes). */
export async function runFollowUp(ctx: WelfareCtx, checkinId: string): Promise<void> {
  const checkin = await ctx.tx.checkin.findUnique({ where: { id: checkinId } });
  if (!checkin?.answer || checkin.status !== 'answered') return;
  const recent = await ctx.tx.checkin.findMany({
    where: { memberId: checkin.memberId, status: 'answered', deliveredAt: { lte: checkin.deliveredAt ?? ctx.now } },
    orderBy: { deliveredAt: 'desc' },
    take: 5,
    select: { answer: true },
  });
  let stretchedRun = 0;
  for (const r of recent) {
    if (r.answer !== 'stretched') break;
    stretchedRun++;
  }
  const decision = followUpFor({
    answer: checkin.answer as Answer,
    consent: (checkin.consent as Consent) ?? 'private',
    wants: checkin.wants as Wants | null,
    stretchedRun,
    reason: checkin.reason as CheckinReason,
  });
  const supportLines = welfareDefaults(ctx.deps.config).supportLines;
  const to = (message: Message) =>
    ctx.deps.outbox.enqueue(ctx.tx, { to: 'member', memberId: checkin.memberId, message });
  if (decision.nudge) {
    const { askedName, created } = await nudge(ctx, {
      memberId: checkin.memberId,
      checkinId,
      rule: decision.nudge,
      useSupporter: true,
    });
    if (askedName === null) decision.offerDirectly = true;
    else if (created) {
      await to({
        text: `Thank you for telling us. I have asked ${askedName} to reach out to you; they are told only that you might welcome a call, never your words. If you need help now: ${supportLines}. If anyone's life is in immediate danger, call 999 first.`,
        tone: 'info',
      });
    }
  }
  if (decision.offerDirectly && (await noteFollowUp(ctx, checkin.memberId, checkinId, 'offered_directly'))) {
    await to(directOfferMessage({ checkinId, supportLines }));
  }
  if (decision.offerSupervision && (await noteFollowUp(ctx, checkin.memberId, checkinId, 'stretched_twice'))) {
    await to(supervisionOfferMessage(checkin.wants === 'supervision'));
  }
  if (decision.pointToProfessional && (await noteFollowUp(ctx, checkin.memberId, checkinId, 'trim_professional'))) {
    await to(professionalMessage(welfareDefaults(ctx.deps.config).professionalSupport, supportLines));
  }
}

/** "Ask for a call" from the direct offer: the mentor's own explicit request. */
export async function askForCall(ctx: HandlerContext, checkinId: string): Promise<string | null> {
  const checkin = await ownCheckin(ctx, checkinId);
  const { askedName } = await nudge(ctx, {
    memberId: checkin.memberId,
    checkinId,
    rule: 'asked_for_call',
    useSupporter: true,
  });
  return askedName;
}

/** No answer 24 hours after delivery. Away by then: not missed. */
export async function runMissed(ctx: WelfareCtx, checkinId: string): Promise<void> {
  const checkin = await ctx.tx.checkin.findUnique({ where: { id: checkinId } });
  if (!checkin || checkin.status !== 'delivered') return;
  const member = await ctx.tx.member.findUniqueOrThrow({ where: { id: checkin.memberId } });
  if (member.status === 'left' || isAway(member, ctx.now)) {
    await ctx.tx.checkin.update({ where: { id: checkinId }, data: { status: 'skipped' } });
    return;
  }
  await ctx.tx.checkin.update({ where: { id: checkinId }, data: { status: 'missed' } });
  const recent = await ctx.tx.checkin.findMany({
    where: { memberId: checkin.memberId, status: { in: ['answered', 'missed'] } },
    orderBy: { deliveredAt: 'desc' },
    take: 10,
    select: { status: true },
  });
  const action = missedAction(missedRun(recent.map((r) => r.status)));
  await event(ctx, 'member', checkin.memberId, 'welfare.checkin_missed', { checkinId });
  if (action === 'reminder') {
    await noteFollowUp(ctx, checkin.memberId, checkinId, 'missed_once');
    await ctx.deps.outbox.enqueue(ctx.tx, {
      to: 'member',
      memberId: checkin.memberId,
      message: softReminderMessage(checkinId, welfareDefaults(ctx.deps.config).supportLines),
    });
  } else if (action === 'nudge') {
    await nudge(ctx, { memberId: checkin.memberId, checkinId, rule: 'missed_three', useSupporter: true });
  }
}

export async function closeFollowUp(
  ctx: HandlerContext,
  followUpId: string,
  closure: 'reached_out' | 'no_need',
): Promise<string> {
  const row = await ctx.tx.welfareFollowUp.findUnique({ where: { id: followUpId } });
  // The person asked, or any coordinator (who may have followed up instead); never the mentor themselves.
  const allowed =
    row &&
    row.memberId !== ctx.actor.memberId &&
    (row.assignedToId === ctx.actor.memberId || ctx.actor.roles.includes('coordinator'));
  if (!row || !allowed) throw new Refusal('That follow-up was not asked of you, so nothing was changed.', 'not_owner');
  if (row.status === 'closed') throw new Refusal('That follow-up is already closed. Thank you.', 'closed');
  await ctx.tx.welfareFollowUp.update({
    where: { id: followUpId },
    data: { status: 'closed', closure, closedById: ctx.actor.memberId, closedAt: ctx.now },
  });
  await recordEvent(ctx.tx, {
    subjectKind: 'member',
    subjectId: row.memberId,
    kind: 'welfare.followup_closed',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
    data: { followUpId, closure },
  });
  const member = await ctx.tx.member.findUniqueOrThrow({ where: { id: row.memberId }, select: { displayName: true } });
  return member.displayName;
}

// ── Views ───────────────────────────────────────────────────────────────────────────────────

/** The mentor's own last answers, oldest first. */
export async function ownHistory(tx: Tx | Deps['db'], memberId: string, take = 8): Promise<(Answer | 'missed')[]> {
  const rows = await tx.checkin.findMany({
    where: { memberId, status: { in: ['answered', 'missed'] } },
    orderBy: { deliveredAt: 'desc' },
    take,
    select: { status: true, answer: true },
  });
  return rows.reverse().map((r) => (r.status === 'missed' ? 'missed' : (r.answer as Answer)));
}

/**
 * Network totals over the last four weeks for coordinators: answers shared as "only me" are not
 * counted; small counts are hidden. Individual flags only as the follow-up rules raised them.
 */
export async function networkTotals(db: Tx | Deps['db'], coordinatorId: string, now: Date) {
  const since = new Date(now.getTime() - 28 * DAY);
  const grouped = await db.checkin.groupBy({
    by: ['answer'],
    where: { status: 'answered', deliveredAt: { gte: since }, consent: { in: ['supporter', 'totals'] } },
    _count: { _all: true },
  });
  const count = (a: Answer) => grouped.find((g) => g.answer === a)?._count._all ?? 0;
  const open = await db.welfareFollowUp.findMany({
    where: {
      status: 'open',
      OR: [{ assignedToId: null }, { assignedToId: coordinatorId }],
      memberId: { not: coordinatorId },
    },
    orderBy: { createdAt: 'asc' },
    take: 20,
  });
  const names = await db.member.findMany({
    where: { id: { in: open.map((o) => o.memberId) } },
    select: { id: true, displayName: true },
  });
  return {
    totals: {
      well: shownCount(count('well')),
      stretched: shownCount(count('stretched')),
      struggling: shownCount(count('struggling')),
    },
    flags: open.map((o) => ({
      followUpId: o.id,
      name: names.find((n) => n.id === o.memberId)?.displayName ?? 'a member',
      since: o.createdAt,
    })),
  };
}

/** Follow-ups someone was asked to make: handed to the coordinators when they leave. */
export const followUpHolding: Holding = {
  name: 'welfare follow-ups to make',
  async list(tx, memberId) {
    const open = await tx.welfareFollowUp.findMany({
      where: { assignedToId: memberId, status: 'open' },
      select: { memberId: true },
    });
    const names = await tx.member.findMany({
      where: { id: { in: open.map((o) => o.memberId) } },
      select: { displayName: true },
    });
    return names.map((n) => `reach out to ${n.displayName}`);
  },
  async release(tx, memberId) {
    await tx.welfareFollowUp.updateMany({
      where: { assignedToId: memberId, status: 'open' },
      data: { assignedToId: null },
    });
  },
};

export { answerLabels };
