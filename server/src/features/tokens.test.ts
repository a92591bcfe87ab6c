import * as assert from 'node:assert/strict';
import { tokenAt, tokenize } from './tokens';

describe('tokenize (editor tokens)', () => {
  const cases: Array<[string, string]> = [
    ['rate(up[5m])', 'ident:rate punct:( ident:up punct:[ duration:5m punct:] punct:)'],
    ['a:b:c{job=~"x\\"y"}', 'ident:a:b:c punct:{ ident:job op:=~ string:"x\\"y" punct:}'],
    ['x[1h30m:5m]', 'ident:x punct:[ duration:1h30m punct:: duration:5m punct:]'],
    ['1.5e3 + 0x1F', 'number:1.5e3 op:+ number:0x1F'],
    ['up # comment\n+ 1', 'ident:up comment:# comment op:+ number:1'],
    ['a >= bool b != c', 'ident:a op:>= ident:bool ident:b op:!= ident:c'],
    ['up{job="unclosed', 'ident:up punct:{ ident:job op:= string:"unclosed'],
    ['x @ 5 $', 'ident:x op:@ number:5 error:$'],
    ['5mx', 'number:5 ident:mx'],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => {
      assert.equal(tokenize(input).map((t) => `${t.kind}:${t.text}`).join(' '), expected);
    });
  }

  it('offsets are half-open and slice back to the text', () => {
    const text = 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))';
    for (const t of tokenize(text)) assert.equal(text.slice(t.start, t.end), t.text);
  });

  it('finds the token under or just before the cursor', () => {
    const tokens = tokenize('rate(up)');
    assert.equal(tokenAt(tokens, 0)?.text, 'rate');
    assert.equal(tokenAt(tokens, 4)?.text, '(');
    assert.equal(tokenAt(tokens, 7)?.text, ')');
    assert.equal(tokenAt(tokens, 8)?.text, undefined);
  });
});
