// The series notation of promqltest, which `promtool test rules` loads its input_series with:
// a metric (`name{label="value", ...}`: only `=` pairs) and values in expanding notation
// (`1+2x3`, `_x2`, `stale`, `Inf`, ...). Also the metric alone, as exp_samples' `labels` are read
// (parser.ParseMetric). Problems come with offsets into the string.
import { parseSyntax } from '../../promql/parse';

export interface NotationProblem {
  message: string;
  start: number;
  end: number;
  /** promtool prints it without a `line:col: parse error:` prefix. */
  bare?: boolean;
}

/** A metric as ParseMetric reads it: `name`, `name{l="v"}` or `{l="v"}` (`{}` for no labels). */
export function metricProblem(metric: string): NotationProblem | undefined {
  const text = metric.trim();
  const lead = metric.indexOf(text);
  if (text === '' || /^\{\s*\}$/.test(text)) return undefined;
  return selectorProblem(text, lead);
}

/**
 * An input series' metric, which the series lexer reads: no space before `{`, no `#` comment, and
 * at least one label (`{}` is promqltest's "empty labelset"). Empty, it is left to the caller.
 */
export function inputSeriesProblem(series: string): NotationProblem | undefined {
  const text = series.trim();
  const lead = series.indexOf(text);
  if (text === '') return undefined;
  if (/^\{\s*\}$/.test(text)) return { message: 'empty labelset: invalid sample', start: lead, end: lead + text.length, bare: true };
  const lexed = seriesLexProblem(text);
  if (lexed) return { ...lexed, start: lead + lexed.start, end: lead + lexed.end };
  return selectorProblem(text, lead);
}

