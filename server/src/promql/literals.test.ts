// Durations, numbers and strings as Prometheus reads them.
import { strict as assert } from 'node:assert';
import { formatDuration, parseDuration } from './durations';
import { formatFloatFixed6, parseNumberLiteral } from './numbers';
import { unquoteString } from './strings';
import { formatPromQL } from './format';

describe('parseDuration (model.ParseDuration)', () => {
  const cases: Array<[string, number | string]> = [
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['1y2w3d4h5m6s7ms', 31_536_000_000 + 1_209_600_000 + 259_200_000 + 14_400_000 + 300_000 + 6_000 + 7],
    ['0', 0],
    ['0s', 0],
    ['5m1h', 'not a valid duration string: "5m1h"'],
    ['5m1m', 'not a valid duration string: "5m1m"'],
    ['5y1hs', 'unknown unit "hs" in duration "5y1hs"'],
    ['', 'empty duration string'],
    ['300000000y', 'duration out of range'],
    // The limits are exact: 2^63-1 ns is 9223372036854 ms and 775807 ns.
    ['9223372036854ms', 9_223_372_036_854],
    ['9223372036855ms', 'duration out of range'],
    ['106751d23h47m16s854ms', 9_223_372_036_854],
    ['106751d23h47m16s855ms', 'duration out of range'],
    ['0000000000000000001s', 1000],
    ['18446744073709551615s', 'duration out of range'],
    ['18446744073709551616s', 'not a valid duration string: "18446744073709551616s"'],
    ['5 minutes', 'unknown unit " minutes" in duration "5 minutes"'],
    ['5\u00b5s', 'unknown unit "\u00b5s" in duration "5\u00b5s"'],
    ['1\u0001', 'unknown unit "\\x01" in duration "1\\x01"'],
  ];
  for (const [input, want] of cases) {
    it(JSON.stringify(input), () => {
      const r = parseDuration(input);
      if (typeof want === 'number') assert.deepEqual(r, { ms: want });
      else assert.equal(r.error, want);
    });
  }
  it('prints like Duration.String()', () => {
    assert.equal(formatDuration(5_400_000), '1h30m');
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(90_061_001), '1d1h1m1s1ms');
    // Years and weeks only when exact, as model.Duration.String: "8d", not "1w1d".
    assert.equal(formatDuration(8 * 86_400_000), '8d');
    assert.equal(formatDuration(14 * 86_400_000), '2w');
    assert.equal(formatDuration(366 * 86_400_000), '366d');
    assert.equal(formatDuration(-300_000), '-5m');
  });
});

describe('parseNumberLiteral (ParseInt base 0, then ParseFloat)', () => {
  const cases: Array<[string, number | string]> = [
    ['123', 123],
    ['0x1F', 31],
    ['010', 8], // a leading 0 is octal, as in Go
    ['08', 8],
    ['1_000', 1000],
    ['1.5e3', 1500],
    ['.5', 0.5],
    ['Inf', Infinity],
    ['NaN', NaN],
    ['1e400', 'strconv.ParseFloat: parsing "1e400": value out of range'],
    ['0xFFFFFFFFFFFFFFFFFF', 'strconv.ParseFloat: parsing "0xFFFFFFFFFFFFFFFFFF": invalid syntax'],
  ];
  for (const [input, want] of cases) {
    it(input, () => {
      const r = parseNumberLiteral(input);
      if (typeof want === 'number') {
        assert.equal(r.error, undefined);
        assert.ok(Object.is(r.value, want) || r.value === want, String(r.value));
      } else assert.equal(r.error, want);
    });
  }
  it('formats %f like Go', () => {
    assert.equal(formatFloatFixed6(9223372036854775808), '9223372036854775808.000000');
    assert.equal(formatFloatFixed6(-Infinity), '-Inf');
    assert.equal(formatFloatFixed6(1.5), '1.500000');
  });
});

describe('unquoteString (strutil.Unquote)', () => {
  const cases: Array<[string, string | null]> = [
    ['"abc"', 'abc'],
    ["'abc'", 'abc'],
    ['`a\\nb`', 'a\\nb'],
    ['"a\\nb"', 'a\nb'],
    ['"\\x41\\101\\u00e9\\U0001F600"', 'AAé😀'],
    ['"\\xc3\\xa9"', 'é'], // bytes are decoded as UTF-8
    ["'\\''", "'"],
    ['"\\\'"', null], // \' only inside single quotes
    ['"a', null],
  ];
  for (const [input, want] of cases) {
    it(input, () => assert.equal(unquoteString(input), want));
  }
});

describe('durations keep their milliseconds', () => {
  // 1.001 * 1000 is 1000.9999999999999 in floating point: truncating would lose a millisecond.
  const cases: Array<[string, string]> = [
    ['foo[1s1ms]', 'foo[1s1ms]'],
    ['foo[5m:1s1ms]', 'foo[5m:1s1ms]'],
    ['foo[1m1ms:1ms]', 'foo[1m1ms:1ms]'],
  ];
  for (const [input, printed] of cases) {
    it(`${input} prints back as ${printed}`, () => {
      assert.equal(formatPromQL(input).text, printed);
    });
  }
});
