// The duty rota: the weekly pattern, rotations, one-off shifts and cover, who is on duty, handovers
// and the daily look ahead for gaps. Times are kept in UTC; the pattern is in the network's zone.
import { ensureSeries, type StandingSeries } from '../../jobs/series.js';
import { randomUUID } from 'node:crypto';
import type { Deps } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';
import type { Platform } from '../../core/roles.js';
import { Refusal } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import {
  coverGaps,
  holderAt,
  positions,
  standingShifts,
  type Gap,
  type OneOffRow,
  type PatternRow,
  type Position,
  type RotationRow,
  type Shift,
} from './policy.js';
import { effectiveShifts } from './timeline.js';

export interface DutyCtx {
  tx: Tx;
  deps: Deps;
  now: Date;
  actorId?: string;
  surface?: Platform;
}

export const DAY_MS = 24 * 60 * 60_000;
/** Handover: a reminder this long after the shift starts, then the backup is told as long again later. */
export const HANDOVER_REMINDER_MS = 15 * 60_000;

export const networkZone = async (tx: Tx, deps: Deps) => (await readSettings(tx, deps.config)).networkTimeZone;

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

export const audit = (ctx: DutyCtx, kind: string, subjectId: string, data: Record<string, string | number>) =>
  recordEvent(ctx.tx, {
    subjectKind: 'rota',
    subjectId,
    kind,
    at: ctx.now,
    actorId: ctx.actorId,
    surface: ctx.surface,
    data,
  });

export async function addPattern(ctx: DutyCtx, row: PatternRow & { name: string }): Promise<string> {
  await requireCoordinator(ctx.tx, row.coordinatorId, row.name);
  if (row.startMinute === row.endMinute)
    throw new Refusal('A shift needs different start and end times (for a 24-hour shift, give 00:00 to 23:59).');
  const id = randomUUID();
  await ctx.tx.rotaPattern.create({
    data: {
      id,
      weekday: row.weekday,
      startMinute: row.startMinute,
      endMinute: row.endMinute,
      position: row.position,
      coordinatorId: row.coordinatorId,
    },
  });
  await audit(ctx, 'rota.pattern_added', id, {
    weekday: row.weekday,
    startMinute: row.startMinute,
    endMinute: row.endMinute,
    position: row.position,
    coordinatorId: row.coordinatorId,
  });
  await afterRotaChange(ctx);
  return id;
}

export async function removePattern(
  ctx: DutyCtx,
  where: { weekday: number; startMinute: number; position: Position },
): Promise<number> {
  const rows = await ctx.tx.rotaPattern.findMany({ where });
  for (const row of rows) {
    await ctx.tx.rotaPattern.delete({ where: { id: row.id } });
    await audit(ctx, 'rota.pattern_removed', row.id, {
      weekday: row.weekday,
      startMinute: row.startMinute,
      position: row.position,
      coordinatorId: row.coordinatorId,
    });
  }
  return rows.length;
}

/** A one-off shift, or cover for a period (it overrides the pattern for its position while it lasts). */
export async function addShift(ctx: DutyCtx, shift: OneOffRow & { name: string }): Promise<string> {
  await requireCoordinator(ctx.tx, shift.coordinatorId, shift.name);
  if (shift.endsAt <= shift.startsAt) throw new Refusal('The end should be after the start.');
  if (shift.endsAt.getTime() - shift.startsAt.getTime() > 31 * DAY_MS)
    throw new Refusal('A one-off shift or cover can be at most 31 days; use the weekly pattern for longer.');
  const id = randomUUID();
  await ctx.tx.dutyShift.create({
    data: {
      id,
      position: shift.position,
      coordinatorId: shift.coordinatorId,
      startsAt: shift.startsAt,
      endsAt: shift.endsAt,
      reason: shift.reason,
      createdById: ctx.actorId,
    },
  });
  await audit(ctx, 'rota.shift_added', id, {
    position: shift.position,
    coordinatorId: shift.coordinatorId,
    startsAt: shift.startsAt.toISOString(),
    endsAt: shift.endsAt.toISOString(),
    reason: shift.reason,
  });
  await afterRotaChange(ctx);
  return id;
}

