// npm run slack:manifest: the app manifest generated from commands/.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../commands/index.js';
import { BOT_SCOPES, slackManifest, usageHint } from '../../../src/surfaces/slack/manifest.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

interface Manifest {
  features: { slash_commands: { command: string; url?: string; description: string; usage_hint?: string; should_escape: boolean }[]; app_home: Record<string, boolean> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { request_url?: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url?: string }; socket_mode_enabled: boolean };
}

describe('Slack app manifest', () => {
  it('declares every catalogue command with its description, usage and the events URL', () => {
    const manifest = slackManifest(catalogue, { name: 'Mentor Support Network', baseUrl: 'https://bot.example.org/' }) as unknown as Manifest;
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(catalogue.map((c) => `/${c.name}`));
    for (const command of manifest.features.slash_commands) {
      expect(command.url).toBe('https://bot.example.org/slack/events');
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.should_escape).toBe(true);
    }
    expect(manifest.features.slash_commands.find((c) => c.command === '/profile')?.usage_hint).toBe('show | edit | supporter <member>');
    expect(manifest.settings).toMatchObject({
      event_subscriptions: { request_url: 'https://bot.example.org/slack/events', bot_events: ['app_home_opened'] },
      interactivity: { is_enabled: true, request_url: 'https://bot.example.org/slack/events' },
      socket_mode_enabled: false,
    });
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'files:write', 'im:write', 'im:history', 'users:read', 'channels:history', 'groups:history']));
  });

  it('leaves out request URLs in Socket Mode', () => {
    const manifest = slackManifest(catalogue, { name: 'Mentor Support Network', socketMode: true }) as unknown as Manifest;
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(manifest)).not.toContain('request_url');
    expect(manifest.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
  });

  it('derives usage hints from options and subcommands', () => {
    expect(usageHint({ name: 'away', description: 'd', audience: ['everyone'], handler: 'h', options: [{ name: 'until', description: 'd', type: 'string', required: true }] })).toBe('<until>');
    expect(usageHint({ name: 'x', description: 'd', audience: ['everyone'], handler: 'h', usage: '/x 2026-W47' })).toBe('2026-W47');
  });

  it('prints it from the command line, and refuses a URL Slack would not accept', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/slack-manifest.ts', 'https://bot.example.org'], { cwd: root });
    expect((JSON.parse(stdout) as Manifest).settings.interactivity.request_url).toBe('https://bot.example.org/slack/events');
    await expect(run(process.execPath, ['--import', 'tsx', 'scripts/slack-manifest.ts', 'http://bot.example.org'], { cwd: root })).rejects.toMatchObject({ code: 2 });
  });
});
