// The measures: nothing identifying survives on a synthetic corpus; the named-entity pass's
// recall on names the deny-list does not know, reported apart from the deny-list's; and ordinary
// practice writing coming through readable.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import people from '../../fixtures/digest/people.json' with { type: 'json' };
import { applyDenyList, compileDenyList } from '../../../src/features/digest/deny-list.js';
import { emailPattern } from '../../../src/features/digest/patterns.js';
import { replaceOutsidePlaceholders } from '../../../src/features/digest/placeholders.js';
import { redact } from '../../../src/features/digest/redact.js';
import { emptyDenyList } from '../../../src/features/digest/schema.js';
import { generateCorpus, survives, type IdentifierKind } from './corpus.js';

type Step = 'pipeline' | 'deny-list alone';

function recall(kind: 'deny-listed' | 'unlisted', kinds: IdentifierKind[], step: Step = 'pipeline') {
  const { sentences, denyList } = generateCorpus(kind, 200);
  const compiled = compileDenyList(denyList);
  let total = 0;
  let removed = 0;
  const survivors: string[] = [];
  for (const sentence of sentences) {
    const out =
      step === 'pipeline'
        ? redact(sentence.text, { denyList }).text
        : // Names inside an e-mail address are left, by design, for the e-mail pattern: set those aside.
          replaceOutsidePlaceholders(sentence.text, (s) => applyDenyList(s, compiled, () => {})).replace(
            emailPattern,
            '[email]',
          );
    for (const id of sentence.identifiers.filter((i) => kinds.includes(i.kind))) {
      total += 1;
      if (survives(id, out)) survivors.push(`${id.kind} "${id.value}" in: ${out}`);
      else removed += 1;
    }
  }
  return { total, removed, recall: removed / total, survivors };
}

/** Share of the input's words that come through unchanged, in order (longest common subsequence). */
function wordsKept(input: string, output: string): { kept: number; total: number } {
  const a = input.split(/\s+/).filter(Boolean);
  const b = output.split(/\s+/).filter(Boolean);
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const word of a) {
    const row = [0];
    for (let j = 1; j <= b.length; j++)
      row[j] = word === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, row[j - 1]!);
    previous = row;
  }
  return { kept: previous[b.length]!, total: a.length };
}

describe('synthetic corpus', () => {
  it('with every name on the deny-list, no identifier survives', () => {
    const all: IdentifierKind[] = [
      'member-name',
      'handle',
      'town',
      'street',
      'organisation',
      'phone',
      'postcode',
      'email',
      'date',
      'age',
      'case',
    ];
    const result = recall('deny-listed', all);
    console.log(`whole pipeline: ${result.removed}/${result.total} identifiers removed`);
    expect(result.survivors).toEqual([]);
    expect(result.total).toBeGreaterThan(1000);
  });

  it('the deny-list step alone removes every name, handle, case code, place and organisation on it (100%)', () => {
    const result = recall('deny-listed', ['member-name', 'handle', 'town', 'organisation', 'case'], 'deny-list alone');
    console.log(`deny-list step alone: ${result.removed}/${result.total} (${(100 * result.recall).toFixed(1)}%)`);
    expect(result.survivors).toEqual([]);
  });

  it('names not on the deny-list are left to the named-entity pass, whose recall is measured separately', () => {
    const names = recall('unlisted', ['other-name']);
    const places = recall('unlisted', ['other-town']);
    const listed = recall('unlisted', [
      'member-name',
      'handle',
      'organisation',
      'phone',
      'postcode',
      'email',
      'date',
      'age',
      'case',
      'street',
    ]);
    console.log(
      `named-entity pass: names not on the deny-list ${names.removed}/${names.total} (${(100 * names.recall).toFixed(1)}%), ` +
        `places not on it ${places.removed}/${places.total} (${(100 * places.recall).toFixed(1)}%); ` +
        `deny-list and patterns in the same texts ${listed.removed}/${listed.total}`,
    );
    // Measured 98.8% on this corpus (misses: a first name alone opening a sentence); the floor
    // leaves room for compromise's updates without letting the pass quietly stop working.
    expect(names.recall).toBeGreaterThanOrEqual(0.9);
    expect(places.recall).toBeGreaterThanOrEqual(0.9);
    expect(listed.survivors).toEqual([]);
  });

  it('redacting the redacted corpus changes nothing', () => {
    const { sentences, denyList } = generateCorpus('unlisted', 60, 5);
    for (const { text } of sentences) {
      const once = redact(text, { denyList }).text;
      expect(redact(once, { denyList }).text).toBe(once);
    }
  });
});

describe('ordinary practice writing', () => {
  const lines = readFileSync(new URL('../../fixtures/digest/ordinary.txt', import.meta.url), 'utf8')
    .trim()
    .split('\n');
  const members = people.members.firstNames.map((first, i) => `${first} ${people.members.surnames[i]}`);

  it.each([
    { label: 'no deny-list', denyList: emptyDenyList },
    { label: 'the members on the deny-list', denyList: { ...emptyDenyList, names: members } },
  ])('keeps at least 95% of words unchanged ($label)', ({ label, denyList }) => {
    let kept = 0;
    let total = 0;
    for (const line of lines) {
      const counts = wordsKept(line, redact(line, { denyList }).text);
      kept += counts.kept;
      total += counts.total;
    }
    console.log(
      `ordinary writing (${label}): ${kept}/${total} words unchanged (${((100 * kept) / total).toFixed(1)}%)`,
    );
    expect(lines.length).toBeGreaterThanOrEqual(40);
    expect(kept / total).toBeGreaterThanOrEqual(0.95);
  });
});
