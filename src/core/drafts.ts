// Multi-step forms (Discord's modal limits, the terminal) keep their answers here, sealed, with an
// expiry, so any replica can continue them and an abandoned one leaves no record behind.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/client.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import type { RawValue } from './form.js';

export const DRAFT_TTL_MS = 30 * 60 * 1000;

export interface Draft {
  id: string;
  formId: string;
  step: number;
  answers: Record<string, RawValue>;
  context: Record<string, string>;
}

const binding = (id: string) => ({ table: 'FormDraft', column: 'answersEnc', rowId: id });

/**
 * Writes a draft with one statement written out, with no query planning in Prisma's compiler (a form
 * opens on every click, and that was most of its CPU); false when one with its id exists already.
 */
async function insertDraft(deps: Deps, actor: Actor, draft: Draft): Promise<boolean> {
  const now = deps.clock.now();
  const answersEnc = deps.cipher.seal(JSON.stringify(draft.answers), binding(draft.id));
  const inserted = await deps.db.$executeRaw`
    INSERT INTO "FormDraft" ("id", "memberId", "platform", "formId", "step", "answersEnc", "context", "expiresAt", "updatedAt")
    VALUES (${draft.id}::uuid, ${actor.memberId}::uuid, ${actor.platform}::"Platform", ${draft.formId}, ${draft.step},
            ${answersEnc}, ${JSON.stringify(draft.context)}::jsonb, ${new Date(now.getTime() + DRAFT_TTL_MS)}, ${now})
    ON CONFLICT ("id") DO NOTHING`;
  return inserted === 1;
}

export async function startDraft(
  deps: Deps,
  actor: Actor,
  formId: string,
  context: Record<string, string> = {},
  initial: Record<string, string> = {},
): Promise<Draft> {
  const draft: Draft = { id: randomUUID(), formId, step: 0, answers: { ...initial }, context };
  await insertDraft(deps, actor, draft);
  return draft;
}

/**
 * Keeps the first answers of a form that was opened without a draft (its id chosen then, sent with
 * the form), at `step`; undefined when a draft with that id exists already (the answers came before).
 */
export async function keepNewDraft(
  deps: Deps,
  actor: Actor,
  draft: Pick<Draft, 'id' | 'formId' | 'answers'>,
  step: number,
): Promise<Draft | undefined> {
  const kept: Draft = { ...draft, step, context: {} };
  return (await insertDraft(deps, actor, kept)) ? kept : undefined;
}

/** The member's live draft, or undefined when it expired or belongs to someone else. */
export async function loadDraft(deps: Deps, memberId: string, id: string): Promise<Draft | undefined> {
  const row = await deps.db.formDraft.findFirst({ where: { id, memberId, expiresAt: { gt: deps.clock.now() } } });
  if (!row) return undefined;
  return {
    id: row.id,
    formId: row.formId,
    step: row.step,
    answers: JSON.parse(deps.cipher.open(row.answersEnc, binding(row.id))) as Record<string, RawValue>,
    context: row.context as Record<string, string>,
  };
}

/** Saves answers and moves to `step`; only from the expected step, so a replayed step is ignored. */
export async function saveDraftStep(
  deps: Deps,
  draft: Draft,
  answers: Record<string, RawValue>,
  step: number,
): Promise<Draft | undefined> {
  const merged = { ...draft.answers, ...answers };
  const now = deps.clock.now();
  const updated = await deps.db.formDraft.updateMany({
    where: { id: draft.id, step: draft.step, expiresAt: { gt: now } },
    data: {
      step,
      answersEnc: deps.cipher.seal(JSON.stringify(merged), binding(draft.id)),
      expiresAt: new Date(now.getTime() + DRAFT_TTL_MS),
    },
  });
  return updated.count === 1 ? { ...draft, step, answers: merged } : undefined;
}

/** Deletes the draft; false when it was already gone (submitted before, or expired and purged). */
export async function discardDraft(db: Tx, id: string): Promise<boolean> {
  const { count } = await db.formDraft.deleteMany({ where: { id } });
  return count === 1;
}

export async function purgeExpiredDrafts(deps: Deps): Promise<number> {
  const { count } = await deps.db.formDraft.deleteMany({ where: { expiresAt: { lte: deps.clock.now() } } });
  return count;
}
