// Opening a case: the bot issues the code (never a name), records the baseline, sets the first
// agreement review and links the referral it came from.
import { randomUUID } from 'node:crypto';
import { say } from '../../core/message.js';
import type { ActorContext, Response } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import { referralForOpenedCase } from '../referrals/api.js';
import type { CaseOpenValues } from './forms.js';
import { auditCase } from './lookup.js';
import { caseOpenedText } from './messages.js';
import { formatCaseCode, nextReview } from './policy.js';
import { scheduleReview } from './reviews.js';

/** The next free code with the configured prefix; an advisory lock makes simultaneous openings queue. */
async function issueCaseCode(tx: Tx, prefix: string): Promise<string> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('case-code'))`;
  const [row] = await tx.$queryRaw<{ n: number | null }[]>`
    SELECT max(substring("code" from '-([0-9]+)$')::int) AS n FROM "Case" WHERE "code" LIKE ${`${prefix}-%`}`;
  return formatCaseCode(prefix, (row?.n ?? 0) + 1);
}

export async function openCase(
  ctx: ActorContext,
  input: { values: CaseOpenValues; referralId?: string },
): Promise<Response> {
  const { values } = input;
  const code = await issueCaseCode(ctx.tx, ctx.deps.config.CASE_CODE_PREFIX);
  const id = randomUUID();
  const baseline = {
    programme: values.programme,
    riskLevel: values.riskLevel,
    riskFactors: values.riskFactors,
    recordedAt: ctx.now.toISOString(),
  };
  await ctx.tx.case.create({
    data: {
      id,
      code,
      status: 'open',
      openedAt: ctx.now,
      createdAt: ctx.now,
      createdById: ctx.actor.memberId,
      baseline,
      language: values.language ?? null,
      area: values.area ?? null,
    },
  });
  const { networkTimeZone } = await readSettings(ctx.tx, ctx.deps);
  await scheduleReview(ctx.tx, id, nextReview(ctx.now, networkTimeZone));
  await auditCase(ctx, id, 'case.opened', { code, riskLevel: values.riskLevel });
  await referralForOpenedCase(ctx, id, values.programme, input.referralId);
  return { replies: [say(caseOpenedText(code), { tone: 'success' })] };
}
