import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentExpressions, expressionAt, fileNameOf, isPromQLDocument, toExpressionOffset } from './expressions';

const WORKSPACE = join(__dirname, '..', '..', '..', 'test-fixtures', 'workspace');

describe('document expressions for editor features', () => {
  it('reads file names from URIs', () => {
    assert.equal(fileNameOf('file:///tmp/a%20b/rules.yml'), '/tmp/a b/rules.yml');
    assert.equal(fileNameOf('untitled:Untitled-1'), 'Untitled-1');
  });

  it('treats any document with the promql language id as PromQL', () => {
    assert.equal(documentExpressions('untitled:Untitled-1', 'up\n\nrate(x[5m])', 'promql').length, 2);
    assert.equal(documentExpressions('untitled:Untitled-1', 'up', 'plaintext').length, 0);
    assert.ok(isPromQLDocument('file:///x/q.promql'));
    assert.ok(!isPromQLDocument('file:///x/q.yml', 'yaml'));
  });

  for (const file of ['queries.promql', 'rules/alerts.yml', 'dashboards/service.json']) {
    it(`toExpressionOffset inverts toFileOffset in ${file}`, () => {
      const text = readFileSync(join(WORKSPACE, file), 'utf8');
      const expressions = documentExpressions(`file://${join(WORKSPACE, file)}`, text);
      assert.ok(expressions.length >= 2);
      for (const e of expressions) {
        for (let i = 0; i <= e.text.length; i++) {
          const fileOffset = e.toFileOffset(i);
          assert.equal(expressionAt(expressions, fileOffset), e);
          // Escapes map several file characters to one; the inverse lands on the first of them.
          assert.equal(e.toFileOffset(toExpressionOffset(e, fileOffset)!), fileOffset, `${file} offset ${i}`);
        }
      }
    });
  }

  it('finds the dashboard expression with escaped quotes and maps its words', () => {
    const text = readFileSync(join(WORKSPACE, 'dashboards/service.json'), 'utf8');
    const expressions = documentExpressions('file:///d/service.json', text);
    const e = expressions.find((x) => x.text.includes('http_requests_total{job='))!;
    const at = e.text.indexOf('rate');
    assert.equal(text.slice(e.toFileOffset(at), e.toFileOffset(at + 4)), 'rate');
    const quote = e.text.indexOf('"');
    assert.equal(text.slice(e.toFileOffset(quote), e.toFileOffset(quote + 1)), '\\"');
  });
});
