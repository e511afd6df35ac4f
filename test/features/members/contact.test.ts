// /profile contact: a member records an e-mail address and an SMS number, sees them masked, and
// verifies each with the code sent to it (through the mail relay and the signed SMS webhook).
// Wrong, expired and over-tried codes are refused naming the field; /duty who warns about whoever
// on duty has no verified way to be paged out of chat.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../../src/jobs/enqueue.js';
import { owedMessages, runDueJobs } from '../../helpers/owed.js';
import { startSmtpSink, TEST_CA_FILE, type SmtpSink } from '../../helpers/smtp-sink.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';
import {
  command,
  createHarness,
  reset,
  roundTheClock,
  textOf,
  type Harness,
  type Person,
} from '../escalation/fixture.js';

let h: Harness;
let smtp: SmtpSink;
let hook: WebhookReceiver;
beforeAll(async () => {
  [smtp, hook] = await Promise.all([startSmtpSink({ mode: 'starttls' }), startWebhookReceiver()]);
  h = await createHarness({
    config: {
      ALERT_SMTP_URL: smtp.url,
      ALERT_EMAIL_FROM: 'alerts@msn.example',
      ALERT_WEBHOOK_URL: hook.url,
      ALERT_WEBHOOK_SECRET: 'test-only-webhook-secret-0123456789',
      ALERT_TLS_CA_FILE: TEST_CA_FILE,
    },
  });
});
afterAll(async () => {
  await h.close();
  await Promise.all([smtp.close(), hook.close()]);
});
beforeEach(async () => {
  await reset(h);
  await h.t.deps.db.contactMethod.deleteMany({});
  smtp.mails.length = 0;
  hook.bodies.length = 0;
  h.t.clock.set('2026-11-23T10:00:00Z');
});

const contact = (person: Person, options: Record<string, string> = {}) =>
  command(h, person, 'profile', 'contact', options);
const lastCode = (text: string) => /code is (\d{6})/.exec(text.replace(/=\r\n/g, ''))?.[1];
const mailedCode = () => lastCode(smtp.mails.at(-1)!.data)!;
const textedCode = () => lastCode((JSON.parse(hook.bodies.at(-1)!) as { text: string }).text)!;

