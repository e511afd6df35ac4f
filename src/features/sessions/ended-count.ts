// How many mentoring sessions ended in a period, for the digest's figures (a count, nothing more).
import type { Tx } from '../../db/client.js';

/** Sessions ended from `from` (inclusive) to `to` (exclusive): a true count. */
export async function sessionsEndedIn(tx: Tx, range: { from: Date; to: Date }): Promise<number> {
  return tx.mentoringSession.count({ where: { status: 'ended', endedAt: { gte: range.from, lt: range.to } } });
}
