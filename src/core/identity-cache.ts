// One app's copies of who each platform account is (core/heard-cache.ts), so a known member's form
// opens without a database round trip. A trigger on Member and MemberIdentity sends NOTIFY on
// MEMBERS_CHANNEL whenever a name, roles, time zone, status or link changes, by any writer; this
// app's own committed handlers drop the copies at once (core/transaction.ts), before the notice.
import { HeardCache } from './heard-cache.js';
import type { Identified } from './identity.js';

export const MEMBERS_CHANNEL = 'msb_members';

export class IdentityCache extends HeardCache<Identified> {
  constructor() {
    // Ten seconds at most: a deactivated member is never recognised for longer, even if this app's
    // listening connection died without noticing; a burst of commands is still served from memory.
    super(10_000, 10_000);
  }
}
