import { describe, expect, it } from 'vitest';
import { ConfigError, httpPort, loadConfig, surfacesToRun } from '../src/config.js';

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
    expect(httpPort(config)).toBe(0);
    expect(httpPort(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }))).toBe(3000);
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
    [
      { MIGRATION_DATABASE_URL: 'postgresql://owner@db/mentor_support' },
      /DATABASE_URL \(the runtime role\) is required with MIGRATION_DATABASE_URL/,
    ],
    [{ DATA_KEYS: 'nonsense' }, /DATA_KEYS must look like/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /SLACK_SIGNING_SECRET is required/],
    [{ DISCORD_TOKEN: 't' }, /DISCORD_APPLICATION_ID is required/],
  ])('refuses %j with one line naming the variable', (env, pattern) => {
    const message = refusal(env);
    expect(message).toMatch(pattern);
    expect(message.split('\n')).toHaveLength(1);
  });

  it.each([
    [
      { ALERT_WEBHOOK_URL: 'http://sms.example.org/hook', ALERT_WEBHOOK_SECRET: 'x'.repeat(32) },
      /ALERT_WEBHOOK_URL must be https:\/\/ \(http:\/\/ only to localhost or 127\.0\.0\.1\)/,
    ],
    [{ ALERT_WEBHOOK_URL: 'ftp://sms.example.org/hook' }, /ALERT_WEBHOOK_URL must be an https:\/\/ URL/],
    [{ ALERT_WEBHOOK_URL: 'https://sms.example.org/hook' }, /ALERT_WEBHOOK_SECRET is required with ALERT_WEBHOOK_URL/],
    [
      { ALERT_WEBHOOK_URL: 'https://sms.example.org/hook', ALERT_WEBHOOK_SECRET: 'short' },
      /ALERT_WEBHOOK_SECRET must be at least 24/,
    ],
    [
      { ALERT_SMTP_URL: 'smtp://relay.example.org:25?tls=none' },
      /ALERT_SMTP_URL would send in clear text to relay\.example\.org/,
    ],
    [{ ALERT_SMTP_URL: 'smtp://relay.example.org?tls=optional' }, /would send in clear text/],
    [{ ALERT_SMTP_URL: 'smtps://relay.example.org?tls=none' }, /smtps:\/\/ is always TLS/],
    [{ ALERT_SMTP_URL: 'smtp://relay.example.org?starttls=no' }, /unknown option starttls/],
    [{ ALERT_SMTP_URL: 'smtp://relay.example.org?tls=maybe' }, /tls= must be required, optional or none/],
    [{ ALERT_SMTP_URL: 'mailto:duty@example.org' }, /ALERT_SMTP_URL must look like smtps:\/\//],
    [{ ALERT_TLS_CA_FILE: '/nonexistent/ca.pem' }, /ALERT_TLS_CA_FILE must name a PEM file that exists/],
  ])('refuses an out-of-chat route that could leak: %j', (env, pattern) => {
    expect(refusal(env)).toMatch(pattern);
  });

  it('accepts TLS routes, and clear text only to this host or when explicitly allowed; never repeats a URL password', () => {
    const secret = { ALERT_WEBHOOK_SECRET: 'x'.repeat(32) };
    for (const url of ['https://sms.example.org/hook', 'http://127.0.0.1:9000/sms', 'http://localhost:9000/sms'])
      expect(loadConfig({ ALERT_WEBHOOK_URL: url, ...secret }).ALERT_WEBHOOK_URL).toBe(url);
    for (const url of [
      'smtps://alerts:pw@mail.example.org',
      'smtp://alerts:pw@mail.example.org:587',
      'smtp://127.0.0.1:25?tls=none',
      'smtp://localhost:25?tls=optional',
      'smtp://relay.internal:25?tls=none&cleartext=allow',
    ]) {
      expect(loadConfig({ ALERT_SMTP_URL: url }).ALERT_SMTP_URL).toBe(url);
    }
    expect(refusal({ ALERT_SMTP_URL: 'smtp://alerts:hunter2-password@relay.example.org?tls=none' })).not.toContain(
      'hunter2',
    );
  });

  it('never repeats a secret back', () => {
    expect(refusal({ DATA_KEYS: 'secret-looking-value' })).not.toContain('secret-looking-value');
  });

  it('runs every platform with credentials, and the terminal only without', () => {
    const both = loadConfig({
      SLACK_BOT_TOKEN: 'x',
      SLACK_SIGNING_SECRET: 's',
      DISCORD_TOKEN: 'd',
      DISCORD_APPLICATION_ID: '1',
    });
    expect(surfacesToRun(both)).toEqual(['slack', 'discord']);
    expect(surfacesToRun(loadConfig({ SURFACES: 'shell,slack' }))).toEqual(['shell', 'slack']);
  });
});
