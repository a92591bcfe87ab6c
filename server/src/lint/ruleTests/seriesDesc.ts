// The series notation of promqltest, which `promtool test rules` loads its input_series with:
// a metric (`name{label="value", ...}`: only `=` pairs) and values in expanding notation
// (`1+2x3`, `_x2`, `stale`, `Inf`, ...). Also the metric alone, as exp_samples' `labels` are read
// (parser.ParseMetric). Problems come with offsets into the string.
import { lexPromQL, type PromToken } from '../../promql/lexer';
import { parseSyntax } from '../../promql/parse';
import { goQuote } from '../../promql/goFormatting';
import { describeToken, quoteRune } from '../../promql/tokenText';
import { T } from '../../promql/tokens';

export interface NotationProblem {
  message: string;
  start: number;
  end: number;
  /** promtool prints it without a `line:col: parse error:` prefix. */
  bare?: boolean;
  /** Where promtool's message places it, when not at `start`: the end of input after an unfinished item. */
  at?: number;
  /** The column promtool prints, on line 1, when the problem is on a line of its own (a later line of the values). */
  column?: number;
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
  return selectorProblem(text, lead) ?? repeatedLabelProblem(text, lead);
}

/** A label given twice in a series: promqltest's load refuses the sample. */
function repeatedLabelProblem(text: string, lead: number): NotationProblem | undefined {
  const { expr } = parseSyntax(text);
  if (expr?.type !== 'VectorSelector') return undefined;
  const seen = new Set<string>();
  for (const m of expr.labelMatchers) {
    if (m.name === '__name__') continue;
    if (seen.has(m.name)) {
      const r = m.range ?? { start: 0, end: text.length };
      return { message: `label name ${goQuote(m.name)} is not unique: invalid sample`, start: lead + r.start, end: lead + r.end, bare: true };
    }
    seen.add(m.name);
  }
  return undefined;
}

/**
 * A series whose label set is left open (`up{job="a"`, or a quote never closed): promtool writes
 * `series values` on one line of its load command, so the lexer reads on into the values and stops
 * where they break the label set (`1:12: parse error: unexpected character inside braces: '1'`).
 * When the values close it (`} 1 2`), what follows is read as values. Positions count in that line,
 * `series`, a space, then `values` (its later lines are series of their own). Null when the series
 * leaves no label set open: the series and its values are then read apart.
 */
export function openSeriesProblem(series: string, values: string): NotationProblem | undefined | null {
  const alone = lexPromQL(series, true);
  const last = alone[alone.length - 2];
  if (last?.tokenType !== T.ERROR || !/^unexpected end of input inside braces$|^unterminated/.test(last.image)) return null;
  const base = series.length + 1;
  const firstLine = values.split('\n', 1)[0];
  // promqltest reads the line trimmed: an open label set with no values ends at the series.
  const line = `${series} ${firstLine}`.trimEnd();
  const read = labelSetProblem(lexPromQL(line, true));
  if ('message' in read) return read;
  const rest = valuesProblem(line.slice(read.closedAt));
  if (rest) return shifted(rest, read.closedAt);
  const later = laterLinesProblem(values);
  return later && shifted(later, base);
}

function shifted(p: NotationProblem, by: number): NotationProblem {
  return { ...p, start: p.start + by, end: p.end + by, ...(p.at === undefined ? {} : { at: p.at + by }) };
}

/**
 * The label set of a series description, as Prometheus' grammar reads it (label_set,
 * label_set_list, label_set_item), with its words for each refusal; or where it closes.
 */
