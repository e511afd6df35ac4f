// The terminal's demonstration cast, so every role can be tried with /as. Invented names only.
import type { Deps } from '../../core/deps.js';
import { createMember } from '../../core/identity.js';
import type { Role } from '../../core/roles.js';

const cast: { handle: string; roles: Role[] }[] = [
  { handle: 'sam', roles: ['mentor'] },
  { handle: 'rowan', roles: ['mentor', 'peer_supervisor'] },
  { handle: 'jo', roles: ['coordinator', 'admin'] },
];

export const demoHandles = cast.map((c) => c.handle) as [string, ...string[]];

export async function ensureDemoCast(deps: Deps): Promise<void> {
  for (const { handle, roles } of cast) {
    await deps.db.$transaction(async (tx) => {
      const known = await tx.memberIdentity.findUnique({ where: { platform_platformUserId: { platform: 'shell', platformUserId: handle } } });
      if (!known) await createMember(tx, deps, { platform: 'shell', platformUserId: handle, displayName: handle }, roles);
    });
  }
}
