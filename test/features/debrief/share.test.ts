import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/deps.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const user = { platform: 'slack' as const, platformUserId: 'U0NIA', displayName: 'Nia' };

describe('sharing the learning from a debrief', () => {
  it('offers the digest in one click from the saved debrief, opening the share form for it', async () => {
    const saved = await t.router.dispatch({
      kind: 'submit',
      id: 'd1',
      user,
      formId: 'debrief',
      values: { caseCode: 'MS-0310', sessionDate: '2026-11-20', sessionWent: 'well', feeling: '4', flagConcern: 'no' },
      context: {},
    });
    const button = saved.messages[0]?.buttons?.find((b) => b.label === 'Share the learning');
    expect(button).toBeDefined();
    const opened = await t.router.dispatch({
      kind: 'action',
      id: 'a1',
      user,
      actionId: button!.actionId,
      value: button!.value!,
    });
    expect(opened.form?.form.id).toBeDefined();
    expect(opened.messages.filter((m) => m.tone === 'warning')).toEqual([]);
  });
});
