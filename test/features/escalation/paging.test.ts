// Every step pages its people by their own rules: a P1 on each verified method after that method's
// delay (e-mail to a local SMTP sink, a signed webhook to a local receiver), chat always; acknowledging
// stops every pending page on every method; across restarts and with two replicas each page goes once
// per step and method; a silent relay holds nothing up; a P2 pages out of chat only outside working hours.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { catalogue } from '../../../commands/index.js';
import { Router } from '../../../src/core/router.js';
import { createDb } from '../../../src/db/client.js';
import { features } from '../../../src/features/index.js';
import { installFeatures, jobRegistryOf } from '../../../src/features/install.js';
import { createJobRunner } from '../../../src/jobs/runner.js';
import { runDueJobs } from '../../helpers/owed.js';
import { startSmtpSink, TEST_CA_FILE, type SmtpSink } from '../../helpers/smtp-sink.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';
import {
  alerts,
  contactMethod,
  createHarness,
  press,
  raiseByForm,
  reset,
  roundTheClock,
  type Harness,
} from './fixture.js';

const SECRET = 'test-only-webhook-secret-0123456789';
let h: Harness;
let smtp: SmtpSink;
let hook: WebhookReceiver;
beforeAll(async () => {
  [smtp, hook] = await Promise.all([startSmtpSink({ mode: 'starttls' }), startWebhookReceiver()]);
  h = await createHarness({
    config: {
      ALERT_SMTP_URL: smtp.url,
      ALERT_EMAIL_FROM: 'alerts@msn.example',
      ALERT_EMAIL_TO: 'duty@msn.example',
      ALERT_WEBHOOK_URL: hook.url,
      ALERT_WEBHOOK_SECRET: SECRET,
      ALERT_WEBHOOK_TO: '+447700900999',
      ALERT_TLS_CA_FILE: TEST_CA_FILE,
      ALERT_TIMEOUT_MS: '2000',
      PUBLIC_URL: 'https://msn.example',
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
  await roundTheClock(h);
  smtp.mails.length = 0;
  smtp.events.length = 0;
  hook.requests.length = 0;
  hook.bodies.length = 0;
  h.t.clock.set('2026-11-23T10:00:00Z');
  // Sam: e-mail at once, SMS 2 minutes later; Bo: SMS at once; Cy: an e-mail never verified.
  await contactMethod(h, h.sam, 'email', 'sam@msn.example', 0);
  await contactMethod(h, h.sam, 'sms', '+447700900001', 2);
  await contactMethod(h, h.bo, 'sms', '+447700900002', 0);
  await contactMethod(h, h.cy, 'email', 'cy@msn.example', 0, false);
});

const decoded = (data: string) =>
  data.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const NAMES: Record<string, string> = {
  'sam@msn.example': 'Sam e-mail',
  '+447700900001': 'Sam SMS',
  '+447700900002': 'Bo SMS',
  'duty@msn.example': 'duty inbox',
  '+447700900999': 'duty phone',
  'cy@msn.example': 'Cy e-mail',
};

/** Every page out of chat so far, as "who how" in the order received. */
function pages(): string[] {
  return [
    ...smtp.mails.map((m) => m.to.map((t) => NAMES[t] ?? t).join()),
    ...hook.bodies.map((b) => ((JSON.parse(b) as { to?: string[] }).to ?? []).map((t) => NAMES[t] ?? t).join()),
  ];
}

/** Runs the jobs at each instant (HH:MM on Monday 23 November) and lists what went out at each. */
async function pagedAt(...times: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const time of times) {
    const before = pages();
    h.t.clock.set(`2026-11-23T${time}:00Z`);
    await runDueJobs(h.t.deps);
    const added = pages();
    for (const p of before) added.splice(added.indexOf(p), 1);
    // Sent in parallel, so sorted within an instant.
    for (const p of added.sort()) out.push(`${time} ${p}`);
  }
  return out;
}

describe('paging out of chat', () => {
  it('a P1 nobody answers pages each person on each verified method after its delay, through the loops, and stops everywhere when one acknowledges', async () => {
    await raiseByForm(h);
    const sent = await pagedAt('10:00', '10:02', '10:05', '10:07', '10:10', '10:15', '10:17', '10:20');
    expect(sent).toEqual([
      '10:00 Sam e-mail',
      '10:00 duty inbox',
      '10:00 duty phone',
      '10:02 Sam SMS',
      '10:05 Sam e-mail',
      '10:07 Sam SMS',
      '10:10 Bo SMS',
      '10:15 Bo SMS',
      '10:15 Sam e-mail',
      '10:17 Sam SMS',
      '10:20 Bo SMS',
      '10:20 Sam e-mail',
    ]);
    // Chat is always paged, at the step itself; Cy (never verified) only there.
    expect((await alerts(h)).filter(([name]) => name === 'Cy')).toEqual([
      ['Cy', '10:15:00'],
      ['Cy', '10:20:00'],
    ]);

    // Personal pages carry the person's own link and the code; the shared inbox the code only.
    const personal = decoded(smtp.mails.find((m) => m.to[0] === 'sam@msn.example')!.data);
    const shared = decoded(smtp.mails.find((m) => m.to[0] === 'duty@msn.example')!.data);
    const code = /code ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(shared)![1]!;
    expect(personal).toMatch(/Open the link to acknowledge: https:\/\/msn\.example\/ack\/[A-Za-z0-9_-]{43}/);
    expect(personal).toContain(`Or acknowledge in chat with the escalation ack command and code ${code}`);
    expect(shared).not.toMatch(/https?:\/\//);
    const sms = hook.requests.find((r) => r.body.includes('+447700900002'))!;
    const body = JSON.parse(sms.body) as { text: string; escalation: number; tier: string; step: number };
    expect(body).toMatchObject({ escalation: 1, tier: 'P1', step: 2 });
    expect(body.text).toContain(code);
    const ts = sms.headers['x-msb-request-timestamp'] as string;
    expect(sms.headers['x-msb-signature']).toBe(
      `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${sms.body}`).digest('hex')}`,
    );

    // Bo acknowledges at 10:21: Sam's SMS due at 10:22 and every later step and page do nothing.
    h.t.clock.set('2026-11-23T10:21:00Z');
    await press(h, h.bo, 'escalation.ack', (await h.t.deps.db.escalation.findFirstOrThrow()).id);
    expect(await pagedAt('10:22', '10:25', '10:30', '11:30')).toEqual([]);
    const pending = await h.t.deps.db.job.findMany({ where: { kind: 'escalation.page', status: { not: 'done' } } });
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((j) => j.skipReason === 'fenced')).toBe(true);
  });

  it('across restarts and with two replicas on one database, each page goes once per step and method', async () => {
    await raiseByForm(h);
    const url = h.t.database.url;
    for (const time of ['10:00', '10:02', '10:05']) {
      // A fresh app at each instant (features registered again, new connections), running as two replicas.
      const router = new Router(h.t.deps, catalogue);
      installFeatures(router, features);
      router.verify();
      const replicas = [createDb(url), createDb(url)].map((db) => ({
        db,
        runner: createJobRunner({ ...h.t.deps, db, jobs: jobRegistryOf(features) }),
      }));
      h.t.clock.set(`2026-11-23T${time}:00Z`);
      try {
        await Promise.all(replicas.map((r) => r.runner.tick()));
        await Promise.all(replicas.map((r) => r.runner.tick()));
      } finally {
        await Promise.all(
          replicas.map(async (r) => {
            await r.runner.stop();
            await r.db.$disconnect();
          }),
        );
      }
    }
    expect(pages().sort()).toEqual(['Sam SMS', 'Sam e-mail', 'Sam e-mail', 'duty inbox', 'duty phone']);
    const { id } = await h.t.deps.db.escalation.findFirstOrThrow();
    const events = await h.t.deps.db.event.findMany({ where: { kind: 'escalation.paged', subjectId: id } });
    const keys = events.map((e) =>
      JSON.stringify([
        (e.data as { step: number }).step,
        (e.data as { method: string }).method,
        (e.data as { memberIds: string[] }).memberIds,
      ]),
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(3);
  });

  it('a mail relay that accepts and says nothing delays neither the SMS, the next step, nor Acknowledge', async () => {
    smtp.silence();
    // Long enough that only the relay's silence, not a timeout, could hold anything up.
    h.t.deps.config.ALERT_TIMEOUT_MS = 30_000;
    const runner = createJobRunner(h.t.deps);
    try {
      await raiseByForm(h);
      await runner.tick();
      h.t.clock.set('2026-11-23T10:02:00Z');
      await runner.tick();
      await expect.poll(() => pages()).toEqual(['duty phone', 'Sam SMS']);
      // The e-mail's connection may be accepted a moment after the texts went out.
      await expect.poll(() => smtp.events[0]).toBe('relay accepted a connection and said nothing');
      h.t.clock.set('2026-11-23T10:05:00Z');
      await runner.tick();
      expect((await alerts(h)).filter(([name]) => name === 'Sam')).toEqual([
        ['Sam', '10:00:00'],
        ['Sam', '10:05:00'],
      ]);
      const started = Date.now();
      await press(h, h.sam, 'escalation.ack', (await h.t.deps.db.escalation.findFirstOrThrow()).id);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await h.t.deps.db.escalation.findFirstOrThrow()).status).toBe('acknowledged');
      // Still waiting for the relay's greeting when the acknowledgement committed.
      expect(smtp.events).not.toContain('relay answered');
    } finally {
      smtp.speak();
      await runner.stop();
      h.t.deps.config.ALERT_TIMEOUT_MS = 2_000;
    }
  });

  it('a P2 pages out of chat only outside working hours; a P3 never', async () => {
    await raiseByForm(h, { category: 'safeguarding' });
    expect(await pagedAt('10:00', '10:02', '11:00', '11:02')).toEqual([]);
    await reset(h);
    await roundTheClock(h);
    h.t.clock.set('2026-11-23T19:00:00Z');
    await raiseByForm(h, { category: 'safeguarding' });
    await raiseByForm(h, { category: 'other' });
    expect(await pagedAt('19:00', '19:02')).toEqual([
      '19:00 Sam e-mail',
      '19:00 duty inbox',
      '19:00 duty phone',
      '19:02 Sam SMS',
    ]);
  });
});
