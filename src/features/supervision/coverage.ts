// `/supervision coverage` (coordinators): mentors overdue for supervision, never supervised,
// without a coach, or whose coach is assigned to one of their cases (a conflict of interest).
import { DateTime } from 'luxon';
import type { Message } from '../../core/message.js';
import type { UseCaseContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { assignedCaseIds, caseCodeOf } from '../cases/api.js';
import { coachingOf } from '../mentors/api.js';
import { dueDay, lastSupervised } from './cadence.js';

export interface Coverage {
  overdue: { name: string; since: string }[];
  never: string[];
  noCoach: string[];
  coachOnCase: { name: string; coach: string; code: string }[];
}

export async function supervisionCoverage(ctx: UseCaseContext): Promise<Coverage> {
  const settings = await readSettings(ctx.tx, ctx.deps);
  const zone = settings.networkTimeZone;
  const today = DateTime.fromJSDate(ctx.now, { zone }).toISODate()!;
  const mentors = await ctx.tx.member.findMany({
    where: { roles: { has: 'mentor' }, status: { not: 'left' } },
    orderBy: { displayName: 'asc' },
  });
  const records = await coachingOf(
    ctx.tx,
    mentors.map((m) => m.id),
  );
  const coaches = await ctx.tx.member.findMany({
    where: { id: { in: records.map((r) => r.coachId).filter((id): id is string => !!id) } },
    select: { id: true, displayName: true },
  });
  const result: Coverage = { overdue: [], never: [], noCoach: [], coachOnCase: [] };
  for (const m of mentors) {
    const record = records.find((r) => r.memberId === m.id);
    const last = await lastSupervised(ctx.tx, m.id, ctx.now);
    if (!last) result.never.push(m.displayName);
    const due = dueDay(last, record?.createdAt ?? m.createdAt, settings.mentorCare.supervisionCadenceWeeks, zone);
    if (due < today) result.overdue.push({ name: m.displayName, since: due });
    if (!record?.coachId) {
      result.noCoach.push(m.displayName);
      continue;
    }
    const coachCases = await assignedCaseIds(ctx.tx, record.coachId);
    const shared = (await assignedCaseIds(ctx.tx, m.id)).find((id) => coachCases.includes(id));
    if (shared) {
      result.coachOnCase.push({
        name: m.displayName,
        coach: coaches.find((c) => c.id === record.coachId)?.displayName ?? 'their coach',
        code: await caseCodeOf(ctx.tx, shared),
      });
    }
  }
  return result;
}

export function coverageMessage(c: Coverage): Message {
  const none = 'none';
  return {
    title: 'Supervision coverage',
    text: 'Regular supervision with a coach, group supervision attended and peer supervision that happened all count.',
    tone: c.overdue.length || c.coachOnCase.length ? 'warning' : 'info',
    fields: [
      {
        label: `Overdue (${c.overdue.length})`,
        value: c.overdue.map((o) => `${o.name} (due ${o.since})`).join(', ') || none,
      },
      { label: `Never supervised (${c.never.length})`, value: c.never.join(', ') || none },
      {
        label: `Coach assigned to one of their cases (${c.coachOnCase.length})`,
        value: c.coachOnCase.map((o) => `${o.name}: ${o.coach} on ${o.code}`).join(', ') || none,
      },
      { label: `No coach yet (${c.noCoach.length})`, value: c.noCoach.join(', ') || none },
    ],
  };
}
