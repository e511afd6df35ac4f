// Who may do what, decided here before any feature code runs. Commands declare their audience in
// commands/; forms and buttons name one of these preconditions.
import type { Actor } from './actor.js';
import type { Audience, Role } from './roles.js';

export const preconditions = {
  anyMember: { audience: ['everyone'] },
  mentor: { audience: ['mentor'] },
  coordinator: { audience: ['coordinator'] },
  mentorOrCoordinator: { audience: ['mentor', 'coordinator'] },
  peerSupervisor: { audience: ['peer_supervisor', 'coordinator'] },
  admin: { audience: ['admin', 'coordinator'] },
} as const satisfies Record<string, { audience: readonly Audience[] }>;

export type PreconditionName = keyof typeof preconditions;

export function admits(audience: readonly Audience[], actor: Pick<Actor, 'roles'>): boolean {
  return audience.some((a) => a === 'everyone' || actor.roles.includes(a as Role));
}

const roleWords: Record<Role, string> = {
  mentor: 'mentors',
  peer_supervisor: 'peer supervisors',
  coordinator: 'coordinators',
  board: 'board members',
  evaluator: 'evaluators',
  admin: 'admins',
};

export function refusal(what: string, audience: readonly Audience[]): string {
  const who = audience.filter((a): a is Role => a !== 'everyone').map((a) => roleWords[a]);
  return `Sorry, ${what} is for ${who.join(' and ') || 'members'} only. If you think you should have access, please ask a coordinator.`;
}
