import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../commands/index.js';
import { bindForm } from '../../src/core/bindings.js';
import type { OwedReply } from '../../src/core/deps.js';
import { defineForm, field } from '../../src/core/form.js';
import { say } from '../../src/core/message.js';
import { Router } from '../../src/core/router.js';
import type { Tx } from '../../src/db/client.js';
import { features } from '../../src/features/index.js';
import { installFeatures } from '../../src/features/install.js';
import { createTestContext, type TestContext } from '../helpers/deps.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  // Sam is a member from the start (first contact admits a mentor), whichever test runs first.
  await t.router.dispatch({ kind: 'command', id: 'c0-sam', user: user('U-SAM'), command: 'help', options: {} });
});
afterAll(() => t.close());

const user = (id: string) => ({ platform: 'slack' as const, platformUserId: id, displayName: `Member ${id}` });
const debriefSubmit = {
  caseCode: 'MS-0042',
  sessionDate: '2026-11-20',
  sessionWent: 'well',
  feeling: '4',
  flagConcern: 'no',
  notes: 'Talked about college applications.',
};

describe('router', () => {
  it('shows a mentor the commands they may use', async () => {
    const outcome = await t.router.dispatch({
      kind: 'command',
      id: 'c1',
      user: user('U-SAM'),
      command: 'help',
      options: {},
    });
    const labels = outcome.messages[0]?.fields?.map((f) => f.label);
    expect(labels).toContain('/debrief');
    expect(labels?.some((l) => l.startsWith('/network'))).toBe(false);
  });

  it('admits a first-time user as a mentor, audited and told to coordinators', async () => {
    const owed: OwedReply[] = [];
    const outbox = {
      async enqueue(tx: Tx, reply: OwedReply) {
        owed.push(reply);
        await t.deps.outbox.enqueue(tx, reply);
      },
    };
    const router = new Router({ ...t.deps, outbox }, catalogue);
    installFeatures(router, features);
    await router.dispatch({ kind: 'command', id: 'c2', user: user('U-NEW'), command: 'help', options: {} });
    const member = await t.deps.db.member.findFirstOrThrow({
      where: { identities: { some: { platformUserId: 'U-NEW' } } },
    });
    expect(member.roles).toEqual(['mentor']);
    expect(await t.deps.db.event.count({ where: { subjectId: member.id, kind: 'member.joined' } })).toBe(1);
    expect(owed).toEqual([
      {
        to: 'channel',
        channel: 'coordinators',
        message: { text: 'Member U-NEW joined the network as a mentor (first contact on slack).', tone: 'info' },
      },
    ]);
    // Only the first contact is news.
    await router.dispatch({ kind: 'command', id: 'c2-again', user: user('U-NEW'), command: 'help', options: {} });
    expect(owed).toHaveLength(1);
  });

  it('opens the debrief form for /debrief, for the member it identified', async () => {
    const outcome = await t.router.dispatch({
      kind: 'command',
      id: 'c3',
      user: user('U-SAM'),
      command: '/debrief',
      options: {},
    });
    expect(outcome.form?.form.id).toBe('debrief');
    // A surface keeping a draft for the form (Discord, the terminal) needs no second lookup.
    const sam = await t.deps.db.memberIdentity.findFirstOrThrow({ where: { platformUserId: 'U-SAM' } });
    expect(outcome.asker).toMatchObject({ memberId: sam.memberId, platform: 'slack' });
  });

  it('names an unknown command and a wrong subcommand', async () => {
    const outcome = await t.router.dispatch({
      kind: 'command',
      id: 'c4',
      user: user('U-SAM'),
      command: 'teleport',
      options: {},
    });
    expect(outcome.messages[0]?.text).toBe("I don't know the command /teleport. Type /help to see what you can use.");
  });

  it('refuses a board member /debrief, privately, and audits the refusal', async () => {
    await t.router.dispatch({ kind: 'command', id: 'c5', user: user('U-BOARD'), command: 'help', options: {} });
    const member = await t.deps.db.member.findFirstOrThrow({
      where: { identities: { some: { platformUserId: 'U-BOARD' } } },
    });
    await t.deps.db.member.update({ where: { id: member.id }, data: { roles: ['board'] } });
    const outcome = await t.router.dispatch({
      kind: 'command',
      id: 'c6',
      user: user('U-BOARD'),
      command: 'debrief',
      options: {},
    });
    expect(outcome.form).toBeUndefined();
    expect(outcome.messages[0]?.text).toContain('/debrief is for mentors only');
    const submit = await t.router.dispatch({
      kind: 'submit',
      id: 'v-board',
      user: user('U-BOARD'),
      formId: 'debrief',
      values: debriefSubmit,
      context: {},
    });
    expect(submit.messages[0]?.text).toContain('is for mentors only');
    expect(await t.deps.db.debrief.count({ where: { authorId: member.id } })).toBe(0);
    expect(await t.deps.db.event.count({ where: { actorId: member.id, kind: 'access.refused' } })).toBe(2);
  });

  it('stores one debrief for a submission delivered twice', async () => {
    const before = await t.deps.db.debrief.count({ where: { caseCode: 'MS-0042' } });
    const first = await t.router.dispatch({
      kind: 'submit',
      id: 'view-1',
      user: user('U-SAM'),
      formId: 'debrief',
      values: debriefSubmit,
      context: {},
    });
    const again = await t.router.dispatch({
      kind: 'submit',
      id: 'view-1',
      user: user('U-SAM'),
      formId: 'debrief',
      values: debriefSubmit,
      context: {},
    });
    expect(first.messages[0]?.title).toBe('Debrief saved');
    expect(again.duplicate).toBe(true);
    expect(await t.deps.db.debrief.count({ where: { caseCode: 'MS-0042' } })).toBe(before + 1);
  });

  it('returns field errors and writes nothing for a bad submission', async () => {
    const before = await t.deps.db.debrief.count();
    const outcome = await t.router.dispatch({
      kind: 'submit',
      id: 'view-2',
      user: user('U-SAM'),
      formId: 'debrief',
      values: { ...debriefSubmit, feeling: 'six' },
      context: {},
    });
    expect(outcome.errors).toEqual({
      feeling: 'How are you feeling, from 1 to 5? should be a whole number from 1 to 5.',
    });
    expect(await t.deps.db.debrief.count()).toBe(before);
  });

  it('keeps the notes encrypted: the column shows no plaintext', async () => {
    await t.router.dispatch({
      kind: 'submit',
      id: 'view-encrypted',
      user: user('U-SAM'),
      formId: 'debrief',
      values: debriefSubmit,
      context: {},
    });
    const rows = await t.deps.db.$queryRaw<
      { notesEnc: string }[]
    >`SELECT "notesEnc" FROM "Debrief" WHERE "caseCode" = 'MS-0042'`;
    expect(rows[0]?.notesEnc).toMatch(/^v1\.case~MS-0042\./);
    expect(rows[0]?.notesEnc).not.toContain('college');
  });

  it('says whether a submission was kept from the handler, never from the tones of its messages', async () => {
    const router = new Router(t.deps, []);
    const noteForm = defineForm({
      id: 'test-note',
      title: 'Note',
      precondition: 'anyMember',
      fields: { note: field.shortText({ label: 'Note' }) },
    });
    const coordinatorsForm = { ...noteForm, id: 'test-coordinators', precondition: 'coordinator' as const };
    const onSubmit = async (_ctx: unknown, values: { note: string }) =>
      values.note === 'keep'
        ? { replies: [say('Kept, though the reviewer is away.', { tone: 'warning' })] }
        : { replies: [say('Nothing kept: type keep.', { tone: 'success' })], saved: false };
    router.form(bindForm(noteForm, onSubmit));
    router.form(bindForm(coordinatorsForm, onSubmit));
    const submit = (id: string, formId: string, note: string) =>
      router.dispatch({ kind: 'submit', id, user: user('U-SAM'), formId, values: { note }, context: {} });

    const kept = await submit('saved-1', 'test-note', 'keep');
    expect(kept).toMatchObject({ saved: true, messages: [{ tone: 'warning' }] });
    expect((await submit('saved-1', 'test-note', 'keep')).saved).toBe(true);
    const turnedBack = await submit('saved-2', 'test-note', 'other');
    expect(turnedBack).toMatchObject({ saved: false, messages: [{ tone: 'success' }] });
    expect(await submit('saved-3', 'test-note', '')).toMatchObject({
      saved: false,
      errors: { note: 'Note is needed.' },
    });
    expect((await submit('saved-4', 'test-coordinators', 'keep')).saved).toBe(false);
    expect((await submit('saved-5', 'no-such-form', 'keep')).saved).toBe(false);
  });

  it('refuses to start when a declared handler is missing or undeclared', () => {
    const empty = new Router({ ...t.deps, log: pino({ level: 'silent' }) }, catalogue);
    expect(() => empty.verify()).toThrow('declared in commands/ with no handler: help.show, debrief.open');
    const extra = new Router(t.deps, []);
    extra.command('stray.key', async () => ({}));
    expect(() => extra.verify()).toThrow('handlers with no declaration in commands/: stray.key');
  });
});

