// The anonymisation pipeline a digest item goes through before anyone sees a draft, and again after
// every edit: (1) the deny-list, (2) patterns, (3) the named-entity pass, (4) offensive terms.
// Each step works around the placeholders earlier steps left. The pipeline runs until a pass changes
// nothing (a removed name can change how compromise reads its neighbours), so
// redact(redact(x)).text === redact(x).text.
// Findings carry kinds and counts only, never the text that was removed, so they can be logged.
import { applyDenyList, compileDenyList, type CompiledDenyList } from './deny-list.js';
import { applyEntities } from './entities.js';
import { maskOffensiveTerms } from './offensive.js';
import { applyPatterns } from './patterns.js';
import { replaceOutsidePlaceholders, type Kind } from './placeholders.js';
import type { DenyList } from './schema.js';

export type FindingSource = 'deny-list' | 'pattern' | 'entity';

export interface Finding {
  kind: Kind;
  source: FindingSource;
  count: number;
}

export interface Redacted {
  text: string;
  /** One entry per kind and source, in pipeline order. Offensive terms count as a pattern. */
  findings: Finding[];
}

export interface RedactOptions {
  denyList: DenyList;
}

/** A safety stop: in testing, text settled after at most two passes that changed it. */
const maxPasses = 6;

const compiled = new WeakMap<DenyList, CompiledDenyList>();

function compiledFor(denyList: DenyList): CompiledDenyList {
  let c = compiled.get(denyList);
  if (!c) {
    c = compileDenyList(denyList);
    compiled.set(denyList, c);
  }
  return c;
}

export function redact(text: string, options: RedactOptions): Redacted {
  const denyList = compiledFor(options.denyList);
  const counts = new Map<string, Finding>();
  const noter = (source: FindingSource) => (kind: Kind) => {
    const key = `${source}:${kind}`;
    const finding = counts.get(key) ?? counts.set(key, { kind, source, count: 0 }).get(key)!;
    finding.count += 1;
  };
  let current = text;
  for (let pass = 0; pass < maxPasses; pass++) {
    let next = replaceOutsidePlaceholders(current, (s) => applyDenyList(s, denyList, noter('deny-list')));
    next = replaceOutsidePlaceholders(next, (s) => applyPatterns(s, noter('pattern')));
    next = applyEntities(next, noter('entity'));
    next = replaceOutsidePlaceholders(next, (s) => maskOffensiveTerms(s, () => noter('pattern')('offensive')));
    if (next === current) break;
    current = next;
  }
  return { text: current, findings: [...counts.values()] };
}
