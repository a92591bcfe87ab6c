// .promql files: every rule has a failing and a passing example, and findings land on their
// expression in a file of several.
import assert from 'node:assert/strict';
import { lintPromqlFile } from './index';
import { promqlFileRules } from './registry';

describe('.promql files: every rule has a failing and a passing example', () => {
  for (const doc of promqlFileRules) {
    it(`${doc.id}: the bad example triggers it, the good one does not`, () => {
      const bad = lintPromqlFile(doc.badExample).filter((d) => d.ruleId === doc.id);
      assert.ok(bad.length >= 1, doc.badExample);
      assert.ok(bad.every((d) => d.severity === doc.defaultSeverity));
      assert.deepEqual(lintPromqlFile(doc.goodExample).map((d) => d.ruleId), []);
    });
  }

  it('promql/impossible-vector-match underlines the operation in the expression it is in', () => {
    const second = 'sum by (job) (rate(x_total[5m])) / rate(x_total{code="500"}[5m])';
    const text = `# fine\nsum by (job) (rate(x_total[5m]))\n\n# never matches\n${second}\n`;
    const d = lintPromqlFile(text);
    assert.deepEqual(d.map((x) => x.ruleId), ['promql/impossible-vector-match']);
    assert.equal(text.slice(d[0].range.start, d[0].range.end), second);
    assert.match(d[0].message, /every left series has no code label and every right series has code="500"/);
    // A syntax error is reported alone: no quality finding on a broken expression.
    assert.deepEqual(lintPromqlFile('x{a="1"} + y{a="2"} +').map((x) => x.ruleId), ['promql/syntax']);
  });
});
