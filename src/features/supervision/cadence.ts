// Supervision by default: each mentor with a coach is proposed a supervision every N weeks (the
// network's cadence). The bot proposes it to both a week before it falls due, it happened when both
// confirm, and both are reminded weekly while it is overdue. Any supervision counts towards the
// cadence: a coach supervision both confirmed, a group attended, or a peer request that happened.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { recordEvent } from '../../core/events.js';
import type { Message } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import { coachedMentors } from '../mentors/api.js';

export const CONFIRM_SUPERVISION = 'supervision.cadence.happened';
const PROPOSE_DAYS_AHEAD = 7;
const REMIND_EVERY_MS = 7 * 86_400_000;

/** The last time a mentor was supervised in any of the ways that count, or null. */
export async function lastSupervised(tx: Tx, mentorId: string, now: Date): Promise<Date | null> {
  const coach = await tx.coachSupervision.findFirst({
    where: { mentorId, status: 'happened' },
    orderBy: { happenedAt: 'desc' },
    select: { happenedAt: true },
  });
  const signups = await tx.groupSignup.findMany({
    where: { memberId: mentorId, attended: true },
    select: { groupId: true },
  });
  const group = await tx.groupSupervision.findFirst({
    where: { id: { in: signups.map((s) => s.groupId) }, startsAt: { lte: now } },
    orderBy: { startsAt: 'desc' },
    select: { startsAt: true },
  });
  const request = await tx.supervisionRequest.findFirst({
    where: { requesterId: mentorId, happened: true },
    orderBy: { acceptedAt: 'desc' },
    select: { acceptedAt: true },
  });
  const dates = [coach?.happenedAt, group?.startsAt, request?.acceptedAt].filter((d): d is Date => !!d);
  return dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : null;
}

/** The date (network zone) the next supervision is due: the cadence after the last, or after the record began. */
export function dueDay(last: Date | null, since: Date, weeks: number, zone: string): string {
  return DateTime.fromJSDate(last ?? since, { zone })
    .plus({ weeks })
    .toISODate()!;
}

const today = (now: Date, zone: string) => DateTime.fromJSDate(now, { zone }).toISODate()!;
const dbDate = (day: string) => new Date(`${day}T00:00:00Z`);
const day = (d: Date) => d.toISOString().slice(0, 10);

function proposal(mentor: string, coach: string, dueOn: string, id: string, overdue: boolean): Message {
  return {
    title: overdue ? 'Supervision overdue' : 'Supervision due',
    text: overdue
      ? `The regular supervision between ${mentor} and ${coach} (coach) was due by ${dueOn} and has not been confirmed. Please find a time this week; when you have met, each of you presses “It happened”.`
      : `Time for regular supervision: ${mentor} with ${coach} (coach), due by ${dueOn}. Please agree a time between you; when you have met, each of you presses “It happened”.`,
    tone: overdue ? 'warning' : 'info',
    buttons: [{ actionId: CONFIRM_SUPERVISION, label: 'It happened', value: id }],
  };
}

/** Tells the mentor and their coach, and records it on the mentor's timeline. */
async function tellBoth(
  ctx: UseCaseContext,
  pair: { memberId: string; coachId: string },
  message: Message,
  kind: 'cadence_proposed' | 'cadence_overdue',
  data: Record<string, string>,
): Promise<void> {
  for (const to of [pair.memberId, pair.coachId])
    await ctx.deps.outbox.enqueue(ctx.tx, { to: 'member', memberId: to, message });
  await recordEvent(ctx.tx, {
    subjectKind: 'member',
    subjectId: pair.memberId,
    kind: `supervision.${kind}`,
    at: ctx.now,
    data,
  });
}

