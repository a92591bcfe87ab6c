// The language server's side of the dashboard preview (issue 6): a dashboard JSON turned into what
// the preview header shows (title, time range, variables evaluated on the data source) and one
// panel's visible targets run as Grafana would run them (variables, built-ins, step). Knows nothing
// of LSP. The shapes mirror webview/src/dashboardProtocol.ts (the server cannot import it: rootDir).
import { getNodeValue, parseTree, printParseErrorCode, type Node } from 'jsonc-parser';
import { findDashboardExpressions, type DashboardExpression } from '../documents/dashboard';
import { bool, items, parseDashboard, parseDashboardUncached, prop, str, templateVariables, type DashboardDoc } from '../documents/dashboardModel';
import type { CallOptions } from '../prometheus/client';
import { interpolateDashboardExpression } from './dashboardQuery';
import { ALL_VARIABLE_TEXT, ALL_VARIABLE_VALUE, customOptions, dashboardVariables, type ResolvedVariable } from '../grafana/variables';
import { resolveVariables, type VariableQueryClient, type VariableResolution } from '../grafana/variableQueries';
import { jsonSafeData, type JsonSafeQueryData, type QueryData } from '../prometheus/result';
import { grafanaIntervals } from '../grafana/builtins';
import { exportedDashboard } from '../grafana/dashboardExport';
import { validScopedVars, type ScopedVars } from '../grafana/scopedVars';
import { PrometheusError } from '../prometheus/errors';

export type JsonPath = Array<string | number>;
export type Selections = Record<string, string | string[]>;

export interface VariableOption {
  text: string;
  value: string;
}

export interface VariableView {
  name: string;
  label?: string;
  type: string;
  hide: number;
  multi: boolean;
  includeAll: boolean;
  options: VariableOption[];
  current: { text: string | string[]; value: string | string[] };
  error?: string;
}

export interface DashboardPreviewResult {
  dashboard?: unknown;
  title: string;
  time: { from: string; to: string };
  range: { startMs: number; endMs: number };
  refresh?: string;
  variables: VariableView[];
  error?: { message: string; line: number; character: number };
  datasource?: string;
  datasourceError?: string;
}

export interface TargetResult {
  refId: string;
  expr: string;
  legendFormat?: string;
  mode: 'range' | 'instant';
  data?: JsonSafeQueryData;
  error?: string;
  warnings?: string[];
}

export interface PanelQueryResult {
  path: JsonPath;
  results: TargetResult[];
  /** The range the queries ran over. */
  range?: { startMs: number; endMs: number };
  intervalMs: number;
  stepMs: number;
}

/** What a panel query needs of a query's answer. */
export interface QueryResultLike {
  data: QueryData;
  warnings: string[];
}

/** What a panel query needs of a Prometheus client (PrometheusClient has it). */
export interface PreviewClient extends VariableQueryClient {
  query(expr: string, timeSec?: number, call?: CallOptions): Promise<QueryResultLike>;
  queryRange(expr: string, startSec: number, endSec: number, stepSec: number, call?: CallOptions): Promise<QueryResultLike>;
}

export interface VariableContext {
  /** The data source to evaluate query variables on; without one they keep their saved values. */
  client?: VariableQueryClient;
  datasourceName?: string;
  /** The data source's scrape interval (Grafana's `timeInterval`), default 15s. */
  scrapeInterval?: string;
  selections?: Selections;
  call?: CallOptions;
}

export interface PreviewOptions extends VariableContext {
  /** Grafana time range (`now-6h`, ms epochs, ISO); default the dashboard's `time`, else the last 6 hours. */
  time?: { from: string; to: string };
  nowMs: number;
  /** Why there is no data source, shown in the header. */
  datasourceError?: string;
  /** The caller parses the text itself: no `dashboard` in the result (saves building and sending it). */
  omitDashboard?: boolean;
  /** Evaluate the variables again (a refresh), not reuse a recent evaluation. */
  refresh?: boolean;
}

