// Scheduling work: a job row written inside the caller's transaction, so the timer exists exactly
// when the change that needs it commits.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Tx } from '../db/client.js';
import { Prisma } from '../generated/prisma/client.js';
import { scheduleSchema, type Schedule } from './schedule.js';

/** Jobs at this priority or above (escalation steps, out-of-chat alerts) have their own lane in the runner. */
export const URGENT_JOB_PRIORITY = 10;

const specSchema = z.object({
  kind: z.string().min(1),
  dueAt: z.date(),
  payload: z.unknown().optional(),
  subject: z.object({ kind: z.string().min(1), id: z.string().min(1) }).optional(),
  fence: z.string().optional(),
  dedupeKey: z.string().min(1).optional(),
  series: z.string().min(1).optional(),
  schedule: scheduleSchema.optional(),
  priority: z.number().int().optional(),
});

export interface JobSpec {
  kind: string;
  /** When it falls due (for a series, its first occurrence: `nextOccurrence(schedule, now)`). */
  dueAt: Date;
  /** JSON; ids only, never free text (the payload is not encrypted). */
  payload?: unknown;
  /** What the job is about, e.g. { kind: 'escalation', id }; its fence is checked against it. */
  subject?: { kind: string; id: string };
  /** The subject's fencing token now; the kind's fence() must still return it when the job runs. */
  fence?: string;
  /** At most one job ever holds this key: a second enqueue with it does nothing. */
  dedupeKey?: string;
  /** A recurring series' name (e.g. `checkin:<memberId>`): one occurrence per due time. */
  series?: string;
  /** Makes the job recurring: when it ends, its next occurrence is written as a new row. */
  schedule?: Schedule;
  /** Higher runs first when several are due; URGENT_JOB_PRIORITY and above also have their own lane. */
  priority?: number;
}

/** Writes a job in the caller's transaction; `created` is false when its dedupe key (or series occurrence) exists. */
export async function enqueueJob(tx: Tx, spec: JobSpec): Promise<{ id: string; created: boolean }> {
  const job = specSchema.parse(spec);
  const id = randomUUID();
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Job" ("id", "kind", "priority", "dueAt", "runAt", "payload", "subjectKind", "subjectId", "fence", "dedupeKey", "series", "schedule")
    VALUES (${id}::uuid, ${job.kind}, ${job.priority ?? 0}, ${job.dueAt}, ${job.dueAt}, ${JSON.stringify(job.payload ?? {})}::jsonb,
            ${job.subject?.kind ?? null}, ${job.subject?.id ?? null}, ${job.fence ?? null}, ${job.dedupeKey ?? null}, ${job.series ?? null},
            ${job.schedule ? JSON.stringify(job.schedule) : null}::jsonb)
    ON CONFLICT DO NOTHING
    RETURNING "id"`;
  if (inserted.length) return { id, created: true };
  const existing = await tx.job.findFirst({
    where: job.dedupeKey ? { dedupeKey: job.dedupeKey } : { series: job.series ?? null, dueAt: job.dueAt },
    select: { id: true },
  });
  return { id: existing?.id ?? id, created: false };
}

/**
 * Writes several jobs in one statement (a chain of timers on the hot path of an urgent change);
 * a job whose dedupe key (or series occurrence) exists is left out. Returns how many were written.
 */
export async function enqueueJobs(tx: Tx, specs: JobSpec[]): Promise<number> {
  if (!specs.length) return 0;
  const rows = specs.map((spec) => {
    const job = specSchema.parse(spec);
    return Prisma.sql`(${randomUUID()}::uuid, ${job.kind}, ${job.priority ?? 0}, ${job.dueAt}, ${job.dueAt}, ${JSON.stringify(job.payload ?? {})}::jsonb,
      ${job.subject?.kind ?? null}, ${job.subject?.id ?? null}, ${job.fence ?? null}, ${job.dedupeKey ?? null}, ${job.series ?? null},
      ${job.schedule ? JSON.stringify(job.schedule) : null}::jsonb)`;
  });
  return tx.$executeRaw`
    INSERT INTO "Job" ("id", "kind", "priority", "dueAt", "runAt", "payload", "subjectKind", "subjectId", "fence", "dedupeKey", "series", "schedule")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT DO NOTHING`;
}

/** Cancels pending jobs matching every given field (at least one); returns how many. */
export async function cancelJobs(
  tx: Tx,
  where: { kind?: string; subject?: { kind: string; id: string }; series?: string; dedupeKey?: string },
): Promise<number> {
  if (!where.kind && !where.subject && !where.series && !where.dedupeKey)
    throw new Error('cancelJobs needs at least one condition');
  const result = await tx.job.updateMany({
    where: {
      status: 'pending',
      kind: where.kind,
      subjectKind: where.subject?.kind,
      subjectId: where.subject?.id,
      series: where.series,
      dedupeKey: where.dedupeKey,
    },
    data: { status: 'cancelled', skipReason: 'cancelled' },
  });
  return result.count;
}
