import { randomUUID } from 'node:crypto';
import { recordEvent } from '../../core/events.js';
import type { HandlerContext } from '../../core/router.js';
import type { DebriefValues } from './forms.js';

export async function recordDebrief(ctx: HandlerContext, values: DebriefValues): Promise<{ id: string }> {
  const { tx, deps, actor, now, surface } = ctx;
  const id = randomUUID();
  const caseCode = values.caseCode.toUpperCase();
  const known = await tx.case.findUnique({ where: { code: caseCode }, select: { id: true } });
  await tx.debrief.create({
    data: {
      id,
      authorId: actor.memberId,
      caseCode,
      caseId: known?.id,
      sessionDate: new Date(`${values.sessionDate}T00:00:00Z`),
      sessionWent: values.sessionWent,
      feeling: values.feeling,
      flagConcern: values.flagConcern,
      createdAt: now,
      notesEnc: values.notes ? await deps.vault.seal(tx, values.notes, { table: 'Debrief', column: 'notesEnc', rowId: id }, { kind: 'member', id: actor.memberId }) : null,
    },
  });
  await recordEvent(tx, { subjectKind: 'debrief', subjectId: id, kind: 'debrief.recorded', at: now, actorId: actor.memberId, surface, data: { caseCode } });
  return { id };
}

/** The author's own recent debriefs: structured answers only. */
export async function recentDebriefs(deps: HandlerContext['deps'], authorId: string, take = 5) {
  return deps.db.debrief.findMany({
    where: { authorId },
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, caseCode: true, sessionDate: true, sessionWent: true, flagConcern: true, createdAt: true },
  });
}
