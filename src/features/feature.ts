// The one shape of a feature: a value declaring what it adds to an app. Nothing is registered when
// a module is imported; `installFeatures` (install.ts) puts each declaration on one app's router,
// job registry and web router, so two apps in one process share nothing.
import { bindAction, bindForm, type ActionBinding, type FormBinding } from '../core/bindings.js';
import type { FormRequest } from '../core/form.js';
import type { Holding } from '../core/holdings.js';
import type { HomeSectionBinding } from '../core/home.js';
import type { CommandHandler, FirstUseStep } from '../core/router.js';
import type { JobKind } from '../jobs/registry.js';
import type { StandingSeries } from '../jobs/series.js';
import type { WebRouter } from '../web/index.js';

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
  /** Asked once at a member's first use of a platform that tells the bot too little (Discord's time zone). */
  firstUse?: FirstUseStep;
}

/** Declares a feature; checked when installed (install.ts), never at import. */
export const defineFeature = (feature: Feature): Feature => feature;

/** A form's binding (`form(def, onSubmit)`), typed by its definition's values. */
export const form = bindForm;

/** A button's binding (`action(id, precondition, valueSchema, handler, { urgent })`); the handler gets the value its schema parsed. */
export const action = bindAction;

/** A job kind, typed by its payload and outgoing message. */
export const job = <P, O>(def: JobKind<P, O>): JobKind<never, never> => def as JobKind<never, never>;
