// /duty rota: show the rota, change the weekly pattern, add, remove or replace one-off shifts and
// cover, and define rotations. Every refusal names the option to fix.
import { DateTime } from 'luxon';
import type { OptionValue } from '../../core/interaction.js';
import { Refusal } from '../../core/refusal.js';
import type { CommandHandler, HandlerContext } from '../../core/router.js';
import { shortWhen } from '../../core/wording.js';
import { localInstant } from '../../jobs/schedule.js';
import { findMember } from '../members/api.js';
import { parseDate, parseDateTime, parseMemberList, parseWeekdays, type LocalDay } from './input.js';
import { rotaMessage, rotationDetails, rotationLine } from './messages.js';
import { removeOneOff, replaceOneOff } from './one-offs.js';
import { minuteText, parseMinute, parseWeekday, rotationHolder, weekdays, type Position } from './policy.js';
import { DAY_MS, loadRota, namesOf, networkZone, upcomingShifts } from './rota.js';
import { removeRotation, rotationName, setRotation } from './rotations.js';
import { addPattern, addShift, removePattern } from './shifts.js';

export const text = (v: OptionValue | undefined) => (v === undefined ? '' : String(v).trim());
export const positionOf = (v: OptionValue | undefined): Position => (text(v) === 'backup' ? 'backup' : 'primary');
const say = (message: string, tone?: 'success') => ({
  replies: [{ to: 'actor' as const, message: { text: message, ...(tone ? { tone } : {}) } }],
});

function minuteOption(v: OptionValue | undefined, name: string): number {
  const minute = parseMinute(text(v));
  if (minute === undefined) throw new Refusal(`Please give ${name} as a time like 09:00 or 18:30.`);
  return minute;
}

/** A named member, the refusal naming the option when they are not found. */
export async function memberOption(ctx: HandlerContext, value: string, option: string) {
  if (!value) throw new Refusal(`Please say who: ${option}:<name or @mention>.`);
  try {
    return await findMember(ctx, value);
  } catch (error) {
    throw error instanceof Refusal ? new Refusal(`${option}: ${error.message}`, error.reason) : error;
  }
}

const at = (date: LocalDay, minute: number, zone: string) => localInstant(date, minuteText(minute), zone);
const nextDay = (d: LocalDay): LocalDay => {
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
};

export const rotaCommand: CommandHandler = async (ctx, options) => {
  const zone = await networkZone(ctx.tx, ctx.deps);
  const change = text(options.change) || 'show';
  const position = positionOf(options.position);
  const date = parseDate(text(options.day));

  if (change === 'remove' && text(options.name)) {
    const name = rotationName(text(options.name));
    return say(
      (await removeRotation(ctx, name))
        ? `Removed the rotation ${name}.`
        : `name: there is no rotation called ${name}. /duty rota lists them.`,
      'success',
    );
  }
  if ((change === 'remove' || change === 'replace') && date) {
    const startsAt = at(date, minuteOption(options.from, 'from'), zone);
    const ref = { position, startsAt };
    const none = `There is no one-off ${position} shift or cover starting ${shortWhen(startsAt, zone)} (${zone}). Weekly and rotation shifts are changed for one day with /duty cover or /duty swap.`;
    if (change === 'remove') {
      const removed = await removeOneOff(ctx, ref);
      return say(
        removed.length
          ? `Removed the one-off ${position} shift starting ${shortWhen(startsAt, zone)}; the weekly pattern and rotations apply again then.`
          : none,
        removed.length ? 'success' : undefined,
      );
    }
    const member = await memberOption(ctx, text(options.member), 'member');
    const replaced = await replaceOneOff(ctx, ref, { coordinatorId: member.id, name: member.displayName });
    return say(
      replaced
        ? `${member.displayName} now has the one-off ${position} shift ${shortWhen(startsAt, zone)} → ${shortWhen(replaced.endsAt, zone)} (${zone}).`
        : none,
      replaced ? 'success' : undefined,
    );
  }
  if (change === 'add' || change === 'remove') {
    const weekday = parseWeekday(text(options.day));
    if (!weekday)
      throw new Refusal(
        'Please give day as a weekday (mon, tue, wed, thu, fri, sat or sun), or, to remove a one-off shift, its date like 2026-12-24.',
      );
    const startMinute = minuteOption(options.from, 'from');
    if (change === 'remove') {
      const removed = await removePattern(ctx, { weekday, startMinute, position });
      return say(
        removed
          ? `Removed the ${position} shift on ${weekdays[weekday - 1]}s from ${minuteText(startMinute)}.`
          : `There is no ${position} shift on ${weekdays[weekday - 1]}s starting at ${minuteText(startMinute)}.`,
      );
    }
    const endMinute = minuteOption(options.to, 'to');
    const member = await memberOption(ctx, text(options.member), 'member');
    await addPattern(ctx, {
      weekday,
      startMinute,
      endMinute: endMinute <= startMinute ? endMinute + 1440 : endMinute,
      position,
      coordinatorId: member.id,
      name: member.displayName,
    });
    return say(
      `${member.displayName} is ${position} on ${weekdays[weekday - 1]}s from ${minuteText(startMinute)} to ${minuteText(endMinute)}${endMinute <= startMinute ? ' the next day' : ''} (${zone}). On clock-change days, a time in the missing hour means the first minute after it, and a time in the repeated hour its first occurrence.`,
      'success',
    );
  }
  if (change === 'shift') {
    if (!date) throw new Refusal('For a one-off shift, give day as a date like 2026-12-24.');
    const startMinute = minuteOption(options.from, 'from');
    const endMinute = minuteOption(options.to, 'to');
    const member = await memberOption(ctx, text(options.member), 'member');
    const startsAt = at(date, startMinute, zone);
    const endsAt = at(endMinute <= startMinute ? nextDay(date) : date, endMinute, zone);
    await addShift(ctx, {
      position,
      coordinatorId: member.id,
      startsAt,
      endsAt,
      reason: 'one-off',
      name: member.displayName,
    });
    return say(
      `${member.displayName} is ${position} from ${shortWhen(startsAt, zone)} to ${shortWhen(endsAt, zone)} (${zone}).`,
      'success',
    );
  }
  if (change === 'rotation') return rotationChange(ctx, options, position, zone);
  if (change !== 'show') throw new Refusal('change: use show, add, remove, shift, replace or rotation.');

  const { pattern, rotations } = await loadRota(ctx.tx, ctx.now, ctx.now);
  const shifts = await upcomingShifts(ctx.tx, ctx.deps, ctx.now, new Date(ctx.now.getTime() + 7 * DAY_MS));
  const ids = [
    ...new Set([
      ...pattern.map((p) => p.coordinatorId),
      ...shifts.map((s) => s.coordinatorId),
      ...rotations.flatMap((r) => r.memberIds),
    ]),
  ];
  const names = await namesOf(ctx.tx, ids);
  const message = rotaMessage(pattern, shifts, names, zone);
  if (!pattern.length && rotations.length)
    message.text =
      'The rotations, then one-off shifts and cover for the next 7 days (these override the rotations while they last).';
  const name = (id: string) => names.get(id) ?? 'a former coordinator';
  return {
    replies: [
      {
        to: 'actor',
        message: {
          ...message,
          fields: [...(message.fields ?? []), ...rotations.map((r) => rotationLine(r, name))].slice(0, 25),
        },
      },
    ],
  };
};

