// Time units of Grafana's value formats: durations (ns … years), `dtdurations`/`dthms`/`dtdhms`,
// clocks, and the date-time units (`dateTimeAsIso`, `time:YYYY-MM`, …).
// Behaviour follows grafana/grafana packages/grafana-data/src/valueFormats/dateTimeFormatters.ts;
// dates are formatted with a small subset of moment's format tokens (what Grafana's units use).
import { toFixed, type DecimalCount, type Formatted, type FormatOptions, type Formatter } from './numberFormat';
import { wallClock } from './timeZone';

// --- durations scaled to the best unit -------------------------------------------------------

/** Steps of one scaled time unit: [upper bound (exclusive, in the input unit), divisor, suffix]. */
type Steps = ReadonlyArray<readonly [number, number, string]>;

function scaledTime(steps: Steps, last: readonly [number, string]): (v: number, d: DecimalCount) => Formatted {
  return (size, decimals) => {
    const abs = Math.abs(size);
    for (const [below, divisor, suffix] of steps) {
      if (abs < below) return { text: toFixed(size / divisor, decimals), suffix };
    }
    return { text: toFixed(size / last[0], decimals), suffix: last[1] };
  };
}

const toNanoSeconds = scaledTime(
  [
    [1e3, 1, ' ns'],
    [1e6, 1e3, ' µs'],
    [1e9, 1e6, ' ms'],
    [6e10, 1e9, ' s'],
    [3.6e12, 6e10, ' min'],
    [8.64e13, 3.6e12, ' hour'],
  ],
  [8.64e13, ' day'],
);

const toMicroSeconds = scaledTime(
  [
    [1e3, 1, ' µs'],
    [1e6, 1e3, ' ms'],
  ],
  [1e6, ' s'],
);

const toMilliSeconds = scaledTime(
  [
    [1000, 1, ' ms'],
    [60000, 1000, ' s'],
    [3600000, 60000, ' min'],
    [86400000, 3600000, ' hour'],
    [31536000000, 86400000, ' day'],
  ],
  [31536000000, ' year'],
);

function toSeconds(size: number, decimals: DecimalCount): Formatted {
  // Grafana: "If 0, use s unit instead of ns".
  if (size === 0) return { text: '0', suffix: ' s' };
  const abs = Math.abs(size);
  if (abs < 0.000001) return { text: toFixed(size * 1e9, decimals), suffix: ' ns' };
  if (abs < 0.001) return { text: toFixed(size * 1e6, decimals), suffix: ' µs' };
  if (abs < 1) return { text: toFixed(size * 1e3, decimals), suffix: ' ms' };
  if (abs < 60) return { text: toFixed(size, decimals), suffix: ' s' };
  if (abs < 3600) return { text: toFixed(size / 60, decimals), suffix: ' min' };
  if (abs < 86400) return { text: toFixed(size / 3600, decimals), suffix: ' hour' };
  if (abs < 604800) return { text: toFixed(size / 86400, decimals), suffix: ' day' };
  if (abs < 31536000) return { text: toFixed(size / 604800, decimals), suffix: ' week' };
  return { text: toFixed(size / 3.15569e7, decimals), suffix: ' year' };
}

const toMinutes = scaledTime(
  [
    [60, 1, ' min'],
    [1440, 60, ' hour'],
    [10080, 1440, ' day'],
    [604800, 10080, ' week'],
  ],
  [5.25948e5, ' year'],
);

const toHours = scaledTime(
  [
    [24, 1, ' hour'],
    [168, 24, ' day'],
    [8760, 168, ' week'],
  ],
  [8760, ' year'],
);

const toDays = scaledTime(
  [
    [7, 1, ' day'],
    [365, 7, ' week'],
  ],
  [365, ' year'],
);

// --- durations spelled out --------------------------------------------------------------------

const INTERVALS: ReadonlyArray<readonly [string, number]> = [
  ['year', 31536000],
  ['month', 2592000],
  ['week', 604800],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
  ['millisecond', 0.001],
];

