// The terminal surface, in the spirit of Hubot's shell adapter: a local demonstration of the bot
// with no chat platform. Forms are asked field by field (drafts kept in the database, as on
// Discord); buttons become numbered choices. In the demo (demo.ts) `/as <handle>` switches the
// acting member among a cast and `/clock` moves the demo's time (demo-time.ts); otherwise the
// terminal is the operating system user and time is real.
import { randomUUID } from 'node:crypto';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Actor, PlatformUser } from '../../core/actor.js';
import type { Deps } from '../../core/deps.js';
import { discardDraft, saveDraftStep, startDraft, type Draft } from '../../core/drafts.js';
import { parseField, type FormDef, type FormRequest } from '../../core/form.js';
import type { Inbound } from '../../core/interaction.js';
import type { Button, Message } from '../../core/message.js';
import type { Router, Outcome } from '../../core/router.js';
import type { Delivery, DeliveryResult, Surface } from '../../core/surface.js';
import { ensureDemoCast, demoHandles, handlePattern, isDemo, keyboardUser } from './demo.js';
import { CLOCK_USAGE, parseClockArgument, showDemoTime } from './clock-argument.js';
import { advanceDemoClock, movableClock, type DueWork } from './demo-time.js';
import { askField, renderMessage } from './render.js';
import { familyNames, parseCommandLine } from '../../core/command-line.js';

export interface ShellOptions {
  deps: Deps;
  input: Readable;
  output: Writable;
  onEnd?: () => void;
  /** The app's job runner and dispatcher, for /clock in the demo. */
  background?: DueWork;
}

interface ActiveForm {
  def: FormDef;
  draft: Draft;
  fieldIds: string[];
}

