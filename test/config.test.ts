import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, surfacesToRun } from '../src/config.js';

const refusal = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('configuration', () => {
  it('has working defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.NETWORK_TIMEZONE).toBe('Europe/London');
    expect(surfacesToRun(config)).toEqual(['shell']);
  });

  it.each([
    [{ PORT: 'abc' }, /^Configuration error: PORT must be a whole number from 0 to 65535 \(got "abc"\)/],
    [{ PORT: '70000' }, /PORT/],
    [{ NETWORK_TIMEZONE: 'Mars/Olympus' }, /NETWORK_TIMEZONE must be an IANA time zone/],
    [{ MEMBERSHIP: 'sometimes' }, /MEMBERSHIP must be one of open, invite/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgresql/],
    [{ MIGRATION_DATABASE_URL: 'mysql://x' }, /MIGRATION_DATABASE_URL must be a postgresql/],
    [{ MIGRATION_DATABASE_URL: 'postgresql://owner@db/mentor_support' }, /DATABASE_URL \(the runtime role\) is required with MIGRATION_DATABASE_URL/],
    [{ DATA_KEYS: 'nonsense' }, /DATA_KEYS must look like/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /SLACK_SIGNING_SECRET is required/],
    [{ DISCORD_TOKEN: 't' }, /DISCORD_APPLICATION_ID is required/],
  ])('refuses %j with one line naming the variable', (env, pattern) => {
    const message = refusal(env);
    expect(message).toMatch(pattern);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('never repeats a secret back', () => {
    expect(refusal({ DATA_KEYS: 'secret-looking-value' })).not.toContain('secret-looking-value');
  });

  it('runs every platform with credentials, and the terminal only without', () => {
    const both = loadConfig({ SLACK_BOT_TOKEN: 'x', SLACK_SIGNING_SECRET: 's', DISCORD_TOKEN: 'd', DISCORD_APPLICATION_ID: '1' });
    expect(surfacesToRun(both)).toEqual(['slack', 'discord']);
    expect(surfacesToRun(loadConfig({ SURFACES: 'shell,slack' }))).toEqual(['shell', 'slack']);
  });
});
