// The week's figures: true counts from the tables other capabilities fill, then the labels the digest
// may publish (primary and secondary suppression, earlier published weeks held fixed).
import type { Tx } from '../../db/client.js';
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
export interface Figures {
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
}

export async function countWeek(tx: Tx, range: { from: Date; to: Date }): Promise<WeekCounts> {
  const within = { gte: range.from, lt: range.to };
  const [sessions, debriefs, answered, escalations, checkins] = await Promise.all([
    tx.mentoringSession.count({ where: { status: 'ended', endedAt: within } }),
    tx.debrief.count({ where: { createdAt: within } }),
    tx.supervisionRequest.findMany({ where: { acceptedAt: within }, select: { createdAt: true, acceptedAt: true } }),
    tx.escalation.groupBy({ by: ['tier'], where: { raisedAt: within }, _count: { _all: true } }),
    tx.checkin.count({ where: { answeredAt: within } }),
  ]);
  const byTier = { P1: 0, P2: 0, P3: 0 };
  for (const row of escalations) byTier[row.tier as TierName] = row._count._all;
  return {
    sessions,
    debriefs,
    supervisionAnswered: answered.length,
    answerMinutes: answered.map((r) =>
      Math.max(0, Math.round((r.acceptedAt!.getTime() - r.createdAt.getTime()) / 60_000)),
    ),
    escalations: byTier,
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

/** A label as stored before thresholds were settings ("fewer-than-10"), read as it is now. */
function label(stored: unknown): Shown {
  const s = (stored ?? {}) as { kind?: string; value?: number; under?: number };
  if (s.kind === 'count' && typeof s.value === 'number') return { kind: 'count', value: s.value };
  if (s.kind === 'fewer-than-10') return { kind: 'fewer-than', under: 10 };
  if (s.kind === 'fewer-than' && typeof s.under === 'number') return { kind: 'fewer-than', under: s.under };
  return { kind: 'not-shown' };
}

/** Digest.figures as stored (any version) read as current Figures; version 1 was given by the cautious rules. */
export function readFigures(stored: unknown): Figures {
  const f = (stored ?? {}) as Record<string, unknown> & {
    escalations?: Record<string, unknown>;
    rules?: CountRules;
    medianHoursToAnswer?: number | null;
  };
  const escalations = f.escalations ?? {};
  return {
    version: 2,
    rules: f.version === 2 && f.rules ? f.rules : cautious,
    sessions: label(f.sessions),
    debriefs: label(f.debriefs),
    supervisionAnswered: label(f.supervisionAnswered),
    medianHoursToAnswer: typeof f.medianHoursToAnswer === 'number' ? f.medianHoursToAnswer : null,
    checkins: label(f.checkins),
    escalations: {
      P1: label(escalations.P1),
      P2: label(escalations.P2),
      P3: label(escalations.P3),
      total: label(escalations.total),
    },
  };
}

/** A shown label as the chart wants it: the rounded count, or null when it is not drawn. */
export const chartValue = (shown: Shown): number | null => (shown.kind === 'count' ? shown.value : null);
