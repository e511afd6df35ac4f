import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../commands/index.js';
import { parseCommandLine } from '../../src/core/command-line.js';

describe('command lines', () => {
  it('selects the subcommand and fills options by position or by name', () => {
    expect(parseCommandLine(catalogue, '/network role @kim coordinator change=revoke')).toEqual({
      command: 'network',
      subcommand: 'role',
      options: { member: '@kim', role: 'coordinator', change: 'revoke' },
    });
  });

  it('gives the rest of the line to the last option, and keeps quoted words together', () => {
    expect(parseCommandLine(catalogue, '/network add <@U0SAM> Sam Smith')).toMatchObject({
      options: { user: '<@U0SAM>', name: 'Sam Smith' },
    });
    expect(parseCommandLine(catalogue, '/network add user=<@U0SAM> name="Sam Smith" role=mentor')).toMatchObject({
      options: { user: '<@U0SAM>', name: 'Sam Smith', role: 'mentor' },
    });
    expect(parseCommandLine(catalogue, '/profile supporter “Jo Bloggs”')).toMatchObject({
      options: { member: 'Jo Bloggs' },
    });
  });

  it('refuses words a command without options cannot take', () => {
    expect(parseCommandLine(catalogue, '/help me please')).toEqual({
      error: 'I did not understand "me please". Type /help to see how to use /help.',
    });
  });

  it('never throws on any line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        parseCommandLine(catalogue, `/${text}`);
      }),
      { numRuns: 100 },
    );
  });

  it('reads /msn <command> as the command, and /msn alone or /msn help as /help', () => {
    expect(parseCommandLine(catalogue, '/msn case list MS-0042')).toEqual(
      parseCommandLine(catalogue, '/case list MS-0042'),
    );
    expect(parseCommandLine(catalogue, '/msn')).toEqual({ command: 'help', options: {} });
    expect(parseCommandLine(catalogue, '/msn help')).toEqual({ command: 'help', options: {} });
    expect(parseCommandLine(catalogue, '/mentors debrief', ['msn', 'mentors'])).toEqual({
      command: 'debrief',
      options: {},
    });
    expect(parseCommandLine(catalogue, '/mentors debrief')).toEqual({ command: 'mentors', options: {} });
  });

  it('answers a family line naming no command with the commands there are', () => {
    const parsed = parseCommandLine(catalogue, '/msn casse list');
    expect(parsed).toEqual({
      error: `/msn has no command "casse". The commands are: ${catalogue.map((c) => c.name).join(', ')}. Type /msn help to see what each does.`,
    });
  });

  it('parses any line after /msn exactly as the same line without it', () => {
    const names = catalogue.map((c) => c.name);
    const words = fc.array(
      fc.oneof(
        fc.constantFrom('list', 'show', 'MS-0042', 'case:MS-7', 'number=12', '"two words"', '@kim', '09:00'),
        fc.string({ maxLength: 12 }),
      ),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...names), words, fc.constantFrom('msn', 'mentors'), (command, rest, family) => {
        const line = [command, ...rest].join(' ');
        expect(parseCommandLine(catalogue, `/${family} ${line}`, ['msn', family])).toEqual(
          parseCommandLine(catalogue, `/${line}`),
        );
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (text) => {
        const parsed = parseCommandLine(catalogue, `/msn ${text}`);
        if (!('error' in parsed)) expect(names).toContain(parsed.command);
      }),
      { numRuns: 100 },
    );
  });
});
