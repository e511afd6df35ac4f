// Whether a member wrote a debrief, for a feature that must check a debrief is theirs.
import type { Tx } from '../../db/client.js';

export async function wroteDebrief(tx: Tx, input: { debriefId: string; memberId: string }): Promise<boolean> {
  const found = await tx.debrief.findFirst({
    where: { id: input.debriefId, authorId: input.memberId },
    select: { id: true },
  });
  return found !== null;
}
