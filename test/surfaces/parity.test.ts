// Surface parity: every command and subcommand, form, button and home section the features declare
// is reachable on Slack, Discord and the terminal. The catalogue is walked through each surface's own
// inbound reading (Slack's payloads with the command family, Discord's interactions, the terminal's
// parser) and each declaration rendered by each surface's renderer; a new declaration one surface
// cannot carry fails here, not in front of a member.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../commands/index.js';
import { admits, preconditions, type PreconditionName } from '../../src/core/access.js';
import type { FormBinding } from '../../src/core/bindings.js';
import { familyNames, parseCommandLine } from '../../src/core/command-line.js';
import type { FormDef } from '../../src/core/form.js';
import type { Message } from '../../src/core/message.js';
import { roles } from '../../src/core/roles.js';
import { Router, type HomeSection } from '../../src/core/router.js';
import { features } from '../../src/features/index.js';
import { installFeatures } from '../../src/features/install.js';
import { discordCommands } from '../../src/surfaces/discord/commands.js';
import { actionCustomId, readCustomId, submitStepCustomId } from '../../src/surfaces/discord/custom-ids.js';
import { formSteps, stepModal } from '../../src/surfaces/discord/form-steps.js';
import { readInteraction } from '../../src/surfaces/discord/inbound.js';
import { renderMessage as discordMessage } from '../../src/surfaces/discord/render.js';
import { askField, renderMessage as terminalMessage } from '../../src/surfaces/shell/render.js';
import { slackManifest } from '../../src/surfaces/slack/manifest.js';
import { formModal } from '../../src/surfaces/slack/modal.js';
import { readPayload } from '../../src/surfaces/slack/payloads.js';
import { homeView, messageBlocks, routerActionId } from '../../src/surfaces/slack/render.js';
import {
  DEFAULT_SETUP,
  slackCommandNames,
  slashCommands,
  type SlackCommandSetup,
} from '../../src/surfaces/slack/slash-commands.js';
import { createTestContext, type TestContext } from '../helpers/deps.js';
import { discordUser, slashCommand, type CommandOption } from '../helpers/discord-payloads.js';
import { appHomeOpenedBody, blockActionsPayload, slashCommandBody } from '../helpers/slack-requests.js';

/** The router the app builds, noting the forms and home sections the features register. */
class RecordingRouter extends Router {
  readonly formDefs: FormDef[] = [];
  readonly sections: PreconditionName[] = [];
  override form(binding: FormBinding): void {
    this.formDefs.push(binding.def);
    super.form(binding);
  }
  override homeSection(precondition: PreconditionName, build: HomeSection): void {
    this.sections.push(precondition);
    super.homeSection(precondition, build);
  }
}

const entries = catalogue.flatMap((c) =>
  c.subcommands
    ? c.subcommands.map((s) => ({
        command: c.name,
        subcommand: s.name as string | undefined,
        options: s.options ?? [],
      }))
    : [{ command: c.name, subcommand: undefined, options: c.options ?? [] }],
);
const label = (e: (typeof entries)[number]) => `/${e.command}${e.subcommand ? ` ${e.subcommand}` : ''}`;
const expected = (e: (typeof entries)[number]) => ({
  command: e.command,
  ...(e.subcommand ? { subcommand: e.subcommand } : {}),
});
const setups: [string, SlackCommandSetup][] = [
  ['the /msn family', DEFAULT_SETUP],
  ['a family named by SLACK_COMMAND', { SLACK_COMMAND: 'mentors', SLACK_COMMANDS: 'family' }],
  ['SLACK_COMMANDS=separate', { SLACK_COMMAND: 'msn', SLACK_COMMANDS: 'separate' }],
];
const where = { applicationId: '100000000000000001' };
const uuid = '8f14e45f-ceea-4672-9e9c-1b2f9f0e0a11';

let t: TestContext;
let router: RecordingRouter;
beforeAll(async () => {
  t = await createTestContext();
  router = new RecordingRouter(t.deps, catalogue);
  installFeatures(router, features);
  router.verify();
});
afterAll(() => t?.close());

