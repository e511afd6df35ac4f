// The bot's permissions in a Discord channel, as Discord computes them from roles and overwrites.
import { describe, expect, it } from 'vitest';
import { channelPermissions, missingPermissions, type PermissionInput } from '../src/doctor/permissions.js';

const VIEW = 1n << 10n;
const SEND = 1n << 11n;
const EMBED = 1n << 14n;
const ATTACH = 1n << 15n;
const ALL_NEEDED = VIEW | SEND | EMBED | ATTACH;

const base: PermissionInput = {
  guildId: 'g',
  ownerId: 'owner',
  roles: [
    { id: 'g', permissions: String(VIEW | SEND) },
    { id: 'bot', permissions: String(EMBED | ATTACH) },
  ],
  memberId: 'me',
  memberRoles: ['bot'],
  overwrites: [],
};
const missing = (input: Partial<PermissionInput>) => missingPermissions(channelPermissions({ ...base, ...input }));

describe('Discord channel permissions', () => {
  it('adds @everyone and the member’s roles', () => {
    expect(missing({})).toEqual([]);
    expect(missing({ memberRoles: [] })).toEqual(['Embed Links', 'Attach Files']);
  });

  it('applies @everyone’s overwrite, then the roles’ (allow wins over a role deny), then the member’s', () => {
    const hidden = { id: 'g', type: 0, allow: '0', deny: String(VIEW) };
    expect(missing({ overwrites: [hidden] })).toEqual(['View Channel', 'Send Messages', 'Embed Links', 'Attach Files']);
    expect(missing({ overwrites: [hidden, { id: 'bot', type: 0, allow: String(VIEW), deny: '0' }] })).toEqual([]);
    expect(missing({ overwrites: [{ id: 'bot', type: 0, allow: '0', deny: String(ATTACH) }] })).toEqual([
      'Attach Files',
    ]);
    expect(
      missing({
        overwrites: [
          { id: 'bot', type: 0, allow: '0', deny: String(ATTACH) },
          { id: 'me', type: 1, allow: String(ATTACH), deny: '0' },
        ],
      }),
    ).toEqual([]);
    expect(missing({ overwrites: [{ id: 'me', type: 1, allow: '0', deny: String(SEND) }] })).toEqual(['Send Messages']);
  });

  it('gives the owner and an Administrator everything, overwrites or not', () => {
    const deny = [{ id: 'g', type: 0, allow: '0', deny: String(ALL_NEEDED) }];
    expect(missing({ ownerId: 'me', overwrites: deny, roles: [] })).toEqual([]);
    expect(
      missing({
        roles: [
          { id: 'g', permissions: '0' },
          { id: 'bot', permissions: String(1n << 3n) },
        ],
        overwrites: deny,
      }),
    ).toEqual([]);
  });
});
