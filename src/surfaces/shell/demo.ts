// The terminal's demonstration cast, so every role can be tried with /as. Invented names only.
// The cast exists only in a demo: the terminal alone on the embedded database the bot created
// itself (DEMO=auto), or where DEMO=on says so. On any other database the terminal is the person at
// the keyboard, who joins like any first contact.
import { surfacesToRun, type Config } from '../../config.js';
import type { PlatformUser } from '../../core/actor.js';
import type { Deps } from '../../core/deps.js';
import { createMember } from '../../core/identity.js';
import type { Role } from '../../core/roles.js';

const cast: { handle: string; roles: Role[] }[] = [
  { handle: 'sam', roles: ['mentor'] },
  { handle: 'rowan', roles: ['mentor', 'peer_supervisor'] },
  { handle: 'jo', roles: ['coordinator', 'admin'] },
];

export const demoHandles = cast.map((c) => c.handle) as [string, ...string[]];

/** A terminal handle: 2 to 31 lower-case letters, digits, - or _, starting with a letter. */
export const handlePattern = /^[a-z][a-z0-9_-]{1,30}$/;

/** Whether this start is the terminal demo (its cast and /as). */
export function isDemo(config: Config): boolean {
  if (config.DEMO !== 'auto') return config.DEMO === 'on';
  return !config.DATABASE_URL && surfacesToRun(config).every((s) => s === 'shell');
}

// A session in the demo is short and its check-out chain quick, so `/clock +50m` after
// `/session start` shows the whole chain up to the overdue P1; a value set in the environment wins.
const demoTimings = {
  SESSION_DEFAULT_MINUTES: 20,
  SESSION_END_PROMPT_MINUTES: 5,
  SESSION_END_REMINDER_MINUTES: 10,
  SESSION_OVERDUE_MINUTES: 15,
} as const;

/** The demo's configuration: the session timings above wherever the environment leaves them unset. */
export function demoConfig(config: Config, env: NodeJS.ProcessEnv = process.env): Config {
  const unset = Object.entries(demoTimings).filter(([name]) => !env[name]);
  return { ...config, ...Object.fromEntries(unset) };
}

/** The person at the keyboard, named after the operating system user (or "you"). */
export function keyboardUser(env: NodeJS.ProcessEnv = process.env): PlatformUser {
  const name = (env.USER ?? env.LOGNAME ?? env.USERNAME ?? '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .slice(0, 31);
  const handle = handlePattern.test(name) ? name : 'you';
  return { platform: 'shell', platformUserId: handle, displayName: handle };
}

export async function ensureDemoCast(deps: Deps): Promise<void> {
  for (const { handle, roles } of cast) {
    await deps.db.$transaction(async (tx) => {
      const known = await tx.memberIdentity.findUnique({
        where: { platform_platformUserId: { platform: 'shell', platformUserId: handle } },
      });
      if (!known)
        await createMember(tx, deps, { platform: 'shell', platformUserId: handle, displayName: handle }, roles);
    });
  }
}