describe('every command and subcommand is reachable on every surface', () => {
  it.each(setups)('Slack, with %s: a declared slash command carries it to the same command', (_name, setup) => {
    const manifest = slackManifest(catalogue, { name: 'N', baseUrl: 'https://bot.example.org', setup });
    const declared = manifest.features.slash_commands.map((c) => c.command);
    expect(declared.length).toBeLessThanOrEqual(setup.SLACK_COMMANDS === 'separate' ? catalogue.length : 3);
    expect(declared).toEqual(slashCommands(catalogue, setup).map((c) => `/${c.name}`));
    for (const e of entries) {
      const [command, ...text] = (
        declared.includes(`/${e.command}`) ? label(e) : `/${setup.SLACK_COMMAND} ${label(e).slice(1)}`
      ).split(' ');
      expect(declared, label(e)).toContain(command);
      const payload = readPayload(
        Object.fromEntries(
          new URLSearchParams(
            slashCommandBody({
              command: command!,
              text: text.join(' '),
              userId: 'U0SAM',
              responseUrl: 'https://hooks.slack.com/commands/T0/1/a',
            }),
          ),
        ),
      );
      expect(payload.kind, label(e)).toBe('command');
      if (payload.kind !== 'command') continue;
      const parsed = parseCommandLine(catalogue, `${payload.body.command} ${payload.body.text}`, familyNames(setup));
      expect(parsed, label(e)).toMatchObject(expected(e));
    }
  });

  it('Discord: registered with every option, and an interaction carries it to the same command', () => {
    const registered = discordCommands(catalogue, 'guild');
    const user = discordUser('sam');
    for (const e of entries) {
      const command = registered.find((c) => c.name === e.command);
      expect(command, label(e)).toBeDefined();
      const holder = e.subcommand ? command!.options?.find((o) => o.name === e.subcommand) : command;
      expect(holder, label(e)).toBeDefined();
      const names = holder && 'options' in holder ? (holder.options ?? []).map((o) => o.name) : [];
      expect(names.sort(), label(e)).toEqual(e.options.map((o) => o.name).sort());
      const options: CommandOption[] = e.options
        .filter((o) => o.required)
        .map((o) => ({
          name: o.name,
          type: { string: 3, integer: 4, boolean: 5 }[o.type],
          value: o.type === 'integer' ? (o.min ?? 1) : o.type === 'boolean' ? true : (o.choices?.[0]?.value ?? 'x'),
        }));
      const read = readInteraction(slashCommand(user, where, e.command, { subcommand: e.subcommand, options }));
      expect(read.ok && read.interaction.body, label(e)).toMatchObject({ kind: 'command', ...expected(e) });
    }
  });

  it('terminal: the line as typed, and the same line after /msn, reach the same command', () => {
    for (const e of entries) {
      expect(parseCommandLine(catalogue, label(e)), label(e)).toMatchObject(expected(e));
      expect(parseCommandLine(catalogue, `/msn ${label(e).slice(1)}`), label(e)).toMatchObject(expected(e));
    }
  });
});

describe('every form opens on every surface with all its questions', () => {
  it('finds the forms the features register', () => {
    expect(router.formDefs.map((f) => f.id)).toEqual(expect.arrayContaining(['debrief']));
    for (const def of router.formDefs) expect(router.getForm(def.id)).toBe(def);
  });

  it('Slack: one modal, every field an input block under its id', () => {
    for (const def of router.formDefs) {
      const modal = formModal(slackCommandNames(catalogue, DEFAULT_SETUP).form({ form: def }));
      expect(modal.callback_id).toBe(def.id);
      const inputs = modal.blocks.flatMap((b) =>
        b.type === 'input' && b.block_id && !b.block_id.endsWith('.time') ? [b.block_id] : [],
      );
      expect(inputs, def.id).toEqual(Object.keys(def.fields));
    }
  });

  it('Discord: steps of at most five questions, every field in one, each step a modal the bot can read back', () => {
    for (const def of router.formDefs) {
      const steps = formSteps(def);
      expect(steps.flat(), def.id).toEqual(Object.keys(def.fields));
      for (const [i, ids] of steps.entries()) {
        expect(ids.length).toBeLessThanOrEqual(5);
        const modal = stepModal(def, uuid, i, {}, { timeZone: 'Europe/London', now: new Date('2026-03-02T10:00:00Z') });
        expect(readCustomId(modal.custom_id)).toEqual({ kind: 'submit-step', draftId: uuid, step: i });
        expect(modal.custom_id).toBe(submitStepCustomId(uuid, i));
        for (const id of ids)
          expect(JSON.stringify(modal.components), `${def.id}.${id}`).toContain(`"custom_id":"${id}"`);
      }
    }
  });

  it('terminal: every question asked with its choices', () => {
    for (const def of router.formDefs) {
      for (const f of Object.values(def.fields)) {
        const asked = askField(f, undefined);
        expect(asked).toContain(f.label);
        for (const option of f.options ?? []) expect(asked).toContain(option.label);
      }
    }
  });
});

