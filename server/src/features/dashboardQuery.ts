// A dashboard query as Grafana would send it: the expression at a place in the dashboard's JSON
// with the dashboard's variables (saved selections or Grafana's defaults) and the built-ins of the
// time range filled in, plus the target's legend. Knows nothing of LSP; reused by the preview.
import type { Node } from 'jsonc-parser';
import type { PosRange } from '../promql/ast';
import { findDashboardExpressions, type DashboardExpression } from '../documents/dashboard';
import { bool, num, parseDashboard, prop, str } from '../documents/dashboardModel';
import { grafanaIntervals, timeRangeBuiltins, variableQueryBuiltins, type GrafanaIntervals } from '../grafana/builtins';
import { interpolate, toSourceOffset, type Interpolation, type Replacement, type VariableScope } from '../grafana/interpolate';
import {
  builtinVariables, dashboardIdentity, dashboardVariables, macroVariables, scopedForRepeat, type ResolvedVariable,
} from '../grafana/variables';

export interface DashboardQueryOptions {
  range: { startMs: number; endMs: number };
  /** The data source the query runs on: datasource variables become its name. */
  datasourceName?: string;
  /** The data source's scrape interval (Grafana's `timeInterval`), default 15s. */
  scrapeInterval?: string;
  /** Values to use instead of the saved ones, by variable name (e.g. chosen in a preview). */
  overrides?: ReadonlyMap<string, string | string[]>;
  /** Variables as evaluated on the data source (variableQueries.ts resolveVariables), used before the saved values. */
  evaluated?: ReadonlyMap<string, ResolvedVariable>;
  /** The panel's width in px: Grafana's maxDataPoints when the panel sets none. */
  widthPx?: number;
  /**
   * A repeated copy's variables, each scoped to one value (Grafana's scopedVars; in scenes a
   * LocalValueVariable that keeps the variable's multi and includeAll, so the Prometheus format
   * still regex-escapes). Without them a repeated panel runs with its first value.
   */
  scopedVars?: Readonly<Record<string, { text: string; value: string }>>;
}

export interface DashboardQuery {
  /** The expression as written in the dashboard. */
  source: string;
  /** The expression as Grafana would send it. */
  expr: string;
  /** The target's legendFormat with variables filled in (Grafana interpolates it too). */
  legendFormat?: string;
  /** Variables replaced, with the value each became. */
  replacements: Replacement[];
  /** Variables referenced but defined nowhere (left as written). */
  unknown: string[];
  /** The target's query type: `instant` when only "Instant" is ticked (Grafana's default is range). */
  mode?: 'range' | 'instant';
  /** Intervals Grafana would use for this panel (panel targets only). */
  intervals?: GrafanaIntervals;
  /** Maps an offset in `expr` back to an offset in `source`. */
  toSourceOffset(offset: number): number;
}

/** Variables of a dashboard resolved for one query, in Grafana's lookup order. */
export function variableScope(
  dash: Node | undefined, builtins: Readonly<Record<string, string | number>>, opts: DashboardQueryOptions, repeat?: string,
): VariableScope {
  const vars = dashboardVariables(dash, { fromMs: opts.range.startMs, toMs: opts.range.endMs, datasourceName: opts.datasourceName, evaluated: opts.evaluated });
  for (const [name, value] of opts.overrides ?? []) {
    const v = vars.get(name);
    const multi = Array.isArray(value);
    vars.set(name, {
      ...(v ?? { name, type: 'custom' }), value, raw: undefined, text: multi ? value.join(' + ') : value, urlValue: value, source: 'current',
      ...(v ? {} : { multi, urlSync: true }),
    } as ResolvedVariable);
  }
  const scoped = new Map<string, ResolvedVariable>();
  const repeated = repeat && !opts.scopedVars?.[repeat] ? vars.get(repeat) : undefined;
  if (repeated) scoped.set(repeated.name, scopedForRepeat(repeated));
  for (const [name, s] of Object.entries(opts.scopedVars ?? {})) {
    const v = vars.get(name);
    scoped.set(name, { name, type: v?.type ?? 'custom', value: s.value, text: s.text, multi: v?.multi, includeAll: v?.includeAll, source: 'scoped' });
  }
  return [builtinVariables(builtins), scoped, vars, macroVariables(dashboardIdentity(dash))];
}

/** A v2 panel's query options: spec.data.spec.queryOptions. */
const queryOptionsV2 = (panel: Node | undefined): Node | undefined => prop(prop(prop(prop(panel, 'spec'), 'data'), 'spec'), 'queryOptions');

