// Differential test of the parser against Prometheus' own, through `promtool check rules`: 1,000
// seeded mutations of real expressions (the corpus rule expressions and promqltest queries, with
// characters deleted and tokens inserted or swapped in), one recording rule each, in a single
// rule file. Whether promtool reports "could not parse expression" for a rule must match whether
// parsePromQL finds an error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCorpusJsonl } from '../testing/corpus';
import { PROMTOOL, promtoolMajor, skipWithoutPromtool } from '../testing/promtool';
import { seededRandom } from '../testing/yamlMutations';
import { parsePromQL } from './parse';

const TOKENS = ['(', ')', '{', '}', ',', ' by ', ' without ', '[5m]', '[5m:1m]', ' offset 5m', ' offset -5m', ' @ 100', ' @ start()', '==', ' bool ',
  ' on() ', ' ignoring(a) ', ' group_left ', ' group_right(b) ', '"', "'", '`', '1e3', '0x1f', '-', '+', '^', '%', ' and ', ' or ', ' unless ',
  'sum', 'rate(', ':', '5m', '=~', '!~', '!=', '=', 'x', '_', '.', ' ', '\n', '#c\n', 'inf', 'NaN', 'topk(', 'count_values(', 'quantile(',
  ' atan2 ', 'le', '__name__', '@', 'start()', 'end()', 'Inf', '1h30m', '0.5', '[', ']', 'max_over_time(', '[1m', 'absent(', 'vector(', 'scalar(', 'time()'];

/**
 * What Prometheus 3 accepts and 2.x (Debian's promtool) refuses: durations as numbers (`5m - x`,
 * `x[5]`) and metric-like names (`instance:job`) among grouping labels.
 */
const V2_ONLY = /unexpected duration|missing unit character in duration|unexpected metric identifier "[^"]*" in grouping opts/;

function mutations(count: number): string[] {
  const bases = [
    ...readCorpusJsonl<{ input: string }>('rules/exprs.jsonl').map((r) => r.input),
    ...readCorpusJsonl<{ input: string; parser_options?: string[] }>('promql/promqltest_evals.jsonl').filter((r) => !r.parser_options?.length).map((r) => r.input),
  ].filter((e) => e.length < 400);
  const rnd = seededRandom(5);
  const out = new Set<string>();
  while (out.size < count) {
    let e = bases[rnd(bases.length)];
    for (let k = 1 + rnd(2); k > 0; k--) {
      const i = rnd(e.length + 1);
      const op = rnd(3);
      if (op === 0) e = e.slice(0, i) + e.slice(i + 1 + rnd(3));
      else if (op === 1) e = e.slice(0, i) + TOKENS[rnd(TOKENS.length)] + e.slice(i);
      else e = e.slice(0, i) + TOKENS[rnd(TOKENS.length)] + e.slice(i + 1 + rnd(4));
    }
    if (e.trim() !== '' && !e.includes('\r')) out.add(e);
  }
  return [...out];
}

describe('PromQL parsing: seeded mutations agree with promtool', () => {
  const cases = mutations(1000);

  if (skipWithoutPromtool()) return;

  it('finds parse errors in the same expressions as promtool', function () {
    this.timeout(60_000);
    const v2 = promtoolMajor() === 2;
    const dir = mkdtempSync(join(tmpdir(), 'promql-'));
    let output: string;
    try {
      // JSON strings are YAML double-quoted scalars: each expression arrives as written.
      const file = join(dir, 'rules.yml');
      writeFileSync(file, 'groups:\n- name: g\n  rules:\n' + cases.map((e, i) => `  - record: r${i}\n    expr: ${JSON.stringify(e)}\n`).join(''));
      const run = spawnSync(PROMTOOL, ['check', 'rules', file], { encoding: 'utf8', maxBuffer: 1e8, timeout: 60_000 });
      output = run.stdout + run.stderr;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const theirs = new Map<number, string>();
    for (const m of output.matchAll(/"r(\d+)": could not parse expression: (.*)/g)) theirs.set(Number(m[1]), m[2]);
    const differ: string[] = [];
    let compared = 0;
    cases.forEach((e, i) => {
      const their = theirs.get(i);
      if (v2 && their !== undefined && V2_ONLY.test(their)) return;
      compared++;
      const ours = parsePromQL(e).errors;
      if ((their === undefined) !== (ours.length === 0)) {
        differ.push(`${JSON.stringify(e)}\n  promtool: ${their ?? 'valid'}\n  ours: ${ours.map((x) => x.message).join('; ') || 'valid'}`);
      }
    });
    console.log(`      expressions: ${compared - differ.length}/${compared} verdicts agree with promtool (${theirs.size} invalid)`);
    assert.ok(compared > 950 && theirs.size > 400, `${compared} compared, ${theirs.size} invalid`);
    assert.deepEqual(differ, []);
  });
});
