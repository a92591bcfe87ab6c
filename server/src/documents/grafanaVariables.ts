// Grafana template variables inside dashboard PromQL: finding them ($var, ${var}, ${var:fmt},
// ${var.field}, [[var]], [[var:fmt]]) and replacing each by a same-length placeholder that is valid
// PromQL where it stands, so the query can be parsed "as Grafana would send it" while every error
// position still points at the original characters (text offset i is source offset i).
import type { PosRange } from '../promql/ast';
import type { EmbeddedExpression } from './types';

/**
 * Grafana's own variableRegex (public/app/features/variables/utils.ts):
 *   /\$(\w+)|\[\[([\s\S]+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^\}]+))?(?::([^\}]+))?}/g
 * with two changes: `$__user.login` and `$__org.name` count as one variable (Grafana documents
 * them as ${...}), and a [[...]] name must be a word, so that RE2 classes like `[[:alpha:]]` in a
 * regex matcher are not taken for variables (Grafana leaves unknown names unreplaced anyway).
 */
const VARIABLE_REGEX = /\$(__user|__org)\.(\w+)|\$(\w+)|\[\[(\w+)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

export interface GrafanaVariableRef {
  /** The variable's name without syntax, e.g. `job`, `__rate_interval`, `__user`. */
  name: string;
  /** The whole reference as written, e.g. `${job:regex}`. */
  raw: string;
  /** Offsets in the searched string, half-open. */
  range: PosRange;
  format?: string;
  fieldPath?: string;
}

export function findGrafanaVariables(source: string): GrafanaVariableRef[] {
  const out: GrafanaVariableRef[] = [];
  for (const m of source.matchAll(VARIABLE_REGEX)) {
    const start = m.index ?? 0;
    const range = { start, end: start + m[0].length };
    if (m[1] !== undefined) out.push({ name: m[1], raw: m[0], range, fieldPath: m[2] });
    else if (m[3] !== undefined) out.push({ name: m[3], raw: m[0], range });
    else if (m[4] !== undefined) out.push({ name: m[4], raw: m[0], range, format: m[5] });
    else out.push({ name: m[6], raw: m[0], range, fieldPath: m[7], format: m[8] });
  }
  return out;
}

/** Variables Grafana defines itself (global variables) and the ones data sources add. */
const BUILTIN_NAMES = new Set([
  '__interval', '__interval_ms', '__rate_interval', '__rate_interval_ms', '__range', '__range_s',
  '__range_ms', '__from', '__to', '__dashboard', '__user', '__org', '__timezone', '__name',
  '__all_variables', '__url_time_range', '__timeFilter', 'timeFilter', '__searchFilter', '__series',
  '__field', '__value', '__data', '__cell', '__url', '__timeFrom', '__timeTo', '__datasource', '__auto',
]);

export function isBuiltinVariable(name: string): boolean {
  return BUILTIN_NAMES.has(name) || name.startsWith('__auto_interval') || /^__cell_\d+$/.test(name);
}

/** What kind of value a variable holds, when known: it decides the placeholder outside strings. */
export type VariableValueKind = 'number' | 'duration' | 'matcher' | 'aggregation';
export type VariableHints = ReadonlyMap<string, VariableValueKind>;

const BUILTIN_KINDS: Readonly<Record<string, VariableValueKind>> = {
  __interval: 'duration', __rate_interval: 'duration', __range: 'duration',
  __interval_ms: 'number', __rate_interval_ms: 'number', __range_s: 'number', __range_ms: 'number',
  __from: 'number', __to: 'number', __org: 'number',
};

const DURATION_RE = /^(\d+(ms|s|m|h|d|w|y))+$/;

/** Classifies a variable's current value, as dashboard-linter's getValueType does. */
export function classifyVariableValue(value: string): VariableValueKind | undefined {
  const v = value.trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(v)) return 'number';
  if (DURATION_RE.test(v)) return 'duration';
  if (v.includes('=') && v.includes('"')) return 'matcher';
  // A variable choosing the aggregation, as in `$agg by (job) (...)`.
  if (/^(sum|avg|min|max|count|group|stddev|stdvar)$/.test(v)) return 'aggregation';
  return undefined;
}

type Context = 'string' | 'range' | 'number' | 'unit-count' | 'duration' | 'matcher' | 'aggregation' | 'identifier';

function placeholder(raw: string, ctx: Context): string {
  const pad = (s: string): string => (s.length <= raw.length ? s + ' '.repeat(raw.length - s.length) : identifierLike(raw));
  switch (ctx) {
    case 'range':
    case 'duration':
      return pad('1m');
    case 'number':
      return pad('1');
    case 'unit-count':
      // Digits all through, so that the unit written after the variable (`[${__range_s}s]`) still
      // makes one duration with them: 0001s is 1s.
      return `${'0'.repeat(raw.length - 1)}1`;
    case 'aggregation':
      return pad('sum');
    case 'matcher':
      // A non-empty value, so that `{$filter}` alone is still a valid selector.
      return pad(raw.length >= 5 ? 'a="b"' : 'a=""');
    default:
      return identifierLike(raw);
  }
}

/** `$job` → `_job`, `${a:regex}` → `__a_regex_`: an identifier, a label name and a regex at once. */
function identifierLike(raw: string): string {
  return raw.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * Replaces every Grafana variable in `source` by a same-length placeholder chosen from where it
 * stands: inside a string literal any text; inside a range `[...]` or after `offset` a duration;
 * after `@` a number; inside `{...}` where a whole matcher is expected a matcher; elsewhere the
 * variable's known value kind (from `hints` or Grafana's built-ins), else an identifier (a metric
 * or label name).
 */
export function interpolateGrafanaVariables(source: string, hints: VariableHints = new Map()): string {
  const refs = findGrafanaVariables(source);
  if (refs.length === 0) return source;
  let out = '';
  let pos = 0;
  let r = 0;
  let quote: string | null = null;
  let braces = 0;
  let brackets = 0;
  let prevToken = '';
  let i = 0;
  while (i < source.length) {
    // A reference skipped over (in a # comment, after a backslash in a string) stays as written.
    while (r < refs.length && refs[r].range.start < i) r++;
    if (r >= refs.length) break;
    const ref = refs[r];
    if (i === ref.range.start) {
      const ctx = contextOf(ref, source, { quote, braces, brackets, prevToken }, hints);
      out += source.slice(pos, i) + placeholder(ref.raw, ctx);
      pos = i = ref.range.end;
      r++;
      if (!quote) prevToken = 'variable';
      continue;
    }
    const c = source[i];
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
      prevToken = 'string';
    } else if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    } else if (c === '{') braces++;
    else if (c === '}') braces = Math.max(0, braces - 1);
    else if (c === '[') brackets++;
    else if (c === ']') brackets = Math.max(0, brackets - 1);
    if (!quote && !/\s/.test(c) && c !== '"' && c !== "'" && c !== '`') {
      if (/[A-Za-z_]/.test(c)) {
        let j = i;
        while (j < source.length && /\w/.test(source[j])) j++;
        prevToken = source.slice(i, j).toLowerCase();
        i = j;
        continue;
      }
      prevToken = c;
    }
    i++;
  }
  return out + source.slice(pos);
}

