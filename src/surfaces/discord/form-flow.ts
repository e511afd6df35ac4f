// A form on Discord, step by step: each step is a modal; between steps the answers wait in a draft
// in the database (any replica can continue it, an abandoned one expires). A draft moves only from
// the step it is at, so a replayed or stale submission changes nothing; the last step is claimed
// the same way before it goes to the router, which records it and deletes the draft together.
import type { Actor } from '../../core/actor.js';
import type { Deps } from '../../core/deps.js';
import { loadDraft, saveDraftStep, startDraft, type Draft } from '../../core/drafts.js';
import { parseField, type FormDef, type FormRequest, type RawValue } from '../../core/form.js';
import { identify } from '../../core/identity.js';
import type { Router } from '../../core/router.js';
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

async function whoIs(deps: Deps, interaction: DiscordInteraction): Promise<Who> {
  const result = await deps.db.$transaction((tx) => identify(tx, deps, interaction.user));
  return result.ok ? { actor: result.actor } : { refused: renderMessage({ text: result.message, tone: 'warning' }) };
}

const parseContext = (deps: Deps, actor: Actor) => ({ timeZone: actor.timeZone, now: deps.clock.now() });

/** Opens a form a handler asked for: a draft first, then its first step (or a button to it). */
export async function openForm(ctx: FormContext, interaction: DiscordInteraction, request: FormRequest, before: DiscordMessage[]): Promise<Answer> {
  const who = await whoIs(ctx.deps, interaction);
  if ('refused' in who) return { messages: [who.refused] };
  const draft = await startDraft(ctx.deps, who.actor, request.form.id, request.context, request.initial);
  const steps = formSteps(request.form).length;
  const open = notices.openForm(request.form, draft.id, 0, steps);
  if (before.length) return { messages: [...before, open] };
  return { modal: stepModal(request.form, draft.id, 0, draft.answers, parseContext(ctx.deps, who.actor)), insteadOfModal: open };
}

interface Loaded {
  actor: Actor;
  draft: Draft;
  form: FormDef;
}

async function load(ctx: FormContext, interaction: DiscordInteraction, draftId: string): Promise<Loaded | DiscordMessage> {
  const who = await whoIs(ctx.deps, interaction);
  if ('refused' in who) return who.refused;
  const draft = await loadDraft(ctx.deps, who.actor.memberId, draftId);
  const form = draft && ctx.router.getForm(draft.formId);
  return draft && form ? { actor: who.actor, draft, form } : notices.formGone;
}

/** A "Continue" or "Fix answers" button: the modal of the step the draft is at. */
export async function openStep(ctx: FormContext, interaction: DiscordInteraction, draftId: string, step: number): Promise<Answer> {
  const loaded = await load(ctx, interaction, draftId);
  if (!('draft' in loaded)) return { messages: [loaded] };
  const { actor, draft, form } = loaded;
  const steps = formSteps(form).length;
  if (draft.step >= steps) return { messages: [notices.formGone] };
  if (draft.step !== step) return { messages: [notices.stepAlreadySaved(form, draft.id, draft.step, steps)] };
  return { modal: stepModal(form, draft.id, step, draft.answers, parseContext(ctx.deps, actor)), insteadOfModal: notices.openForm(form, draft.id, step, steps) };
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
  const loaded = await load(ctx, interaction, draftId);
  if (!('draft' in loaded)) return { messages: [loaded] };
  const { actor, draft, form } = loaded;
  const steps = formSteps(form);
  if (draft.step !== step) {
    return { messages: [draft.step < steps.length ? notices.stepAlreadySaved(form, draft.id, draft.step, steps.length) : notices.formGone] };
  }
  const answers = stepAnswers(form, steps[step]!, submitted);
  const errors = steps[step]!.flatMap((id) => {
    const result = parseField(form.fields[id]!, answers[id], parseContext(ctx.deps, actor));
    return result.ok ? [] : [result.error];
  });
  if (errors.length) {
    // The answers are kept (the step does not move) so the modal opens again with them filled in.
    const kept = await saveDraftStep(ctx.deps, draft, answers, step);
    return { messages: [kept ? notices.fixAnswers(errors, draft.id, step, steps.length) : notices.formGone] };
  }
  const next = step + 1;
  const saved = await saveDraftStep(ctx.deps, draft, answers, next);
  if (!saved) return { messages: [notices.formGone] };
  if (next < steps.length) return { messages: [notices.stepSaved(form, draft.id, next, steps.length)] };
  return sendForm(ctx, interaction, { actor, draft: saved, form }, steps, responder);
}

async function sendForm(ctx: FormContext, interaction: DiscordInteraction, { actor, draft, form }: Loaded, steps: string[][], responder: Responder): Promise<Answer> {
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
  const left = await loadDraft(ctx.deps, actor.memberId, draft.id);
  if (!left) return { messages: messages.length ? messages : [notices.done] };
  // Not recorded (refused, or failed): reopen the draft where the answers can be corrected.
  const errorIds = Object.keys(outcome.errors ?? {});
  const back = errorIds.length ? steps.findIndex((ids) => ids.some((id) => errorIds.includes(id))) : 0;
  const reopened = await saveDraftStep(ctx.deps, left, {}, Math.max(back, 0));
  if (!reopened) return { messages };
  if (errorIds.length) return { messages: [notices.fixAnswers(Object.values(outcome.errors ?? {}), draft.id, reopened.step, steps.length)] };
  return { messages: [...messages, notices.tryAgain(draft.id, reopened.step, steps.length)] };
}
