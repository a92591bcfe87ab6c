// `table`: the data frames Grafana's Prometheus data source gives the panel (format "table": one
// frame per query, see ../transforms.ts), the panel's transformations, then the field config:
// defaults and overrides (byName, byRegexp, byType, byFrameRefID: displayName, unit, decimals,
// custom.hidden/align/width) per column. Several frames left: one at a time, with Grafana's frame
// picker below. Queries not in table format and no transformations: one row per series, a column
// per label and the value (the preview's readable view of series).
import type { Labels } from '../../protocol';
import { formatDate } from '../timeUnits';
import type { TimeZone } from '../timeZone';
import { applyTransformations, fieldDisplayName, frameDisplayName, resultFrames, stringToJsRegex, targetRefIds, type Field, type Frame, type TargetFrameInput } from '../transforms';
import { dataSourceSeriesName, el, singleLabelName, fieldDefaults, fmt, isJson, noData, panelSeries, reduce, type Json, type PanelView, type RenderContext } from './common';

export function renderTable(ctx: RenderContext): PanelView {
  const { panel, body } = ctx;
  const targets = Array.isArray(panel.targets) ? panel.targets : [];
  const refIds = targetRefIds(targets);
  const formatOf = new Map(targets.map((t, i) => [refIds[i], isJson(t) && typeof t.format === 'string' ? t.format : undefined]));
  const hasTable = ctx.result.results.some((r) => formatOf.get(r.refId) === 'table');
  const transformations = Array.isArray(panel.transformations) ? panel.transformations : [];

  let frames: Frame[];
  let unsupported: string[] = [];
  if (!hasTable && transformations.length === 0) {
    frames = seriesTable(ctx);
  } else {
    const inputs: TargetFrameInput[] = [];
    const single = singleLabelName(ctx.result.results);
    for (const r of ctx.result.results) {
      const d = r.data;
      if (!d) continue;
      // Named as the data source names them (as in the graphs), so that the "Field" column of
      // `reduce` and name matchers see `up{instance="a:9100", job="node"}` without a legend format.
      const legendName = (m: Labels) => dataSourceSeriesName(m, r.legendFormat, r.expr, single);
      const series =
        d.resultType === 'matrix' || d.resultType === 'vector' ? d.series.map((s) => ({ metric: s.metric, values: s.values })) : d.resultType === 'scalar' ? [{ metric: {}, values: [d.value] }] : [];
      inputs.push({ refId: r.refId, format: formatOf.get(r.refId), legendName, series });
    }
    const t = applyTransformations(resultFrames(inputs), transformations);
    frames = t.frames;
    unsupported = t.unsupported;
  }
  frames = frames.filter((f) => f.fields.length > 0);
  if (frames.length === 0 || frames.every((f) => f.length === 0)) return noData(body);

  const options = isJson(panel.options) ? panel.options : {};
  const saved = Number(body.dataset.frameIndex ?? options.frameIndex ?? 0);
  const state = { index: Number.isInteger(saved) && saved > 0 && saved < frames.length ? saved : 0, values: [] as string[], rows: 0 };

  const wrap = el('div', 'dash-table-wrap');
  const outer = el('div', 'dash-table-outer');
  outer.style.cssText = 'display:flex;flex-direction:column;height:100%;';
  if (unsupported.length) {
    const note = outer.appendChild(el('div', 'dash-table-note', `Not applied in the preview: ${[...new Set(unsupported)].join(', ')} (transformation${unsupported.length > 1 ? 's' : ''})`));
    note.style.cssText = 'font-size:11px;opacity:.7;padding:0 0 4px;';
  }
  wrap.style.cssText = 'flex:1 1 auto;min-height:0;';
  outer.appendChild(wrap);
  const draw = () => {
    const r = drawFrame(panel, frames[state.index], frames, ctx.timeZone);
    wrap.replaceChildren(r.table);
    state.values = r.values;
    state.rows = r.rows;
  };
  draw();
  if (frames.length > 1) {
    const select = el('select', 'dash-table-frames');
    select.setAttribute('aria-label', 'Query');
    frames.forEach((f, i) => {
      // getFrameDisplayName after the field overrides: the fields' display names (hidden ones too).
      const name = f.name || f.fields.some((x) => x.labels && Object.keys(x.labels).length) ? frameDisplayName(f, frames) : f.fields.filter((x) => x.type !== 'time').map((x) => columnConfig(panel, x, f, frames).displayName).join(', ') || frameDisplayName(f, frames);
      const o = select.appendChild(el('option', undefined, name));
      o.value = String(i);
    });
    select.value = String(state.index);
    select.style.cssText = 'margin-top:6px;max-width:100%;';
    select.addEventListener('click', (e) => e.stopPropagation());
    select.addEventListener('change', () => {
      state.index = Number(select.value);
      body.dataset.frameIndex = select.value;
      draw();
    });
    outer.appendChild(select);
  }
  body.replaceChildren(outer);
  return { drawn: () => state.rows > 0, text: () => state.values.join(' | ') };
}

