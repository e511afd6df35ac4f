// One step of an escalation's chain: who it means now, the direct messages with the details (chat
// is always paged, at once), the pages out of chat by each person's own verified methods, and the
// unanswered chain's last word to the coordinators' channel and every admin.
import type { Deps } from '../../core/deps.js';
import type { UseCaseContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import { coordinatorIds, whoIsOnDuty } from '../duty/api.js';
import { coordinatorAlert, unansweredPost, type AlertReason, type Summary } from './messages.js';
import { schedulePages } from './paging.js';
import { durationText, pagesOutOfChat, type Audience } from './policy.js';
import {
  alertSubjects,
  deadlineRules,
  detailsOf,
  dmKeyOf,
  event,
  lockEscalation,
  storedPolicy,
  summaryOf,
  type Row,
  type StoredPolicy,
} from './record.js';

/** Who a step's audiences mean now. */
async function recipientsOf(
  tx: Tx,
  deps: Deps,
  policy: StoredPolicy,
  audiences: Audience[],
  now: Date,
  reporterId: string,
): Promise<{ memberId: string; reason: AlertReason }[]> {
  const out = new Map<string, AlertReason>();
  for (const audience of audiences) {
    if (audience === 'primary' && policy.primaryId)
      out.set(policy.primaryId, out.has(policy.primaryId) ? 'again' : 'primary');
    if (audience === 'backup') {
      const backup = policy.backupId ?? (await whoIsOnDuty(tx, deps, now)).backup?.coordinatorId;
      if (backup && backup !== policy.primaryId && backup !== reporterId) {
        if (!out.has(backup)) out.set(backup, 'backup');
      } else if (!audiences.includes('all')) {
        // Nobody to be the backup: the step goes to every coordinator rather than to nobody.
        for (const id of await coordinatorIds(tx)) if (!out.has(id) && id !== reporterId) out.set(id, 'all');
      }
    }
    if (audience === 'all')
      for (const id of await coordinatorIds(tx)) if (!out.has(id) && id !== reporterId) out.set(id, 'all');
  }
  return [...out].map(([memberId, reason]) => ({ memberId, reason }));
}

/** The last word of an unanswered chain: the coordinators' channel and every admin, minimal facts only. */
async function notifyUnanswered(
  ctx: UseCaseContext,
  row: Row,
  n: number,
  summary: Summary,
): Promise<{ memberIds: string[]; keys: string[] }> {
  const message = unansweredPost(summary, durationText(ctx.now.getTime() - row.raisedAt.getTime()));
  const admins = await ctx.tx.member.findMany({
    where: { roles: { has: 'admin' }, status: { not: 'left' }, id: { not: row.reporterId } },
    select: { id: true },
  });
  const keys = [`escalation:${row.id}:unanswered`];
  await ctx.deps.outbox.enqueue(ctx.tx, {
    to: 'channel',
    channel: 'coordinators',
    key: keys[0],
    message,
    urgent: true,
  });
  for (const { id } of admins) {
    keys.push(dmKeyOf(row.id, n, id));
    await ctx.deps.outbox.enqueue(ctx.tx, { to: 'member', memberId: id, key: keys.at(-1), message, urgent: true });
  }
  return { memberIds: admins.map((a) => a.id), keys };
}

/**
 * Sends one step of the chain: direct messages with the details, its event, and (with the sealed
 * acknowledgement code) a page job per recipient and verified method when the step pages out of chat.
 */
export async function notifyStep(ctx: UseCaseContext, row: Row, n: number, codeEnc?: string): Promise<string[]> {
  const policy = storedPolicy(row);
  const step = policy.steps.find((s) => s.n === n);
  if (!step) return [];
  const summary = await summaryOf(ctx.tx, ctx.deps, row);
  if (step.to.includes('unanswered')) {
    const told = await notifyUnanswered(ctx, row, n, summary);
    await event(ctx, row.id, 'escalation.notified', {
      step: n,
      audience: step.to,
      memberIds: told.memberIds,
      keys: told.keys,
    });
    return told.memberIds;
  }
  const recipients = await recipientsOf(ctx.tx, ctx.deps, policy, step.to, ctx.now, row.reporterId);
  const details = await detailsOf(ctx.tx, ctx.deps, row);
  const loops = policy.steps.filter((s) => s.loop).length;
  const keys: string[] = [];
  for (const { memberId, reason } of recipients) {
    const key = dmKeyOf(row.id, n, memberId);
    const why = step.loop ? 'repeat' : n > 0 && reason === 'primary' ? 'again' : reason;
    await ctx.deps.outbox.enqueue(ctx.tx, {
      to: 'member',
      memberId,
      key,
      message: coordinatorAlert(summary, details, why, step.loop ? { n: step.loop, of: loops } : undefined),
      subjects: alertSubjects(row),
      urgent: true,
    });
    keys.push(key);
  }
  await event(ctx, row.id, 'escalation.notified', {
    step: n,
    audience: step.to,
    memberIds: recipients.map((r) => r.memberId),
    keys,
  });
  const settings = await readSettings(ctx.tx, ctx.deps);
  if (
    codeEnc &&
    pagesOutOfChat(
      row.tier,
      new Date(step.at),
      deadlineRules(ctx.deps, settings.networkTimeZone, settings.workingHours),
    )
  ) {
    await schedulePages(
      ctx,
      row,
      step,
      recipients.map((r) => r.memberId),
      codeEnc,
    );
  }
  return recipients.map((r) => r.memberId);
}

/** One step of the chain, from its job (already fenced by the epoch). */
export async function runStep(ctx: UseCaseContext, id: string, n: number, codeEnc?: string): Promise<void> {
  const row = await lockEscalation(ctx.tx, { id });
  if (row.status !== 'open') return;
  await notifyStep(ctx, row, n, codeEnc);
}
