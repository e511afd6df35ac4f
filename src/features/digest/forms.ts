// The digest's forms (share an insight, edit an item), their choices and the ids of its buttons.
import { defineForm, field, type FormRequest } from '../../core/form.js';
import { labelOf } from '../../core/wording.js';

export const themeChoices = [
  { value: 'understanding_service_user', label: 'Understanding the service user' },
  { value: 'best_working_practices', label: 'Best working practices' },
  { value: 'impact_outcomes', label: 'Impact and outcomes' },
  { value: 'barriers_to_success', label: 'Barriers to success' },
] as const;
export type Theme = (typeof themeChoices)[number]['value'];
export const themeLabel = (value: string) => labelOf(themeChoices, value);

export const creditChoices = [
  { value: 'anonymous', label: 'Stay anonymous' },
  { value: 'name', label: 'Credit me by name' },
] as const;

export const shareForm = defineForm({
  id: 'digest.share',
  title: 'Share a practice insight',
  intro:
    'Offer something you learned to the next practice-sharing digest. Describe the situation in general terms: no names, places, dates or case codes. ' +
    'Everything is anonymised before anyone reads it, a coordinator reads it before it is published, and you can withdraw it until then.',
  submitLabel: 'Offer to the digest',
  precondition: 'mentor',
  fields: {
    // Short enough that one item fits one Discord message (2,000 characters) with its headings.
    situation: field.longText({ label: 'The situation (in general terms)', maxLength: 550 }),
    tried: field.longText({ label: 'What was tried', maxLength: 550 }),
    result: field.longText({ label: 'What worked, or did not', maxLength: 550 }),
    themes: field.multiSelect({ label: 'Themes', required: true, options: themeChoices, public: true }),
    tags: field.shortText({
      label: 'Your own tags (optional)',
      hint: 'Comma separated, e.g. family, trust',
      required: false,
      maxLength: 120,
    }),
    credit: field.select({ label: 'Credit', options: creditChoices, public: true }),
  },
});

/** How another feature (a debrief) opens /share with its learning attached: one click, then the form. */
export const SHARE_FROM_DEBRIEF = 'digest.share_from_debrief';
export const shareFormFor = (sourceDebriefId?: string, initial: Record<string, string> = {}): FormRequest => ({
  form: shareForm,
  initial,
  context: sourceDebriefId ? { sourceDebriefId } : {},
});

export const editItemForm = defineForm({
  id: 'digest.edit_item',
  title: 'Edit a digest item',
  intro:
    'Your edit is anonymised again before it is saved; saving approves the item. The contributor is shown the new text and can still withdraw it.',
  submitLabel: 'Save and approve',
  precondition: 'coordinator',
  fields: {
    text: field.longText({ label: 'Item text', maxLength: 1800 }),
  },
});

export const WITHDRAW = 'digest.withdraw';
export const APPROVE_ITEM = 'digest.approve_item';
export const EDIT_ITEM = 'digest.edit_item';
export const REJECT_ITEM = 'digest.reject_item';
export const PUBLISH = 'digest.publish';

export function composeItem(values: { situation: string; tried: string; result: string }): string {
  return `The situation: ${values.situation.trim()}\n\nWhat was tried: ${values.tried.trim()}\n\nWhat worked, or did not: ${values.result.trim()}`;
}
