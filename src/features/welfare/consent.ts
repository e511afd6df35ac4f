// Who may see a mentor's answers: their chosen supporter (if still a member) and their default
// consent, "me and my supporter" when they have one, else "only me", until they choose.
import type { UseCaseContext } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import { CONSENTS, defaultConsent, oneOf, type Consent } from './policy.js';
import { scheduleOf } from './schedule.js';

export interface Supporter {
  id: string;
  displayName: string;
}

/** The member's chosen supporter, unless they have left. */
export async function supporterOf(tx: Tx, memberId: string): Promise<Supporter | null> {
  const member = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { supporterId: true } });
  if (!member.supporterId) return null;
  return tx.member.findFirst({
    where: { id: member.supporterId, status: { not: 'left' } },
    select: { id: true, displayName: true },
  });
}

/** The mentor's default consent for new answers, and the supporter it may name. */
export async function consentFor(
  ctx: Pick<UseCaseContext, 'tx' | 'deps'>,
  memberId: string,
): Promise<{ consent: Consent; supporter: Supporter | null }> {
  const supporter = await supporterOf(ctx.tx, memberId);
  const s = await scheduleOf(ctx, memberId);
  return { consent: oneOf(CONSENTS, s.consent) ?? defaultConsent(!!supporter), supporter };
}
