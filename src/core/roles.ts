// The network's roles and platforms, and who a declaration admits.
export const roles = ['mentor', 'peer_supervisor', 'coordinator', 'board', 'evaluator', 'admin'] as const;
export type Role = (typeof roles)[number];

export const platforms = ['slack', 'discord', 'shell'] as const;
export type Platform = (typeof platforms)[number];

/** Who a declaration admits: any active member, or holders of one of the listed roles. */
export type Audience = 'everyone' | Role;
