// Turns neutral interactions into feature calls: identify the member, check access, parse input,
// then run the handler and write the messages it owes in one transaction (transaction.ts).
import { performance } from 'node:perf_hooks';
import { admits, preconditions, refusal, type PreconditionName } from './access.js';
import type { Actor, PlatformUser } from './actor.js';
import { createAdmission, type Admission } from './admission.js';
import { ALREADY_RECEIVED, BUSY, couldNotStart, INVALID_BUTTON, SOMETHING_WRONG, turnedBack } from './answers.js';
import type { ActionBinding, FormBinding } from './bindings.js';
import { declaredHandlers, resolveCommand, type CommandDecl } from './catalogue.js';
import type { Deps } from './deps.js';
import { discardDraft } from './drafts.js';
import type { FormDef, FormRequest } from './form.js';
import type { Holding } from './holdings.js';
import { buildHome, type HomeSectionBinding } from './home.js';
import { admit, type Identified } from './identity.js';
import type { Inbound } from './interaction.js';
import { errorFields } from './log.js';
import type { Message } from './message.js';
import { parseOptions } from './options.js';
import { Refusal } from './refusal.js';
import { refuse, runHandler, type Request } from './transaction.js';
import type { AppView, CommandHandler, FirstUseStep, HomeSection, Outcome } from './use-case.js';

export { BUSY, INVALID_BUTTON } from './answers.js';
export type {
  ActionHandler,
  ActorContext,
  AppView,
  CommandHandler,
  FirstUseStep,
  HandlerContext,
  HomeSection,
  Outcome,
  Response,
  SubmitHandler,
  UseCaseContext,
} from './use-case.js';

export class Router implements AppView {
  private readonly commands = new Map<string, CommandHandler>();
  /** Commands that only open a form: answered without a transaction, since opening a form changes nothing. */
  private readonly openers = new Map<string, FormRequest>();
  /** Delivery ids of forms opened lately (see receiveOpening). */
  private readonly opened = new Set<string>();
  private readonly forms = new Map<string, FormBinding>();
  private readonly actions = new Map<string, ActionBinding>();
  private readonly admission: Admission;
  private readonly homeSections: HomeSectionBinding[] = [];
  private readonly firstUseSteps: FirstUseStep[] = [];
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

  /** A form and what its submission does (bindings.ts: `bindForm`, or `form` in a feature declaration). */
  form(binding: FormBinding): void {
    if (this.forms.has(binding.def.id)) throw new Error(`form ${binding.def.id} registered twice`);
    this.forms.set(binding.def.id, binding);
  }

