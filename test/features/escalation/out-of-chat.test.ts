import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../helpers/owed.js';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';
import { command, CONTACT, createHarness, DETAILS, raiseByForm, reset, roundTheClock, runAt, textOf, type Harness } from './fixture.js';

let h: Harness;
let sink: SmtpSink;
let hook: WebhookReceiver;
beforeAll(async () => {
  sink = await startSmtpSink();
  hook = await startWebhookReceiver();
  h = await createHarness({ config: { ALERT_SMTP_URL: sink.url, ALERT_EMAIL_FROM: 'alerts@msn.example', ALERT_EMAIL_TO: 'duty@msn.example,coordinators@msn.example', ALERT_WEBHOOK_URL: hook.url } });
});
afterAll(async () => {
  await h.close();
  await sink.close();
  await hook.close();
});
beforeEach(async () => {
  await reset(h);
  await roundTheClock(h);
  sink.mails.length = 0;
  hook.bodies.length = 0;
  h.t.clock.set('2026-11-23T10:00:00Z');
});

const codeIn = (text: string) => /code:([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(text)?.[1];

describe('a P1 out of chat', () => {
  it('e-mails and posts to the webhook the minimal facts and a link-free code, never the details; the code acknowledges', async () => {
    await raiseByForm(h);
    await runDueJobs(h.t.deps);
    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    expect(mail.to).toEqual(['duty@msn.example', 'coordinators@msn.example']);
    expect(mail.data).toContain('Subject: P1 escalation #1: please acknowledge');
    expect(mail.data).toContain('Risk of suicide or self-harm, case MS-0042, raised by Alex at Mon 23 Nov 10:00');
    expect(mail.data).toContain('999');
    expect(hook.bodies).toHaveLength(1);
    const body = JSON.parse(hook.bodies[0]!) as Record<string, string | number>;
    expect(body).toMatchObject({ escalation: 1, tier: 'P1', category: 'suicide_self_harm', caseCode: 'MS-0042', reporter: 'Alex' });
    for (const text of [mail.data, hook.bodies[0]!]) {
      for (const secret of [DETAILS, CONTACT, 'blade', '07700']) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/https?:\/\//);
    }
    const code = codeIn(mail.data)!;
    expect(body.ackCode).toBe(code);
    const row = await h.t.deps.db.escalation.findFirstOrThrow();
    expect(row.ackCodeHash).not.toContain(code.replace('-', ''));

    expect(textOf(await command(h, h.alex, 'escalation', 'ack', { code }))).toContain('for coordinators only');
    expect(textOf(await command(h, h.cy, 'escalation', 'ack', { code: 'ABCD-2345' }))).toContain('did not match');
    h.t.clock.set('2026-11-23T10:03:00Z');
    expect(textOf(await command(h, h.cy, 'escalation', 'ack', { code: code.toLowerCase().replace('-', ' ') }))).toContain('is yours');
    expect(await h.t.deps.db.escalation.findFirstOrThrow()).toMatchObject({ status: 'acknowledged', acknowledgedById: h.cy.id });
    const ack = await h.t.deps.db.event.findFirstOrThrow({ where: { subjectId: row.id, kind: 'escalation.acknowledged' } });
    expect(ack.data).toMatchObject({ via: 'code', seconds: 180 });
  });

  it('retries when the mail server and the gateway refuse for a while, and sends once each', async () => {
    sink.refuse(2);
    hook.fail(2);
    await raiseByForm(h);
    await runDueJobs(h.t.deps);
    expect(sink.mails).toHaveLength(0);
    for (let s = 1; s <= 8; s++) await runAt(h, new Date(Date.parse('2026-11-23T10:00:00Z') + s * 30_000).toISOString());
    expect(sink.mails).toHaveLength(1);
    expect(hook.bodies).toHaveLength(1);
    expect(await h.t.deps.db.event.count({ where: { kind: 'escalation.out_of_chat' } })).toBeGreaterThanOrEqual(2);
  });

  it('sends nothing out of chat for a P2, nor for a P1 acknowledged before the job ran', async () => {
    await raiseByForm(h, { category: 'safeguarding' });
    await runDueJobs(h.t.deps);
    expect(sink.mails).toHaveLength(0);
    sink.refuse(1);
    hook.fail(1);
    await raiseByForm(h);
    await runDueJobs(h.t.deps);
    const row = await h.t.deps.db.escalation.findFirstOrThrow({ where: { tier: 'P1' } });
    await h.t.router.dispatch({ kind: 'action', id: h.seq(), user: h.sam.user, actionId: 'escalation.ack', value: row.id });
    await runAt(h, '2026-11-23T10:02:00Z');
    expect(sink.mails).toHaveLength(0);
    expect(hook.bodies).toHaveLength(0);
  });
});
