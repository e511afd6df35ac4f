// /report: a one-time sign-in link to the report page for the period asked (checked here first,
// so a wrong date is answered in chat).
import type { Message } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { publicLink } from '../../web/index.js';
import { parsePeriod } from './period.js';
import { createSignInLink, LINK_MINUTES } from './signin.js';

export async function requestReportLink(ctx: ActorContext, typed: { from?: string; to?: string }): Promise<Message> {
  const { networkTimeZone } = await readSettings(ctx.tx, ctx.deps);
  const period = parsePeriod(typed, ctx.now, networkTimeZone);
  if ('problem' in period) throw new Refusal(`${period.problem} For example: /report 2026-01-01 2026-03-31.`);
  const token = await createSignInLink(ctx.tx, ctx.actor.memberId, period, ctx.now);
  const link = publicLink(ctx.deps.config, `/report/sign-in/${token}`);
  const cut = period.cutToToday ? ' (up to today: later days have not happened yet)' : '';
  return {
    title: 'Programme report',
    text: `Your report for ${period.from} to ${period.to}${cut}: ${link}\nThe link is yours alone, works once and for ${LINK_MINUTES} minutes; open it and press Continue. The page then stays open for 8 hours.`,
    tone: 'info',
  };
}
