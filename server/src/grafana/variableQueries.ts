// Query variables as Grafana evaluates them on a Prometheus data source: the query text
// (`label_names()`, `label_values(...)`, `metrics(...)`, `query_result(...)`, or a series selector)
// interpolated, run against the data source, its results filtered by the variable's regex, sorted,
// and the current value chosen among the options; chained variables in dependency order.
//
// Sources followed (grafana/grafana and grafana/scenes):
// - packages/grafana-prometheus/src/variables.ts (PrometheusVariableSupport.query): the query is the
//   string itself or the object's `query` field, interpolated with the data source's format and the
//   scoped `__interval`, `__interval_ms`, `__range*`.
// - packages/grafana-prometheus/src/metric_find_query.ts (Grafana 12) with the regexes of
//   migrations/variableMigration.ts: label values through /api/v1/label/<label>/values?match[]=
//   (not /api/v1/series, which Grafana only uses for servers without the labels match API),
//   metrics(regex) through the same endpoint with match[]={__name__=~"regex"} (anchored, as any
//   Prometheus regex matcher: older Grafana filtered the names in the browser, unanchored),
//   label_names(x) through /api/v1/labels?match[]={__name__=~".*x.*"}, query_result at range end;
//   the labels endpoints' window snapped to the cache level (language_utils getRangeSnapInterval).
// - scenes variables/variants/query/utils.ts (metricNamesToVariableValues, sortVariableValues),
//   QueryVariable.tsx (the regex interpolated with the `regex` format, static options; the scene's
//   time range) and MultiValueVariable.ts (getStateUpdateGivenNewOptions: which value stays).
import { getNodeValue, parseTree, type Node } from 'jsonc-parser';
import { datasourceResolver, isPrometheusType, prop, templateVariables } from '../documents/dashboardModel';
import { findGrafanaVariables } from '../documents/grafanaVariables';
import type { CallOptions, TimeWindow } from '../prometheus/client';
import { variableQueryBuiltins } from './builtins';
import { interpolate, type VariableScope } from './interpolate';
import {
  ALL_VARIABLE_TEXT, ALL_VARIABLE_VALUE, builtinVariables, dashboardIdentity, macroVariables, resolveVariable, type ResolvedVariable,
} from './variables';

// ---------------------------------------------------------------------------------------------
// Parsing

/** PromVariableQueryType (packages/grafana-prometheus/src/types.ts). */
export const PROM_VARIABLE_QUERY_TYPES = ['LabelNames', 'LabelValues', 'MetricNames', 'VarQueryResult', 'SeriesQuery', 'ClassicQuery'] as const;

/** The editor's object form of a variable query: `{ query, refId, qryType, ... }`. */
export interface PromVariableQueryObject {
  query?: unknown;
  refId?: unknown;
  qryType?: unknown;
  [key: string]: unknown;
}

export type ParsedVariableQuery =
  | { kind: 'label_names'; match?: string }
  | { kind: 'label_values'; label: string; match?: string }
  | { kind: 'metrics'; regex: string }
  | { kind: 'query_result'; expr: string }
  | { kind: 'series'; match: string }
  /** Nothing to run: an empty query, or `label_values()`, `metrics()`, `query_result()`. */
  | { kind: 'none' };

// migrations/variableMigration.ts
const LABEL_NAMES = /^label_names\(\)\s*$/;
const LABEL_NAMES_WITH_MATCH = /^label_names\((.+)\)\s*$/;
const LABEL_VALUES = /^label_values\((?:(.+),\s*)?(.+)\)\s*$/;
const METRIC_NAMES = /^metrics\((.+)\)\s*$/;
const QUERY_RESULT = /^query_result\((.+)\)\s*$/;

/**
 * The text Grafana runs for a saved query: the string itself (Grafana-as-code) or the object's
 * `query` field (what the variable editor writes; without one Grafana runs nothing).
 */
export function variableQueryText(query: unknown): string {
  if (typeof query === 'string') return query;
  if (query && typeof query === 'object') {
    const q = (query as PromVariableQueryObject).query;
    if (typeof q === 'string') return q;
  }
  return '';
}

