// npm run admin -- grant|revoke <platform>:<user-id> <role>: the first admins, or a way back in.
// npm run admin -- sealed-columns: the inventory of sealed values, for auditors (no database needed).
import { randomUUID } from 'node:crypto';
import { recordEvent } from '../core/events.js';
import { platforms, roles, type Platform, type Role } from '../core/roles.js';
import { inventoryText } from '../db/sealed-columns.js';
import { openCli, runCli, UsageError } from './context.js';

const usage =
  'npm run admin -- grant|revoke <slack|discord|shell>:<user-id> <role>  |  npm run admin -- sealed-columns';

await runCli(usage, async ([change, who, role]) => {
  if (change === 'sealed-columns') return void process.stdout.write(`${inventoryText()}\n`);
  const [platform, platformUserId] = (who ?? '').split(':');
  if (!['grant', 'revoke'].includes(change ?? '')) throw new UsageError('The first word must be grant or revoke.');
  if (!platforms.includes(platform as Platform) || !platformUserId)
    throw new UsageError('The member must look like slack:U0123ABC or discord:123456789012345678.');
  if (!roles.includes(role as Role)) throw new UsageError(`The role must be one of ${roles.join(', ')}.`);
  const cli = await openCli();
  try {
    const { db, clock } = cli.deps;
    const result = await db.$transaction(async (tx) => {
      const identity = await tx.memberIdentity.findUnique({
        where: { platform_platformUserId: { platform: platform as Platform, platformUserId } },
        include: { member: true },
      });
      const memberId = identity?.memberId ?? randomUUID();
      const current = identity?.member.roles ?? [];
      const next = change === 'grant' ? [...new Set([...current, role as Role])] : current.filter((r) => r !== role);
      if (identity)
        await tx.member.update({ where: { id: memberId }, data: { roles: next, status: 'active', leftAt: null } });
      else {
        await tx.member.create({
          data: {
            id: memberId,
            displayName: platformUserId,
            roles: next,
            timeZone: cli.deps.config.NETWORK_TIMEZONE,
            identities: { create: { id: randomUUID(), platform: platform as Platform, platformUserId } },
          },
        });
      }
      await recordEvent(tx, {
        subjectKind: 'member',
        subjectId: memberId,
        kind: change === 'grant' ? 'member.role_granted' : 'member.role_revoked',
        at: clock.now(),
        data: { role: role!, via: 'cli' },
      });
      return next;
    });
    process.stdout.write(`${who} now holds: ${result.join(', ') || 'no role'}\n`);
  } finally {
    await cli.close();
  }
});
