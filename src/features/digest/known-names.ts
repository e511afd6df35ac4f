// Everything the network knows that must never appear in a digest: members' names and handles, case
// codes (from cases and debriefs), and the places and organisations named in the configuration.
import type { Deps } from '../../core/deps.js';
import type { Tx } from '../../db/client.js';
import { allCaseCodes } from '../cases/api.js';
import { debriefCaseCodes } from '../debrief/api.js';
import type { DenyList } from './schema.js';

/** A comma, semicolon or line separated list, trimmed, blanks left out. */
export const splitList = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The deny-list as it is now (members and case codes added since count too). */
export async function denyListFor(tx: Tx, deps: Deps): Promise<DenyList> {
  const [members, identities, caseCodes, debriefCodes] = await Promise.all([
    tx.member.findMany({ select: { displayName: true } }),
    tx.memberIdentity.findMany({ select: { handle: true, platformUserId: true } }),
    allCaseCodes(tx),
    debriefCaseCodes(tx),
  ]);
  return {
    names: members.map((m) => m.displayName),
    handles: identities
      .flatMap((i) => [i.handle, i.platformUserId])
      .filter((h): h is string => !!h && h.trim().length >= 3),
    caseCodes: [...new Set([...caseCodes, ...debriefCodes])],
    places: splitList(deps.config.DIGEST_DENY_PLACES),
    organisations: splitList(deps.config.DIGEST_DENY_ORGANISATIONS),
  };
}
