// Acknowledging an escalation: by the button, a personal link or the out-of-chat code. The epoch
// moves, so later steps and pages do nothing; the channel post and every direct message of the
// chain are edited in place, the concern goes to the same coordinator and the reporter is told.
import { z } from 'zod';
import type { Message, Reply } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { UseCaseContext } from '../../core/router.js';
import { EMERGENCY, shortWhen } from '../../core/wording.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { takeForEscalation } from '../concerns/api.js';
import { acknowledgedPost, nextStepsMessage } from './messages.js';
import {
  channelKeyOf,
  event,
  hashAckCode,
  lockEscalation,
  nameOf,
  storedPolicy,
  SUBJECT,
  summaryOf,
  type Row,
} from './record.js';
import { STALE_JOB } from './stale.js';

/** Who acknowledges or resolves: the member who pressed, typed or opened their link. */
export interface Acknowledger {
  memberId: string;
  displayName: string;
}

export interface AcknowledgeInput {
  by: Acknowledger;
  /** By id (the button, or a personal link) or by the out-of-chat code. */
  which: { id: string; via?: 'chat' | 'link' } | { code: string };
}

/** The owed messages' keys a step recorded (edited in place later). */
const stepKeys = z.object({ keys: z.array(z.string()).default([]) });

/** Edits the channel post and every direct message of the chain, on every platform. */
export async function updatesOf(tx: Tx, row: Row, message: Message): Promise<Reply[]> {
  const notified = await tx.event.findMany({
    where: { subjectKind: SUBJECT, subjectId: row.id, kind: 'escalation.notified' },
    select: { data: true },
  });
  const keys = notified.flatMap((e) => stepKeys.parse(e.data).keys);
  return [channelKeyOf(row.id), ...keys].map((key) => ({ to: 'update' as const, key, message }));
}

async function escalationIdOf(tx: Tx, which: AcknowledgeInput['which']): Promise<string> {
  if (!('code' in which)) return which.id;
  const found = await tx.escalation.findUnique({
    where: { ackCodeHash: hashAckCode(which.code) },
    select: { id: true },
  });
  if (!found)
    throw new Refusal(
      'That code did not match an escalation. Check it against the e-mail or text message (letters and numbers, the dash is optional).',
      'not_found',
    );
  return found.id;
}

/** Acknowledges the escalation; the epoch moves, so later steps and pages do nothing. */
export async function acknowledgeEscalation(
  ctx: UseCaseContext,
  input: AcknowledgeInput,
): Promise<{ number: number; replies: Reply[] }> {
  const { tx, deps, now } = ctx;
  const { by, which } = input;
  const id = await escalationIdOf(tx, which);
  const row = await lockEscalation(tx, { id });
  if (row.reporterId === by.memberId)
    throw new Refusal(
      `You raised escalation #${row.number}, so another coordinator needs to acknowledge it. They have been told.`,
    );
  const summary = await summaryOf(tx, deps, row);
  if (row.status !== 'open') {
    const who = await nameOf(tx, row.acknowledgedById);
    const what = row.status === 'resolved' ? 'resolved' : 'acknowledged';
    const detail = who ? ` (by ${who} at ${shortWhen(row.acknowledgedAt!, summary.zone)})` : '';
    return {
      number: row.number,
      replies: [
        {
          to: 'actor',
          message: { text: `Escalation #${row.number} is already ${what}${detail}. Nothing more was changed.` },
        },
      ],
    };
  }
  const epoch = row.epoch + 1;
  await tx.escalation.update({
    where: { id },
    data: { status: 'acknowledged', acknowledgedById: by.memberId, acknowledgedAt: now, lastUpdateAt: now, epoch },
  });
  await event(
    ctx,
    id,
    'escalation.acknowledged',
    {
      via: 'code' in which ? 'code' : (which.via ?? 'chat'),
      seconds: Math.round((now.getTime() - row.raisedAt.getTime()) / 1000),
      epoch,
    },
    by.memberId,
  );
  await enqueueJob(tx, {
    kind: STALE_JOB,
    dueAt: new Date(now.getTime() + storedPolicy(row).staleAfterMinutes * 60_000),
    subject: { kind: SUBJECT, id },
    fence: String(epoch),
    dedupeKey: `escalation:${id}:stale:${now.toISOString()}`,
  });
  const replies: Reply[] = [
    ...(await updatesOf(tx, row, acknowledgedPost(summary, by.displayName, now))),
    ...(await takeForEscalation(ctx, { escalationId: id, by })),
  ];
  replies.push({
    to: 'member',
    memberId: row.reporterId,
    message: {
      text: `${by.displayName} (coordinator) has your escalation #${row.number} and will be in touch. ${EMERGENCY}`,
      tone: 'success',
    },
  });
  replies.push({
    to: 'actor',
    message: nextStepsMessage(
      id,
      `Thank you: escalation #${row.number} is yours. The reporter has been told you have it.`,
    ),
  });
  return { number: row.number, replies };
}
