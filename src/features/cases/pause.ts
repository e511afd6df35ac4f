// Pausing a case (custody, missing, other) and resuming it: agreement reviews still come round, and
// the coordinator and the team are told.
import { say } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, Response } from '../../core/router.js';
import { caseTeam } from './assignments.js';
import { auditCase, caseForCoordinator } from './lookup.js';
import { pausedText, toTeam } from './messages.js';

export type PauseReason = 'custody' | 'missing' | 'other' | 'resume';

export async function pauseCase(ctx: ActorContext, input: { code: string; reason: PauseReason }): Promise<Response> {
  const { reason } = input;
  const found = await caseForCoordinator(ctx, input.code);
  if (found.status === 'closed') throw new Refusal(`${found.code} is closed.`, 'closed');
  if (reason === 'resume') {
    if (found.status !== 'paused') throw new Refusal(`${found.code} is not paused.`);
    await ctx.tx.case.update({ where: { id: found.id }, data: { status: 'open', pauseReason: null } });
  } else {
    await ctx.tx.case.update({ where: { id: found.id }, data: { status: 'paused', pauseReason: reason } });
  }
  await auditCase(ctx, found.id, reason === 'resume' ? 'case.resumed' : 'case.paused', { reason });
  const text = pausedText(found.code, reason);
  const team = await caseTeam(ctx.tx, found.id);
  return { replies: [say(text, { tone: 'success' }), ...toTeam(team, text)] };
}
