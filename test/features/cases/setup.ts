// Shared set-up for the cases, sessions and debrief tests: members with roles, a case with a team.
import type { PlatformUser } from '../../../src/core/actor.js';
import type { Role } from '../../../src/core/roles.js';
import type { Outcome } from '../../../src/core/router.js';
import type { RawValue } from '../../../src/core/form.js';
import type { TestContext } from '../../helpers/deps.js';

let seq = 0;
export const slack = (id: string, displayName = id): PlatformUser => ({
  platform: 'slack',
  platformUserId: id,
  displayName,
});
export const text = (outcome: Outcome) => outcome.messages.map((m) => m.text).join('\n');

export function driver(t: TestContext) {
  const run = (
    user: PlatformUser,
    command: string,
    subcommand?: string,
    options: Record<string, string | number> = {},
  ) => t.router.dispatch({ kind: 'command', id: `c${++seq}`, user, command, subcommand, options });
  const submit = (
    user: PlatformUser,
    formId: string,
    values: Record<string, RawValue>,
    context: Record<string, string> = {},
  ) => t.router.dispatch({ kind: 'submit', id: `s${++seq}`, user, formId, values, context });
  const click = (user: PlatformUser, actionId: string, value = '') =>
    t.router.dispatch({ kind: 'action', id: `a${++seq}`, user, actionId, value });
  const memberOf = (user: PlatformUser) =>
    t.deps.db.member.findFirstOrThrow({
      where: { identities: { some: { platform: user.platform, platformUserId: user.platformUserId } } },
    });
  async function join(user: PlatformUser, roles: Role[] = ['mentor']) {
    await run(user, 'help');
    const member = await memberOf(user);
    await t.deps.db.member.update({ where: { id: member.id }, data: { roles } });
    return member.id;
  }
  async function openCase(
    coordinator: PlatformUser,
    values: Record<string, RawValue> = {
      programme: 'extremism',
      riskLevel: 'medium',
      riskFactors: ['isolation', 'online_influence'],
    },
  ) {
    const opened = await submit(coordinator, 'case.open', values);
    const code = /Case ([A-Z]+-\d+) is open/.exec(text(opened))?.[1];
    if (!code) throw new Error(`no case opened: ${text(opened)}`);
    return code;
  }
  /** A coordinator, then mentors, joined in that order; their member ids in the same order. */
  async function joinTeam<M extends PlatformUser[]>(
    coordinator: PlatformUser,
    ...mentors: M
  ): Promise<[string, ...{ [K in keyof M]: string }]> {
    const ids = [await join(coordinator, ['coordinator'])];
    for (const mentor of mentors) ids.push(await join(mentor));
    return ids as [string, ...{ [K in keyof M]: string }];
  }
  /** Opens a case as `coordinator` and assigns it to the member called `mentor`; returns its code. */
  async function openAssigned(coordinator: PlatformUser, mentor: string) {
    const code = await openCase(coordinator);
    await run(coordinator, 'case', 'assign', { case: code, member: mentor });
    return code;
  }
  return { run, submit, click, memberOf, join, joinTeam, openCase, openAssigned };
}
