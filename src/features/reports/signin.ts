// One-time sign-in links to the report pages and the sessions they open. A link is valid for 10
// minutes, bound to the member it was made for, and used up by the POST of its Continue button (a
// GET never uses it, so a chat's link preview cannot). A session lasts 8 hours and opens the report
// pages only. Only SHA-256 hashes of tokens are stored.
import type { Tx } from '../../db/client.js';
import { hashUrlToken, isUrlTokenShape, newUrlToken } from '../../web/index.js';
import type { Period } from './period.js';

export const LINK_MINUTES = 10;
export const SESSION_HOURS = 8;
export const SESSION_COOKIE = 'msn_report';

const day = (d: string) => new Date(`${d}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export async function createSignInLink(
  tx: Tx,
  memberId: string,
  period: Pick<Period, 'from' | 'to'>,
  now: Date,
): Promise<string> {
  const token = newUrlToken();
  await tx.reportSignIn.create({
    data: {
      tokenHash: hashUrlToken(token),
      memberId,
      periodFrom: day(period.from),
      periodTo: day(period.to),
      expiresAt: new Date(now.getTime() + LINK_MINUTES * 60_000),
      createdAt: now,
    },
  });
  return token;
}

export type LinkState =
  | { ok: true; memberId: string; from: string; to: string }
  | { ok: false; why: 'unknown' | 'expired' | 'used' };

/** What a link is now, without using it (for the GET). */
export async function peekSignInLink(tx: Tx, token: string, now: Date): Promise<LinkState> {
  if (!isUrlTokenShape(token)) return { ok: false, why: 'unknown' };
  const row = await tx.reportSignIn.findUnique({ where: { tokenHash: hashUrlToken(token) } });
  if (!row) return { ok: false, why: 'unknown' };
  if (row.usedAt) return { ok: false, why: 'used' };
  if (row.expiresAt <= now) return { ok: false, why: 'expired' };
  return { ok: true, memberId: row.memberId, from: iso(row.periodFrom), to: iso(row.periodTo) };
}

/** Uses the link up (once: the update is conditional) and opens a session for its member. */
export async function redeemSignInLink(
  tx: Tx,
  token: string,
  now: Date,
): Promise<(LinkState & { ok: true } & { session: string }) | (LinkState & { ok: false })> {
  const state = await peekSignInLink(tx, token, now);
  if (!state.ok) return state;
  const used = await tx.reportSignIn.updateMany({
    where: { tokenHash: hashUrlToken(token), usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (used.count !== 1) return { ok: false, why: 'used' };
  const session = newUrlToken();
  await tx.reportSession.create({
    data: {
      tokenHash: hashUrlToken(session),
      memberId: state.memberId,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000),
      createdAt: now,
    },
  });
  return { ...state, session };
}

/** The member a session cookie belongs to, while it lasts. */
export async function sessionMember(tx: Tx, cookie: string | undefined, now: Date): Promise<string | undefined> {
  if (!cookie || !isUrlTokenShape(cookie)) return undefined;
  const row = await tx.reportSession.findUnique({ where: { tokenHash: hashUrlToken(cookie) } });
  return row && row.expiresAt > now ? row.memberId : undefined;
}
