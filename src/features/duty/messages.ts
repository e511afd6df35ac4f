// Wording for rotations, swaps, one-off changes and calendar feeds, in the neutral model: names,
// positions and times only.
import { DateTime } from 'luxon';
import type { Message } from '../../core/message.js';
import { localText, minuteText, weekdays, type Position, type RotationRow } from './policy.js';

export const ACCEPT_SWAP = 'duty.swap.accept';
export const DECLINE_SWAP = 'duty.swap.decline';

export const positionWord = (position: Position) => (position === 'primary' ? 'duty coordinator' : 'backup');

export interface Span {
  startsAt: Date;
  endsAt: Date;
}

/** "2026-12-24 18:00": as typed in a command. */
export const typedText = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd HH:mm');

export const spanText = (span: Span, zone: string) =>
  `${localText(span.startsAt, zone)} → ${localText(span.endsAt, zone)}`;

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
