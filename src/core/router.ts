// Turns neutral interactions into feature calls: identify the member, check access, parse input,
// then run the handler and write the messages it owes in one transaction, once per delivery.
import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import type { Tx } from '../db/client.js';
import type { Actor, PlatformUser } from './actor.js';
import { admits, preconditions, refusal, type PreconditionName } from './access.js';
import { createAdmission, type Admission } from './admission.js';
import { declaredHandlers, resolveCommand, type CommandDecl } from './catalogue.js';
import type { Deps } from './deps.js';
import { discardDraft } from './drafts.js';
import { parseOptions } from './options.js';
import { recordEvent } from './events.js';
import { parseForm, type FormDef, type FormRequest, type FormValues } from './form.js';
import type { Holding } from './holdings.js';
import { identify, identifyKnown, type Identified } from './identity.js';
import type { Inbound, OptionValue } from './interaction.js';
import type { Message, Reply } from './message.js';
import { Refusal } from './refusal.js';
import type { RefusalReason } from './refusal.js';
import type { Platform } from './roles.js';

/** TRANSITION: import these from refusal.ts. */
export { Refusal, refusalReasons, type RefusalReason } from './refusal.js';

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

/** What the surface shows: a form to open, private messages, or the form's errors to fix. */
export interface Outcome {
  form?: FormRequest;
  messages: Message[];
  errors?: Record<string, string>;
  duplicate?: boolean;
}

/** What a button with a value that does not parse is answered with. */
export const INVALID_BUTTON = 'That button is no longer valid.';

/** Said when the process has as much in hand as it can answer in time: nothing was started. */
export const BUSY: Message = {
  text: 'Sorry, the bot is very busy just this moment, so nothing was done yet. Please try again in a moment.',
  tone: 'warning',
};

/**
 * No connection in time, so nothing ran: Prisma's P2028 (a transaction could not start within its
 * wait) or the pool's own connection timeout.
 */
const couldNotStart = (error: unknown) =>
  (error as { code?: string }).code === 'P2028' ||
  /timeout exceeded when trying to connect/.test((error as Error).message ?? '');

const ALREADY_RECEIVED: Outcome = {
  duplicate: true,
  messages: [{ text: 'Already received: this was handled the first time, so nothing more was done.' }],
};

const SOMETHING_WRONG: Message = {
  text: 'Sorry, something went wrong on our side and nothing was saved. Please try again in a moment; if it keeps happening, tell a coordinator.',
  tone: 'warning',
};

export class Router implements AppView {
  private readonly commands = new Map<string, CommandHandler>();
  /** Commands that only open a form: answered without a transaction, since opening a form changes nothing. */
  private readonly openers = new Map<string, FormRequest>();
  /** Delivery ids of forms opened lately (see receiveOpening). */
  private readonly opened = new Set<string>();
  private readonly forms = new Map<string, { def: FormDef; onSubmit: SubmitHandler<FormDef> }>();
  private readonly actions = new Map<
    string,
    { precondition: PreconditionName; handler: ActionHandler<unknown>; value: z.ZodType<unknown>; urgent: boolean }
  >();
  private readonly admission: Admission;
  private readonly homeSections: { precondition: PreconditionName; build: HomeSection }[] = [];
  readonly holdings: Holding[] = [];

  constructor(
    private readonly deps: Deps,
    readonly catalogue: readonly CommandDecl[],
  ) {
    const { MAX_IN_FLIGHT, BUSY_AFTER_MS } = deps.config;
    this.admission = createAdmission({ limit: MAX_IN_FLIGHT, maxWaitMs: BUSY_AFTER_MS, maxQueue: MAX_IN_FLIGHT * 20 });
  }

  command(key: string, handler: CommandHandler): void {
    if (this.commands.has(key) || this.openers.has(key)) throw new Error(`handler ${key} registered twice`);
    this.commands.set(key, handler);
  }

  /** A command that opens a form and does nothing else: no database write, no transaction, no wait in line. */
  opens(key: string, request: FormRequest): void {
    if (this.commands.has(key) || this.openers.has(key)) throw new Error(`handler ${key} registered twice`);
    this.openers.set(key, request);
  }

