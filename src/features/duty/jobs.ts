// Duty job kinds: the daily plan of handovers, the daily look ahead for gaps, each handover and its
// follow-up while unconfirmed (fenced: confirming ends the follow-up).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordEvent } from '../../core/events.js';
import type { Tx } from '../../db/client.js';
import { setupProblems, setupProblemsMessage } from '../../doctor/record.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import type { JobKind, JobRow } from '../../jobs/registry.js';
import { categoryLabel, unresolvedEscalations } from '../escalation/api.js';
import { job as asJob } from '../feature.js';
import { unreachableWarning } from '../members/api.js';
import { HANDOVER_REMINDER_MS, planHandovers } from './handovers.js';
import { gapsMessage, handoverMessage, handoverReminder, handoverUnconfirmed } from './messages.js';
import { gapsAhead, networkZone, upcomingShifts, whoIsOnDuty } from './rota.js';

const HOUR = 3_600_000;

const planKind: JobKind = {
  catchUp: { skipIfLaterThanMs: 20 * HOUR },
  maxAttempts: 5,
  async handler({ deps, tx, now }) {
    await planHandovers(tx, deps, now);
  },
};

const gapsKind: JobKind = {
  catchUp: { skipIfLaterThanMs: 12 * HOUR },
  maxAttempts: 5,
  async handler({ deps, tx, now }) {
    // Anyone on the rota this week who can be paged in chat only is named too (contact methods).
    const unreachable = await unreachableWarning(
      tx,
      (await upcomingShifts(tx, deps, now, new Date(now.getTime() + 7 * 24 * HOUR))).map((s) => s.coordinatorId),
    );
    if (unreachable)
      await deps.outbox.enqueue(tx, {
        to: 'channel',
        channel: 'coordinators',
        message: { title: 'On the rota, reachable in chat only', text: unreachable, tone: 'warning' },
      });
    // So do setup checks the bot has found failing in the last day (npm run doctor, run in the background).
    const problems = await setupProblems(tx, new Date(now.getTime() - 24 * HOUR));
    if (problems.length)
      await deps.outbox.enqueue(tx, {
        to: 'channel',
        channel: 'coordinators',
        message: setupProblemsMessage(problems),
      });
    const gaps = await gapsAhead(tx, deps, now);
    if (!gaps.length) return;
    await deps.outbox.enqueue(tx, {
      to: 'channel',
      channel: 'coordinators',
      message: gapsMessage(gaps, await networkZone(tx, deps)),
    });
    await recordEvent(tx, {
      subjectKind: 'rota',
      subjectId: 'rota',
      kind: 'rota.gaps_told',
      at: now,
      data: { gaps: gaps.length },
    });
  },
};

const handoverKind: JobKind<{ coordinatorId: string }> = {
  payload: z.object({ coordinatorId: z.string().uuid() }),
  catchUp: { skipIfLaterThanMs: 6 * HOUR },
  maxAttempts: 5,
  async handler({ deps, tx, job, now }) {
    const at = job.dueAt;
    const { coordinatorId } = job.payload;
    // The rota may have changed since it was planned: only a real change of hands is a handover.
    const [taking, before] = await Promise.all([
      whoIsOnDuty(tx, deps, at),
      whoIsOnDuty(tx, deps, new Date(at.getTime() - 1)),
    ]);
    if (taking.primary?.coordinatorId !== coordinatorId || before.primary?.coordinatorId === coordinatorId) return;
    const id = randomUUID();
    const created =
      await tx.$executeRaw`INSERT INTO "DutyHandover" ("id", "coordinatorId", "at") VALUES (${id}::uuid, ${coordinatorId}::uuid, ${at}) ON CONFLICT DO NOTHING`;
    if (!created) return;
    const open = await unresolvedEscalations(tx);
    await deps.outbox.enqueue(tx, {
      to: 'member',
      memberId: coordinatorId,
      message: handoverMessage(
        id,
        open.map((e) => ({ ...e, category: categoryLabel(e.category) })),
      ),
    });
    await recordEvent(tx, {
      subjectKind: 'handover',
      subjectId: id,
      kind: 'handover.started',
      at: now,
      data: { coordinatorId, open: open.length },
    });
    await enqueueJob(tx, {
      kind: 'duty.handover-check',
      dueAt: new Date(at.getTime() + HANDOVER_REMINDER_MS),
      payload: { stage: 1 },
      subject: { kind: 'handover', id },
      fence: 'unconfirmed',
      dedupeKey: `duty.handover-check:${id}:1`,
    });
  },
};

async function handoverFence(tx: Tx, job: JobRow): Promise<string | null> {
  const rows = await tx.$queryRaw<
    { confirmedAt: Date | null }[]
  >`SELECT "confirmedAt" FROM "DutyHandover" WHERE "id" = ${job.subjectId}::uuid FOR UPDATE`;
  return rows[0] ? (rows[0].confirmedAt ? 'confirmed' : 'unconfirmed') : null;
}

const handoverCheckKind: JobKind<{ stage: number }> = {
  payload: z.object({ stage: z.number().int().min(1).max(2) }),
  catchUp: 'run',
  maxAttempts: 5,
  fence: handoverFence,
  async handler({ deps, tx, job, now }) {
    const handover = await tx.dutyHandover.findUniqueOrThrow({ where: { id: job.subjectId! } });
    if (job.payload.stage === 1) {
      await deps.outbox.enqueue(tx, {
        to: 'member',
        memberId: handover.coordinatorId,
        message: handoverReminder(handover.id),
      });
      await recordEvent(tx, {
        subjectKind: 'handover',
        subjectId: handover.id,
        kind: 'handover.reminded',
        at: now,
        data: { coordinatorId: handover.coordinatorId },
      });
      await enqueueJob(tx, {
        kind: 'duty.handover-check',
        dueAt: new Date(handover.at.getTime() + 2 * HANDOVER_REMINDER_MS),
        payload: { stage: 2 },
        subject: { kind: 'handover', id: handover.id },
        fence: 'unconfirmed',
        dedupeKey: `duty.handover-check:${handover.id}:2`,
      });
      return;
    }
    const zone = await networkZone(tx, deps);
    const coordinator = await tx.member.findUnique({
      where: { id: handover.coordinatorId },
      select: { displayName: true },
    });
    const message = handoverUnconfirmed(coordinator?.displayName ?? 'The incoming coordinator', handover.at, zone);
    const backup = (await whoIsOnDuty(tx, deps, now)).backup?.coordinatorId;
    if (backup && backup !== handover.coordinatorId)
      await deps.outbox.enqueue(tx, { to: 'member', memberId: backup, message });
    else await deps.outbox.enqueue(tx, { to: 'channel', channel: 'coordinators', message });
    await recordEvent(tx, {
      subjectKind: 'handover',
      subjectId: handover.id,
      kind: 'handover.backup_told',
      at: now,
      data: { backupId: backup ?? null },
    });
  },
};

/** The duty rota's job kinds, by name. */
export const dutyJobs = {
  'duty.plan': asJob(planKind),
  'duty.gaps': asJob(gapsKind),
  'duty.handover': asJob(handoverKind),
  'duty.handover-check': asJob(handoverCheckKind),
};
