// The time (x) axis of the dashboard's graphs as Grafana draws it (grafana-ui UPlotAxisBuilder):
// tick labels in Grafana's default system date formats (24-hour; datetime/formats.ts), the format
// chosen from the tick increment and the range (formatTime), and ticks at least a label's width
// plus 18 px apart (calculateSpace). Unlike Grafana, the spacing is worked out for the increment
// uPlot will actually use (its label format can be wider or narrower than a guess), and a 2-minute
// and a 20-minute step fill uPlot's gaps between 1 and 5 and between 15 and 30 minutes, so narrow
// panels over 5 minutes or an hour get 2-3 ticks rather than one. Labels and tick places follow the
// dashboard's time zone (timeZone.ts; uPlot's `tzDate` for the places).
import type uPlot from 'uplot';
import { formatDate } from '../timeUnits';
import { wallClock, wallClockDate, type TimeZone } from '../timeZone';

/** Grafana's default `systemDateFormats.interval` (used unless the server sets date formats). */
export const SYSTEM_DATE_FORMATS = {
  millisecond: 'HH:mm:ss.SSS',
  second: 'HH:mm:ss',
  minute: 'HH:mm',
  hour: 'MM/DD HH:mm',
  day: 'MM/DD',
  month: 'YYYY-MM',
  year: 'YYYY',
} as const;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** Grafana's formatTime: the label format for ticks `incrMs` apart on a `rangeMs` wide axis. */
export function timeTickFormat(incrMs: number, rangeMs: number): string {
  const f = SYSTEM_DATE_FORMATS;
  if (incrMs < SECOND) return f.millisecond;
  if (incrMs <= MINUTE) return f.second;
  if (rangeMs <= DAY) return f.minute;
  if (incrMs <= DAY) return f.hour;
  if (rangeMs < YEAR) return f.day;
  if (Math.round(incrMs / DAY) * DAY === Math.round(YEAR / DAY) * DAY) return f.year;
  return f.month;
}

/** Grafana's gap between two tick labels (X_TICK_VALUE_GAP), px. */
export const TICK_LABEL_GAP = 18;

// uPlot's time increments in seconds (genTimeStuffs), with 2 and 20 minutes added.
const s = 1;
const m = 60;
const h = 3600;
const d = 86400;
const mo = d * 30;
const y = d * 365;
export const TIME_INCRS_S: number[] = [
  0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5,
  s, s * 5, s * 10, s * 15, s * 30,
  m, m * 2, m * 5, m * 10, m * 15, m * 20, m * 30,
  h, h * 2, h * 3, h * 4, h * 6, h * 8, h * 12,
  d, d * 2, d * 3, d * 4, d * 5, d * 6, d * 7, d * 8, d * 9, d * 10, d * 15,
  mo, mo * 2, mo * 3, mo * 4, mo * 6,
  y, y * 2, y * 5, y * 10, y * 25, y * 50, y * 100,
];

/**
 * The tick increment (s) for a `plotPx` wide axis over [minS, maxS]: the smallest one whose
 * labels (as wide as the label of `minS` in that increment's format) fit with the gap between them.
 */
export function timeTickIncr(minS: number, maxS: number, plotPx: number, labelWidth: (text: string) => number, timeZone: TimeZone = 'browser'): number {
  const range = maxS - minS;
  if (!(range > 0) || !(plotPx > 0)) return TIME_INCRS_S[TIME_INCRS_S.length - 1];
  for (const incr of TIME_INCRS_S) {
    const px = (plotPx * incr) / range;
    if (px < TICK_LABEL_GAP) continue;
    const label = formatDate(minS * 1000, timeTickFormat(incr * 1000, range * 1000), timeZone);
    if (px >= labelWidth(label) + TICK_LABEL_GAP) return incr;
  }
  return TIME_INCRS_S[TIME_INCRS_S.length - 1];
}

/** uPlot `space` (minimum px between ticks) that makes uPlot pick exactly timeTickIncr's increment. */
export function timeTickSpace(minS: number, maxS: number, plotPx: number, labelWidth: (text: string) => number, timeZone: TimeZone = 'browser'): number {
  const incr = timeTickIncr(minS, maxS, plotPx, labelWidth, timeZone);
  const range = maxS - minS;
  if (!(range > 0)) return plotPx;
  return Math.max(1, ((plotPx * incr) / range) * (1 - 1e-9));
}

/** The labels of ticks at `splitsS` (s), `incrS` apart, on an axis over `rangeS`. */
export function timeTickLabels(splitsS: Array<number | null | undefined>, incrS: number, rangeS: number, timeZone: TimeZone = 'browser'): string[] {
  const format = timeTickFormat(incrS * 1000, rangeS * 1000);
  return splitsS.map((v) => (v === null || v === undefined ? '' : formatDate(v * 1000, format, timeZone)));
}

/**
 * Ticks of a time axis drawn without uPlot (the heatmap's canvas): timeTickIncr's increment, each
 * tick on a whole multiple of it on the zone's clock (full hours, midnights there), with its label.
 */
