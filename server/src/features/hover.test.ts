import * as assert from 'node:assert/strict';
import { FUNCTIONS } from '../promql/functions';
import { hoverAt } from './hover';
import { durationInWords, durationMs } from './vocabulary';

/** `|` marks the cursor. */
function hover(marked: string) {
  const offset = marked.indexOf('|');
  return hoverAt(marked.slice(0, offset) + marked.slice(offset + 1), offset);
}

describe('hoverAt', () => {
  it('shows a function with its signature in Prometheus\' type words and its description', () => {
    const h = hover('ra|te(up[5m])');
    assert.ok(h);
    assert.deepEqual(h.range, { start: 0, end: 4 });
    assert.match(h.contents, /^```promql\nrate\(\S+ range vector\) instant vector\n```/);
    assert.ok(h.contents.includes(FUNCTIONS.get('rate')!.description));
  });

  it('marks experimental functions', () => {
    assert.match(hover('limit|k(1, up)')?.contents ?? '', /Experimental/);
    assert.match(hover('mad_over|_time(up[5m])')?.contents ?? '', /promql-experimental-functions/);
    assert.doesNotMatch(hover('ra|te(up[5m])')?.contents ?? '', /Experimental/);
  });

  it('describes aggregations, keywords and operators', () => {
    assert.match(hover('to|pk(3, up)')?.contents ?? '', /topk\(k, v instant vector\) instant vector/);
    assert.match(hover('sum b|y (job) (up)')?.contents ?? '', /^\*\*by\*\*/);
    assert.match(hover('a / ign|oring(x) b')?.contents ?? '', /^\*\*ignoring\*\*/);
    assert.match(hover('a an|d b')?.contents ?? '', /Intersection/);
    assert.match(hover('a |> bool b')?.contents ?? '', /Greater than/);
  });

  it('tells a selector\'s != from the comparison', () => {
    assert.match(hover('up{job!|="a"}')?.contents ?? '', /Label matcher/);
    assert.doesNotMatch(hover('a !|= b')?.contents ?? '', /Label matcher/);
  });

  it('says durations in words', () => {
    const cases: Array<[string, string]> = [
      ['up[5|m]', '**5m**: 5 minutes (300 s)'],
      ['up[1h3|0m]', '**1h30m**: 1 hour 30 minutes (5400 s)'],
      ['up offset 1|d', '**1d**: 1 day (86400 s)'],
      ['up[10|0ms]', '**100ms**: 100 milliseconds'],
    ];
    for (const [input, expected] of cases) assert.equal(hover(input)?.contents, expected, input);
  });

  it('has nothing to say about metric names, numbers and comments', () => {
    assert.equal(hover('http_re|quests_total'), undefined);
    assert.equal(hover('1|23'), undefined);
    assert.equal(hover('# ra|te'), undefined);
    assert.equal(hover('sum(up) by (ra|te)')?.contents.includes('range vector') ?? false, false);
  });
});

describe('durations in words', () => {
  const cases: Array<[string, string | undefined, number | undefined]> = [
    ['1y', '1 year', 365 * 86400_000],
    ['2w', '2 weeks', 14 * 86400_000],
    ['1h1m1s1ms', '1 hour 1 minute 1 second 1 millisecond', 3661_001],
    ['5', undefined, undefined],
    ['5mm', undefined, undefined],
  ];
  for (const [text, words, ms] of cases) {
    it(text, () => {
      assert.equal(durationInWords(text), words);
      assert.equal(durationMs(text), ms);
    });
  }
});
