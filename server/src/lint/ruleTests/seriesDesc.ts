// The series notation of promqltest, which `promtool test rules` loads its input_series with:
// a metric (`name{label="value", ...}`: only `=` pairs) and values in expanding notation
// (`1+2x3`, `_x2`, `stale`, `Inf`, ...). Also the metric alone, as exp_samples' `labels` are read
// (parser.ParseMetric). Problems come with offsets into the string.
import { lexPromQL, type PromToken } from '../../promql/lexer';
import { KEYWORD_METRIC_NAMES } from '../../promql/grammar';
import { goQuote } from '../../promql/goFormatting';
import { describeToken, quoteRune } from '../../promql/tokenText';
import { KEYWORDS, T, type PromTokenType } from '../../promql/tokens';
import { utf8ByteOffset } from '../../text/utf8';

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

/**
 * A metric as ParseMetric reads it (exp_samples' labels): `name`, `name{l="v"}` or `{l="v"}`
 * (`{}` for no labels), the label set in the series grammar's words, then nothing: whatever follows
 * is "unexpected ..." (`rate(up[5m])`: `1:5: parse error: unexpected "("`).
 */
export function metricProblem(metric: string): NotationProblem | undefined {
  const text = metric.trim();
  if (text === '') return undefined;
  const tokens = lexPromQL(text, true);
  const first = tokens[0];
  let i = 0;
  if (isMetricName(first)) i = 1;
  if (tokens[i].tokenType === T.LEFT_BRACE) {
    const read = labelSetProblem(tokens);
    if ('message' in read) return shifted(read, metric.indexOf(text));
    while (tokens[i].tokenType !== T.EOF && tokens[i].startOffset < read.closedAt) i++;
  }
  if (tokens[i].tokenType === T.EOF) return undefined;
  return shifted(unexpectedToken(tokens[i]), metric.indexOf(text));
}

/** Go's parser.unexpected on a token (`where`: " in label set, expected ..."); a lexer error says its own words. */
function unexpectedToken(t: PromToken, where = ''): NotationProblem {
  return t.tokenType === T.ERROR
    ? { message: t.image, start: t.startOffset, end: t.startOffset + 1 }
    : { message: `unexpected ${describeToken(t)}${where}`, start: t.startOffset, end: Math.max(t.end, t.startOffset + 1) };
}

/** A token Go's metric_identifier takes: a name, or a keyword such as `sum`, `by` or `offset`. */
function isMetricName(t: PromToken): boolean {
  const kind = t.tokenType.kind;
  return kind === 'identifier' || kind === 'metricIdentifier' || KEYWORD_METRIC_NAMES.has(t.tokenType);
}

/**
 * An input series alone (no values), as promqltest's load reads its line: see seriesLineProblem.
 * Empty, it is left to the caller.
 */
export function inputSeriesProblem(series: string): NotationProblem | undefined {
  const text = series.trim();
  if (text === '') return undefined;
  const p = seriesLineProblem(text);
  return p && shifted(p, series.indexOf(text));
}

/**
 * An input series and its values as promtool reads them: it writes `series values` as one line of
 * its load command, so a label set left open reads on into the values (`1:12: parse error:
 * unexpected character inside braces: '1'`), and each further line of the values, or the values of
 * a series in a block scalar, is a series description of its own (laterLinesProblem). Positions
 * count in that text, `series`, a space, then `values`.
 */
export function inputSeriesLineProblem(series: string, values: string): NotationProblem | undefined {
  const joined = `${series} ${values}`;
  const nl = joined.indexOf('\n');
  const first = (nl < 0 ? joined : joined.slice(0, nl)).trimEnd();
  const text = first.trimStart();
  const lead = first.length - text.length;
  const p = seriesLineProblem(text);
  if (p) return shifted(p, lead);
  return laterLinesProblem(joined);
}

