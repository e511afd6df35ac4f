// The week's figures: true counts from the tables other capabilities fill (read through their api),
// then the labels the digest may publish (primary and secondary suppression, earlier published weeks
// held fixed), and Digest.figures as stored, parsed back whatever version wrote it.
import { z } from 'zod';
import type { Tx } from '../../db/client.js';
import { debriefsWrittenIn } from '../debrief/api.js';
import { escalationsRaisedByTier } from '../escalation/api.js';
import { sessionsEndedIn } from '../sessions/api.js';
import { requestsAnsweredIn } from '../supervision/api.js';
import { checkinsAnsweredIn } from '../welfare/api.js';
import {
  cautious,
  publishMedian,
  secondarySuppression,
  shownCount,
  type CountRules,
  type Shown,
} from './suppression.js';

export const tiers = ['P1', 'P2', 'P3'] as const;
export type TierName = (typeof tiers)[number];

export interface WeekCounts {
  sessions: number;
  debriefs: number;
  supervisionAnswered: number;
  /** Minutes from each answered request's creation to its acceptance. */
  answerMinutes: number[];
  escalations: Record<TierName, number>;
  checkins: number;
}

/** What a published digest shows for its period (kept in Digest.figures): labels only, never true counts. */
export type Figures = {
  version: 2;
  /** The rules the labels were given by, so later periods read them as their readers do. */
  rules: CountRules;
  sessions: Shown;
  debriefs: Shown;
  supervisionAnswered: Shown;
  /** Hours, to one decimal; null over fewer answered requests than the count threshold. */
  medianHoursToAnswer: number | null;
  checkins: Shown;
  escalations: Record<TierName, Shown> & { total: Shown };
};

export async function countWeek(tx: Tx, range: { from: Date; to: Date }): Promise<WeekCounts> {
  const [sessions, debriefs, answered, escalations, checkins] = await Promise.all([
    sessionsEndedIn(tx, range),
    debriefsWrittenIn(tx, range),
    requestsAnsweredIn(tx, range),
    escalationsRaisedByTier(tx, range),
    checkinsAnsweredIn(tx, range),
  ]);
  return {
    sessions,
    debriefs,
    supervisionAnswered: answered.length,
    answerMinutes: answered.map((r) =>
      Math.max(0, Math.round((r.answeredAt.getTime() - r.askedAt.getTime()) / 60_000)),
    ),
    escalations,
    checkins,
  };
}

const activity = ['sessions', 'debriefs', 'supervisionAnswered', 'checkins'] as const;

/**
 * The labels for this period. `earlier` are published periods (oldest first) with their labels, which
 * stay as published; their true counts only guide which extra positions to hide.
 * Escalations by tier are shown with the week's total, so that table gets secondary suppression;
 * the activity counts are separate measures with no sums published, so each is suppressed alone.
 */
export function publishFigures(
  current: WeekCounts,
  earlier: readonly { counts: WeekCounts; figures: Figures }[],
  rules: CountRules = cautious,
): Figures {
  const table = secondarySuppression({
    cells: [...earlier.map((e) => tiers.map((t) => e.counts.escalations[t])), tiers.map((t) => current.escalations[t])],
    rules,
    totals: { rows: true, columns: false, grand: false },
    published: {
      cells: [...earlier.map((e) => tiers.map((t) => e.figures.escalations[t])), tiers.map(() => undefined)],
      rowTotals: [...earlier.map((e) => e.figures.escalations.total), undefined],
      rowRules: [...earlier.map((e) => e.figures.rules), undefined],
    },
  });
  const last = table.cells.at(-1)!;
  const median = publishMedian(current.answerMinutes, rules);
  const shown = Object.fromEntries(activity.map((k) => [k, shownCount(current[k], rules)])) as Record<
    (typeof activity)[number],
    Shown
  >;
  return {
    version: 2,
    rules,
    ...shown,
    medianHoursToAnswer: median === null ? null : Math.round(median / 6) / 10,
    escalations: { P1: last[0]!, P2: last[1]!, P3: last[2]!, total: table.rowTotals!.at(-1)! },
  };
}

/** A label as stored, in any version ("fewer-than-10" was stored before thresholds were settings). */
const storedLabel: z.ZodType<Shown> = z
  .union([
    z.object({ kind: z.literal('count'), value: z.number() }),
    z.object({ kind: z.literal('fewer-than'), under: z.number() }),
    z.object({ kind: z.literal('fewer-than-10') }).transform((): Shown => ({ kind: 'fewer-than', under: 10 })),
  ])
  .catch({ kind: 'not-shown' });

const notShown = { kind: 'not-shown' } as const;

/** Digest.figures as stored: anything missing or unreadable is "not shown", never guessed. */
const storedFigures = z
  .object({
    version: z.unknown(),
    rules: z.object({ countUnder: z.number(), rounding: z.number() }).optional().catch(undefined),
    sessions: storedLabel,
    debriefs: storedLabel,
    supervisionAnswered: storedLabel,
    medianHoursToAnswer: z.number().nullable().catch(null),
    checkins: storedLabel,
    escalations: z
      .object({ P1: storedLabel, P2: storedLabel, P3: storedLabel, total: storedLabel })
      .catch({ P1: notShown, P2: notShown, P3: notShown, total: notShown }),
  })
  .catch({
    version: undefined,
    rules: undefined,
    sessions: notShown,
    debriefs: notShown,
    supervisionAnswered: notShown,
    medianHoursToAnswer: null,
    checkins: notShown,
    escalations: { P1: notShown, P2: notShown, P3: notShown, total: notShown },
  });

/** Digest.figures as stored (any version) read as current Figures; version 1 was given by the cautious rules. */
export function readFigures(stored: unknown): Figures {
  const { version, rules, ...labels } = storedFigures.parse(stored);
  return { version: 2, rules: version === 2 && rules ? rules : cautious, ...labels };
}

/** A shown label as the chart wants it: the rounded count, or null when it is not drawn. */
export const chartValue = (shown: Shown): number | null => (shown.kind === 'count' ? shown.value : null);
