// The one-time time-zone question for members whose platform gives no zone (Discord): a message with
// "Keep <zone>" and "Choose another", and the short form that choosing opens.
import { defineForm, field, type FormRequest, type FormValues } from '../../core/form.js';
import type { Message } from '../../core/message.js';
import { isTimeZone } from '../../core/time-zone.js';

export const TIME_ZONE_KEEP = 'members.timezone.keep';
export const TIME_ZONE_CHOOSE = 'members.timezone.choose';
export const OTHER_ZONE = 'other';

const zones = [
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Warsaw',
  'Europe/Bucharest',
  'Europe/Istanbul',
  'Asia/Karachi',
  'Asia/Kolkata',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Australia/Sydney',
];

const zoneCheck = (text: string) =>
  isTimeZone(text) ? undefined : 'Time zone should be a place name such as Europe/London or America/New_York.';

export const timeZoneForm = defineForm({
  id: 'members.timezone',
  title: 'Your time zone',
  intro: 'Times in forms, reminders and check-ins are read and shown in this zone. /profile edit changes it later.',
  submitLabel: 'Save time zone',
  precondition: 'anyMember',
  fields: {
    zone: field.select({
      label: 'Time zone',
      options: [...zones.map((z) => ({ value: z, label: z })), { value: OTHER_ZONE, label: 'Other (type it below)' }],
      public: true,
    }),
    other: field.shortText({
      label: 'Other time zone',
      hint: 'Only if you chose Other: a place name such as America/Toronto',
      required: false,
      maxLength: 60,
      check: zoneCheck,
      public: true,
    }),
  },
});

export type TimeZoneValues = FormValues<typeof timeZoneForm>;

/** The zone a submission names, or undefined when "Other" was chosen and none was typed. */
export const chosenZone = (values: TimeZoneValues): string | undefined =>
  values.zone === OTHER_ZONE ? values.other : values.zone;

/** The form opened with the member's current zone chosen, or typed under Other when it is not listed. */
export const timeZoneFormFor = (current: string): FormRequest => ({
  form: timeZoneForm,
  initial: zones.includes(current) ? { zone: current } : { zone: OTHER_ZONE, other: current },
});

export function timeZoneAsk(current: string, networkZone: string): Message {
  const whose = current === networkZone ? `the network’s time zone, ${current}` : current;
  return {
    title: 'Your time zone',
    text: `Discord does not tell me your time zone, so times in forms, reminders and check-ins use ${whose}. Is that right for you? I ask only once; /profile edit changes it any time.`,
    buttons: [
      { actionId: TIME_ZONE_KEEP, label: `Keep ${current}`, value: current, style: 'primary' },
      { actionId: TIME_ZONE_CHOOSE, label: 'Choose another' },
    ],
  };
}

export const timeZoneSaved = (zone: string): Message => ({
  text: `Your time zone is ${zone}. /profile edit changes it any time.`,
  tone: 'success',
});
