// Socket Mode: with SLACK_APP_TOKEN the bot asks the fake's apps.connections.open for a WebSocket,
// receives envelopes on it and acknowledges them there, with the same handling as over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { type fillModal, newTriggerId, slashCommandBody, viewSubmissionPayload } from '../../helpers/slack-requests.js';

let fake: FakeSlack;
let app: TestApp;

beforeAll(async () => {
  fake = await startFakeSlack();
  app = await startTestApp({
    SURFACES: 'slack',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_APP_TOKEN: 'xapp-test',
    SLACK_API_URL: fake.url,
  });
  await fake.socket.waitForConnection();
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

describe('Slack Socket Mode', () => {
  it('connects with the app-level token through apps.connections.open and reports itself connected', async () => {
    const [open] = fake.callsTo('apps.connections.open');
    expect(open!.headers.authorization).toBe('Bearer xapp-test');
    expect(app.surfaces.find((s) => s.platform === 'slack')!.connected()).toBe(true);
  });

  it('acknowledges a /debrief envelope, opens the modal, and saves one debrief from its submission', async () => {
    const triggerId = newTriggerId();
    const command = Object.fromEntries(
      new URLSearchParams(
        slashCommandBody({ command: '/debrief', userId: 'U0SOCK', triggerId, responseUrl: fake.responseUrl() }),
      ),
    );
    expect(await fake.socket.send('slash_commands', command)).toEqual({});
    const [open] = await fake.waitFor('views.open');
    expect(open!.body.trigger_id).toBe(triggerId);
    const view = open!.body.view as Parameters<typeof fillModal>[0];
    const submission = viewSubmissionPayload({
      userId: 'U0SOCK',
      viewId: 'V0SOCKET',
      view,
      answers: {
        caseCode: 'SM-0001',
        sessionDate: '2026-11-21',
        sessionWent: 'mixed',
        feeling: '3',
        flagConcern: 'no',
      },
    });
    const ack = await fake.socket.send('interactive', submission);
    expect(ack).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(await fake.socket.send('interactive', submission))).toContain('Already received');
    expect(await app.deps.db.debrief.count({ where: { caseCode: 'SM-0001' } })).toBe(1);
  });
});
