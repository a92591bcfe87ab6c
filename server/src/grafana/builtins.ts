// Grafana's built-in variables computed from the time range, as a Prometheus panel query gets them:
// the frontend's interval (rangeutil.ts calculateInterval with its roundInterval table), then the
// Prometheus backend's step and substitutions (pkg/promlib/models/query.go: calculatePrometheusInterval,
// calculateRateInterval, InterpolateVariables; gtime.FormatInterval).

/** packages/grafana-data/src/datetime/rangeutil.ts roundInterval: ms → a "nice" interval in ms. */
export function roundInterval(interval: number): number {
  const table: Array<[number, number]> = [
    [10, 1], [15, 10], [35, 20], [75, 50], [150, 100], [350, 200], [750, 500], [1500, 1000],
    [3500, 2000], [7500, 5000], [12500, 10000], [17500, 15000], [25000, 20000], [45000, 30000],
    [90000, 60000], [210000, 120000], [450000, 300000], [750000, 600000], [1050000, 900000],
    [1500000, 1200000], [2700000, 1800000], [5400000, 3600000], [9000000, 7200000],
    [16200000, 10800000], [32400000, 21600000], [86400000, 43200000], [604800000, 86400000],
    [1814400000, 604800000], [3628800000, 2592000000],
  ];
  for (const [below, value] of table) if (interval < below) return value;
  return 31536000000;
}

const GRAFANA_UNITS_S: Readonly<Record<string, number>> = { y: 31536000, M: 2592000, w: 604800, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 };

/**
 * rangeutil.ts intervalToMs (describeInterval): a unit-less number is seconds; otherwise the first
 * `<number><unit>` counts (so `1m30s` is 1m, as in Grafana). Undefined when Grafana would throw.
 */
export function grafanaIntervalToMs(s: string): number | undefined {
  if (Number(s)) return parseInt(s, 10) * 1000;
  const m = /^(-?\d+(?:\.\d+)?)(ms|[Mwdhmsy])/.exec(s);
  if (!m) return undefined;
  return GRAFANA_UNITS_S[m[2]] * 1000 * parseInt(m[1], 10);
}

