// The dashboard's time zone (its JSON `timezone`) and the wall-clock fields of an instant in it.
// Grafana (grafana-data datetime): "" or "browser" is the browser's zone, "utc" is UTC, anything
// else an IANA name ("Europe/Berlin"); a name the runtime does not know is shown in the browser's
// zone rather than failing the panel.

/** 'browser', 'utc' or an IANA zone name the runtime knows (see dashboardTimeZone). */
export type TimeZone = string;

/** The fields of an instant as a clock in some zone shows it. */
export interface WallClock {
  year: number;
  month: number; // 0-11
  day: number;
  weekday: number; // 0 = Sunday
  hour: number;
  minute: number;
  second: number;
  ms: number;
  offsetMinutes: number; // east of UTC
}

// One formatter per zone (building one costs far more than formatting with it); null: unknown zone.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      // h23: midnight is 00, not 24 (en-US's default hour cycle for numeric hours is h24 in some engines).
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      f = null; // RangeError: not a zone this runtime knows
    }
    formatters.set(zone, f);
  }
  return f;
}

/** The zone a dashboard's `timezone` asks for; unknown names fall back to the browser's zone. */
export function dashboardTimeZone(timezone: unknown): TimeZone {
  if (typeof timezone !== 'string') return 'browser';
  const name = timezone.trim();
  if (name === '' || name === 'browser') return 'browser';
  if (name === 'utc') return 'utc';
  return formatterFor(name) ? name : 'browser';
}

/** `ms` (unix milliseconds) on a clock in `zone`. */
export function wallClock(ms: number, zone: TimeZone): WallClock {
  const d = new Date(ms);
  if (zone === 'utc') {
    return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), weekday: d.getUTCDay(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), ms: d.getUTCMilliseconds(), offsetMinutes: 0 };
  }
  const f = zone === 'browser' ? null : formatterFor(zone);
  if (!f) {
    return { year: d.getFullYear(), month: d.getMonth(), day: d.getDate(), weekday: d.getDay(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds(), ms: d.getMilliseconds(), offsetMinutes: -d.getTimezoneOffset() };
  }
  const field: Record<string, number> = {};
  for (const part of f.formatToParts(d)) if (part.type !== 'literal') field[part.type] = Number(part.value);
  const msPart = d.getUTCMilliseconds();
  // The same fields read as UTC: how far that is from the instant is the zone's offset.
  const asUtc = Date.UTC(field.year, field.month - 1, field.day, field.hour, field.minute, field.second, msPart);
  return {
    year: field.year,
    month: field.month - 1,
    day: field.day,
    weekday: new Date(asUtc).getUTCDay(),
    hour: field.hour,
    minute: field.minute,
    second: field.second,
    ms: msPart,
    offsetMinutes: Math.round((asUtc - ms) / 60_000),
  };
}

/**
 * A Date whose local fields are the wall clock of `ms` in `zone`: what uPlot's `tzDate` option
 * wants, so it puts day and hour ticks on that zone's midnights and full hours.
 */
export function wallClockDate(ms: number, zone: TimeZone): Date {
  const w = wallClock(ms, zone);
  return new Date(w.year, w.month, w.day, w.hour, w.minute, w.second, w.ms);
}
