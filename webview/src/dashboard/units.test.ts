// Unit formatting against Grafana's own expectations. Cases are taken from grafana/grafana:
//   packages/grafana-data/src/valueFormats/valueFormats.test.ts   (formatTests, toFixed cases)
//   public/app/core/utils/kbn.test.ts                             (newer "short" expectations: '99 K', '10 Mil')
//   packages/grafana-data/src/valueFormats/symbolFormatters.test.ts (currency and SIPrefix tables)
//   packages/grafana-data/src/valueFormats/arithmeticFormatters.test.ts (hex, hex0x)
//   packages/grafana-data/src/valueFormats/dateTimeFormatters.test.ts (durations, dthms, dtdhms, clock, ns, s)
// and, for the units the corpus dashboards use, values worked through Grafana's algorithms
// (getDecimalsForValue, scaledUnits, SIPrefix/binaryPrefix) by hand.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toFixed, type DecimalCount } from './numberFormat';
import { formatDate, toClock, toDuration, toDurationInDaysHoursMinutesSeconds, toDurationInHoursMinutesSeconds } from './timeUnits';
import { formatValue, formattedValueToString, getValueFormatter, isKnownUnit, knownUnits } from './units';

interface Case {
  unit: string;
  value: number;
  decimals?: DecimalCount;
  result: string;
}

function show(unit: string | undefined, value: number, decimals?: DecimalCount, timeZone: 'utc' | 'browser' = 'utc'): string {
  return formattedValueToString(formatValue(value, unit, decimals, { timeZone }));
}

function runTable(title: string, cases: Case[], timeZone: 'utc' | 'browser' = 'utc'): void {
  describe(title, () => {
    for (const c of cases) {
      it(`${c.unit}: ${c.value} (decimals ${c.decimals}) → ${c.result}`, () => {
        assert.equal(show(c.unit, c.value, c.decimals, timeZone), c.result);
      });
    }
  });
}

// valueFormats.test.ts formatTests (the scaledDecimals cases of older versions are left out: the
// argument no longer exists) and kbn.test.ts.
runTable('Grafana valueFormats.test.ts / kbn.test.ts', [
  { unit: 'currencyUSD', decimals: 2, value: 1532.82, result: '$1.53K' },
  { unit: 'currencyKRW', decimals: 2, value: 1532.82, result: '₩1.53K' },
  { unit: 'currencyIDR', decimals: 2, value: 1532.82, result: 'Rp1.53K' },
  { unit: 'ms', decimals: 4, value: 0.0024, result: '0.0024 ms' },
  { unit: 'ms', decimals: 0, value: 100, result: '100 ms' },
  { unit: 'ms', decimals: 2, value: 1250, result: '1.25 s' },
  { unit: 'ms', decimals: 1, value: 10000086.123, result: '2.8 hour' },
  { unit: 'ms', decimals: 0, value: 10000086.123, result: '3 hour' },
  { unit: 'ms', decimals: 0, value: 1200, result: '1 s' },
  { unit: 'short', decimals: 0, value: 98765, result: '99 K' },
  { unit: 'short', decimals: 0, value: 9876543, result: '10 Mil' },
  { unit: 'short', decimals: 2, value: 9876543, result: '9.88 Mil' },
  { unit: 'kbytes', decimals: 3, value: 10000000, result: '9.537 GiB' },
  { unit: 'deckbytes', decimals: 3, value: 10000000, result: '10.000 GB' },
  { unit: 'megwatt', decimals: 3, value: 1000, result: '1.000 GW' },
  { unit: 'kohm', decimals: 3, value: 1000, result: '1.000 MΩ' },
  { unit: 'Mohm', decimals: 3, value: 1000, result: '1.000 GΩ' },
  { unit: 'farad', decimals: 3, value: 1000, result: '1.000 kF' },
  { unit: 'µfarad', decimals: 3, value: 1000, result: '1.000 mF' },
  { unit: 'nfarad', decimals: 3, value: 1000, result: '1.000 µF' },
  { unit: 'pfarad', decimals: 3, value: 1000, result: '1.000 nF' },
  { unit: 'ffarad', decimals: 3, value: 1000, result: '1.000 pF' },
  { unit: 'henry', decimals: 3, value: 1000, result: '1.000 kH' },
  { unit: 'mhenry', decimals: 3, value: 1000, result: '1.000 H' },
  { unit: 'µhenry', decimals: 3, value: 1000, result: '1.000 mH' },
  // Suffix (unknown units append to the end)
  { unit: 'a', decimals: 0, value: 1532.82, result: '1533 a' },
  { unit: 'b', decimals: 0, value: 1532.82, result: '1533 b' },
  // Prefix / suffix
  { unit: 'prefix:b', value: 1532.82, result: 'b1533' },
  { unit: 'suffix:d', value: 1532.82, result: '1533 d' },
  // SI units
  { unit: 'si:µF', value: 1234, decimals: 2, result: '1.23 mF' },
  { unit: 'si:µF', value: 1234000000, decimals: 2, result: '1.23 kF' },
  { unit: 'si:µF', value: 1234000000000000, decimals: 2, result: '1.23 GF' },
  // Counts (suffix)
  { unit: 'count:xpm', value: 1234567, decimals: 2, result: '1.23M xpm' },
  { unit: 'count:x/min', value: 1234, decimals: 2, result: '1.23K x/min' },
  // Currency (prefix)
  { unit: 'currency:@', value: 1234567, decimals: 2, result: '@1.23M' },
  { unit: 'currency:@', value: 1234, decimals: 2, result: '@1.23K' },
]);

