// Finding a case by its code as the actor may: any for coordinators, only their own for mentors,
// with the same answer for "no such case" and "not yours" so codes cannot be probed.
import { recordEvent } from '../../core/events.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import { caseCodeRegex } from '../../core/wording.js';
import { isAssigned } from './assignments.js';
import { normaliseCaseCode } from './policy.js';

export const isCoordinator = (ctx: Pick<ActorContext, 'actor'>) => ctx.actor.roles.includes('coordinator');

/** A case the actor may see: coordinators any, mentors only those they are assigned to now. */
export async function visibleCase(ctx: Pick<ActorContext, 'tx' | 'actor'>, rawCode: string) {
  const code = normaliseCaseCode(rawCode);
  if (!caseCodeRegex.test(code))
    throw new Refusal('A case code looks like MS-0042: letters, a dash, then numbers. Never a name.');
  const found = await ctx.tx.case.findUnique({ where: { code } });
  const mine = found ? await isAssigned(ctx.tx, { caseId: found.id, memberId: ctx.actor.memberId }) : false;
  if (!found || (!mine && !isCoordinator(ctx)))
    throw new Refusal(
      `I could not find a case ${code} among ${isCoordinator(ctx) ? 'the network’s' : 'yours'}. Mentors see only the cases they are assigned to.`,
      found ? 'not_owner' : 'not_found',
    );
  return found;
}

/** Any case by its code, for a coordinator's command. */
export async function caseForCoordinator(ctx: Pick<ActorContext, 'tx'>, rawCode: string) {
  const code = normaliseCaseCode(rawCode);
  const found = caseCodeRegex.test(code) ? await ctx.tx.case.findUnique({ where: { code } }) : null;
  if (!found) throw new Refusal(`There is no case ${code.slice(0, 13)}. /case list shows the open cases.`, 'not_found');
  return found;
}

/** The id of the case with this code, if there is one (whoever asks: it reveals nothing to them). */
export async function caseIdOf(ctx: Pick<ActorContext, 'tx'>, rawCode: string): Promise<string | undefined> {
  const found = await ctx.tx.case.findUnique({ where: { code: normaliseCaseCode(rawCode) }, select: { id: true } });
  return found?.id;
}

/** A case's audit entry, by the actor. */
export const auditCase = (
  ctx: ActorContext,
  caseId: string,
  kind: string,
  data: Record<string, string | string[] | null> = {},
) =>
  recordEvent(ctx.tx, {
    subjectKind: 'case',
    subjectId: caseId,
    kind,
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
    data,
  });
