// A whole bot on the Discord surface in-process, against a fake Discord, with short-hands for
// what a member does there: run a slash command, fill in a modal, click a button.
import { expect } from 'vitest';
import { startTestApp, type TestApp } from './app.js';
import {
  buttonClick,
  modalSubmission,
  slashCommand,
  type CommandOption,
  type TestUser,
  type Where,
} from './discord-payloads.js';
import { startFakeDiscord, type FakeDiscord, type Shown } from './fake-discord.js';

export interface DiscordBot {
  fake: FakeDiscord;
  app: TestApp;
  where: Where;
  run(
    user: TestUser,
    name: string,
    extra?: { subcommand?: string; options?: CommandOption[] },
    where?: Partial<Where>,
  ): Promise<Shown>;
  submit(user: TestUser, modal: any, answers: Record<string, string | string[]>): Promise<Shown>;
  click(user: TestUser, customId: string): Promise<Shown>;
  close(): Promise<void>;
}

export async function startDiscordBot(env: Record<string, string> = {}): Promise<DiscordBot> {
  const fake = await startFakeDiscord();
  const where: Where = { applicationId: fake.applicationId };
  const app = await startTestApp({
    SURFACES: 'discord',
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.url,
    ...env,
  });
  return {
    fake,
    app,
    where,
    run: (user, name, extra, at) => fake.interact(slashCommand(user, { ...where, ...at }, name, extra)),
    submit: (user, modal, answers) => fake.interact(modalSubmission(user, where, modal, answers)),
    click: (user, customId) => fake.interact(buttonClick(user, where, customId)),
    async close() {
      await app.close();
      await fake.close();
    },
  };
}

export function modalOf(shown: Shown): any {
  expect(shown.kind, JSON.stringify(shown).slice(0, 300)).toBe('modal');
  return (shown as Extract<Shown, { kind: 'modal' }>).modal;
}

export function messageOf(shown: Shown): any {
  expect(shown.kind, JSON.stringify(shown).slice(0, 300)).toBe('message');
  return (shown as Extract<Shown, { kind: 'message' }>).message;
}

/** The custom ids and labels of a message's buttons. */
export function buttonsOf(message: any): { custom_id: string; label: string }[] {
  return (message.components ?? []).flatMap((row: any) => row.components);
}

/** The inputs of a modal by custom id (unwrapping labels). */
export function inputsOf(modal: any): Record<string, any> {
  return Object.fromEntries(
    modal.components.filter((c: any) => c.type === 18).map((c: any) => [c.component.custom_id, c.component]),
  );
}