describe('multi-step forms', () => {
  it('records nothing for a submission whose draft is already gone', async () => {
    const { startDraft } = await import('../../src/core/drafts.js');
    const sam = await t.deps.db.member.findFirstOrThrow({
      where: { identities: { some: { platformUserId: 'U-SAM' } } },
    });
    const actor = {
      memberId: sam.id,
      displayName: 'Sam',
      roles: sam.roles,
      timeZone: 'Europe/London',
      platform: 'slack' as const,
      platformUserId: 'U-SAM',
    };
    const draft = await startDraft(t.deps, actor, 'debrief');
    const values = { ...debriefSubmit, caseCode: 'MS-0777' };
    const first = await t.router.dispatch({
      kind: 'submit',
      id: 'step-a',
      user: user('U-SAM'),
      formId: 'debrief',
      values,
      context: {},
      draftId: draft.id,
    });
    const second = await t.router.dispatch({
      kind: 'submit',
      id: 'step-b',
      user: user('U-SAM'),
      formId: 'debrief',
      values,
      context: {},
      draftId: draft.id,
    });
    expect(first.messages[0]?.title).toBe('Debrief saved');
    expect(second.messages[0]?.text).toContain('already sent, or it expired');
    expect(await t.deps.db.debrief.count({ where: { caseCode: 'MS-0777' } })).toBe(1);
  });
});

describe('home view', () => {
  it('keeps the other sections when one capability fails', async () => {
    const router = new Router({ ...t.deps, log: pino({ level: 'silent' }) }, []);
    router.homeSection('anyMember', async () => {
      throw new Error('broken');
    });
    router.homeSection('anyMember', async () => ({ text: 'still here' }));
    const sections = await router.home(user('U-SAM'));
    expect(sections.map((s) => s.text)).toEqual([
      'Part of this view could not be shown just now; please look again in a moment.',
      'still here',
    ]);
  });
});

describe('first use', () => {
  it("adds each feature's first-use question, leaving out one that fails", async () => {
    const router = new Router({ ...t.deps, log: pino({ level: 'silent' }) }, []);
    router.firstUseStep(async () => {
      throw new Error('broken');
    });
    router.firstUseStep(async (_deps, asking) => ({ text: `Welcome, ${asking.displayName}.` }));
    router.firstUseStep(async () => undefined);
    expect(await router.firstUse(user('U-SAM'))).toEqual([{ text: 'Welcome, Member U-SAM.' }]);
  });
});
