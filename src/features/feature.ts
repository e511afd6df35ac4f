// The one shape of a feature: a value declaring what it adds to an app. Nothing is registered when
// a module is imported; `installFeatures` (install.ts) puts each declaration on one app's router,
// job registry and web router, so two apps in one process share nothing.
import type { z } from 'zod';
import type { PreconditionName } from '../core/access.js';
import type { FormDef, FormRequest } from '../core/form.js';
import type { Holding } from '../core/holdings.js';
import type { ActionHandler, CommandHandler, HomeSection, Router, SubmitHandler } from '../core/router.js';
import type { JobKind, JobRegistry } from '../jobs/registry.js';
import type { StandingSeries } from '../jobs/series.js';
import type { WebRouter } from '../web/index.js';

/** A form and what its submission does. */
export interface FormBinding {
  def: FormDef;
  onSubmit: SubmitHandler<FormDef>;
}

/** A button: its id, who may press it (a named precondition), the schema of its value, and what it does. */
export interface ActionBinding {
  id: string;
  precondition: PreconditionName;
  value: z.ZodType<unknown>;
  handler: ActionHandler<unknown>;
  /** Taken ahead of the queue under load (acknowledging a page, raising a concern). */
  urgent?: boolean;
}

export interface HomeSectionBinding {
  precondition: PreconditionName;
  build: HomeSection;
}

export interface Feature {
  /** The folder's name, for errors and logs. */
  name: string;
  /** Handlers by catalogue key; `{ opens }` for a command that only opens a form (no transaction). */
  commands?: Record<string, CommandHandler | { opens: FormRequest }>;
  forms?: FormBinding[];
  actions?: ActionBinding[];
  /** Parts of a member's home view, in order, each shown to those its precondition admits. */
  home?: HomeSectionBinding[];
  /** What a leaving member holds of this feature's and how it is handed on. */
  holdings?: Holding[];
  /** Job kinds by name. */
  jobs?: Record<string, JobKind<never, never>>;
  /** Recurring series that must always exist (made sure of at every start). */
  series?: StandingSeries[];
  /** Web pages (the ack link, reports, calendar feeds) on this app's web router. */
  pages?: (web: WebRouter) => void;
  /** TRANSITION: the old registration, until the feature is declared as a value. */
  legacyRouter?: (router: Router) => void;
  /** TRANSITION: the old job registration. */
  legacyJobs?: (jobs: JobRegistry) => void;
}

/** Declares a feature; checked when installed (install.ts), never at import. */
export const defineFeature = (feature: Feature): Feature => feature;

/** A form's binding, typed by its definition's values. */
export function form<D extends FormDef>(def: D, onSubmit: SubmitHandler<D>): FormBinding {
  return { def, onSubmit: onSubmit as SubmitHandler<FormDef> };
}

/** A button's binding; the handler gets the value its schema parsed. */
export function action<T>(
  id: string,
  precondition: PreconditionName,
  value: z.ZodType<T>,
  handler: ActionHandler<T>,
  options: { urgent?: boolean } = {},
): ActionBinding {
  return { id, precondition, value, handler: handler as ActionHandler<unknown>, urgent: options.urgent };
}

/** A job kind, typed by its payload and outgoing message. */
export const job = <P, O>(def: JobKind<P, O>): JobKind<never, never> => def as JobKind<never, never>;
