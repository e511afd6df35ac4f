// A form on Discord, step by step: each step is a modal; between steps the answers wait in a draft
// in the database (any replica can continue it, an abandoned one expires). A draft moves only from
// the step it is at, so a replayed or stale submission changes nothing. The last step's answers are
// kept in the draft too, which is then complete (its step is past the last), before the whole form
// goes to the router; only the router's recording transaction deletes the draft. So when recording
// fails (the database lost mid-step) or is refused, the answers are still there: the member is told
// so and offered to send them again as they are, or to review them first. A form with nothing
// carried into it (no context, no initial answers) opens with no write at all: its id is chosen
// then and its draft is kept with the first step's answers, so an opening costs no round trip and
// an abandoned one leaves nothing behind.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../core/actor.js';
import type { Deps } from '../../core/deps.js';
import { keepNewDraft, loadDraft, saveDraftStep, startDraft, type Draft } from '../../core/drafts.js';
import { parseField, type FormDef, type FormRequest, type RawValue } from '../../core/form.js';
import { admit } from '../../core/identity.js';
import { errorFields } from '../../core/log.js';
import type { Router } from '../../core/router.js';
import { newFormCustomIds } from './custom-ids.js';
import { formSteps, stepAnswers, stepModal } from './form-steps.js';
import type { DiscordInteraction } from './inbound.js';
import { notices } from './notices.js';
import { renderMessage, type DiscordMessage } from './render.js';
import type { Answer, Responder } from './respond.js';

export interface FormContext {
  deps: Deps;
  router: Router;
}

type Who = { actor: Actor } | { refused: DiscordMessage };

/** A known member with one statement, outside any transaction (a form opens on every click). */
async function whoIs(deps: Deps, interaction: DiscordInteraction): Promise<Who> {
  const result = await admit(deps, interaction.user);
  return result.ok ? { actor: result.actor } : { refused: renderMessage({ text: result.message, tone: 'warning' }) };
}

const parseContext = (deps: Deps, actor: Actor) => ({ timeZone: actor.timeZone, now: deps.clock.now() });

type NewForm = { id: string; form: FormDef; customIds: { open: string; submit: string } };

/** The first step of a form not yet answered (or, once the answer is deferred, a button to it). */
function newFormAnswer(
  ctx: FormContext,
  { id, form, customIds }: NewForm,
  actor: Actor,
): Extract<Answer, { modal: unknown }> {
  return {
    modal: { ...stepModal(form, id, 0, {}, parseContext(ctx.deps, actor)), custom_id: customIds.submit },
    insteadOfModal: notices.openForm(form, id, 0, formSteps(form).length, customIds.open),
  };
}

/** Opens a form a handler asked for: its first step (or a button to it), after a draft when it carries anything. */
export async function openForm(
  ctx: FormContext,
  interaction: DiscordInteraction,
  request: FormRequest,
  before: DiscordMessage[],
  asker?: Actor,
): Promise<Answer> {
  const who = asker ? { actor: asker } : await whoIs(ctx.deps, interaction);
  if ('refused' in who) return { messages: [who.refused] };
  const id = randomUUID();
  const carries = Object.keys({ ...request.context, ...request.initial }).length > 0;
  const customIds = carries ? undefined : newFormCustomIds(id, request.form.id);
  if (customIds) {
    const answer = newFormAnswer(ctx, { id, form: request.form, customIds }, who.actor);
    return before.length ? { messages: [...before, answer.insteadOfModal] } : answer;
  }
  const draft = await startDraft(ctx.deps, who.actor, request.form.id, request.context, request.initial);
  const steps = formSteps(request.form).length;
  const open = notices.openForm(request.form, draft.id, 0, steps);
  if (before.length) return { messages: [...before, open] };
  return {
    modal: stepModal(request.form, draft.id, 0, draft.answers, parseContext(ctx.deps, who.actor)),
    insteadOfModal: open,
  };
}

interface Loaded {
  actor: Actor;
  draft: Draft;
  form: FormDef;
}

/** The member's draft, its form and the form's steps; or the answer when there is none to continue. */
async function load(
  ctx: FormContext,
  interaction: DiscordInteraction,
  draftId: string,
): Promise<(Loaded & { steps: string[][] }) | Answer> {
  const who = await whoIs(ctx.deps, interaction);
  if ('refused' in who) return { messages: [who.refused] };
  const draft = await loadDraft(ctx.deps, who.actor.memberId, draftId);
  const form = draft && ctx.router.getForm(draft.formId);
  return draft && form ? { actor: who.actor, draft, form, steps: formSteps(form) } : { messages: [notices.formGone] };
}

