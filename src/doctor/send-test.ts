// --send-test: one test alert to the person running the doctor (an e-mail to their address through
// ALERT_SMTP_URL, or a text to their number through ALERT_WEBHOOK_URL), never to the on-call list.
import type { Config } from '../config.js';
import { postWebhook, sendMail } from '../features/escalation/out-of-chat.js';
import { failed, passed, type CheckResult } from './result.js';

const EMAIL = /^[^,\s@]+@[^,\s@]+$/;
const PHONE = /^\+?\d[\d ]{4,19}$/;
const TEXT = 'A test from npm run doctor: the bot can reach you this way. Nothing needs doing.';

export async function sendTest(config: Config, to: string, timeoutMs: number): Promise<CheckResult> {
  const options = { timeoutMs, caFile: config.ALERT_TLS_CA_FILE };
  try {
    if (EMAIL.test(to)) {
      if (!config.ALERT_SMTP_URL) return failed('send_test', 'Test e-mail not sent: ALERT_SMTP_URL is not set.');
      await sendMail(
        config.ALERT_SMTP_URL,
        {
          from: config.ALERT_EMAIL_FROM ?? 'escalations@localhost',
          to: [to],
          subject: `${config.NETWORK_NAME}: test alert`,
          body: TEXT,
        },
        options,
      );
      return passed('send_test', `Test e-mail sent to ${to}: check that it arrived.`);
    }
    if (PHONE.test(to)) {
      if (!config.ALERT_WEBHOOK_URL || !config.ALERT_WEBHOOK_SECRET)
        return failed('send_test', 'Test text not sent: ALERT_WEBHOOK_URL is not set.');
      await postWebhook(
        config.ALERT_WEBHOOK_URL,
        { to: [to.replace(/ /g, '')], text: TEXT, escalation: 0, tier: 'test', step: 0 },
        { secret: config.ALERT_WEBHOOK_SECRET, at: new Date() },
        options,
      );
      return passed('send_test', `Test text sent to ${to}: check that it arrived.`);
    }
    return failed(
      'send_test',
      '--send-test needs your own e-mail address or phone number, for example --send-test=you@example.org.',
    );
  } catch (error) {
    return failed('send_test', `Test alert to ${to} failed: ${(error as Error).message}.`);
  }
}