async function rotationChange(
  ctx: HandlerContext,
  options: Record<string, OptionValue>,
  position: Position,
  zone: string,
) {
  const name = rotationName(text(options.name));
  if (!name)
    throw new Refusal(
      'name: please name the rotation, for example name:evenings (the same name later replaces or removes it).',
    );
  const list = parseMemberList(text(options.members));
  if (!list)
    throw new Refusal(
      'members: a rotation needs at least one person, in turn order, separated by commas, for example members:"Sam, Bo, Cy".',
    );
  const days = text(options.days) ? parseWeekdays(text(options.days)) : [1, 2, 3, 4, 5, 6, 7];
  if (!days)
    throw new Refusal('days: give the days the rotation runs, like mon-fri, sat,sun, mon,wed,fri, weekdays or daily.');
  const startsOn = parseDate(text(options.day));
  if (!startsOn) throw new Refusal('day: give the date the first turn starts, like 2026-03-16.');
  const startMinute = minuteOption(options.from, 'from');
  const endMinute = minuteOption(options.to, 'to');
  const members: Awaited<ReturnType<typeof memberOption>>[] = [];
  for (const ref of list) members.push(await memberOption(ctx, ref, 'members'));
  const turn = text(options.turn) === 'day' ? 'day' : 'week';
  const rotation = {
    name,
    position,
    members: members.map((m) => ({ id: m.id, name: m.displayName })),
    turn,
    weekdays: days,
    startMinute,
    endMinute: endMinute <= startMinute ? endMinute + 1440 : endMinute,
    startsOn,
  } as const;
  const result = await setRotation(ctx, rotation);
  const local = DateTime.fromJSDate(ctx.now, { zone });
  const today = { year: local.year, month: local.month, day: local.day };
  const row = {
    ...rotation,
    memberIds: rotation.members.map((m) => m.id),
    weekdays: [...days],
    startsOn: new Date(Date.UTC(startsOn.year, startsOn.month - 1, startsOn.day)),
  };
  const nowHolder = members.find((m) => m.id === rotationHolder(row, today))?.displayName;
  const order = members.map((m) => m.displayName).join(', ');
  return say(
    `Rotation ${name} ${result}: ${rotationDetails(row)}, in turn: ${order}.${nowHolder ? ` Today's turn: ${nowHolder}.` : ''} One-off shifts, cover and swaps override it; on clock-change days, a time in the missing hour means the first minute after it.`,
    'success',
  );
}

/** "2026-03-29 01:30" in the network zone; a time in the missing hour means the first valid minute. */
export function dateTimeOption(v: OptionValue | undefined, name: string, zone: string): Date {
  const parsed = parseDateTime(text(v));
  if (!parsed) throw new Refusal(`Please give ${name} as a date and time like 2026-12-24 18:00 (network time).`);
  return at(parsed.date, parsed.minute, zone);
}