  form<D extends FormDef>(def: D, onSubmit: SubmitHandler<D>): void {
    if (this.forms.has(def.id)) throw new Error(`form ${def.id} registered twice`);
    this.forms.set(def.id, { def, onSubmit: onSubmit as unknown as SubmitHandler<FormDef> });
  }

  /**
   * A button: who may press it, what it does, and the zod schema its value must parse with. The
   * router parses the value before the handler runs; a value that does not parse is refused
   * ("That button is no longer valid.", audited as bad_button) and never reaches a query.
   */
  action<T>(
    actionId: string,
    precondition: PreconditionName,
    handler: ActionHandler<T>,
    value: z.ZodType<T>,
    options: { urgent?: boolean } = {},
  ): void {
    if (this.actions.has(actionId)) throw new Error(`action ${actionId} registered twice`);
    this.actions.set(actionId, {
      precondition,
      handler: handler as ActionHandler<unknown>,
      value,
      urgent: options.urgent === true,
    });
  }

  /** The registered buttons' ids (for tests that try every one). */
  actionIds(): string[] {
    return [...this.actions.keys()];
  }

  holding(holding: Holding): void {
    this.holdings.push(holding);
  }

  homeSection(precondition: PreconditionName, build: HomeSection): void {
    this.homeSections.push({ precondition, build });
  }

  /** The sections of the member's home view that their roles admit, in registration order. */
  async home(user: PlatformUser): Promise<Message[]> {
    const { deps } = this;
    const identified = await this.admit(user);
    if (!identified.ok) return [{ text: identified.message, tone: 'warning' }];
    const { actor } = identified;
    const sections: Message[] = [];
    for (const [index, { precondition, build }] of this.homeSections.entries()) {
      if (!admits(preconditions[precondition].audience, actor)) continue;
      // One capability's failure leaves the rest of the view standing.
      const section = await build({ deps, actor, now: deps.clock.now() }).catch((error: unknown) => {
        deps.log.error(
          { err: { name: (error as Error).name, code: (error as { code?: string }).code }, section: index },
          'home section failed',
        );
        return {
          text: 'Part of this view could not be shown just now; please look again in a moment.',
          tone: 'warning' as const,
        };
      });
      if (section) sections.push(section);
    }
    return sections;
  }

  /**
   * Identifies the member: a known one with a single read, outside any transaction; on first
   * contact they join, and coordinators are told in the same transaction.
   */
  async admit(user: PlatformUser): Promise<Identified> {
    const { deps } = this;
    const known = await identifyKnown(deps.db, user);
    if (known) return known;
    return deps.db.$transaction(async (tx) => {
      const result = await identify(tx, deps, user);
      if (result.ok && result.joined) {
        await deps.outbox.enqueue(tx, {
          to: 'channel',
          channel: 'coordinators',
          message: {
            text: `${result.actor.displayName} joined the network as a mentor (first contact on ${user.platform}).`,
            tone: 'info',
          },
        });
      }
      return result;
    });
  }

  getForm(id: string): FormDef | undefined {
    return this.forms.get(id)?.def;
  }

