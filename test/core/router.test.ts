import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/deps.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const sam = { platform: 'shell' as const, platformUserId: 'sam-r', displayName: 'Sam' };

describe('router', () => {
  it('shows /help with /debrief to a mentor', async () => {
    const outcome = await t.router.dispatch({ kind: 'command', id: 'c1', user: sam, command: 'help', options: {} });
    expect(outcome.messages[0]?.fields?.map((f) => f.label)).toContain('/debrief');
  });
});
