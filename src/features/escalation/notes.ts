// Coordinators' notes on an escalation: each its own sealed row (under the case's key, else its
// author's); the timeline event carries only the note's id.
import { randomUUID } from 'node:crypto';
import type { UseCaseContext } from '../../core/router.js';
import { detailsSubject, event } from './record.js';

const noteBinding = (id: string) => ({ table: 'EscalationNote', column: 'noteEnc', rowId: id });

export async function addNote(
  ctx: UseCaseContext,
  input: { escalationId: string; authorId: string; note: string },
): Promise<void> {
  const { escalationId, authorId, note } = input;
  const noteId = randomUUID();
  const about = await ctx.tx.escalation.findUnique({ where: { id: escalationId }, select: { caseCode: true } });
  const noteEnc = await ctx.deps.vault.seal(
    ctx.tx,
    note,
    noteBinding(noteId),
    detailsSubject({ caseCode: about?.caseCode ?? null, reporterId: authorId }),
  );
  await ctx.tx.escalationNote.create({ data: { id: noteId, escalationId, authorId, noteEnc, createdAt: ctx.now } });
  await event(ctx, escalationId, 'escalation.note', { noteId }, authorId);
}

/** A note's text, or "(removed)" when its row is gone. */
export async function readNote(ctx: Pick<UseCaseContext, 'tx' | 'deps'>, noteId: string): Promise<string> {
  const note = await ctx.tx.escalationNote.findUnique({ where: { id: noteId } });
  return note ? ctx.deps.vault.open(ctx.tx, note.noteEnc, noteBinding(note.id)) : '(removed)';
}
