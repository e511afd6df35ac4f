// Contact methods: how a member is paged out of chat (chat itself is always on). Anyone records an
// e-mail address and an SMS number (sealed under their own key), each with a delay after a step
// pages them; a method is paged only once the code sent to it has been typed back in chat.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';
import type { Holding } from '../../core/holdings.js';
import type { Message } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob, URGENT_JOB_PRIORITY } from '../../jobs/enqueue.js';
import { auditMember } from './audit.js';
import {
  CODE_ATTEMPTS,
  codeMatches,
  delayText,
  kindWords,
  maskAddress,
  parseCode,
  parseDelay,
  parseEmail,
  parsePhone,
  RESEND_AFTER_MS,
  type ContactKind,
} from './contact-policy.js';

type Method = NonNullable<Awaited<ReturnType<Tx['contactMethod']['findUnique']>>>;

export const CONTACT_VERIFY_JOB = 'contact.verify';
export const addressBinding = (id: string) => ({ table: 'ContactMethod', column: 'addressEnc', rowId: id });

const audit = (ctx: ActorContext, kind: string, data: Record<string, string | number | boolean | null> = {}) =>
  auditMember(ctx, ctx.actor.memberId, kind, data);

export const openAddress = (tx: Tx, deps: Deps, method: Pick<Method, 'id' | 'addressEnc'>) =>
  deps.vault.open(tx, method.addressEnc, addressBinding(method.id));

/** Whether the network can send this kind at all (the mail relay, or the signed SMS webhook). */
export function routeConfigured(deps: Deps, kind: ContactKind): boolean {
  const c = deps.config;
  return kind === 'email' ? Boolean(c.ALERT_SMTP_URL) : Boolean(c.ALERT_WEBHOOK_URL && c.ALERT_WEBHOOK_SECRET);
}

/** A fresh code goes out by job (claim → commit → send → settle); the round fences an older one. */
async function sendCode(ctx: ActorContext, method: { id: string; codeRound: number }): Promise<void> {
  await enqueueJob(ctx.tx, {
    kind: CONTACT_VERIFY_JOB,
    dueAt: ctx.now,
    subject: { kind: 'contact', id: method.id },
    fence: String(method.codeRound),
    dedupeKey: `contact:${method.id}:code:${method.codeRound}`,
    priority: URGENT_JOB_PRIORITY,
  });
}

const mine = (ctx: ActorContext, kind: ContactKind) =>
  ctx.tx.contactMethod.findUnique({ where: { memberId_kind: { memberId: ctx.actor.memberId, kind } } });

/**
 * Records (or changes) the e-mail address or SMS number, and/or its delay. A new or changed address
 * is unverified until its code comes back; the same address again keeps its verification.
 */
export async function saveMethod(
  ctx: ActorContext,
  kind: ContactKind,
  input: { address?: string; delay?: string },
): Promise<Message> {
  if (!routeConfigured(ctx.deps, kind)) {
    throw new Refusal(
      kind === 'email'
        ? 'E-mail paging is not set up on this network (no mail relay is configured). Ask an admin, or add an SMS number.'
        : 'SMS paging is not set up on this network (no SMS gateway is configured). Ask an admin, or add an e-mail address.',
    );
  }
  const delay = input.delay === undefined ? undefined : parseDelay(input.delay);
  if (delay && !delay.ok) throw new Refusal(delay.problem);
  const existing = await mine(ctx, kind);
  if (!input.address) {
    if (!existing)
      throw new Refusal(
        `address: you have no ${kindWords[kind]} method yet. Add one with /profile contact change:${kind} address:${kind === 'email' ? 'jo@example.org' : '+447700900123'}.`,
      );
    if (!delay)
      throw new Refusal(
        `Nothing to change: give address: for a new ${kindWords[kind]} ${kind === 'email' ? 'address' : 'number'}, or delay: in minutes.`,
      );
    await ctx.tx.contactMethod.update({ where: { id: existing.id }, data: { delayMinutes: delay.value } });
    await audit(ctx, 'member.contact_changed', { method: kind, delayMinutes: delay.value });
    return {
      text: `Your ${kindWords[kind]} will be paged ${delayText(delay.value)} after each escalation step that pages you.`,
      tone: 'success',
    };
  }
  const parsed = kind === 'email' ? parseEmail(input.address) : parsePhone(input.address);
  if (!parsed.ok) throw new Refusal(parsed.problem);
  const masked = maskAddress(kind, parsed.value);
  if (existing?.verifiedAt && (await openAddress(ctx.tx, ctx.deps, existing)) === parsed.value) {
    if (delay) await ctx.tx.contactMethod.update({ where: { id: existing.id }, data: { delayMinutes: delay.value } });
    return {
      text: `${masked} is already verified${delay ? `; it will be paged ${delayText(delay.value)}` : ''}.`,
      tone: 'success',
    };
  }
  // Each code is a message to a phone or an inbox: at most one a minute, whatever the address.
  if (existing?.codeSentAt && ctx.now.getTime() - existing.codeSentAt.getTime() < RESEND_AFTER_MS)
    throw new Refusal('A code was sent less than a minute ago. Please wait a moment, then try again.', 'rate_limited');
  const id = existing?.id ?? randomUUID();
  const addressEnc = await ctx.deps.vault.seal(ctx.tx, parsed.value, addressBinding(id), {
    kind: 'member',
    id: ctx.actor.memberId,
  });
  const cleared = {
    addressEnc,
    verifiedAt: null,
    codeHash: null,
    codeSentAt: null,
    codeExpiresAt: null,
    codeAttempts: 0,
  };
  const saved = existing
    ? await ctx.tx.contactMethod.update({
        where: { id },
        data: { ...cleared, codeRound: existing.codeRound + 1, ...(delay ? { delayMinutes: delay.value } : {}) },
      })
    : await ctx.tx.contactMethod.create({
        data: {
          id,
          memberId: ctx.actor.memberId,
          kind,
          ...cleared,
          delayMinutes: delay?.value ?? 0,
          createdAt: ctx.now,
        },
      });
  await sendCode(ctx, saved);
  await audit(ctx, existing ? 'member.contact_changed' : 'member.contact_added', {
    method: kind,
    delayMinutes: saved.delayMinutes,
  });
  return {
    text: `A 6-digit code is on its way to ${masked}. Type it here within 15 minutes: /profile contact verify code:123456 (with your code). Until then this ${kindWords[kind]} is not paged; chat always is.`,
    tone: 'success',
  };
}