/** rangeutil.ts secondsToHms: the largest whole unit only ("1m", "30s", "500ms"). */
export function secondsToHms(seconds: number): string {
  const units: Array<[string, number]> = [['y', 31536000], ['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
  let rest = seconds;
  for (const [u, size] of units) {
    const n = Math.floor(rest / size);
    if (n) return n + u;
    rest %= size;
  }
  const ms = Math.floor(seconds * 1000);
  return ms ? ms + 'ms' : 'less than a millisecond';
}

/** rangeutil.ts calculateInterval: range / resolution, rounded, at least the low limit. */
export function calculateInterval(rangeMs: number, resolution: number, lowLimitInterval?: string): { intervalMs: number; interval: string } {
  let lowLimitMs = 1;
  if (lowLimitInterval) lowLimitMs = grafanaIntervalToMs(lowLimitInterval) ?? 1;
  let intervalMs = roundInterval(rangeMs / resolution);
  if (lowLimitMs > intervalMs) intervalMs = lowLimitMs;
  return { intervalMs, interval: secondsToHms(intervalMs / 1000) };
}

/** gtime.FormatInterval: the largest whole unit only, at least "1ms". */
export function formatInterval(ms: number): string {
  const units: Array<[string, number]> = [['y', 365 * 86_400_000], ['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];
  for (const [u, size] of units) if (ms >= size) return `${Math.floor(ms / size)}${u}`;
  return '1ms';
}

/** Go's time.Duration.String() for whole milliseconds: "15s", "1m0s", "1h0m0s", "1.5s", "500ms". */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${abs}ms`;
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = (abs % 60_000) / 1000;
  const seconds = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  if (h) return `${sign}${h}h${m}m${seconds}`;
  if (m) return `${sign}${m}m${seconds}`;
  return `${sign}${seconds}`;
}

/**
 * The backend's interval parser (ParseIntervalStringToTimeDuration + gtime.ParseDuration): `<`/`>`
 * dropped, a bare number is seconds, `<n>d|w|M|y` calendar-ish units, else a Go duration ("1m30s").
 */
export function parseBackendInterval(input: string): number | undefined {
  const s = input.replace('<', '').replace('>', '');
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const day = 86_400_000;
  const year = day * 365.25;
  const cal = /^(\d+)([dwMy])$/.exec(s);
  if (cal) return Number(cal[1]) * ({ d: day, w: 7 * day, M: year / 12, y: year } as Record<string, number>)[cal[2]];
  const go = /^(?:(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns))+$/;
  if (!go.test(s)) return undefined;
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}

/** Prometheus' "safe resolution": the step never asks for more than 11000 points. */
const SAFE_RESOLUTION = 11000;
/** Grafana's default scrape interval for a data source without `timeInterval`. */
export const DEFAULT_SCRAPE_INTERVAL = '15s';
/** The panel width in pixels assumed when neither it nor `maxDataPoints` is known. */
export const DEFAULT_PANEL_WIDTH_PX = 1000;

const INTERVAL_VARIABLES = ['$__interval', '${__interval}', '$__interval_ms', '${__interval_ms}'];
const RATE_VARIABLES = ['$__rate_interval', '${__rate_interval}', '$__rate_interval_ms', '${__rate_interval_ms}'];

export interface IntervalInputs {
  fromMs: number;
  toMs: number;
  /** The panel's `maxDataPoints`, else its width in pixels (default DEFAULT_PANEL_WIDTH_PX). */
  maxDataPoints?: number;
  /** The panel's "Min interval" (`interval` of the panel), variables already replaced. */
  minInterval?: string;
  /** The target's "Min step" (`interval` of the target), variables other than the built-ins replaced. */
  targetInterval?: string;
  /** The data source's scrape interval (`timeInterval`), default 15s. */
  scrapeInterval?: string;
}

export interface GrafanaIntervals {
  /** The frontend's interval (request.intervalMs). */
  intervalMs: number;
  /** The backend's step, which `$__interval` and `$__interval_ms` become. */
  stepMs: number;
  rateIntervalMs: number;
  rangeMs: number;
}

/** calculatePrometheusInterval and the rate interval of InterpolateVariables, in ms. */
export function grafanaIntervals(o: IntervalInputs): GrafanaIntervals {
  const rangeMs = Math.max(0, o.toMs - o.fromMs);
  const resolution = o.maxDataPoints && o.maxDataPoints > 0 ? o.maxDataPoints : DEFAULT_PANEL_WIDTH_PX;
  const scrape = o.scrapeInterval || DEFAULT_SCRAPE_INTERVAL;
  // Frontend: PanelQueryRunner's lowerIntervalLimit is the panel's min interval or ds.interval.
  const intervalMs = calculateInterval(rangeMs, resolution, o.minInterval || scrape).intervalMs;

  // Backend: GetIntervalFrom(dsScrapeInterval, queryInterval, intervalMs, 15s).
  const target = (o.targetInterval ?? '').trim();
  const variableTarget = INTERVAL_VARIABLES.includes(target) || RATE_VARIABLES.includes(target);
  const queryInterval = variableTarget || target === '0s' ? '' : target;
  const minInterval = queryInterval ? parseBackendInterval(queryInterval) ?? intervalMs : intervalMs;
  const calculated = rangeMs / resolution < minInterval ? minInterval : roundInterval(rangeMs / resolution);
  const adjusted = Math.max(calculated, roundInterval(rangeMs / SAFE_RESOLUTION));
  const scrapeMs = parseBackendInterval(scrape) ?? 15_000;
  const rate = (queryMs: number, minStepMs: number): number => Math.max(queryMs + minStepMs, 4 * minStepMs);

  let stepMs = adjusted;
  if (RATE_VARIABLES.includes(target)) stepMs = rate(adjusted, scrapeMs);
  else if (target && !variableTarget && target !== '0s') stepMs = parseBackendInterval(target) ?? adjusted;

  // InterpolateVariables: the rate interval from the frontend interval and the requested min step.
  let rateIntervalMs: number;
  if (RATE_VARIABLES.slice(0, 2).includes(target)) rateIntervalMs = stepMs;
  else {
    let minStep = target;
    if (INTERVAL_VARIABLES.slice(0, 2).includes(minStep)) minStep = goDurationString(stepMs);
    if (!minStep) minStep = scrape;
    const minStepMs = parseBackendInterval(minStep);
    // calculateRateInterval returns 0 when the min step does not parse.
    rateIntervalMs = minStepMs === undefined ? 0 : rate(intervalMs, minStepMs);
  }
  return { intervalMs, stepMs, rateIntervalMs, rangeMs };
}

/** A built-in's value and how Grafana writes it into the query. */
export type BuiltinValues = Readonly<Record<string, string | number>>;

/**
 * The time-range built-ins of a Prometheus query: `$__interval` (the step, FormatInterval),
 * `$__interval_ms`, `$__rate_interval` (Go's Duration.String, e.g. "1m0s"), `$__rate_interval_ms`,
 * `$__range` ("3600s"), `$__range_s`, `$__range_ms`, `$__from` and `$__to` (ms since the epoch).
 */
export function timeRangeBuiltins(o: IntervalInputs): BuiltinValues {
  const iv = grafanaIntervals(o);
  const rangeS = Math.round(iv.rangeMs / 1000);
  return {
    __interval: formatInterval(iv.stepMs),
    __interval_ms: Math.floor(iv.stepMs),
    __rate_interval: goDurationString(iv.rateIntervalMs),
    __rate_interval_ms: Math.floor(iv.rateIntervalMs),
    __range: `${rangeS}s`,
    __range_s: rangeS,
    __range_ms: iv.rangeMs,
    __from: o.fromMs,
    __to: o.toMs,
  };
}

/**
 * A variable query's built-ins (the Prometheus data source's metricFindQuery): `$__interval` is
 * the data source's scrape interval, ranges come from the time range; no rate interval.
 */
export function variableQueryBuiltins(o: { fromMs: number; toMs: number; scrapeInterval?: string }): BuiltinValues {
  const scrape = o.scrapeInterval || DEFAULT_SCRAPE_INTERVAL;
  const rangeMs = Math.max(0, o.toMs - o.fromMs);
  const rangeS = Math.round(rangeMs / 1000);
  return {
    __interval: scrape,
    __interval_ms: grafanaIntervalToMs(scrape) ?? 15_000,
    __range: `${rangeS}s`,
    __range_s: rangeS,
    __range_ms: rangeMs,
    __from: o.fromMs,
    __to: o.toMs,
  };
}
