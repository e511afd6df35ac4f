// Neutral forms: declared once in a feature's forms.ts, rendered by every surface (a Slack modal,
// Discord modals in steps, questions in the terminal) and parsed here, the same way for all.
import { DateTime } from 'luxon';
import type { PreconditionName } from './access.js';

export type FieldKind =
  | 'short_text'
  | 'long_text'
  | 'single_select'
  | 'multi_select'
  | 'number'
  | 'date'
  | 'datetime'
  | 'yes_no';

export interface Choice {
  value: string;
  label: string;
}

export interface Field<T = unknown> {
  kind: FieldKind;
  label: string;
  hint?: string;
  required: boolean;
  /** Sensitive unless declared public: sensitive values are never echoed into channels or logs. */
  public: boolean;
  maxLength?: number;
  pattern?: { regex: RegExp; message: string };
  /** A further check of the trimmed text: returns the kind sentence to show, or undefined. */
  check?: (text: string) => string | undefined;
  options?: Choice[];
  min?: number;
  max?: number;
  /** Phantom: the parsed value's type. */
  readonly __value?: T;
}

/** What a surface collected for one field: text as typed, or the chosen option value(s). */
export type RawValue = string | string[] | undefined;

interface Common<R extends boolean> {
  label: string;
  hint?: string;
  required?: R;
  public?: boolean;
}

type Maybe<T, R extends boolean> = R extends false ? T | undefined : T;

const base = <R extends boolean>(kind: FieldKind, o: Common<R>) => ({
  kind,
  label: o.label,
  hint: o.hint,
  required: o.required !== false,
  public: o.public === true,
});

export const field = {
  shortText: <R extends boolean = true>(
    o: Common<R> & { maxLength?: number; pattern?: Field['pattern']; check?: Field['check'] },
  ): Field<Maybe<string, R>> => ({
    ...base('short_text', o),
    maxLength: o.maxLength ?? 150,
    pattern: o.pattern,
    check: o.check,
  }),
  longText: <R extends boolean = true>(o: Common<R> & { maxLength?: number }): Field<Maybe<string, R>> => ({
    ...base('long_text', o),
    maxLength: o.maxLength ?? 3000,
  }),
  select: <V extends string, R extends boolean = true>(
    o: Common<R> & { options: readonly { value: V; label: string }[] },
  ): Field<Maybe<V, R>> => ({
    ...base('single_select', o),
    options: [...o.options],
  }),
  multiSelect: <V extends string>(
    o: Common<boolean> & { options: readonly { value: V; label: string }[] },
  ): Field<V[]> => ({
    ...base('multi_select', o),
    options: [...o.options],
  }),
  number: <R extends boolean = true>(o: Common<R> & { min: number; max: number }): Field<Maybe<number, R>> => ({
    ...base('number', o),
    min: o.min,
    max: o.max,
  }),
  /** A calendar date in the actor's zone, as YYYY-MM-DD. */
  date: <R extends boolean = true>(
    o: Common<R> & { notInFuture?: boolean; notInPast?: boolean },
  ): Field<Maybe<string, R>> => ({
    ...base('date', o),
    max: o.notInFuture ? 0 : undefined,
    min: o.notInPast ? 0 : undefined,
  }),
  /** A local date and time in the actor's zone, parsed to an instant. */
  dateTime: <R extends boolean = true>(o: Common<R>): Field<Maybe<Date, R>> => base('datetime', o),
  yesNo: <R extends boolean = true>(o: Common<R>): Field<Maybe<boolean, R>> => base('yes_no', o),
};

export interface FormDef<F extends Record<string, Field> = Record<string, Field>> {
  id: string;
  title: string;
  intro?: string;
  submitLabel?: string;
  precondition: PreconditionName;
  /** Raising or acknowledging something that cannot wait: never turned away as busy. */
  urgent?: true;
  fields: F;
}

export const defineForm = <F extends Record<string, Field>>(def: FormDef<F>): FormDef<F> => def;

export type FormValues<D> =
  D extends FormDef<infer F> ? { [K in keyof F]: F[K] extends Field<infer T> ? T : never } : never;

/** A form a handler asks the surface to open, with answers already known and hidden context. */
export interface FormRequest {
  form: FormDef;
  initial?: Record<string, string>;
  context?: Record<string, string>;
}

export interface ParseContext {
  timeZone: string;
  now: Date;
}

export type FieldResult = { ok: true; value: unknown } | { ok: false; error: string };

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/** How a surface that cannot show options (the terminal) describes what it accepts. */
export function describeAccepted(f: Field): string {
  switch (f.kind) {
    case 'date':
      return 'a date as YYYY-MM-DD, or today / yesterday';
    case 'datetime':
      return 'a date and time as YYYY-MM-DD HH:MM (your local time)';
    case 'number':
      return `a whole number from ${f.min} to ${f.max}`;
    case 'yes_no':
      return 'yes or no';
    case 'multi_select':
      return 'one or more of the options, separated by commas';
    case 'single_select':
      return 'one of the options';
    default:
      return `text of up to ${f.maxLength} characters`;
  }
}

