// The digest's suppression thresholds as network settings: `/network settings digest_count_under:5`
// and its two siblings change them. A value below its safe floor is refused with the floor named
// and nothing changes; what is stored is checked against the floors again when it is used.
import type { OptionValue } from '../../core/interaction.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, Response } from '../../core/router.js';
import {
  digestThresholdFloors as floors,
  readSettings,
  roundingChoices,
  writeSettings,
  type DigestThresholds,
  type SettingsSource,
} from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import { recordBy } from './audit.js';
import type { CountRules } from './suppression.js';

const optionNames = {
  countUnder: 'digest_count_under',
  rounding: 'digest_rounding',
  themeContributors: 'digest_theme_contributors',
} as const;

/** The rules a digest is given by: the network's settings, never below the floors. */
export async function digestRules(
  tx: Tx,
  from: SettingsSource,
): Promise<{ counts: CountRules; themeContributors: number }> {
  const { digest } = await readSettings(tx, from);
  return {
    counts: {
      countUnder: Math.max(floors.countUnder, digest.countUnder),
      rounding: Math.max(floors.rounding, digest.rounding),
    },
    themeContributors: Math.max(floors.themeContributors, digest.themeContributors),
  };
}

/** True when a `/network settings` run names any digest threshold. */
export const namesThresholds = (options: Record<string, OptionValue>) =>
  Object.values(optionNames).some((name) => options[name] !== undefined);

/** Why a value cannot be used, naming its floor; undefined when it can. */
export function thresholdProblem(key: keyof DigestThresholds, value: number): string | undefined {
  switch (key) {
    case 'countUnder':
      return value < floors.countUnder
        ? `Counts under ${floors.countUnder} are always suppressed: the count threshold cannot go below ${floors.countUnder} (its safe floor).`
        : value > 100
          ? 'The count threshold can be at most 100.'
          : undefined;
    case 'rounding':
      return roundingChoices.some((n) => n === value)
        ? undefined
        : `Counts are always rounded, to the nearest ${roundingChoices.join(' or ')}: ${floors.rounding} is the safe floor.`;
    case 'themeContributors':
      return value < floors.themeContributors
        ? `A theme needs at least ${floors.themeContributors} distinct contributors before it is named (its safe floor).`
        : value > 100
          ? 'A theme can need at most 100 contributors.'
          : undefined;
  }
}

export const thresholdsText = (t: DigestThresholds) =>
  `counts under ${t.countUnder} are shown as "fewer than ${t.countUnder}", others rounded to the nearest ${t.rounding}; a theme is named with ${t.themeContributors} or more contributors`;

export async function changeDigestThresholds(
  ctx: ActorContext,
  options: Record<string, OptionValue>,
): Promise<Response> {
  const { digest: current } = await readSettings(ctx.tx, ctx.deps);
  const next: DigestThresholds = { ...current };
  const problems: string[] = [];
  for (const key of Object.keys(optionNames) as (keyof DigestThresholds)[]) {
    const given = options[optionNames[key]];
    if (typeof given !== 'number') continue;
    const problem = thresholdProblem(key, given);
    if (problem) problems.push(problem);
    else Object.assign(next, { [key]: given });
  }
  if (problems.length) throw new Refusal(`${problems.join(' ')} Nothing was changed.`);
  await writeSettings(ctx.tx, ctx.deps, { digest: next });
  await recordBy(ctx, { kind: 'network', id: 'settings' }, 'network.settings_changed', { digest: next });
  return {
    replies: [
      {
        to: 'actor',
        message: {
          text: `Digest thresholds saved: ${thresholdsText(next)}. The next draft uses them; a coordinator's preview shows what they suppress.`,
          tone: 'success',
        },
      },
    ],
  };
}
