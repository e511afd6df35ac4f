// What the Discord surface says in its own words: the steps of a form and the interaction's chrome.
// Everything else is the features' wording, rendered unchanged.
import { DRAFT_TTL_MS } from '../../core/drafts.js';
import type { FormDef } from '../../core/form.js';
import type { Message } from '../../core/message.js';
import { openStepCustomId } from './custom-ids.js';
import { renderMessage, type DiscordMessage } from './render.js';

const minutes = Math.round(DRAFT_TTL_MS / 60_000);

const plain = (message: Message): DiscordMessage => renderMessage(message);

const stepLabel = (verb: string, step: number, steps: number) =>
  steps > 1 ? `${verb} (${step + 1} of ${steps})` : verb;

export const notices = {
  somethingWrong: plain({
    text: 'Sorry, something went wrong on our side and nothing was saved. Please try again in a moment; if it keeps happening, tell a coordinator.',
    tone: 'warning',
  }),
  unreadable: plain({ text: 'Sorry, I could not read that request. Please try the command again.', tone: 'warning' }),
  wrongServer: plain({ text: 'This bot works for one Discord server only; please use it there.', tone: 'warning' }),
  unknownButton: plain({ text: 'That button is no longer active.' }),
  done: plain({ text: 'Done.' }),
  formGone: plain({
    text: `This form was already sent, or it expired after ${minutes} minutes without an answer. Nothing more was saved; please start again with the command.`,
  }),

  /** Shown when a form cannot open as a modal (the answer was deferred, or messages came first). */
  openForm: (
    form: FormDef,
    draftId: string,
    step: number,
    steps: number,
    customId = openStepCustomId(draftId, step),
  ): DiscordMessage =>
    renderMessage(
      {
        text:
          step === 0
            ? `**${form.title}**${form.intro ? `\n${form.intro}` : ''}`
            : `${form.title}: continue where you left off.`,
      },
      [
        {
          customId,
          label: step === 0 ? `Open ${form.title}` : stepLabel('Continue', step, steps),
          style: 'primary',
        },
      ],
    ),

  stepSaved: (form: FormDef, draftId: string, next: number, steps: number): DiscordMessage =>
    renderMessage({ text: `${form.title}: step ${next} of ${steps} kept. Nothing is recorded until the last step.` }, [
      { customId: openStepCustomId(draftId, next), label: stepLabel('Continue', next, steps), style: 'primary' },
    ]),

  stepAlreadySaved: (form: FormDef, draftId: string, current: number, steps: number): DiscordMessage =>
    renderMessage({ text: `${form.title}: that step is already kept.` }, [
      { customId: openStepCustomId(draftId, current), label: stepLabel('Continue', current, steps), style: 'primary' },
    ]),

  fixAnswers: (errors: string[], draftId: string, step: number, steps: number): DiscordMessage =>
    renderMessage(
      {
        title: 'Some answers need another look',
        text: `Nothing is saved yet.\n${errors.map((e) => `• ${e}`).join('\n')}`,
        tone: 'warning',
      },
      [{ customId: openStepCustomId(draftId, step), label: stepLabel('Fix answers', step, steps), style: 'primary' }],
    ),

  /** Every step is in but nothing was recorded: send the kept answers as they are, or review them first. */
  tryAgain: (draftId: string, steps: number): DiscordMessage =>
    renderMessage({ text: 'Your answers are kept, so you can send them again as they are, or review them first.' }, [
      { customId: openStepCustomId(draftId, 0), label: stepLabel('Review and send', 0, steps) },
      { customId: openStepCustomId(draftId, steps), label: 'Send again', style: 'primary' },
    ]),

  /** A step could not be kept (the database did not answer): the steps before it are kept. */
  stepNotKept: (draftId: string, step: number, customId = openStepCustomId(draftId, step)): DiscordMessage =>
    renderMessage(
      {
        text: 'Sorry, something went wrong on our side and this step could not be kept just now; nothing was recorded. The answers of the steps before it are kept: please try again in a moment.',
        tone: 'warning',
      },
      [{ customId, label: 'Try again', style: 'primary' }],
    ),

  /** A form's button could not be answered (the database did not answer): whatever was kept still is. */
  notOpened: (draftId: string, step: number, customId = openStepCustomId(draftId, step)): DiscordMessage =>
    renderMessage(
      {
        text: 'Sorry, something went wrong on our side, so nothing was done; the answers you gave are kept. Please try again in a moment.',
        tone: 'warning',
      },
      [{ customId, label: 'Try again', style: 'primary' }],
    ),
};
