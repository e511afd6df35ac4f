// Mentor records: bad input is answered on the field and changes nothing; expiry reminders fall
// 30 days and 7 days before and on the day, in the network's zone (Europe/London); a lapsed check
// or missing mandatory training blocks /case assign with the reason unless overridden (audited).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { remindExpiries } from '../../../src/features/mentors/checks.js';
import { overrideBinding } from '../../../src/features/mentors/matching.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { owedMessages } from '../../helpers/owed.js';
import { driver, slack, text } from '../cases/setup.js';

let t: TestContext;
let d: ReturnType<typeof driver>;
const jo = slack('U0JO', 'jo');
const sam = slack('U0SAM', 'sam');
const rowan = slack('U0ROWAN', 'rowan');
const kim = slack('U0KIM', 'kim');
let samId: string;

// Each test gets its own database: they count rows and change network settings.
beforeEach(async () => {
  t = await createTestContext({ channelPlatforms: ['slack'] });
  d = driver(t);
  await d.join(jo, ['coordinator']);
  samId = await d.join(sam, ['mentor']);
  await d.join(rowan, ['mentor', 'peer_supervisor']);
  await d.join(kim, ['coordinator']);
});
afterEach(() => t.close());

const fieldsOf = (outcome: Awaited<ReturnType<typeof d.run>>) =>
  Object.fromEntries((outcome.messages[0]?.fields ?? []).map((f) => [f.label, f.value]));

