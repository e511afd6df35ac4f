// Every case code the network has used, for the digest's deny-list (codes only, nothing about a case).
import type { Tx } from '../../db/client.js';

/** The codes of every case, open or closed. */
export async function allCaseCodes(tx: Tx): Promise<string[]> {
  return (await tx.case.findMany({ select: { code: true } })).map((c) => c.code);
}
