// Duty wording in the neutral model: who is on, the rota, gaps, handovers, rotations, swaps and
// calendar feeds. Names, positions and times only.
import { DateTime } from 'luxon';
import type { Message } from '../../core/message.js';
import { EMERGENCY, shortWhen } from '../../core/wording.js';
import {
  minuteText,
  weekdays,
  type Gap,
  type PatternRow,
  type Position,
  type RotationRow,
  type Shift,
} from './policy.js';

export const ACCEPT_SWAP = 'duty.swap.accept';
export const DECLINE_SWAP = 'duty.swap.decline';
export const CONFIRM_HANDOVER = 'duty.handover.confirm';

export const positionWord = (position: Position) => (position === 'primary' ? 'duty coordinator' : 'backup');

export interface Span {
  startsAt: Date;
  endsAt: Date;
}

/** "2026-12-24 18:00": as typed in a command. */
export const typedText = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd HH:mm');

export const spanText = (span: Span, zone: string) =>
  `${shortWhen(span.startsAt, zone)} → ${shortWhen(span.endsAt, zone)}`;

const shortDays = weekdays.map((d) => d.slice(0, 3).toLowerCase());

export function daysText(days: readonly number[]): string {
  if (days.length === 7) return 'every day';
  if (days.join() === '1,2,3,4,5') return 'mon-fri';
  return days.map((d) => shortDays[d - 1]).join(', ');
}

/** "every day 09:00–09:00 next day primary, weekly turns from 2026-03-16". */
export function rotationDetails(row: RotationRow): string {
  const end =
    row.endMinute <= row.startMinute || row.endMinute >= 1440
      ? `${minuteText(row.endMinute % 1440)} next day`
      : minuteText(row.endMinute);
  return `${daysText(row.weekdays)} ${minuteText(row.startMinute)}–${end} ${row.position}, ${row.turn === 'week' ? 'weekly' : 'daily'} turns from ${row.startsOn.toISOString().slice(0, 10)}`;
}

export const rotationLine = (row: RotationRow, names: (id: string) => string) => ({
  label: `Rotation ${row.name}: ${rotationDetails(row)}`,
  value: row.memberIds.map(names).join(', '),
});

export function swapRequestMessage(
  swapId: string,
  requester: string,
  position: Position,
  shift: Span,
  back: Span | undefined,
  zone: string,
): Message {
  return {
    title: 'A shift swap, if you can',
    text: back
      ? `${requester} asks you to take their ${positionWord(position)} shift ${spanText(shift, zone)}, and to give them yours ${spanText(back, zone)} in return (${zone}).`
      : `${requester} asks you to take their ${positionWord(position)} shift ${spanText(shift, zone)} (${zone}).`,
    buttons: [
      { actionId: ACCEPT_SWAP, label: 'Accept swap', value: swapId, style: 'primary' },
      { actionId: DECLINE_SWAP, label: 'Decline', value: swapId },
    ],
    tone: 'info',
  };
}

export const swapAnsweredMessage = (text: string): Message => ({ text, tone: 'info' });

export function calendarMessage(url: string, replaced: boolean): Message {
  return {
    title: 'Your duty calendar',
    text: `${replaced ? 'Your old calendar address no longer works. ' : ''}Subscribe to this address in your calendar app to see your duty shifts (the last two weeks and the next eight): ${url}\nIt is private to you: anyone with it can see your shifts. It is shown only now; if it is lost or shared, get a new one with /duty calendar change:reset.`,
    tone: 'success',
  };
}

export function whoMessage(
  primary: { name: string; until: Date } | undefined,
  backup: { name: string; until: Date } | undefined,
  zone: string,
): Message {
  return {
    title: 'On duty now',
    text: primary
      ? `${primary.name} is the duty coordinator. For anything urgent use /escalate: it reaches them at once. ${EMERGENCY}`
      : `Nobody is on the duty rota right now. /escalate still works: it tells the backup and every coordinator at once. ${EMERGENCY}`,
    fields: [
      {
        label: 'Duty coordinator',
        value: primary ? `${primary.name} (until ${shortWhen(primary.until, zone)})` : 'nobody',
      },
      { label: 'Backup', value: backup ? `${backup.name} (until ${shortWhen(backup.until, zone)})` : 'nobody' },
    ],
  };
}

export function rotaMessage(pattern: PatternRow[], shifts: Shift[], names: Map<string, string>, zone: string): Message {
  const name = (id: string) => names.get(id) ?? 'a former coordinator';
  return {
    title: `Duty rota (times in ${zone})`,
    text: pattern.length
      ? 'The weekly pattern, then one-off shifts and cover for the next 7 days (these override the pattern while they last).'
      : 'No weekly pattern yet. Add one with /duty rota change:add day:mon from:09:00 to:17:00 member:<name>.',
    fields: [
      ...pattern.map((p) => ({
        label: `${weekdays[p.weekday - 1]} ${minuteText(p.startMinute)}–${minuteText(p.endMinute % 1440)} ${p.position}`,
        value: name(p.coordinatorId),
      })),
      ...shifts
        .filter((s) => s.source === 'one-off')
        .map((s) => ({
          label: `${shortWhen(s.startsAt, zone)} → ${shortWhen(s.endsAt, zone)} ${s.position}`,
          value: name(s.coordinatorId),
        })),
    ],
  };
}

export function gapsMessage(gaps: Gap[], zone: string): Message {
  return {
    title: 'Gaps in duty cover, next 7 days',
    text: 'Nobody is on the rota at these times. /duty cover or /duty rota fills them. Escalations raised in a gap go to the backup and every coordinator at once.',
    fields: gaps.slice(0, 25).map((g) => ({
      label: g.position === 'primary' ? 'Duty coordinator' : 'Backup',
      value: `${shortWhen(g.from, zone)} → ${shortWhen(g.to, zone)}`,
    })),
    tone: 'warning',
  };
}

export function handoverMessage(
  handoverId: string,
  open: { number: number; tier: string; category: string; caseCode: string | null; status: string }[],
): Message {
  return {
    title: 'You are now the duty coordinator',
    text: open.length
      ? `Thank you for taking over. These escalations are open (details: /escalation show <number>). Please confirm you have them.`
      : 'Thank you for taking over. There are no open escalations right now. Please confirm you are on duty.',
    fields: open.slice(0, 25).map((e) => ({
      label: `#${e.number} ${e.tier} ${e.status.replace('_', ' ')}`,
      value: `${e.category}${e.caseCode ? `, ${e.caseCode}` : ''}`,
    })),
    buttons: [{ actionId: CONFIRM_HANDOVER, label: 'Confirm handover', value: handoverId, style: 'primary' }],
    tone: 'info',
  };
}

export const handoverReminder = (handoverId: string): Message => ({
  text: 'A reminder: please confirm you have taken over as duty coordinator (and have the open escalations).',
  buttons: [{ actionId: CONFIRM_HANDOVER, label: 'Confirm handover', value: handoverId, style: 'primary' }],
  tone: 'warning',
});

export const handoverUnconfirmed = (name: string, since: Date, zone: string): Message => ({
  text: `${name} has not confirmed taking over as duty coordinator (since ${shortWhen(since, zone)}). As backup, please check in with them, or take over with /duty cover.`,
  tone: 'warning',
});