// valueFormats.test.ts "Time format" cases use local dates (new Date(2010, 6, 2)): the browser time zone.
runTable(
  'Grafana valueFormats.test.ts: time formats (browser time zone)',
  [
    { unit: 'time:YYYY', decimals: 0, value: new Date(1999, 6, 2).valueOf(), result: '1999' },
    { unit: 'time:YYYY.MM', decimals: 0, value: new Date(2010, 6, 2).valueOf(), result: '2010.07' },
    { unit: 'dateTimeAsIso', decimals: 0, value: new Date(2010, 6, 2).valueOf(), result: '2010-07-02 00:00:00' },
    { unit: 'dateTimeAsUS', decimals: 0, value: new Date(2010, 6, 2).valueOf(), result: '07/02/2010 12:00:00 am' },
    { unit: 'dateTimeAsSystem', decimals: 0, value: new Date(2010, 6, 2).valueOf(), result: '2010-07-02 00:00:00' },
  ],
  'browser',
);

describe('Grafana valueFormats.test.ts: toFixed', () => {
  it('automatic decimals when decimals is null', () => {
    assert.equal(toFixed(100), '100');
    assert.equal(toFixed(100.4), '100');
    assert.equal(toFixed(100.5), '101');
  });
  it('pads to the given decimals', () => {
    assert.equal(toFixed(100, 1), '100.0');
    assert.equal(toFixed(100.37, 1), '100.4');
    assert.equal(toFixed(100.63, 1), '100.6');
    assert.equal(toFixed(100.4, 2), '100.40');
    assert.equal(toFixed(100.5, 2), '100.50');
  });
  it('non-numbers', () => {
    assert.equal(toFixed(NaN), 'NaN');
    assert.equal(toFixed(Number.NEGATIVE_INFINITY), Number.NEGATIVE_INFINITY.toLocaleString());
    assert.equal(toFixed(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY.toLocaleString());
  });
  it('negative decimals are zero decimals', () => {
    assert.equal(toFixed(186.123, -2), '186');
  });
  it('decimals beyond what Number.toFixed accepts do not throw', () => {
    assert.equal(toFixed(1.5, 1000).length, '1.'.length + 100);
  });
  it('old unit id farenheit is fahrenheit', () => {
    assert.equal(show('farenheit', 50, 0), show('fahrenheit', 50, 0));
    assert.equal(show('fahrenheit', 50, 0), '50 °F');
  });
});

describe('Grafana symbolFormatters.test.ts', () => {
  const rows: Array<[number, string, string, string, string | undefined, string]> = [
    // value, prefix, suffix, text (prefix-symbol currency) | suffix-symbol prefix, suffix
    [0, '@', '', '0', undefined, '@'],
    [999, '@', '', '999', undefined, '@'],
    [1000, '@', 'K', '1', undefined, 'K@'],
    [1000000, '@', 'M', '1', undefined, 'M@'],
    [1000000000, '@', 'B', '1', undefined, 'B@'],
    [1000000000000, '@', 'T', '1', undefined, 'T@'],
    [1000000000000000, '@', 'T', '1000', undefined, 'T@'],
    [-1000000000000, '-@', 'T', '1', '-', 'T@'],
    [-1000000000, '-@', 'B', '1', '-', 'B@'],
    [-1000000, '-@', 'M', '1', '-', 'M@'],
    [-1000, '-@', 'K', '1', '-', 'K@'],
    [-999, '-@', '', '999', '-', '@'],
  ];
  for (const [value, prefix, suffix, text, sPrefix, sSuffix] of rows) {
    it(`currency(@) ${value}`, () => {
      const r = getValueFormatter('currency:@')(value, undefined, {});
      assert.deepEqual([r.prefix, r.suffix, r.text], [prefix, suffix, text]);
    });
    it(`currency(kr, asSuffix) ${value} (currencySEK with kr)`, () => {
      const r = getValueFormatter('currencySEK')(value, undefined, {});
      assert.deepEqual([r.prefix, r.suffix, r.text], [sPrefix, sSuffix.replace('@', 'kr'), text]);
    });
  }
  const si: Array<[number, string, string]> = [
    [0, ' V', '0'],
    [999, ' V', '999'],
    [1000, ' kV', '1'],
    [1000000, ' MV', '1'],
    [1000000000, ' GV', '1'],
    [1000000000000, ' TV', '1'],
    [1000000000000000, ' PV', '1'],
    [-1000000000000, ' TV', '-1'],
    [-1000000000, ' GV', '-1'],
    [-1000000, ' MV', '-1'],
    [-1000, ' kV', '-1'],
    [-999, ' V', '-999'],
  ];
  for (const [value, suffix, text] of si) {
    it(`SIPrefix(V) ${value} (volt)`, () => {
      const r = formatValue(value, 'volt');
      assert.deepEqual([r.prefix, r.suffix, r.text], ['', suffix, text]);
    });
  }
});

runTable('Grafana arithmeticFormatters.test.ts', [
  { unit: 'hex', value: 100, decimals: 0, result: '64' },
  { unit: 'hex', value: -100, decimals: 0, result: '-64' },
  { unit: 'hex', value: 50.52, decimals: 1, result: '32.8' },
  { unit: 'hex', value: -50.333, decimals: 2, result: '-32.547AE147AE14' },
  { unit: 'hex0x', value: 7999, decimals: 0, result: '0x1F3F' },
  { unit: 'hex0x', value: -584, decimals: 0, result: '-0x248' },
  { unit: 'hex0x', value: 74.443, decimals: 3, result: '0x4A.716872B020C4' },
  { unit: 'hex0x', value: -65.458, decimals: 1, result: '-0x41.8' },
]);

describe('Grafana dateTimeFormatters.test.ts', () => {
  const durations: Array<[number, DecimalCount, string, string]> = [
    [0, 0, 'millisecond', '0 milliseconds'],
    [1, 0, 'millisecond', '1 millisecond'],
    [-1, 0, 'millisecond', '1 millisecond ago'],
    [1, 0, 'second', '1 second'],
    [1, 0, 'minute', '1 minute'],
    [1, 0, 'hour', '1 hour'],
    [1, 0, 'day', '1 day'],
    [1, 0, 'week', '1 week'],
    [1, 0, 'month', '1 month'],
    [1, 0, 'year', '1 year'],
    [1.5, 2, 'day', '1 day, 12 hours, 0 minutes'],
    [1.5, 3, 'month', '1 month, 2 weeks, 1 day, 0 hours'],
    [38898367008, 0, 'millisecond', '1 year'],
    [38898367008, 1, 'millisecond', '1 year, 2 months'],
    [38898367008, 20, 'millisecond', '1 year, 2 months, 3 weeks, 4 days, 5 hours, 6 minutes, 7 seconds, 8 milliseconds'],
    [36993906007, 8, 'millisecond', '1 year, 2 months, 0 weeks, 3 days, 4 hours, 5 minutes, 6 seconds, 7 milliseconds'],
  ];
  for (const [size, decimals, scale, expected] of durations) {
    it(`toDuration(${size}, ${decimals}, ${scale}) → ${expected}`, () => {
      assert.equal(formattedValueToString(toDuration(size, decimals, scale)), expected);
    });
  }
  it('dtdurationms / dtdurations units', () => {
    assert.equal(show('dtdurationms', 1, 0), '1 millisecond');
    assert.equal(show('dtdurations', 1, 0), '1 second');
  });
  const hms: Array<[(n: number) => { text: string; suffix?: string }, number, string]> = [
    [toDurationInHoursMinutesSeconds, 1, '00:00:01'],
    [toDurationInHoursMinutesSeconds, -1, '00:00:01 ago'],
    [toDurationInHoursMinutesSeconds, 0, '00:00:00'],
    [toDurationInDaysHoursMinutesSeconds, 86399, '23:59:59'],
    [toDurationInDaysHoursMinutesSeconds, 86400, '1 d 00:00:00'],
    [toDurationInDaysHoursMinutesSeconds, 360000, '4 d 04:00:00'],
    [toDurationInDaysHoursMinutesSeconds, 1179811, '13 d 15:43:31'],
    [toDurationInDaysHoursMinutesSeconds, -1179811, '13 d 15:43:31 ago'],
    [toDurationInDaysHoursMinutesSeconds, 116876364, '1352 d 17:39:24'],
  ];
  for (const [fn, size, expected] of hms) {
    it(`${fn.name}(${size}) → ${expected}`, () => assert.equal(formattedValueToString(fn(size)), expected));
  }
  it('dthms / dtdhms units', () => {
    assert.equal(show('dthms', 3661), '01:01:01');
    assert.equal(show('dtdhms', 90061), '1 d 01:01:01');
  });
  const clocks: Array<[number, DecimalCount, string]> = [
    [999, 0, '999ms'],
    [59999, undefined, '59s:999ms'],
    [59999, 0, '59s'],
    [3599999, undefined, '59m:59s:999ms'],
    [3599999, 0, '59m'],
    [3599999, 1, '59m:59s'],
    [7199999, undefined, '01h:59m:59s:999ms'],
    [7199999, 0, '01h'],
    [7199999, 1, '01h:59m'],
    [7199999, 2, '01h:59m:59s'],
    [89999999, undefined, '24h:59m:59s:999ms'],
    [89999999, 0, '24h'],
    [89999999, 1, '24h:59m'],
    [89999999, 2, '24h:59m:59s'],
  ];
  for (const [size, decimals, expected] of clocks) {
    it(`toClock(${size}, ${decimals}) → ${expected}`, () => assert.equal(formattedValueToString(toClock(size, decimals)), expected));
  }
  it('clocks unit is clockms × 1000', () => assert.equal(show('clocks', 7199.999), '01h:59m:59s:999ms'));
  const ns: Array<[number, string, string]> = [
    [10, '10', ' ns'],
    [3000, '3', ' µs'],
    [4000000, '4', ' ms'],
    [5000000000, '5', ' s'],
    [480000000000, '8', ' min'],
    [32400000000000, '9', ' hour'],
    [864000000000000, '10', ' day'],
  ];
  for (const [value, text, suffix] of ns) {
    it(`ns ${value} → ${text}${suffix}`, () => {
      const r = formatValue(value, 'ns');
      assert.deepEqual([r.text, r.suffix], [text, suffix]);
    });
  }
  it('seconds: 0 is "0 s"', () => {
    const r = formatValue(0, 's');
    assert.deepEqual([r.text, r.suffix], ['0', ' s']);
  });
  const epoch = 1505634997920;
  it('dateTimeAsIso / dateTimeAsUS in UTC', () => {
    assert.equal(show('dateTimeAsIso', epoch), '2017-09-17 07:56:37');
    assert.equal(show('dateTimeAsUS', epoch), '09/17/2017 7:56:37 am');
  });
  it('"no date if today" variants drop the date only for today', () => {
    const opts = { timeZone: 'utc' as const, now: epoch + 3600_000 };
    assert.equal(formattedValueToString(formatValue(epoch, 'dateTimeAsIsoNoDateIfToday', 0, opts)), '07:56:37');
    assert.equal(formattedValueToString(formatValue(epoch, 'dateTimeAsUSNoDateIfToday', 0, opts)), '7:56:37 am');
    const tomorrow = { timeZone: 'utc' as const, now: epoch + 86400_000 };
    assert.equal(formattedValueToString(formatValue(epoch, 'dateTimeAsIsoNoDateIfToday', 0, tomorrow)), '2017-09-17 07:56:37');
  });
  it('dateTimeFromNow: 7 days ago, 2 minutes ago', () => {
    const now = epoch;
    assert.equal(formatValue(now - 7 * 86400_000, 'dateTimeFromNow', 0, { now }).text, '7 days ago');
    assert.equal(formatValue(now - 2 * 60_000, 'dateTimeFromNow', 0, { now }).text, '2 minutes ago');
    assert.equal(formatValue(now - 10_000, 'dateTimeFromNow', 0, { now }).text, 'a few seconds ago');
  });
  it('moment tokens, escapes and brackets', () => {
    assert.equal(formatDate(epoch, 'ddd, MMM Do YYYY [at] HH:mm:ss.SSS Z', 'utc'), 'Sun, Sep 17th 2017 at 07:56:37.920 +00:00');
    assert.equal(formatDate(epoch, 'X x', 'utc'), '1505634997 1505634997920');
    assert.equal(formatDate(NaN, 'YYYY', 'utc'), 'Invalid date');
  });
  it('dateTimeAsLocal follows the locale order', () => {
    const text = formatValue(epoch, 'dateTimeAsLocal', 0, { timeZone: 'utc', locale: 'en-GB' }).text;
    assert.equal(text, '17/09/2017, 07:56:37');
  });
});

// Worked through Grafana's getDecimalsForValue and the SI/IEC scalers by hand.
runTable('common units with automatic decimals', [
  { unit: 'none', value: 0.123456, result: '0.123' },
  { unit: 'none', value: 42, result: '42' },
  { unit: undefined as unknown as string, value: 3.14159, result: '3.14' },
  { unit: 'short', value: 98765, result: '98.8 K' },
  { unit: 'short', value: 1.5e12, result: '1.50 Tri' },
  { unit: 'short', value: 0.5, result: '0.500' },
  { unit: 'short', value: -2000, result: '-2 K' },
  { unit: 'percent', value: 42.123, result: '42.1%' },
  { unit: 'percentunit', value: 0.4213, result: '42.1%' },
  { unit: 'percentunit', value: 1, result: '100%' },
  { unit: 'bytes', value: 1536, result: '1.50 KiB' },
  { unit: 'bytes', value: 1024, result: '1 KiB' },
  { unit: 'bytes', value: 1023, result: '1023 B' },
  { unit: 'decbytes', value: 1536, result: '1.54 kB' },
  { unit: 'bits', value: 2048, result: '2 Kib' },
  { unit: 'decbits', value: 2000, result: '2 kb' },
  { unit: 'mbytes', value: 2048, result: '2 GiB' },
  { unit: 'gbytes', value: 0.5, result: '512 MiB' },
  { unit: 'bps', value: 1.5e9, result: '1.50 Gb/s' },
  { unit: 'Bps', value: 2.5e6, result: '2.50 MB/s' },
  { unit: 'binBps', value: 3 * 1024 * 1024, result: '3 MiB/s' },
  { unit: 'pps', value: 1200, result: '1.20 kp/s' },
  { unit: 's', value: 0.0005, result: '500 µs' },
  { unit: 's', value: 90, result: '1.50 min' },
  { unit: 's', value: 7200, result: '2 hour' },
  { unit: 's', value: 86400 * 3, result: '3 day' },
  { unit: 'ms', value: 0.5, result: '0.500 ms' },
  { unit: 'µs', value: 1500, result: '1.50 ms' },
  { unit: 'm', value: 90, result: '1.50 hour' },
  { unit: 'h', value: 48, result: '2 day' },
  { unit: 'd', value: 14, result: '2 week' },
  { unit: 'reqps', value: 1234, result: '1.23K req/s' },
  { unit: 'ops', value: 12, result: '12 ops/s' },
  { unit: 'eps', value: 0.25, result: '0.250 evt/s' },
  { unit: 'iops', value: 3000, result: '3K io/s' },
  { unit: 'rps', value: 5, result: '5 rd/s' },
  { unit: 'wps', value: 5, result: '5 wr/s' },
  { unit: 'rpm', value: 5, result: '5 rd/m' },
  { unit: 'opm', value: 5, result: '5 ops/m' },
  { unit: 'hertz', value: 2.4e9, result: '2.40 GHz' },
  { unit: 'rotrpm', value: 1200, result: '1200 rpm' },
  { unit: 'celsius', value: 21.5, result: '21.5 °C' },
  { unit: 'watt', value: 1500, result: '1.50 kW' },
  { unit: 'kwatt', value: 0.5, result: '500 W' },
  { unit: 'volt', value: 0.005, result: '5 mV' },
  { unit: 'amp', value: 2, result: '2 A' },
  { unit: 'currencyUSD', value: 1234.5, result: '$1.23K' },
  { unit: 'currencyEUR', value: -5, result: '-€5' },
  { unit: 'locale', value: 1234.5, decimals: 1, result: (1234.5).toLocaleString(undefined, { maximumFractionDigits: 1 }) },
  { unit: 'sci', value: 123456, decimals: 2, result: '1.23e+5' },
  { unit: 'string', value: 12.5, result: '12.5' },
  { unit: 'bool', value: 1, result: 'True' },
  { unit: 'bool', value: 0, result: 'False' },
  { unit: 'bool_yes_no', value: 1, result: 'Yes' },
  { unit: 'bool_on_off', value: 0, result: 'Off' },
  { unit: 'bool:up/down', value: 1, result: 'up' },
  { unit: 'bool:up', value: 0, result: '-' },
  { unit: 'read/s', value: 5.5, result: '5.50 read/s' },
]);

describe('trailing zeros (display processor, axis ticks)', () => {
  it('trims only when asked, and only plain-number texts', () => {
    assert.equal(show('bytes', 1536), '1.50 KiB');
    const trim = (unit: string, v: number, d?: number) => formattedValueToString(formatValue(v, unit, d, { timeZone: 'utc', trimTrailingZeros: true }));
    assert.equal(trim('bytes', 1536), '1.5 KiB');
    assert.equal(trim('s', 0.15, 2), '150 ms');
    assert.equal(trim('hex', 7999), '1F3F');
    assert.equal(trim('dthms', 3661), '01:01:01');
    assert.equal(trim('short', Infinity), Infinity.toLocaleString());
    assert.equal(trim('time:YYYY.MM', Date.UTC(2010, 6, 2)), '2010.07');
  });
});

describe('null, NaN and infinities', () => {
  it('null and undefined give an empty text', () => {
    assert.deepEqual(formatValue(null, 'bytes'), { text: '', prefix: '', suffix: '' });
    assert.deepEqual(formatValue(undefined, 'short'), { text: '', prefix: '', suffix: '' });
  });
  it('NaN is shown without the unit', () => {
    assert.deepEqual(formatValue(NaN, 'bytes'), { text: 'NaN', prefix: '', suffix: '' });
  });
  it('±Inf through the scalers has no unit; through fixed units it keeps it', () => {
    assert.equal(show('bytes', Infinity), Infinity.toLocaleString());
    assert.equal(show('short', -Infinity), (-Infinity).toLocaleString());
    assert.equal(show('celsius', Infinity), `${Infinity.toLocaleString()} °C`);
  });
});

describe('units of the corpus dashboards', () => {
  const dir = path.join(__dirname, '../../../test-fixtures/corpus/dashboards');
  const units = new Map<string, number>();
  function walk(node: unknown): void {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.unit === 'string') units.set(o.unit, (units.get(o.unit) ?? 0) + 1);
    if (o.id === 'unit' && typeof o.value === 'string') units.set(o.value, (units.get(o.value) ?? 0) + 1);
    Object.values(o).forEach(walk);
  }
  for (const sub of fs.readdirSync(dir)) {
    const p = path.join(dir, sub);
    if (!fs.statSync(p).isDirectory()) continue;
    for (const f of fs.readdirSync(p).filter((n) => n.endsWith('.json'))) walk(JSON.parse(fs.readFileSync(path.join(p, f), 'utf8')));
  }

  it('finds the 28 units the corpus uses', () => {
    assert.equal(units.size, 28);
  });
  it('every corpus unit is a Grafana unit id, except the free-text suffixes Grafana also shows as typed', () => {
    const freeText = [...units.keys()].filter((u) => !isKnownUnit(u)).sort();
    assert.deepEqual(freeText, ['io/s', 'rds', 'read/s', 'write/s']);
    for (const u of freeText) assert.equal(show(u, 2), `2 ${u}`);
  });
  it('every corpus unit formats a typical value to a non-empty text', () => {
    for (const u of units.keys()) {
      const r = formatValue(u.startsWith('dateTime') ? 1505634997920 : 1234.5, u, undefined, { timeZone: 'utc' });
      assert.ok(r.text.length > 0, u);
      assert.ok(!/undefined|NaN/.test(formattedValueToString(r)), `${u}: ${formattedValueToString(r)}`);
    }
  });
  it('the table knows every unit id of Grafana categories.ts (sample of each category)', () => {
    const ids = knownUnits();
    for (const id of ['none', 'accG', 'degree', 'acres', 'flops', 'ppm', 'currencyILS', 'pbytes', 'Pibits', 'dateTimeFromNow', 'lumens', 'lux', 'forcekN', 'EHs', 'masst', 'lengthmi', 'pressurepsi', 'radusvh', 'rotghz', 'kelvin', 'clocks', 'rowspm', 'velocityknot', 'gallons', 'bool_on_off']) {
      assert.ok(ids.includes(id), id);
    }
  });
});