function asText(raw: RawValue): string {
  if (Array.isArray(raw)) return raw.join(',');
  return (raw ?? '').replace(/\r\n?/g, '\n').trim();
}

function matchChoice(f: Field, token: string): Choice | undefined {
  const options = f.options ?? [];
  const wanted = token.trim().toLowerCase();
  const byNumber = /^\d+$/.test(wanted) ? options[Number(wanted) - 1] : undefined;
  return options.find((o) => o.value.toLowerCase() === wanted || o.label.toLowerCase() === wanted) ?? byNumber;
}

/** Parses one field's raw input; the error is a kind sentence naming what is wrong. */
export function parseField(f: Field, raw: RawValue, ctx: ParseContext): FieldResult {
  const text = asText(raw);
  const empty = Array.isArray(raw) ? raw.length === 0 : text === '';
  if (empty) {
    if (f.required) return { ok: false, error: `${f.label} is needed.` };
    return { ok: true, value: f.kind === 'multi_select' ? [] : undefined };
  }
  switch (f.kind) {
    case 'short_text':
    case 'long_text': {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
      if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text))
        return { ok: false, error: `${f.label} contains control characters; please type plain text.` };
      if (f.kind === 'short_text' && text.includes('\n'))
        return { ok: false, error: `${f.label} should be a single line.` };
      if (f.maxLength && [...text].length > f.maxLength)
        return {
          ok: false,
          error: `${f.label} can be at most ${f.maxLength} characters (this has ${[...text].length}).`,
        };
      if (f.pattern && !f.pattern.regex.test(text)) return { ok: false, error: f.pattern.message };
      const problem = f.check?.(text);
      if (problem) return { ok: false, error: problem };
      return { ok: true, value: text };
    }
    case 'single_select': {
      const choice = matchChoice(f, text);
      if (!choice)
        return {
          ok: false,
          error: `${f.label}: please choose one of ${(f.options ?? []).map((o) => o.label).join(', ')}.`,
        };
      return { ok: true, value: choice.value };
    }
    case 'multi_select': {
      const tokens = Array.isArray(raw) ? raw : text.split(',');
      const chosen: string[] = [];
      for (const token of tokens.filter((t) => t.trim() !== '')) {
        const choice = matchChoice(f, token);
        if (!choice)
          return { ok: false, error: `${f.label}: "${token.trim().slice(0, 40)}" is not one of the options.` };
        if (!chosen.includes(choice.value)) chosen.push(choice.value);
      }
      return { ok: true, value: chosen };
    }
    case 'number': {
      if (!/^-?\d+$/.test(text))
        return { ok: false, error: `${f.label} should be a whole number from ${f.min} to ${f.max}.` };
      const n = Number(text);
      if (n < (f.min ?? -Infinity) || n > (f.max ?? Infinity))
        return { ok: false, error: `${f.label} should be from ${f.min} to ${f.max}.` };
      return { ok: true, value: n };
    }
    case 'yes_no': {
      const word = text.toLowerCase();
      if (YES.has(word)) return { ok: true, value: true };
      if (NO.has(word)) return { ok: true, value: false };
      return { ok: false, error: `${f.label}: please answer yes or no.` };
    }
    case 'date': {
      const today = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone }).startOf('day');
      const word = text.toLowerCase();
      const date =
        word === 'today'
          ? today
          : word === 'yesterday'
            ? today.minus({ days: 1 })
            : DateTime.fromFormat(text, 'yyyy-MM-dd', { zone: ctx.timeZone });
      if (!date.isValid)
        return { ok: false, error: `${f.label} should be a date like ${today.toFormat('yyyy-MM-dd')}, or "today".` };
      if (f.max === 0 && date > today) return { ok: false, error: `${f.label} cannot be in the future.` };
      if (f.min === 0 && date < today) return { ok: false, error: `${f.label} cannot be in the past.` };
      if (date.year < 2000) return { ok: false, error: `${f.label} looks too far in the past.` };
      return { ok: true, value: date.toFormat('yyyy-MM-dd') };
    }
    case 'datetime': {
      const at = DateTime.fromFormat(text.replace('T', ' '), 'yyyy-MM-dd HH:mm', { zone: ctx.timeZone });
      if (!at.isValid) return { ok: false, error: `${f.label} should be a date and time like 2026-03-14 18:30.` };
      return { ok: true, value: at.toJSDate() };
    }
  }
}

export type FormResult<V> = { ok: true; values: V } | { ok: false; errors: Record<string, string> };

/** Parses a whole submission; unknown keys are ignored, every field is checked. */
export function parseForm<D extends FormDef>(
  def: D,
  raw: Record<string, RawValue>,
  ctx: ParseContext,
): FormResult<FormValues<D>> {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [id, f] of Object.entries(def.fields)) {
    const rawValue = Object.hasOwn(raw, id) ? raw[id] : undefined;
    const result = parseField(f, rawValue, ctx);
    if (result.ok) values[id] = result.value;
    else errors[id] = result.error;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values: values as FormValues<D> };
}
