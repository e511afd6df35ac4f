// Recording what has been done on an escalation: actions (the first moves it to in progress) and
// a note. A note never moves the epoch; actions wait until someone has acknowledged.
import type { Reply } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { UseCaseContext } from '../../core/router.js';
import { labelOf } from '../../core/wording.js';
import type { Acknowledger } from './acknowledge.js';
import { recordedActionChoices } from './forms.js';
import { addNote } from './notes.js';
import { event, lockEscalation } from './record.js';

export interface UpdateInput {
  by: Acknowledger;
  escalationId: string;
  actions: string[];
  note?: string;
}

/** Actions and/or a note. A note never moves the epoch; the first action moves the status to in progress. */
export async function recordUpdate(ctx: UseCaseContext, input: UpdateInput): Promise<Reply[]> {
  const { tx, now } = ctx;
  const { by, escalationId: id } = input;
  const row = await lockEscalation(tx, { id });
  if (row.status === 'resolved')
    throw new Refusal(`Escalation #${row.number} is resolved; nothing more can be added.`, 'closed');
  const actions = input.actions.filter((a) => recordedActionChoices.some((c) => c.value === a));
  if (actions.length && row.status === 'open')
    throw new Refusal(
      `Please acknowledge escalation #${row.number} first (the Acknowledge button), then record what has been done. Your note, if any, was not saved either: send it again after acknowledging.`,
    );
  if (!actions.length && !input.note) throw new Refusal('Nothing to save: choose an action or write a note.');
  if (input.note) await addNote(ctx, { escalationId: id, authorId: by.memberId, note: input.note });
  if (actions.length) {
    await tx.escalation.update({
      where: { id },
      data: {
        status: 'in_progress',
        actionsRecorded: [...new Set([...row.actionsRecorded, ...actions])],
        lastUpdateAt: now,
      },
    });
    await event(ctx, id, 'escalation.actions', { actions }, by.memberId);
  } else if (row.status !== 'open') {
    await tx.escalation.update({ where: { id }, data: { lastUpdateAt: now } });
  }
  const recorded = actions.length
    ? ` Recorded: ${actions.map((a) => labelOf(recordedActionChoices, a)).join(', ')}.`
    : '';
  return [{ to: 'actor', message: { text: `Saved on escalation #${row.number}.${recorded}`, tone: 'success' } }];
}
