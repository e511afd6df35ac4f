// Asking for peer supervision: a request opened and offered (from the form or another feature), a
// preferred supervisor found by name, and a request withdrawn by the mentor who asked.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Reply } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { caseCodePattern } from '../../core/wording.js';
import type { SupervisionRequestValues } from './forms.js';
import { requestedMessage } from './messages.js';
import { closePendingOffers, offerNext } from './offers.js';
import { formats, topics, urgencies, type Topic } from './policy.js';
import { lockRequest, summaryBinding } from './request-row.js';
import { send, timeline } from './timeline.js';

const vias = ['command', 'debrief', 'checkin'] as const;

const requestInput = z.object({
  requesterId: z.uuid(),
  // Another feature's label never fails its caller's transaction: an unknown topic is "other".
  topic: z.string().transform((t): Topic => ((topics as string[]).includes(t) ? (t as Topic) : 'other')),
  urgency: z.enum(urgencies),
  format: z.enum(formats),
  caseCode: z
    .string()
    .trim()
    .regex(caseCodePattern.regex)
    .transform((s) => s.toUpperCase())
    .optional(),
  summary: z
    .string()
    .trim()
    .max(3000)
    .transform((t) => t || '(no summary given)'),
  via: z.enum(vias),
  preferredSupervisorId: z.uuid().optional(),
});

export type RequestSupervisionInput = {
  requesterId: string;
  topic: string;
  urgency: 'today' | 'this_week' | 'routine';
  format: 'call' | 'in_person' | 'group';
  caseCode?: string;
  summary: string;
  via: (typeof vias)[number];
  /** Asked first when eligible. */
  preferredSupervisorId?: string;
};

/**
 * Opens a supervision request and offers it to the best-matching peer supervisor, in the caller's
 * transaction. The caller tells the requester (see `requestedMessage` in messages.ts).
 */
export async function requestSupervision(
  ctx: UseCaseContext & Partial<Pick<ActorContext, 'surface'>>,
  input: RequestSupervisionInput,
): Promise<{ id: string; number: number; offered: boolean }> {
  const parsed = requestInput.safeParse({ ...input, caseCode: input.caseCode || undefined });
  if (!parsed.success)
    throw new Refusal(
      'Some of the request’s answers need another look: the topic, urgency and format should be from the lists, and a case code looks like MS-0042.',
    );
  const values = parsed.data;
  const requester = await ctx.tx.member.findUnique({ where: { id: values.requesterId }, select: { status: true } });
  if (!requester || requester.status === 'left') throw new Refusal('Only active members can ask for supervision.');
  const id = randomUUID();
  const created = await ctx.tx.supervisionRequest.create({
    data: {
      id,
      requesterId: values.requesterId,
      topic: values.topic,
      urgency: values.urgency,
      format: values.format,
      caseCode: values.caseCode ?? null,
      summaryEnc: await ctx.deps.vault.seal(ctx.tx, values.summary, summaryBinding(id), {
        kind: 'member',
        id: values.requesterId,
      }),
      preferredSupervisorId: values.preferredSupervisorId ?? null,
      status: 'offered',
      createdAt: ctx.now,
    },
    select: { number: true },
  });
  await timeline(
    ctx,
    id,
    'requested',
    {
      via: values.via,
      topic: values.topic,
      urgency: values.urgency,
      format: values.format,
      caseCode: values.caseCode ?? null,
      preferred: !!values.preferredSupervisorId,
    },
    values.requesterId,
  );
  const outcome = await offerNext(ctx, id);
  return { id, number: created.number, offered: outcome === 'offered' };
}

/** Resolves a preferred supervisor typed by name: an active peer supervisor, or a kind refusal. */
export async function findPreferredSupervisor(ctx: ActorContext, name: string): Promise<string> {
  const found = await ctx.tx.member.findMany({
    where: {
      displayName: { equals: name.trim(), mode: 'insensitive' },
      status: { not: 'left' },
      roles: { has: 'peer_supervisor' },
    },
    select: { id: true },
    take: 2,
  });
  if (found.length !== 1 || found[0]!.id === ctx.actor.memberId) {
    throw new Refusal(
      `I could not find one peer supervisor called "${name.trim().slice(0, 60)}". Check the spelling, or leave it empty and the best match is asked. Nothing was saved yet.`,
    );
  }
  return found[0]!.id;
}

/** The request form, from /supervision request or another feature's prompt (its context names which). */
export async function askForSupervision(
  ctx: ActorContext,
  input: { values: SupervisionRequestValues; via: string | undefined },
): Promise<Reply[]> {
  const { values } = input;
  const preferredSupervisorId = values.preferred ? await findPreferredSupervisor(ctx, values.preferred) : undefined;
  const made = await requestSupervision(ctx, {
    requesterId: ctx.actor.memberId,
    topic: values.topic,
    urgency: values.urgency,
    format: values.format,
    caseCode: values.caseCode,
    summary: values.summary,
    via: z.enum(vias).catch('command').parse(input.via),
    preferredSupervisorId,
  });
  return [{ to: 'actor', message: requestedMessage(made.number, made.offered) }];
}

/** The requester withdraws a request that has not yet happened. */
export async function withdrawRequest(ctx: ActorContext, requestId: string): Promise<Reply[]> {
  const req = await lockRequest(ctx.tx, requestId);
  if (req.requesterId !== ctx.actor.memberId)
    throw new Refusal('Only the mentor who asked can withdraw a request.', 'not_owner');
  if (!['offered', 'waiting', 'accepted'].includes(req.status) || req.happened !== null)
    throw new Refusal(`Request #${req.number} is already ${req.status}; nothing to withdraw.`, 'closed');
  await closePendingOffers(ctx, req, 'The mentor no longer needs this. No action needed.');
  await ctx.tx.supervisionRequest.update({
    where: { id: req.id },
    data: { status: 'withdrawn', closedAt: ctx.now, epoch: req.epoch + 1 },
  });
  await timeline(ctx, req.id, 'withdrawn', {}, ctx.actor.memberId);
  if (req.status === 'accepted' && req.acceptedById) {
    await send(ctx, {
      to: 'member',
      memberId: req.acceptedById,
      message: {
        text: `${ctx.actor.displayName} has withdrawn supervision request #${req.number}. No action needed; thank you for offering.`,
      },
    });
  }
  return [
    {
      to: 'actor',
      message: {
        text: `Request #${req.number} is withdrawn. You can ask again any time with /supervision request.`,
        tone: 'success',
      },
    },
  ];
}
