import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createJobRunner } from '../../../src/jobs/runner.js';
import { runDueJobs } from '../../helpers/owed.js';
import { startSmtpSink, TEST_CA_FILE, type SmtpSink } from '../../helpers/smtp-sink.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';
import {
  alerts,
  command,
  CONTACT,
  createHarness,
  DETAILS,
  press,
  raiseByForm,
  reset,
  roundTheClock,
  runAt,
  textOf,
  type Harness,
} from './fixture.js';

const SECRET = 'test-only-webhook-secret-0123456789';
const AUTH = { user: 'alerts', pass: 'test only p@ss' };

let h: Harness;
let starttls: SmtpSink;
let smtps: SmtpSink;
let hook: WebhookReceiver;
let config: Record<string, unknown>;
beforeAll(async () => {
  [starttls, smtps, hook] = await Promise.all([
    startSmtpSink({ mode: 'starttls', auth: AUTH }),
    startSmtpSink({ mode: 'smtps', auth: AUTH }),
    startWebhookReceiver({ tls: true }),
  ]);
  h = await createHarness({
    config: {
      ALERT_SMTP_URL: starttls.url,
      ALERT_EMAIL_FROM: 'alerts@msn.example',
      ALERT_EMAIL_TO: 'duty@msn.example,coordinators@msn.example',
      ALERT_WEBHOOK_URL: hook.url,
      ALERT_WEBHOOK_SECRET: SECRET,
      ALERT_WEBHOOK_TO: '+447700900001,+44 7700 900002',
      // The invented test-only certificate of both sinks; without it the sends are refused (see below).
      ALERT_TLS_CA_FILE: TEST_CA_FILE,
    },
  });
  config = { ...h.t.deps.config };
});
afterAll(async () => {
  await h.close();
  await Promise.all([starttls.close(), smtps.close(), hook.close()]);
});
beforeEach(async () => {
  await reset(h);
  await roundTheClock(h);
  // Put the config back as it was, dropping keys a test added (e.g. ALERT_TIMEOUT_MS).
  const live = h.t.deps.config as unknown as Record<string, unknown>;
  for (const key of Object.keys(live)) if (!(key in config)) delete live[key];
  Object.assign(h.t.deps.config, config);
  for (const sink of [starttls, smtps]) {
    sink.mails.length = 0;
    sink.events.length = 0;
    sink.refuse(0);
  }
  hook.bodies.length = 0;
  hook.requests.length = 0;
  h.t.clock.set('2026-11-23T10:00:00Z');
});

