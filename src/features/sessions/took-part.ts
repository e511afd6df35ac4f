// Whether a member took part in a session, for a feature that must check a session is theirs.
import type { Tx } from '../../db/client.js';

export async function tookPart(tx: Tx, input: { sessionId: string; memberId: string }): Promise<boolean> {
  const part = await tx.sessionParticipant.findUnique({
    where: { sessionId_memberId: { sessionId: input.sessionId, memberId: input.memberId } },
    select: { sessionId: true },
  });
  return part !== null;
}
