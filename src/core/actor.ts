// Who is asking: a platform account as a surface sees it, and the network member behind it.
import type { Platform, Role } from './roles.js';

/** A platform account as a surface sees it, before it is matched to a network member. */
export interface PlatformUser {
  platform: Platform;
  platformUserId: string;
  displayName: string;
  /** IANA zone when the platform knows it (Slack does, Discord does not). */
  timeZone?: string;
  /** Slack restricted or single-channel guests: never admitted. */
  guest?: boolean;
}

/** The network member behind an interaction, as the router resolved it. */
export interface Actor {
  memberId: string;
  displayName: string;
  roles: Role[];
  timeZone: string;
  platform: Platform;
  platformUserId: string;
}