/** "1 year, 2 months": the first non-zero unit, then `decimals` more units. `timeScale` names the input unit. */
export function toDuration(size: number, decimals: DecimalCount, timeScale: string): Formatted {
  if (size === 0) return { text: '0', suffix: ' ' + timeScale + 's' };
  if (size < 0) {
    const v = toDuration(-size, decimals, timeScale);
    return { ...v, suffix: (v.suffix ?? '') + ' ago' };
  }
  const scale = INTERVALS.find(([name]) => name === timeScale)?.[1] ?? 1;
  // In milliseconds, to keep floating-point error out of the remainders.
  let ms = size * scale * 1000;
  const parts: string[] = [];
  let started = false;
  let remaining = decimals ?? 0;
  for (let i = 0; i < INTERVALS.length && remaining >= 0; i++) {
    const [name, seconds] = INTERVALS[i];
    const interval = seconds * 1000;
    const value = ms / interval;
    if (value >= 1 || started) {
      started = true;
      const floor = Math.floor(value);
      parts.push(`${floor} ${name}${floor !== 1 ? 's' : ''}`);
      ms = ms % interval;
      remaining--;
    }
  }
  return { text: parts.join(', ') };
}

function pad2(n: number): string {
  return n > 9 ? String(n) : '0' + n;
}

export function toDurationInHoursMinutesSeconds(size: number): Formatted {
  if (size < 0) {
    const v = toDurationInHoursMinutesSeconds(-size);
    return { ...v, suffix: (v.suffix ?? '') + ' ago' };
  }
  const h = Math.floor(size / 3600);
  const m = Math.floor((size % 3600) / 60);
  const s = Math.floor((size % 3600) % 60);
  return { text: [pad2(h), pad2(m), pad2(s)].join(':') };
}

export function toDurationInDaysHoursMinutesSeconds(size: number): Formatted {
  if (size < 0) {
    const v = toDurationInDaysHoursMinutesSeconds(-size);
    return { ...v, suffix: (v.suffix ?? '') + ' ago' };
  }
  const days = Math.floor(size / 86400);
  const hms = toDurationInHoursMinutesSeconds(size - days * 86400);
  return { text: (days > 0 ? days + ' d ' : '') + hms.text };
}

/** `clockms`/`clocks`: "01h:59m:59s:999ms", shortened by `decimals`. */
export function toClock(size: number, decimals?: DecimalCount): Formatted {
  const ms = String(((size % 1000) + 1000) % 1000).padStart(3, '0');
  const sec = pad2(Math.floor(size / 1000) % 60);
  const min = pad2(Math.floor(size / 60000) % 60);
  if (size < 1000) return { text: `${ms}ms` };
  if (size < 60000) return { text: decimals === 0 ? `${sec}s` : `${sec}s:${ms}ms` };
  if (size < 3600000) {
    if (decimals === 0) return { text: `${min}m` };
    if (decimals === 1) return { text: `${min}m:${sec}s` };
    return { text: `${min}m:${sec}s:${ms}ms` };
  }
  // Grafana pads hours to two digits ('01h'); padStart keeps 100h+ whole.
  const hours = `${String(Math.floor(size / 3600000)).padStart(2, '0')}h`;
  if (decimals === 0) return { text: hours };
  if (decimals === 1) return { text: `${hours}:${min}m` };
  if (decimals === 2) return { text: `${hours}:${min}m:${sec}s` };
  return { text: `${hours}:${min}m:${sec}s:${ms}ms` };
}

// --- dates ------------------------------------------------------------------------------------

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function ordinal(n: number): string {
  const b = n % 10;
  const suffix = Math.floor((n % 100) / 10) === 1 ? 'th' : b === 1 ? 'st' : b === 2 ? 'nd' : b === 3 ? 'rd' : 'th';
  return n + suffix;
}

function offset(minutes: number, sep: string): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return sign + pad2(Math.floor(abs / 60)) + sep + pad2(abs % 60);
}

