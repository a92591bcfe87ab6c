import { strict as assert } from 'node:assert';
import {
  compareGoStrings, formatAtSeconds, formatDurationMs, formatDurationSeconds, formatFloatF, formatFloatV, goQuote, goTrimSpace, utf8Length,
} from './goFormatting';

describe('formatFloatF (strconv.FormatFloat(f, \'f\', -1, 64))', () => {
  const cases: Array<[number, string]> = [
    [0, '0'], [-0, '-0'], [1, '1'], [-1, '-1'], [0.5, '0.5'], [1048576, '1048576'],
    [1e21, '1000000000000000000000'], [1.5e22, '15000000000000000000000'], [1e-7, '0.0000001'],
    [1.25e-10, '0.000000000125'], [123.456, '123.456'], [0.1 + 0.2, '0.30000000000000004'],
    [Infinity, '+Inf'], [-Infinity, '-Inf'], [NaN, 'NaN'], [5e-324, '0.' + '0'.repeat(323) + '5'],
    [1.7976931348623157e308, '17976931348623157' + '0'.repeat(292)],
  ];
  for (const [f, want] of cases) it(`${f} → ${want.length > 30 ? want.slice(0, 30) + '…' : want}`, () => assert.equal(formatFloatF(f), want));
});

describe('formatFloatV (fmt %v of a float64)', () => {
  const cases: Array<[number, string]> = [
    [-23, '-23'], [42, '42'], [0, '0'], [100000, '100000'], [1e6, '1e+06'], [123456789, '1.23456789e+08'],
    [0.0001, '0.0001'], [0.00001, '1e-05'], [1.5e-300, '1.5e-300'], [NaN, 'NaN'], [Infinity, '+Inf'], [-Infinity, '-Inf'],
  ];
  for (const [f, want] of cases) it(`${f} → ${want}`, () => assert.equal(formatFloatV(f), want));
});

describe('goQuote (strconv.Quote)', () => {
  const cases: Array<[string, string]> = [
    ['', '""'], ['abc', '"abc"'], ['a"b', '"a\\"b"'], ['a\\b', '"a\\\\b"'], ['\n\t\r', '"\\n\\t\\r"'],
    ['\x07\b\f\v', '"\\a\\b\\f\\v"'], ['\x00\x1f\x7f', '"\\x00\\x1f\\x7f"'], ['üäö 日本', '"üäö 日本"'],
    ['\u00a0', '"\\u00a0"'], ['\u200b', '"\\u200b"'], ['😀', '"😀"'], ['\u{e0001}', '"\\U000e0001"'], ["'", '"\'"'],
    // Deviations kept on purpose: bytes carried as U+DC80..U+DCFF print as Go prints the byte;
    // U+FFFD (a byte that was lost) is escaped so that the output reads back as the same value.
    ['a\udcc5z', '"a\\xc5z"'], ['\ufffd', '"\\ufffd"'], ['\ud800', '"\\ufffd"'],
  ];
  for (const [s, want] of cases) it(`${JSON.stringify(s)} → ${want}`, () => assert.equal(goQuote(s), want));
});

describe('formatDurationMs (model.Duration.String)', () => {
  const h = 3600_000;
  const d = 24 * h;
  const cases: Array<[number, string]> = [
    [0, '0s'], [1, '1ms'], [1000, '1s'], [60_000, '1m'], [90 * 60_000, '1h30m'], [d, '1d'], [7 * d, '1w'],
    [14 * d, '2w'], [90 * d, '90d'], [365 * d, '1y'], [366 * d, '366d'], [8 * d, '8d'], [d + 1, '1d1ms'],
    [-7 * 60_000, '-7m'], [5 * 60_000 + 30_500, '5m30s500ms'],
  ];
  for (const [ms, want] of cases) it(`${ms} → ${want}`, () => assert.equal(formatDurationMs(ms), want));
  it('seconds: truncates below a millisecond, like the int64 conversions', () => {
    assert.equal(formatDurationSeconds(300), '5m');
    assert.equal(formatDurationSeconds(0.0005), '0s');
    assert.equal(formatDurationSeconds(1.0015), '1s1ms');
  });
});

describe('small Go helpers', () => {
  it('%.3f of an @ timestamp', () => {
    assert.equal(formatAtSeconds(10_000), '10.000');
    assert.equal(formatAtSeconds(-1), '-0.001');
    assert.equal(formatAtSeconds(1_600_000_000_123), '1600000000.123');
  });
  it('sorts by code point (UTF-8 byte order), not UTF-16 units', () => {
    const xs = ['\uffff', '😀', 'a', 'B', ''];
    assert.deepEqual([...xs].sort(compareGoStrings), ['', 'B', 'a', '\uffff', '😀']);
  });
  it('len() counts UTF-8 bytes', () => {
    assert.equal(utf8Length('aé日😀'), 1 + 2 + 3 + 4);
  });
  it('TrimSpace trims Go spaces only', () => {
    assert.equal(goTrimSpace('\n  a b \t'), 'a b');
    assert.equal(goTrimSpace('\ufeffa'), '\ufeffa');
  });
});
