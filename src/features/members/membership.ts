// The open-membership warning in /network settings: the same form, with the warning as its intro
// and beside the membership choice.
import { surfacesToRun, type Config } from '../../config.js';
import { openToStrangers } from '../../core/membership.js';
import type { Tx } from '../../db/client.js';
import { settingsForm } from './forms.js';
import { OPEN_MEMBERSHIP_HINT, OPEN_MEMBERSHIP_WARNING } from './messages.js';

export const membershipIsOpenToStrangers = async (tx: Tx, config: Config) =>
  (await openToStrangers(tx, config, surfacesToRun(config))).length > 0;

const warnedSettingsForm = {
  ...settingsForm,
  intro: OPEN_MEMBERSHIP_WARNING,
  fields: { ...settingsForm.fields, membership: { ...settingsForm.fields.membership, hint: OPEN_MEMBERSHIP_HINT } },
};

export const settingsFormFor = (warn: boolean): typeof settingsForm => (warn ? warnedSettingsForm : settingsForm);
