// rule/impossible-vector-match against a real Prometheus: every expression the rule flags returns
// nothing (`unless`: removes nothing) on fixture data where both of its sides have series, and
// the unflagged variants of the same queries do return series. The rule claims "no pair can ever
// match"; here Prometheus' own matching says whether that holds.
import { strict as assert } from 'node:assert';
import { parsePromQL } from '../server/src/promql/parse';
import { nodesOfType } from '../server/src/lint/rules/quality/astUtil';
import { impossibleMatch, impossibleMatches } from '../server/src/lint/promql/impossibleMatch';
import type { PrometheusClient } from '../server/src/prometheus/client';
import type { Expr } from '../server/src/promql/ast';
import { FIXTURE_START } from './support/realPrometheus';
import { fixturePrometheus } from './support/fixturePrometheus';

const T = FIXTURE_START + 3600;
const R = 'rate(http_requests_total{code="200"}[5m])';
const R500 = 'rate(http_requests_total{code="500"}[5m])';

/** [expression, flagged by the rule]. Fixture: http_requests_total of api-1 (200, 500), api-2 (200), web-1 (200). */
const CASES: Array<[string, boolean]> = [
  [`${R} / ${R500}`, true],
  [`${R500} / ignoring(code) ${R}`, false],
  [`${R500} / on(job, instance) ${R}`, false],
  [`${R500} / on(code) sum by (code) (${R})`, true],
  ['http_requests_total{code=~"200"} - http_requests_total{code=~"500"}', true],
  ['-http_requests_total{code="200"} * http_requests_total{code="500"}', true],
  ['http_requests_total{code="200"} > bool http_requests_total{code="500"}', true],
  ['topk(1, http_requests_total{code="500"}) / http_requests_total{code="200"}', true],
  ['sum by (job) (rate(http_requests_total[5m])) / rate(http_requests_total{code="500"}[5m])', true],
  ['sum by (job) (rate(http_requests_total[5m])) / on(job) sum by (job, code) (rate(http_requests_total{code="500"}[5m]))', false],
  ['sum by (job, code) (rate(http_requests_total{code="500"}[5m])) / ignoring(code) sum by (job) (rate(http_requests_total[5m]))', false],
  ['sum by (instance) (http_requests_total) / http_requests_total{code="500"}', true],
  ['sum by (instance) (http_requests_total) / ignoring(code, job) http_requests_total{code="500"}', false],
  ['sum without (code) (http_requests_total) > on(job, code) http_requests_total{code="500"}', true],
  ['sum without (code) (http_requests_total) > on(job) group_left http_requests_total{code="500"}', false],
  ['sum by (code) (http_requests_total{code="200"}) / sum by (code) (http_requests_total{code="500"})', true],
  ['sum by (code) (http_requests_total{code="200"}) / on() sum(http_requests_total{code="500"})', false],
  ['(http_requests_total{code="200"} or http_requests_total{code="500"}) / http_requests_total{code="500"}', false],
  ['label_replace(http_requests_total{code="200"}, "code", "500", "", "") / http_requests_total{code="500"}', false],
  ['max by (job) (http_requests_total{code="200"}) + on(job) group_left(code) http_requests_total{code="500"}', false],
  ['http_requests_total{code="200"} and http_requests_total{code="500"}', true],
  ['http_requests_total{code="200"} and on(instance) http_requests_total{code="500"}', false],
  ['http_requests_total{code="200"} unless http_requests_total{code="500"}', true],
  ['http_requests_total{code="200"} unless on(instance) http_requests_total{code="500"}', false],
  ['count_values("v", http_requests_total{code="500"}) * on(v) count_values("v", http_requests_total{code="500"})', false],
  // Every scraped series has a job label; an aggregate without one never matches them.
  ['count(http_requests_total) / http_requests_total', true],
  ['sum(http_requests_total) >= http_requests_total{code="500"}', true],
  ['count(http_requests_total) / on() group_right http_requests_total', false],
  ['sum by (job) (http_requests_total) / on(job) group_right http_requests_total', false],
  ['sum by (instance) (http_requests_total{code="500"}) / ignoring(job, code) http_requests_total{code="500"}', false],
  ['http_requests_total{code="500"} / sum by (code) (http_requests_total)', true],
];

/** The outermost binary expression the rule flags, if any. */
function flaggedOp(expr: string): Expr | undefined {
  const { expr: ast, errors } = parsePromQL(expr);
  assert.equal(errors.length, 0, `${expr}: ${errors.map((e) => e.message).join('; ')}`);
  assert.ok(ast);
  return nodesOfType(ast, 'BinaryExpr').find((b) => impossibleMatch(b) !== undefined);
}

describe('rule/impossible-vector-match against a real Prometheus', function () {
  this.timeout(60_000);
  let client: PrometheusClient;
  fixturePrometheus((_, c) => {
    client = c;
  });

  const count = async (q: string): Promise<number> => {
    const r = await client.query(q, T);
    assert.equal(r.data.resultType, 'vector', q);
    return r.data.resultType === 'vector' ? r.data.series.length : -1;
  };

  let fixesChecked = 0;
  after(() => assert.ok(fixesChecked >= 8, `only ${fixesChecked} quick fixes were run`));

  for (const [expr, flagged] of CASES) {
    it(`${flagged ? 'flags' : 'passes'} ${expr}`, async () => {
      const op = flaggedOp(expr);
      assert.equal(op !== undefined, flagged);
      const n = await count(expr);
      if (!flagged) {
        assert.ok(n > 0, `unflagged, and Prometheus returns series: ${n}`);
        return;
      }
      assert.ok(op?.type === 'BinaryExpr');
      // Both sides have series, so an empty result comes from matching, not from missing data.
      const lhs = expr.slice(op.lhs.range.start, op.lhs.range.end);
      const rhs = expr.slice(op.rhs.range.start, op.rhs.range.end);
      assert.ok((await count(lhs)) > 0, lhs);
      assert.ok((await count(rhs)) > 0, rhs);
      if (op.op === 'unless') assert.equal(n, await count(lhs), 'unless removes nothing');
      else assert.equal(n, 0, 'no pair matches');
      // The quick fix, where there is one, makes the pairs match: the fixed query returns series
      // (and `unless` now removes some).
      const fix = impossibleMatches(parsePromQL(expr).expr!, { text: expr }).find((f) => f.node === op || f.node.range.start === op.range.start)?.fix;
      if (!fix) return;
      const fixed = expr.slice(0, fix.at) + fix.insert + expr.slice(fix.at);
      const after = await count(fixed);
      if (op.op === 'unless') assert.ok(after < n, `${fixed}: ${after}`);
      else assert.ok(after > 0, `${fixed}: ${after}`);
      fixesChecked++;
    });
  }
});