/** isFilterDefined: a blank filter or `{}` counts as none. */
const filterDefined = (filter: string | undefined): filter is string => !!filter && filter.split(' ').join('') !== '{}';

/** PrometheusMetricFindQuery.process: which query a (interpolated) text is, in Grafana's order. */
export function parseVariableQuery(query: string | PromVariableQueryObject): ParsedVariableQuery {
  const text = variableQueryText(query);
  if (!text) return { kind: 'none' };
  let m = LABEL_NAMES_WITH_MATCH.exec(text);
  if (m) return { kind: 'label_names', match: m[1] };
  if (LABEL_NAMES.test(text)) return { kind: 'label_names' };
  m = LABEL_VALUES.exec(text);
  if (m) return filterDefined(m[1]) ? { kind: 'label_values', label: m[2], match: m[1] } : { kind: 'label_values', label: m[2] };
  m = METRIC_NAMES.exec(text);
  if (m) return { kind: 'metrics', regex: m[1] };
  m = QUERY_RESULT.exec(text);
  if (m) return { kind: 'query_result', expr: m[1] };
  if (['label_values()', 'metrics()', 'query_result()'].includes(text)) return { kind: 'none' };
  return { kind: 'series', match: text };
}

// ---------------------------------------------------------------------------------------------
// Running

/** What a data source query gives the variable (Grafana's MetricFindValue). */
export interface MetricFindValue {
  text: string;
  value?: string;
  expandable?: boolean;
}

/** The part of PrometheusClient a variable query uses. */
export interface VariableQueryClient {
  labelNames(match?: string[], limit?: number, call?: CallOptions, window?: TimeWindow): Promise<string[]>;
  labelValues(label: string, match?: string[], limit?: number, call?: CallOptions, window?: TimeWindow): Promise<string[]>;
  series(match: string[], startSec?: number, endSec?: number, call?: CallOptions): Promise<Array<Record<string, string>>>;
  queryData(expr: string, timeSec?: number, call?: CallOptions): Promise<unknown>;
}

export interface TimeRangeMs {
  fromMs: number;
  toMs: number;
}

/** getPrometheusTime: both ends rounded up to whole seconds. */
export function prometheusWindow(range: TimeRangeMs): Required<TimeWindow> {
  return { startSec: Math.ceil(range.fromMs / 1000), endSec: Math.ceil(range.toMs / 1000) };
}

/** The data source's cache level (jsonData.cacheLevel, default Low). */
export type PrometheusCacheLevel = 'None' | 'Low' | 'Medium' | 'High';

/**
 * getRangeSnapInterval: the labels API's window, snapped to the cache duration (1, 10 or 60 min;
 * none for None) so that cached answers can be reused: start down, end up (roundSecToNextMin).
 */
export function labelApiWindow(range: TimeRangeMs, cacheLevel: PrometheusCacheLevel = 'Low'): Required<TimeWindow> {
  const w = prometheusWindow(range);
  if (cacheLevel === 'None') return w;
  const minutes = cacheLevel === 'Medium' ? 10 : cacheLevel === 'High' ? 60 : 1;
  const startSec = Math.floor(w.startSec / (minutes * 60)) * minutes * 60;
  const endMin = Math.ceil(w.endSec / 60);
  const endSec = (endMin - (endMin % minutes)) * 60;
  return startSec === endSec ? { startSec, endSec: endSec + minutes * 60 } : { startSec, endSec };
}

export interface RunOptions {
  call?: CallOptions;
  cacheLevel?: PrometheusCacheLevel;
}

/** removeQuotesIfExist: a quoted (UTF-8) label name loses its quotes. */
const unquote = (label: string): string => /^"(.*)"$/.exec(label)?.[1] ?? label;

/** getOriginalMetricName: `name{a="1",b="2"}`, labels in the server's order. */
export function originalMetricName(labels: Readonly<Record<string, string>>): string {
  const { __name__: name, ...rest } = labels;
  return `${name || ''}{${Object.entries(rest).map(([k, v]) => `${k}="${v}"`).join(',')}}`;
}

