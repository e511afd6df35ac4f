// Holds the code to the committed visibility matrix in README.md ("Who sees what"). The expected
// answers come from that table, never from the declarations the code itself uses.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../commands/index.js';
import { roles, type Role } from '../../src/core/roles.js';
import { createTestContext, type TestContext } from '../helpers/deps.js';

const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');

function table(heading: string): string[][] {
  const start = readme.indexOf(`### ${heading}`);
  const lines = readme
    .slice(start)
    .split('\n')
    .filter((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(0, lines.findIndex((l, i) => i > 1 && !l.startsWith('|')) >>> 0))
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  return rows.filter((r) => !r.every((c) => /^-+$/.test(c)));
}

const [header, ...commandRows] = table('Commands');
const roleColumns = header!.slice(1) as Role[];
const declared = catalogue.flatMap((c) =>
  c.subcommands ? c.subcommands.map((s) => `/${c.name} ${s.name}`) : [`/${c.name}`],
);

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

async function memberWith(role: Role) {
  const user = { platform: 'slack' as const, platformUserId: `U-${role.toUpperCase()}`, displayName: `Test ${role}` };
  await t.router.dispatch({ kind: 'command', id: `join-${role}`, user, command: 'help', options: {} });
  const member = await t.deps.db.member.findFirstOrThrow({
    where: { identities: { some: { platformUserId: user.platformUserId } } },
  });
  await t.deps.db.member.update({ where: { id: member.id }, data: { roles: [role] } });
  return { user, memberId: member.id };
}

describe('the committed visibility matrix', () => {
  it('names every role as a column', () => {
    expect([...roleColumns].sort()).toEqual([...roles].sort());
  });

  it('has a row for every command the catalogue declares', () => {
    const rows = new Set(commandRows.map((r) => r[0]));
    expect(declared.filter((d) => !rows.has(d) && !rows.has(d.split(' ')[0]!))).toEqual([]);
  });

  const implemented = commandRows.filter(
    ([command]) =>
      declared.includes(command!) || declared.includes(`${command} show`) || declared.some((d) => d === command),
  );
  it.each(implemented.flatMap((row) => roleColumns.map((role, i) => [row[0]!, role, row[i + 1]!] as const)))(
    '%s for %s: %s',
    async (command, role, cell) => {
      const { user, memberId } = await memberWith(role);
      const [name, sub] = command.slice(1).split(' ');
      // Refused for the role, that is: a command the role may run can still refuse (no session under way).
      const roleRefusals = () =>
        t.deps.db.event.count({
          where: { actorId: memberId, kind: 'access.refused', data: { path: ['reason'], equals: 'role' } },
        });
      const before = await roleRefusals();
      const outcome = await t.router.dispatch({
        kind: 'command',
        id: `${command}-${role}`,
        user,
        command: name!,
        subcommand: sub,
        options: {},
      });
      const refused = (await roleRefusals()) > before;
      expect(refused, `${command} for ${role}: ${outcome.messages[0]?.text ?? 'form'}`).toBe(cell === '—');
    },
  );
});