/** The series lexer's refusals outside quotes: whitespace before `{` after the name, and `#`. */
function seriesLexProblem(text: string): NotationProblem | undefined {
  const name = /^[\w:]*/.exec(text)![0].length;
  const gap = /^\s+\{/.exec(text.slice(name));
  if (name > 0 && gap) {
    const at = name + gap[0].length - 1;
    return { message: "unexpected character in series sequence: '{'", start: at, end: at + 1 };
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\' && c !== '`') i++;
    } else if (c === '#') {
      return { message: "unexpected character in series sequence: '#'", start: i, end: i + 1 };
    }
  }
  return undefined;
}

function selectorProblem(text: string, lead: number): NotationProblem | undefined {
  // The grammar alone: ParseMetric takes an empty label set and empty values, which checkAST refuses.
  const { expr, errors } = parseSyntax(text);
  if (errors.length > 0) {
    const e = errors[0];
    // The grammar's words for a selector's braces; a series' are a label set.
    return { message: e.message.replace(' in label matching', ' in label set'), start: lead + e.range.start, end: lead + Math.max(e.range.start, e.range.end) };
  }
  if (!expr || expr.type !== 'VectorSelector' || expr.originalOffsetMs !== 0 || expr.originalOffsetExpr || expr.timestamp !== null || expr.startOrEnd !== null) {
    return { message: 'not a series: a metric name and label="value" pairs, as name{label="value"}', start: lead, end: lead + text.length };
  }
  const other = expr.labelMatchers.find((m) => m.op !== '=');
  if (other) {
    const r = other.range ?? { start: 0, end: text.length };
    const at = text.indexOf(other.op, r.start);
    return { message: `unexpected <op:${other.op}> in label set, expected "="`, start: lead + at, end: lead + at + other.op.length };
  }
  return undefined;
}

/** A number in a native histogram literal. */
const FLOAT = String.raw`[-+]?(?:[Ii]nf|NaN|nan|0[xX][0-9a-fA-F]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)`;
/** A decimal number: the series lexer reads no hexadecimal, and no underscores (Prometheus 2.42). */
const DEC = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;
/** Inf and NaN in any case are keywords; `Infx2` is one identifier, so they never come before an x. */
const NUM = String.raw`(?:[Ii][Nn][Ff]|[Nn][Aa][Nn]|${DEC})`;
/** `a`, `axN`, `a+bxN`, `a-bxN`, `_`, `_xN`, `stale`. */
const ITEM = new RegExp(String.raw`^(?:_(?:x\d+)?|stale|[-+]?${NUM}[-+]${DEC}x\d+|[-+]?${DEC}x\d+|[-+]?${NUM})$`);
const NUMBERS_IN_ITEM = new RegExp(DEC, 'g');

const HISTOGRAM_KEYS = new Set(['sum', 'count', 'schema', 'offset', 'n_offset', 'buckets', 'n_buckets', 'z_bucket', 'z_bucket_w', 'custom_values', 'counter_reset_hint']);
const HINTS = new Set(['unknown', 'reset', 'not_reset', 'gauge']);
const HIST_NUMBER = new RegExp(`^${FLOAT}$`);

/** A native histogram literal's inside (between `{{` and `}}`), at `base` in the values. */
function histogramProblem(inner: string, base: number): NotationProblem | undefined {
  if (inner.trim() === '') return undefined;
  const fail = (message: string, at: number, len = 1): NotationProblem => ({ message, start: base + at, end: base + at + len });
  if (/^\s/.test(inner)) return fail('unexpected " " in a histogram: {{key:value ...}}', 0);
  const seen = new Set<string>();
  let i = 0;
  while (i < inner.length) {
    while (i < inner.length && inner[i] === ' ') i++;
    if (i >= inner.length) break;
    const key = /^\w+/.exec(inner.slice(i))?.[0] ?? '';
    if (!HISTOGRAM_KEYS.has(key)) return fail(`bad histogram descriptor found: "${key || inner[i]}"`, i, Math.max(1, key.length));
    if (inner[i + key.length] !== ':') return fail('missing `:` for histogram descriptor', i, key.length);
    if (seen.has(key)) return fail(`duplicate key "${key}" in histogram`, i, key.length);
    seen.add(key);
    let j = i + key.length + 1;
    if (inner[j] === ' ') return fail('unexpected " " in a histogram: no space after `:`', j);
    if (inner[j] === '[') {
      if (inner[j + 1] === ' ') return fail('unexpected " " in a histogram: no space after `[`', j + 1);
      const close = inner.indexOf(']', j);
      if (close < 0) return fail('unclosed `[` in a histogram', j);
      for (const m of inner.slice(j + 1, close).matchAll(/\S+/g)) {
        if (!HIST_NUMBER.test(m[0])) return fail(`invalid number "${m[0]}" in a histogram`, j + 1 + m.index, m[0].length);
      }
      j = close + 1;
    } else {
      const value = /^[^\s]+/.exec(inner.slice(j))?.[0] ?? '';
      const ok = key === 'counter_reset_hint' ? HINTS.has(value) : HIST_NUMBER.test(value);
      if (!ok) return fail(key === 'counter_reset_hint' ? `bad histogram descriptor found: "${value}"` : `invalid number "${value}" in a histogram`, j, Math.max(1, value.length));
      j += value.length;
    }
    if (j < inner.length && inner[j] !== ' ') return fail(`unexpected "${inner[j]}" in a histogram`, j);
    i = j;
  }
  return undefined;
}

/** A histogram item: `{{...}}`, `{{...}}xN`, `{{...}}+{{...}}xN` or `-`; its end, or a problem. */
function histogramItem(values: string, at: number): { end: number } | NotationProblem {
  let i = at;
  const literal = (): NotationProblem | undefined => {
    const close = values.indexOf('}}', i + 2);
    if (close < 0) return { message: 'unclosed histogram: {{ without }}', start: i, end: i + 2 };
    const p = histogramProblem(values.slice(i + 2, close), i + 2);
    i = close + 2;
    return p;
  };
  const first = literal();
  if (first) return first;
  if ((values[i] === '+' || values[i] === '-') && values.startsWith('{{', i + 1)) {
    i++;
    const second = literal();
    if (second) return second;
    const times = /^x\d+/.exec(values.slice(i));
    if (!times) return { message: 'an expanding histogram needs a count: {{...}}+{{...}}xN', start: at, end: i };
    i += times[0].length;
  } else {
    const times = /^x\d+/.exec(values.slice(i));
    if (times) i += times[0].length;
  }
  if (i < values.length && !/\s/.test(values[i])) return { message: `unexpected "${values[i]}" after a histogram`, start: i, end: i + 1 };
  return { end: i };
}

/** The values of an input series, native histograms (`{{...}}`) included. */
export function valuesProblem(values: string): NotationProblem | undefined {
  for (let i = 0; i < values.length; ) {
    if (/\s/.test(values[i])) {
      i++;
      continue;
    }
    if (values.startsWith('{{', i)) {
      const h = histogramItem(values, i);
      if ('message' in h) return h;
      i = h.end;
      continue;
    }
    const item = /^\S+/.exec(values.slice(i))![0];
    const m = { index: i };
    i += item.length;
    if (ITEM.test(item)) {
      // strconv.ParseFloat: a number beyond float64 is "value out of range".
      for (const n of item.matchAll(NUMBERS_IN_ITEM)) {
        if (!Number.isFinite(Number(n[0]))) return { message: `error parsing number: strconv.ParseFloat: parsing "${n[0]}": value out of range`, start: m.index, end: m.index + item.length };
      }
      continue;
    }
    // The lexer's words for an identifier where a value goes (`Infx2`, `up`), alone or as a step.
    if (/^[A-Za-z_]\w*$/.test(item)) return { message: `unexpected identifier "${item}" in series values, expected number or "stale"`, start: m.index, end: m.index + item.length };
    const step = new RegExp(String.raw`^[-+]?${NUM}[-+]([A-Za-z_]\w*)$`).exec(item);
    if (step) {
      const at = m.index + item.length - step[1].length;
      return { message: `unexpected identifier "${step[1]}" in series values`, start: at, end: at + step[1].length };
    }
    const hint = /^\d+x$/.test(item) ? ' (a repeat count follows the x: 1x5)' : /^[-+]?\d+(?:\.\d+)?[-+]\d+(?:\.\d+)?$/.test(item) ? ' (an expansion needs a count: 1+1x5)' : '';
    return { message: `invalid value "${item}" in the series' values${hint}: numbers, _ (no sample), stale, or a+bxN expanding from a by b N times`, start: m.index, end: m.index + item.length };
  }
  return undefined;
}

const LEADING_NUMBER = new RegExp(`^[-+]?${DEC}`);

/** What the series lexer says of values with no metric before them. */
export function noMetricProblem(values: string): string {
  const first = /\S+/.exec(values)![0];
  const number = LEADING_NUMBER.exec(first)?.[0];
  if (number) return `unexpected number "${number.replace(/^[-+]/, '')}" in series values`;
  return `unexpected "${first}" in series values: a series needs a metric name or labels`;
}

/**
 * Values that run over several lines: promtool writes `series values` into its load command as one
 * line, so each further line is read as a series of its own, with no metric.
 */
export function valuesLinesProblem(values: string): NotationProblem | undefined {
  const lines = values.split('\n');
  const first = valuesProblem(lines[0]);
  if (first || lines.length === 1) return first;
  let at = lines[0].length + 1;
  for (const line of lines.slice(1)) {
    const start = line.search(/\S/);
    if (start >= 0) {
      const token = /\S+/.exec(line)![0];
      return { message: noMetricProblem(line), start: at + start, end: at + start + token.length };
    }
    at += line.length + 1;
  }
  return undefined;
}

/** Where the metric of a series description ends: after its name and its `{...}` (quotes honoured). */
function metricEnd(input: string): number {
  let i = 0;
  while (i < input.length && /\s/.test(input[i])) i++;
  while (i < input.length && /[\w:]/.test(input[i])) i++;
  if (input[i] !== '{') return i;
  for (i++; i < input.length; i++) {
    const c = input[i];
    if (c === '}') return i + 1;
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < input.length && input[i] !== c; i++) if (input[i] === '\\' && c !== '`') i++;
    }
  }
  return input.length;
}

/** A whole series description, `metric values`, as promqltest's load reads each line. */
export function seriesDescProblem(input: string): NotationProblem | undefined {
  const end = metricEnd(input);
  const metric = metricProblem(input.slice(0, end));
  if (metric) return metric;
  const values = valuesProblem(input.slice(end));
  return values && { ...values, start: values.start + end, end: values.end + end };
}