/** The modal of a step (or, once the answer is deferred, a button to it). */
function stepAnswer(ctx: FormContext, form: FormDef, draft: Draft, actor: Actor, steps: number): Answer {
  return {
    modal: stepModal(form, draft.id, draft.step, draft.answers, parseContext(ctx.deps, actor)),
    insteadOfModal: notices.openForm(form, draft.id, draft.step, steps),
  };
}

/**
 * A "Continue", "Fix answers", "Review and send" or "Send again" button: the modal of the step the
 * draft is at. A complete draft (every step in, nothing recorded) is sent again as it is, or reopened
 * at the step asked for.
 */
export async function openStep(
  ctx: FormContext,
  interaction: DiscordInteraction,
  draftId: string,
  step: number,
  responder: Responder,
): Promise<Answer> {
  try {
    const loaded = await load(ctx, interaction, draftId);
    if (!('draft' in loaded)) return loaded;
    const { actor, draft, form, steps } = loaded;
    if (draft.step === steps.length) {
      if (step === steps.length) return await sendForm(ctx, interaction, loaded, steps, responder);
      const reopened = step < steps.length ? await saveDraftStep(ctx.deps, draft, {}, step) : undefined;
      return reopened ? stepAnswer(ctx, form, reopened, actor, steps.length) : { messages: [notices.formGone] };
    }
    if (draft.step > steps.length) return { messages: [notices.formGone] };
    if (draft.step !== step) return { messages: [notices.stepAlreadySaved(form, draft.id, draft.step, steps.length)] };
    return stepAnswer(ctx, form, draft, actor, steps.length);
  } catch (error) {
    // Nothing is deleted but by a recording, so whatever was kept is still kept: the same button again.
    ctx.deps.log.warn({ surface: 'discord', err: errorFields(error), step }, 'discord form step not opened');
    return { messages: [notices.notOpened(draftId, step)] };
  }
}

/** A step's modal was sent: keep its answers, then offer the next step or send the whole form. */
export async function submitStep(
  ctx: FormContext,
  interaction: DiscordInteraction,
  draftId: string,
  step: number,
  submitted: Record<string, RawValue>,
  responder: Responder,
): Promise<Answer> {
  try {
    return await keepStep(ctx, interaction, { draftId, step, submitted }, responder);
  } catch (error) {
    // The database failed before the answers reached the router: the earlier steps are kept (and,
    // if this step was kept before the failure, this one too); its button opens this step again.
    ctx.deps.log.warn({ surface: 'discord', err: errorFields(error), step }, 'discord form step not kept');
    return { messages: [notices.stepNotKept(draftId, step)] };
  }
}

/** A form opened without a draft and who is answering it; or the answer when it cannot go on. */
async function newFormFor(
  ctx: FormContext,
  interaction: DiscordInteraction,
  id: string,
  formId: string,
): Promise<{ fresh: NewForm; actor: Actor } | Answer> {
  const form = ctx.router.getForm(formId);
  const customIds = newFormCustomIds(id, formId);
  if (!form || !customIds) return { messages: [notices.formGone] };
  const who = await whoIs(ctx.deps, interaction);
  if ('refused' in who) return { messages: [who.refused] };
  return { fresh: { id, form, customIds }, actor: who.actor };
}

/** The "Open" button of a form not yet answered: its first step again, with the same id. */
export async function openNewForm(
  ctx: FormContext,
  interaction: DiscordInteraction,
  id: string,
  formId: string,
): Promise<Answer> {
  try {
    const found = await newFormFor(ctx, interaction, id, formId);
    return 'fresh' in found ? newFormAnswer(ctx, found.fresh, found.actor) : found;
  } catch (error) {
    ctx.deps.log.warn({ surface: 'discord', err: errorFields(error) }, 'discord form not opened');
    return { messages: [notices.notOpened(id, 0, newFormCustomIds(id, formId)?.open)] };
  }
}

/**
 * The first step of a form opened without a draft: its answers start the draft (at the next step,
 * or at the same one when they need another look). When the draft exists already (this step was
 * sent before), it goes on as any kept step would.
 */
export async function submitNewForm(
  ctx: FormContext,
  interaction: DiscordInteraction,
  id: string,
  formId: string,
  submitted: Record<string, RawValue>,
  responder: Responder,
): Promise<Answer> {
  try {
    const found = await newFormFor(ctx, interaction, id, formId);
    if (!('fresh' in found)) return found;
    const { fresh, actor } = found;
    const draft: Draft = { id, formId, step: 0, answers: {}, context: {} };
    const loaded = { actor, draft, form: fresh.form, steps: formSteps(fresh.form) };
    const kept = await keepAnswers(ctx, interaction, loaded, submitted, responder, (answers, step) =>
      keepNewDraft(ctx.deps, actor, { id, formId, answers }, step),
    );
    return kept ?? (await keepStep(ctx, interaction, { draftId: id, step: 0, submitted }, responder));
  } catch (error) {
    // Nothing was kept: its button opens the first step again, as the form opened.
    ctx.deps.log.warn({ surface: 'discord', err: errorFields(error), step: 0 }, 'discord form step not kept');
    return { messages: [notices.stepNotKept(id, 0, newFormCustomIds(id, formId)?.open)] };
  }
}