/** The pending methods a code may be for: the one named, or every one awaiting a code. */
async function pending(ctx: ActorContext, kind?: ContactKind): Promise<Method[]> {
  const rows = await ctx.tx.contactMethod.findMany({
    where: { memberId: ctx.actor.memberId, verifiedAt: null, codeHash: { not: null }, ...(kind ? { kind } : {}) },
    orderBy: { kind: 'asc' },
  });
  if (!rows.length)
    throw new Refusal(
      kind
        ? `Your ${kindWords[kind]} has no code waiting. Send a new one with /profile contact change:resend method:${kind}.`
        : 'You have no code waiting. Add a method with /profile contact change:email address:jo@example.org, or send a new code with /profile contact change:resend.',
    );
  return rows;
}

export async function verifyMethod(ctx: ActorContext, typed: string, kind?: ContactKind): Promise<Message> {
  const code = parseCode(typed);
  if (!code.ok) throw new Refusal(code.problem);
  const candidates = await pending(ctx, kind);
  const live = candidates.filter((m) => m.codeAttempts < CODE_ATTEMPTS && m.codeExpiresAt && m.codeExpiresAt > ctx.now);
  const match = live.find((m) => codeMatches(m.id, code.value, m.codeHash!));
  if (match) {
    // Used once: a second verify with the same code finds no hash.
    const used = await ctx.tx.contactMethod.updateMany({
      where: { id: match.id, codeHash: match.codeHash },
      data: { verifiedAt: ctx.now, codeHash: null, codeExpiresAt: null },
    });
    if (!used.count) throw new Refusal('That code has just been used. /profile contact shows where you stand.');
    await audit(ctx, 'member.contact_verified', { method: match.kind });
    const address = maskAddress(match.kind, await openAddress(ctx.tx, ctx.deps, match));
    return {
      text: `Verified: ${address} will be paged ${delayText(match.delayMinutes)} after each escalation step that pages you.`,
      tone: 'success',
    };
  }
  const resend = `/profile contact change:resend method:${candidates[0]!.kind}`;
  if (!live.length) {
    const tooMany = candidates.every((m) => m.codeAttempts >= CODE_ATTEMPTS);
    throw new Refusal(
      tooMany
        ? `code: too many wrong codes, so that code no longer works. Send a new one with ${resend}.`
        : `code: that code has expired (codes last 15 minutes). Send a new one with ${resend}.`,
    );
  }
  // Its own write: the refusal rolls the handler's transaction back, the miss must still count.
  await ctx.deps.db.contactMethod.updateMany({
    where: { id: { in: live.map((m) => m.id) } },
    data: { codeAttempts: { increment: 1 } },
  });
  await recordEvent(ctx.deps.db, {
    subjectKind: 'member',
    subjectId: ctx.actor.memberId,
    kind: 'member.contact_code_failed',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
  });
  const left = Math.max(...live.map((m) => CODE_ATTEMPTS - m.codeAttempts - 1));
  throw new Refusal(
    left > 0
      ? `code: that is not the code we sent. ${left} ${left === 1 ? 'try' : 'tries'} left.`
      : `code: that is not the code we sent, and that was the last try. Send a new one with ${resend}.`,
  );
}