export function timeTicks(startMs: number, endMs: number, plotPx: number, labelWidth: (text: string) => number, timeZone: TimeZone = 'browser'): Array<{ ms: number; label: string }> {
  if (!(endMs > startMs)) return [];
  const incrS = timeTickIncr(startMs / 1000, endMs / 1000, plotPx, labelWidth, timeZone);
  const incrMs = incrS * 1000;
  const ticks: number[] = [];
  if (incrS >= mo) {
    // Months and years: the first of a month (or of January) on the zone's clock.
    const months = Math.round(incrS / mo) >= 12 ? Math.round(incrS / y) * 12 : Math.round(incrS / mo);
    const w = wallClock(startMs, timeZone);
    let idx = w.year * 12 + w.month;
    idx = Math.ceil(idx / months) * months;
    for (let guard = 0; guard < 1000; guard++, idx += months) {
      const ms = zoneTimeToUtc(Math.floor(idx / 12), idx % 12, 1, timeZone);
      if (ms < startMs) continue;
      if (ms > endMs) break;
      ticks.push(ms);
    }
  } else {
    // The zone's offset moves the multiples (a +05:30 zone ticks on its own hours, not UTC's); it is
    // taken again at each tick so that ticks stay on full hours across a daylight-saving change.
    const offsetAt = (ms: number) => wallClock(ms, timeZone).offsetMinutes * 60_000;
    let ms = Math.ceil((startMs + offsetAt(startMs)) / incrMs) * incrMs - offsetAt(startMs);
    for (let guard = 0; guard < 10_000 && ms <= endMs; guard++) {
      const local = Math.round((ms + offsetAt(ms)) / incrMs) * incrMs - offsetAt(ms);
      if (local >= startMs && local <= endMs && (ticks.length === 0 || local > ticks[ticks.length - 1])) ticks.push(local);
      ms += incrMs;
    }
  }
  const labels = timeTickLabels(ticks.map((ms) => ms / 1000), incrS, (endMs - startMs) / 1000, timeZone);
  return ticks.map((ms, i) => ({ ms, label: labels[i] }));
}

/** The instant whose clock in `timeZone` reads midnight of that date. */
function zoneTimeToUtc(year: number, month: number, day: number, timeZone: TimeZone): number {
  const guess = Date.UTC(year, month, day);
  if (timeZone === 'utc') return guess;
  const first = guess - wallClock(guess, timeZone).offsetMinutes * 60_000;
  return guess - wallClock(first, timeZone).offsetMinutes * 60_000;
}

const contexts = new Map<string, CanvasRenderingContext2D | null>();
/** Width of `text` in `font` (CSS px), measured on a canvas as uPlot draws it. */
export function measureText(text: string, font: string): number {
  if (!contexts.has(font)) {
    const ctx = document.createElement('canvas').getContext('2d');
    if (ctx) ctx.font = font;
    contexts.set(font, ctx);
  }
  const ctx = contexts.get(font);
  return ctx ? ctx.measureText(text).width : text.length * 7;
}

/**
 * The uPlot options of a Grafana time axis with labels in `font` (the x scale in seconds), read in
 * `timeZone`; `onTicks` hears the splits and labels of every layout pass (the last one is drawn).
 */
export function timeAxisOptions(font: string, onTicks?: (splits: number[], labels: string[]) => void, timeZone: TimeZone = 'browser'): Pick<uPlot.Axis, 'font' | 'incrs' | 'space' | 'values'> {
  const width = (text: string) => measureText(text, font);
  return {
    font,
    incrs: TIME_INCRS_S,
    space: (_u, _i, min, max, dim) => timeTickSpace(min, max, dim, width, timeZone),
    values: (u, splits, _i, _space, incr) => {
      const labels = timeTickLabels(splits, incr, (u.scales.x.max ?? 0) - (u.scales.x.min ?? 0), timeZone);
      onTicks?.(splits, labels);
      return labels;
    },
  };
}

/**
 * uPlot's `tzDate` for `timeZone` (undefined for the browser's, uPlot's own default): uPlot places
 * day and hour ticks on the midnights and full hours of the dates it returns, so that ticks of a
 * dashboard in Asia/Kolkata (+05:30) fall on 00:00, 03:00… there and not on UTC's half hours.
 */
export function timeAxisTzDate(timeZone: TimeZone): ((tsS: number) => Date) | undefined {
  return timeZone === 'browser' ? undefined : (tsS) => wallClockDate(tsS * 1000, timeZone);
}

/** uPlot padding for the right side: room for half the last time label (uPlot reserves a fixed 25 px). */
export function timeAxisRightPadding(font: string, timeZone: TimeZone = 'browser'): (u: uPlot) => number {
  const width = (text: string) => measureText(text, font);
  return (u) => {
    const { min, max } = u.scales.x;
    if (min === undefined || max === undefined || max <= min) return 12;
    const plotPx = u.bbox.width > 0 ? u.bbox.width / devicePixelRatio : u.width * 0.75;
    const incr = timeTickIncr(min, max, plotPx, width, timeZone);
    return Math.ceil(width(timeTickLabels([max], incr, max - min, timeZone)[0]) / 2) + 2;
  };
}
