// Handovers: one job at each instant the primary changes hands (planned daily and after each change
// to the rota), the daily series that plan them and look ahead for gaps, and confirming one.
import { recordEvent } from '../../core/events.js';
import type { Deps } from '../../core/deps.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { ensureSeries, type StandingSeries } from '../../jobs/series.js';
import { networkZone, upcomingShifts } from './rota.js';

/** Handover: a reminder this long after the shift starts, then the backup is told as long again later. */
export const HANDOVER_REMINDER_MS = 15 * 60_000;

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

/** After any change to the rota: the series exist and the next day's handovers are planned. */
export async function afterRotaChange(ctx: UseCaseContext): Promise<void> {
  await ensureDutySeries(ctx.tx, ctx.deps, ctx.now);
  await planHandovers(ctx.tx, ctx.deps, ctx.now);
}

/** The incoming coordinator confirms they have taken over; only they can. */
export async function confirmHandover(ctx: ActorContext, handoverId: string): Promise<'confirmed' | 'already'> {
  const handover = await ctx.tx.dutyHandover.findUnique({ where: { id: handoverId } });
  if (!handover) throw new Refusal('That handover is no longer known.', 'not_found');
  if (handover.coordinatorId !== ctx.actor.memberId)
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
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
  });
  return 'confirmed';
}
