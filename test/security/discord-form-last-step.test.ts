// Issue 16, "a Discord multi-step form keeps its answers when the database fails during the last
// step": the real discord.js client against the fake Discord, the bot's database behind a TCP proxy
// that the test cuts. Before the fix, losing the database while the last step was being recorded
// left the draft marked as sent-in but unrecorded: the member got "nothing was saved" with no way
// back, and every button said the form was already sent; their answers were stranded.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Inbound } from '../../src/core/interaction.js';
import { createDb, type Db } from '../../src/db/client.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { buttonsOf, inputsOf, messageOf, modalOf } from '../helpers/discord-bot.js';
import {
  buttonClick,
  discordUser,
  modalSubmission,
  slashCommand,
  type TestUser,
  type Where,
} from '../helpers/discord-payloads.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

let database: TestDatabase;
let direct: Db;
let proxy: TcpProxy;
let fake: FakeDiscord;
let app: TestApp;
let where: Where;

beforeAll(async () => {
  database = await createTestDatabase();
  direct = createDb(database.url);
  const target = new URL(database.url);
  proxy = await startTcpProxy(target.hostname, Number(target.port));
  fake = await startFakeDiscord();
  where = { applicationId: fake.applicationId };
  app = await startTestApp(
    {
      SURFACES: 'discord',
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.url,
      DATABASE_URL: proxy.via(database.url),
    },
    { database },
  );
});
afterAll(async () => {
  await proxy?.restore();
  await app?.close();
  await fake?.close();
  await proxy?.close();
  await direct?.$disconnect();
  await database?.drop();
});

const NOTES = 'We talked about the college course and his brother.';
const answers = (caseCode: string): Record<string, string> => ({
  caseCode,
  sessionDate: '2026-11-20',
  sessionWent: 'difficult',
  engagement: 'passive',
  feeling: '2',
  flagConcern: 'no',
  notes: NOTES,
});
/** A step's answers: what `all` has for the fields the modal shows. */
const fill = (modal: any, all: Record<string, string>) =>
  Object.fromEntries(Object.keys(inputsOf(modal)).flatMap((id) => (all[id] === undefined ? [] : [[id, all[id]!]])));

const debriefs = (caseCode: string) => direct.debrief.findMany({ where: { caseCode } });

/** Runs /debrief and every step but the last; returns the last step's modal, not yet sent. */
async function toLastStep(user: TestUser, all: Record<string, string>): Promise<any> {
  let modal = modalOf(await fake.interact(slashCommand(user, where, 'debrief')));
  for (;;) {
    const [, step, steps] = /\((\d+) of (\d+)\)$/.exec(modal.title)!;
    if (step === steps) return modal;
    const kept = messageOf(await fake.interact(modalSubmission(user, where, modal, fill(modal, all))));
    expect(kept.content).toContain(`step ${step} of ${steps} kept`);
    modal = modalOf(await fake.interact(buttonClick(user, where, buttonsOf(kept)[0]!.custom_id)));
  }
}

/** Everything the bot showed for one interaction: its answer and the follow-ups that came with it. */
async function everything(payload: { id: string; token: string }, followUps: number): Promise<any[]> {
  const first = messageOf(await fake.interact(payload));
  const more = await fake.waitFor(
    () => fake.followUps(payload.token).length >= followUps && fake.followUps(payload.token),
    `${followUps} follow-up(s)`,
  );
  return [first, ...more];
}

const click = (user: TestUser, customId: string) => fake.interact(buttonClick(user, where, customId));

/** Cuts the database connection just as this draft's whole form goes to the router to be recorded. */
function cutWhenRecorded(draftId: string): void {
  const dispatch = app.router.dispatch.bind(app.router);
  app.router.dispatch = async (input: Inbound) => {
    if (input.kind === 'submit' && input.draftId === draftId) {
      app.router.dispatch = dispatch;
      await proxy.cut();
    }
    return dispatch(input);
  };
}

afterEach(async () => {
  delete (app.router as { dispatch?: unknown }).dispatch; // back to the class's own
  await proxy.restore();
});

