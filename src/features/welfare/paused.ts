// Whose check-ins are paused, for features that would offer an extra one (mentor workload).
import type { Tx } from '../../db/client.js';

/** Which of these members have paused their check-ins. */
export async function pausedMembers(tx: Tx, memberIds: readonly string[]): Promise<Set<string>> {
  const rows = await tx.checkinSchedule.findMany({
    where: { memberId: { in: [...memberIds] }, paused: true },
    select: { memberId: true },
  });
  return new Set(rows.map((r) => r.memberId));
}
