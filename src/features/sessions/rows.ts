// Session rows: one read with its case's code and status, and a new session by the actor.
import { randomUUID } from 'node:crypto';
import type { ActorContext } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';

/** The session (it must exist), with its case's code and status. */
export const sessionWithCase = (tx: Tx, sessionId: string) =>
  tx.mentoringSession.findUniqueOrThrow({
    where: { id: sessionId },
    include: { case: { select: { code: true, status: true } } },
  });

/** A new session on the case, by the actor, now. */
export const createSession = (
  ctx: Pick<ActorContext, 'tx' | 'actor' | 'now'>,
  caseId: string,
  fields: Omit<Prisma.MentoringSessionUncheckedCreateInput, 'id' | 'caseId' | 'mentorId' | 'createdAt'> & {
    id?: string;
  },
) =>
  ctx.tx.mentoringSession.create({
    data: { ...fields, id: fields.id ?? randomUUID(), caseId, mentorId: ctx.actor.memberId, createdAt: ctx.now },
  });
