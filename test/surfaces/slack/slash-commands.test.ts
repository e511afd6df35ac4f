// How commands are written for a Slack reader: `/case list` becomes `/msn case list` in the command
// family, the two shortcuts stay as they are, and quoted words, code and links are left alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../commands/index.js';
import { loadConfig } from '../../../src/config.js';
import { familyNames } from '../../../src/core/command-line.js';
import { defineForm, field } from '../../../src/core/form.js';
import { DEFAULT_SETUP, slackCommandNames, slashCommands } from '../../../src/surfaces/slack/slash-commands.js';

const family = slackCommandNames(catalogue, DEFAULT_SETUP);

describe('commands named for Slack', () => {
  it('writes catalogue commands in the family and keeps /debrief and /escalate as shortcuts', () => {
    expect(
      family.text('/case list shows the open cases; after each session, /debrief. For anything urgent, /escalate.'),
    ).toBe('/msn case list shows the open cases; after each session, /debrief. For anything urgent, /escalate.');
    expect(family.text('Your debriefs: /debriefs. (details: /escalation show 12)')).toBe(
      'Your debriefs: /msn debriefs. (details: /msn escalation show 12)',
    );
    expect(family.text('Type /help to see how to use /network.')).toBe(
      'Type /msn help to see how to use /msn network.',
    );
  });

  it('leaves links, paths, quoted words, code and unknown commands as they are', () => {
    const untouched = [
      'https://bot.example.org/case and http://x.org/help?q=/case',
      'I did not understand "/case frob". Nothing was changed.',
      'You typed `/case list` there.',
      'either/or, and/case, /cases, /case-file, /casework, /foo list',
    ];
    for (const text of untouched) expect(family.text(text)).toBe(text);
  });

  it('uses the configured name, and changes nothing with SLACK_COMMANDS=separate', () => {
    expect(
      slackCommandNames(catalogue, { SLACK_COMMAND: 'mentors', SLACK_COMMANDS: 'family' }).text('/case list'),
    ).toBe('/mentors case list');
    expect(
      slackCommandNames(catalogue, { SLACK_COMMAND: 'msn', SLACK_COMMANDS: 'separate' }).text('/case list, /help'),
    ).toBe('/case list, /help');
    expect(familyNames({ SLACK_COMMAND: 'mentors' })).toEqual(['msn', 'mentors']);
  });

  it('names commands in titles, fields, form intros, labels and hints, and keeps ids and values', () => {
    const message = family.message({
      title: 'See /case list',
      text: 'Use /duty who.',
      fields: [{ label: '/profile', value: 'edit with /profile edit' }],
      buttons: [{ actionId: 'case.list', label: 'Cases', value: '/case' }],
    });
    expect(message).toEqual({
      title: 'See /msn case list',
      text: 'Use /msn duty who.',
      fields: [{ label: '/msn profile', value: 'edit with /msn profile edit' }],
      buttons: [{ actionId: 'case.list', label: 'Cases', value: '/case' }],
    });
    const form = defineForm({
      id: 'f',
      title: 'F',
      intro: 'Or use /checkin settings.',
      precondition: 'anyMember',
      fields: { a: field.shortText({ label: 'A (/link)', hint: 'See /profile edit.' }) },
    });
    const named = family.form({ form, context: { x: '1' } });
    expect(named.form).toMatchObject({
      id: 'f',
      intro: 'Or use /msn checkin settings.',
      fields: { a: { label: 'A (/msn link)', hint: 'See /msn profile edit.' } },
    });
    expect(named.context).toEqual({ x: '1' });
  });

  it('reads SLACK_COMMAND and SLACK_COMMANDS from the environment, and refuses what Slack or the catalogue would not take', () => {
    const env = { LOG_LEVEL: 'silent', DATA_KEYS: `t:${Buffer.alloc(32, 1).toString('base64')}` };
    expect(loadConfig(env)).toMatchObject({ SLACK_COMMAND: 'msn', SLACK_COMMANDS: 'family' });
    expect(loadConfig({ ...env, SLACK_COMMAND: '/mentors', SLACK_COMMANDS: 'separate' })).toMatchObject({
      SLACK_COMMAND: 'mentors',
      SLACK_COMMANDS: 'separate',
    });
    expect(() => loadConfig({ ...env, SLACK_COMMAND: 'Mentors Network' })).toThrow(
      'SLACK_COMMAND must be a command name such as mentors',
    );
    expect(() => loadConfig({ ...env, SLACK_COMMAND: 'case' })).toThrow(
      "SLACK_COMMAND must not be the name of one of the bot's own commands",
    );
    expect(() => loadConfig({ ...env, SLACK_COMMANDS: 'one' })).toThrow(
      'SLACK_COMMANDS must be one of family, separate',
    );
  });

  it('declares the family and the shortcuts, or every command when separate', () => {
    expect(slashCommands(catalogue, DEFAULT_SETUP).map((c) => c.name)).toEqual(['msn', 'debrief', 'escalate']);
    expect(slashCommands(catalogue, { SLACK_COMMAND: 'msn', SLACK_COMMANDS: 'separate' }).map((c) => c.name)).toEqual(
      catalogue.map((c) => c.name),
    );
  });

  it('is stable for any text: naming twice is naming once, and only catalogue commands change', () => {
    const word = fc.constantFrom(
      ...catalogue.map((c) => `/${c.name}`),
      '/msn',
      'list',
      'https://x.org/case',
      '"/case"',
      '`/help`',
      'and/or',
      ' ',
      '.',
      '(',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(word, fc.string({ maxLength: 8 })), { maxLength: 20 }), (words) => {
        const text = words.join('');
        const once = family.text(text);
        expect(family.text(once)).toBe(once);
        expect(once.replace(/\/msn (?=[a-z])/g, '/')).toBe(text.replace(/\/msn (?=[a-z])/g, '/'));
      }),
      { numRuns: 100 },
    );
  });
});