/**
 * One series description, `metric values`, read as promqltest's load reads a line (ParseSeriesDesc):
 * a metric name, a label set (label_set, in the series grammar's words), then the value sequence,
 * which starts wherever the metric ends (`up {...}` or `up # c` are values there: "unexpected
 * character in series sequence"). Then what the load refuses: `{}` ("empty labelset") and a label
 * given twice. Positions count in `line`, which starts with the metric.
 */
export function seriesLineProblem(line: string, load = true): NotationProblem | undefined {
  const tokens = lexPromQL(line, true);
  const first = tokens[0];
  if (first.tokenType === T.ERROR) return unexpectedToken(first);
  let named = isMetricName(first);
  let closedAt = 0;
  let names: PromToken[] = [];
  if (named && line[first.end] !== '{') {
    closedAt = first.end;
  } else if (named || first.tokenType === T.LEFT_BRACE) {
    const read = labelSetProblem(tokens);
    if ('message' in read) return read;
    closedAt = read.closedAt;
    names = read.names;
    named ||= read.quotedName;
  }
  // The value sequence: a space first (series_values: series_values SPACE series_item), unless the
  // line ends; anything else is where the grammar stops, a lexer error before it.
  if (closedAt === 0 && !named && first.tokenType !== T.LEFT_BRACE && !/^[\d.+\-_x]/.test(line)) {
    // No metric, and no value either (a quote, "(", "[", "="): the grammar names the token.
    return unexpectedToken(first, ' in series values');
  }
  if (closedAt < line.length && !GO_SPACE.test(line[closedAt])) return unexpectedValue(valueToken(line, closedAt), ' in series values');
  const rest = valuesProblem(line.slice(closedAt));
  if (rest) return shifted(rest, closedAt);
  if (!load) return undefined;
  if (!named && names.length === 0) return { message: 'empty labelset: invalid sample', start: 0, end: closedAt, bare: true };
  const seen = new Set<string>();
  for (const n of names) {
    const name = n.tokenType === T.STRING ? n.image.slice(1, -1) : n.image;
    if (name === '__name__') continue;
    if (seen.has(name)) return { message: `label name ${goQuote(name)} is not unique: invalid sample`, start: n.startOffset, end: n.end, bare: true };
    seen.add(name);
  }
  return undefined;
}

function shifted(p: NotationProblem, by: number): NotationProblem {
  return { ...p, start: p.start + by, end: p.end + by, ...(p.at === undefined ? {} : { at: p.at + by }) };
}

/**
 * The label set of a series description, as Prometheus' grammar reads it (label_set,
 * label_set_list, label_set_item), with its words for each refusal; or where it closes.
 */
function labelSetProblem(tokens: PromToken[]): NotationProblem | { closedAt: number; names: PromToken[]; quotedName: boolean } {
  let i = 0;
  const names: PromToken[] = [];
  let quotedName = false;
  const unexpected = (t: PromToken, expected: string): NotationProblem => unexpectedToken(t, ` in label set, expected ${expected}`);
  if (isMetricName(tokens[i])) i++;
  if (tokens[i].tokenType !== T.LEFT_BRACE) return unexpected(tokens[i], '"{"');
  let t = tokens[++i];
  if (t.tokenType === T.RIGHT_BRACE) return { closedAt: t.end, names, quotedName };
  for (;;) {
    if (t.tokenType === T.STRING) {
      // A quoted name (Prometheus 3): `"name"="value"`, or alone, the metric name.
      const name = t;
      t = tokens[++i];
      if (t.tokenType !== T.EQL) quotedName = true;
      else {
        names.push(name);
        t = tokens[++i];
        if (t.tokenType !== T.STRING) return unexpected(t, 'string');
        t = tokens[++i];
      }
    } else {
      if (t.tokenType !== T.IDENTIFIER) return unexpected(t, 'identifier or "}"');
      names.push(t);
      t = tokens[++i];
      if (t.tokenType !== T.EQL) return unexpected(t, '"="');
      t = tokens[++i];
      if (t.tokenType !== T.STRING) return unexpected(t, 'string');
      t = tokens[++i];
    }
    if (t.tokenType === T.RIGHT_BRACE) return { closedAt: t.end, names, quotedName };
    if (t.tokenType !== T.COMMA) return unexpected(t, '"," or "}"');
    t = tokens[++i];
    if (t.tokenType === T.RIGHT_BRACE) return { closedAt: t.end, names, quotedName };
  }
}

