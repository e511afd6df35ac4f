// Every command the bot or its documentation shows a person (usage hints in commands/, commands in
// message templates, commands in README.md) must parse against the catalogue, and each option it
// names (`name:value` or `name=value`) must be filled with that value, so nothing printed is refused
// when typed as printed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../commands/index.js';
import { resolveCommand } from '../../src/core/catalogue.js';
import { FAMILY, familyNames, parseCommandLine } from '../../src/core/command-line.js';
import type { Role } from '../../src/core/roles.js';
import { DEFAULT_SETUP, slackCommandNames } from '../../src/surfaces/slack/slash-commands.js';
import { createTestContext, type TestContext } from '../helpers/deps.js';

const root = path.resolve(import.meta.dirname, '../..');
const names = catalogue.map((c) => c.name).sort((a, b) => b.length - a.length);
/** `/msn case list` as printed for Slack, read as `/case list`. */
const family = new RegExp(`^/${FAMILY}\\s+`);
const mention = new RegExp(`(?<![\\w/.-])/(?:${names.join('|')})(?![\\w-])(?: +(?:[\\w@<>\\[\\]{}$|:=.'"“”-]+))*`, 'g');

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'generated' ? [] : files(full, ext);
    return full.endsWith(ext) ? [full] : [];
  });
}

/** The command itself out of a sentence: its words up to the first that is prose, not part of it. */
function commandPart(example: string): string {
  const [head, ...words] = [...example.replace(/\s*\|\s*/g, '|').matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0]);
  const command = catalogue.find((c) => c.name === head!.slice(1))!;
  const subs = command.subcommands?.map((s) => s.name) ?? [];
  const choices = (command.subcommands ?? [command]).flatMap((s) =>
    (s.options ?? []).flatMap((o) => o.choices?.map((c) => c.value) ?? []),
  );
  const kept: string[] = [head!];
  for (const [i, raw] of words.entries()) {
    const word = /"$/.test(raw) && /[:=]"/.test(raw) ? raw : raw.replace(/[.,;:)'"]+$/, '');
    const partOf =
      (i === 0 && word.split('|').every((w) => subs.includes(w))) ||
      /^([A-Za-z][\w-]*[:=](\S+|"[^"]*")|@\S+|[A-Za-z]{1,6}-\d+|\d[\d:-]*|\d{4}-W\d\d|\$\{[^}]*\}\S*|<[^>]*>|\[[^\]]*\])$/.test(
        word,
      ) ||
      choices.includes(word);
    if (!partOf) break;
    kept.push(word);
    if (word !== raw) break;
  }
  return kept.join(' ');
}

/** A printed example made typeable: placeholders dropped, alternatives reduced to the first. */
function typeable(example: string): string {
  return commandPart(example.replace(family, '/'))
    .replace(/\$\{[^}]*\}/g, 'MS-0042')
    .replace(/<[^>\s]*>/g, '')
    .replace(/[[\]]/g, '')
    .split(/\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((word) => (word.includes('"') ? word : word.split('|')[0]!))
    .filter((word) => word && word !== '...')
    .join(' ')
    .replace(/[.,;:)]+$/, '');
}

const examples: { where: string; text: string }[] = [];
for (const command of catalogue) {
  for (const usage of (command.usage ?? '').split('·'))
    if (usage.trim().startsWith('/')) examples.push({ where: `commands/${command.name}.ts usage`, text: usage.trim() });
}
for (const file of [...files(path.join(root, 'src'), '.ts'), ...files(path.join(root, 'commands'), '.ts')]) {
  for (const match of readFileSync(file, 'utf8').matchAll(mention))
    examples.push({ where: path.relative(root, file), text: match[0] });
}
for (const match of readFileSync(path.join(root, 'README.md'), 'utf8').matchAll(/`(\/[^`]+)`/g)) {
  if (names.includes(match[1]!.replace(family, '/').slice(1).split(/[\s|]/)[0]!))
    examples.push({ where: 'README.md', text: match[1]! });
}

describe('commands as printed', () => {
  it('finds the examples it checks', () => {
    expect(examples.length).toBeGreaterThan(100);
    expect(examples.map((e) => e.text)).toContain('/escalation show number:12');
  });

  it.each(examples.map((e) => [e.where, e.text] as const))('%s: %s', (_where, text) => {
    const line = typeable(text);
    const parsed = parseCommandLine(catalogue, line);
    expect(parsed, line).not.toHaveProperty('error');
    if ('error' in parsed) return;
    const resolved = resolveCommand(catalogue, parsed.command, parsed.subcommand);
    expect(resolved, line).not.toHaveProperty('error');
    for (const named of line.matchAll(/(?<=\s)([A-Za-z][\w-]*)[:=]("[^"]*"|\S+)/g)) {
      expect(parsed.options[named[1]!.toLowerCase()], `${line}: ${named[1]}`).toBe(named[2]!.replace(/"/g, ''));
    }
  });
});

describe('commands as printed on Slack', () => {
  const slack = slackCommandNames(catalogue, DEFAULT_SETUP);
  it.each(examples.map((e) => [e.where, e.text] as const))('%s: %s', (_where, text) => {
    const line = typeable(text);
    // As a Slack reader sees it (`/msn case list`, or a shortcut as it is), typed into Slack.
    const shown = slack.text(line);
    expect(parseCommandLine(catalogue, shown, familyNames(DEFAULT_SETUP)), shown).toEqual(
      parseCommandLine(catalogue, line),
    );
    expect(parseCommandLine(catalogue, `/${FAMILY} ${line.slice(1)}`)).toEqual(parseCommandLine(catalogue, line));
  });
});

describe('commands typed as the e-mails, hints and README print them', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const as = async (handle: string, roles: Role[], line: string) => {
    const user = { platform: 'shell' as const, platformUserId: handle, displayName: handle };
    await t.router.dispatch({ kind: 'command', id: `join-${handle}-${line}`, user, command: 'help', options: {} });
    await t.deps.db.member.updateMany({ where: { identities: { some: { platformUserId: handle } } }, data: { roles } });
    const parsed = parseCommandLine(catalogue, line);
    if ('error' in parsed) throw new Error(parsed.error);
    const outcome = await t.router.dispatch({ kind: 'command', id: `typed-${line}`, user, ...parsed });
    return outcome.messages.map((m) => m.text).join('\n');
  };

  it('answers each about what it names, never about its format', async () => {
    await as('sam', ['mentor'], '/help');
    expect(await as('jo', ['coordinator'], '/escalation ack code:ABCD-2345')).toContain(
      'That code did not match an escalation',
    );
    expect(await as('jo', ['coordinator'], '/escalation show number:12')).toContain('There is no escalation #12');
    expect(await as('jo', ['coordinator'], '/duty rota change:add day:mon from:09:00 to:17:00 member:sam')).toContain(
      'sam is not a coordinator',
    );
    expect(await as('jo', ['coordinator'], '/duty rota change:add day:mon from:09:00 to:17:00 member:jo')).not.toMatch(
      /should be|did not understand/,
    );
    expect(await t.deps.db.rotaPattern.count()).toBe(1);
  });
});