const TOKEN = /\[([^\]]*)]|\\(.)|YYYY|YY|Q|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|dd|d|HH|H|hh|h|kk|k|mm|m|ss|s|SSS|SS|S|A|a|ZZ|Z|X|x/g;

/** Formats `ms` (unix milliseconds) with moment's format tokens (the subset listed in TOKEN). */
export function formatDate(ms: number, pattern: string, timeZone: FormatOptions['timeZone'] = 'browser'): string {
  if (!Number.isFinite(ms)) return 'Invalid date'; // moment's text
  const p = wallClock(ms, timeZone);
  const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return pattern.replace(TOKEN, (tok: string, bracketed?: string, escaped?: string) => {
    if (bracketed !== undefined) return bracketed;
    if (escaped !== undefined) return escaped;
    switch (tok) {
      case 'YYYY': return String(p.year).padStart(4, '0');
      case 'YY': return pad2(p.year % 100);
      case 'Q': return String(Math.floor(p.month / 3) + 1);
      case 'MMMM': return MONTHS[p.month];
      case 'MMM': return MONTHS[p.month].slice(0, 3);
      case 'MM': return pad2(p.month + 1);
      case 'M': return String(p.month + 1);
      case 'Do': return ordinal(p.day);
      case 'DD': return pad2(p.day);
      case 'D': return String(p.day);
      case 'dddd': return DAYS[p.weekday];
      case 'ddd': return DAYS[p.weekday].slice(0, 3);
      case 'dd': return DAYS[p.weekday].slice(0, 2);
      case 'd': return String(p.weekday);
      case 'HH': return pad2(p.hour);
      case 'H': return String(p.hour);
      case 'hh': return pad2(h12);
      case 'h': return String(h12);
      case 'kk': return pad2(p.hour === 0 ? 24 : p.hour);
      case 'k': return String(p.hour === 0 ? 24 : p.hour);
      case 'mm': return pad2(p.minute);
      case 'm': return String(p.minute);
      case 'ss': return pad2(p.second);
      case 's': return String(p.second);
      case 'SSS': return String(p.ms).padStart(3, '0');
      case 'SS': return String(Math.floor(p.ms / 10)).padStart(2, '0');
      case 'S': return String(Math.floor(p.ms / 100));
      case 'A': return p.hour < 12 ? 'AM' : 'PM';
      case 'a': return p.hour < 12 ? 'am' : 'pm';
      case 'ZZ': return offset(p.offsetMinutes, '');
      case 'Z': return offset(p.offsetMinutes, ':');
      case 'X': return String(Math.floor(ms / 1000));
      case 'x': return String(ms);
      default: return tok;
    }
  });
}

function sameDay(a: number, b: number, timeZone: FormatOptions['timeZone']): boolean {
  const x = wallClock(a, timeZone ?? 'browser');
  const y = wallClock(b, timeZone ?? 'browser');
  return x.year === y.year && x.month === y.month && x.day === y.day;
}

/** Grafana's toDateTimeValueFormatter: `pattern`, or `todayPattern` for times on the current day. */
export function dateTimeFormatter(pattern: string, todayPattern?: string): Formatter {
  return (value, _decimals, options) => {
    const now = options.now ?? Date.now();
    if (todayPattern && sameDay(value, now, options.timeZone)) return { text: formatDate(value, todayPattern, options.timeZone) };
    return { text: formatDate(value, pattern, options.timeZone) };
  };
}

/** Grafana's localTimeFormat: a moment pattern in the order and style of the browser's locale. */
export function localTimeFormat(options: Intl.DateTimeFormatOptions, locale?: string | string[]): string {
  const dtf = new Intl.DateTimeFormat(locale, options);
  const hour12 = dtf.resolvedOptions().hour12;
  const mapping: Record<string, string> = {
    year: 'YYYY',
    month: 'MM',
    day: 'DD',
    hour: hour12 ? 'hh' : 'HH',
    minute: 'mm',
    second: 'ss',
    weekday: 'ddd',
    era: 'N',
    dayPeriod: 'A',
    timeZoneName: 'Z',
  };
  return dtf
    .formatToParts(new Date())
    .map((part) => (part.type === 'literal' ? part.value.replace(/[[\]]/g, '').replace(/([A-Za-z]+)/g, '[$1]') : (mapping[part.type] ?? part.value)))
    .join('');
}

