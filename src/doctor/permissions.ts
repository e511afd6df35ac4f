// A member's permissions in a Discord channel, computed as Discord does: the server owner and
// Administrator have everything; otherwise @everyone's and the member's roles' permissions, then
// the channel's overwrites for @everyone, for the member's roles (denies, then allows), and for the
// member. Without View Channel nothing else in the channel counts.
export const DISCORD_PERMISSIONS = {
  administrator: 1n << 3n,
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  embedLinks: 1n << 14n,
  attachFiles: 1n << 15n,
} as const;

/** What the bot needs in the coordinators' and learning channels, with the names Discord shows. */
export const NEEDED_IN_CHANNELS: { bit: bigint; name: string }[] = [
  { bit: DISCORD_PERMISSIONS.viewChannel, name: 'View Channel' },
  { bit: DISCORD_PERMISSIONS.sendMessages, name: 'Send Messages' },
  { bit: DISCORD_PERMISSIONS.embedLinks, name: 'Embed Links' },
  { bit: DISCORD_PERMISSIONS.attachFiles, name: 'Attach Files' },
];

const ALL = (1n << 64n) - 1n;

export interface GuildRole {
  id: string;
  permissions: string;
}

export interface Overwrite {
  id: string;
  /** 0: a role, 1: a member. */
  type: number;
  allow: string;
  deny: string;
}

export interface PermissionInput {
  guildId: string;
  ownerId: string;
  roles: GuildRole[];
  memberId: string;
  memberRoles: string[];
  overwrites: Overwrite[];
}

export function channelPermissions(input: PermissionInput): bigint {
  if (input.memberId === input.ownerId) return ALL;
  const roleById = new Map(input.roles.map((r) => [r.id, BigInt(r.permissions)]));
  let base = roleById.get(input.guildId) ?? 0n;
  for (const id of input.memberRoles) base |= roleById.get(id) ?? 0n;
  if (base & DISCORD_PERMISSIONS.administrator) return ALL;
  const apply = (overwrites: Overwrite[]) => {
    const deny = overwrites.reduce((bits, o) => bits | BigInt(o.deny), 0n);
    const allow = overwrites.reduce((bits, o) => bits | BigInt(o.allow), 0n);
    base = (base & ~deny) | allow;
  };
  apply(input.overwrites.filter((o) => o.type === 0 && o.id === input.guildId));
  apply(input.overwrites.filter((o) => o.type === 0 && input.memberRoles.includes(o.id)));
  apply(input.overwrites.filter((o) => o.type === 1 && o.id === input.memberId));
  return base & DISCORD_PERMISSIONS.viewChannel ? base : 0n;
}

/** The names of the needed permissions that `permissions` lacks. */
export const missingPermissions = (permissions: bigint): string[] =>
  NEEDED_IN_CHANNELS.filter((p) => !(permissions & p.bit)).map((p) => p.name);
