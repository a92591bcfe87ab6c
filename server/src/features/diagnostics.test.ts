import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePromQL } from '../promql/parse';
import { ExpressionErrorCache, expressionDiagnostics } from './diagnostics';
import { documentExpressions } from './expressions';

const WORKSPACE = join(__dirname, '..', '..', '..', 'test-fixtures', 'workspace');

describe('expressionDiagnostics', () => {
  for (const file of ['queries.promql', 'rules/alerts.yml', 'dashboards/service.json']) {
    it(`maps every parser error of ${file} back into the file`, () => {
      const text = readFileSync(join(WORKSPACE, file), 'utf8');
      const expressions = documentExpressions(`file://${join(WORKSPACE, file)}`, text);
      assert.ok(expressions.length >= 2, 'the fixture holds several expressions');
      const diagnostics = expressionDiagnostics(expressions, {}, new ExpressionErrorCache());
      const expected = expressions.flatMap((e) =>
        parsePromQL(e.text).errors.map((err) => ({
          message: err.message,
          start: e.toFileOffset(err.range.start),
          end: e.toFileOffset(err.range.end),
        })),
      );
      assert.ok(expected.length >= 1, 'each fixture has a deliberate error');
      assert.deepEqual(
        diagnostics.map((d) => ({ message: d.message, start: d.range.start, end: d.range.end })),
        expected,
      );
      for (const d of diagnostics) {
        const e = expressions.find((x) => x.range.start <= d.range.start && d.range.end <= x.range.end);
        assert.ok(e, `diagnostic ${d.message} lies inside its expression`);
      }
    });
  }

  it('parses an unchanged expression once', () => {
    const cache = new ExpressionErrorCache();
    const expressions = documentExpressions('file:///q.promql', 'up\n\nrate(x[5m])\n\nup\n');
    expressionDiagnostics(expressions, {}, cache);
    expressionDiagnostics(expressions, {}, cache);
    assert.equal(cache.size, 2);
    expressionDiagnostics(expressions, { enableExperimentalFunctions: true }, cache);
    assert.equal(cache.size, 4, 'options are part of the key');
  });

  it('forgets the least recently used entries beyond its bound', () => {
    const cache = new ExpressionErrorCache(3);
    for (const t of ['a', 'b', 'c', 'a', 'd']) cache.errors(t, {});
    assert.equal(cache.size, 3);
  });
});
