// One contact method by its id, for paging: only while it is there and verified (an address nobody
// has verified is never paged).
import type { Tx } from '../../db/client.js';

export async function verifiedMethod(tx: Tx, id: string) {
  const method = await tx.contactMethod.findUnique({
    where: { id },
    select: { id: true, memberId: true, kind: true, addressEnc: true, verifiedAt: true },
  });
  return method?.verifiedAt ? method : undefined;
}
