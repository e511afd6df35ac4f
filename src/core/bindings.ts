// A form or a button bound to its handler, typed by the form's definition or the button's value
// schema: the router keeps bindings of many types in one registry, each parsing its own input.
import type { z } from 'zod';
import type { PreconditionName } from './access.js';
import { parseForm, type FormDef, type ParseContext, type RawValue } from './form.js';
import type { ActionHandler, HandlerContext, Response, SubmitHandler } from './use-case.js';

export interface FormBinding {
  readonly def: FormDef;
  /** The answers parsed by the definition: the errors to fix, or what submitting them does (given the form's context). */
  parse(
    raw: Record<string, RawValue>,
    ctx: ParseContext,
  ):
    | { ok: true; submit: (ctx: HandlerContext, context: Record<string, string>) => Promise<Response> }
    | { ok: false; errors: Record<string, string> };
}

/** A form's binding, typed by its definition's values. */
export function bindForm<D extends FormDef>(def: D, onSubmit: SubmitHandler<D>): FormBinding {
  return {
    def,
    parse(raw, ctx) {
      const parsed = parseForm(def, raw, ctx);
      if (!parsed.ok) return parsed;
      return { ok: true, submit: (handlerCtx, context) => onSubmit(handlerCtx, parsed.values, context) };
    },
  };
}

/** A button: its id, who may press it (a named precondition), and what pressing it does. */
export interface ActionBinding {
  readonly id: string;
  readonly precondition: PreconditionName;
  /** Taken ahead of the queue under load (acknowledging a page, raising a concern). */
  readonly urgent: boolean;
  /** The value parsed by the button's schema: what pressing it does, or undefined when it does not parse. */
  parse(raw: string): ((ctx: HandlerContext) => Promise<Response>) | undefined;
}

/** A button's binding; the handler gets the value its schema parsed. */
export function bindAction<T>(
  id: string,
  precondition: PreconditionName,
  value: z.ZodType<T>,
  handler: ActionHandler<T>,
  options: { urgent?: boolean } = {},
): ActionBinding {
  return {
    id,
    precondition,
    urgent: options.urgent === true,
    parse(raw) {
      const parsed = value.safeParse(raw);
      return parsed.success ? (ctx) => handler(ctx, parsed.data) : undefined;
    },
  };
}