/** The shifts (pattern, rotation and one-off) overlapping [from, to), one-offs overriding the rest. */
export async function upcomingShifts(tx: Tx, deps: Deps, from: Date, to: Date): Promise<Shift[]> {
  const zone = await networkZone(tx, deps);
  const { pattern, oneOffs, rotations } = await loadRota(tx, from, to);
  const standing = standingShifts(pattern, rotations, from, to, zone);
  const fromOneOffs: Shift[] = oneOffs.map((s) => ({
    position: s.position,
    coordinatorId: s.coordinatorId,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    source: 'one-off',
    label: s.reason,
  }));
  return [...fromOneOffs, ...standing].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
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

/**
 * The handovers of the next day and a bit: one job at each instant the primary changes hands
 * (the dedupe key makes planning again harmless; a job whose coordinator is no longer taking over
 * when it runs does nothing).
 */
export async function planHandovers(tx: Tx, deps: Deps, now: Date): Promise<number> {
  const until = new Date(now.getTime() + 26 * 60 * 60_000);
  const shifts = (await upcomingShifts(tx, deps, now, until)).filter(
    (s) => s.position === 'primary' && s.startsAt >= now,
  );
  let planned = 0;
  for (const shift of shifts) {
    const { created } = await enqueueJob(tx, {
      kind: 'duty.handover',
      dueAt: shift.startsAt,
      payload: { coordinatorId: shift.coordinatorId },
      dedupeKey: `duty.handover:${shift.coordinatorId}:${shift.startsAt.toISOString()}`,
      priority: 5,
    });
    if (created) planned++;
  }
  return planned;
}

/** The daily series: plan the day's handovers (00:05) and warn of gaps in the next 7 days (08:00). */
export const dutySeries: StandingSeries[] = [
  {
    kind: 'duty.plan',
    series: 'duty:plan',
    schedule: async (tx, deps) => ({ every: 'day', time: '00:05', zone: await networkZone(tx, deps) }),
  },
  {
    kind: 'duty.gaps',
    series: 'duty:gaps',
    schedule: async (tx, deps) => ({ every: 'day', time: '08:00', zone: await networkZone(tx, deps) }),
  },
];

export async function ensureDutySeries(tx: Tx, deps: Deps, now: Date): Promise<void> {
  for (const s of dutySeries)
    await ensureSeries(tx, { kind: s.kind, series: s.series, schedule: await s.schedule(tx, deps), now });
}

export async function afterRotaChange(ctx: DutyCtx): Promise<void> {
  await ensureDutySeries(ctx.tx, ctx.deps, ctx.now);
  await planHandovers(ctx.tx, ctx.deps, ctx.now);
}

export async function confirmHandover(
  ctx: DutyCtx & { actorId: string },
  handoverId: string,
): Promise<'confirmed' | 'already'> {
  const handover = await ctx.tx.dutyHandover.findUnique({ where: { id: handoverId } });
  if (!handover) throw new Refusal('That handover is no longer known.', 'not_found');
  if (handover.coordinatorId !== ctx.actorId)
    throw new Refusal('Only the coordinator taking over can confirm this handover.', 'not_owner');
  await ctx.tx.$queryRaw`SELECT "id" FROM "DutyHandover" WHERE "id" = ${handoverId}::uuid FOR UPDATE`;
  const fresh = await ctx.tx.dutyHandover.findUniqueOrThrow({ where: { id: handoverId } });
  if (fresh.confirmedAt) return 'already';
  await ctx.tx.dutyHandover.update({ where: { id: handoverId }, data: { confirmedAt: ctx.now } });
  await recordEvent(ctx.tx, {
    subjectKind: 'handover',
    subjectId: handoverId,
    kind: 'handover.confirmed',
    at: ctx.now,
    actorId: ctx.actorId,
    surface: ctx.surface,
  });
  return 'confirmed';
}
