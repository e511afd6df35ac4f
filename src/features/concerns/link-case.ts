// Resolving an "unknown case" to a real one: the concern, its actions and referrals move under that
// case (their sealed text re-sealed under its key), so the case's chronology and erasure reach them.
import type { Reply } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import { caseIdOf, normaliseCaseCode } from '../cases/api.js';
import type { ConcernLinkValues } from './forms.js';
import { accountBinding, actionBinding, concernEvent, referenceBinding } from './record.js';
import { lockConcern } from './take.js';

export async function linkToCase(
  ctx: ActorContext,
  input: ConcernLinkValues & { concernId: string },
): Promise<Reply[]> {
  const row = await lockConcern(ctx.tx, { id: input.concernId });
  if (row.caseId)
    throw new Refusal(`Concern #${row.number} is already about ${row.caseCode}. Nothing was changed.`, 'closed');
  const code = normaliseCaseCode(input.caseCode);
  const caseId = await caseIdOf(ctx, code);
  if (!caseId)
    throw new Refusal(`There is no case ${code}. /case list shows the cases; nothing was changed.`, 'not_found');
  const to = { kind: 'case' as const, id: code };
  const reseal = async (value: string, binding: { table: string; column: string; rowId: string }) =>
    ctx.deps.vault.seal(ctx.tx, await ctx.deps.vault.open(ctx.tx, value, binding), binding, to);
  if (row.accountEnc)
    await ctx.tx.concern.update({
      where: { id: row.id },
      data: { accountEnc: await reseal(row.accountEnc, accountBinding(row.id)) },
    });
  for (const a of await ctx.tx.concernAction.findMany({ where: { concernId: row.id } })) {
    await ctx.tx.concernAction.update({
      where: { id: a.id },
      data: {
        whatEnc: await reseal(a.whatEnc, actionBinding(a.id, 'whatEnc')),
        byWhomEnc: await reseal(a.byWhomEnc, actionBinding(a.id, 'byWhomEnc')),
      },
    });
  }
  for (const r of await ctx.tx.onwardReferral.findMany({ where: { concernId: row.id, referenceEnc: { not: null } } })) {
    await ctx.tx.onwardReferral.update({
      where: { id: r.id },
      data: { referenceEnc: await reseal(r.referenceEnc!, referenceBinding(r.id)) },
    });
  }
  await ctx.tx.concern.update({ where: { id: row.id }, data: { caseCode: code, caseId } });
  await concernEvent(ctx, row.id, 'concern.case_linked', { typed: row.caseCode, caseCode: code }, ctx.actor.memberId);
  return [
    {
      to: 'actor',
      message: { text: `Concern #${row.number} is now about ${code}, and on its timeline.`, tone: 'success' },
    },
  ];
}
