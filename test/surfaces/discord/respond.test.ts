// Answering within Discord's window, against the fake REST API: slow work is deferred first and
// its answer edited in; a modal that can no longer be shown becomes a button that opens it.
import pino from 'pino';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notices } from '../../../src/surfaces/discord/notices.js';
import { renderMessage } from '../../../src/surfaces/discord/render.js';
import { respond, type Answer } from '../../../src/surfaces/discord/respond.js';
import { buttonClick, discordUser } from '../../helpers/discord-payloads.js';
import { startFakeDiscord, type FakeDiscord } from '../../helpers/fake-discord.js';

let fake: FakeDiscord;
let rest: REST;
const log = pino({ level: 'silent' });
const user = discordUser('uma');
const modal: Answer = {
  modal: { custom_id: 'f:0b5a3c1e-8f3e-4c1a-9a51-2f6f2d9e7c10:0', title: 'Check-in', components: [] },
  insteadOfModal: renderMessage({ text: 'Your check-in is ready.' }, [
    { customId: 's:0b5a3c1e-8f3e-4c1a-9a51-2f6f2d9e7c10:0', label: 'Open Check-in' },
  ]),
};

beforeAll(async () => {
  fake = await startFakeDiscord();
  rest = new REST({ api: fake.url, retries: 0 }).setToken(fake.token);
});

afterAll(() => fake?.close());

function interaction() {
  const payload = buttonClick(user, { applicationId: fake.applicationId }, 'a:checkin.open:');
  fake.accept(payload);
  return { payload, ref: { id: payload.id, token: payload.token, applicationId: fake.applicationId } };
}

/** Work that waits until the test lets it finish. */
function gated(answer: Answer) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const work = async () => {
    await gate;
    return answer;
  };
  return { release, work };
}

describe('answering an interaction', () => {
  it('shows a modal as the first response when the work is done in time', async () => {
    const { payload, ref } = interaction();
    await respond(rest, ref, log, notices.somethingWrong, async () => modal);
    expect(await fake.shown(payload.id, payload.token)).toEqual({ kind: 'modal', modal: modal.modal });
  });

  it('defers ephemerally when the work is slow, then edits in a button instead of the modal', async () => {
    const { payload, ref } = interaction();
    const { release, work } = gated(modal);
    const answering = respond(rest, ref, log, notices.somethingWrong, work, 1);
    await fake.waitFor(() => fake.callbacks.get(payload.id)?.[0], 'the deferral');
    expect(fake.callbacks.get(payload.id)![0]).toEqual({ type: 5, data: { flags: 64 } });
    release();
    await answering;
    const shown = await fake.shown(payload.id, payload.token);
    expect(shown).toMatchObject({ kind: 'message', deferred: true, message: { content: 'Your check-in is ready.' } });
    expect(fake.callbacks.get(payload.id)).toHaveLength(1);
  });

  it('defers first when the work asks to, and sends further messages as ephemeral follow-ups', async () => {
    const { payload, ref } = interaction();
    await respond(rest, ref, log, notices.somethingWrong, async (responder) => {
      await responder.defer();
      return {
        messages: [
          renderMessage({ text: 'Saved.' }),
          renderMessage({ text: 'A peer supervisor is there to talk it through.' }),
        ],
      };
    });
    expect(await fake.shown(payload.id, payload.token)).toMatchObject({
      kind: 'message',
      deferred: true,
      message: { content: 'Saved.' },
    });
    expect(fake.followUps(payload.token)).toMatchObject([
      { content: 'A peer supervisor is there to talk it through.', flags: 64 },
    ]);
  });

  it('says something went wrong when the work fails, and nothing else', async () => {
    const { payload, ref } = interaction();
    await respond(rest, ref, log, notices.somethingWrong, async () => {
      throw new Error('database unavailable');
    });
    const shown = await fake.shown(payload.id, payload.token);
    expect(shown).toMatchObject({
      kind: 'message',
      message: { content: expect.stringContaining('something went wrong'), flags: 64 },
    });
  });
});
