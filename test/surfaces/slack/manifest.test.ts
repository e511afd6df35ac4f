// npm run slack:manifest: the app manifest generated from commands/.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../commands/index.js';
import { BOT_SCOPES, slackManifest, usageHint, type SlackManifest } from '../../../src/surfaces/slack/manifest.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const print = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/slack-manifest.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
  });

describe('Slack app manifest', () => {
  it('declares the command family and the two shortcuts by default, with the events URL', () => {
    const manifest = slackManifest(catalogue, {
      name: 'Mentor Support Network',
      baseUrl: 'https://bot.example.org/',
    });
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/msn', '/debrief', '/escalate']);
    for (const command of manifest.features.slash_commands) {
      expect(command.url).toBe('https://bot.example.org/slack/events');
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.should_escape).toBe(true);
    }
    const family = manifest.features.slash_commands[0]!;
    expect(family.description).toContain('/msn help lists the commands');
    expect(family.usage_hint).toMatch(/^<command> \[subcommand\] \[options\]: help, debrief, /);
    for (const command of catalogue) expect(family.usage_hint).toContain(command.name);
    expect(manifest.features.slash_commands[1]!.description).toBe(
      catalogue.find((c) => c.name === 'debrief')!.description,
    );
    expect(manifest.settings).toMatchObject({
      event_subscriptions: { request_url: 'https://bot.example.org/slack/events', bot_events: ['app_home_opened'] },
      interactivity: { is_enabled: true, request_url: 'https://bot.example.org/slack/events' },
      socket_mode_enabled: false,
    });
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'commands',
        'chat:write',
        'files:write',
        'im:write',
        'im:history',
        'users:read',
        'channels:history',
        'groups:history',
      ]),
    );
  });

  it('names the family after SLACK_COMMAND, or declares every catalogue command with SLACK_COMMANDS=separate', () => {
    const named = slackManifest(catalogue, {
      name: 'N',
      baseUrl: 'https://bot.example.org',
      setup: { SLACK_COMMAND: 'mentors', SLACK_COMMANDS: 'family' },
    });
    expect(named.features.slash_commands.map((c) => c.command)).toEqual(['/mentors', '/debrief', '/escalate']);
    expect(named.features.slash_commands[0]!.description).toContain('/mentors help');
    const separate = slackManifest(catalogue, {
      name: 'N',
      baseUrl: 'https://bot.example.org',
      setup: { SLACK_COMMAND: 'msn', SLACK_COMMANDS: 'separate' },
    });
    expect(separate.features.slash_commands.map((c) => c.command)).toEqual(catalogue.map((c) => `/${c.name}`));
    expect(separate.features.slash_commands.find((c) => c.command === '/profile')?.usage_hint).toMatch(
      /^show \| edit \| supporter <member>/,
    );
    expect(separate.features.slash_commands.map((c) => c.command)).toEqual(
      expect.arrayContaining(['/debrief', '/escalate']),
    );
  });

  it('leaves out request URLs in Socket Mode', () => {
    const manifest = slackManifest(catalogue, {
      name: 'Mentor Support Network',
      socketMode: true,
    });
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(manifest)).not.toContain('request_url');
    expect(manifest.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
  });

  it('derives usage hints from options and subcommands', () => {
    expect(
      usageHint({
        name: 'away',
        description: 'd',
        audience: ['everyone'],
        handler: 'h',
        options: [{ name: 'until', description: 'd', type: 'string', required: true }],
      }),
    ).toBe('<until>');
    expect(usageHint({ name: 'x', description: 'd', audience: ['everyone'], handler: 'h', usage: '/x 2026-W47' })).toBe(
      '2026-W47',
    );
  });

  it('prints it from the command line, and refuses a URL Slack would not accept', async () => {
    const [good, bad] = await Promise.allSettled([
      print(['https://bot.example.org'], { SLACK_COMMAND: '', SLACK_COMMANDS: '' }),
      print(['http://bot.example.org']),
    ]);
    const printed = JSON.parse(good.status === 'fulfilled' ? good.value.stdout : '{}') as SlackManifest;
    expect(printed.settings.interactivity.request_url).toBe('https://bot.example.org/slack/events');
    expect(printed.features.slash_commands.map((c) => c.command)).toEqual(['/msn', '/debrief', '/escalate']);
    expect(bad).toMatchObject({ status: 'rejected', reason: { code: 2 } });
  });

  it('follows SLACK_COMMANDS=separate, and refuses a family named like a command', async () => {
    const [named, clash] = await Promise.allSettled([
      print(['--socket-mode'], { SLACK_COMMAND: '/mentors', SLACK_COMMANDS: 'separate' }),
      print(['--socket-mode'], { SLACK_COMMAND: 'case', SLACK_COMMANDS: '' }),
    ]);
    const separate = JSON.parse(named.status === 'fulfilled' ? named.value.stdout : '{}') as SlackManifest;
    expect(separate.features.slash_commands.map((c) => c.command)).toEqual(catalogue.map((c) => `/${c.name}`));
    expect(clash).toMatchObject({
      status: 'rejected',
      reason: {
        code: 2,
        stderr: expect.stringContaining("SLACK_COMMAND must not be the name of one of the bot's own commands"),
      },
    });
  });
});
