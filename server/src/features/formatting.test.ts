import * as assert from 'node:assert/strict';
import { documentExpressions } from './expressions';
import { formatExpressions } from './formatting';

function format(text: string, maxLineLength?: number): string {
  const edits = formatExpressions(documentExpressions('untitled:x', text, 'promql'), text, { parse: {}, maxLineLength });
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start - a.range.start)) {
    out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  }
  return out;
}

describe('formatExpressions', () => {
  const cases: Array<[string, string, string]> = [
    ['one expression', 'sum(rate(x[5m]))by(job)', 'sum by (job) (rate(x[5m]))'],
    ['each block on its own', 'up==1\n\n\nrate( x [5m] )\n', 'up == 1\n\n\nrate(x[5m])\n'],
    ['comment lines around an expression stay', '# errors\nsum (up)\n# end\n', '# errors\nsum(up)\n# end\n'],
    ['a broken expression stays as written', 'rat(x[5m])\n\nsum (up)', 'rat(x[5m])\n\nsum(up)'],
    ['a comment inside an expression keeps it as written', 'sum(\n  up # why\n)', 'sum(\n  up # why\n)'],
    ['already formatted: nothing to do', 'sum by (job) (up)\n', 'sum by (job) (up)\n'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(format(input), expected));
  }

  it('breaks long expressions the way Prometheus\' Prettify does', () => {
    const out = format('sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m]))', 40);
    assert.ok(out.startsWith('  sum by (job) (\n'), out);
    assert.ok(out.includes('\n/\n'), out);
    assert.equal(format(out, 40), out, 'formatting is idempotent');
  });

  it('leaves rule files and dashboards to their own formatters', () => {
    const yaml = 'groups:\n  - name: g\n    rules:\n      - record: r\n        expr: sum (up)\n';
    assert.deepEqual(formatExpressions(documentExpressions('file:///r.yml', yaml), yaml, { parse: {} }), []);
  });
});