export interface PanelQueryOptions extends VariableContext {
  client?: PreviewClient;
  range: { startMs: number; endMs: number };
  /** The dashboard's time as written: when given, evaluated at `nowMs` (the query's own now) instead of `range`. */
  time?: { from: string; to: string };
  /** Default Date.now(). */
  nowMs?: number;
  widthPx: number;
  /** A repeated copy's variables, each scoped to the copy's one value. */
  scopedVars?: ScopedVars;
}

/** Grafana's scopedVars: a repeated copy's value of its variable(s), by name. */
export type { ScopedVars } from '../grafana/scopedVars';

/** The `monitoring/panelQuery` request. */
export interface PanelQueryParams {
  uri: string;
  path: JsonPath;
  selections?: Selections;
  range: { startMs: number; endMs: number };
  time?: { from: string; to: string };
  widthPx: number;
  scopedVars?: ScopedVars;
}

export { validScopedVars } from '../grafana/scopedVars';

// ---------------------------------------------------------------------------------------------
// Time: Grafana's date math (packages/grafana-data/src/datetime/datemath.ts), in UTC

const DEFAULT_TIME = { from: 'now-6h', to: 'now' };
const UNITS = ['y', 'M', 'w', 'd', 'h', 'm', 's'];

function startOf(ms: number, unit: string): number {
  const d = new Date(ms);
  switch (unit) {
    case 'y': return Date.UTC(d.getUTCFullYear(), 0, 1);
    case 'M': return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case 'w': { // ISO-ish week starting Sunday, as moment's startOf('week') in the en locale
      const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      return day - d.getUTCDay() * 86_400_000;
    }
    case 'd': return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case 'h': return Math.floor(ms / 3_600_000) * 3_600_000;
    case 'm': return Math.floor(ms / 60_000) * 60_000;
    default: return Math.floor(ms / 1000) * 1000;
  }
}

function add(ms: number, n: number, unit: string): number {
  const d = new Date(ms);
  switch (unit) {
    case 'y': d.setUTCFullYear(d.getUTCFullYear() + n); return d.getTime();
    case 'M': d.setUTCMonth(d.getUTCMonth() + n); return d.getTime();
    case 'w': return ms + n * 7 * 86_400_000;
    case 'd': return ms + n * 86_400_000;
    case 'h': return ms + n * 3_600_000;
    case 'm': return ms + n * 60_000;
    default: return ms + n * 1000;
  }
}

/**
 * dateMath.parse: `now`, `now-6h`, `now-1d/d` (rounded down, or up to the unit's last ms with
 * `roundUp`, as for `to`), ms epochs, ISO dates. Undefined when it does not parse.
 */
export function parseGrafanaTime(text: string, nowMs: number, roundUp = false): number | undefined {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (!s.startsWith('now')) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? undefined : t;
  }
  let t = nowMs;
  let rest = s.slice(3);
  while (rest.length) {
    const round = /^\/([yMwdhms])/.exec(rest);
    if (round) {
      t = roundUp ? add(startOf(t, round[1]), 1, round[1]) - 1 : startOf(t, round[1]);
      rest = rest.slice(round[0].length);
      continue;
    }
    const m = /^([+-])(\d*)([yMwdhms])/.exec(rest);
    if (!m || !UNITS.includes(m[3])) return undefined;
    const n = m[2] === '' ? 1 : Number(m[2]);
    t = add(t, m[1] === '-' ? -n : n, m[3]);
    rest = rest.slice(m[0].length);
  }
  return t;
}

/** The range of a Grafana time setting; an unparsable or empty one falls back to the last 6 hours. */
export function timeRangeOf(time: { from: string; to: string }, nowMs: number): { startMs: number; endMs: number } {
  const startMs = parseGrafanaTime(time.from, nowMs, false);
  const endMs = parseGrafanaTime(time.to, nowMs, true);
  if (startMs === undefined || endMs === undefined || endMs <= startMs) return { startMs: nowMs - 6 * 3_600_000, endMs: nowMs };
  return { startMs, endMs };
}

// ---------------------------------------------------------------------------------------------
// Variables, evaluated once per (variables JSON, selections, range, data source) and reused

/**
 * An evaluation of the variables is reused while it keeps being asked for within this long: the N
 * panels of one render share it, and so do the previews of a dashboard being edited while its
 * variables, selections and time range stay the same (Grafana does not evaluate them again when a
 * panel is edited either; a refresh does).
 */
