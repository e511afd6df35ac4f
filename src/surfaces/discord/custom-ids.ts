// What a Discord button or modal carries back in its custom_id (at most 100 characters): a router
// action with its value, one step of a form whose draft lives in the database, or the first step
// of a form opened without a draft yet (its id chosen when it opened, kept once answered).
import { z } from 'zod';

const MAX_CUSTOM_ID = 100;

export type CustomId =
  | { kind: 'action'; actionId: string; value: string }
  /** A message button that opens the modal of a form's step. */
  | { kind: 'open-step'; draftId: string; step: number }
  /** The modal of a form's step. */
  | { kind: 'submit-step'; draftId: string; step: number }
  /** A message button that opens the first step of a form not yet answered. */
  | { kind: 'open-new'; draftId: string; formId: string }
  /** The first step's modal of a form not yet answered. */
  | { kind: 'submit-new'; draftId: string; formId: string };

const actionIdPattern = /^[A-Za-z0-9._-]{1,64}$/;
const formIdPattern = /^[A-Za-z0-9._-]{1,60}$/;
const draftId = z.uuid();

/** The custom id of an action button, or undefined when it would not fit Discord's limit. */
export function actionCustomId(actionId: string, value = ''): string | undefined {
  const id = `a:${actionId}:${value}`;
  return actionIdPattern.test(actionId) && id.length <= MAX_CUSTOM_ID ? id : undefined;
}

export const openStepCustomId = (id: string, step: number): string => `s:${id}:${step}`;
export const submitStepCustomId = (id: string, step: number): string => `f:${id}:${step}`;

/** The custom ids of a form opened without a draft, or undefined when its id does not fit. */
export function newFormCustomIds(id: string, formId: string): { open: string; submit: string } | undefined {
  return formIdPattern.test(formId) ? { open: `o:${id}:${formId}`, submit: `n:${id}:${formId}` } : undefined;
}

export function readCustomId(raw: string): CustomId | undefined {
  if (raw.length > MAX_CUSTOM_ID) return undefined;
  const fresh = /^([on]):([^:]+):(.+)$/s.exec(raw);
  if (fresh) {
    if (!draftId.safeParse(fresh[2]).success || !formIdPattern.test(fresh[3]!)) return undefined;
    return { kind: fresh[1] === 'o' ? 'open-new' : 'submit-new', draftId: fresh[2]!, formId: fresh[3]! };
  }
  const action = /^a:([^:]+):(.*)$/s.exec(raw);
  if (action)
    return actionIdPattern.test(action[1]!) ? { kind: 'action', actionId: action[1]!, value: action[2]! } : undefined;
  const step = /^([sf]):([^:]+):(\d{1,2})$/.exec(raw);
  if (!step || !draftId.safeParse(step[2]).success) return undefined;
  return { kind: step[1] === 's' ? 'open-step' : 'submit-step', draftId: step[2]!, step: Number(step[3]) };
}
