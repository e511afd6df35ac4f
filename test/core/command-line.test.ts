import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../commands/index.js';
import { parseCommandLine } from '../../src/core/command-line.js';

describe('command lines', () => {
  it('selects the subcommand and fills options by position or by name', () => {
    expect(parseCommandLine(catalogue, '/network role @kim coordinator change=revoke')).toEqual({ command: 'network', subcommand: 'role', options: { member: '@kim', role: 'coordinator', change: 'revoke' } });
  });

  it('gives the rest of the line to the last option, and keeps quoted words together', () => {
    expect(parseCommandLine(catalogue, '/network add <@U0SAM> Sam Smith')).toMatchObject({ options: { user: '<@U0SAM>', name: 'Sam Smith' } });
    expect(parseCommandLine(catalogue, '/network add user=<@U0SAM> name="Sam Smith" role=mentor')).toMatchObject({ options: { user: '<@U0SAM>', name: 'Sam Smith', role: 'mentor' } });
    expect(parseCommandLine(catalogue, '/profile supporter “Jo Bloggs”')).toMatchObject({ options: { member: 'Jo Bloggs' } });
  });

  it('refuses words a command without options cannot take', () => {
    expect(parseCommandLine(catalogue, '/help me please')).toEqual({ error: 'I did not understand "me please". Type /help to see how to use /help.' });
  });

  it('never throws on any line', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      parseCommandLine(catalogue, `/${text}`);
    }), { numRuns: 200 });
  });
});