interface ScanState {
  quote: string | null;
  braces: number;
  brackets: number;
  prevToken: string;
}

function contextOf(ref: GrafanaVariableRef, source: string, s: ScanState, hints: VariableHints): Context {
  if (s.quote) return 'string';
  // A number with its unit written after it: `[${__range_s}s]`, `offset ${days}d`.
  const unitAfter = /^(ms|[smhdwy])/.test(source.slice(ref.range.end, ref.range.end + 2));
  if (s.brackets > 0 && s.braces === 0) return unitAfter ? 'unit-count' : 'range';
  if (s.prevToken === 'offset') return unitAfter ? 'unit-count' : 'duration';
  if (s.prevToken === '@') return 'number';
  const kind = ref.fieldPath === 'id' && ref.name === '__user' ? 'number' : (ref.fieldPath ? undefined : (BUILTIN_KINDS[ref.name] ?? hints.get(ref.name)));
  if (s.braces > 0) {
    const next = source.slice(ref.range.end).match(/^\s*(.)/)?.[1];
    if ((next === ',' || next === '}') && (s.prevToken === '{' || s.prevToken === ',')) return 'matcher';
    return 'identifier';
  }
  if (kind === 'number' || kind === 'duration' || kind === 'aggregation') return kind;
  return 'identifier';
}

