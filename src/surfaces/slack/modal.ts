// Neutral forms as Block Kit modals, and submitted modal state back to raw values for the router,
// which parses and validates them as it does for every surface.
import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { Choice, Field, FormDef, FormRequest, RawValue } from '../../core/form.js';
import type { Message } from '../../core/message.js';
import type { StateValues } from './payloads.js';
import { cut, messagesBlocks, VIEW_BLOCKS, type Block } from './render.js';

type Element = types.InputBlock['element'];

/** Every input's action id; the block id is the field id. */
export const VALUE = 'value';
/** A date-and-time field is a date block under the field id and a time block under this one. */
export const timeBlockId = (fieldId: string) => `${fieldId}.time`;
/** callback_id of a modal that only shows an outcome; it has no submit button. */
export const RESULT_CALLBACK = 'msb_result';

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: cut(text, max), emoji: true });
const option = (choice: Choice) => ({ text: plain(choice.label, 75), value: cut(choice.value, 150) });
const yesNo: Choice[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

function initialChoice(choices: Choice[], initial: string | undefined) {
  const wanted = initial?.trim().toLowerCase();
  const alias = wanted === 'true' ? 'yes' : wanted === 'false' ? 'no' : wanted;
  const found = choices.find((c) => c.value.toLowerCase() === alias);
  return found ? { initial_option: option(found) } : {};
}

function element(f: Field, initial: string | undefined): Element {
  const given = initial !== undefined && initial !== '' ? initial : undefined;
  switch (f.kind) {
    case 'short_text':
    case 'long_text':
      return {
        type: 'plain_text_input',
        action_id: VALUE,
        multiline: f.kind === 'long_text',
        ...(f.maxLength ? { max_length: Math.min(f.maxLength, 3000) } : {}),
        ...(given ? { initial_value: cut(given, 3000) } : {}),
      };
    case 'single_select':
      return {
        type: 'static_select',
        action_id: VALUE,
        placeholder: plain('Choose one', 150),
        options: (f.options ?? []).slice(0, 100).map(option),
        ...initialChoice(f.options ?? [], given),
      };
    case 'multi_select': {
      const wanted = new Set((given ?? '').split(',').map((v) => v.trim()));
      const chosen = (f.options ?? []).filter((o) => wanted.has(o.value)).map(option);
      return {
        type: 'multi_static_select',
        action_id: VALUE,
        placeholder: plain('Choose any', 150),
        options: (f.options ?? []).slice(0, 100).map(option),
        ...(chosen.length ? { initial_options: chosen } : {}),
      };
    }
    case 'number':
      return {
        type: 'number_input',
        action_id: VALUE,
        is_decimal_allowed: false,
        ...(f.min !== undefined ? { min_value: String(f.min) } : {}),
        ...(f.max !== undefined ? { max_value: String(f.max) } : {}),
        ...(given && /^-?\d+$/.test(given) ? { initial_value: given } : {}),
      };
    case 'date':
    case 'datetime': {
      const date = given?.slice(0, 10);
      return {
        type: 'datepicker',
        action_id: VALUE,
        ...(date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { initial_date: date } : {}),
      };
    }
    case 'yes_no':
      return { type: 'radio_buttons', action_id: VALUE, options: yesNo.map(option), ...initialChoice(yesNo, given) };
  }
}

function inputs(id: string, f: Field, initial: string | undefined): Block[] {
  const block: types.InputBlock = {
    type: 'input',
    block_id: id,
    label: plain(f.label, 2000),
    optional: !f.required,
    element: element(f, initial),
    ...(f.hint ? { hint: plain(f.hint, 2000) } : {}),
  };
  if (f.kind !== 'datetime') return [block];
  const time = initial?.slice(11, 16);
  return [
    block,
    {
      type: 'input',
      block_id: timeBlockId(id),
      label: plain(`${f.label}: time`, 2000),
      optional: !f.required,
      element: {
        type: 'timepicker',
        action_id: VALUE,
        ...(time && /^\d{2}:\d{2}$/.test(time) ? { initial_time: time } : {}),
      },
    },
  ];
}

const metadata = z.object({ c: z.record(z.string(), z.string()) });

/** The modal for a form; its context rides in private_metadata and comes back with the submission. */
export function formModal(request: FormRequest): types.ModalView {
  const { form } = request;
  const privateMetadata = JSON.stringify({ c: request.context ?? {} });
  if (privateMetadata.length > 3000) throw new Error(`form ${form.id}: context too large for a Slack modal`);
  const blocks: Block[] = [];
  if (form.intro) blocks.push({ type: 'section', text: plain(form.intro, 3000) });
  for (const [id, f] of Object.entries(form.fields)) blocks.push(...inputs(id, f, request.initial?.[id]));
  return {
    type: 'modal',
    callback_id: form.id,
    title: plain(form.title, 24),
    submit: plain(form.submitLabel ?? 'Submit', 24),
    close: plain('Cancel', 24),
    private_metadata: privateMetadata,
    blocks: blocks.slice(0, VIEW_BLOCKS),
  };
}

/** The form's context from private_metadata; anything unreadable counts as none. */
export function readContext(privateMetadata: string): Record<string, string> {
  try {
    const parsed = metadata.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data.c : {};
  } catch {
    return {};
  }
}

function rawOf(value: StateValues[string][string] | undefined): RawValue {
  if (!value) return undefined;
  if (value.selected_options) return value.selected_options.map((o) => o.value);
  return value.value ?? value.selected_option?.value ?? value.selected_date ?? value.selected_time ?? undefined;
}

/** Raw values by field id: a date and a time are joined as "YYYY-MM-DD HH:MM". */
export function submittedValues(form: FormDef | undefined, state: StateValues): Record<string, RawValue> {
  if (!form)
    return Object.fromEntries(Object.entries(state).map(([blockId, actions]) => [blockId, rawOf(actions[VALUE])]));
  const values: Record<string, RawValue> = {};
  for (const [id, f] of Object.entries(form.fields)) {
    const raw = rawOf(state[id]?.[VALUE]);
    if (f.kind !== 'datetime') {
      values[id] = raw;
      continue;
    }
    const time = rawOf(state[timeBlockId(id)]?.[VALUE]);
    values[id] = raw === undefined && time === undefined ? undefined : `${raw ?? ''} ${time ?? ''}`.trim();
  }
  return values;
}

/** A modal that shows what happened (saved, refused, already received); it can only be closed. */
export function resultModal(title: string, messages: readonly Message[]): types.ModalView {
  return {
    type: 'modal',
    callback_id: RESULT_CALLBACK,
    title: plain(title, 24),
    close: plain('Close', 24),
    blocks: messagesBlocks(messages, VIEW_BLOCKS),
  };
}
