// Grafana's template interpolation (scenes' sceneInterpolator): every `$var`, `${var}`,
// `${var:format}`, `${var.field}`, `[[var]]`, `[[var:format]]` replaced by its formatted value;
// references to unknown variables stay as written. Keeps a map from output offsets back to the
// source so an error in the interpolated query can point at the text that produced it.
import type { PosRange } from '../promql/ast';
import { findGrafanaVariables } from '../documents/grafanaVariables';
import { FORMATS, encodeURIComponentStrict, formatValue, parseFormat, type DefaultFormat, type FormatValue, type FormatVariable } from './formats';
import { ALL_VARIABLE_TEXT, type ResolvedVariable, type VariableSource } from './variables';

/** Where names are looked up, first match wins (Grafana: scoped vars, dashboard variables, macros). */
export type VariableScope = ReadonlyArray<ReadonlyMap<string, ResolvedVariable>>;

export interface Replacement {
  name: string;
  /** The reference as written, e.g. `${job:regex}`. */
  raw: string;
  /** Offsets of the reference in the source, half-open. */
  source: PosRange;
  /** Offsets of its value in the output, half-open. */
  output: PosRange;
  value: string;
  from: VariableSource;
}

export interface Interpolation {
  text: string;
  /** The references replaced, in order. */
  replacements: Replacement[];
  /** Names referenced but not defined anywhere (left as written). */
  unknown: string[];
}

/** Custom "All" values and their variables are interpolated again; this bounds self-reference. */
const MAX_DEPTH = 5;

function lookup(scope: VariableScope, name: string): ResolvedVariable | undefined {
  for (const map of scope) {
    const v = map.get(name);
    if (v) return v;
  }
  return undefined;
}

function formatVariableOf(v: ResolvedVariable): FormatVariable {
  return { name: v.name, multi: v.multi, includeAll: v.includeAll, text: v.text, urlSync: v.urlSync, urlValue: v.urlValue };
}

/** MultiValueVariable.getValue(fieldPath) and the macros' fields (`${__org.name}`). */
function valueAt(v: ResolvedVariable, fieldPath: string | undefined): FormatValue {
  if (fieldPath === undefined) return v.value;
  if (v.fields && Object.prototype.hasOwnProperty.call(v.fields, fieldPath)) return v.fields[fieldPath];
  if (Array.isArray(v.value)) {
    const i = parseInt(fieldPath, 10);
    if (!isNaN(i) && i >= 0 && i < v.value.length) return v.value[i];
  }
  return v.value;
}

/** One reference's replacement text, or undefined when the variable is unknown. */
function replacementFor(
  v: ResolvedVariable, format: string | undefined, fieldPath: string | undefined, scope: VariableScope, defaultFormat: DefaultFormat, depth: number,
): string {
  const fv = formatVariableOf(v);
  if (v.raw !== undefined) {
    // CustomAllValue.formatter: only `text`, `percentencode` and `queryparam` look at it; otherwise the
    // value goes in as written and is interpolated again (with Grafana's default format, glob).
    const id = format ? parseFormat(format).id : undefined;
    if (id === 'text') return v.text;
    if (id === 'percentencode') return encodeURIComponentStrict(v.raw);
    if (id === 'queryparam') return FORMATS.queryparam(ALL_VARIABLE_TEXT, [], fv);
    return depth < MAX_DEPTH ? interpolateAt(v.raw, scope, 'glob', depth + 1).text : v.raw;
  }
  return formatValue(valueAt(v, fieldPath), format, fv, defaultFormat, fieldPath);
}

function interpolateAt(source: string, scope: VariableScope, defaultFormat: DefaultFormat, depth: number): Interpolation {
  const replacements: Replacement[] = [];
  const unknown: string[] = [];
  let text = '';
  let pos = 0;
  for (const ref of findGrafanaVariables(source)) {
    let { raw, fieldPath } = ref;
    const { name, format } = ref;
    // `$__user.login`: Grafana's own regex stops at the name, the `.login` stays text.
    if (fieldPath !== undefined && raw.startsWith('$') && !raw.startsWith('${')) {
      raw = '$' + name;
      fieldPath = undefined;
    }
    const start = ref.range.start;
    const end = start + raw.length;
    const v = lookup(scope, name);
    if (!v) {
      if (!unknown.includes(name)) unknown.push(name);
      continue;
    }
    const value = replacementFor(v, format, fieldPath, scope, defaultFormat, depth);
    text += source.slice(pos, start);
    replacements.push({ name, raw, source: { start, end }, output: { start: text.length, end: text.length + value.length }, value, from: v.source });
    text += value;
    pos = end;
  }
  return { text: text + source.slice(pos), replacements, unknown };
}

/**
 * Interpolates `source` as Grafana does before sending it: with `defaultFormat` 'prometheus' for a
 * Prometheus query (the data source's interpolateQueryExpr), 'glob' for other text (legends).
 */
export function interpolate(source: string, scope: VariableScope, defaultFormat: DefaultFormat = 'prometheus'): Interpolation {
  return interpolateAt(source, scope, defaultFormat, 0);
}

/**
 * Maps an offset in the interpolated text back to the source: exact outside replaced values, the
 * start of the reference inside one.
 */
export function toSourceOffset(result: Pick<Interpolation, 'replacements'>, offset: number): number {
  let delta = 0;
  for (const r of result.replacements) {
    if (offset < r.output.start) break;
    if (offset < r.output.end) return r.source.start;
    delta += r.output.end - r.output.start - (r.source.end - r.source.start);
  }
  return offset - delta;
}
