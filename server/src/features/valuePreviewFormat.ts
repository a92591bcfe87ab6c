// What a value preview looks like: a query's current value(s) and a sparkline of the last hour,
// as Markdown for a hover (labels inside a code block, so `*`, `_`, backticks and `<script>` in
// label values show as typed and no HTML is ever rendered) and as one short inlay-hint label.
import type { Labels, QueryData, Series } from '../prometheus/result';

/** Series shown in a hover; the rest are counted. */
export const MAX_PREVIEW_SERIES = 5;
/** Values shown in an inlay hint for a vector. */
const MAX_INLAY_VALUES = 3;
const BARS = '▁▂▃▄▅▆▇█';
const SI = ['', 'k', 'M', 'G', 'T', 'P', 'E'];

/** A number as a person reads it: 4 significant digits, SI suffixes from 10 000, Prometheus' NaN/±Inf. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return '0';
  const sign = v < 0 ? '-' : '';
  const a = Math.abs(v);
  if (a < 1e-3) return sign + trimExponent(a.toExponential(3));
  const rounded = Number(a.toPrecision(4));
  if (rounded < 1e4) return sign + String(rounded);
  let tier = Math.min(Math.floor(Math.log10(rounded) / 3), SI.length);
  if (tier >= SI.length) return sign + trimExponent(a.toExponential(3));
  let mantissa = Number((a / 10 ** (3 * tier)).toPrecision(4));
  // 999 950 rounds to 1000k: say 1M instead.
  if (mantissa >= 1000 && tier + 1 < SI.length) {
    tier++;
    mantissa = Number((a / 10 ** (3 * tier)).toPrecision(4));
  }
  return `${sign}${mantissa}${SI[tier]}`;
}

/** `1.200e-5` → `1.2e-5`. */
function trimExponent(s: string): string {
  return s.replace(/\.?0+e/, 'e');
}

/** One bar per value, scaled between the finite minimum and maximum; gaps and NaN/±Inf as spaces. */
export function sparkline(values: ReadonlyArray<number | undefined>): string {
  const finite = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (finite.length === 0) return ' '.repeat(values.length);
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  return values
    .map((v) => {
      if (v === undefined || !Number.isFinite(v)) return ' ';
      if (max === min) return BARS[3];
      return BARS[Math.round(((v - min) / (max - min)) * (BARS.length - 1))];
    })
    .join('');
}

/** A range series' samples on the query's grid (start, start + step, ... end): undefined where none. */
export function onGrid(values: ReadonlyArray<readonly [number, number]>, startMs: number, endMs: number, stepMs: number): Array<number | undefined> {
  const out: Array<number | undefined> = new Array(Math.floor((endMs - startMs) / stepMs) + 1).fill(undefined);
  for (const [t, v] of values) {
    const i = Math.round((t - startMs) / stepMs);
    if (i >= 0 && i < out.length) out[i] = v;
  }
  return out;
}

const LEGACY_METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A series' labels as Prometheus prints them: `name{a="x", b="y"}`, names quoted when not legacy. */
export function formatLabels(metric: Labels): string {
  const name = metric.__name__;
  const pairs = Object.keys(metric)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${LEGACY_LABEL.test(k) ? k : JSON.stringify(k)}=${JSON.stringify(metric[k])}`);
  if (name !== undefined && !LEGACY_METRIC.test(name)) pairs.unshift(JSON.stringify(name));
  const prefix = name !== undefined && LEGACY_METRIC.test(name) ? name : '';
  return pairs.length === 0 && prefix ? prefix : `${prefix}{${pairs.join(', ')}}`;
}

/** Inline code for any text: a backtick run longer than any inside, padded when it touches one. */
export function codeSpan(text: string): string {
  const oneLine = text.replace(/[\r\n]+/g, ' ');
  const fence = '`'.repeat(longestBacktickRun(oneLine) + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') || oneLine === '' ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/** A fenced code block whose fence no line inside can close. */
function codeBlock(lines: string[]): string {
  const fence = '`'.repeat(Math.max(3, ...lines.map((l) => longestBacktickRun(l) + 1)));
  return `${fence}text\n${lines.join('\n')}\n${fence}`;
}

function longestBacktickRun(s: string): number {
  let longest = 0;
  for (const m of s.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return longest;
}

/** The last hour of a query: its samples and the grid they were asked on. */
export interface RangePreview {
  data: QueryData;
  startMs: number;
  endMs: number;
  stepMs: number;
}

/** The hover section: a header, then one line per series (value, sparkline, labels). */
export function previewMarkdown(instant: QueryData, range: RangePreview | undefined, datasource: string, seriesTotal?: number): string {
  const header = `**Value now** on ${codeSpan(datasource)}${range ? ' · sparkline of the last hour' : ''}`;
  const lines: Array<[value: string, spark: string, labels: string]> = [];
  let more = 0;
  switch (instant.resultType) {
    case 'scalar':
      lines.push([formatValue(instant.value[1]), sparkOf(range, {}), 'scalar']);
      break;
    case 'string':
      lines.push([JSON.stringify(instant.value[1]), '', 'string']);
      break;
    default: {
      if (instant.series.length === 0) return `${header}: no data`;
      const shown = instant.series.slice(0, MAX_PREVIEW_SERIES);
      more = Math.max(seriesTotal ?? 0, instant.series.length) - shown.length;
      for (const s of shown) lines.push([currentValue(s), sparkOf(range, s.metric), formatLabels(s.metric)]);
    }
  }
  const width = Math.max(...lines.map((l) => l[0].length));
  const sparkWidth = Math.max(...lines.map((l) => l[1].length));
  const body = lines.map(([v, s, l]) => [v.padStart(width), ...(sparkWidth > 0 ? [s.padEnd(sparkWidth)] : []), l].join('  '));
  return `${header}\n\n${codeBlock(body)}${more > 0 ? `\n\n… and ${more} more series` : ''}`;
}

/** The short text after an expression: `= 42.1`, `= 3 series: 1, 0.5, 2…`, `= no data`. */
export function inlayLabel(instant: QueryData, seriesTotal?: number): string {
  switch (instant.resultType) {
    case 'scalar':
      return `= ${formatValue(instant.value[1])}`;
    case 'string': {
      const s = JSON.stringify(instant.value[1]);
      return `= ${s.length > 40 ? `${s.slice(0, 39)}…` : s}`;
    }
    default: {
      const total = Math.max(seriesTotal ?? 0, instant.series.length);
      if (total === 0) return '= no data';
      if (total === 1) return `= ${currentValue(instant.series[0])}`;
      const values = instant.series.slice(0, MAX_INLAY_VALUES).map(currentValue);
      return `= ${total} series: ${values.join(', ')}${total > values.length ? '…' : ''}`;
    }
  }
}

function currentValue(s: Series): string {
  const last = s.values[s.values.length - 1];
  return last ? formatValue(last[1]) : 'no value';
}

/** The sparkline of the range series with the same labels as an instant one. */
function sparkOf(range: RangePreview | undefined, metric: Labels): string {
  if (!range || range.data.resultType !== 'matrix') return '';
  const key = labelsKey(metric);
  const series = range.data.series.find((s) => labelsKey(s.metric) === key);
  return sparkline(onGrid(series?.values ?? [], range.startMs, range.endMs, range.stepMs));
}

function labelsKey(metric: Labels): string {
  return JSON.stringify(Object.keys(metric).sort().map((k) => [k, metric[k]]));
}