export const VARIABLE_CACHE_MS = 5000;
/** ... but never longer than this since it ran (a relative time range moves on meanwhile). */
export const VARIABLE_MAX_AGE_MS = 30_000;
const MAX_CACHED_DASHBOARDS = 32;

interface CachedEvaluation {
  ranAt: number;
  usedAt: number;
  range: { startMs: number; endMs: number };
  value: Promise<VariableResolution>;
}
/**
 * By everything the evaluation reads (the `templating` and `__inputs` JSON, the selections, the
 * data source), then by range: one that differs by no more than its age allows (`now` moved) is the same.
 */
let cache = new Map<string, CachedEvaluation[]>();

/** A client for a preview without a data source: query variables keep their saved values. */
const NO_CLIENT: VariableQueryClient = {
  labelNames: () => Promise.reject(new Error('no data source to run the query on')),
  labelValues: () => Promise.reject(new Error('no data source to run the query on')),
  series: () => Promise.reject(new Error('no data source to run the query on')),
  queryData: () => Promise.reject(new Error('no data source to run the query on')),
};

let clientIds = new WeakMap<object, number>();
let nextClientId = 1;
const clientId = (c: object): number => {
  let id = clientIds.get(c);
  if (id === undefined) clientIds.set(c, (id = nextClientId++));
  return id;
};

/** Drops cached evaluations (tests; a data source change). */
export function clearVariableCache(): void {
  cache = new Map();
  clientIds = new WeakMap();
}

const jsonOf = (node: Node | undefined): unknown => (node ? getNodeValue(node) : null);

/**
 * The dashboard's variables resolved as Grafana would (query variables run on `ctx.client`). With
 * `refresh`, evaluated again even if a recent evaluation of the same would do.
 */
export function evaluateVariables(
  dash: Node, range: { startMs: number; endMs: number }, ctx: VariableContext, nowMs = Date.now(), opts: { refresh?: boolean } = {},
): Promise<VariableResolution> {
  const client = ctx.client ?? NO_CLIENT;
  const key = JSON.stringify([
    clientId(client), ctx.datasourceName ?? '', ctx.scrapeInterval ?? '', ctx.selections ?? {}, jsonOf(prop(dash, 'templating')), jsonOf(prop(dash, '__inputs')),
  ]);
  const fresh = (e: CachedEvaluation): boolean => nowMs - e.usedAt <= VARIABLE_CACHE_MS && nowMs - e.ranAt <= VARIABLE_MAX_AGE_MS;
  for (const [k, list] of cache) {
    const kept = list.filter(fresh);
    if (kept.length) cache.set(k, kept);
    else cache.delete(k);
  }
  const drift = (e: CachedEvaluation): number => Math.max(VARIABLE_CACHE_MS, nowMs - e.ranAt);
  const entries = cache.get(key) ?? [];
  let hit = opts.refresh ? undefined : entries.find((e) => Math.abs(e.range.startMs - range.startMs) <= drift(e) && Math.abs(e.range.endMs - range.endMs) <= drift(e));
  if (hit) {
    hit.usedAt = Math.max(hit.usedAt, nowMs);
  } else {
    // Shared by the panels of one render: one caller's cancellation must not cut it short (a
    // cancelled variable query would leave the others with fallback values), so it runs without
    // the caller's signal, bounded by the client's timeout; each caller stops waiting on its own.
    const value = resolveVariables(dash, client, { fromMs: range.startMs, toMs: range.endMs }, ctx.selections, {
      datasourceName: ctx.datasourceName, scrapeInterval: ctx.scrapeInterval, call: ctx.call?.timeoutMs ? { timeoutMs: ctx.call.timeoutMs } : undefined,
    });
    const entry: CachedEvaluation = { ranAt: nowMs, usedAt: nowMs, range: { ...range }, value };
    hit = entry;
    // The newest first: it is the one a later caller (whose range is later still) matches best.
    cache.delete(key);
    cache.set(key, [entry, ...entries]);
    while (cache.size > MAX_CACHED_DASHBOARDS) cache.delete(cache.keys().next().value as string);
    value.catch(() => {
      const list = cache.get(key)?.filter((e) => e !== entry);
      if (list?.length) cache.set(key, list);
      else if (list) cache.delete(key);
    });
  }
  return untilAborted(hit.value, ctx.call?.signal);
}

