// Grafana's variable value formats (`${var:format}`), as @grafana/scenes' formatRegistry.ts
// implements them, and the default format of the Prometheus data source (its
// interpolateQueryExpr in packages/grafana-prometheus/src/datasource.ts). Pure string functions.

/** What a variable (or built-in) gives the formatter: one value, a list (multi-value), or a number. */
export type FormatValue = string | number | string[];

/** The few facts about the variable that formats use. */
export interface FormatVariable {
  name: string;
  /** Multi-value selection allowed (Grafana's `multi`). */
  multi?: boolean;
  includeAll?: boolean;
  /** The value's display text (Grafana's getValueText: `All`, `a + b`), for the `text` format. */
  text?: string;
  /** Whether Grafana keeps the variable in the URL (`var-name=...`), i.e. a dashboard variable. */
  urlSync?: boolean;
  /** The raw URL value (`$__all` for All), for `queryparam`. */
  urlValue?: string | string[];
}

/** @grafana/data escapeRegex: every regex metacharacter (and `/`) gets a backslash. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
}

function luceneEscape(value: string): string {
  if (!isNaN(+value)) return value;
  return value.replace(/([!*+\-=<>\s&|()[\]{}^~?:\\/"])/g, '\\$1');
}

/** RFC 3986: encodeURIComponent plus the sub-delims `!'()*`. */
export function encodeURIComponentStrict(value: string | number): string {
  return encodeURIComponent(String(value)).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** @grafana/data urlUtil's encodeURIComponentAsAngularJS(value, pctEncodeSpaces = true), used by toUrlParams. */
function encodeAsAngularJS(value: string): string {
  return encodeURIComponent(value)
    .replace(/%40/gi, '@')
    .replace(/%3A/gi, ':')
    .replace(/%24/g, '$')
    .replace(/%2C/gi, ',')
    .replace(/%3B/gi, ';')
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const str = (v: FormatValue): string => String(v);

type Formatter = (value: FormatValue, args: string[], variable: FormatVariable, fieldPath?: string) => string;

const SQL_ESCAPE: Record<string, string> = { "'": "''", '"': '\\"' };

/** The format registry, keyed by the id written after the colon. */
export const FORMATS: Readonly<Record<string, Formatter>> = {
  lucene: (v) => {
    if (typeof v === 'string') return luceneEscape(v);
    if (Array.isArray(v)) return v.length === 0 ? '__empty__' : '(' + v.map((x) => '"' + luceneEscape(x) + '"').join(' OR ') + ')';
    return luceneEscape(str(v));
  },
  raw: (v) => str(v),
  regex: (v) => {
    if (!Array.isArray(v)) return escapeRegex(str(v));
    const escaped = v.map((x) => escapeRegex(String(x)));
    return escaped.length === 1 ? escaped[0] : '(' + escaped.join('|') + ')';
  },
  pipe: (v) => (Array.isArray(v) ? v.join('|') : str(v)),
  distributed: (v, _a, variable) => (Array.isArray(v) ? v.map((x, i) => (i === 0 ? x : `${variable.name}=${x}`)).join(',') : str(v)),
  csv: (v) => (Array.isArray(v) ? v.join(',') : str(v)),
  html: (v) => escapeHtml(Array.isArray(v) ? v.join(', ') : str(v)),
  json: (v) => (typeof v === 'string' ? v : JSON.stringify(v)),
  percentencode: (v) => encodeURIComponentStrict(Array.isArray(v) ? '{' + v.join(',') + '}' : v),
  singlequote: (v) => {
    const q = (x: string): string => `'${x.replace(/'/g, "\\'")}'`;
    return Array.isArray(v) ? v.map(q).join(',') : q(str(v));
  },
  doublequote: (v) => {
    const q = (x: string): string => `"${x.replace(/"/g, '\\"')}"`;
    return Array.isArray(v) ? v.map(q).join(',') : q(str(v));
  },
  sqlstring: (v) => {
    const q = (x: string): string => `'${x.replace(/'|"/g, (m) => SQL_ESCAPE[m] ?? '')}'`;
    return Array.isArray(v) ? v.map(q).join(',') : q(str(v));
  },
  join: (v, args) => (Array.isArray(v) ? v.join(args[0] ?? ',') : str(v)),
  date: (v, args) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' ? parseInt(v, 10) : NaN;
    if (isNaN(n)) return 'NaN';
    const arg = args[0] ?? 'iso';
    switch (arg) {
      case 'ms':
        return str(v);
      case 'seconds':
        return `${Math.round(n / 1000)}`;
      case 'iso':
        return new Date(n).toISOString();
      default:
        return formatDate(n, args.length > 1 ? args.join(':') : arg);
    }
  },
  glob: (v) => (Array.isArray(v) && v.length > 1 ? '{' + v.join(',') + '}' : str(v)),
  text: (v, _a, variable) => variable.text ?? str(v),
  queryparam: (v, _a, variable, fieldPath) => {
    if (variable.urlSync && !fieldPath) {
      const url = variable.urlValue ?? (Array.isArray(v) ? v : str(v));
      return (Array.isArray(url) ? url : [url]).map((x) => `var-${variable.name}=${encodeAsAngularJS(x)}`).join('&');
    }
    const one = (x: string | number): string => `var-${variable.name}=${encodeURIComponentStrict(x)}`;
    return Array.isArray(v) ? v.map(one).join('&') : one(v);
  },
  customqueryparam: (v, args, variable) => {
    const name = encodeURIComponentStrict(args[0] || variable.name);
    const prefix = encodeURIComponentStrict(args[1] || '');
    const one = (x: string | number): string => `${name}=${prefix}${encodeURIComponentStrict(x)}`;
    return Array.isArray(v) ? v.map(one).join('&') : one(v);
  },
};

/** A format written after the colon, e.g. `regex` or `date:seconds`, split into id and arguments. */
export function parseFormat(format: string): { id: string; args: string[] } {
  const parts = format.split(':');
  return { id: parts[0], args: parts.slice(1) };
}

export function isKnownFormat(format: string): boolean {
  return Object.prototype.hasOwnProperty.call(FORMATS, parseFormat(format).id);
}

/**
 * Formats a value as Grafana's sceneInterpolator does for an explicit format; an unknown format
 * falls back to `glob`, as Grafana does ("Variable format ... not found").
 */
export function applyFormat(value: FormatValue, format: string, variable: FormatVariable, fieldPath?: string): string {
  const { id, args } = parseFormat(format);
  const formatter = Object.prototype.hasOwnProperty.call(FORMATS, id) ? FORMATS[id] : FORMATS.glob;
  return formatter(value, args, variable, fieldPath);
}

/** prometheusRegularEscape (classic behaviour, without the prometheusSpecialCharsInLabelValues toggle). */
export function prometheusRegularEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'");
}

