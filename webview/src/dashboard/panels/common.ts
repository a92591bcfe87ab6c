// Shared pieces of the dashboard panel renderers: DOM building (text only, never markup), the
// series of a panel's query results, Grafana's reducers (reduceOptions.calcs), field config
// defaults and value formatting with the panel's unit and decimals.
import type { PanelQueryResult, TargetResult } from '../../dashboardProtocol';
import type { Labels } from '../../protocol';
import { seriesName, toNumber } from '../../query/legend';
import type { ThresholdsConfig, FieldColorConfig, ThemeMode } from '../thresholds';
import type { TimeZone } from '../timeZone';
import type { Selection } from './seriesVisibility';
import { stringToJsRegex } from '../regexp';
import { formatValue, formattedValueToString, type DecimalCount } from '../units';

export type Json = Record<string, unknown>;

export const isJson = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** What a renderer leaves behind: what it shows (for the `rendered` report) and how to clean up. */
export interface PanelView {
  /** True when the canvas/SVG/table shows data. */
  drawn(): boolean;
  /** The visible value text (stat values, gauge values, table cells...). */
  text(): string;
  destroy?(): void;
}

export interface RenderContext {
  panel: Json;
  result: PanelQueryResult;
  theme: ThemeMode;
  /** The panel's body, attached to the document and sized. */
  body: HTMLElement;
  range: { startMs: number; endMs: number };
  /** The dashboard's time zone: time axes and date units read instants in it. */
  timeZone: TimeZone;
  /** The series shown after clicks on a graph's legend, kept by the page per panel across redraws. */
  seriesShown: PanelState<Selection>;
  /** Grafana's replaceVariables for this panel (a repeated copy's scoped values first); `escape` as the html format. */
  replaceVariables?: (text: string, escape: boolean) => string;
}

/** A value the page keeps for one panel while the panel is drawn again (new data, an edit). */
export interface PanelState<T> {
  get(): T;
  set(value: T): void;
}

export interface PanelSeries {
  name: string;
  refId: string;
  metric: Labels;
  /** [unix ms, value]; NaN/±Inf as numbers. */
  values: Array<[number, number]>;
  /** Index among the panel's series (palette colours). */
  index: number;
}

/**
 * The name Grafana gives a series of a Prometheus query: its legend format filled in, else
 * `metric{label="value", ...}`, and the query itself when that is `{}` (getName, pkg/promlib).
 * With the "Auto" legend (`__auto`), when every series of the panel has one and the same label
 * alone, just its value (the frontend's getSingleLabelName: `sum by (job) (...)` shows `api`).
 */
export function dataSourceSeriesName(metric: Labels, legendFormat: string | undefined, expr: string, singleLabel?: string): string {
  if (legendFormat === '__auto' && singleLabel !== undefined && metric[singleLabel]) return metric[singleLabel];
  const name = seriesName(metric, legendFormat);
  return name === '{}' ? expr : name;
}

/** getSingleLabelName: the one label name every labelled series has alone, if it is the same for all. */
export function singleLabelName(results: readonly TargetResult[]): string | undefined {
  let single: string | undefined;
  for (const t of results) {
    const d = t.data;
    if (!d || (d.resultType !== 'matrix' && d.resultType !== 'vector')) continue;
    for (const s of d.series) {
      for (const k in s.metric) {
        if (single === undefined) single = k;
        else if (k !== single) return undefined;
      }
    }
  }
  return single;
}

/** Every series of every target that returned data; scalars become one unnamed series. */
export function panelSeries(result: PanelQueryResult): PanelSeries[] {
  const out: PanelSeries[] = [];
  const single = singleLabelName(result.results);
  for (const t of result.results) {
    const d = t.data;
    if (!d) continue;
    if (d.resultType === 'matrix' || d.resultType === 'vector') {
      for (const s of d.series) {
        out.push({ name: dataSourceSeriesName(s.metric, t.legendFormat, t.expr, single), refId: t.refId, metric: s.metric, values: s.values.map(([ts, v]) => [ts, toNumber(v)]), index: out.length });
      }
    } else if (d.resultType === 'scalar') {
      out.push({ name: t.legendFormat && t.legendFormat !== '__auto' ? t.legendFormat : t.expr, refId: t.refId, metric: {}, values: [[d.value[0], toNumber(d.value[1])]], index: out.length });
    }
  }
  return out;
}

