import assert from 'node:assert/strict';
import { formatDuration, parseDuration, parseSize, suggestDuration } from './durations';

describe('config durations (model.ParseDuration)', () => {
  const cases: [string, number | string][] = [
    ['0', 0],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['1y', 31_536_000_000],
    ['250ms', 250],
    ['1h30m15s10ms', 5_415_010],
    ['', 'empty duration string'],
    ['90', 'not a valid duration string: "90"'],
    ['1.5m', 'unknown unit "." in duration "1.5m"'],
    ['-1h', 'not a valid duration string: "-1h"'],
    ['30s1m', 'not a valid duration string: "30s1m"'],
    ['1h1h', 'not a valid duration string: "1h1h"'],
    ['5x', 'unknown unit "x" in duration "5x"'],
    ['1m ', 'unknown unit "m " in duration "1m "'],
    ['300000000y', 'duration out of range'],
  ];
  for (const [input, want] of cases) {
    it(`${JSON.stringify(input)} -> ${want}`, () => {
      const got = parseDuration(input);
      if (typeof want === 'number') assert.deepEqual(got, { ok: true, value: want });
      else assert.deepEqual(got, { ok: false, error: want });
    });
  }
  it('suggests a valid spelling for common mistakes', () => {
    assert.equal(suggestDuration('90'), '90s');
    assert.equal(suggestDuration('1.5m'), '1m30s');
    assert.equal(suggestDuration('0.5s'), '500ms');
    assert.equal(suggestDuration('30s1m'), undefined);
    assert.equal(suggestDuration('0'), undefined);
  });

  it('formats like model.Duration.String', () => {
    assert.equal(formatDuration(90_000), '1m30s');
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(86_400_000 + 1), '1d1ms');
  });
});

describe('config sizes (units.ParseBase2Bytes)', () => {
  const cases: [string, number | string][] = [
    ['0', 0],
    ['512MB', 512 * 1024 ** 2],
    ['1GiB', 1024 ** 3],
    ['1.5KB', 1536],
    ['1GB512MB', 1024 ** 3 + 512 * 1024 ** 2],
    ['-1GB', -(1024 ** 3)],
    ['100', 'units: unknown unit  in 100'],
    ['10mb', 'units: unknown unit mb in 10mb'],
    ['', 'units: invalid '],
    ['MB', 'units: invalid MB'],
  ];
  for (const [input, want] of cases) {
    it(`${JSON.stringify(input)} -> ${want}`, () => {
      const got = parseSize(input);
      if (typeof want === 'number') assert.deepEqual(got, { ok: true, value: want });
      else assert.deepEqual(got, { ok: false, error: want });
    });
  }
});
