// What is known of debriefs without reading one: how many were written in a period, and the case
// codes they name (for the digest's figures and deny-list).
import type { Tx } from '../../db/client.js';

/** Debriefs written from `from` (inclusive) to `to` (exclusive): a true count. */
export async function debriefsWrittenIn(tx: Tx, range: { from: Date; to: Date }): Promise<number> {
  return tx.debrief.count({ where: { createdAt: { gte: range.from, lt: range.to } } });
}

/** Every case code a debrief names, once each (a debrief may name a code no case has). */
export async function debriefCaseCodes(tx: Tx): Promise<string[]> {
  return (await tx.debrief.findMany({ select: { caseCode: true }, distinct: ['caseCode'] })).map((d) => d.caseCode);
}
