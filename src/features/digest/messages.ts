// The digest's wording: what a contributor and a coordinator are shown of an item, and the figures'
// lines. Contributions are sensitive until published: the text shown is always the redacted one.
import type { Message } from '../../core/message.js';
import type { Figures } from './counts.js';
import { APPROVE_ITEM, EDIT_ITEM, REJECT_ITEM, themeLabel, WITHDRAW } from './forms.js';
import { describe as describeShown } from './suppression.js';

export interface ItemView {
  id: string;
  themes: string[];
  tags: string[];
  text: string;
  status: string;
  credit: string;
}

const statusWords: Record<string, string> = {
  in_draft: 'waiting for a decision',
  approved: 'approved',
  rejected: 'not included',
  withdrawn: 'withdrawn by the contributor',
  published: 'published',
};

export function contributorItemMessage(item: ItemView, week: string): Message {
  return {
    title: `Your digest item for ${week}`,
    text:
      `This is how your item will read in the digest for ${week}, after anonymisation${item.status === 'approved' ? ' and a coordinator’s edit' : ''}. ` +
      `You can withdraw it at any time until the digest is published.\n\n${item.text}`,
    buttons: [{ actionId: WITHDRAW, label: 'Withdraw my item', value: item.id, style: 'danger' }],
    tone: 'info',
  };
}

export function reviewItemMessage(item: ItemView, index: number, week: string, decidedBy?: string): Message {
  const open = item.status === 'in_draft' || item.status === 'approved' || item.status === 'rejected';
  return {
    title: `Digest ${week}, item ${index}: ${statusWords[item.status] ?? item.status}${decidedBy ? ` (${decidedBy})` : ''}`,
    text: item.text,
    fields: [
      { label: 'Themes', value: item.themes.map(themeLabel).join(', ') || '—' },
      { label: 'Tags', value: item.tags.join(', ') || '—' },
      { label: 'Credit', value: item.credit === 'name' ? 'by name' : 'anonymous' },
    ],
    buttons: open
      ? [
          { actionId: APPROVE_ITEM, label: 'Approve item', value: item.id, style: 'primary' },
          { actionId: EDIT_ITEM, label: 'Edit item', value: item.id },
          { actionId: REJECT_ITEM, label: 'Reject item', value: item.id, style: 'danger' },
        ]
      : [],
  };
}

export function figureLines(f: Figures): string[] {
  const s = describeShown;
  return [
    `Sessions logged: ${s(f.sessions)}`,
    `Debriefs: ${s(f.debriefs)}`,
    `Supervision requests answered: ${s(f.supervisionAnswered)}; median time to answer: ${f.medianHoursToAnswer === null ? `not shown (fewer than ${f.rules.countUnder} answered)` : `${f.medianHoursToAnswer} hours`}`,
    `Escalations: P1 ${s(f.escalations.P1)}, P2 ${s(f.escalations.P2)}, P3 ${s(f.escalations.P3)}; all tiers ${s(f.escalations.total)}`,
    `Check-ins answered: ${s(f.checkins)}`,
  ];
}

/** To the contributor when they offer an insight: how it reads after anonymisation, and what happens next. */
export const sharedMessage = (redacted: string): Message => ({
  title: 'Thank you for sharing',
  text:
    'Your insight is saved privately for the next digest. This is how it reads after anonymisation; a coordinator reads it before anything is published, ' +
    `you will be shown the final text, and you can withdraw it until the digest is published.\n\n${redacted}`,
  tone: 'success',
});

export const noDraftMessage: Message = {
  text: 'There is no digest draft waiting. One is drafted when each digest period ends (DIGEST_PERIOD).',
};

export const askedPeriodMessage: Message = {
  text: 'Please give the week like 2026-W47 (the year, W, and the week number) or the month like 2026-11, or leave it out for the latest digest.',
};
