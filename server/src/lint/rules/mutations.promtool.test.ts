// Differential test of the YAML decoding and validation against promtool: seeded line mutations
// of two good fixtures (deleted, duplicated or re-indented lines, values swapped for lists, maps,
// nulls, durations, aliases..., mistyped keys); our verdict must match promtool's exit code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agreeWithPromtool, promtoolMajor, skipWithoutPromtool } from '../../testing/promtool';
import { lineMutations } from '../../testing/yamlMutations';
import { checkRuleFile } from './index';
import { LINT_FIXTURES } from './testutil';

const VALUES = ['', ' ~', ' []', ' {}', ' [a]', ' {a: b}', ' 5m', ' "x"', ' 0', ' -1', ' 1.5', ' true', ' *expr', ' &z q',
  " 'up == 0'", ' |\n        up', ' >-\n  x'];

function mutations(count: number): string[] {
  const base =
    readFileSync(join(LINT_FIXTURES, 'good', 'typical.rules.yaml'), 'utf8') +
    readFileSync(join(LINT_FIXTURES, 'good', 'aliases.rules.yaml'), 'utf8').replace(/^groups:\n/, '');
  return lineMutations([base], VALUES, count, 3);
}

/** Prometheus 2.x read record/alert/expr as YAML nodes (so `alert: ~` was "~") and had no durations as numbers. */
const V2_ONLY = /(alert|record): ~|expr: (5m|&z q)\s*$/m;

describe('rule files: seeded mutations agree with promtool', () => {
  // promtool starts in ~0.3 s, so the set stays small.
  const cases = mutations(50);
  it('generates distinct mutations', () => assert.ok(new Set(cases).size > 30));

  if (skipWithoutPromtool()) return;

  it('gives promtool\'s verdict on every mutation', function () {
    this.timeout(120_000);
    const v2 = promtoolMajor() === 2;
    const { compared, failing, differ } = agreeWithPromtool(cases.filter((t) => !(v2 && V2_ONLY.test(t))), 'f.yaml',
      (file) => ['check', 'rules', file],
      (text) => checkRuleFile(text, { nameValidationScheme: v2 ? 'legacy' : 'utf8' }).filter((d) => d.severity === 'error').map((d) => d.message));
    console.log(`      mutations: ${compared - differ.length}/${compared} verdicts agree with promtool (${failing} invalid)`);
    assert.ok(compared > 40 && failing > 10);
    assert.deepEqual(differ, []);
  });
});
