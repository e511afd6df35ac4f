// Sending a contact method's verification code. The code is made in the job's transaction (only its
// hash is stored), sent after it commits, and the send settles under the lease (claim → commit →
// send → settle); a retry makes a new code, so only the last one sent works. `codeRound` fences the
// job: asking for a new code, or changing the address, voids it.
import { recordEvent } from '../../core/events.js';
import type { Tx } from '../../db/client.js';
import type { JobRow } from '../../jobs/registry.js';
import { PermanentJobError } from '../../jobs/runner.js';
import { postWebhook, sendMail } from '../escalation/api.js';
import { job } from '../feature.js';
import { CODE_TTL_MS, hashVerificationCode, newVerificationCode, type ContactKind } from './contact-policy.js';
import { CONTACT_VERIFY_JOB, openAddress, routeConfigured } from './contact.js';

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

const codeText = (code: string) =>
  `Your verification code is ${code}. Within 15 minutes, enter it in chat with the profile contact command (verify, code ${code}). It lets urgent escalations page you here. If you did not ask for it, ignore this message.`;

export const memberJobs = {
  [CONTACT_VERIFY_JOB]: job<unknown, CodeMessage>({
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
  }),
};
