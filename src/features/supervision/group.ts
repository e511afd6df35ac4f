// Group supervision: a session posted to the learning channel, sign-ups within its places, a place
// cancelled, reminders the day before and an hour before, and who attended.
import { randomUUID } from 'node:crypto';
import type { Message, Reply } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { when } from '../../core/wording.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { actions } from './forms.js';
import { jobKindsOf } from './job-kinds.js';
import { groupPostMessage, groupThemeLabel } from './messages.js';
import { nameOf } from './people.js';
import { GROUP_SUBJECT, groupEvent, groupKey, send } from './timeline.js';

interface GroupRow {
  id: string;
  startsAt: Date;
  topic: string;
  capacity: number;
}

/** The learning channel's post of a session, with the places left now (in the network's time zone). */
async function groupPost(ctx: UseCaseContext, group: GroupRow): Promise<Message> {
  const taken = await ctx.tx.groupSignup.count({ where: { groupId: group.id } });
  const zone = (await readSettings(ctx.tx, ctx.deps)).networkTimeZone;
  return groupPostMessage(group, Math.max(0, group.capacity - taken), zone);
}

/** Locks a session's row, so concurrent sign-ups never exceed its places. */
async function lockGroup(tx: Tx, groupId: string): Promise<GroupRow> {
  const locked = await tx.$queryRaw<
    GroupRow[]
  >`SELECT "id", "startsAt", "capacity", "topic" FROM "GroupSupervision" WHERE "id" = ${groupId}::uuid FOR UPDATE`;
  const group = locked[0];
  if (!group) throw new Refusal('That group session no longer exists.', 'not_found');
  return group;
}

/** A place taken or freed: on the session's events, and the post's places left updated. */
async function placesChanged(ctx: ActorContext, group: GroupRow, kind: 'group_signed_up' | 'group_left') {
  await groupEvent(ctx, group.id, kind);
  await send(ctx, { to: 'update', key: groupKey(group.id), message: await groupPost(ctx, group) });
}

/** The fence of a session's reminders and attendance check: its start, read under a row lock. */
export async function groupFence(tx: Tx, id: string): Promise<string | null> {
  const rows = await tx.$queryRaw<
    { startsAt: Date }[]
  >`SELECT "startsAt" FROM "GroupSupervision" WHERE "id" = ${id}::uuid FOR UPDATE`;
  return rows[0]?.startsAt.toISOString() ?? null;
}

/** A coordinator schedules a session: posted with a sign-up button, reminders and the attendance check queued. */
export async function scheduleGroup(
  ctx: ActorContext,
  values: { startsAt: Date; topic: string; capacity: number },
): Promise<Reply[]> {
  if (values.startsAt.getTime() <= ctx.now.getTime() + 60 * 60_000)
    throw new Refusal('Please choose a time more than an hour from now. Nothing was saved yet.');
  const id = randomUUID();
  const group = await ctx.tx.groupSupervision.create({
    data: {
      id,
      startsAt: values.startsAt,
      topic: values.topic,
      capacity: values.capacity,
      createdById: ctx.actor.memberId,
      createdAt: ctx.now,
    },
  });
  await groupEvent(ctx, id, 'group_scheduled', {
    startsAt: values.startsAt.toISOString(),
    topic: values.topic,
    capacity: values.capacity,
  });
  await send(ctx, { to: 'channel', channel: 'learning', key: groupKey(id), message: await groupPost(ctx, group) });
  const fence = values.startsAt.toISOString();
  for (const [which, before] of [
    ['day_before', 24 * 60],
    ['hour_before', 60],
  ] as const) {
    const dueAt = new Date(values.startsAt.getTime() - before * 60_000);
    if (dueAt > ctx.now)
      await enqueueJob(ctx.tx, {
        kind: jobKindsOf.groupReminder,
        dueAt,
        subject: { kind: GROUP_SUBJECT, id },
        fence,
        payload: { which },
        dedupeKey: `supervision-group-reminder:${id}:${which}`,
      });
  }
  await enqueueJob(ctx.tx, {
    kind: jobKindsOf.groupAttendance,
    dueAt: new Date(values.startsAt.getTime() + 90 * 60_000),
    subject: { kind: GROUP_SUBJECT, id },
    fence,
    dedupeKey: `supervision-group-attendance:${id}`,
  });
  return [
    {
      to: 'actor',
      message: {
        text: `Group supervision on ${when(values.startsAt, ctx.actor.timeZone)} (${groupThemeLabel(values.topic)}, ${values.capacity} places) is posted to the learning channel. After it, you will be asked who attended.`,
        tone: 'success',
      },
    },
  ];
}

