// The dependency rules of .dependency-cruiser.cjs (run over src by `npm run lint`) each catch a deliberate
// violation: the fixture tree test/fixtures/architecture/src mirrors src and breaks every rule exactly once.
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/architecture');

/** One violation per rule, as `rule: from → to` (paths relative to the fixture, as they are to the repo in lint). */
const EXPECTED = [
  'core-not-to-config: src/core/reads-config-type.ts → src/config.ts',
  'core-not-to-features: src/core/knows-feature.ts → src/features/a/api.ts',
  'core-not-to-surfaces: src/core/knows-surface.ts → src/surfaces/slack.ts',
  'db-not-to-features: src/db/knows-feature.ts → src/features/a/api.ts',
  'feature-privacy: src/features/b/uses-a-internals.ts → src/features/a/values.ts',
  'features-not-to-surfaces: src/features/a/tells-slack.ts → src/surfaces/slack.ts',
  'jobs-not-to-surface-implementations: src/jobs/delivers-on-slack.ts → src/surfaces/slack.ts',
  'surfaces-not-to-feature-internals: src/surfaces/knows-feature.ts → src/features/a/values.ts',
];

let ruleNames: string[];
let result: ICruiseResult;

beforeAll(async () => {
  const options = await extractDepcruiseOptions(path.join(ROOT, '.dependency-cruiser.cjs'));
  ruleNames = (options.ruleSet?.forbidden ?? []).map((rule) => rule.name ?? '');
  const reported = await cruise(
    ['src'],
    { ...options, baseDir: FIXTURE },
    {},
    { tsConfig: extractTSConfig(path.join(ROOT, 'tsconfig.json')) },
  );
  if (typeof reported.output === 'string') throw new Error('dependency-cruiser returned a report, not a result');
  result = reported.output;
});

describe('dependency rules', () => {
  it('the fixture breaks every rule of .dependency-cruiser.cjs, each in its own import', () => {
    expect([...ruleNames].sort()).toEqual(EXPECTED.map((line) => line.split(':')[0]).sort());
  });

  it('reports each rule by name for exactly its violation, and nothing else', () => {
    const violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(violations.sort()).toEqual(EXPECTED);
    expect(result.summary.error).toBe(EXPECTED.length);
  });

  it('counts a type-only import: the core may not even name config.ts’s types', () => {
    const readsConfig = result.modules.find((m) => m.source === 'src/core/reads-config-type.ts');
    const toConfig = readsConfig?.dependencies.find((d) => d.resolved === 'src/config.ts');
    expect(toConfig?.dependencyTypes).toContain('type-only');
    expect(toConfig?.valid).toBe(false);
  });

  it('allows a feature to use another feature through its api.ts, and jobs to use the core’s Surface', () => {
    const allowed = [
      ['src/features/b/uses-a-api.ts', 'src/features/a/api.ts'],
      ['src/jobs/delivers.ts', 'src/core/surface.ts'],
      ['src/surfaces/slack.ts', 'src/core/surface.ts'],
    ];
    for (const [from, to] of allowed) {
      const dependency = result.modules.find((m) => m.source === from)?.dependencies.find((d) => d.resolved === to);
      expect(dependency, `${from} → ${to}`).toBeDefined();
      expect(dependency?.valid, `${from} → ${to}`).toBe(true);
    }
  });
});
