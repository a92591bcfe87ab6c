// rule/impossible-vector-match: which labels a query fixes, and what the finding says and where.
// test/impossibleVectorMatch.test.ts checks the rule's claim against a real Prometheus.
import assert from 'node:assert/strict';
import { parsePromQL } from '../../promql/parse';
import { checkRuleFile } from '../rules/index';
import { fixedLabels, impossibleMatch, PRESENT } from './impossibleMatch';

function fixed(expr: string): Record<string, string> {
  const r = parsePromQL(expr);
  assert.ok(r.expr, expr);
  return Object.fromEntries(fixedLabels(r.expr));
}

describe('rule/impossible-vector-match', () => {
  it('knows the label values a query fixes', () => {
    const J = { job: PRESENT };
    const cases: Array<[string, Record<string, string>]> = [
      ['x{a="1", b=~"2", c=~"3|4", d!="5", e=""}', { ...J, a: '1', b: '2', e: '' }],
      ['rate(x{a="1"}[5m])', { ...J, a: '1' }],
      ['max_over_time(x{a="1"}[5m:1m])', { ...J, a: '1' }],
      ['sum by (a) (x{a="1", b="2"})', { a: '1' }],
      ['sum without (b) (x{a="1", b="2"})', { ...J, a: '1', b: '' }],
      ['topk(3, x{a="1"})', { ...J, a: '1' }],
      ['count_values("a", x{a="1", b="2"})', {}],
      ['label_replace(x{a="1", b="2"}, "a", "$1", "b", "(.*)")', { ...J, b: '2' }],
      ['histogram_quantile(0.9, rate(x_bucket{a="1"}[5m]))', { ...J, a: '1', le: '' }],
      ['x{a="1"} > 0', { ...J, a: '1' }],
      // Scraped series all have a job; recording rules' outputs and ALERTS need not.
      ['x', { job: PRESENT }],
      ['sum by (job) (rate(x[5m]))', { job: PRESENT }],
      ['x{job="a"}', { job: 'a' }],
      ['x{job=~"a|b"}', {}],
      ['job:x:rate5m', {}],
      ['ALERTS{alertstate="firing"}', { alertstate: 'firing' }],
      ['{__name__=~"x|y"}', {}],
      ['2 * x{a="1"}', { ...J, a: '1' }],
      ['x{a="1"} and y{b="2"}', { ...J, a: '1' }],
      ['x{a="1", b="2"} or y{a="1", b="3"}', { ...J, a: '1' }],
      ['x{a="1", b="2"} / ignoring(b) y{b="3"}', { ...J, a: '1' }],
      ['x{a="1", b="2"} / on(b) y{c="3"}', { b: '2' }],
      ['x{a="1"} * on(a) group_left(c) y{a="1", c="3"}', { ...J, a: '1', c: '3' }],
      ['x{a="1", c="9"} * on(a) group_left(c) y{a="1"}', { ...J, a: '1' }],
      ['vector(1)', {}],
    ];
    for (const [expr, want] of cases) assert.deepEqual(fixed(expr), want, expr);
  });

  it('points at the operation and says which label and why', () => {
    const expr = 'sum by (job) (rate(x_total[5m])) / rate(x_total{code="500"}[5m])';
    const text = `groups:\n- name: g\n  rules:\n  - record: job:x:ratio\n    expr: ${expr}\n`;
    const d = checkRuleFile(text).filter((x) => x.ruleId === 'rule/impossible-vector-match');
    assert.equal(d.length, 1);
    assert.equal(text.slice(d[0].range.start, d[0].range.end), expr);
    assert.match(d[0].message, /^the two sides of \/ can never match: every left series has no code label and every right series has code="500", and matching compares code: the result is always empty/);
    const unless = checkRuleFile('groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up{job="a"} == 0 unless on(job) up{job="b"}\n    for: 5m\n').find((x) => x.ruleId === 'rule/impossible-vector-match');
    assert.match(unless?.message ?? '', /on\(job\) compares job: `unless` never removes anything \(leave job out of on\(\.\.\.\)/);
  });

  it('leaves alone what can match: fill modifiers, or, on() and unknown sides', () => {
    for (const expr of ['x{a="1"} or y{a="2"}', 'x{a="1"} + on() y{a="2"}', 'x{a="1"} + y', 'x{a="1"} + ignoring(a) y{a="2"}', 'sum(x{a="1"}) + sum(y{a="2"})']) {
      const text = `groups:\n- name: g\n  rules:\n  - record: a:b:c\n    expr: ${expr}\n`;
      assert.ok(!checkRuleFile(text).some((x) => x.ruleId === 'rule/impossible-vector-match'), expr);
    }
    // fill(0) gives an unmatched series a partner: the result is not empty.
    const r = parsePromQL('x{a="1"} + fill(0) y{a="2"}', { enableBinopFillModifiers: true });
    assert.equal(r.errors.length, 0);
    assert.ok(r.expr?.type === 'BinaryExpr' && r.expr.vectorMatching?.fillValues);
    assert.equal(impossibleMatch(r.expr), undefined);
    const plain = parsePromQL('x{a="1"} + y{a="2"}');
    assert.ok(plain.expr?.type === 'BinaryExpr' && impossibleMatch(plain.expr));
  });

  it('walks trees 10,000 levels deep without recursion', () => {
    const n = 10_000;
    const cases: Array<[string, number]> = [
      [`${'('.repeat(n)}x{a="1"} + y{a="2"}${')'.repeat(n)}`, 1],
      [`x{a="1"}${' + x'.repeat(n)}`, 0],
      [`x{a="1"}${' + x{a="1"}'.repeat(n)} + y{a="2"}`, 1],
      [`sum(${'('.repeat(n)}x${')'.repeat(n)}) / y{a="2"}`, 1],
    ];
    for (const [expr, findings] of cases) {
      const text = `groups:\n- name: g\n  rules:\n  - record: a:b:c\n    expr: '${expr}'\n`;
      const d = checkRuleFile(text);
      assert.ok(!d.some((x) => /internal error/.test(x.message)), d.map((x) => x.message).join('; '));
      assert.equal(d.filter((x) => x.ruleId === 'rule/impossible-vector-match').length, findings, expr.slice(0, 40));
    }
  });
});