/** The series of non-table queries: a column per label (`__name__` first), the value (last not null). */
function seriesTable(ctx: RenderContext): Frame[] {
  const series = panelSeries(ctx.result);
  if (series.length === 0) return [];
  const labelSet = new Set<string>();
  for (const s of series) for (const k of Object.keys(s.metric)) labelSet.add(k);
  const labels = [...labelSet].sort((a, b) => (a === '__name__' ? -1 : b === '__name__' ? 1 : a.localeCompare(b)));
  const refIds = new Set(series.map((s) => s.refId));
  const fields: Field[] = [];
  if (refIds.size > 1) fields.push({ name: 'Query', type: 'string', values: series.map((s) => s.refId), config: {} });
  for (const l of labels) fields.push({ name: l, type: 'string', values: series.map((s) => s.metric[l] ?? ''), config: {} });
  fields.push({ name: 'Value', type: 'number', values: series.map((s) => reduce(s.values.map((x) => x[1]), 'lastNotNull')), config: {} });
  return [{ fields, length: series.length }];
}

export interface ColumnConfig {
  displayName: string;
  unit?: string;
  decimals?: number;
  hidden: boolean;
  align?: string;
  width?: number;
}

/** A field's config: fieldConfig.defaults, what the data/transformations set, then the matching overrides in order. */
export function columnConfig(panel: Json, field: Field, frame: Frame, frames: Frame[]): ColumnConfig {
  const defaults = fieldDefaults(panel);
  const name = fieldDisplayName(field, frame, frames);
  const custom: Record<string, unknown> = { ...defaults.custom, ...(field.config.custom ?? {}) };
  const out: ColumnConfig = { displayName: name, unit: field.config.unit ?? defaults.unit, decimals: field.config.decimals ?? (typeof defaults.decimals === 'number' ? defaults.decimals : undefined), hidden: false };
  if (defaults.displayName && !/\$\{/.test(defaults.displayName)) out.displayName = defaults.displayName;
  const fc = isJson(panel.fieldConfig) ? panel.fieldConfig : {};
  const overrides = Array.isArray(fc.overrides) ? fc.overrides : [];
  for (const o of overrides) {
    if (!isJson(o) || !isJson(o.matcher) || !Array.isArray(o.properties)) continue;
    if (!matches(o.matcher, field, frame, name)) continue;
    for (const p of o.properties) {
      if (!isJson(p) || typeof p.id !== 'string') continue;
      const v = p.value;
      switch (p.id) {
        case 'displayName':
          if (typeof v === 'string' && v !== '') out.displayName = v;
          break;
        case 'unit':
          out.unit = typeof v === 'string' && v !== '' ? v : undefined;
          break;
        case 'decimals':
          out.decimals = typeof v === 'number' ? v : undefined;
          break;
        default:
          if (p.id.startsWith('custom.')) custom[p.id.slice(7)] = v;
      }
    }
  }
  // Grafana tests `custom.hidden` for truth: the string "true" of older dashboards hides too.
  out.hidden = Boolean(custom.hidden) && custom.hidden !== 'false';
  out.align = typeof custom.align === 'string' ? custom.align : undefined;
  out.width = typeof custom.width === 'number' && custom.width > 0 ? custom.width : undefined;
  return out;
}

function matches(m: Json, field: Field, frame: Frame, name: string): boolean {
  const opt = m.options;
  switch (m.id) {
    case 'byName':
      return typeof opt === 'string' && opt === name;
    case 'byRegexp':
      return typeof opt === 'string' && opt !== '' && (stringToJsRegex(opt)?.test(name) ?? false);
    case 'byType':
      return typeof opt === 'string' && opt === field.type;
    case 'byFrameRefID':
      return typeof opt === 'string' && opt === frame.refId;
    case 'byNames':
      return isJson(opt) && Array.isArray(opt.names) && opt.names.includes(name);
    default:
      return false;
  }
}

function cellText(field: Field, c: ColumnConfig, v: unknown, timeZone: TimeZone): string {
  if (v === null || v === undefined || v === '') return '';
  if (field.type === 'time' && typeof v === 'number') return c.unit && c.unit !== 'short' ? fmt(v, c.unit, c.decimals, timeZone) : formatDate(v, 'YYYY-MM-DD HH:mm:ss', timeZone);
  if (field.type === 'number' && typeof v === 'number') return fmt(v, c.unit, c.decimals, timeZone);
  return String(v);
}

function drawFrame(panel: Json, frame: Frame, frames: Frame[], timeZone: TimeZone): { table: HTMLTableElement; values: string[]; rows: number } {
  const columns = frame.fields.map((f) => ({ field: f, config: columnConfig(panel, f, frame, frames) })).filter((c) => !c.config.hidden);
  const table = el('table', 'dash-table');
  const head = el('tr');
  for (const c of columns) {
    const th = head.appendChild(el('th', c.field.type === 'number' ? 'value' : undefined, c.config.displayName));
    th.title = c.config.displayName;
    if (c.config.width) th.style.width = `${c.config.width}px`;
    applyAlign(th, c.config.align);
  }
  table.appendChild(el('thead')).appendChild(head);
  const tbody = table.appendChild(el('tbody'));
  const values: string[] = [];
  for (let row = 0; row < frame.length; row++) {
    const tr = el('tr');
    for (const c of columns) {
      const text = cellText(c.field, c.config, c.field.values[row], timeZone);
      if (c.field.type === 'number') {
        const td = tr.appendChild(el('td', 'value', text));
        applyAlign(td, c.config.align);
        if (text !== '') values.push(text);
      } else {
        const td = tr.appendChild(el('td'));
        const cell = td.appendChild(el('div', 'cell', text));
        cell.title = text;
        applyAlign(td, c.config.align);
      }
    }
    tbody.appendChild(tr);
  }
  return { table, values, rows: columns.length ? frame.length : 0 };
}

function applyAlign(e: HTMLElement, align: string | undefined): void {
  if (align === 'left' || align === 'center' || align === 'right') e.style.textAlign = align;
}
