import * as assert from 'node:assert/strict';
import { documentExpressions } from './expressions';
import { semanticTokens } from './semanticTokens';

function kinds(text: string, uri = 'untitled:x', languageId = 'promql'): string[] {
  return semanticTokens(documentExpressions(uri, text, languageId)).map(
    (t) => `${text.slice(t.start, t.end)}:${t.type}${t.defaultLibrary ? '*' : ''}`,
  );
}

describe('semanticTokens', () => {
  it('tells functions, aggregations, metrics, labels, keywords and literals apart', () => {
    assert.deepEqual(kinds('sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > bool 0.5'), [
      'sum:keyword*', 'by:keyword', 'job:property', 'rate:function*', 'http_requests_total:variable',
      'code:property', '=~:operator', '"5..":string', '5m:number', '>:operator', 'bool:keyword', '0.5:number',
    ]);
  });

  it('a function name without a call is a metric, a set operator is an operator', () => {
    assert.deepEqual(kinds('rate and on(instance) group_left(team) info offset 1h'), [
      'rate:variable', 'and:operator', 'on:keyword', 'instance:property', 'group_left:keyword', 'team:property',
      'info:variable', 'offset:keyword', '1h:number',
    ]);
  });

  it('maps embedded expressions to their place in the file, escapes included', () => {
    const text = '{"panels": [{"targets": [{"expr": "up{job=\\"a\\"}"}]}]}';
    const tokens = semanticTokens(documentExpressions('file:///d.json', text));
    assert.deepEqual(
      tokens.map((t) => [text.slice(t.start, t.end), t.type]),
      [['up', 'variable'], ['job', 'property'], ['=', 'operator'], ['\\"a\\"', 'string']],
    );
  });
});