/** The daily pass: proposes what falls due within a week, and reminds about what is overdue. */
export async function runCadence(ctx: UseCaseContext): Promise<{ proposed: number; reminded: number }> {
  const settings = await readSettings(ctx.tx, ctx.deps);
  const zone = settings.networkTimeZone;
  const now = today(ctx.now, zone);
  const records = await coachedMentors(ctx.tx);
  const people = await ctx.tx.member.findMany({
    where: { id: { in: records.flatMap((r) => [r.memberId, r.coachId]) }, status: { not: 'left' } },
  });
  const nameOf = (id: string) => people.find((p) => p.id === id)?.displayName;
  let proposed = 0;
  let reminded = 0;
  for (const record of records) {
    const mentor = nameOf(record.memberId);
    const coach = nameOf(record.coachId);
    if (!mentor || !coach) continue;
    const last = await lastSupervised(ctx.tx, record.memberId, ctx.now);
    let open = await ctx.tx.coachSupervision.findFirst({ where: { mentorId: record.memberId, status: 'proposed' } });
    // A new coach, or supervision since it was proposed, settles the open proposal.
    if (open && (open.coachId !== record.coachId || (last && last > open.createdAt))) {
      await ctx.tx.coachSupervision.update({ where: { id: open.id }, data: { status: 'superseded' } });
      open = null;
    }
    if (!open) {
      const due = dueDay(last, record.createdAt, settings.mentorCare.supervisionCadenceWeeks, zone);
      if (DateTime.fromISO(due).diff(DateTime.fromISO(now), 'days').days > PROPOSE_DAYS_AHEAD) continue;
      const id = randomUUID();
      // biome-ignore lint/complexity/useMathMinMax: ISO dates compared as strings, not numbers
      const dueOn = due < now ? now : due;
      await ctx.tx.coachSupervision.create({
        data: { id, mentorId: record.memberId, coachId: record.coachId, dueOn: dbDate(dueOn), createdAt: ctx.now },
      });
      await tellBoth(ctx, record, proposal(mentor, coach, dueOn, id, false), 'cadence_proposed', {
        id,
        dueOn,
        coachId: record.coachId,
      });
      proposed++;
    } else if (
      day(open.dueOn) < now &&
      (!open.remindedAt || ctx.now.getTime() - open.remindedAt.getTime() >= REMIND_EVERY_MS)
    ) {
      await ctx.tx.coachSupervision.update({ where: { id: open.id }, data: { remindedAt: ctx.now } });
      await tellBoth(ctx, record, proposal(mentor, coach, day(open.dueOn), open.id, true), 'cadence_overdue', {
        id: open.id,
      });
      reminded++;
    }
  }
  return { proposed, reminded };
}

/** "It happened", from the mentor or the coach; it counts once both have said so. */
export async function confirmHappened(ctx: ActorContext, id: string): Promise<string> {
  const row = await ctx.tx.coachSupervision.findUnique({ where: { id } });
  if (!row || (row.mentorId !== ctx.actor.memberId && row.coachId !== ctx.actor.memberId))
    throw new Refusal('That supervision is not one of yours.', 'not_owner');
  if (row.status === 'happened') return 'Thank you: this supervision is already recorded as having happened.';
  if (row.status !== 'proposed')
    throw new Refusal('That proposal has been replaced by a newer one; nothing was changed.', 'closed');
  const mentorSide = row.mentorId === ctx.actor.memberId;
  const mentorAt = mentorSide ? ctx.now : row.mentorConfirmedAt;
  const coachAt = mentorSide ? row.coachConfirmedAt : ctx.now;
  const both = !!mentorAt && !!coachAt;
  await ctx.tx.coachSupervision.update({
    where: { id },
    data: {
      mentorConfirmedAt: mentorAt,
      coachConfirmedAt: coachAt,
      ...(both ? { status: 'happened', happenedAt: ctx.now } : {}),
    },
  });
  await recordEvent(ctx.tx, {
    subjectKind: 'member',
    subjectId: row.mentorId,
    kind: both ? 'supervision.cadence_happened' : 'supervision.cadence_confirmed',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    data: { id },
  });
  return both
    ? 'Thank you: both of you have confirmed, so this supervision is recorded. The next one will be proposed when it falls due.'
    : 'Thank you. It is recorded once the other person confirms too.';
}