/** Errors of the panel's targets, "A: message". */
export function targetErrors(result: PanelQueryResult): string[] {
  return result.results.filter((t) => t.error).map((t) => (result.results.length > 1 ? `${t.refId}: ${t.error}` : String(t.error)));
}

/** fieldConfig.defaults (with the legacy graph/singlestat settings mapped where simple). */
export interface FieldDefaults {
  unit?: string;
  decimals?: DecimalCount;
  min?: number;
  max?: number;
  thresholds?: ThresholdsConfig;
  color?: FieldColorConfig;
  custom: Json;
  displayName?: string;
}

const DEFAULT_THRESHOLDS: ThresholdsConfig = { mode: 'absolute', steps: [{ value: null, color: 'green' }, { value: 80, color: 'red' }] };

export function fieldDefaults(panel: Json): FieldDefaults {
  const fc = isJson(panel.fieldConfig) ? panel.fieldConfig : {};
  const d = isJson(fc.defaults) ? fc.defaults : {};
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  let unit = typeof d.unit === 'string' ? d.unit : undefined;
  let min = num(d.min);
  let max = num(d.max);
  let decimals = num(d.decimals);
  if (panel.type === 'graph' && Array.isArray(panel.yaxes) && isJson(panel.yaxes[0])) {
    const y = panel.yaxes[0];
    unit ??= typeof y.format === 'string' ? y.format : undefined;
    min ??= y.min === null || y.min === undefined ? undefined : num(Number(y.min));
    max ??= y.max === null || y.max === undefined ? undefined : num(Number(y.max));
    decimals ??= num(y.decimals);
  }
  if (unit === undefined && typeof panel.format === 'string') unit = panel.format; // singlestat
  const thresholds = isJson(d.thresholds) && Array.isArray(d.thresholds.steps) ? (d.thresholds as ThresholdsConfig) : DEFAULT_THRESHOLDS;
  return {
    unit,
    decimals,
    min,
    max,
    thresholds,
    color: isJson(d.color) ? (d.color as FieldColorConfig) : undefined,
    custom: isJson(d.custom) ? d.custom : {},
    displayName: typeof d.displayName === 'string' && d.displayName !== '' ? d.displayName : undefined,
  };
}

/** Simple `byName` overrides: displayName and fixed colour for a series name. */
/** What simple overrides set on one series: `custom.*` properties by their name after `custom.`. */
export interface SeriesOverrides {
  displayName?: string;
  color?: string;
  unit?: string;
  custom?: Record<string, unknown>;
}

/**
 * The overrides that apply to the series `name` of query `refId`: byName, byRegexp (Grafana's
 * stringToJsRegex, so a bare pattern must match the whole name) and byFrameRefID.
 */
export function overridesFor(panel: Json, name: string, refId?: string): SeriesOverrides {
  const fc = isJson(panel.fieldConfig) ? panel.fieldConfig : {};
  const out: SeriesOverrides = {};
  if (!Array.isArray(fc.overrides)) return out;
  for (const o of fc.overrides) {
    if (!isJson(o) || !isJson(o.matcher) || !Array.isArray(o.properties)) continue;
    const m = o.matcher;
    const opt = typeof m.options === 'string' ? m.options : undefined;
    const hit =
      opt !== undefined &&
      ((m.id === 'byName' && opt === name) ||
        (m.id === 'byFrameRefID' && opt === refId) ||
        (m.id === 'byRegexp' && opt !== '' && (stringToJsRegex(opt)?.test(name) ?? false)));
    if (!hit) continue;
    for (const p of o.properties) {
      if (!isJson(p)) continue;
      if (p.id === 'displayName' && typeof p.value === 'string') out.displayName = p.value;
      if (p.id === 'unit' && typeof p.value === 'string') out.unit = p.value;
      if (p.id === 'color' && isJson(p.value) && typeof p.value.fixedColor === 'string') out.color = p.value.fixedColor;
      if (typeof p.id === 'string' && p.id.startsWith('custom.')) (out.custom ??= {})[p.id.slice('custom.'.length)] = p.value;
    }
  }
  return out;
}