/** The message as its reader sees it (nodemailer sends text quoted-printable). */
const decoded = (data: string) =>
  Buffer.from(
    data.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
const codeIn = (text: string) => /code ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(text)?.[1];
const emailJob = () => h.t.deps.db.job.findFirstOrThrow({ where: { kind: 'escalation.email' } });

describe('a P1 out of chat', () => {
  it('e-mails over STARTTLS with AUTH and posts a signed webhook: the minimal facts and a link-free code, never the details; the code acknowledges', async () => {
    await raiseByForm(h);
    await runDueJobs(h.t.deps);
    expect(starttls.mails).toHaveLength(1);
    const mail = { ...starttls.mails[0]!, data: decoded(starttls.mails[0]!.data) };
    expect(mail).toMatchObject({
      secure: true,
      user: 'alerts',
      from: 'alerts@msn.example',
      to: ['duty@msn.example', 'coordinators@msn.example'],
    });
    expect(mail.data).toContain('Subject: P1 escalation #1: please acknowledge');
    expect(mail.data).toContain('Risk of suicide or self-harm, case MS-0042, raised by Alex at Mon 23 Nov 10:00');
    expect(mail.data).toContain('999');
    expect(mail.data).toContain('Date: Mon, 23 Nov 2026 10:00:00 +0000');
    expect(hook.requests).toHaveLength(1);
    const { headers, body: raw } = hook.requests[0]!;
    const body = JSON.parse(raw) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['escalation', 'step', 'text', 'tier', 'to']);
    expect(body).toMatchObject({ to: ['+447700900001', '+447700900002'], escalation: 1, tier: 'P1', step: 0 });
    expect(body.text).toContain(
      'P1 escalation #1: Risk of suicide or self-harm, case MS-0042, raised by Alex at Mon 23 Nov 10:00',
    );
    expect(body.text).toContain('999');
    // The receiver's check, as the README describes it: HMAC-SHA256 of v0:<timestamp>:<raw body>.
    const timestamp = headers['x-msb-request-timestamp'] as string;
    expect(timestamp).toBe(String(Date.parse('2026-11-23T10:00:00Z') / 1000));
    expect(headers['x-msb-signature']).toBe(
      `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${raw}`).digest('hex')}`,
    );
    expect(headers['x-msb-signature']).not.toBe(
      `v0=${createHmac('sha256', 'another secret').update(`v0:${timestamp}:${raw}`).digest('hex')}`,
    );
    for (const text of [mail.data, raw]) {
      for (const secret of [DETAILS, CONTACT, 'blade', '07700 900123']) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/https?:\/\//);
    }
    const code = codeIn(mail.data)!;
    expect(codeIn(body.text as string)).toBe(code);
    const row = await h.t.deps.db.escalation.findFirstOrThrow();
    expect(row.ackCodeHash).not.toContain(code.replace('-', ''));
    expect(await h.t.deps.db.event.count({ where: { subjectId: row.id, kind: 'escalation.out_of_chat' } })).toBe(2);

    expect(textOf(await command(h, h.alex, 'escalation', 'ack', { code }))).toContain('for coordinators only');
    expect(textOf(await command(h, h.cy, 'escalation', 'ack', { code: 'ABCD-2345' }))).toContain('did not match');
    h.t.clock.set('2026-11-23T10:03:00Z');
    expect(
      textOf(await command(h, h.cy, 'escalation', 'ack', { code: code.toLowerCase().replace('-', ' ') })),
    ).toContain('is yours');
    expect(await h.t.deps.db.escalation.findFirstOrThrow()).toMatchObject({
      status: 'acknowledged',
      acknowledgedById: h.cy.id,
    });
    const ack = await h.t.deps.db.event.findFirstOrThrow({
      where: { subjectId: row.id, kind: 'escalation.acknowledged' },
    });
    expect(ack.data).toMatchObject({ via: 'code', seconds: 180 });
  });

  it('e-mails over smtps:// (TLS from the first byte) with AUTH', async () => {
    h.t.deps.config.ALERT_SMTP_URL = smtps.url;
    await raiseByForm(h);
    await runDueJobs(h.t.deps);
    expect(smtps.mails).toHaveLength(1);
    expect(smtps.mails[0]).toMatchObject({ secure: true, user: 'alerts' });
    expect(starttls.mails).toHaveLength(0);
  });

  it('verifies the relay and the gateway: without the trusted CA the self-signed certificate is refused and nothing is sent', async () => {
    h.t.deps.config.ALERT_TLS_CA_FILE = undefined;
    await raiseByForm(h);
    await runDueJobs(h.t.deps);
    expect(starttls.mails).toHaveLength(0);
    expect(hook.requests).toHaveLength(0);
    const jobs = await h.t.deps.db.job.findMany({
      where: { kind: { in: ['escalation.email', 'escalation.webhook'] } },
    });
    expect(jobs.map((j) => [j.kind, j.status]).sort()).toEqual([
      ['escalation.email', 'pending'],
      ['escalation.webhook', 'pending'],
    ]);
    expect(jobs.map((j) => j.lastError).join(' ')).toMatch(/smtp \w+.*webhook \w+|webhook \w+.*smtp \w+/);
  });

  it('retries when the mail server and the gateway refuse for a while, and sends once each', async () => {
    starttls.refuse(2);
    hook.fail(2);
    await raiseByForm(h);
    await runDueJobs(h.t.deps);
    expect(starttls.mails).toHaveLength(0);
    for (let s = 1; s <= 8; s++)
      await runAt(h, new Date(Date.parse('2026-11-23T10:00:00Z') + s * 30_000).toISOString());
    expect(starttls.mails).toHaveLength(1);
    expect(hook.bodies).toHaveLength(1);
    expect(await h.t.deps.db.event.count({ where: { kind: 'escalation.out_of_chat' } })).toBeGreaterThanOrEqual(2);
  });

  it('sends nothing out of chat for a P2, nor for a P1 acknowledged before the job ran', async () => {
    await raiseByForm(h, { category: 'safeguarding' });
    await runDueJobs(h.t.deps);
    expect(starttls.mails).toHaveLength(0);
    starttls.refuse(1);
    hook.fail(1);
    await raiseByForm(h);
    await runDueJobs(h.t.deps);
    const row = await h.t.deps.db.escalation.findFirstOrThrow({ where: { tier: 'P1' } });
    await h.t.router.dispatch({
      kind: 'action',
      id: h.seq(),
      user: h.sam.user,
      actionId: 'escalation.ack',
      value: row.id,
    });
    await runAt(h, '2026-11-23T10:02:00Z');
    expect(starttls.mails).toHaveLength(0);
    expect(hook.bodies).toHaveLength(0);
  });
});

describe('a mail relay that accepts the connection and then says nothing', () => {
  it('holds nothing: the next step fires on time and Acknowledge commits while the e-mail still waits for a greeting; then it is sent once', async () => {
    starttls.silence();
    const runner = createJobRunner(h.t.deps);
    try {
      await raiseByForm(h);
      // The tick claims the e-mail job, commits, and leaves its send waiting on the silent relay.
      await runner.tick();
      await vi.waitFor(() => expect(starttls.events).toEqual(['relay accepted a connection and said nothing']));
      expect((await emailJob()).status).toBe('running');

      // The chain's next step (the primary again at 10:05) fires on time through the same runner.
      h.t.clock.set('2026-11-23T10:05:00Z');
      await runner.tick();
      expect((await alerts(h)).filter(([name]) => name === 'Sam')).toEqual([
        ['Sam', '10:00:00'],
        ['Sam', '10:05:00'],
      ]);

      // Acknowledge through the router's button: no lock of the send's is in its way.
      const row = await h.t.deps.db.escalation.findFirstOrThrow();
      await press(h, h.sam, 'escalation.ack', row.id);
      expect(await h.t.deps.db.escalation.findFirstOrThrow()).toMatchObject({
        status: 'acknowledged',
        acknowledgedById: h.sam.id,
      });
      starttls.events.push('acknowledgement committed');
      expect(starttls.mails).toHaveLength(0);

      starttls.speak();
      await runner.idle();
    } finally {
      starttls.speak();
      await runner.stop();
    }
    expect(starttls.events).toEqual([
      'relay accepted a connection and said nothing',
      'acknowledgement committed',
      'relay answered',
    ]);
    expect(starttls.mails).toHaveLength(1);
    expect(await emailJob()).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('times out after ALERT_TIMEOUT_MS: the attempt fails and is retried later', async () => {
    h.t.deps.config.ALERT_TIMEOUT_MS = 300;
    starttls.silence();
    try {
      await raiseByForm(h);
      await runDueJobs(h.t.deps);
    } finally {
      starttls.speak();
    }
    expect(await emailJob()).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringMatching(/smtp ETIMEDOUT/),
    });
    expect(starttls.mails).toHaveLength(0);
  });
});
