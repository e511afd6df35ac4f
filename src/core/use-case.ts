// What use cases and handlers get (one context, grown by who asked) and give back, and the outcome
// the router hands a surface, with explicit fields for what the surface must know.
import type { Tx } from '../db/client.js';
import type { Actor, PlatformUser } from './actor.js';
import type { CommandDecl } from './catalogue.js';
import type { Deps } from './deps.js';
import type { FormDef, FormRequest, FormValues } from './form.js';
import type { Holding } from './holdings.js';
import type { OptionValue } from './interaction.js';
import type { Message, Reply } from './message.js';
import type { Platform } from './roles.js';

/** What every use case gets: the app's parts, the transaction it writes in, and the time now. */
export interface UseCaseContext {
  deps: Deps;
  tx: Tx;
  now: Date;
}

/** A use case a member asked for. */
export interface ActorContext extends UseCaseContext {
  actor: Actor;
  surface: Platform;
}

/** What a handler gets: a member's request, and what this app holds beyond one feature. */
export interface HandlerContext extends ActorContext {
  /** What this app holds beyond one feature: the commands a member may use, every feature's holdings. */
  app: AppView;
}

export interface AppView {
  commandsFor(actor: Pick<Actor, 'roles'>): CommandDecl[];
  readonly holdings: readonly Holding[];
  /** The member's home view: every feature's sections their roles admit. */
  home(user: PlatformUser): Promise<Message[]>;
}

export interface Response {
  form?: FormRequest;
  replies?: Reply[];
  /**
   * False when a form's submission was turned back and nothing was kept (the form stays open to be
   * fixed); true or unset when it was saved.
   */
  saved?: boolean;
}

export type CommandHandler = (ctx: HandlerContext, options: Record<string, OptionValue>) => Promise<Response>;
export type SubmitHandler<D extends FormDef> = (
  ctx: HandlerContext,
  values: FormValues<D>,
  context: Record<string, string>,
) => Promise<Response>;
/** A button's handler gets the value its declared schema parsed, never the raw string. */
export type ActionHandler<T = string> = (ctx: HandlerContext, value: T) => Promise<Response>;
/** A part of a member's home view (Slack's App Home tab): read-only, never another mentor's free text. */
export type HomeSection = (ctx: Omit<HandlerContext, 'tx' | 'surface' | 'app'>) => Promise<Message | undefined>;
/**
 * Something a feature adds to a member's first answers on a platform that tells the bot too little
 * (Discord gives no time zone): a message to show once, or nothing. Runs outside any transaction.
 */
export type FirstUseStep = (deps: Deps, user: PlatformUser) => Promise<Message | undefined>;

/** What the surface shows: a form to open, private messages, or the form's errors to fix. */
export interface Outcome {
  form?: FormRequest;
  /** Who asked, when a form is to open: a surface that keeps a draft needs no second lookup. */
  asker?: Actor;
  messages: Message[];
  errors?: Record<string, string>;
  /** The same delivery was handled before; nothing more was done. */
  duplicate?: boolean;
  /**
   * Whether what was sent is kept: false for a refusal, a busy answer, a failure, answers to fix,
   * or a handler's `saved: false`; true when a handler ran and kept it (or did the first time this
   * was delivered).
   */
  saved: boolean;
}
