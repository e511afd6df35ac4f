// A neutral form as Discord modals: its fields in declared order, split evenly into steps of at
// most five. Text, numbers and dates are text inputs (Discord has no number or date input);
// choices and yes/no are string selects inside labels, so a step needs no extra message.
import {
  ComponentType,
  TextInputStyle,
  type APIComponentInLabel,
  type APIModalInteractionResponseCallbackComponent,
  type APIModalInteractionResponseCallbackData,
  type APISelectMenuOption,
} from 'discord.js';
import {
  describeAccepted,
  parseField,
  type Field,
  type FormDef,
  type ParseContext,
  type RawValue,
} from '../../core/form.js';
import { submitStepCustomId } from './custom-ids.js';
import { fit } from './render.js';

const MAX_MODAL_FIELDS = 5;
const MAX_SELECT_OPTIONS = 25;

/** The field ids of each step, in the form's order, as evenly sized as the limit allows. */
export function formSteps(def: FormDef): string[][] {
  const ids = Object.keys(def.fields);
  const count = Math.max(1, Math.ceil(ids.length / MAX_MODAL_FIELDS));
  const steps: string[][] = [];
  for (let i = 0, start = 0; i < count; i++) {
    const size = Math.ceil((ids.length - start) / (count - i));
    steps.push(ids.slice(start, start + size));
    start += size;
  }
  return steps;
}

const asSelect = (f: Field): boolean =>
  f.kind === 'yes_no' ||
  ((f.kind === 'single_select' || f.kind === 'multi_select') && (f.options?.length ?? 0) <= MAX_SELECT_OPTIONS);

function placeholder(f: Field): string | undefined {
  switch (f.kind) {
    case 'date':
      return 'YYYY-MM-DD, or today';
    case 'datetime':
      return 'YYYY-MM-DD HH:MM';
    case 'number':
      return `${f.min} to ${f.max}`;
    case 'single_select':
    case 'multi_select':
      return fit((f.options ?? []).map((o) => o.label).join(', '), 100);
    default:
      return undefined;
  }
}

const maxLength = (f: Field): number => {
  switch (f.kind) {
    case 'date':
      return 10;
    case 'datetime':
      return 16;
    case 'number':
      return Math.max(String(f.min).length, String(f.max).length);
    default:
      return Math.min(f.maxLength ?? 4000, 4000);
  }
};

/** Earlier answers as the option values a select should show chosen. */
function chosen(f: Field, raw: RawValue, ctx: ParseContext): string[] {
  if (raw === undefined) return [];
  const parsed = parseField({ ...f, required: false }, raw, ctx);
  if (!parsed.ok || parsed.value === undefined) return [];
  if (f.kind === 'yes_no') return [parsed.value ? 'yes' : 'no'];
  return Array.isArray(parsed.value) ? (parsed.value as string[]) : [String(parsed.value)];
}

function input(id: string, f: Field, raw: RawValue, ctx: ParseContext): APIComponentInLabel {
  if (asSelect(f)) {
    const options: APISelectMenuOption[] =
      f.kind === 'yes_no'
        ? [
            { label: 'Yes', value: 'yes' },
            { label: 'No', value: 'no' },
          ]
        : (f.options ?? []).map((o) => ({ label: fit(o.label, 100), value: o.value }));
    const defaults = new Set(chosen(f, raw, ctx));
    const many = f.kind === 'multi_select';
    return {
      type: ComponentType.StringSelect,
      custom_id: id,
      options: options.map((o) => (defaults.has(o.value) ? { ...o, default: true } : o)),
      min_values: f.required ? 1 : 0,
      max_values: many ? options.length : 1,
      required: f.required,
    };
  }
  const value = Array.isArray(raw) ? raw.join(', ') : raw;
  return {
    type: ComponentType.TextInput,
    custom_id: id,
    style: f.kind === 'long_text' ? TextInputStyle.Paragraph : TextInputStyle.Short,
    required: f.required,
    max_length: maxLength(f),
    ...(placeholder(f) ? { placeholder: placeholder(f) } : {}),
    ...(value ? { value: fit(value, maxLength(f)) } : {}),
  };
}

function description(f: Field, ctx: ParseContext): string | undefined {
  const parts = [
    f.hint,
    f.label.length > 45 ? f.label : undefined,
    f.kind === 'datetime' ? `Your local time (${ctx.timeZone}).` : undefined,
  ];
  if (!asSelect(f) && (f.kind === 'single_select' || f.kind === 'multi_select'))
    parts.push(`Type ${describeAccepted(f)}.`);
  const text = parts.filter(Boolean).join(' ');
  return text ? fit(text, 100) : undefined;
}

/** The modal of one step, showing earlier answers (kept in the draft) as its starting values. */
export function stepModal(
  def: FormDef,
  draftId: string,
  step: number,
  answers: Record<string, RawValue>,
  ctx: ParseContext,
): APIModalInteractionResponseCallbackData {
  const steps = formSteps(def);
  const ids = steps[step] ?? [];
  const components: APIModalInteractionResponseCallbackComponent[] = ids.map((id) => {
    const f = def.fields[id]!;
    const text = description(f, ctx);
    return {
      type: ComponentType.Label,
      label: fit(f.label, 45),
      ...(text ? { description: text } : {}),
      component: input(id, f, answers[id], ctx),
    };
  });
  if (step === 0 && def.intro && components.length < MAX_MODAL_FIELDS)
    components.unshift({ type: ComponentType.TextDisplay, content: fit(def.intro, 4000) });
  const suffix = steps.length > 1 ? ` (${step + 1} of ${steps.length})` : '';
  return {
    custom_id: submitStepCustomId(draftId, step),
    title: `${fit(def.title, 45 - suffix.length)}${suffix}`,
    components,
  };
}

/** A step's answers from a modal submission: one value per field of the step, selects as chosen. */
export function stepAnswers(
  def: FormDef,
  ids: string[],
  submitted: Record<string, RawValue>,
): Record<string, RawValue> {
  const answers: Record<string, RawValue> = {};
  for (const id of ids) {
    const f = def.fields[id]!;
    const raw = Object.hasOwn(submitted, id) ? submitted[id] : undefined;
    answers[id] = Array.isArray(raw) && f.kind !== 'multi_select' ? (raw[0] ?? '') : (raw ?? '');
  }
  return answers;
}
