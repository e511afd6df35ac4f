// Mentor care's network settings, changed with `/network settings mentor_training:"safeguarding*, prevent"`
// and its siblings: the training modules (a * marks a mandatory one), the supervision cadence, pay
// (a day rate and hours per day, or an hourly rate) and the weekly sessions threshold. A bad value
// is refused naming the option, and nothing changes.
import type { OptionValue } from '../../core/interaction.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, Response } from '../../core/router.js';
import {
  parseTrainingModules,
  readSettings,
  trainingModulesText,
  writeSettings,
  type MentorCareSettings,
} from '../../core/settings.js';
import { auditSettings } from '../members/api.js';
import { money, parseMoney } from './policy.js';

const names = [
  'mentor_training',
  'mentor_cadence_weeks',
  'mentor_day_rate',
  'mentor_hours_per_day',
  'mentor_hourly_rate',
  'mentor_sessions_threshold',
] as const;

/** True when a `/network settings` run names any mentor care setting. */
export const namesMentorCare = (options: Record<string, OptionValue>) =>
  names.some((name) => options[name] !== undefined);

export const mentorCareText = (m: MentorCareSettings) =>
  `training modules ${trainingModulesText(m.trainingModules) || 'none'} (* mandatory); supervision every ${m.supervisionCadenceWeeks} weeks; pay ${m.pay.basis === 'day' ? `${money(m.pay.ratePence)} a day of ${m.pay.hoursPerDay} hours` : `${money(m.pay.ratePence)} an hour`}; a gentle check-in after more than ${m.weeklySessionsThreshold} sessions in a week`;

export async function changeMentorCare(ctx: ActorContext, options: Record<string, OptionValue>): Promise<Response> {
  const { mentorCare: current } = await readSettings(ctx.tx, ctx.deps);
  const next: MentorCareSettings = { ...current, pay: { ...current.pay } };
  const problems: string[] = [];
  if (options.mentor_training !== undefined) {
    const modules = parseTrainingModules(String(options.mentor_training));
    if (modules) next.trainingModules = modules;
    else
      problems.push(
        'mentor_training: give module names (letters, digits, _) separated by commas, with * after a mandatory one, e.g. safeguarding*, prevent.',
      );
  }
  if (typeof options.mentor_cadence_weeks === 'number') next.supervisionCadenceWeeks = options.mentor_cadence_weeks;
  if (typeof options.mentor_sessions_threshold === 'number')
    next.weeklySessionsThreshold = options.mentor_sessions_threshold;
  for (const [name, basis] of [
    ['mentor_day_rate', 'day'],
    ['mentor_hourly_rate', 'hour'],
  ] as const) {
    if (options[name] === undefined) continue;
    const rate = parseMoney(String(options[name]));
    if (rate === undefined) problems.push(`${name}: give an amount such as 150.00.`);
    else next.pay = { ...next.pay, basis, ratePence: rate };
  }
  if (options.mentor_hours_per_day !== undefined) {
    const hours = Number(String(options.mentor_hours_per_day));
    if (!/^\d{1,2}(\.\d{1,2})?$/.test(String(options.mentor_hours_per_day)) || hours <= 0 || hours > 24)
      problems.push('mentor_hours_per_day: give hours such as 7.5 (more than 0, at most 24).');
    else next.pay = { ...next.pay, hoursPerDay: hours };
  }
  if (problems.length) throw new Refusal(`${problems.join(' ')} Nothing was changed.`);
  await writeSettings(ctx.tx, ctx.deps, { mentorCare: next });
  await auditSettings(ctx, { mentorCare: true });
  return {
    replies: [
      { to: 'actor', message: { text: `Mentor care settings saved: ${mentorCareText(next)}.`, tone: 'success' } },
    ],
  };
}
