// A mentor's own debriefs: their recent ones on their home view, their history with their sealed
// words opened (for their private reply only), and escalating from one of theirs.
import type { Deps } from '../../core/deps.js';
import type { Message } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, Response } from '../../core/router.js';
import { escalateForm } from '../escalation/api.js';
import { ownDebriefsMessage, recentDebriefsSection } from './messages.js';
import { debriefBinding } from './sealed.js';

/** The home view's section: the author's recent debriefs, structured answers only. */
export async function recentDebriefs(ctx: { deps: Deps; actor: { memberId: string } }, take = 5): Promise<Message> {
  const rows = await ctx.deps.db.debrief.findMany({
    where: { authorId: ctx.actor.memberId },
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, caseCode: true, sessionDate: true, sessionWent: true, flagConcern: true, createdAt: true },
  });
  return recentDebriefsSection(rows);
}

/** `/debriefs`: the author's own history with their sealed words opened, for their private reply only. */
export async function ownDebriefs(ctx: Pick<ActorContext, 'tx' | 'deps' | 'actor'>, take = 10): Promise<Response> {
  const { tx, deps } = ctx;
  const rows = await tx.debrief.findMany({
    where: { authorId: ctx.actor.memberId },
    orderBy: [{ sessionDate: 'desc' }, { createdAt: 'desc' }],
    take,
  });
  const opened = await Promise.all(
    rows.map(async (r) => ({
      ...r,
      notes: r.notesEnc ? await deps.vault.open(tx, r.notesEnc, debriefBinding('notesEnc', r.id)) : undefined,
      nextSteps: r.nextStepsEnc
        ? await deps.vault.open(tx, r.nextStepsEnc, debriefBinding('nextStepsEnc', r.id))
        : undefined,
    })),
  );
  return { replies: [{ to: 'actor', message: ownDebriefsMessage(opened) }] };
}

/** The escalation form, with the case of one of the actor's own debriefs filled in; another's is refused like a missing one. */
export async function escalateFromDebrief(
  ctx: Pick<ActorContext, 'tx' | 'actor'>,
  input: { debriefId: string },
): Promise<Response> {
  const row = await ctx.tx.debrief.findUnique({ where: { id: input.debriefId } });
  if (!row || row.authorId !== ctx.actor.memberId) throw new Refusal('That debrief is not one of yours.', 'not_owner');
  return { form: { form: escalateForm, initial: { caseCode: row.caseCode }, context: { debriefId: row.id } } };
}
