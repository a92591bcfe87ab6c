import { strict as assert } from 'node:assert';
import { prometheusLineCol, utf8ByteOffset } from './utf8';

describe('utf8ByteOffset', () => {
  const cases: Array<[string, number, number]> = [
    ['abc', 2, 2],
    ['é', 1, 2],
    ['aé b', 3, 4],
    ['日本', 2, 6],
    ['😀x', 2, 4],
    ['😀x', 3, 5],
    ['😀x', 1, 4], // between the halves of a pair: the pair counts whole
    ['', 0, 0],
  ];
  for (const [text, off, want] of cases) {
    it(`${JSON.stringify(text)} @${off} → ${want}`, () => assert.equal(utf8ByteOffset(text, off), want));
  }
  it('agrees with Buffer.byteLength on every prefix of mixed text', () => {
    const text = 'sum(rate({"日本"="é"}[5m])) # 😀 ok';
    for (let i = 0; i <= text.length; i++) {
      if (i > 0 && /[\ud800-\udbff]/.test(text[i - 1])) continue; // mid-pair: covered above
      assert.equal(utf8ByteOffset(text, i), Buffer.byteLength(text.slice(0, i)), `offset ${i}`);
    }
  });
});

describe('prometheusLineCol', () => {
  it('counts columns in bytes from the line start, 1-based', () => {
    assert.deepEqual(prometheusLineCol('foo\né + (', 5), { line: 2, col: 3 });
    assert.deepEqual(prometheusLineCol('sum(', 4), { line: 1, col: 5 });
  });
});