function labelSetProblem(tokens: PromToken[]): NotationProblem | { closedAt: number } {
  let i = 0;
  const unexpected = (t: PromToken, expected: string): NotationProblem =>
    t.tokenType === T.ERROR
      ? { message: t.image, start: t.startOffset, end: t.startOffset + 1 }
      : { message: `unexpected ${describeToken(t)} in label set, expected ${expected}`, start: t.startOffset, end: Math.max(t.end, t.startOffset + 1) };
  const kind = tokens[i].tokenType.kind;
  if (kind === 'identifier' || kind === 'metricIdentifier' || kind === 'keyword' || kind === 'aggregator') i++;
  if (tokens[i].tokenType !== T.LEFT_BRACE) return unexpected(tokens[i], '"{"');
  let t = tokens[++i];
  if (t.tokenType === T.RIGHT_BRACE) return { closedAt: t.end };
  for (;;) {
    if (t.tokenType === T.STRING) {
      // A quoted name (Prometheus 3): `"name"="value"`, or alone, the metric name.
      t = tokens[++i];
      if (t.tokenType === T.EQL) {
        t = tokens[++i];
        if (t.tokenType !== T.STRING) return unexpected(t, 'string');
        t = tokens[++i];
      }
    } else {
      if (t.tokenType !== T.IDENTIFIER) return unexpected(t, 'identifier or "}"');
      t = tokens[++i];
      if (t.tokenType !== T.EQL) return unexpected(t, '"="');
      t = tokens[++i];
      if (t.tokenType !== T.STRING) return unexpected(t, 'string');
      t = tokens[++i];
    }
    if (t.tokenType === T.RIGHT_BRACE) return { closedAt: t.end };
    if (t.tokenType !== T.COMMA) return unexpected(t, '"," or "}"');
    t = tokens[++i];
    if (t.tokenType === T.RIGHT_BRACE) return { closedAt: t.end };
  }
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

/** A token of the series lexer's value sequence (lex.go, lexValueSequence in series mode). */
interface ValueToken {
  kind: 'space' | 'number' | 'identifier' | 'add' | 'sub' | 'times' | 'blank' | 'histogram' | 'eof' | 'error';
  text: string;
  start: number;
  end: number;
}

const SPACE_RUN = /[ \t\n\r]+/y;
const WORD_RUN = /[\w:]*/y;
/** scanNumber in series mode: no hexadecimal (`0x5` is 0 repeated 5 times), an exponent, and then no letter but `x`. */
const NUMBER_RUN = /\d*(?:\.\d*)?(?:[eE][-+]?\d*)?/y;

function runAt(re: RegExp, text: string, at: number): string {
  re.lastIndex = at;
  return re.exec(text)?.[0] ?? '';
}

function valueToken(values: string, i: number): ValueToken {
  const tok = (kind: ValueToken['kind'], end: number, text = values.slice(i, end)): ValueToken => ({ kind, text, start: i, end });
  if (i >= values.length) return tok('eof', i);
  const c = values[i];
  // Go's isSpace: a no-break space is "unexpected character in series sequence: '\u00a0'".
  if (c === ' ' || c === '\t' || c === '\n' || c === '\r') return tok('space', i + runAt(SPACE_RUN, values, i).length);
  if (values.startsWith('{{', i)) return tok('histogram', i + 2);
  if (c === '+') return tok('add', i + 1);
  if (c === '-') return tok('sub', i + 1);
  if (c === 'x') return tok('times', i + 1);
  if (c === '_') return tok('blank', i + 1);
  if (/\d/.test(c) || (c === '.' && /\d/.test(values[i + 1] ?? ''))) {
    const end = i + runAt(NUMBER_RUN, values, i).length;
    const next = values[end] ?? '';
    if (next !== 'x' && /\w/.test(next)) return tok('error', end, `bad number syntax: ${goQuote(values.slice(i, end))}`);
    return tok('number', end);
  }
  if (/[A-Za-z]/.test(c)) {
    const end = i + runAt(WORD_RUN, values, i).length;
    // Inf and NaN, in any case, are keywords that lex as numbers.
    return tok(/^(?:inf|nan)$/i.test(values.slice(i, end)) ? 'number' : 'identifier', end);
  }
  return tok('error', i + 1, `unexpected character in series sequence: ${quoteRune(values.codePointAt(i)!)}`);
}

/** Item.desc() of a value token, as "unexpected ..." names it. */
function describeValueToken(t: ValueToken): string {
  switch (t.kind) {
    case 'eof': return 'end of input';
    case 'space': return goQuote(' ');
    case 'number': return `number ${goQuote(t.text)}`;
    case 'identifier': return `identifier ${goQuote(t.text)}`;
    case 'add': return '<op:+>';
    case 'sub': return '<op:->';
    case 'times': return goQuote('x');
    case 'blank': return goQuote('_');
    default: return goQuote(t.text);
  }
}

/** A number token as strconv.ParseFloat reads it. */
function numberProblem(t: ValueToken): NotationProblem | undefined {
  if (/^(?:inf|nan)$/i.test(t.text)) return undefined;
  const problem = (why: string): NotationProblem => ({ message: `error parsing number: strconv.ParseFloat: parsing ${goQuote(t.text)}: ${why}`, start: t.start, end: t.end });
  if (!/^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(t.text)) return problem('invalid syntax');
  return Number.isFinite(Number(t.text)) ? undefined : problem('value out of range');
}

/**
 * The values of an input series, read token by token as the series grammar reads them
 * (series_values, series_item, series_value): `a`, `axN`, `a+bxN`, `a-bxN`, `_`, `_xN`, `stale`,
 * and native histograms (`{{...}}`). A token that breaks an item is "unexpected ... in series
 * values"; one right after a complete item, where a space belongs, is plain "unexpected ...".
 */
export function valuesProblem(values: string): NotationProblem | undefined {
  let i = 0;
  let t = valueToken(values, 0);
  const advance = (): ValueToken => {
    i = t.end;
    t = valueToken(values, i);
    return t;
  };
  const at = (x: ValueToken, message: string): NotationProblem =>
    x.kind === 'error' ? { message: x.text, start: x.start, end: x.end } : { message, start: x.start, end: Math.max(x.end, x.start + 1) };
  let itemStart = 0;
  // At the end of input, the unfinished item is what the editor shows.
  const inItem = (x: ValueToken): NotationProblem => x.kind === 'eof'
    ? { message: 'unexpected end of input in series values', start: itemStart, end: x.start, at: x.start }
    : at(x, `unexpected ${describeValueToken(x)} in series values`);
  const number = (x: ValueToken): NotationProblem | undefined => (x.kind === 'number' ? numberProblem(x) : inItem(x));
  const repetition = (): NotationProblem | undefined => {
    if (t.kind !== 'number') return inItem(t);
    if (!/^\d+$/.test(t.text)) return { message: `invalid repetition in series values: strconv.ParseUint: parsing ${goQuote(t.text)}: invalid syntax`, start: t.start, end: t.end };
    advance();
    return undefined;
  };
  for (;;) {
    if (t.kind === 'space') advance();
    if (t.kind === 'eof') return undefined;
    itemStart = t.start;
    if (t.kind === 'error') return at(t, '');
    if (t.kind === 'histogram') {
      const h = histogramItem(values, t.start);
      if ('message' in h) return h;
      i = h.end;
      t = valueToken(values, i);
      continue;
    }
    let p: NotationProblem | undefined;
    if (t.kind === 'blank') {
      if (advance().kind === 'times') {
        advance();
        p = repetition();
      }
    } else if (t.kind === 'number' || t.kind === 'identifier' || t.kind === 'add' || t.kind === 'sub') {
      // series_value: a number, a signed number, or `stale`.
      if (t.kind === 'add' || t.kind === 'sub') p = number(advance());
      else if (t.kind === 'identifier' && t.text !== 'stale') {
        return { message: `unexpected identifier ${goQuote(t.text)} in series values, expected number or "stale"`, start: t.start, end: t.end };
      } else p = t.kind === 'number' ? numberProblem(t) : undefined;
      if (p) return p;
      if (advance().kind === 'times') {
        advance();
        p = repetition();
      } else if (t.kind === 'add' || t.kind === 'sub') {
        p = number(advance());
        if (p) return p;
        if (advance().kind !== 'times') return inItem(t);
        advance();
        p = repetition();
      }
    } else {
      return at(t, `unexpected ${describeValueToken(t)}`);
    }
    if (p) return p;
    // A complete item: a space or the end comes next.
    const next: ValueToken = t;
    if (next.kind !== 'space' && next.kind !== 'eof') return at(next, `unexpected ${describeValueToken(next)}`);
  }
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
  return valuesProblem(values.split('\n', 1)[0]) ?? laterLinesProblem(values);
}

/**
 * The lines of the values after their first. promtool writes `series values` into its load command,
 * so each further line is read as a series description of its own: one with no metric (`2 2 2`) is
 * refused, one with a metric loads another series. A blank or `#` line ends the load command, and
 * what follows is not read as series. promtool counts columns in the trimmed line, always on line 1.
 */
export function laterLinesProblem(values: string): NotationProblem | undefined {
  const lines = values.split('\n');
  let at = lines[0].length + 1;
  for (const line of lines.slice(1)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return undefined;
    const lead = at + line.length - line.trimStart().length;
    let p: NotationProblem | undefined;
    if (/^[A-Za-z_:{]/.test(trimmed)) p = seriesDescProblem(trimmed);
    else {
      const token = /\S+/.exec(trimmed)![0];
      p = { message: noMetricProblem(trimmed), start: 0, end: token.length };
    }
    if (p) return { message: p.message, start: lead + p.start, end: lead + p.end, column: (p.at ?? p.start) + 1 };
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
  return values && shifted(values, end);
}
