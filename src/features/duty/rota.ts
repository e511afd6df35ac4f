// Reading the duty rota: the weekly pattern, rotations and one-off shifts of a period, who is on
// duty at an instant, who holds each position over a period, and the gaps in cover. Times are kept
// in UTC; the pattern is in the network's zone.
import type { Deps } from '../../core/deps.js';
import { Refusal } from '../../core/refusal.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import {
  coverGaps,
  holderAt,
  oneOffShift,
  positions,
  standingShifts,
  type Gap,
  type OneOffRow,
  type PatternRow,
  type RotationRow,
  type Shift,
} from './policy.js';
import { effectiveShifts } from './timeline.js';

export const DAY_MS = 24 * 60 * 60_000;

export const networkZone = async (tx: Tx, deps: Deps) => (await readSettings(tx, deps)).networkTimeZone;

export interface Rota {
  pattern: PatternRow[];
  oneOffs: OneOffRow[];
  rotations: RotationRow[];
}

export async function loadRota(tx: Tx, from: Date, to: Date): Promise<Rota> {
  const [pattern, oneOffs, rotations] = await Promise.all([
    tx.rotaPattern.findMany({ orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }, { createdAt: 'asc' }] }),
    // Written order decides which one-off wins; the id breaks ties within one transaction (a swap's two rows never overlap).
    tx.dutyShift.findMany({
      where: { endsAt: { gt: from }, startsAt: { lt: to } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
    tx.dutyRotation.findMany({ orderBy: [{ startMinute: 'asc' }, { createdAt: 'asc' }] }),
  ]);
  return { pattern, oneOffs, rotations };
}

export interface OnDuty {
  primary?: Shift;
  backup?: Shift;
}

/** Who is on duty at an instant. */
export async function whoIsOnDuty(tx: Tx, deps: Deps, at: Date): Promise<OnDuty> {
  const zone = await networkZone(tx, deps);
  const { pattern, oneOffs, rotations } = await loadRota(tx, at, new Date(at.getTime() + 1));
  return {
    primary: holderAt('primary', at, pattern, oneOffs, zone, rotations),
    backup: holderAt('backup', at, pattern, oneOffs, zone, rotations),
  };
}

/** Every active coordinator's member id. */
export async function coordinatorIds(tx: Tx): Promise<string[]> {
  const rows = await tx.member.findMany({
    where: { roles: { has: 'coordinator' }, status: { not: 'left' } },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((r) => r.id);
}

export async function requireCoordinator(tx: Tx, memberId: string, name: string): Promise<void> {
  const member = await tx.member.findUnique({ where: { id: memberId }, select: { roles: true, status: true } });
  if (!member || member.status === 'left' || !member.roles.includes('coordinator'))
    throw new Refusal(`${name} is not a coordinator, so cannot be on the duty rota.`);
}

/** The shifts (pattern, rotation and one-off) overlapping [from, to), one-offs overriding the rest. */
export async function upcomingShifts(tx: Tx, deps: Deps, from: Date, to: Date): Promise<Shift[]> {
  const zone = await networkZone(tx, deps);
  const { pattern, oneOffs, rotations } = await loadRota(tx, from, to);
  const standing = standingShifts(pattern, rotations, from, to, zone);
  return [...oneOffs.map(oneOffShift), ...standing].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** Who actually holds each position over [from, to): unbroken segments, both positions, by start. */
export async function dutyTimeline(tx: Tx, deps: Deps, from: Date, to: Date): Promise<Shift[]> {
  const zone = await networkZone(tx, deps);
  // A margin either side, so a segment crossing an edge keeps its true start and end.
  const [wideFrom, wideTo] = [new Date(from.getTime() - 2 * DAY_MS), new Date(to.getTime() + 2 * DAY_MS)];
  const { pattern, oneOffs, rotations } = await loadRota(tx, wideFrom, wideTo);
  const standing = standingShifts(pattern, rotations, wideFrom, wideTo, zone);
  return positions
    .flatMap((position) => effectiveShifts(position, wideFrom, wideTo, standing, oneOffs))
    .filter((s) => s.endsAt > from && s.startsAt < to)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

export async function gapsAhead(tx: Tx, deps: Deps, from: Date, days = 7): Promise<Gap[]> {
  const zone = await networkZone(tx, deps);
  const to = new Date(from.getTime() + days * DAY_MS);
  const { pattern, oneOffs, rotations } = await loadRota(tx, from, to);
  return [
    ...coverGaps('primary', from, to, pattern, oneOffs, zone, rotations),
    ...coverGaps('backup', from, to, pattern, oneOffs, zone, rotations),
  ];
}

/** Display names by member id (those still known). */
export async function namesOf(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  const rows = await tx.member.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });
  return new Map(rows.map((m) => [m.id, m.displayName]));
}