describe('mentor record', () => {
  it('answers bad input on the field it is about, and changes nothing', async () => {
    expect(text(await d.run(jo, 'mentor', 'check', { change: 'add', member: 'kim' }))).toContain('kim is not a mentor');
    expect(text(await d.run(jo, 'mentor', 'show', { member: 'kim' }))).toContain('kim is not a mentor');

    const backwards = await d.submit(
      jo,
      'mentor.check',
      { kind: 'dbs_enhanced', issuedOn: '2026-06-01', expiresOn: '2026-05-01' },
      { memberId: samId },
    );
    expect(text(backwards)).toContain('Expires on should be after the issue date (2026-06-01)');
    const unknown = await d.submit(
      jo,
      'mentor.training',
      { module: 'juggling', completedOn: '2026-06-01' },
      { memberId: samId },
    );
    expect(text(unknown)).toMatch(
      /Module: "juggling" is not one of the network’s training modules \(safeguarding, prevent, trim, motivational_interviewing\)/,
    );
    for (const capacity of ['0', '51']) {
      const outcome = await d.submit(jo, 'mentor.edit', { capacity, trimPractitioner: 'no' }, { memberId: samId });
      expect(outcome.errors?.capacity).toBe('Capacity (maximum open cases) should be from 1 to 50.');
    }
    expect(await t.deps.db.mentorCheck.count()).toBe(0);
    expect(await t.deps.db.mentorTraining.count()).toBe(0);
    expect(await t.deps.db.mentorRecord.count()).toBe(0);
  });

  it('keeps specialisms, languages, area, capacity, coach, TRiM training and conflicts; a mentor sees only their own (and in /profile)', async () => {
    const saved = await d.submit(
      jo,
      'mentor.edit',
      {
        specialisms: ['gang_exit'],
        languages: 'English, Urdu',
        area: 'Leeds',
        capacity: '4',
        coach: 'rowan',
        trimPractitioner: 'yes',
        conflicts: 'ms-0009, Harehills',
      },
      { memberId: samId },
    );
    expect(text(saved)).toContain('sam’s mentor record is saved');
    const shown = fieldsOf(await d.run(jo, 'mentor', 'show', { member: 'sam' }));
    expect(shown).toMatchObject({
      Specialisms: 'gang_exit',
      Languages: 'English, Urdu',
      Area: 'Leeds',
      Capacity: '0 of 4 open cases',
      Coach: 'rowan',
      'Trained TRiM practitioner': 'yes',
      'Declared conflicts': 'MS-0009, Harehills',
    });
    expect(fieldsOf(await d.run(sam, 'mentor', 'show')).Coach).toBe('rowan');
    expect(text(await d.run(sam, 'mentor', 'show', { member: 'rowan' }))).toContain('only your own mentor record');
    // /profile shows a mentor their own record beside their profile.
    const profile = await d.run(sam, 'profile', 'show');
    expect(profile.messages.map((m) => m.fields?.find((f) => f.label === 'Coach')?.value)).toContain('rowan');
  });

  it('reminds coordinators 30 days and 7 days before an expiry and on the day, by the London calendar', async () => {
    await d.submit(
      jo,
      'mentor.check',
      { kind: 'dbs_enhanced', reference: '001234567890', issuedOn: '2024-07-10', expiresOn: '2027-07-10' },
      { memberId: (await d.memberOf(rowan)).id },
    );
    const reminded: string[] = [];
    // 23:30 UTC is already the next day in London (BST): the reminder follows London's date.
    for (let day = Date.parse('2027-06-01T23:30:00Z'); day <= Date.parse('2027-07-12T23:30:00Z'); day += 86_400_000) {
      const now = new Date(day);
      const sent = await t.deps.db.$transaction((tx) => remindExpiries({ tx, deps: t.deps, now }));
      if (sent) reminded.push(new Date(day + 3_600_000).toISOString().slice(0, 10));
    }
    expect(reminded).toEqual(['2027-06-10', '2027-07-03', '2027-07-10']);
    const posts = (await owedMessages(t.deps)).filter((p) => p.message.title === 'Vetting and training expiring');
    expect(posts.every((p) => p.channel === 'coordinators')).toBe(true);
    expect(posts.map((p) => p.message.fields?.[0]?.value).sort()).toEqual([
      'DBS enhanced expires in 30 days (2027-07-10)',
      'DBS enhanced expires in 7 days (2027-07-10)',
      'DBS enhanced expires today (2027-07-10)',
    ]);
    expect(posts.map((p) => p.message.fields?.[0]?.label)).toEqual(['rowan', 'rowan', 'rowan']);
    expect(JSON.stringify(await owedMessages(t.deps))).not.toContain('001234567890');
  });

  it('refuses /case assign for a lapsed check with the reason, and lets a coordinator override with a reason that is recorded and audited', async () => {
    t.clock.set('2026-11-23T10:00:00Z');
    const code = await d.openCase(jo);
    const lapsed = await d.submit(
      jo,
      'mentor.check',
      { kind: 'dbs_enhanced', issuedOn: '2023-11-22', expiresOn: 'yesterday' },
      { memberId: samId },
    );
    expect(text(lapsed)).toContain('it has lapsed');
    const refused = await d.run(jo, 'case', 'assign', { case: code, member: 'sam' });
    expect(text(refused)).toContain(`sam cannot be assigned to ${code}: DBS enhanced expired on 2026-11-22`);
    expect(await t.deps.db.caseAssignment.count()).toBe(0);

    const overridden = await d.run(jo, 'case', 'assign', {
      case: code,
      member: 'sam',
      override: 'Renewal applied for; certificate seen by jo',
    });
    expect(text(overridden)).toContain('sam is now the mentor');
    expect(text(overridden)).toContain('Overridden, with your reason recorded: DBS enhanced expired on 2026-11-22');
    const row = await t.deps.db.assignmentOverride.findFirstOrThrow();
    expect(row.reasonEnc).not.toContain('Renewal');
    expect(await t.deps.vault.open(t.deps.db, row.reasonEnc, overrideBinding(row.id))).toBe(
      'Renewal applied for; certificate seen by jo',
    );
    const audited = await t.deps.db.event.findFirstOrThrow({ where: { kind: 'case.assignment_overridden' } });
    expect(audited.actorId).toBe((await d.memberOf(jo)).id);
    expect(JSON.stringify(audited.data)).not.toContain('Renewal');
  });

  it('blocks a mentor missing mandatory training until it is recorded', async () => {
    expect(text(await d.run(jo, 'network', 'settings', { mentor_training: 'safeguarding*, prevent, trim' }))).toContain(
      'training modules safeguarding*, prevent, trim',
    );
    const code = await d.openCase(jo);
    expect(text(await d.run(jo, 'case', 'assign', { case: code, member: 'rowan' }))).toContain(
      'mandatory training "safeguarding" not recorded',
    );
    await d.submit(
      jo,
      'mentor.training',
      { module: 'Safeguarding', completedOn: '2026-10-01' },
      { memberId: (await d.memberOf(rowan)).id },
    );
    expect(text(await d.run(jo, 'case', 'assign', { case: code, member: 'rowan' }))).toContain(
      'rowan is now the mentor',
    );
    expect(text(await d.run(jo, 'network', 'settings', { mentor_training: 'first aid!' }))).toContain(
      'mentor_training: give module names',
    );
  });
});
