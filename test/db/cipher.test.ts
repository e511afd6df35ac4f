import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cipher, CipherError } from '../../src/db/cipher.js';

const key = (id: string) => ({ id, key: randomBytes(32) });
const row = { table: 'Debrief', column: 'notesEnc', rowId: '7d3c0f0e-0000-4000-8000-000000000001' };

describe('encryption at rest', () => {
  const cipher = new Cipher([key('k1')]);

  it('round-trips text, including any unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(cipher.open(cipher.seal(text, row), row)).toBe(text);
      }),
      { numRuns: 100 },
    );
  });

  it('gives different ciphertexts for equal plaintexts', () => {
    expect(cipher.seal('same words', row)).not.toBe(cipher.seal('same words', row));
  });

  it('refuses a value with any flipped byte', () => {
    const sealed = cipher.seal('Felt shaky after the session', row);
    const [version, keyId, iv, body] = sealed.split('.') as [string, string, string, string];
    const bytes = Buffer.from(body, 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const flipped = Buffer.from(bytes);
      flipped[i] = flipped[i]! ^ 0x01;
      expect(() => cipher.open([version, keyId, iv, flipped.toString('base64url')].join('.'), row)).toThrow(
        CipherError,
      );
    }
    const ivBytes = Buffer.from(iv, 'base64url');
    ivBytes[0] = ivBytes[0]! ^ 0x01;
    expect(() => cipher.open([version, keyId, ivBytes.toString('base64url'), body].join('.'), row)).toThrow(
      CipherError,
    );
  });

  it('refuses a value moved to another row, column or table', () => {
    const sealed = cipher.seal('private note', row);
    expect(() => cipher.open(sealed, { ...row, rowId: '7d3c0f0e-0000-4000-8000-000000000002' })).toThrow(CipherError);
    expect(() => cipher.open(sealed, { ...row, column: 'safetyNotesEnc' })).toThrow(CipherError);
    expect(() => cipher.open(sealed, { ...row, table: 'MentoringSession' })).toThrow(CipherError);
  });

  it('opens values sealed under an older key and seals new ones under the first', () => {
    const old = key('old');
    const sealedEarlier = new Cipher([old]).seal('earlier note', row);
    const rotated = new Cipher([key('new'), old]);
    expect(rotated.open(sealedEarlier, row)).toBe('earlier note');
    expect(rotated.keyIdOf(rotated.seal('later note', row))).toBe('new');
  });

  it('refuses garbage without crashing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (junk) => {
        expect(() => cipher.open(junk, row)).toThrow(CipherError);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new Cipher([{ id: 'short', key: randomBytes(16) }])).toThrow(/32 bytes/);
  });
});
