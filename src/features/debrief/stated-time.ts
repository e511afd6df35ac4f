// Session time as debriefs state it (length and travel), by the session's calendar month, for mentor
// workload and pay when a session was not tracked from start to end.
import type { Tx } from '../../db/client.js';

export interface StatedTime {
  memberId: string;
  sessionId: string | null;
  minutes: number;
  travelMinutes: number;
  travelCostPence: number;
}

/** Every debrief of a session held in the month (YYYY-MM), by its author; unstated amounts count as 0. */
export async function statedTimes(tx: Tx, month: string): Promise<StatedTime[]> {
  return tx.$queryRaw<StatedTime[]>`
    SELECT d."authorId" AS "memberId", d."sessionId", coalesce(d."lengthMinutes", 0) AS minutes,
           coalesce(d."travelMinutes", 0) AS "travelMinutes", coalesce(d."travelCostPence", 0) AS "travelCostPence"
    FROM "Debrief" d WHERE to_char(d."sessionDate", 'YYYY-MM') = ${month}`;
}