export async function resendCode(ctx: ActorContext, kind?: ContactKind): Promise<Message> {
  const rows = await ctx.tx.contactMethod.findMany({
    where: { memberId: ctx.actor.memberId, verifiedAt: null, ...(kind ? { kind } : {}) },
  });
  if (!rows.length)
    throw new Refusal(
      kind
        ? `Your ${kindWords[kind]} is verified, or not recorded: /profile contact shows where you stand.`
        : 'Nothing is waiting for a code: /profile contact shows where you stand.',
    );
  if (rows.length > 1)
    throw new Refusal('method: say which one, email or sms, like /profile contact change:resend method:sms.');
  const method = rows[0]!;
  if (method.codeSentAt && ctx.now.getTime() - method.codeSentAt.getTime() < RESEND_AFTER_MS)
    throw new Refusal('A code was sent less than a minute ago. Please give it a moment to arrive.', 'rate_limited');
  const next = await ctx.tx.contactMethod.update({
    where: { id: method.id },
    data: { codeRound: method.codeRound + 1, codeHash: null, codeExpiresAt: null, codeAttempts: 0 },
  });
  await sendCode(ctx, next);
  await audit(ctx, 'member.contact_code_requested', { method: method.kind });
  return {
    text: `A new code is on its way to ${maskAddress(method.kind, await openAddress(ctx.tx, ctx.deps, method))}; the old one no longer works.`,
    tone: 'success',
  };
}

export async function removeMethod(ctx: ActorContext, kind: ContactKind): Promise<Message> {
  const { count } = await ctx.tx.contactMethod.deleteMany({ where: { memberId: ctx.actor.memberId, kind } });
  if (!count) throw new Refusal(`method: you have no ${kindWords[kind]} method to remove.`);
  await audit(ctx, 'member.contact_removed', { method: kind });
  return { text: `Your ${kindWords[kind]} is removed and will not be paged. Chat always is.`, tone: 'success' };
}

const status = (m: Method, now: Date) =>
  m.verifiedAt
    ? `verified, paged ${delayText(m.delayMinutes)}`
    : m.codeExpiresAt && m.codeExpiresAt > now && m.codeAttempts < CODE_ATTEMPTS
      ? 'waiting for its code: not paged yet'
      : 'not verified: not paged (send a new code)';

export async function contactView(ctx: ActorContext): Promise<Message> {
  const rows = await ctx.tx.contactMethod.findMany({
    where: { memberId: ctx.actor.memberId },
    orderBy: { kind: 'asc' },
  });
  const fields = [{ label: 'Chat', value: 'always, immediately, on every platform you are linked on' }];
  for (const m of rows)
    fields.push({
      label: m.kind === 'email' ? 'E-mail' : 'SMS',
      value: `${maskAddress(m.kind, await openAddress(ctx.tx, ctx.deps, m))}: ${status(m, ctx.now)}`,
    });
  return {
    title: 'How escalations page you',
    text: [
      'Out of chat, each verified method is paged after its own delay: at every step of a P1 that pages you, and of a P2 outside working hours.',
      'Add or change: /profile contact change:email address:jo@example.org delay:0 (or change:sms address:+447700900123 delay:2).',
      'Then: /profile contact verify code:123456 with the code sent to it. Remove: /profile contact change:remove method:sms.',
    ].join('\n'),
    fields,
  };
}

/** Each member's verified out-of-chat methods (what an escalation step may page). */
export async function verifiedMethodsOf(
  tx: Tx,
  memberIds: readonly string[],
): Promise<{ id: string; memberId: string; kind: ContactKind; delayMinutes: number }[]> {
  if (!memberIds.length) return [];
  return tx.contactMethod.findMany({
    where: { memberId: { in: [...memberIds] }, verifiedAt: { not: null } },
    select: { id: true, memberId: true, kind: true, delayMinutes: true },
    orderBy: [{ delayMinutes: 'asc' }, { kind: 'asc' }],
  });
}

/**
 * For `/duty who` and the daily cover check: a warning naming whoever of these has no verified
 * e-mail or SMS (they can be paged in chat only), or undefined when everyone has one.
 */
export async function unreachableWarning(tx: Tx, memberIds: readonly string[]): Promise<string | undefined> {
  const ids = [...new Set(memberIds)];
  const reachable = new Set((await verifiedMethodsOf(tx, ids)).map((m) => m.memberId));
  const missing = ids.filter((id) => !reachable.has(id));
  if (!missing.length) return undefined;
  const names = (
    await tx.member.findMany({
      where: { id: { in: missing } },
      select: { displayName: true },
      orderBy: { displayName: 'asc' },
    })
  ).map((m) => m.displayName);
  return `No verified e-mail or SMS for ${names.join(', ')}: an escalation reaches ${names.length === 1 ? 'them' : 'each of them'} in chat only. Add one with /profile contact.`;
}

/** A member who leaves takes their addresses with them. */
export const contactHolding: Holding = {
  name: 'ways to page them out of chat (deleted)',
  async list(tx, memberId) {
    return (
      await tx.contactMethod.findMany({ where: { memberId }, select: { kind: true }, orderBy: { kind: 'asc' } })
    ).map((m) => kindWords[m.kind]);
  },
  async release(tx, memberId) {
    await tx.contactMethod.deleteMany({ where: { memberId } });
  },
};
