// rule/impossible-vector-match: which labels a query fixes, and what the finding says and where.
// test/impossibleVectorMatch.test.ts checks the rule's claim against a real Prometheus.
import assert from 'node:assert/strict';
import { parsePromQL } from '../../promql/parse';
import { checkRuleFile } from '../rules/index';
import { lintPromqlFile } from '../index';
import { fixedLabels, impossibleMatch, impossibleMatches, PRESENT } from './impossibleMatch';

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

  it('offers ignoring(...) when written values are all that differ, and applying it clears the finding', () => {
    const cases: Array<[string, string | undefined]> = [
      ['x{s="a"} + x{s="b"}', 'x{s="a"} + ignoring(s) x{s="b"}'],
      ['x{s="a"} > bool x{s="b"}', 'x{s="a"} > bool ignoring(s) x{s="b"}'],
      ['x{s="a", t="1"} AND x{s="b", t="2"}', 'x{s="a", t="1"} AND ignoring(s, t) x{s="b", t="2"}'],
      ['(x{s="a"}) /  # hits over misses\n (x{s="b"})', '(x{s="a"}) / ignoring(s)  # hits over misses\n (x{s="b"})'],
      ['x{s="a"}+x{s="b"}', 'x{s="a"}+ ignoring(s)x{s="b"}'],
      ['sum(a) / b', undefined], // b's job is not a written value: ignoring(job) would not be enough
      ['sum by (s) (x{s="a"}) / x{t="1"}', undefined], // the left side lacks t
      ['x{s="a"} + on(s) x{s="b"}', undefined], // a clause is there: which labels to compare is the author's call
    ];
    for (const [expr, fixed] of cases) {
      const r = parsePromQL(expr);
      assert.ok(r.expr && r.errors.length === 0, expr);
      const [found] = impossibleMatches(r.expr, { text: expr });
      assert.ok(found, expr);
      if (fixed === undefined) {
        assert.equal(found.fix, undefined, expr);
        continue;
      }
      assert.ok(found.fix, expr);
      const after = expr.slice(0, found.fix.at) + found.fix.insert + expr.slice(found.fix.at);
      assert.equal(after, fixed);
      const again = parsePromQL(after);
      assert.equal(again.errors.length, 0, after);
      assert.deepEqual(impossibleMatches(again.expr!, { text: after }), [], after);
    }
  });

  it('the quick fix lands in the file: a quoted rule expr and a .promql file', () => {
    const rule = `groups:\n- name: g\n  rules:\n  - record: memcached:hit_ratio\n    expr: "rate(m_total{status=\\"hit\\"}[5m]) / rate(m_total{status=\\"miss\\"}[5m])"\n`;
    const [d] = checkRuleFile(rule).filter((x) => x.ruleId === 'rule/impossible-vector-match');
    const edit = d.fixes?.[0]?.edits[0];
    assert.ok(edit && d.fixes?.[0].title === 'Add ignoring(status)');
    const fixedRule = rule.slice(0, edit.range.start) + edit.newText + rule.slice(edit.range.end);
    assert.match(fixedRule, /\[5m\]\) \/ ignoring\(status\) rate/);
    assert.deepEqual(checkRuleFile(fixedRule).map((x) => x.ruleId), []);
    const file = '# ratio\nx{s="a"}\n  / x{s="b"}\n';
    const [p] = lintPromqlFile(file);
    const pe = p.fixes?.[0]?.edits[0];
    assert.ok(pe);
    const fixedFile = file.slice(0, pe.range.start) + pe.newText + file.slice(pe.range.end);
    assert.equal(fixedFile, '# ratio\nx{s="a"}\n  / ignoring(s) x{s="b"}\n');
    assert.deepEqual(lintPromqlFile(fixedFile), []);
  });
});