function minIntervalOf(panel: Node | undefined): string | undefined {
  return str(prop(panel, 'interval')) || str(prop(queryOptionsV2(panel), 'interval')) || undefined;
}

function maxDataPointsOf(panel: Node | undefined): number | undefined {
  return num(prop(panel, 'maxDataPoints')) ?? num(prop(queryOptionsV2(panel), 'maxDataPoints'));
}

/** A target's field, in a v1 target or a v2 query's spec.query.spec. */
function targetField(target: Node | undefined, key: string): string | undefined {
  return str(prop(target, key)) ?? str(prop(prop(prop(prop(target, 'spec'), 'query'), 'spec'), key));
}

function targetMode(target: Node | undefined): 'range' | 'instant' {
  const flag = (key: string): boolean | undefined => bool(prop(target, key)) ?? bool(prop(prop(prop(prop(target, 'spec'), 'query'), 'spec'), key));
  return flag('instant') === true && flag('range') !== true ? 'instant' : 'range';
}

/** Interpolates one found expression of a dashboard. */
export function interpolateDashboardExpression(dash: Node | undefined, e: DashboardExpression, opts: DashboardQueryOptions): DashboardQuery {
  const fromMs = opts.range.startMs;
  const toMs = opts.range.endMs;
  let builtins: Readonly<Record<string, string | number>>;
  let intervals: GrafanaIntervals | undefined;
  let repeat: string | undefined;
  if (e.kind === 'dashboard-target') {
    const panel = e.owner;
    repeat = str(prop(panel, 'repeat')) || undefined;
    // Min interval and min step may use variables themselves (not the built-ins).
    const pre = variableScope(dash, {}, opts, repeat);
    const fill = (s: string | undefined): string | undefined => (s === undefined ? undefined : interpolate(s, pre, 'glob').text);
    const inputs = {
      fromMs, toMs,
      maxDataPoints: maxDataPointsOf(panel) ?? (opts.widthPx && opts.widthPx > 0 ? Math.round(opts.widthPx) : undefined),
      minInterval: fill(minIntervalOf(panel)),
      targetInterval: fill(targetField(e.target, 'interval')),
      scrapeInterval: opts.scrapeInterval,
    };
    intervals = grafanaIntervals(inputs);
    builtins = timeRangeBuiltins(inputs);
  } else {
    builtins = variableQueryBuiltins({ fromMs, toMs, scrapeInterval: opts.scrapeInterval });
  }
  const scope = variableScope(dash, builtins, opts, repeat);
  const result: Interpolation = interpolate(e.source, scope, 'prometheus');
  const legend = e.kind === 'dashboard-target' ? targetField(e.target, 'legendFormat') : undefined;
  return {
    source: e.source,
    expr: result.text,
    legendFormat: legend === undefined ? undefined : interpolate(legend, scope, 'glob').text,
    mode: e.kind === 'dashboard-target' ? targetMode(e.target) : undefined,
    replacements: result.replacements,
    unknown: result.unknown,
    intervals,
    toSourceOffset: (offset) => toSourceOffset(result, offset),
  };
}

/**
 * The query of the dashboard expression whose value starts at file offset `start` (the
 * expression's range.start), or undefined when there is none.
 */
export function dashboardQueryAt(text: string, start: number, opts: DashboardQueryOptions): DashboardQuery | undefined {
  const doc = parseDashboard(text);
  const e = findDashboardExpressions(doc).find((x) => x.range.start === start);
  return e ? interpolateDashboardExpression(doc.dash, e, opts) : undefined;
}

/** Every expression of a dashboard, interpolated (for the preview and for checks). */
export function dashboardQueries(text: string, opts: DashboardQueryOptions): Array<{ expression: DashboardExpression; query: DashboardQuery }> {
  const doc = parseDashboard(text);
  return findDashboardExpressions(doc).map((expression) => ({ expression, query: interpolateDashboardExpression(doc.dash, expression, opts) }));
}

/**
 * A run's answer for a dashboard query: the target's legend, the expression sent, and a syntax
 * error's position mapped from the interpolated text back to the expression as written (an error
 * inside a variable's value points at the variable's reference).
 */
export function withDashboardQuery<R extends { type: string; errorRange?: PosRange }>(
  result: R, query: DashboardQuery,
): R & { interpolated: string; legendFormat?: string } {
  const out: R & { interpolated: string; legendFormat?: string } = { ...result, interpolated: query.expr };
  if (query.legendFormat !== undefined) out.legendFormat = query.legendFormat;
  if (result.errorRange) {
    out.errorRange = { start: query.toSourceOffset(result.errorRange.start), end: query.toSourceOffset(result.errorRange.end) };
  }
  return out;
}