const LOCAL_DATE_TIME: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' };
const LOCAL_TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit' };

/** moment's fromNow() wording ("a few seconds ago", "2 minutes ago", "in 3 days"), with moment's thresholds. */
export function fromNow(value: number, now: number): string {
  const diff = value - now;
  const secs = Math.round(Math.abs(diff) / 1000);
  const mins = Math.round(Math.abs(diff) / 60000);
  const hours = Math.round(Math.abs(diff) / 3600000);
  const days = Math.round(Math.abs(diff) / 86400000);
  const months = Math.round((Math.abs(diff) / 86400000) * (4800 / 146097));
  const years = Math.round((Math.abs(diff) / 86400000) * (400 / 146097));
  let phrase: string;
  if (secs < 45) phrase = 'a few seconds';
  else if (mins <= 1) phrase = 'a minute';
  else if (mins < 45) phrase = `${mins} minutes`;
  else if (hours <= 1) phrase = 'an hour';
  else if (hours < 22) phrase = `${hours} hours`;
  else if (days <= 1) phrase = 'a day';
  else if (days < 26) phrase = `${days} days`;
  else if (months <= 1) phrase = 'a month';
  else if (months < 11) phrase = `${months} months`;
  else if (years <= 1) phrase = 'a year';
  else phrase = `${years} years`;
  return diff <= 0 ? `${phrase} ago` : `in ${phrase}`;
}

/** The time units of Grafana's "Time" and "Date & time" categories, by unit id. */
export const TIME_UNITS: Record<string, Formatter> = {
  ns: (v, d) => toNanoSeconds(v, d),
  µs: (v, d) => toMicroSeconds(v, d),
  ms: (v, d) => toMilliSeconds(v, d),
  s: (v, d) => toSeconds(v, d),
  m: (v, d) => toMinutes(v, d),
  h: (v, d) => toHours(v, d),
  d: (v, d) => toDays(v, d),
  dtdurationms: (v, d) => toDuration(v, d, 'millisecond'),
  dtdurations: (v, d) => toDuration(v, d, 'second'),
  dthms: (v) => toDurationInHoursMinutesSeconds(v),
  dtdhms: (v) => toDurationInDaysHoursMinutesSeconds(v),
  timeticks: (v, d) => toSeconds(v / 100, d),
  clockms: (v, d) => toClock(v, d),
  clocks: (v, d) => toClock(v * 1000, d),
  dateTimeAsIso: dateTimeFormatter('YYYY-MM-DD HH:mm:ss'),
  dateTimeAsIsoNoDateIfToday: dateTimeFormatter('YYYY-MM-DD HH:mm:ss', 'HH:mm:ss'),
  dateTimeAsUS: dateTimeFormatter('MM/DD/YYYY h:mm:ss a'),
  dateTimeAsUSNoDateIfToday: dateTimeFormatter('MM/DD/YYYY h:mm:ss a', 'h:mm:ss a'),
  dateTimeAsLocal: (v, d, o) => dateTimeFormatter(localTimeFormat(LOCAL_DATE_TIME, o.locale))(v, d, o),
  dateTimeAsLocalNoDateIfToday: (v, d, o) =>
    dateTimeFormatter(localTimeFormat(LOCAL_DATE_TIME, o.locale), localTimeFormat(LOCAL_TIME, o.locale))(v, d, o),
  // Grafana's default system date format (systemDateFormats.fullDate).
  dateTimeAsSystem: dateTimeFormatter('YYYY-MM-DD HH:mm:ss'),
  dateTimeFromNow: (v, _d, o) => ({ text: fromNow(v, o.now ?? Date.now()) }),
};
