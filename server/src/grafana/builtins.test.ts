import assert from 'node:assert/strict';
import {
  calculateInterval, formatInterval, goDurationString, grafanaIntervalToMs, grafanaIntervals, parseBackendInterval,
  roundInterval, secondsToHms, timeRangeBuiltins, variableQueryBuiltins,
} from './builtins';

const H = 3_600_000;
const T0 = 1_700_000_000_000;

describe('roundInterval (rangeutil.ts)', () => {
  const cases: Array<[number, number]> = [
    [0, 1], [9, 1], [10, 10], [14, 10], [15, 20], [3600, 5000], [7499, 5000], [7500, 10000], [12500, 15000],
    [17500, 20000], [25000, 30000], [45000, 60000], [86400, 60000], [90000, 120000], [210000, 300000],
    [604800, 600000], [1050000, 1200000], [2700000, 3600000], [5400000, 7200000], [16200000, 21600000],
    [32400000, 43200000], [86400000, 86400000], [604800000, 604800000], [1814400000, 2592000000], [3628800000, 31536000000],
  ];
  for (const [ms, want] of cases) it(`${ms} ms → ${want} ms`, () => assert.equal(roundInterval(ms), want));
});

describe('interval strings', () => {
  it('grafanaIntervalToMs: unit-less is seconds, only the first unit counts', () => {
    assert.equal(grafanaIntervalToMs('15s'), 15_000);
    assert.equal(grafanaIntervalToMs('30'), 30_000);
    assert.equal(grafanaIntervalToMs('1m30s'), 60_000);
    assert.equal(grafanaIntervalToMs('2h'), 2 * H);
    assert.equal(grafanaIntervalToMs('100ms'), 100);
    assert.equal(grafanaIntervalToMs('x'), undefined);
  });
  it('secondsToHms and gtime.FormatInterval keep the largest whole unit', () => {
    assert.deepEqual([secondsToHms(15), secondsToHms(90), secondsToHms(0.5), secondsToHms(86400 * 2)], ['15s', '1m', '500ms', '2d']);
    assert.deepEqual([formatInterval(15_000), formatInterval(90_000), formatInterval(500), formatInterval(0.2), formatInterval(7 * 86_400_000)], ['15s', '1m', '500ms', '1ms', '7d']);
  });
  it("Go's Duration.String for the rate interval", () => {
    assert.deepEqual([60_000, H, 75_000, 615_000, 15_000, 1_500, 500, 0].map(goDurationString), ['1m0s', '1h0m0s', '1m15s', '10m15s', '15s', '1.5s', '500ms', '0s']);
  });
  it('the backend interval parser: bare seconds, calendar units, Go durations, <>', () => {
    assert.deepEqual(['30', '1m30s', '1d', '>10s', '1.5s', 'abc'].map(parseBackendInterval), [30_000, 90_000, 86_400_000, 10_000, 1_500, undefined]);
  });
});

describe('calculateInterval (rangeutil.ts)', () => {
  const cases: Array<[string, number, number, string | undefined, number, string]> = [
    ['1h over 1000 px, low limit 15s', H, 1000, '15s', 15_000, '15s'],
    ['24h over 1000 px', 24 * H, 1000, '15s', 60_000, '1m'],
    ['7d over 1000 px', 7 * 24 * H, 1000, '15s', 600_000, '10m'],
    ['1h over 30 steps (interval auto), min 10s', H, 30, '10s', 120_000, '2m'],
    ['5m over 1000 px, no limit', 5 * 60_000, 1000, undefined, 200, '200ms'],
  ];
  for (const [name, range, res, low, ms, text] of cases) {
    it(name, () => assert.deepEqual(calculateInterval(range, res, low), { intervalMs: ms, interval: text }));
  }
});

describe('time-range built-ins of a Prometheus panel query', () => {
  const cases: Array<[string, Parameters<typeof timeRangeBuiltins>[0], Record<string, string | number>]> = [
    ['last 1h, defaults (1000 px, scrape 15s)', { fromMs: T0, toMs: T0 + H },
      { __interval: '15s', __interval_ms: 15000, __rate_interval: '1m0s', __rate_interval_ms: 60000, __range: '3600s', __range_s: 3600, __range_ms: 3600000, __from: T0, __to: T0 + H }],
    ['last 24h: interval 1m, rate interval = interval + scrape', { fromMs: T0, toMs: T0 + 24 * H },
      { __interval: '1m', __interval_ms: 60000, __rate_interval: '1m15s', __rate_interval_ms: 75000, __range: '86400s', __range_s: 86400, __range_ms: 86400000 }],
    ['last 7d', { fromMs: T0, toMs: T0 + 7 * 24 * H },
      { __interval: '10m', __rate_interval: '10m15s', __range: '604800s' }],
    ['scrape interval 1m: rate interval at least 4 scrapes', { fromMs: T0, toMs: T0 + H, scrapeInterval: '1m' },
      { __interval: '1m', __rate_interval: '4m0s' }],
    ['panel min interval 30s', { fromMs: T0, toMs: T0 + H, minInterval: '30s' },
      { __interval: '30s', __interval_ms: 30000, __rate_interval: '1m0s' }],
    ['maxDataPoints 100 over 1h', { fromMs: T0, toMs: T0 + H, maxDataPoints: 100 },
      { __interval: '30s', __rate_interval: '1m0s' }],
    ['target min step 2m (manual override of the step)', { fromMs: T0, toMs: T0 + H, targetInterval: '2m' },
      { __interval: '2m', __interval_ms: 120000, __rate_interval: '8m0s' }],
    ['target min step $__rate_interval: the step is the rate interval', { fromMs: T0, toMs: T0 + H, targetInterval: '$__rate_interval' },
      { __interval: '1m', __interval_ms: 60000, __rate_interval: '1m0s' }],
    ['30 days: the safe resolution (11000 points) does not bind with 1000 px', { fromMs: T0, toMs: T0 + 30 * 24 * H },
      { __interval: '30m', __range_s: 2592000 }],
    ['a range of 1.4 s rounds $__range_s', { fromMs: T0, toMs: T0 + 1400 }, { __range: '1s', __range_s: 1, __range_ms: 1400 }],
  ];
  for (const [name, input, want] of cases) {
    it(name, () => {
      const got = timeRangeBuiltins(input);
      for (const [k, v] of Object.entries(want)) assert.equal(got[k], v, k);
    });
  }

  it('the step never exceeds 11000 points, whatever maxDataPoints says', () => {
    const iv = grafanaIntervals({ fromMs: T0, toMs: T0 + 24 * H, maxDataPoints: 100_000, scrapeInterval: '1s' });
    assert.equal(iv.stepMs, 10_000); // roundInterval(86400000 / 11000 = 7854) = 10s
  });

  it('variable queries: $__interval is the scrape interval (metricFindQuery)', () => {
    assert.deepEqual(variableQueryBuiltins({ fromMs: T0, toMs: T0 + H }), {
      __interval: '15s', __interval_ms: 15000, __range: '3600s', __range_s: 3600, __range_ms: 3600000, __from: T0, __to: T0 + H,
    });
  });
});