describe('contact methods', () => {
  it('records an e-mail address and an SMS number, shows them masked and sealed, and verifies each with the code sent to it', async () => {
    expect(textOf(await contact(h.sam, { change: 'email', address: 'Sam.Duty@Example.ORG', delay: '0' }))).toContain(
      'S***@e***.org',
    );
    expect(textOf(await contact(h.sam, { change: 'sms', address: '+44 7700 900123', delay: '2 min' }))).toContain(
      '+44 ***** **123',
    );
    await runDueJobs(h.t.deps);
    expect(smtp.mails.map((m) => m.to)).toEqual([['Sam.Duty@example.org']]);
    const sms = JSON.parse(hook.bodies[0]!) as Record<string, unknown>;
    expect(sms).toMatchObject({ to: ['+447700900123'], purpose: 'verification' });
    const rows = await h.t.deps.db.contactMethod.findMany({ where: { memberId: h.sam.id } });
    expect(rows.map((r) => r.addressEnc).join(' ')).not.toMatch(/Sam\.Duty|7700/);
    expect(rows.every((r) => r.codeHash && !r.codeHash.includes(mailedCode()) && !r.verifiedAt)).toBe(true);

    const waiting = textOf(await contact(h.sam));
    expect(waiting).toContain('E-mail: S***@e***.org: waiting for its code');
    expect(waiting).not.toContain('Sam.Duty');
    expect(textOf(await contact(h.sam, { change: 'verify', code: mailedCode() }))).toContain(
      'Verified: S***@e***.org will be paged immediately',
    );
    expect(textOf(await contact(h.sam, { change: 'verify', code: textedCode() }))).toContain(
      'Verified: +44 ***** **123 will be paged after 2 minutes',
    );
    const shown = textOf(await contact(h.sam));
    expect(shown).toContain('SMS: +44 ***** **123: verified, paged after 2 minutes');
    expect(textOf(await contact(h.sam, { change: 'verify', code: textedCode() }))).toContain('no code waiting');

    expect(textOf(await contact(h.sam, { change: 'remove', method: 'sms' }))).toContain('removed');
    expect(await h.t.deps.db.contactMethod.count({ where: { memberId: h.sam.id } })).toBe(1);
  });

  it('refuses a wrong code (naming the field and counting the tries), an expired code and a sixth try; a new code then works', async () => {
    await contact(h.bo, { change: 'email', address: 'bo@example.org' });
    await runDueJobs(h.t.deps);
    const right = mailedCode();
    const wrong = right === '000000' ? '111111' : '000000';
    expect(textOf(await contact(h.bo, { change: 'verify', code: '12345' }))).toContain('code: the code has 6 digits');
    expect(textOf(await contact(h.bo, { change: 'verify', code: wrong }))).toContain(
      'code: that is not the code we sent. 4 tries left.',
    );
    h.t.clock.set('2026-11-23T10:16:00Z');
    expect(textOf(await contact(h.bo, { change: 'verify', code: right }))).toContain('code: that code has expired');

    expect(textOf(await contact(h.bo, { change: 'resend' }))).toContain('A new code is on its way to b***@e***.org');
    await runDueJobs(h.t.deps);
    const fresh = mailedCode();
    const miss = fresh === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await contact(h.bo, { change: 'verify', code: miss });
    expect(textOf(await contact(h.bo, { change: 'verify', code: fresh }))).toContain('code: too many wrong codes');
    expect((await h.t.deps.db.contactMethod.findFirstOrThrow({ where: { memberId: h.bo.id } })).verifiedAt).toBeNull();

    h.t.clock.set('2026-11-23T10:18:00Z');
    await contact(h.bo, { change: 'resend', method: 'email' });
    await runDueJobs(h.t.deps);
    expect(textOf(await contact(h.bo, { change: 'verify', code: mailedCode() }))).toContain('Verified');
  });

  it('refuses a malformed address, number or delay, naming the field, and changes nothing', async () => {
    expect(textOf(await contact(h.cy, { change: 'email', address: 'cy@example' }))).toContain(
      'address: the part after the @',
    );
    expect(textOf(await contact(h.cy, { change: 'email', address: 'cy@example.org,boss@example.org' }))).toContain(
      'address:',
    );
    expect(textOf(await contact(h.cy, { change: 'sms', address: '07700 900123' }))).toContain(
      'address: please give the number with its country code',
    );
    expect(textOf(await contact(h.cy, { change: 'sms', address: '+44 7700 900123', delay: '90' }))).toContain(
      'delay: at most 60 minutes',
    );
    expect(textOf(await contact(h.cy, { change: 'remove' }))).toContain('method: say which one');
    expect(await h.t.deps.db.contactMethod.count({ where: { memberId: h.cy.id } })).toBe(0);
    expect(await h.t.deps.db.job.count({ where: { kind: 'contact.verify' } })).toBe(0);
  });

  it('/duty who and the daily cover check warn about whoever on the rota has no verified e-mail or SMS', async () => {
    await roundTheClock(h);
    expect(textOf(await command(h, h.alex, 'duty', 'who'))).toContain('No verified e-mail or SMS for Bo, Sam');
    await h.t.deps.db.$transaction((tx) => enqueueJob(tx, { kind: 'duty.gaps', dueAt: h.t.clock.now() }));
    await runDueJobs(h.t.deps);
    const posted = (await owedMessages(h.t.deps)).filter(
      (m) => m.channel === 'coordinators' && m.message.title === 'On the rota, reachable in chat only',
    );
    expect(posted[0]?.message.text).toContain('No verified e-mail or SMS for Bo, Sam');
    await contact(h.sam, { change: 'sms', address: '+447700900123' });
    await runDueJobs(h.t.deps);
    await contact(h.sam, { change: 'verify', code: textedCode() });
    const who = textOf(await command(h, h.alex, 'duty', 'who'));
    expect(who).toContain('No verified e-mail or SMS for Bo:');
    expect(who).not.toContain('for Bo, Sam');
  });
});
