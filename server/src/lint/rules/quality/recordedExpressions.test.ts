// rule/use-recording-rule (pint's promql/performance, offline): a rule that computes again what a
// recording rule of the same file records, compared as Prometheus prints expressions.
import assert from 'node:assert/strict';
import { checkRuleFile } from '../index';
import { PARSER_READY } from '../testutil';

/** A file with the recording rules [name, expr, labels] then one alert: what each finding underlines, and its message. */
function findings(records: Array<[string, string, Record<string, string>?]>, alertExpr: string): Array<[string, string]> {
  const rules = records.map(([name, expr, labels]) =>
    `  - record: ${name}\n    expr: ${JSON.stringify(expr)}\n${labels ? `    labels: ${JSON.stringify(labels)}\n` : ''}`);
  const text = `groups:\n- name: g\n  rules:\n${rules.join('')}  - alert: A\n    expr: ${JSON.stringify(alertExpr)}\n`;
  return checkRuleFile(text)
    .filter((d) => d.ruleId === 'rule/use-recording-rule')
    .map((d) => [text.slice(d.range.start, d.range.end), d.message]);
}

describe('rule/use-recording-rule', () => {
  if (!PARSER_READY) return;
  const RATE: [string, string] = ['job:http_requests:rate5m', 'sum by (job) (rate(http_requests_total[5m]))'];
  // [recording rules, alert expression, [underlined text, recording rule suggested][]]
  const cases: Array<[Array<[string, string, Record<string, string>?]>, string, Array<[string, string]>]> = [
    [[RATE], 'sum by (job) (rate(http_requests_total[5m])) > 100', [['sum by (job) (rate(http_requests_total[5m]))', 'job:http_requests:rate5m']]],
    // As Prometheus prints it: the grouping after, other spacing, parentheses around.
    [[RATE], 'sum(rate( http_requests_total [5m] )) by (job) > 100', [['sum(rate( http_requests_total [5m] )) by (job)', 'job:http_requests:rate5m']]],
    [[RATE], '(sum by (job) (rate(http_requests_total[5m]))) / 2 > 1', [['sum by (job) (rate(http_requests_total[5m]))', 'job:http_requests:rate5m']]],
    // Inside a bigger expression, and twice.
    [[['x:rate5m', 'rate(x_total[5m])']], 'rate(x_total[5m]) / on () group_left () sum(rate(x_total[5m])) > 0.5',
      [['rate(x_total[5m])', 'x:rate5m'], ['rate(x_total[5m])', 'x:rate5m']]],
    // The outermost match only (in the alert; the second recording rule may use the first).
    [[['x:rate5m', 'rate(x_total[5m])'], ['x:sum_rate5m', 'sum(rate(x_total[5m]))']], 'sum(rate(x_total[5m])) > 1',
      [['rate(x_total[5m])', 'x:rate5m'], ['sum(rate(x_total[5m]))', 'x:sum_rate5m']]],
    // Not the same expression: another window, a matcher, other grouping.
    [[RATE], 'sum by (job) (rate(http_requests_total[1m])) > 100', []],
    [[RATE], 'sum by (job) (rate(http_requests_total{code="500"}[5m])) > 1', []],
    [[RATE], 'sum by (instance) (rate(http_requests_total[5m])) > 1', []],
    // A recording rule with static labels records other series; a bare selector is no computation.
    [[['x:rate5m', 'rate(x_total[5m])', { team: 'a' }]], 'rate(x_total[5m]) > 1', []],
    [[['x:up', 'up']], 'up == 0', []],
  ];
  for (const [records, expr, want] of cases) {
    it(`${records.map((r) => r[0]).join(', ')} | ${expr}`, () => {
      const got = findings(records, expr);
      assert.deepEqual(got.map(([text]) => text), want.map(([text]) => text));
      got.forEach(([, message], i) => assert.match(message, new RegExp(` is what recording rule ${want[i][1]} \\(line \\d+\\) records: query ${want[i][1]} instead`)));
    });
  }
  it('leaves a recording rule that records the same thing twice to rule/duplicate-rule', () => {
    assert.deepEqual(findings([RATE, ['job:http_requests:rate5m_again', RATE[1]]], 'vector(1)'), []);
  });
  it('suggests a recorded sub-expression inside another recording rule', () => {
    const text = 'groups:\n- name: g\n  rules:\n  - record: x:rate5m\n    expr: rate(x_total[5m])\n  - record: job:x:rate5m\n    expr: sum by (job) (rate(x_total[5m]))\n';
    const d = checkRuleFile(text).filter((x) => x.ruleId === 'rule/use-recording-rule');
    assert.deepEqual(d.map((x) => text.slice(x.range.start, x.range.end)), ['rate(x_total[5m])']);
    assert.match(d[0].message, /recording rule x:rate5m \(line 4\)/);
  });
});