/** queryResultQuery: a vector sample as `name{labels} value timestamp_ms`; a scalar or string as its value. */
export function queryResultValues(data: unknown): MetricFindValue[] {
  const d = (data ?? {}) as { resultType?: unknown; result?: unknown };
  switch (d.resultType) {
    case 'scalar':
    case 'string': {
      const r = Array.isArray(d.result) ? d.result : [];
      return [{ text: r[1] ? String(r[1]) : '', expandable: false }];
    }
    case 'vector':
      return (Array.isArray(d.result) ? d.result : []).map((s: { metric?: Record<string, string>; value?: [number, string] }) => {
        const metric = { ...(s.metric ?? {}) };
        const value = s.value ?? [0, ''];
        return { text: `${originalMetricName(metric)} ${value[1]} ${Number(value[0]) * 1000}`, expandable: true };
      });
    default:
      throw new Error(`Unknown/Unhandled result type: [${String(d.resultType)}]`);
  }
}

/** Runs a parsed variable query on the data source over `range` (PrometheusMetricFindQuery). */
export async function runVariableQuery(
  parsed: ParsedVariableQuery, client: VariableQueryClient, range: TimeRangeMs, opts: RunOptions = {},
): Promise<MetricFindValue[]> {
  const call = opts.call ?? {};
  // The labels endpoints go through the resource clients (snapped window); series and query do not.
  const window = prometheusWindow(range);
  const labelsWindow = labelApiWindow(range, opts.cacheLevel);
  switch (parsed.kind) {
    case 'label_names': {
      if (parsed.match === undefined) {
        // getTagKeys: every label name in the range, __name__ included, sorted.
        const keys = await client.labelNames([], undefined, call, labelsWindow);
        return [...keys].sort().map((k) => ({ text: k, value: k }));
      }
      const keys = await client.labelNames([`{__name__=~".*${parsed.match}.*"}`], undefined, call, labelsWindow);
      return [...keys].sort().filter((k) => k !== '__name__').map((k) => ({ text: k }));
    }
    case 'label_values': {
      const values = await client.labelValues(unquote(parsed.label), parsed.match !== undefined ? [parsed.match] : [], undefined, call, labelsWindow);
      return values.map((v) => ({ text: v }));
    }
    case 'metrics': {
      const names = await client.labelValues('__name__', [`{__name__=~"${parsed.regex}"}`], undefined, call, labelsWindow);
      return names.map((n) => ({ text: n, expandable: true }));
    }
    case 'query_result':
      return queryResultValues(await client.queryData(parsed.expr, window.endSec, call));
    case 'series': {
      const series = await client.series([parsed.match], window.startSec, window.endSec, call);
      return series.map((labels) => ({ text: originalMetricName(labels), expandable: true }));
    }
    case 'none':
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Options: regex filter, dedup, sort

export interface VariableOption {
  text: string;
  value: string;
}

/** VariableSort (@grafana/data). */
export enum VariableSort {
  disabled = 0,
  alphabeticalAsc = 1,
  alphabeticalDesc = 2,
  numericalAsc = 3,
  numericalDesc = 4,
  alphabeticalCaseInsensitiveAsc = 5,
  alphabeticalCaseInsensitiveDesc = 6,
  naturalAsc = 7,
  naturalDesc = 8,
}

const SORT_NAMES: Readonly<Record<string, VariableSort>> = {
  disabled: 0, alphabeticalAsc: 1, alphabeticalDesc: 2, numericalAsc: 3, numericalDesc: 4,
  alphabeticalCaseInsensitiveAsc: 5, alphabeticalCaseInsensitiveDesc: 6, naturalAsc: 7, naturalDesc: 8,
};

/** A saved `sort`: the number (v1 dashboards) or the name (v2 schema); anything else is disabled. */
export function variableSortOf(sort: unknown): VariableSort {
  if (typeof sort === 'number' && Number.isInteger(sort) && sort >= 0 && sort <= 8) return sort;
  if (typeof sort === 'string') return SORT_NAMES[sort] ?? VariableSort.disabled;
  return VariableSort.disabled;
}

/** @grafana/data stringToJsRegex: `/re/flags`, or a bare pattern anchored at both ends. */
export function stringToJsRegex(str: string): RegExp {
  if (str[0] !== '/') return new RegExp(`^${str}$`);
  const match = str.match(/^\/(.*?)\/(g?i?m?y?s?)$/);
  if (!match) throw new Error(`'${str}' is not a valid regular expression.`);
  return new RegExp(match[1], match[2]);
}

function allMatches(str: string, regex: RegExp): RegExpExecArray[] {
  const results: RegExpExecArray[] = [];
  let m: RegExpExecArray | null;
  regex.lastIndex = 0;
  do {
    m = regex.exec(str);
    if (m) results.push(m);
  } while (regex.global && m && m[0] !== '' && m[0] !== undefined);
  return results;
}

// lodash sortBy: stable, `<`/`>` on the keys.
function sortByKey<T, K extends string | number>(list: readonly T[], key: (x: T) => K): T[] {
  return list
    .map((x, i) => ({ x, i, k: key(x) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
    .map((e) => e.x);
}

function numericKey(o: VariableOption): number {
  if (!o.text) return -1;
  const m = o.text.match(/.*?(\d+).*/);
  return !m || m.length < 2 ? -1 : parseInt(m[1], 10);
}

const collator = new Intl.Collator(undefined, { sensitivity: 'accent', numeric: true });

/** sortVariableValues: by the option's text. */
export function sortVariableValues(options: readonly VariableOption[], sort: VariableSort): VariableOption[] {
  switch (sort) {
    case VariableSort.alphabeticalAsc:
      return sortByKey(options, (o) => o.text);
    case VariableSort.alphabeticalDesc:
      return sortByKey(options, (o) => o.text).reverse();
    case VariableSort.numericalAsc:
      return sortByKey(options, numericKey);
    case VariableSort.numericalDesc:
      return sortByKey(options, numericKey).reverse();
    case VariableSort.alphabeticalCaseInsensitiveAsc:
      return sortByKey(options, (o) => o.text.toLowerCase());
    case VariableSort.alphabeticalCaseInsensitiveDesc:
      return sortByKey(options, (o) => o.text.toLowerCase()).reverse();
    case VariableSort.naturalAsc:
      return options.slice().sort((a, b) => collator.compare(a.text, b.text));
    case VariableSort.naturalDesc:
      return options.slice().sort((a, b) => collator.compare(a.text, b.text)).reverse();
    default:
      return options.slice();
  }
}

export interface OptionRules {
  /** The variable's regex, already interpolated: `/re/flags` or a bare (anchored) pattern; '' for none. */
  regex?: string;
  /** What the regex is applied to (Grafana 12's regexApplyTo), default the value. */
  regexApplyTo?: 'value' | 'text';
  sort?: VariableSort;
}

/**
 * metricNamesToVariableValues: the regex keeps matching results (its first capture group, or the
 * named groups `value` and `text`, become the option; with the `g` flag every match is one),
 * then options with a repeated value are dropped and the rest sorted.
 */
export function metricNamesToVariableValues(results: readonly MetricFindValue[], rules: OptionRules = {}): VariableOption[] {
  const regex = rules.regex ? stringToJsRegex(rules.regex) : undefined;
  const options: VariableOption[] = [];
  for (const item of results) {
    let text = String(item.text ?? item.value ?? '');
    let value = String(item.value ?? item.text ?? '');
    if (regex) {
      const matches = allMatches(rules.regexApplyTo === 'text' ? text : value, regex);
      if (!matches.length) continue;
      const valueGroup = matches.find((m) => m.groups && m.groups.value);
      const textGroup = matches.find((m) => m.groups && m.groups.text);
      const firstMatch = matches.find((m) => m.length > 1);
      if (valueGroup || textGroup) {
        value = (valueGroup?.groups?.value ?? textGroup?.groups?.text) as string;
        text = (textGroup?.groups?.text ?? valueGroup?.groups?.value) as string;
      } else if (matches.length > 1 && firstMatch) {
        for (const m of matches) options.push({ text: m[1] ?? '', value: m[1] ?? '' });
        continue;
      } else if (firstMatch) {
        text = firstMatch[1] ?? '';
        value = firstMatch[1] ?? '';
      }
    }
    options.push({ text, value });
  }
  const seen = new Set<string>();
  const unique = options.filter((o) => (seen.has(o.value) ? false : (seen.add(o.value), true)));
  return sortVariableValues(unique, rules.sort ?? VariableSort.disabled);
}

/** QueryVariable's static options: dropped from the results, then put before, after, or sorted in. */
export function withStaticOptions(
  options: VariableOption[], staticOptions: readonly VariableOption[] | undefined, order: unknown, sort: VariableSort,
): VariableOption[] {
  if (!staticOptions?.length) return options;
  const rest = options.filter((o) => !staticOptions.some((s) => s.value === o.value));
  if (order === 'after') return [...rest, ...staticOptions];
  if (order === 'sorted') return sortVariableValues([...rest, ...staticOptions], sort);
  return [...staticOptions, ...rest];
}

// ---------------------------------------------------------------------------------------------
// Current value

export interface MultiValueModel {
  name: string;
  type?: string;
  multi?: boolean;
  includeAll?: boolean;
  /** scenes: defaultToAll = includeAll for dashboard query and custom variables. */
  defaultToAll?: boolean;
  allValue?: string;
  /** The saved (or chosen) selection. */
  current?: { value?: unknown; text?: unknown };
}

const isAllValue = (v: unknown): boolean => v === ALL_VARIABLE_VALUE || (Array.isArray(v) && v[0] === ALL_VARIABLE_VALUE);

/**
 * The variable's value given its options (MultiValueVariable.getStateUpdateGivenNewOptions, then
 * getValue/getValueText): a still-valid selection stays, else All (includeAll) or the first option.
 */
export function selectCurrent(model: MultiValueModel, options: readonly VariableOption[]): ResolvedVariable {
  const multi = model.multi === true;
  const includeAll = model.includeAll === true;
  const defaultToAll = model.defaultToAll ?? includeAll;
  const allValue = model.allValue ? model.allValue : undefined;
  const base = { name: model.name, type: model.type ?? 'query', multi, includeAll, urlSync: true };
  const curValue: unknown = model.current?.value ?? '';
  const curText: unknown = model.current?.text ?? '';
  const all = (state: string | string[]): ResolvedVariable =>
    allValue !== undefined
      ? { ...base, value: allValue, raw: allValue, text: ALL_VARIABLE_TEXT, urlValue: state, source: 'all' }
      : { ...base, value: options.map((o) => o.value), text: ALL_VARIABLE_TEXT, urlValue: state, source: 'all' };
  const first = (): ResolvedVariable => {
    const o = options[0];
    return { ...base, value: multi ? [o.value] : o.value, text: o.text, urlValue: multi ? [o.value] : o.value, source: 'option' };
  };

  if (options.length === 0) {
    if (defaultToAll || includeAll) return all(ALL_VARIABLE_VALUE);
    return { ...base, value: multi ? [] : '', text: '', urlValue: multi ? [] : '', source: 'none' };
  }
  if (isAllValue(curValue)) return includeAll ? all(curValue as string | string[]) : first();
  if (multi) {
    const current = (Array.isArray(curValue) ? curValue : [curValue]).map(String);
    const valid = current.filter((v) => options.some((o) => o.value === v));
    if (valid.length === 0) return defaultToAll ? all([ALL_VARIABLE_VALUE]) : first();
    const texts = valid.map((v) => options.find((o) => o.value === v)!.text);
    return { ...base, value: valid, text: texts.join(' + '), urlValue: valid, source: 'current' };
  }
  // Single value: by value, else by text.
  const match = options.find((o) => o.value === curValue) ?? options.find((o) => o.text === curText);
  if (match) return { ...base, value: match.value, text: match.text, urlValue: match.value, source: 'current' };
  return defaultToAll ? all(ALL_VARIABLE_VALUE) : first();
}

// ---------------------------------------------------------------------------------------------
// A dashboard's variables, chained

/** Chosen values by variable name (like `var-name=` in the URL), instead of the saved ones. */
export type VariableSelections = ReadonlyMap<string, string | string[]> | Readonly<Record<string, string | string[]>>;

export interface ResolveOptions {
  /** The data source's scrape interval (Grafana's `timeInterval`) for `$__interval`, default 15s. */
  scrapeInterval?: string;
  /** Name of the data source in use, for datasource variables. */
  datasourceName?: string;
  /** The data source's cache level: how the labels API's window is snapped (default Low, 1 min). */
  cacheLevel?: PrometheusCacheLevel;
  call?: CallOptions;
}

export interface EvaluatedQuery {
  /** The query text as sent, after interpolation. */
  query: string;
  /** The options, without All, after regex, sort and static options. */
  options: VariableOption[];
}

export interface VariableResolution {
  /** Every variable by name in templating.list order, in the shape interpolate() takes. */
  variables: Map<string, ResolvedVariable>;
  /** Query variables that ran on the data source, with their options. */
  evaluated: Map<string, EvaluatedQuery>;
  /** Why a query variable kept its saved (or default) value: a failed query, a cycle, another data source. */
  errors: Map<string, string>;
  /** Order the query variables were evaluated in. */
  order: string[];
}

type Json = Record<string, unknown>;

function selectionOf(selections: VariableSelections | undefined, name: string): string | string[] | undefined {
  if (!selections) return undefined;
  if (selections instanceof Map) return selections.get(name);
  const rec = selections as Readonly<Record<string, string | string[]>>;
  return Object.prototype.hasOwnProperty.call(rec, name) ? rec[name] : undefined;
}

/** A chosen value as the variable's current selection (MultiValueUrlSyncHandler.updateFromUrl). */
function withSelection(v: Json, chosen: string | string[] | undefined): Json {
  if (chosen === undefined) return v;
  let value: string | string[] = chosen;
  if (v.includeAll === true) value = Array.isArray(value) && value[0] === ALL_VARIABLE_TEXT ? [ALL_VARIABLE_VALUE] : value === ALL_VARIABLE_TEXT ? ALL_VARIABLE_VALUE : value;
  if (typeof v.allValue === 'string' && v.allValue !== '' && v.allValue === value) value = ALL_VARIABLE_VALUE;
  return { ...v, current: { value, text: value } };
}

function staticOptionsOf(v: Json): VariableOption[] | undefined {
  if (!Array.isArray(v.staticOptions)) return undefined;
  return (v.staticOptions as Array<{ text?: unknown; value?: unknown }>)
    .filter((o) => o && typeof o === 'object' && o.value !== undefined)
    .map((o) => ({ text: String(o.text ?? o.value), value: String(o.value) }));
}

/** Names of other variables a query variable waits for: those in its query and regex (statePaths query, regex). */
function dependenciesOf(v: Json, names: ReadonlySet<string>, self: string): string[] {
  const texts = [typeof v.query === 'string' ? v.query : JSON.stringify(v.query ?? ''), typeof v.regex === 'string' ? v.regex : ''];
  const deps = new Set<string>();
  for (const t of texts) for (const ref of findGrafanaVariables(t)) if (ref.name !== self && names.has(ref.name)) deps.add(ref.name);
  return [...deps];
}

/** The variable's regex interpolated as scenes does: every reference in the `regex` format. */
function interpolateRegex(regex: string, scope: VariableScope): string {
  let text = '';
  let pos = 0;
  for (const ref of findGrafanaVariables(regex)) {
    text += regex.slice(pos, ref.range.start);
    text += ref.format !== undefined ? ref.raw : `\${${ref.name}${ref.fieldPath !== undefined ? '.' + ref.fieldPath : ''}:regex}`;
    pos = ref.range.end;
  }
  return interpolate(text + regex.slice(pos), scope, 'glob').text;
}

const asNode = (dash: Node | Json): Node | undefined =>
  typeof (dash as Node).type === 'string' && typeof (dash as Node).offset === 'number' ? (dash as Node) : parseTree(JSON.stringify(dash));

/**
 * Evaluates a dashboard's query variables on a Prometheus data source in dependency order, each
 * query interpolated with the variables before it; a variable that cannot run (a failed query, a
 * dependency cycle, another data source) keeps the value variables.ts gives it. Other variables
 * resolve as variables.ts does. `range` is the dashboard's time range (Grafana 12's scenes run
 * variable queries over it, whatever their `refresh`).
 */
export async function resolveVariables(
  dashboard: Node | Json, client: VariableQueryClient, range: TimeRangeMs, selections?: VariableSelections, opts: ResolveOptions = {},
): Promise<VariableResolution> {
  const root = asNode(dashboard);
  const dash = prop(root, 'dashboard') && prop(prop(root, 'dashboard'), 'templating') ? prop(root, 'dashboard') : root;
  const dsType = datasourceResolver(root, dash);
  const staticOpts = { fromMs: range.fromMs, toMs: range.toMs, datasourceName: opts.datasourceName };

  const variables = new Map<string, ResolvedVariable>();
  const models = new Map<string, Json>();
  const queryVars: string[] = [];
  const errors = new Map<string, string>();
  for (const node of templateVariables(dash)) {
    const raw = getNodeValue(node) as Json;
    const name = typeof raw.name === 'string' ? raw.name : '';
    if (!name || variables.has(name)) continue;
    const v = withSelection(raw, selectionOf(selections, name));
    const r = resolveVariable(v, staticOpts);
    if (!r) continue;
    variables.set(name, r);
    models.set(name, v);
    if (r.type !== 'query') continue;
    const ds = dsType(prop(node, 'datasource'));
    if (isPrometheusType(ds)) queryVars.push(name);
    else errors.set(name, `runs on a ${ds} data source, not evaluated`);
  }

  // Dependency order (Kahn), templating.list order among the ready ones.
  const names = new Set(variables.keys());
  const deps = new Map(queryVars.map((n) => [n, dependenciesOf(models.get(n)!, names, n).filter((d) => queryVars.includes(d))]));
  const order: string[] = [];
  const done = new Set<string>();
  for (let progress = true; progress;) {
    progress = false;
    for (const n of queryVars) {
      if (done.has(n) || !deps.get(n)!.every((d) => done.has(d))) continue;
      done.add(n);
      order.push(n);
      progress = true;
    }
  }
  for (const n of queryVars) {
    if (done.has(n)) continue;
    const waiting = deps.get(n)!.filter((d) => !done.has(d));
    errors.set(n, `waits for ${waiting.map((d) => '$' + d).join(', ')}: a dependency cycle, not evaluated`);
  }

  const builtins = builtinVariables(variableQueryBuiltins({ fromMs: range.fromMs, toMs: range.toMs, scrapeInterval: opts.scrapeInterval }));
  const macros = macroVariables(dashboardIdentity(dash));
  const scope: VariableScope = [builtins, variables, macros];
  const evaluated = new Map<string, EvaluatedQuery>();
  for (const name of order) {
    const v = models.get(name)!;
    const query = interpolate(variableQueryText(v.query), scope, 'prometheus').text;
    try {
      const results = await runVariableQuery(parseVariableQuery(query), client, range, { call: opts.call, cacheLevel: opts.cacheLevel });
      const sort = variableSortOf(v.sort);
      const regex = typeof v.regex === 'string' && v.regex ? interpolateRegex(v.regex, scope) : '';
      const regexApplyTo = v.regexApplyTo === 'text' ? 'text' : 'value';
      const options = withStaticOptions(metricNamesToVariableValues(results, { regex, regexApplyTo, sort }), staticOptionsOf(v), v.staticOptionsOrder, sort);
      evaluated.set(name, { query, options });
      variables.set(name, selectCurrent({
        name, type: 'query', multi: v.multi === true, includeAll: v.includeAll === true,
        allValue: typeof v.allValue === 'string' ? v.allValue : undefined,
        current: v.current && typeof v.current === 'object' ? (v.current as Json) : undefined,
      }, options));
    } catch (e) {
      errors.set(name, (e as Error).message);
    }
  }
  return { variables, evaluated, errors, order };
}
