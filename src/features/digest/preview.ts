// A coordinator's preview of a draft, before anything is published: the figures as they will read,
// then every figure and theme held back with its reason, and the thresholds that decided it.
import type { Message } from '../../core/message.js';
import { digestThresholdFloors as floors, type DigestThresholds } from '../../core/settings.js';
import type { Figures, TierName } from './counts.js';
import { PUBLISH, themeLabel } from './forms.js';
import { figureLines } from './messages.js';
import { periodSpan, periodWords, type Period } from './period.js';
import type { Shown } from './suppression.js';
import { thresholdsText } from './thresholds.js';

export interface PreviewInput {
  digestId: string;
  period: Period;
  figures: Figures;
  items: { total: number; waiting: number };
  /** Distinct contributors per theme among the items not rejected or withdrawn. */
  themes: Map<string, number>;
  thresholds: DigestThresholds;
}

const activity = [
  ['sessions', 'Sessions logged'],
  ['debriefs', 'Debriefs'],
  ['supervisionAnswered', 'Supervision requests answered'],
  ['checkins', 'Check-ins answered'],
] as const;

/** Why a label is not the rounded count; undefined when it is. */
function reason(shown: Shown, what: 'count' | 'tier' | 'total'): string | undefined {
  if (shown.kind === 'fewer-than')
    return `shown as "fewer than ${shown.under}": a count under ${shown.under} is never shown`;
  if (shown.kind === 'count') return undefined;
  if (what === 'tier') return 'not shown: hidden so that a small count beside it cannot be worked out from the total';
  return what === 'total' ? 'not shown: a small total, or one that would let a small tier be worked out' : 'not shown';
}

/** Every figure and theme held back, each with its reason. */
export function heldBack(
  input: Pick<PreviewInput, 'figures' | 'themes' | 'thresholds'>,
): { label: string; value: string }[] {
  const { figures, themes, thresholds } = input;
  const held: { label: string; value: string }[] = [];
  const add = (label: string, why: string | undefined) => why && held.push({ label, value: why });
  for (const [key, label] of activity) add(label, reason(figures[key], 'count'));
  if (figures.medianHoursToAnswer === null)
    add('Median time to answer', `not shown: fewer than ${figures.rules.countUnder} requests were answered`);
  for (const tier of ['P1', 'P2', 'P3'] as TierName[])
    add(`Escalations ${tier}`, reason(figures.escalations[tier], 'tier'));
  add('Escalations, all tiers', reason(figures.escalations.total, 'total'));
  for (const [theme, contributors] of themes) {
    if (contributors < thresholds.themeContributors) {
      add(
        `Theme: ${themeLabel(theme)}`,
        `left off: ${contributors} contributor(s); a theme needs ${thresholds.themeContributors}`,
      );
    }
  }
  return held;
}

export function reviewSummaryMessage(input: PreviewInput): Message {
  const { period, figures, items, themes, thresholds } = input;
  const named = [...themes]
    .filter(([, n]) => n >= thresholds.themeContributors)
    .map(([theme, n]) => `${themeLabel(theme)} (${n} contributors)`);
  const held = heldBack(input);
  return {
    title: `Digest draft for ${period.label} (${periodSpan(period)})`,
    text:
      `The digest of the ${periodWords[period.kind]} is drafted and waits for you. Nothing is posted until a coordinator publishes it.\n` +
      `${items.total} item(s), ${items.waiting} waiting for a decision. Approve, edit or reject each item, then publish.\n\n` +
      `Figures as they will be published:\n${figureLines(figures)
        .map((l) => `• ${l}`)
        .join('\n')}\n` +
      `Themes that would be named (items not rejected): ${named.join(', ') || 'none'}.\n\n` +
      `${held.length ? `Held back (${held.length}), each with its reason, below.` : 'Nothing is held back.'} ` +
      `Thresholds: ${thresholdsText(thresholds)}. /network settings changes them (floors: counts under ${floors.countUnder}, rounding to ${floors.rounding}, ${floors.themeContributors} contributors a theme).`,
    fields: held,
    buttons: [{ actionId: PUBLISH, label: 'Publish digest', value: input.digestId, style: 'primary' }],
  };
}