/**
 * The parse errors of a dashboard expression worth reporting: none when one of them is where a
 * variable decides the syntax (isErrorAtVariable: what follows it is set off by it), and never a
 * type error on exactly one variable of unknown value. Both the lint and the editor's diagnostics
 * read a dashboard's PromQL through this.
 */
export function reportableErrors<E extends { message: string; range: PosRange }>(e: { text: string; source: string }, errors: readonly E[]): readonly E[] {
  if (errors.length === 0 || e.text === e.source) return errors;
  if (errors.some((err) => isErrorAtVariable(e, err))) return [];
  return errors.some((err) => isTypeErrorOnUnknownVariable(e, err)) ? errors.filter((err) => !isTypeErrorOnUnknownVariable(e, err)) : errors;
}

/**
 * True for a type error on exactly one variable whose value is not known: its placeholder (a name,
 * so an instant vector) is a guess, and "expected type scalar ..., got instant vector" says nothing
 * of the query Grafana will send, e.g. topk($k, ...) with $k a query variable not yet resolved.
 */
export function isTypeErrorOnUnknownVariable(e: { text: string; source: string }, err: { message: string; range: PosRange }): boolean {
  if (e.text === e.source || !err.message.startsWith('expected type ')) return false;
  const { start, end } = err.range;
  if (!/^_\w*$/.test(e.text.slice(start, end))) return false;
  const refs = findGrafanaVariables(e.source);
  return refs.some((r) => r.range.start === start && r.range.end === end);
}

/**
 * True for a parse error where a variable stands, so that what Grafana sends there decides it and
 * no placeholder can: on the placeholder (`${fn}(x)`: a function name; `[${n}${unit}]`: two
 * variables making one duration), right after one glued to a name (`${agg}_over_time`,
 * `api_v${ver}_requests_total`), or at a matcher too short for any placeholder (`up{$f}`).
 * Such a query cannot be checked; an error after a variable that stands alone (`[$interval)`) can.
 */
export function isErrorAtVariable(e: { text: string; source: string }, err: { range: PosRange }): boolean {
  if (e.text === e.source) return false;
  const at = err.range.start;
  for (const ref of findGrafanaVariables(e.source)) {
    const { start, end } = ref.range;
    if (e.text.slice(start, end) === ref.raw) continue; // left as written: in a comment
    if (at >= start && at < end) return true;
    const glued = /[\w:]/.test(e.source[end] ?? '') || /[\w:]/.test(e.source[start - 1] ?? '');
    if (glued && at === end) return true;
    const before = /\S?(?=\s*$)/.exec(e.source.slice(0, start))?.[0];
    if (ref.raw.length < 5 && (before === '{' || before === ',') && at >= start - 1 && at <= end) return true;
  }
  return false;
}

/** A variable used in an expression that neither the dashboard nor Grafana defines. */
export interface UndefinedVariable {
  name: string;
  /** File range of the whole reference (e.g. `${job:regex}`). */
  range: PosRange;
}

/**
 * Variables referenced in the given dashboard expressions that are not built-ins and not in
 * `defined` (the dashboard's templating.list names).
 */
export function undefinedVariables(exprs: readonly EmbeddedExpression[], defined: Iterable<string>): UndefinedVariable[] {
  const known = new Set(defined);
  const out: UndefinedVariable[] = [];
  for (const e of exprs) {
    for (const ref of findGrafanaVariables(e.source)) {
      if (known.has(ref.name) || isBuiltinVariable(ref.name)) continue;
      // Left as written by the interpolation: in a # comment, or escaped in a string.
      if (e.text.slice(ref.range.start, ref.range.end) === ref.raw) continue;
      // `$1` is a regex group (label_replace's replacement), which Grafana leaves as written; so is
      // `$host` when the query's regex names a group host: (?P<host>...).
      if (/^\d+$/.test(ref.name)) continue;
      if (e.source.includes(`(?P<${ref.name}>`) || e.source.includes(`(?<${ref.name}>`)) continue;
      // text and source have the same length and alignment, so source offsets map like text offsets.
      out.push({
        name: ref.name,
        range: { start: e.toFileOffset(ref.range.start), end: e.toFileOffset(ref.range.end - 1) + 1 },
      });
    }
  }
  return out;
}