/** A number in a native histogram literal. */
const FLOAT = String.raw`[-+]?(?:[Ii]nf|NaN|nan|0[xX][0-9a-fA-F]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)`;

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
  /** `keyword`: its text is Item.desc() (`<offset>`, `<aggr:sum>`, `<op:and>`). `error`: the lexer's message. */
  kind: 'space' | 'number' | 'identifier' | 'keyword' | 'add' | 'sub' | 'times' | 'blank' | 'histogram' | 'eof' | 'error';
  text: string;
  start: number;
  end: number;
}

const SPACE_RUN = /[ \t\n\r]+/y;
/** Go's isSpace in the lexer: ' ', '\t', '\n', '\r'. */
const GO_SPACE = /^[ \t\n\r]$/;
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
  if (GO_SPACE.test(c)) return tok('space', i + runAt(SPACE_RUN, values, i).length);
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
    const word = values.slice(i, end);
    // Inf and NaN, in any case, are keywords that lex as numbers; other keywords are their own tokens.
    if (/^(?:inf|nan)$/i.test(word)) return tok('number', end);
    const keyword = KEYWORDS.get(word.toLowerCase());
    if (keyword) return tok('keyword', end, describeKeyword(keyword, word));
    return tok('identifier', end);
  }
  const rune = values.codePointAt(i)!;
  return tok('error', i + (rune > 0xffff ? 2 : 1), `unexpected character in series sequence: ${quoteRune(rune)}`);
}

/** Item.desc() of a keyword token. */
function describeKeyword(type: PromTokenType, word: string): string {
  return describeToken({ tokenType: type, image: word } as PromToken);
}

/** Item.desc() of a value token, as "unexpected ..." names it. */
function describeValueToken(t: ValueToken): string {
  switch (t.kind) {
    case 'keyword': return t.text;
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

/** "unexpected <token><where>" for a value token; a lexer error says its own words. */
function unexpectedValue(t: ValueToken, where: string): NotationProblem {
  return t.kind === 'error'
    ? { message: t.text, start: t.start, end: t.end }
    : { message: `unexpected ${describeValueToken(t)}${where}`, start: t.start, end: Math.max(t.end, t.start + 1) };
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
  let itemStart = 0;
  // At the end of input, the unfinished item is what the editor shows.
  const inItem = (x: ValueToken): NotationProblem => x.kind === 'eof'
    ? { message: 'unexpected end of input in series values', start: itemStart, end: x.start, at: x.start }
    : unexpectedValue(x, ' in series values');
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
    if (t.kind === 'error') return unexpectedValue(t, '');
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
      return unexpectedValue(t, '');
    }
    if (p) return p;
    // A complete item: a space or the end comes next.
    const next: ValueToken = t;
    if (next.kind !== 'space' && next.kind !== 'eof') return unexpectedValue(next, '');
  }
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
    const p = seriesLineProblem(trimmed);
    if (p) return { message: p.message, start: lead + p.start, end: lead + p.end, column: utf8ByteOffset(trimmed, p.at ?? p.start) + 1, ...(p.bare ? { bare: true } : {}) };
    at += line.length + 1;
  }
  return undefined;
}

/** A whole series description, `metric values`, as promqltest's load reads each line. */
export function seriesDescProblem(input: string): NotationProblem | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  const p = seriesLineProblem(text, false);
  return p && shifted(p, input.indexOf(text));
}