async function keepStep(
  ctx: FormContext,
  interaction: DiscordInteraction,
  { draftId, step, submitted }: { draftId: string; step: number; submitted: Record<string, RawValue> },
  responder: Responder,
): Promise<Answer> {
  const loaded = await load(ctx, interaction, draftId);
  if (!('draft' in loaded)) return loaded;
  const { draft, form, steps } = loaded;
  if (draft.step !== step) {
    return {
      messages: [
        draft.step < steps.length
          ? notices.stepAlreadySaved(form, draft.id, draft.step, steps.length)
          : notices.formGone,
      ],
    };
  }
  const kept = await keepAnswers(ctx, interaction, loaded, submitted, responder, (answers, to) =>
    saveDraftStep(ctx.deps, draft, answers, to),
  );
  return kept ?? { messages: [notices.formGone] };
}

/** A step's answers, kept by `save` (at this step when they need another look); undefined when `save` kept nothing. */
async function keepAnswers(
  ctx: FormContext,
  interaction: DiscordInteraction,
  { actor, draft, form, steps }: Loaded & { steps: string[][] },
  submitted: Record<string, RawValue>,
  responder: Responder,
  save: (answers: Record<string, RawValue>, step: number) => Promise<Draft | undefined>,
): Promise<Answer | undefined> {
  const { step } = draft;
  const answers = stepAnswers(form, steps[step]!, submitted);
  const errors = steps[step]!.flatMap((id) => {
    const result = parseField(form.fields[id]!, answers[id], parseContext(ctx.deps, actor));
    return result.ok ? [] : [result.error];
  });
  if (errors.length) {
    // The answers are kept (the step does not move) so the modal opens again with them filled in.
    const kept = await save(answers, step);
    return kept && { messages: [notices.fixAnswers(errors, draft.id, step, steps.length)] };
  }
  // After the last step the draft is complete (its step past the last): a replay of that step is
  // then ignored, and the answers stay until the router records them.
  const next = step + 1;
  const saved = await save(answers, next);
  if (!saved) return undefined;
  if (next < steps.length) return { messages: [notices.stepSaved(form, draft.id, next, steps.length)] };
  return sendForm(ctx, interaction, { actor, draft: saved, form }, steps, responder);
}

/** Sends a complete draft to the router, which records it and deletes the draft in one transaction. */
async function sendForm(
  ctx: FormContext,
  interaction: DiscordInteraction,
  { actor, draft, form }: Loaded,
  steps: string[][],
  responder: Responder,
): Promise<Answer> {
  await responder.defer();
  const outcome = await ctx.router.dispatch({
    kind: 'submit',
    id: interaction.ref.id,
    user: interaction.user,
    formId: form.id,
    values: draft.answers,
    context: draft.context,
    draftId: draft.id,
  });
  const messages = outcome.messages.map((m) => renderMessage(m));
  if (outcome.duplicate) return { messages };
  const recorded: Answer = { messages: messages.length ? messages : [notices.done] };
  const kept: Answer = { messages: [...messages, notices.tryAgain(draft.id, steps.length)] };
  try {
    const left = await loadDraft(ctx.deps, actor.memberId, draft.id);
    if (!left) return recorded;
    const errorIds = Object.keys(outcome.errors ?? {});
    // Refused or failed as a whole: the draft stays complete, to send again or review.
    if (!errorIds.length) return kept;
    // Answers that need another look: reopen the draft at the first step holding one.
    const back = steps.findIndex((ids) => ids.some((id) => errorIds.includes(id)));
    const reopened = await saveDraftStep(ctx.deps, left, {}, Math.max(back, 0));
    if (!reopened) return { messages };
    return {
      messages: [notices.fixAnswers(Object.values(outcome.errors ?? {}), draft.id, reopened.step, steps.length)],
    };
  } catch (error) {
    // The database is failing. Only a recording deletes the draft, so if this attempt recorded
    // nothing, the answers are kept.
    ctx.deps.log.warn(
      { surface: 'discord', err: errorFields(error), formId: form.id },
      'discord form not recorded; draft kept',
    );
    return outcome.saved ? recorded : kept;
  }
}
