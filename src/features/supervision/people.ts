// Members as supervision's messages name them.
import type { Tx } from '../../db/client.js';

/** A member's display name, or "someone" when there is none. */
export async function nameOf(tx: Tx, memberId: string | null | undefined): Promise<string> {
  if (!memberId) return 'someone';
  return (
    (await tx.member.findUnique({ where: { id: memberId }, select: { displayName: true } }))?.displayName ?? 'someone'
  );
}