/** The promise, or a rejection as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new Error('cancelled'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

type Json = Record<string, unknown>;

function staticOptions(v: Json, type: string, ctx: VariableContext): VariableOption[] {
  const query = typeof v.query === 'string' ? v.query : '';
  switch (type) {
    case 'custom': {
      const parsed = customOptions(query);
      if (parsed.length) return parsed;
      break;
    }
    case 'interval': {
      const list = query.split(',').map((s) => s.replace(/["']+/g, '').trim()).filter((s) => s && !s.startsWith('$__auto_interval_'));
      const opts = list.map((s) => ({ text: s, value: s }));
      return v.auto === true ? [{ text: 'auto', value: '$__auto' }, ...opts] : opts;
    }
    case 'constant':
      return [{ text: query, value: query }];
    case 'textbox':
      return [];
    case 'datasource':
      return ctx.datasourceName ? [{ text: ctx.datasourceName, value: ctx.datasourceName }] : [];
    default:
      break;
  }
  const saved = Array.isArray(v.options) ? (v.options as Array<{ text?: unknown; value?: unknown }>) : [];
  return saved
    .filter((o) => o && typeof o === 'object' && o.value !== undefined && o.value !== ALL_VARIABLE_VALUE)
    .map((o) => ({ text: String(o.text ?? o.value), value: String(o.value) }));
}

function currentOf(r: ResolvedVariable, options: readonly VariableOption[]): VariableView['current'] {
  const all = (v: unknown): boolean => v === ALL_VARIABLE_VALUE || (Array.isArray(v) && v[0] === ALL_VARIABLE_VALUE);
  if (r.source === 'all' || all(r.urlValue)) {
    return r.multi ? { text: [ALL_VARIABLE_TEXT], value: [ALL_VARIABLE_VALUE] } : { text: ALL_VARIABLE_TEXT, value: ALL_VARIABLE_VALUE };
  }
  const textOf = (v: string): string => options.find((o) => o.value === v)?.text ?? v;
  const value = r.urlValue ?? (typeof r.value === 'number' ? String(r.value) : r.value);
  if (Array.isArray(value)) return { text: value.map(textOf), value };
  if (r.type === 'interval' && r.source === 'auto') return { text: 'auto', value: '$__auto' };
  return { text: r.source === 'current' || r.source === 'option' ? r.text : textOf(value), value };
}

/** The header's view of every template variable, in templating.list order. */
export function variableViews(dash: Node, resolution: VariableResolution, ctx: VariableContext): VariableView[] {
  const out: VariableView[] = [];
  const seen = new Set<string>();
  for (const node of templateVariables(dash)) {
    const v = getNodeValue(node) as Json;
    const name = typeof v.name === 'string' ? v.name : '';
    const r = resolution.variables.get(name);
    if (!name || !r || seen.has(name)) continue;
    seen.add(name);
    const type = typeof v.type === 'string' ? v.type : 'query';
    const options = resolution.evaluated.get(name)?.options ?? staticOptions(v, type, ctx);
    const view: VariableView = {
      name, type,
      hide: typeof v.hide === 'number' ? v.hide : type === 'constant' ? 2 : 0,
      multi: v.multi === true,
      includeAll: v.includeAll === true,
      options,
      current: currentOf(r, options),
    };
    if (typeof v.label === 'string' && v.label) view.label = v.label;
    const error = resolution.errors.get(name);
    if (error) view.error = error;
    out.push(view);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The preview

/** 0-based line and character (UTF-16) of an offset. */
function positionOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

const isJsonObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const strOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The document as plain JSON (no comments or trailing commas), unwrapped from an export wrapper,
 * with the `__inputs` of both (datasourceResolver reads both); undefined when it is not.
 */
function plainJson(text: string): { value: Json; inputs: unknown } | undefined {
  // One entry: a render's preview and its panel queries (15 for Node Exporter Full) read the same text.
  if (lastPlain?.text !== text) lastPlain = { text, result: plainJsonUncached(text) };
  return lastPlain.result;
}

let lastPlain: { text: string; result: ReturnType<typeof plainJsonUncached> } | undefined;

function plainJsonUncached(text: string): { value: Json; inputs: unknown } | undefined {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isJsonObject(root)) return undefined;
  const value = exportedDashboard(root);
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  return { value, inputs: value === root ? value.__inputs : [...list(root.__inputs), ...list(value.__inputs)] };
}

/**
 * What the preview reads of a dashboard in plain JSON, without the tree with positions (JSON.parse
 * is ~10× faster: Node Exporter Full's 457 KiB parse in 2–5 ms, its tree in 35+ ms): the
 * dashboard and a small tree of the members the variables are evaluated from. Undefined for
 * anything else (comments, trailing commas, errors): the tree tells then.
 */
function plainDashboard(text: string): { value: Json; vars: Node } | undefined {
  const plain = plainJson(text);
  if (!plain) return undefined;
  const vars = parseTree(JSON.stringify({ templating: plain.value.templating, __inputs: plain.inputs }));
  return vars ? { value: plain.value, vars } : undefined;
}

export async function dashboardPreview(text: string, opts: PreviewOptions): Promise<DashboardPreviewResult> {
  const base = {
    ...(opts.datasourceName ? { datasource: opts.datasourceName } : {}),
    ...(opts.datasourceError ? { datasourceError: opts.datasourceError } : {}),
  };
  const fail = (message: string, offset: number): DashboardPreviewResult => {
    const time = opts.time ?? DEFAULT_TIME;
    return { title: '', time, range: timeRangeOf(time, opts.nowMs), variables: [], error: { message, ...positionOf(text, offset) }, ...base };
  };
  let view: { vars: Node; dashboard: () => unknown; title?: string; refresh?: string; from?: string; to?: string };
  const plain = plainDashboard(text);
  if (plain) {
    const v = plain.value;
    const saved = isJsonObject(v.time) ? v.time : {};
    view = { vars: plain.vars, dashboard: () => v, title: strOf(v.title), refresh: strOf(v.refresh), from: strOf(saved.from), to: strOf(saved.to) };
  } else {
    const doc = parseDashboard(text);
    if (doc.errors.length) {
      const e = doc.errors[0];
      return fail(`invalid JSON: ${printParseErrorCode(e.error)}`, e.offset);
    }
    const dash = doc.dash;
    if (!dash) return fail('not a dashboard: the JSON is not an object', 0);
    const saved = prop(dash, 'time');
    view = {
      vars: dash, dashboard: () => getNodeValue(dash), title: str(prop(dash, 'title')), refresh: str(prop(dash, 'refresh')),
      from: str(prop(saved, 'from')), to: str(prop(saved, 'to')),
    };
  }
  const time = opts.time ?? { from: view.from ?? DEFAULT_TIME.from, to: view.to ?? DEFAULT_TIME.to };
  const range = timeRangeOf(time, opts.nowMs);
  const resolution = await evaluateVariables(view.vars, range, opts, opts.nowMs, { refresh: opts.refresh });
  const result: DashboardPreviewResult = {
    ...(opts.omitDashboard ? {} : { dashboard: view.dashboard() }),
    title: view.title ?? '',
    time,
    range,
    ...(view.refresh ? { refresh: view.refresh } : {}),
    variables: variableViews(view.vars, resolution, opts),
    ...base,
  };
  return result;
}

// ---------------------------------------------------------------------------------------------
// Panels

/** The panel object at a path such as ['panels', 2] or ['rows', 0, 'panels', 1]. */
export function panelAt(dash: Node | undefined, path: JsonPath): Node | undefined {
  let node = dash;
  for (const key of path) {
    if (!node) return undefined;
    if (typeof key === 'number') node = items(node)[key];
    else node = prop(node, key);
  }
  return node?.type === 'object' ? node : undefined;
}

/** Offsets of the panel object at `path` in the text, or undefined. */
export function panelRange(text: string, path: JsonPath): { start: number; end: number } | undefined {
  const panel = panelAt(parseDashboard(text).dash, path);
  return panel ? { start: panel.offset, end: panel.offset + panel.length } : undefined;
}

/** Paths, offsets and types of every panel (not the objects of old `rows[]`), in document order. */
export function panelPaths(text: string): Array<{ path: JsonPath; offset: number; type: string }> {
  const dash = parseDashboard(text).dash;
  const out: Array<{ path: JsonPath; offset: number; type: string }> = [];
  const visit = (list: Node | undefined, path: JsonPath): void => {
    items(list).forEach((p, i) => {
      if (p.type !== 'object') return;
      out.push({ path: [...path, i], offset: p.offset, type: str(prop(p, 'type')) ?? '' });
      visit(prop(p, 'panels'), [...path, i, 'panels']);
    });
  };
  visit(prop(dash, 'panels'), ['panels']);
  items(prop(dash, 'rows')).forEach((row, r) => visit(prop(row, 'panels'), ['rows', r, 'panels']));
  return out.sort((a, b) => a.offset - b.offset);
}

/** The dashboard's expressions, found once per parsed text (a render queries its panels one by one). */
const foundExpressions = new WeakMap<DashboardDoc, DashboardExpression[]>();
function expressionsOf(doc: DashboardDoc): DashboardExpression[] {
  let found = foundExpressions.get(doc);
  if (!found) foundExpressions.set(doc, (found = findDashboardExpressions(doc)));
  return found;
}

const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Grafana's backend aligns a range query's start and end down to a multiple of the step (AlignTimeRange). */
const align = (ms: number, stepMs: number): number => Math.floor(ms / stepMs) * stepMs;

/** Grafana's refId of the n-th query: A … Z, then AA, AB … (getRefId, packages/grafana-data/src/query/refId.ts). */
export function refIdAt(n: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return n < letters.length ? letters[n] : refIdAt(Math.floor(n / letters.length) - 1) + letters[n % letters.length];
}

/**
 * Grafana's PanelModel.ensureQueryIds: in order, each query without a refId (missing, empty, any
 * falsy value) gets the first refId (getNextRefId: A, B … Z, AA …) that no query of the panel has
 * yet, counting the ones given before it and the ones written after it. A truthy refId stays.
 */
export function ensureQueryIds(refIds: readonly unknown[]): string[] {
  const out: Array<string | undefined> = refIds.map((r) => (r && (typeof r === 'string' || typeof r === 'number' || typeof r === 'boolean') ? String(r) : undefined));
  for (let i = 0; i < out.length; i++) {
    if (out[i] !== undefined) continue;
    for (let n = 0; ; n++) {
      const id = refIdAt(n);
      if (!out.includes(id)) {
        out[i] = id;
        break;
      }
    }
  }
  return out as string[];
}

/** The refId of each of the panel's targets, hidden and non-Prometheus ones included (they take letters in Grafana too). */
function panelRefIds(panel: Node): Map<Node, string> {
  const targets = items(prop(panel, 'targets'));
  const ids = ensureQueryIds(targets.map((t) => (t.type === 'object' ? jsonOf(prop(t, 'refId')) : undefined)));
  return new Map(targets.map((t, i) => [t, ids[i]]));
}

/**
 * Runs the panel's visible (not `hide`) Prometheus targets as Grafana would. With `opts.time`, on
 * that time evaluated now (a relative time moves on, as Grafana's TimeSrv.timeRange() at each
 * panel refresh), else on `opts.range`.
 */
/**
 * The panel at `path` in a small dashboard of its own: the document's templating and `__inputs`
 * (what variables and data sources need) and that one panel. A panel query reads only these, so
 * it need not build the positioned tree of a large document (Node Exporter Full: 457 KiB) that an
 * edit just invalidated. Undefined when the text is not plain JSON (comments, trailing commas) or
 * there is no object at `path`: then the whole document is parsed as before.
 */
function panelOnlyDoc(text: string, path: JsonPath): { doc: DashboardDoc; panel: Node } | undefined {
  const plain = plainJson(text);
  if (!plain) return undefined;
  let at: unknown = plain.value;
  for (const p of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[p];
  }
  if (!isJsonObject(at)) return undefined;
  // Uncached: the one-entry cache keeps the editor's whole document for hover, lenses and diagnostics.
  const doc = parseDashboardUncached(JSON.stringify({ templating: plain.value.templating, __inputs: plain.inputs, panels: [at] }));
  const panel = panelAt(doc.dash, ['panels', 0]);
  return panel ? { doc, panel } : undefined;
}

export async function panelQuery(text: string, path: JsonPath, opts: PanelQueryOptions): Promise<PanelQueryResult> {
  const own = panelOnlyDoc(text, path);
  const doc = own?.doc ?? parseDashboard(text);
  const panel = own?.panel ?? panelAt(doc.dash, path);
  if (!doc.dash || !panel) throw new Error(`no panel at ${JSON.stringify(path)}`);
  const time = opts.time && typeof opts.time.from === 'string' && typeof opts.time.to === 'string' ? opts.time : undefined;
  const range = time ? timeRangeOf(time, opts.nowMs ?? Date.now()) : opts.range;
  const resolution = await evaluateVariables(doc.dash, range, opts);
  const refIds = panelRefIds(panel);
  const qopts = {
    range, datasourceName: opts.datasourceName, scrapeInterval: opts.scrapeInterval, evaluated: resolution.variables, widthPx: opts.widthPx,
    scopedVars: validScopedVars(opts.scopedVars),
  };
  const targets = expressionsOf(doc).filter((e) => e.kind === 'dashboard-target' && e.owner === panel && bool(prop(e.target, 'hide')) !== true && e.source.trim() !== '');
  const fallback = grafanaIntervals({ fromMs: range.startMs, toMs: range.endMs, maxDataPoints: opts.widthPx, scrapeInterval: opts.scrapeInterval });
  let intervalMs = 0;
  let stepMs = 0;
  const results = await Promise.all(targets.map(async (e): Promise<TargetResult> => {
    const q = interpolateDashboardExpression(doc.dash, e, qopts);
    const iv = q.intervals!;
    intervalMs ||= iv.intervalMs;
    stepMs ||= iv.stepMs;
    const mode = q.mode ?? 'range';
    const out: TargetResult = { refId: (e.target && refIds.get(e.target)) ?? str(prop(e.target, 'refId')) ?? '', expr: q.expr, mode };
    if (q.legendFormat !== undefined) out.legendFormat = q.legendFormat;
    if (!opts.client) return { ...out, error: 'no data source to run the query on' };
    try {
      const r = mode === 'instant'
        ? await opts.client.query(q.expr, range.endMs / 1000, opts.call)
        : await opts.client.queryRange(q.expr, align(range.startMs, iv.stepMs) / 1000, align(range.endMs, iv.stepMs) / 1000, iv.stepMs / 1000, opts.call);
      out.data = jsonSafeData(r.data);
      if (r.warnings.length) out.warnings = r.warnings;
    } catch (err) {
      out.error = err instanceof PrometheusError ? err.message : errorMessage(err);
    }
    return out;
  }));
  return { path, results, range, intervalMs: intervalMs || fallback.intervalMs, stepMs: stepMs || fallback.stepMs };
}

/**
 * For running one dashboard query (`monitoring/runQuery`): the evaluated values of the variables
 * whose saved value is unknown (an empty `current`, else the `.+` stand-in), or undefined when
 * there are none or their evaluation failed (the stand-in stays then).
 */
export async function evaluatedUnsavedVariables(
  text: string, range: { startMs: number; endMs: number }, ctx: VariableContext,
): Promise<Map<string, ResolvedVariable> | undefined> {
  const dash = parseDashboard(text).dash;
  if (!dash || !ctx.client) return undefined;
  const saved = dashboardVariables(dash, { fromMs: range.startMs, toMs: range.endMs, datasourceName: ctx.datasourceName });
  const unknown = [...saved.values()].filter((v) => v.source === 'default' && v.type === 'query').map((v) => v.name);
  if (unknown.length === 0) return undefined;
  try {
    const resolution = await evaluateVariables(dash, range, ctx);
    const out = new Map<string, ResolvedVariable>();
    for (const name of unknown) {
      const v = resolution.variables.get(name);
      if (v && resolution.evaluated.has(name)) out.set(name, v);
    }
    return out.size ? out : undefined;
  } catch {
    return undefined;
  }
}
