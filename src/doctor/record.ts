// The background checks' last word, kept as a `setup.checked` event (check names and their fixed
// lines, never secrets), so the daily cover check on any replica can tell coordinators what is broken.
// Imports nothing from the surfaces: features may use it.
import { z } from 'zod';
import { recordEvent } from '../core/events.js';
import type { Message } from '../core/message.js';
import type { Tx } from '../db/client.js';

const recordedFailures = z.object({ failing: z.array(z.object({ check: z.string(), line: z.string() })) });

export async function recordSetupCheck(tx: Tx, at: Date, failing: { check: string; line: string }[]): Promise<void> {
  await recordEvent(tx, { subjectKind: 'setup', subjectId: 'doctor', kind: 'setup.checked', at, data: { failing } });
}

/** The lines of the checks failing at the last background run since `since` (none when all passed or none ran). */
export async function setupProblems(tx: Tx, since: Date): Promise<string[]> {
  const last = await tx.event.findFirst({
    where: { subjectKind: 'setup', subjectId: 'doctor', kind: 'setup.checked', at: { gte: since } },
    orderBy: { at: 'desc' },
  });
  const recorded = recordedFailures.safeParse(last?.data);
  return recorded.success ? recorded.data.failing.map((f) => f.line) : [];
}

/** For the coordinators' channel: what the setup check found broken, and how to see it again. */
export function setupProblemsMessage(lines: string[]): Message {
  return {
    title: 'The bot’s setup needs attention',
    text: `The daily setup check found ${lines.length === 1 ? 'a problem' : `${lines.length} problems`} that can stop messages reaching people (an escalation among them):\n${lines.map((l) => `• ${l}`).join('\n')}\nWhoever runs the bot can see them all with npm run doctor.`,
    tone: 'warning',
  };
}
