// rule/sampled-alert (pint's promql/fragile, sampling functions): flagged when the alert's series
// are those a topk/bottomk/limitk/limit_ratio picked, not when an aggregation or a function with
// series of its own stands between them and the output. (limitk and limit_ratio are experimental:
// rule files parse without them, as Prometheus does by default.)
import assert from 'node:assert/strict';
import { checkRuleFile } from '../index';
import { PARSER_READY } from '../testutil';

const alert = (expr: string, kind: 'alert' | 'record' = 'alert') =>
  `groups:\n- name: g\n  rules:\n  - ${kind}: ${kind === 'alert' ? 'A' : 'a:b:c'}\n    expr: ${JSON.stringify(expr)}\n`;

/** The text the finding underlines, or undefined when there is none. */
function sampled(expr: string, kind: 'alert' | 'record' = 'alert'): string | undefined {
  const text = alert(expr, kind);
  const d = checkRuleFile(text).filter((x) => x.ruleId === 'rule/sampled-alert');
  assert.ok(d.length <= 1);
  return d[0] && text.slice(d[0].range.start, d[0].range.end);
}

describe('rule/sampled-alert', () => {
  if (!PARSER_READY) return;
  // [expression, what is underlined (undefined: no finding)]
  const cases: Array<[string, string | undefined]> = [
    ['topk(3, x) > 0', 'topk(3, x)'],
    ['bottomk(1, rate(x[5m])) < 1', 'bottomk(1, rate(x[5m]))'],
    ['(topk(3, x > 0))', 'topk(3, x > 0)'],
    ['-topk(3, x) < 0', 'topk(3, x)'],
    ['abs(topk(3, x)) > 1', 'topk(3, x)'],
    ['label_replace(topk(3, x), "a", "$1", "b", "(.*)") > 1', 'topk(3, x)'],
    ['x > on (instance) topk(3, y)', 'topk(3, y)'], // only the matched series pass
    ['y or topk(3, x)', 'topk(3, x)'],
    ['topk(3, x) and y > 0', 'topk(3, x)'],
    ['max_over_time(topk(3, x)[5m:1m]) > 0', 'topk(3, x)'],
    // An aggregation or a function of its own series in between: stable.
    ['count(topk(3, x)) > 2', undefined],
    // One pick per group (kube-prometheus' deduplication idiom): not a sample of the result.
    ['topk by (cluster, namespace) (1, max by (cluster, namespace) (x)) > 0.9', undefined],
    ['x * on (pod) group_left () topk by (pod) (1, max by (pod, owner) (y)) > 0', undefined],
    ['bottomk without (instance) (1, x) < 1', undefined],
    ['sum by (job) (topk(3, x)) > 2', undefined],
    ['absent(topk(3, x))', undefined],
    ['x > scalar(topk(1, y))', undefined],
    ['x unless topk(3, y)', undefined], // `unless` keeps the left side's series
    ['x > 0', undefined],
  ];
  for (const [expr, underline] of cases) {
    it(`${expr} → ${underline ?? 'nothing'}`, () => assert.equal(sampled(expr), underline));
  }
  it('leaves recording rules alone', () => assert.equal(sampled('topk(3, x)', 'record'), undefined));
  it('walks a very deep expression without overflowing', () => {
    assert.equal(sampled(`${'('.repeat(5000)}topk(1, x)${')'.repeat(5000)} > 0`), 'topk(1, x)');
  });
});
