// Registering the catalogue's commands with Discord (bulk overwrite) against the fake REST API:
// the command shapes, what changed between runs, guild or global scope, and the npm script.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../../commands/index.js';
import type { CommandDecl } from '../../../src/core/catalogue.js';
import { discordCommands } from '../../../src/surfaces/discord/commands.js';
import { describeChanges, registerCommands } from '../../../src/surfaces/discord/register.js';
import { startFakeDiscord, type FakeDiscord } from '../../helpers/fake-discord.js';

const root = path.resolve(import.meta.dirname, '../../..');
const GUILD = '200000000000000001';
let fake: FakeDiscord;
let rest: REST;

beforeAll(async () => {
  fake = await startFakeDiscord();
  rest = new REST({ api: fake.url, retries: 0 }).setToken(fake.token);
});

afterAll(() => fake?.close());

const names = (decls: readonly CommandDecl[]) => decls.map((c) => c.name);

function runScript(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/discord-register.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('Discord command registration', () => {
  it('declares every catalogue command with typed options, subcommands, and required options first', () => {
    const commands = discordCommands(catalogue, 'global');
    expect(commands.map((c) => c.name)).toEqual(names(catalogue));
    const network = commands.find((c) => c.name === 'network')!;
    expect(network.options!.every((o) => o.type === 1)).toBe(true);
    const add = network.options!.find((o) => o.name === 'add') as {
      options: { name: string; type: number; required: boolean; choices?: unknown[] }[];
    };
    expect(add.options.map((o) => [o.name, o.type, o.required])).toEqual([
      ['user', 3, true],
      ['name', 3, true],
      ['role', 3, false],
    ]);
    expect(add.options[2]!.choices).toHaveLength(6);
    expect(commands.find((c) => c.name === 'away')!.options).toEqual([
      { name: 'until', description: 'Last day away, YYYY-MM-DD, or "back"', type: 3, required: true, max_length: 10 },
    ]);
    expect(commands[0]).toMatchObject({ contexts: [0, 1], integration_types: [0] });
    expect(discordCommands(catalogue, 'guild')[0]).not.toHaveProperty('contexts');
    expect(() =>
      discordCommands([{ name: 'Check In', description: 'x', audience: ['everyone'], handler: 'x' }], 'guild'),
    ).toThrow(/does not fit Discord/);
  });

  it('says what was added, updated and removed compared with what Discord had', async () => {
    const first = await registerCommands(rest, fake.applicationId, undefined, catalogue);
    expect(first).toMatchObject({ scope: 'global', added: names(catalogue), updated: [], removed: [] });
    expect(fake.commands.get('global')!.map((c) => c.name)).toEqual(names(catalogue));

    const again = await registerCommands(rest, fake.applicationId, undefined, catalogue);
    expect(again).toMatchObject({ added: [], updated: [], removed: [], unchanged: names(catalogue) });

    const changed: CommandDecl[] = [
      ...catalogue
        .filter((c) => c.name !== 'link')
        .map((c) => (c.name === 'help' ? { ...c, description: 'What the bot can do, and your commands' } : c)),
      {
        name: 'teabreak',
        description: 'A command the catalogue does not have',
        audience: ['mentor'],
        handler: 'teabreak.now',
      },
    ];
    const third = await registerCommands(rest, fake.applicationId, undefined, changed);
    expect(third).toMatchObject({ added: ['teabreak'], updated: ['help'], removed: ['link'] });
    expect(describeChanges(third)).toContain('added: /teabreak');
    const puts = fake.requests.filter((r) => r.method === 'PUT');
    expect(puts.at(-1)!.path).toBe(`/api/v10/applications/${fake.applicationId}/commands`);
  });

  it('registers to one server through npm run discord:register when DISCORD_GUILD_ID is set', async () => {
    const env = {
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.url,
      DISCORD_GUILD_ID: GUILD,
      LOG_LEVEL: 'silent',
    };
    const run = await runScript(env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Discord commands registered (server ${GUILD}).`);
    expect(run.stdout).toContain(
      `added: ${names(catalogue)
        .map((n) => `/${n}`)
        .join(', ')}`,
    );
    expect(fake.commands.get(GUILD)!.map((c) => c.name)).toEqual(names(catalogue));

    const missing = await runScript({ DISCORD_API_URL: fake.url });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(
      'Configuration error: DISCORD_TOKEN and DISCORD_APPLICATION_ID are needed to register commands. See .env.example.',
    );
  });
});