  /**
   * A button: who may press it, what it does, and the zod schema its value must parse with
   * (bindings.ts: `bindAction`). The value is parsed before the handler runs; a value that does not
   * parse is refused ("That button is no longer valid.", audited as bad_button) and never reaches a query.
   */
  action(binding: ActionBinding): void {
    if (this.actions.has(binding.id)) throw new Error(`action ${binding.id} registered twice`);
    this.actions.set(binding.id, binding);
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

  firstUseStep(step: FirstUseStep): void {
    this.firstUseSteps.push(step);
  }

  /** The sections of the member's home view that their roles admit, in registration order. */
  async home(user: PlatformUser): Promise<Message[]> {
    const identified = await this.admit(user);
    if (!identified.ok) return [{ text: identified.message, tone: 'warning' }];
    return buildHome(this.deps, identified.actor, this.homeSections);
  }

  /**
   * What the features add to an account's first answers (surfaces whose platform tells the bot too
   * little ask for it): each step's message, if any; a step that fails is logged and left out.
   */
  async firstUse(user: PlatformUser): Promise<Message[]> {
    const { deps } = this;
    const messages: Message[] = [];
    for (const step of this.firstUseSteps) {
      const message = await step(deps, user).catch((error: unknown) => {
        deps.log.warn({ surface: user.platform, err: errorFields(error) }, 'first-use question not asked');
        return undefined;
      });
      if (message) messages.push(message);
    }
    return messages;
  }

  /**
   * Identifies the member: a known one with a single read, outside any transaction; on first
   * contact they join, and coordinators are told in the same transaction.
   */
  admit(user: PlatformUser): Promise<Identified> {
    return admit(this.deps, user);
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
      return turnedBack(BUSY);
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
    const about = { kind: input.kind, surface: input.user.platform };
    try {
      const identified = await this.admit(input.user);
      if (!identified.ok) return turnedBack(identified.message);
      const outcome = await this.route(identified.actor, input);
      return outcome.form ? { ...outcome, asker: identified.actor } : outcome;
    } catch (error) {
      if (error instanceof Refusal) return turnedBack(error.message);
      if (couldNotStart(error)) {
        if (!retried && this.admission.hasTime(startedAt)) {
          deps.log.info(about, 'interaction retried: no connection in time');
          return this.attempt(input, startedAt, true);
        }
        deps.log.warn({ ...about, reason: 'no_connection' }, 'interaction turned away: no connection in time');
        return turnedBack(BUSY);
      }
      deps.log.error({ err: errorFields(error), ...about }, 'interaction failed');
      return turnedBack(SOMETHING_WRONG);
    }
  }

  private route(actor: Actor, input: Inbound): Promise<Outcome> {
    switch (input.kind) {
      case 'command':
        return this.routeCommand(actor, input);
      case 'submit':
        return this.routeSubmit(actor, input);
      case 'action':
        return this.routeAction(actor, input);
    }
  }

  private async routeCommand(actor: Actor, input: Extract<Inbound, { kind: 'command' }>): Promise<Outcome> {
    const resolved = resolveCommand(this.catalogue, input.command, input.subcommand);
    if ('error' in resolved) return { messages: [{ text: resolved.error }], saved: false };
    const name = `/${resolved.command.name}${resolved.subcommand ? ` ${resolved.subcommand.name}` : ''}`;
    const request: Request = { actor, input, what: name };
    if (!admits(resolved.audience, actor)) return refuse(this.deps, request, refusal(name, resolved.audience), 'role');
    const options = parseOptions(resolved.options, input.options);
    if ('error' in options) return { messages: [{ text: `${name}: ${options.error}` }], saved: false };
    const opens = this.openers.get(resolved.handler);
    if (opens)
      return this.receiveOpening(input)
        ? { form: opens, messages: [], saved: false }
        : { ...ALREADY_RECEIVED, saved: false };
    const handler = this.commands.get(resolved.handler)!;
    return runHandler(this.deps, this, request, (ctx) => handler(ctx, options.values));
  }

  private async routeSubmit(actor: Actor, input: Extract<Inbound, { kind: 'submit' }>): Promise<Outcome> {
    const binding = this.forms.get(input.formId);
    if (!binding)
      return refuse(
        this.deps,
        { actor, input, what: `form:${token(input.formId)}` },
        'That form is no longer available. Please start again with the command.',
        'not_found',
      );
    const request: Request = { actor, input, what: `form:${binding.def.id}` };
    const { audience } = preconditions[binding.def.precondition];
    if (!admits(audience, actor)) return refuse(this.deps, request, refusal(binding.def.title, audience), 'role');
    const parsed = binding.parse(input.values, { timeZone: actor.timeZone, now: this.deps.clock.now() });
    if (!parsed.ok)
      return { ...turnedBack('Some answers need another look; nothing was saved yet.'), errors: parsed.errors };
    return runHandler(this.deps, this, request, async (ctx) => {
      if (input.draftId && !(await discardDraft(ctx.tx, input.draftId))) {
        throw new Refusal(
          'This form was already sent, or it expired before it was finished. Nothing more was saved; start again with the command if you need to.',
          'closed',
        );
      }
      return parsed.submit(ctx, input.context);
    });
  }

  private async routeAction(actor: Actor, input: Extract<Inbound, { kind: 'action' }>): Promise<Outcome> {
    const binding = this.actions.get(input.actionId);
    if (!binding)
      return refuse(
        this.deps,
        { actor, input, what: `action:${token(input.actionId)}` },
        'That button is no longer active.',
        'bad_button',
      );
    const request: Request = { actor, input, what: `action:${input.actionId}` };
    const { audience } = preconditions[binding.precondition];
    if (!admits(audience, actor)) return refuse(this.deps, request, refusal('that button', audience), 'role');
    // Parsed at the boundary: a value the button could never have carried stops here.
    const press = binding.parse(input.value);
    if (!press) return refuse(this.deps, request, INVALID_BUTTON, 'bad_button');
    return runHandler(this.deps, this, request, press);
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
}

/** An id from the wire, kept to the characters an id has before it goes into the audit log. */
const token = (raw: string) => raw.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 64) || '?';
