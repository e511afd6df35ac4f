// Sending a contact method's verification code, and `/profile contact`. The code is made in the
// job's transaction (only its hash is stored), sent after it commits, and the send settles under
// the lease (claim → commit → send → settle); a retry makes a new code, so only the last one sent
// works. `codeRound` fences the job: asking for a new code, or changing the address, voids it.
import { recordEvent } from '../../core/events.js';
import type { OptionValue } from '../../core/interaction.js';
import type { Message } from '../../core/message.js';
import { Refusal, type Router } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import type { JobKind, JobRow, JobRegistry } from '../../jobs/registry.js';
import { PermanentJobError } from '../../jobs/runner.js';
import { postWebhook, sendMail } from '../escalation/api.js';
import {
  CODE_TTL_MS,
  contactKinds,
  hashVerificationCode,
  newVerificationCode,
  type ContactKind,
} from './contact-policy.js';
import {
  CONTACT_VERIFY_JOB,
  contactHolding,
  contactView,
  openAddress,
  removeMethod,
  resendCode,
  routeConfigured,
  saveMethod,
  verifyMethod,
} from './contact.js';

interface CodeMessage {
  kind: ContactKind;
  address: string;
  code: string;
}

async function roundFence(tx: Tx, job: JobRow): Promise<string | null> {
  const rows = await tx.$queryRaw<
    { codeRound: number }[]
  >`SELECT "codeRound" FROM "ContactMethod" WHERE "id" = ${job.subjectId}::uuid FOR UPDATE`;
  return rows[0] ? String(rows[0].codeRound) : null;
}

export const codeText = (code: string) =>
  `Your verification code is ${code}. Within 15 minutes, enter it in chat with the profile contact command (verify, code ${code}). It lets urgent escalations page you here. If you did not ask for it, ignore this message.`;

const verifyKind: JobKind<unknown, CodeMessage> = {
  catchUp: 'run',
  maxAttempts: 5,
  backoff: { baseMs: 5_000, maxMs: 60_000 },
  fence: roundFence,
  async handler({ deps, tx, job, now }) {
    const method = await tx.contactMethod.findUnique({ where: { id: job.subjectId! } });
    if (!method || method.verifiedAt) return;
    if (!routeConfigured(deps, method.kind)) throw new PermanentJobError(`${method.kind} route no longer configured`);
    const code = newVerificationCode();
    await tx.contactMethod.update({
      where: { id: method.id },
      data: {
        codeHash: hashVerificationCode(method.id, code),
        codeSentAt: now,
        codeExpiresAt: new Date(now.getTime() + CODE_TTL_MS),
        codeAttempts: 0,
      },
    });
    return { kind: method.kind, address: await openAddress(tx, deps, method), code };
  },
  async send({ deps, outgoing, now }) {
    const c = deps.config;
    const options = { timeoutMs: c.ALERT_TIMEOUT_MS, caFile: c.ALERT_TLS_CA_FILE };
    if (outgoing.kind === 'email') {
      await sendMail(
        c.ALERT_SMTP_URL!,
        {
          from: c.ALERT_EMAIL_FROM ?? 'escalations@localhost',
          to: [outgoing.address],
          subject: 'Your verification code for escalation paging',
          body: codeText(outgoing.code),
          date: now,
        },
        options,
      );
    } else {
      await postWebhook(
        c.ALERT_WEBHOOK_URL!,
        { to: [outgoing.address], text: codeText(outgoing.code), purpose: 'verification' },
        { secret: c.ALERT_WEBHOOK_SECRET!, at: now },
        options,
      );
    }
  },
  async settle({ tx, job, now, outgoing }) {
    const method = await tx.contactMethod.findUnique({ where: { id: job.subjectId! }, select: { memberId: true } });
    if (method)
      await recordEvent(tx, {
        subjectKind: 'member',
        subjectId: method.memberId,
        kind: 'member.contact_code_sent',
        at: now,
        data: { method: outgoing.kind },
      });
  },
};

const text = (v: OptionValue | undefined) => (v === undefined ? undefined : String(v).trim() || undefined);
const kindOf = (v: string | undefined): ContactKind | undefined => {
  if (v === undefined) return undefined;
  const word = v
    .toLowerCase()
    .replace(/^e-?mail$/, 'email')
    .replace(/^(text|phone|mobile)$/, 'sms');
  if (!contactKinds.includes(word as ContactKind)) throw new Refusal('method: say email or sms.');
  return word as ContactKind;
};

export function registerContactJobs(jobs: JobRegistry): void {
  jobs.register(CONTACT_VERIFY_JOB, verifyKind);
}

export function registerContact(router: Router): void {
  router.holding(contactHolding);
  router.command('profile.contact', async (ctx, options) => {
    const change = text(options.change)?.toLowerCase() ?? 'show';
    const address = text(options.address);
    // Typed by position (`verify 123456`, `remove sms`), the word lands in address:.
    const method = kindOf(
      text(options.method) ??
        (change !== 'email' && change !== 'sms' && address && /^[a-z-]+$/i.test(address) ? address : undefined),
    );
    const say = async (message: Promise<Message>) => ({ replies: [{ to: 'actor' as const, message: await message }] });
    switch (change) {
      case 'show':
        return say(contactView(ctx));
      case 'email':
      case 'sms':
        return say(saveMethod(ctx, change, { address, delay: text(options.delay) }));
      case 'delay':
        if (!method)
          throw new Refusal(
            'method: say which one gets the delay, email or sms, like /profile contact change:delay method:sms delay:2.',
          );
        if (!text(options.delay))
          throw new Refusal('delay: give the minutes after you are paged, from 0 (immediately) to 60, like delay:5.');
        return say(saveMethod(ctx, method, { delay: text(options.delay) }));
      case 'verify':
        return say(verifyMethod(ctx, text(options.code) ?? (method ? '' : (address ?? '')), method));
      case 'resend':
        return say(resendCode(ctx, method));
      case 'remove':
        if (!method)
          throw new Refusal(
            'method: say which one to remove, email or sms, like /profile contact change:remove method:sms.',
          );
        return say(removeMethod(ctx, method));
      default:
        throw new Refusal('change: choose show, email, sms, verify, resend, delay or remove.');
    }
  });
}
