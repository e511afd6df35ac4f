// Who actually holds each position over a period, as unbroken segments: the standing arrangements
// with one-off shifts, cover and swaps laid over them by the same rules as holderAt (the latest
// written one-off wins; among standing shifts the earliest-starting). A calendar event, a swap's
// "your shift" and the rota's listing are these segments.
import { oneOffShift, type OneOffRow, type Position, type Shift } from './policy.js';

export function effectiveShifts(
  position: Position,
  from: Date,
  to: Date,
  standing: readonly Shift[],
  oneOffs: readonly OneOffRow[],
): Shift[] {
  const mine = standing.filter((s) => s.position === position && s.endsAt > from && s.startsAt < to);
  const covers: Shift[] = oneOffs
    .filter((s) => s.position === position && s.endsAt > from && s.startsAt < to)
    .map(oneOffShift);
  const edges = [
    ...new Set(
      [from, to, ...mine.flatMap((s) => [s.startsAt, s.endsAt]), ...covers.flatMap((s) => [s.startsAt, s.endsAt])].map(
        (d) => d.getTime(),
      ),
    ),
  ]
    .filter((t) => t >= from.getTime() && t <= to.getTime())
    .sort((a, b) => a - b);
  const segments: { shift: Shift; from: number; to: number }[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const [start, end] = [edges[i]!, edges[i + 1]!];
    const holds = (s: Shift) => s.startsAt.getTime() <= start && end <= s.endsAt.getTime();
    const shift = covers.filter(holds).pop() ?? mine.find(holds);
    if (!shift) continue;
    const previous = segments[segments.length - 1];
    if (previous && previous.shift === shift && previous.to === start) previous.to = end;
    else segments.push({ shift, from: start, to: end });
  }
  return segments.map(({ shift, from: start, to: end }) => ({
    ...shift,
    startsAt: new Date(start),
    endsAt: new Date(end),
  }));
}