/** prometheusSpecialRegexEscape (classic): regex-escaped for use inside a PromQL string, so doubled. */
export function prometheusSpecialRegexEscape(value: string): string {
  return value.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}[\]+?.()|]/g, '\\\\$&');
}

/**
 * The Prometheus data source's default format (interpolateQueryExpr): a variable that is neither
 * multi-value nor has "Include All" is only string-escaped; otherwise every value is regex-escaped
 * (with the backslashes a PromQL string needs) and several are joined as `(a|b)`.
 */
export function prometheusFormat(value: FormatValue, variable: FormatVariable): string {
  if (!variable.multi && !variable.includeAll) {
    return typeof value === 'string' ? prometheusRegularEscape(value) : str(value);
  }
  if (!Array.isArray(value)) return typeof value === 'string' ? prometheusSpecialRegexEscape(value) : str(value);
  const escaped = value.map(prometheusSpecialRegexEscape);
  return escaped.length === 1 ? escaped[0] : '(' + escaped.join('|') + ')';
}

/** The default format when none is written: a data source's own, or Grafana's `glob`. */
export type DefaultFormat = 'prometheus' | 'glob';

export function formatValue(value: FormatValue, format: string | undefined, variable: FormatVariable, defaultFormat: DefaultFormat, fieldPath?: string): string {
  if (format) return applyFormat(value, format, variable, fieldPath);
  return defaultFormat === 'prometheus' ? prometheusFormat(value, variable) : FORMATS.glob(value, [], variable, fieldPath);
}

// Moment-style date formats (`${__from:date:YYYY-MM-DD}`), in UTC: the tokens dashboards use.
const DATE_TOKENS = /\[([^\]]*)]|YYYY|YY|MMMM|MMM|MM|M|DDDD|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|SSS|A|a|X|x|ZZ|Z/g;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function formatDate(ms: number, pattern: string): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const h12 = d.getUTCHours() % 12 || 12;
  const dayOfYear = Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  return pattern.replace(DATE_TOKENS, (t, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    switch (t) {
      case 'YYYY': return String(d.getUTCFullYear());
      case 'YY': return pad(d.getUTCFullYear() % 100);
      case 'MMMM': return MONTHS[d.getUTCMonth()];
      case 'MMM': return MONTHS[d.getUTCMonth()].slice(0, 3);
      case 'MM': return pad(d.getUTCMonth() + 1);
      case 'M': return String(d.getUTCMonth() + 1);
      case 'DDDD': return pad(dayOfYear, 3);
      case 'DD': return pad(d.getUTCDate());
      case 'D': return String(d.getUTCDate());
      case 'dddd': return DAYS[d.getUTCDay()];
      case 'ddd': return DAYS[d.getUTCDay()].slice(0, 3);
      case 'HH': return pad(d.getUTCHours());
      case 'H': return String(d.getUTCHours());
      case 'hh': return pad(h12);
      case 'h': return String(h12);
      case 'mm': return pad(d.getUTCMinutes());
      case 'm': return String(d.getUTCMinutes());
      case 'ss': return pad(d.getUTCSeconds());
      case 's': return String(d.getUTCSeconds());
      case 'SSS': return pad(d.getUTCMilliseconds(), 3);
      case 'A': return d.getUTCHours() < 12 ? 'AM' : 'PM';
      case 'a': return d.getUTCHours() < 12 ? 'am' : 'pm';
      case 'X': return String(Math.floor(ms / 1000));
      case 'x': return String(ms);
      case 'ZZ': return '+0000';
      case 'Z': return '+00:00';
      default: return t;
    }
  });
}