/** The display name of a series: override, fieldConfig displayName (with ${__field.labels.x}), legend name. */
export function displayName(panel: Json, s: PanelSeries, defaults: FieldDefaults, seriesCount: number): string {
  const o = overridesFor(panel, s.name, s.refId);
  if (o.displayName) return o.displayName;
  if (defaults.displayName) {
    return defaults.displayName.replace(/\$\{__field\.labels\.([\w]+)\}/g, (_, l: string) => s.metric[l] ?? '').replace(/\$\{__series\.name\}/g, s.name);
  }
  if (seriesCount === 1 && s.name === '{}') return '';
  return s.name;
}

/** Grafana's reducers (fieldReducer.ts) for the common calcs. */
export function reduce(values: number[], calc: string): number | null {
  const notNull = values.filter((v) => v !== null && !Number.isNaN(v));
  const finite = notNull.filter((v) => Number.isFinite(v));
  switch (calc) {
    case 'last':
      return values.length ? values[values.length - 1] : null;
    case 'first':
      return values.length ? values[0] : null;
    case 'firstNotNull':
      return notNull.length ? notNull[0] : null;
    case 'mean':
      return finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : null;
    case 'max':
      return finite.length ? finite.reduce((a, b) => (b > a ? b : a)) : null;
    case 'min':
      return finite.length ? finite.reduce((a, b) => (b < a ? b : a)) : null;
    case 'sum':
      return finite.reduce((a, b) => a + b, 0);
    case 'count':
      return values.length;
    case 'range':
      return finite.length ? (reduce(finite, 'max') as number) - (reduce(finite, 'min') as number) : null;
    case 'diff':
      return notNull.length ? notNull[notNull.length - 1] - notNull[0] : null;
    case 'lastNotNull':
    default:
      return notNull.length ? notNull[notNull.length - 1] : null;
  }
}

export const CALC_NAMES: Record<string, string> = { lastNotNull: 'Last *', last: 'Last', first: 'First', firstNotNull: 'First *', mean: 'Mean', max: 'Max', min: 'Min', sum: 'Total', count: 'Count', range: 'Range', diff: 'Difference' };

/** The panel's reducer: options.reduceOptions.calcs[0] (Grafana's default lastNotNull); singlestat's valueName. */
export function panelCalc(panel: Json): string {
  const o = isJson(panel.options) ? panel.options : {};
  const r = isJson(o.reduceOptions) ? o.reduceOptions : {};
  if (Array.isArray(r.calcs) && typeof r.calcs[0] === 'string') return r.calcs[0];
  if (typeof panel.valueName === 'string') return ({ current: 'lastNotNull', avg: 'mean', total: 'sum' } as Record<string, string>)[panel.valueName] ?? panel.valueName;
  return 'lastNotNull';
}

export function fmt(value: number | null, unit: string | undefined, decimals: DecimalCount, timeZone: TimeZone): string {
  if (value === null) return 'No data';
  return formattedValueToString(formatValue(value, unit, decimals, { timeZone }));
}

/** One value per series, reduced; a series without values gives null. */
export interface ReducedValue {
  name: string;
  value: number | null;
  series: PanelSeries;
}

export function reducedValues(ctx: RenderContext, defaults: FieldDefaults): ReducedValue[] {
  const series = panelSeries(ctx.result);
  const calc = panelCalc(ctx.panel);
  return series.map((s) => ({ name: displayName(ctx.panel, s, defaults, series.length), value: reduce(s.values.map((v) => v[1]), calc), series: s }));
}

export function noData(body: HTMLElement, message = 'No data'): PanelView {
  body.replaceChildren(el('div', 'panel-nodata', message));
  return { drawn: () => false, text: () => message };
}

/** Font size (px) so that `text` fits `width` × `height` (about 0.6 em per character). */
export function fitFont(text: string, width: number, height: number, max = 80, min = 10): number {
  const byWidth = width / (Math.max(1, text.length) * 0.62);
  return Math.max(min, Math.min(max, byWidth, height));
}

/** The panel body's content box in px (clientWidth/Height include its padding). */
export function contentSize(body: HTMLElement): { width: number; height: number } {
  const cs = getComputedStyle(body);
  const px = (v: string) => parseFloat(v) || 0;
  return {
    width: body.clientWidth - px(cs.paddingLeft) - px(cs.paddingRight),
    height: body.clientHeight - px(cs.paddingTop) - px(cs.paddingBottom),
  };
}
