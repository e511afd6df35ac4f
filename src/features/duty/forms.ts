// Duty rota messages in the neutral model: names, positions and times only.
import type { Message } from '../../core/message.js';
import { localText, minuteText, weekdays, type Gap, type PatternRow, type Shift } from './policy.js';

export const CONFIRM_HANDOVER = 'duty.handover.confirm';

export function whoMessage(
  primary: { name: string; until: Date } | undefined,
  backup: { name: string; until: Date } | undefined,
  zone: string,
): Message {
  return {
    title: 'On duty now',
    text: primary
      ? `${primary.name} is the duty coordinator. For anything urgent use /escalate: it reaches them at once. If anyone’s life is in immediate danger, call the emergency services (999) first.`
      : 'Nobody is on the duty rota right now. /escalate still works: it tells the backup and every coordinator at once. If anyone’s life is in immediate danger, call the emergency services (999) first.',
    fields: [
      {
        label: 'Duty coordinator',
        value: primary ? `${primary.name} (until ${localText(primary.until, zone)})` : 'nobody',
      },
      { label: 'Backup', value: backup ? `${backup.name} (until ${localText(backup.until, zone)})` : 'nobody' },
    ],
  };
}

export function rotaMessage(pattern: PatternRow[], shifts: Shift[], names: Map<string, string>, zone: string): Message {
  const name = (id: string) => names.get(id) ?? 'a former coordinator';
  return {
    title: `Duty rota (times in ${zone})`,
    text: pattern.length
      ? 'The weekly pattern, then one-off shifts and cover for the next 7 days (these override the pattern while they last).'
      : 'No weekly pattern yet. Add one with /duty rota change:add day:mon from:09:00 to:17:00 member:<name>.',
    fields: [
      ...pattern.map((p) => ({
        label: `${weekdays[p.weekday - 1]} ${minuteText(p.startMinute)}–${minuteText(p.endMinute % 1440)} ${p.position}`,
        value: name(p.coordinatorId),
      })),
      ...shifts
        .filter((s) => s.source === 'one-off')
        .map((s) => ({
          label: `${localText(s.startsAt, zone)} → ${localText(s.endsAt, zone)} ${s.position}`,
          value: name(s.coordinatorId),
        })),
    ],
  };
}

export function gapsMessage(gaps: Gap[], zone: string): Message {
  return {
    title: 'Gaps in duty cover, next 7 days',
    text: 'Nobody is on the rota at these times. /duty cover or /duty rota fills them. Escalations raised in a gap go to the backup and every coordinator at once.',
    fields: gaps
      .slice(0, 25)
      .map((g) => ({
        label: g.position === 'primary' ? 'Duty coordinator' : 'Backup',
        value: `${localText(g.from, zone)} → ${localText(g.to, zone)}`,
      })),
    tone: 'warning',
  };
}

export function handoverMessage(
  handoverId: string,
  open: { number: number; tier: string; category: string; caseCode: string | null; status: string }[],
): Message {
  return {
    title: 'You are now the duty coordinator',
    text: open.length
      ? `Thank you for taking over. These escalations are open (details: /escalation show <number>). Please confirm you have them.`
      : 'Thank you for taking over. There are no open escalations right now. Please confirm you are on duty.',
    fields: open
      .slice(0, 25)
      .map((e) => ({
        label: `#${e.number} ${e.tier} ${e.status.replace('_', ' ')}`,
        value: `${e.category}${e.caseCode ? `, ${e.caseCode}` : ''}`,
      })),
    buttons: [{ actionId: CONFIRM_HANDOVER, label: 'Confirm handover', value: handoverId, style: 'primary' }],
    tone: 'info',
  };
}

export const handoverReminder = (handoverId: string): Message => ({
  text: 'A reminder: please confirm you have taken over as duty coordinator (and have the open escalations).',
  buttons: [{ actionId: CONFIRM_HANDOVER, label: 'Confirm handover', value: handoverId, style: 'primary' }],
  tone: 'warning',
});

export const handoverUnconfirmed = (name: string, since: Date, zone: string): Message => ({
  text: `${name} has not confirmed taking over as duty coordinator (since ${localText(since, zone)}). As backup, please check in with them, or take over with /duty cover.`,
  tone: 'warning',
});