describe('every button is routable on every surface', () => {
  it('Slack, Discord and the terminal carry each action id back to the router', () => {
    const ids = router.actionIds();
    expect(ids.length).toBeGreaterThan(20);
    for (const actionId of ids) {
      const message: Message = { text: 'A message', buttons: [{ actionId, label: 'Press', value: uuid }] };
      const slackButton = JSON.stringify(messageBlocks(message));
      expect(slackButton).toContain(`"action_id":"${actionId}"`);
      const clicked = readPayload(blockActionsPayload({ userId: 'U0SAM', actionId, value: uuid }));
      expect(clicked.kind === 'action' && routerActionId(clicked.body.actions[0]!.action_id), actionId).toBe(actionId);
      const customId = actionCustomId(actionId, uuid);
      expect(customId && readCustomId(customId), actionId).toEqual({ kind: 'action', actionId, value: uuid });
      expect(discordMessage(message, [], () => expect.fail(`${actionId} dropped on Discord`)).components).toHaveLength(
        1,
      );
      expect(terminalMessage(message, 0)).toContain('[1] Press');
    }
  });
});

describe('every home section is reachable on every surface', () => {
  it('Slack has the Home tab; Discord and the terminal have /home', () => {
    const manifest = slackManifest(catalogue, { name: 'N', baseUrl: 'https://bot.example.org' });
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
    expect(readPayload(JSON.parse(appHomeOpenedBody('U0SAM')))).toEqual({ kind: 'home', userId: 'U0SAM' });
    expect(discordCommands(catalogue, 'guild').map((c) => c.name)).toContain('home');
    const read = readInteraction(slashCommand(discordUser('sam'), where, 'home'));
    expect(read.ok && read.interaction.body).toMatchObject({ kind: 'command', command: 'home' });
    expect(parseCommandLine(catalogue, '/home')).toEqual({ command: 'home', options: {} });
  });

  it('renders every section a member with every role sees, with its buttons, on each surface', async () => {
    expect(router.sections.length).toBeGreaterThan(0);
    const everyRole = { roles: [...roles] };
    for (const precondition of router.sections)
      expect(admits(preconditions[precondition].audience, everyRole)).toBe(true);
    const user = { platform: 'shell' as const, platformUserId: 'parity-all', displayName: 'Ari' };
    await router.admit(user);
    await t.deps.db.member.updateMany({
      where: { identities: { some: { platformUserId: 'parity-all' } } },
      data: { roles: [...roles] },
    });
    const sections = await router.home(user);
    expect(sections.length).toBeGreaterThan(0);
    const view = homeView('N', sections.map(slackCommandNames(catalogue, DEFAULT_SETUP).message));
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    for (const section of sections) {
      for (const button of section.buttons ?? []) {
        expect(router.actionIds(), button.label).toContain(button.actionId);
        expect(JSON.stringify(view.blocks)).toContain(`"action_id":"${button.actionId}`);
        expect(terminalMessage(section, 0)).toContain(button.label);
      }
      discordMessage(section, [], (actionId) => expect.fail(`home button ${actionId} dropped on Discord`));
    }
  });
});

describe('commands named in a message read as each surface types them', () => {
  it('reads /msn case list on Slack and /case list on Discord and in the terminal', () => {
    const message: Message = {
      text: `There is no case MS-0999. /case list shows the open cases. After each session, /debrief.`,
      fields: [{ label: 'Details', value: '/escalation show 12' }],
    };
    const slack = JSON.stringify(messageBlocks(slackCommandNames(catalogue, DEFAULT_SETUP).message(message)));
    expect(slack).toContain('/msn case list shows the open cases. After each session, /debrief.');
    expect(slack).toContain('/msn escalation show 12');
    const discord = JSON.stringify(discordMessage(message));
    const terminal = terminalMessage(message, 0);
    for (const text of [discord, terminal]) {
      expect(text).toContain('/case list shows the open cases. After each session, /debrief.');
      expect(text).toContain('/escalation show 12');
      expect(text).not.toContain('/msn');
    }
    expect(slackCommandNames(catalogue, setups[2]![1]).message(message)).toEqual(message);
  });
});