/** Signs the actor up, under a lock on the session row so concurrent sign-ups never exceed capacity. */
export async function signUpForGroup(ctx: ActorContext, groupId: string): Promise<Reply[]> {
  const group = await lockGroup(ctx.tx, groupId);
  if (group.startsAt <= ctx.now) throw new Refusal('That group session has already started.', 'closed');
  if (await ctx.tx.groupSignup.findUnique({ where: { groupId_memberId: { groupId, memberId: ctx.actor.memberId } } })) {
    throw new Refusal(`You already have a place on ${when(group.startsAt, ctx.actor.timeZone)}.`);
  }
  const taken = await ctx.tx.groupSignup.count({ where: { groupId } });
  if (taken >= group.capacity)
    throw new Refusal('Sorry, this session is full. Coordinators can see the demand and may add another.');
  await ctx.tx.groupSignup.create({ data: { groupId, memberId: ctx.actor.memberId, createdAt: ctx.now } });
  await placesChanged(ctx, group, 'group_signed_up');
  return [
    {
      to: 'actor',
      message: {
        text: `You have a place at group supervision on ${when(group.startsAt, ctx.actor.timeZone)} (your time). You will get reminders the day before and an hour before.`,
        tone: 'success',
      },
    },
  ];
}

/** Cancels the actor's place, freeing it for someone else. */
export async function leaveGroup(ctx: ActorContext, groupId: string): Promise<Reply[]> {
  const group = await lockGroup(ctx.tx, groupId);
  const { count } = await ctx.tx.groupSignup.deleteMany({ where: { groupId, memberId: ctx.actor.memberId } });
  if (!count) throw new Refusal('You do not have a place on that session.');
  await placesChanged(ctx, group, 'group_left');
  return [{ to: 'actor', message: { text: 'Your place is cancelled. Thank you for freeing it for someone else.' } }];
}

/** The reminder job: each member with a place, in their own time zone. */
export async function remindGroup(
  ctx: UseCaseContext,
  input: { groupId: string; which: 'day_before' | 'hour_before' },
): Promise<void> {
  const { groupId, which } = input;
  const group = await ctx.tx.groupSupervision.findUnique({ where: { id: groupId } });
  if (!group) return;
  const signups = await ctx.tx.groupSignup.findMany({ where: { groupId }, select: { memberId: true } });
  const people = await ctx.tx.member.findMany({
    where: { id: { in: signups.map((s) => s.memberId) }, status: { not: 'left' } },
    select: { id: true, timeZone: true },
  });
  for (const p of people) {
    await send(ctx, {
      to: 'member',
      memberId: p.id,
      message: {
        title: which === 'day_before' ? 'Group supervision tomorrow' : 'Group supervision in an hour',
        text: `A reminder: group supervision (${groupThemeLabel(group.topic)}) at ${when(group.startsAt, p.timeZone)} your time. If you cannot come, cancelling frees your place.`,
        buttons: [{ actionId: actions.groupLeave, label: 'Cancel my place', value: group.id }],
      },
    });
  }
  await groupEvent(ctx, groupId, 'group_reminded', { which, count: people.length });
}

/** After the session, its coordinator records who came (one button per member). */
export async function askAttendance(ctx: UseCaseContext, groupId: string): Promise<void> {
  const group = await ctx.tx.groupSupervision.findUnique({ where: { id: groupId } });
  if (!group) return;
  const signups = await ctx.tx.groupSignup.findMany({ where: { groupId }, orderBy: { createdAt: 'asc' } });
  const names = await ctx.tx.member.findMany({
    where: { id: { in: signups.map((s) => s.memberId) } },
    select: { id: true, displayName: true },
  });
  const byId = new Map(names.map((n) => [n.id, n.displayName]));
  await send(ctx, {
    to: 'member',
    memberId: group.createdById,
    message: {
      title: `Who came to group supervision (${groupThemeLabel(group.topic)})?`,
      text: signups.length
        ? 'Press each member who attended, then "Nobody else came" to record the rest as absent.'
        : 'Nobody had signed up for this session.',
      buttons: signups.length
        ? [
            ...signups.map((s) => ({
              actionId: actions.groupAttended,
              label: (byId.get(s.memberId) ?? 'member').slice(0, 60),
              value: `${groupId}:${s.memberId}`,
            })),
            { actionId: actions.groupNoOthers, label: 'Nobody else came', value: groupId },
          ]
        : [],
    },
  });
}

/** One member who came (`memberId`), or "nobody else came" (none): the rest are recorded absent. */
export async function recordAttendance(
  ctx: ActorContext,
  input: { groupId: string; memberId?: string },
): Promise<Reply[]> {
  const { groupId, memberId } = input;
  const group = await ctx.tx.groupSupervision.findUnique({ where: { id: groupId } });
  if (!group) throw new Refusal('That group session no longer exists.', 'not_found');
  if (group.startsAt > ctx.now) throw new Refusal('Attendance can be recorded once the session has started.');
  if (!memberId) {
    const { count } = await ctx.tx.groupSignup.updateMany({
      where: { groupId, attended: null },
      data: { attended: false },
    });
    await groupEvent(ctx, groupId, 'group_absent_recorded', { count });
    return [{ to: 'actor', message: { text: `Recorded: ${count} did not attend.` } }];
  }
  const { count } = await ctx.tx.groupSignup.updateMany({ where: { groupId, memberId }, data: { attended: true } });
  if (!count) throw new Refusal('That member is not signed up for this session.');
  await groupEvent(ctx, groupId, 'group_attended', { memberId });
  return [{ to: 'actor', message: { text: `Recorded: ${await nameOf(ctx.tx, memberId)} attended.` } }];
}
