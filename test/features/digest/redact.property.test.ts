import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/features/digest/redact.js';
import type { DenyList } from '../../../src/features/digest/schema.js';

const denyList: DenyList = {
  names: ['Priya Kowalski', 'Hope Brennan', 'Zoë Okafor'],
  handles: ['@priya.k'],
  caseCodes: ['MS-0042'],
  places: ['Ashcombe'],
  organisations: ['Kestrel Boxing Club'],
};

// Pieces that trip the pipeline's steps, mixed with arbitrary text.
const piece = fc.constantFrom(
  'Priya',
  'priya',
  'Kowalski',
  'Hope',
  'hope',
  'Zoe',
  'Mrs',
  "O'Connor",
  'Shanice',
  'Tipton',
  'in',
  'on',
  'the week of',
  '3',
  '3rd',
  'of',
  'March',
  'Tuesday',
  '2026',
  '03/03/2026',
  '2',
  'aged',
  '17',
  '-year-old',
  '[name]',
  '[',
  ']',
  'name',
  '@priya.k',
  'x@y.org',
  'www.example.org',
  '07700',
  '900123',
  '+44',
  '(0121)',
  'B12',
  '9QX',
  '14',
  'Elm',
  'Road',
  'Street',
  'MS-0042',
  'ms-0042',
  'GX-1234',
  'paki',
  '.',
  ',',
  ' ',
  '\n',
  'é',
  '\u0301',
  '😀',
  '-',
  '/',
  'Kestrel Boxing Club',
);
const text = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.array(piece, { maxLength: 30 }).map((p) => p.join(' ')),
  fc.array(piece, { maxLength: 30 }).map((p) => p.join('')),
);

describe('redact on arbitrary text', () => {
  it('never throws and is idempotent', () => {
    fc.assert(
      fc.property(text, (t) => {
        const once = redact(t, { denyList }).text;
        expect(redact(once, { denyList }).text).toBe(once);
      }),
      { numRuns: 100 },
    );
  });

  it('never lets a deny-listed name or case code through', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.constantFrom(' ', ''), (pieces, glue) => {
        const out = redact(pieces.join(glue), { denyList }).text;
        expect(out).not.toMatch(/(?<![\p{L}\p{N}_@.])(?:priya|kowalski|ms-0042)(?![\p{L}\p{N}_@])/iu);
      }),
      { numRuns: 100 },
    );
  });
});