  /** Start-up check: every declared handler key has a handler, and every handler a declaration. */
  verify(): void {
    const declared = new Set(declaredHandlers(this.catalogue));
    const missing = [...declared].filter((key) => !this.commands.has(key) && !this.openers.has(key));
    const undeclared = [...this.commands.keys(), ...this.openers.keys()].filter((key) => !declared.has(key));
    if (missing.length || undeclared.length) {
      throw new Error(
        [
          missing.length ? `declared in commands/ with no handler: ${missing.join(', ')}` : '',
          undeclared.length ? `handlers with no declaration in commands/: ${undeclared.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; '),
      );
    }
  }

  /** The commands (and subcommands) this actor may run, for /help and platform menus. */
  commandsFor(actor: Pick<Actor, 'roles'>): CommandDecl[] {
    return this.catalogue.flatMap((c): CommandDecl[] => {
      if (!c.subcommands) return admits(c.audience, actor) ? [c] : [];
      const subs = c.subcommands.filter((s) => admits(s.audience, actor));
      return subs.length ? [{ ...c, subcommands: subs as [(typeof subs)[0] & object, ...typeof subs] }] : [];
    });
  }

  async dispatch(input: Inbound): Promise<Outcome> {
    const { deps } = this;
    const startedAt = performance.now();
    const release = await this.admission.enter(this.isUrgent(input));
    if (!release) {
      deps.log.warn(
        { kind: input.kind, surface: input.user.platform, inFlight: this.admission.inFlight() },
        'interaction turned away: busy',
      );
      return { messages: [BUSY] };
    }
    try {
      return await this.attempt(input, startedAt);
    } finally {
      release();
    }
  }

  /** Escalations raised or acknowledged, and forms that only open, never wait in line. */
  private isUrgent(input: Inbound): boolean {
    switch (input.kind) {
      case 'command': {
        const resolved = resolveCommand(this.catalogue, input.command, input.subcommand);
        return !('error' in resolved) && this.openers.has(resolved.handler);
      }
      case 'submit':
        return this.forms.get(input.formId)?.def.urgent === true;
      case 'action':
        return this.actions.get(input.actionId)?.urgent === true;
    }
  }

  /** One try, and a second when the first could not even start a transaction and there is still time. */
  private async attempt(input: Inbound, startedAt: number, retried = false): Promise<Outcome> {
    const { deps } = this;
    try {
      const identified = await this.admit(input.user);
      if (!identified.ok) return { messages: [{ text: identified.message, tone: 'warning' }] };
      return await this.route(identified.actor, input);
    } catch (error) {
      if (error instanceof Refusal) return { messages: [{ text: error.message, tone: 'warning' }] };
      if (couldNotStart(error)) {
        if (!retried && this.admission.hasTime(startedAt)) {
          deps.log.info(
            { kind: input.kind, surface: input.user.platform },
            'interaction retried: no connection in time',
          );
          return this.attempt(input, startedAt, true);
        }
        deps.log.warn(
          { kind: input.kind, surface: input.user.platform, reason: 'no_connection' },
          'interaction turned away: no connection in time',
        );
        return { messages: [BUSY] };
      }
      deps.log.error(
        {
          err: { name: (error as Error).name, code: (error as { code?: string }).code },
          kind: input.kind,
          surface: input.user.platform,
        },
        'interaction failed',
      );
      return { messages: [SOMETHING_WRONG] };
    }
  }

  private async route(actor: Actor, input: Inbound): Promise<Outcome> {
    switch (input.kind) {
      case 'command': {
        const resolved = resolveCommand(this.catalogue, input.command, input.subcommand);
        if ('error' in resolved) return { messages: [{ text: resolved.error }] };
        const name = `/${resolved.command.name}${resolved.subcommand ? ` ${resolved.subcommand.name}` : ''}`;
        if (!admits(resolved.audience, actor))
          return this.refuse(actor, input.user.platform, name, refusal(name, resolved.audience), 'role');
        const options = parseOptions(resolved.options, input.options);
        if ('error' in options) return { messages: [{ text: `${name}: ${options.error}` }] };
        const opens = this.openers.get(resolved.handler);
        if (opens) return this.receiveOpening(input) ? { form: opens, messages: [] } : ALREADY_RECEIVED;
        const handler = this.commands.get(resolved.handler)!;
        return this.run(actor, input, name, (ctx) => handler(ctx, options.values));
      }
      case 'submit': {
        const entry = this.forms.get(input.formId);
        if (!entry)
          return this.refuse(
            actor,
            input.user.platform,
            `form:${token(input.formId)}`,
            'That form is no longer available. Please start again with the command.',
            'not_found',
          );
        const what = `form:${entry.def.id}`;
        const { audience } = preconditions[entry.def.precondition];
        if (!admits(audience, actor))
          return this.refuse(actor, input.user.platform, what, refusal(entry.def.title, audience), 'role');
        const parsed = parseForm(entry.def, input.values, { timeZone: actor.timeZone, now: this.deps.clock.now() });
        if (!parsed.ok)
          return {
            messages: [{ text: 'Some answers need another look; nothing was saved yet.', tone: 'warning' }],
            errors: parsed.errors,
          };
        return this.run(actor, input, what, async (ctx) => {
          if (input.draftId && !(await discardDraft(ctx.tx, input.draftId))) {
            throw new Refusal(
              'This form was already sent, or it expired before it was finished. Nothing more was saved; start again with the command if you need to.',
              'closed',
            );
          }
          return entry.onSubmit(ctx, parsed.values, input.context);
        });
      }
      case 'action': {
        const entry = this.actions.get(input.actionId);
        if (!entry)
          return this.refuse(
            actor,
            input.user.platform,
            `action:${token(input.actionId)}`,
            'That button is no longer active.',
            'bad_button',
          );
        const what = `action:${input.actionId}`;
        const { audience } = preconditions[entry.precondition];
        if (!admits(audience, actor))
          return this.refuse(actor, input.user.platform, what, refusal('that button', audience), 'role');
        // Parsed at the boundary: a value the button could never have carried stops here.
        const value = entry.value.safeParse(input.value);
        if (!value.success) return this.refuse(actor, input.user.platform, what, INVALID_BUTTON, 'bad_button');
        return this.run(actor, input, what, (ctx) => entry.handler(ctx, value.data));
      }
    }
  }

  /**
   * Every refusal, whoever decided it (a role check here, a feature's ownership check, a button
   * that does not parse), is written to the audit log with a stable reason code, in its own write:
   * the handler's transaction, if any, has been rolled back.
   */
  private async refuse(
    actor: Actor,
    surface: Platform,
    what: string,
    text: string,
    reason: RefusalReason,
  ): Promise<Outcome> {
    await recordEvent(this.deps.db, {
      subjectKind: 'member',
      subjectId: actor.memberId,
      kind: 'access.refused',
      at: this.deps.clock.now(),
      actorId: actor.memberId,
      surface,
      data: { what, reason },
    });
    return { messages: [{ text, tone: 'warning' }] };
  }

  /** Runs a handler in one transaction with the delivery's receipt and the messages it owes; a refusal is audited after the rollback. */
  private async run(
    actor: Actor,
    input: Inbound,
    what: string,
    handler: (ctx: HandlerContext) => Promise<Response>,
  ): Promise<Outcome> {
    try {
      return await this.transact(input, actor, handler);
    } catch (error) {
      if (error instanceof Refusal) return this.refuse(actor, input.user.platform, what, error.message, error.reason);
      throw error;
    }
  }

  /** The delivery's receipt, in one statement; false when it was received before. */
  private async receive(tx: Tx, input: Inbound): Promise<boolean> {
    return (
      (await tx.$executeRaw`INSERT INTO "InboundReceipt" ("surface", "key") VALUES (${input.user.platform}::"Platform", ${`${input.kind}:${input.id}`}) ON CONFLICT DO NOTHING`) >
      0
    );
  }

  /**
   * A command that only opens a form is recognised when delivered again by this process's memory,
   * not the database: a database write was most of a burst's time to the form, and a redelivery that
   * reaches another replica, or arrives after a restart, can only open the form again (its answers
   * have their own receipt when sent). Bounded: the oldest are forgotten first.
   */
  private receiveOpening(input: Inbound): boolean {
    const key = `${input.user.platform}:${input.id}`;
    if (this.opened.has(key)) return false;
    this.opened.add(key);
    if (this.opened.size > 10_000) this.opened.delete(this.opened.values().next().value!);
    return true;
  }

  private transact(
    input: Inbound,
    actor: Actor,
    handler: (ctx: HandlerContext) => Promise<Response>,
  ): Promise<Outcome> {
    const { deps } = this;
    return deps.db.$transaction(
      async (tx) => {
        if (!(await this.receive(tx, input))) return ALREADY_RECEIVED;
        const response = await handler({
          deps,
          tx,
          actor,
          now: deps.clock.now(),
          surface: input.user.platform,
          app: this,
        });
        const messages: Message[] = [];
        for (const reply of response.replies ?? []) {
          if (reply.to === 'actor') messages.push(reply.message);
          else await deps.outbox.enqueue(tx, reply);
        }
        return { form: response.form, messages };
      },
      { timeout: 15_000, maxWait: 1_000 },
    );
  }
}

/** An id from the wire, kept to the characters an id has before it goes into the audit log. */
const token = (raw: string) => raw.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 64) || '?';