export function createShellSurface({ deps, input, output, onEnd, background }: ShellOptions): Surface {
  let rl: Interface | undefined;
  let router: Router;
  const demo = isDemo(deps.config);
  let user: PlatformUser = demo
    ? { platform: 'shell', platformUserId: demoHandles[0], displayName: demoHandles[0] }
    : keyboardUser();
  let actor: Actor | undefined;
  let form: ActiveForm | undefined;
  let buttons: Button[] = [];
  let running = false;
  /** While /clock moves time: the time heading printed before the first delivery of a step. */
  let stamp: string | undefined;

  const write = (text: string): void => {
    output.write(`${text}\n`);
  };

  /** Identifies the acting member through the router, so a newcomer joins like any first contact. */
  async function whoAmI(): Promise<Actor | undefined> {
    const result = await router.admit(user);
    if (!result.ok) {
      write(result.message);
      return undefined;
    }
    return result.actor;
  }

  function show(outcome: Outcome): void {
    buttons = [];
    for (const message of outcome.messages) showMessage(message);
  }

  function showMessage(message: Message): void {
    write(renderMessage(message, buttons.length));
    buttons.push(...(message.buttons ?? []));
  }

  async function openForm(request: FormRequest): Promise<void> {
    if (!actor) return;
    const draft = await startDraft(deps, actor, request.form.id, request.context, request.initial);
    form = { def: request.form, draft, fieldIds: Object.keys(request.form.fields) };
    write(`── ${request.form.title} ──`);
    if (request.form.intro) write(request.form.intro);
    write('(Type /cancel at any point to stop; nothing is saved until the last answer.)');
    askNext();
  }

  function askNext(): void {
    if (!form) return;
    const id = form.fieldIds[form.draft.step]!;
    write(askField(form.def.fields[id]!, form.draft.answers[id]));
  }

  async function answer(line: string): Promise<void> {
    if (!form || !actor) return;
    if (line.trim().toLowerCase() === '/cancel') {
      await discardDraft(deps.db, form.draft.id);
      form = undefined;
      write('Cancelled. Nothing was saved.');
      return;
    }
    const id = form.fieldIds[form.draft.step]!;
    const parsed = parseField(form.def.fields[id]!, line, { timeZone: actor.timeZone, now: deps.clock.now() });
    if (!parsed.ok) {
      write(parsed.error);
      askNext();
      return;
    }
    const current = await saveDraftStep(deps, form.draft, { [id]: line }, form.draft.step + 1);
    if (!current) {
      form = undefined;
      write('This form expired before it was finished, so nothing was saved. Please start again.');
      return;
    }
    form.draft = current;
    if (current.step < form.fieldIds.length) return askNext();
    const def = form.def;
    form = undefined;
    await dispatch({
      kind: 'submit',
      id: current.id,
      user,
      formId: def.id,
      values: current.answers,
      context: current.context,
      draftId: current.id,
    });
  }

  async function dispatch(interaction: Inbound): Promise<void> {
    const outcome = await router.dispatch(interaction);
    show(outcome);
    if (outcome.errors) {
      for (const error of Object.values(outcome.errors)) write(`  - ${error}`);
    }
    if (outcome.form) await openForm(outcome.form);
  }

  async function handle(line: string): Promise<void> {
    const text = line.trim();
    if (form) return answer(line);
    if (text === '') return;
    if (text === '/quit' || text === '/exit') return void rl?.close();
    if (text.startsWith('/as')) {
      if (!demo)
        return write(
          '/as belongs to the terminal demo (the embedded database with the terminal alone, or DEMO=on). Here you act as yourself.',
        );
      const handle = text.slice(3).trim().toLowerCase();
      if (!handlePattern.test(handle))
        return write('Usage: /as <handle>, for example /as jo (2 to 31 letters, digits, - or _).');
      user = { platform: 'shell', platformUserId: handle, displayName: handle };
      actor = await whoAmI();
      if (actor) write(`You are now ${actor.displayName} (${actor.roles.join(', ')}).`);
      return;
    }
    if (/^\/clock(\s|$)/i.test(text)) return moveClock(text.slice('/clock'.length));
    if (/^\d+$/.test(text) && buttons.length) {
      const button = buttons[Number(text) - 1];
      if (!button) return write(`Choose a number from 1 to ${buttons.length}.`);
      return dispatch({ kind: 'action', id: randomUUID(), user, actionId: button.actionId, value: button.value ?? '' });
    }
    if (!text.startsWith('/')) return write('Commands start with a slash. Type /help to see what you can do.');
    const parsed = parseCommandLine(router.catalogue, text, familyNames(deps.config));
    if ('error' in parsed) return write(parsed.error);
    actor = await whoAmI();
    if (!actor) return;
    await dispatch({ kind: 'command', id: randomUUID(), user, ...parsed });
  }

  async function moveClock(argument: string): Promise<void> {
    const clock = movableClock(deps.clock);
    if (!demo || !clock || !background) {
      return write(
        '/clock belongs to the terminal demo (the embedded database with the terminal alone, or DEMO=on), where it moves the demo’s time. Here time is real.',
      );
    }
    actor ??= await whoAmI();
    const zone = actor?.timeZone ?? deps.config.NETWORK_TIMEZONE;
    const request = parseClockArgument(argument, clock.now(), zone);
    if (request.kind === 'refused') return write(request.message);
    if (request.kind === 'show') return write(`Demo time: ${showDemoTime(clock.now(), zone)}. ${CLOCK_USAGE}`);
    write(
      `Moving the demo clock forward to ${showDemoTime(request.to, zone)}; whatever falls due on the way happens in order.`,
    );
    await advanceDemoClock(deps, clock, background, request.to, (at) => (stamp = `── ${showDemoTime(at, zone)} ──`));
    stamp = undefined;
    write(`It is now ${showDemoTime(clock.now(), zone)} in the demo.`);
  }

  async function abandonForm(): Promise<void> {
    if (!form) return;
    const id = form.draft.id;
    form = undefined;
    await discardDraft(deps.db, id);
  }

  return {
    platform: 'shell',
    connected: () => running,
    async start(r) {
      router = r;
      if (demo) await ensureDemoCast(deps);
      actor = await whoAmI();
      running = true;
      write(
        `${deps.config.NETWORK_NAME}: terminal surface. This is a local demonstration; use Slack or Discord for real casework.`,
      );
      if (demo)
        write(
          `You are ${actor?.displayName} (${actor?.roles.join(', ')}). Type /help to begin, /as <handle> to act as someone else (${demoHandles.join(', ')}), /clock to move time, /quit to leave.`,
        );
      else if (actor)
        write(
          `You are ${actor.displayName} (${actor.roles.join(', ') || 'no role'}). Type /help to begin, /quit to leave.`,
        );
      rl = createInterface({ input, terminal: false });
      void (async () => {
        try {
          for await (const line of rl) await handle(line);
        } catch (error) {
          deps.log.error({ err: { name: (error as Error).name } }, 'terminal surface failed');
        } finally {
          await abandonForm().catch(() => undefined);
          running = false;
          onEnd?.();
        }
      })();
    },
    async stop() {
      running = false;
      rl?.close();
      await abandonForm().catch(() => undefined);
    },
    async deliver(delivery: Delivery): Promise<DeliveryResult> {
      if (stamp) write(stamp);
      stamp = undefined;
      const to =
        delivery.target.kind === 'dm'
          ? `direct message to ${delivery.target.platformUserId}`
          : `post in #${delivery.target.channelId}`;
      write(`── ${delivery.update ? 'update of an earlier ' : ''}${to} ──\n${renderMessage(delivery.message, 0)}`);
      return {
        status: 'ok',
        platformMessageId: delivery.update?.platformMessageId ?? delivery.outboxId,
        platformChannelId: delivery.target.kind === 'channel' ? delivery.target.channelId : undefined,
      };
    },
  };
}