describe('the database lost during the last step of a Discord form', () => {
  it('keeps the answers while the form is recorded, offers to send them again, and records them exactly once', async () => {
    const mentor = discordUser('robin');
    const last = await toLastStep(mentor, answers('MS-0771'));
    const steps = Number(/of (\d+)\)$/.exec(last.title)![1]);
    const draftId = last.custom_id.split(':')[1] as string;

    // The connection drops just as the whole form goes to be recorded (after the deferral).
    cutWhenRecorded(draftId);
    const shown = await everything(modalSubmission(mentor, where, last, fill(last, answers('MS-0771'))), 1);
    const text = shown.map((m) => m.content).join('\n');
    expect(text).toContain('nothing was saved');
    expect(text).toContain('Your answers are kept');
    const buttons = shown.flatMap(buttonsOf);
    const sendAgain = buttons.find((b) => b.label === 'Send again')!;
    expect(sendAgain.custom_id).toBe(`s:${draftId}:${steps}`);
    expect(buttons.map((b) => b.label)).toContain(`Review and send (1 of ${steps})`);
    expect(await debriefs('MS-0771')).toEqual([]);
    // The draft is whole: every step in, nothing recorded.
    expect(await direct.formDraft.findUnique({ where: { id: draftId }, select: { step: true } })).toEqual({
      step: steps,
    });

    await proxy.restore();
    const saved = messageOf(await click(mentor, sendAgain.custom_id));
    expect(saved.content).toContain('Your debrief for MS-0771 on 2026-11-20 is saved');
    const rows = await debriefs('MS-0771');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ sessionWent: 'difficult', engagement: 'passive', feeling: 2, flagConcern: false });
    expect(rows[0]!.notesEnc).not.toBeNull();
    expect(await direct.formDraft.count({ where: { id: draftId } })).toBe(0);

    // Clicked again (or on another replica): nothing more.
    expect(messageOf(await click(mentor, sendAgain.custom_id)).content).toContain('already sent, or it expired');
    expect(messageOf(await click(mentor, `s:${draftId}:0`)).content).toContain('already sent, or it expired');
    expect(await debriefs('MS-0771')).toHaveLength(1);
  });

  it('lets the member review the kept answers before sending them again', async () => {
    const mentor = discordUser('sasha');
    const last = await toLastStep(mentor, answers('MS-0772'));
    const draftId = last.custom_id.split(':')[1] as string;
    cutWhenRecorded(draftId);
    const shown = await everything(modalSubmission(mentor, where, last, fill(last, answers('MS-0772'))), 1);
    await proxy.restore();
    const review = shown.flatMap(buttonsOf).find((b) => b.label.startsWith('Review and send'))!;
    const first = modalOf(await click(mentor, review.custom_id));
    expect(inputsOf(first).caseCode.value).toBe('MS-0772');
    // Through the steps again, each showing what was kept, up to the last one with its notes.
    let modal = first;
    for (;;) {
      const [, step, steps] = /\((\d+) of (\d+)\)$/.exec(modal.title)!;
      if (step === steps) break;
      const kept = messageOf(
        await fake.interact(modalSubmission(mentor, where, modal, fill(modal, answers('MS-0772')))),
      );
      modal = modalOf(await click(mentor, buttonsOf(kept)[0]!.custom_id));
    }
    expect(inputsOf(modal).notes.value).toBe(NOTES);
    expect(
      messageOf(await fake.interact(modalSubmission(mentor, where, modal, fill(modal, answers('MS-0772'))))).content,
    ).toContain('is saved');
    expect(await debriefs('MS-0772')).toHaveLength(1);
  });

  it('says so, keeps the earlier steps and opens the step again when the database is gone as the last step arrives', async () => {
    const mentor = discordUser('tamsin');
    const last = await toLastStep(mentor, answers('MS-0773'));
    const draftId = last.custom_id.split(':')[1] as string;
    await proxy.cut();
    const refused = messageOf(
      await fake.interact(modalSubmission(mentor, where, last, fill(last, answers('MS-0773')))),
    );
    expect(refused.content).toContain('this step could not be kept just now; nothing was recorded');
    const [again] = buttonsOf(refused);
    expect(again).toMatchObject({ label: 'Try again', custom_id: last.custom_id.replace(/^f:/, 's:') });
    // Still down: the button says the same, and nothing is lost.
    const stillDown = messageOf(await click(mentor, again!.custom_id));
    expect(stillDown.content).toContain('nothing was done; the answers you gave are kept');
    expect(buttonsOf(stillDown)[0]).toMatchObject({ label: 'Try again', custom_id: again!.custom_id });
    await proxy.restore();
    const reopened = modalOf(await click(mentor, again!.custom_id));
    expect(reopened.custom_id).toBe(last.custom_id);
    expect(await direct.formDraft.count({ where: { id: draftId } })).toBe(1);
    expect(
      messageOf(await fake.interact(modalSubmission(mentor, where, reopened, fill(reopened, answers('MS-0773')))))
        .content,
    ).toContain('is saved');
    expect(await debriefs('MS-0773')).toHaveLength(1);
  });
});

describe('the database lost as the first step of a Discord form arrives', () => {
  it('says so, and its button opens the first step again as the form opened', async () => {
    const mentor = discordUser('ula');
    const first = modalOf(await fake.interact(slashCommand(mentor, where, 'debrief')));
    const [, id, formId] = first.custom_id.split(':');
    await proxy.cut();
    const refused = messageOf(
      await fake.interact(modalSubmission(mentor, where, first, fill(first, answers('MS-0774')))),
    );
    expect(refused.content).toContain('this step could not be kept just now; nothing was recorded');
    const [again] = buttonsOf(refused);
    expect(again).toMatchObject({ label: 'Try again', custom_id: `o:${id}:${formId}` });
    await proxy.restore();
    const reopened = modalOf(await click(mentor, again!.custom_id));
    expect(reopened.custom_id).toBe(first.custom_id);
    expect(
      messageOf(await fake.interact(modalSubmission(mentor, where, reopened, fill(reopened, answers('MS-0774')))))
        .content,
    ).toContain('step 1 of');
    expect(await direct.formDraft.count({ where: { id } })).toBe(1);
  });
});
