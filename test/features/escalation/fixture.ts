// Shared set-up for the escalation and duty tests: people with roles, a rota, raising through the
// form, and "who was told what, when" read back from the outbox.
import type { PlatformUser } from '../../../src/core/actor.js';
import type { Role } from '../../../src/core/roles.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { addressBinding } from '../../../src/features/members/contact.js';
import { owedMessages, runDueJobs, type Owed } from '../../helpers/owed.js';

export const DETAILS = 'He said he has a blade in his bag and will use it on his ex-partner tonight';
export const CONTACT = 'Phone 07700 900123, in the car park on Moor Street';

export interface Person {
  user: PlatformUser;
  id: string;
  name: string;
}

export interface Harness {
  t: TestContext;
  alex: Person;
  sam: Person;
  bo: Person;
  cy: Person;
  seq(): string;
  close(): Promise<void>;
}

export async function createHarness(
  options: { config?: Record<string, string>; channelPlatforms?: ('slack' | 'discord')[] } = {},
): Promise<Harness> {
  const t = await createTestContext({
    channelPlatforms: options.channelPlatforms ?? ['slack'],
    config: options.config,
  });
  let n = 0;
  const seq = () => `i${++n}`;
  const join = async (platformUserId: string, name: string, roles: Role[]): Promise<Person> => {
    const user: PlatformUser = { platform: 'slack', platformUserId, displayName: name };
    await t.router.dispatch({ kind: 'command', id: seq(), user, command: 'help', options: {} });
    const member = await t.deps.db.member.findFirstOrThrow({ where: { identities: { some: { platformUserId } } } });
    await t.deps.db.member.update({ where: { id: member.id }, data: { roles } });
    return { user, id: member.id, name };
  };
  const alex = await join('U0ALEX', 'Alex', ['mentor']);
  const sam = await join('U0SAM', 'Sam', ['coordinator']);
  const bo = await join('U0BO', 'Bo', ['coordinator']);
  const cy = await join('U0CY', 'Cy', ['coordinator']);
  return { t, alex, sam, bo, cy, seq, close: () => t.close() };
}

/** Removes escalations, rota, jobs and owed messages (events are append-only and stay), keeping the members. */
export async function reset(h: Harness): Promise<void> {
  const db = h.t.deps.db;
  await db.$executeRawUnsafe(
    'TRUNCATE "Escalation", "RotaPattern", "DutyShift", "DutyHandover", "Job", "OutboxMessage", "Checkin" RESTART IDENTITY CASCADE',
  );
}

/** Sam primary and Bo backup around the clock, every day. */
export async function roundTheClock(h: Harness): Promise<void> {
  const { randomUUID } = await import('node:crypto');
  for (let weekday = 1; weekday <= 7; weekday++) {
    await h.t.deps.db.rotaPattern.create({
      data: {
        id: randomUUID(),
        weekday,
        startMinute: 0,
        endMinute: 1440,
        position: 'primary',
        coordinatorId: h.sam.id,
      },
    });
    await h.t.deps.db.rotaPattern.create({
      data: { id: randomUUID(), weekday, startMinute: 0, endMinute: 1440, position: 'backup', coordinatorId: h.bo.id },
    });
  }
}

export async function raiseByForm(
  h: Harness,
  values: Partial<Record<string, string | string[]>> = {},
  user = h.alex.user,
) {
  return h.t.router.dispatch({
    kind: 'submit',
    id: h.seq(),
    user,
    formId: 'escalate',
    values: {
      category: 'suicide_self_harm',
      caseCode: 'MS-0042',
      details: DETAILS,
      clientTold: 'not_yet',
      actionsTaken: ['nothing_yet'],
      contact: CONTACT,
      ...values,
    },
    context: {},
  });
}

export const press = (h: Harness, person: Person, actionId: string, value: string) =>
  h.t.router.dispatch({ kind: 'action', id: h.seq(), user: person.user, actionId, value });

export const submit = (
  h: Harness,
  person: Person,
  formId: string,
  values: Record<string, string | string[]>,
  context: Record<string, string>,
) => h.t.router.dispatch({ kind: 'submit', id: h.seq(), user: person.user, formId, values, context });

export const command = (
  h: Harness,
  person: Person,
  name: string,
  subcommand?: string,
  options: Record<string, string | number> = {},
) => h.t.router.dispatch({ kind: 'command', id: h.seq(), user: person.user, command: name, subcommand, options });

export const textOf = (outcome: { messages: { text: string; fields?: { label: string; value: string }[] }[] }) =>
  outcome.messages.map((m) => [m.text, ...(m.fields ?? []).map((f) => `${f.label}: ${f.value}`)].join('\n')).join('\n');

/** Direct messages (not updates) to coordinators about escalations, as [name, HH:MM:SS] pairs in time order (names A-Z within an instant). */
export async function alerts(h: Harness): Promise<[string, string][]> {
  const names = new Map([h.sam, h.bo, h.cy, h.alex].map((p) => [p.id, p.name]));
  return (await owedMessages(h.t.deps))
    .filter(
      (m) =>
        m.kind === 'send' &&
        m.recipientMemberId &&
        m.logicalKey?.startsWith('escalation:') &&
        m.logicalKey.includes(':step'),
    )
    .map((m): [string, string, number] => [
      names.get(m.recipientMemberId!) ?? '?',
      m.createdAt.toISOString().slice(11, 19),
      m.createdAt.getTime(),
    ])
    .sort((a, b) => a[2] - b[2] || a[0].localeCompare(b[0]))
    .map(([name, at]) => [name, at]);
}

/** Runs jobs at each given instant in turn. */
export async function runAt(h: Harness, ...instants: string[]): Promise<void> {
  for (const at of instants) {
    h.t.clock.set(at);
    await runDueJobs(h.t.deps);
  }
}

export const everyText = (m: Owed) => JSON.stringify(m.message);

/** A contact method as /profile contact leaves it (sealed under the member's key), verified unless told otherwise. */
export async function contactMethod(
  h: Harness,
  person: Person,
  kind: 'email' | 'sms',
  address: string,
  delayMinutes: number,
  verified = true,
): Promise<void> {
  const { randomUUID } = await import('node:crypto');
  const id = randomUUID();
  const addressEnc = await h.t.deps.vault.seal(h.t.deps.db, address, addressBinding(id), {
    kind: 'member',
    id: person.id,
  });
  const waiting = {
    codeHash: 'f'.repeat(64),
    codeSentAt: h.t.clock.now(),
    codeExpiresAt: new Date(h.t.clock.now().getTime() + 15 * 60_000),
  };
  await h.t.deps.db.contactMethod.create({
    data: {
      id,
      memberId: person.id,
      kind,
      addressEnc,
      delayMinutes,
      createdAt: h.t.clock.now(),
      ...(verified ? { verifiedAt: h.t.clock.now() } : waiting),
    },
  });
}
