// `stat` (and legacy `singlestat`): one tile per series with the reduced value, unit-formatted,
// coloured by thresholds (colorMode value / background / none), and an area sparkline.
import { THEME_TEXT } from '../colors';
import { valueColor } from '../thresholds';
import { contentSize, el, fieldDefaults, fitFont, fmt, isJson, noData, reducedValues, svgEl, type PanelView, type RenderContext } from './common';

export function renderStat(ctx: RenderContext): PanelView {
  const { panel, body, theme } = ctx;
  const defaults = fieldDefaults(panel);
  const o = isJson(panel.options) ? panel.options : {};
  const colorMode = typeof o.colorMode === 'string' ? o.colorMode : panel.type === 'singlestat' ? (panel.colorBackground ? 'background' : panel.colorValue ? 'value' : 'none') : 'value';
  const graphMode = panel.type === 'singlestat' ? (isJson(panel.sparkline) && panel.sparkline.show ? 'area' : 'none') : o.graphMode === 'none' ? 'none' : 'area';
  const textMode = typeof o.textMode === 'string' ? o.textMode : 'auto';
  const values = reducedValues(ctx, defaults);
  if (values.length === 0) return noData(body);
  const grid = el('div', 'stat-grid');
  body.replaceChildren(grid);
  const size = contentSize(body);
  const horizontal = size.width > size.height * 1.5 && values.length > 1 && o.orientation !== 'vertical';
  grid.style.flexDirection = horizontal || o.orientation === 'horizontal' ? 'row' : 'column';
  const count = values.length;
  const tileW = (horizontal ? size.width / count : size.width) - 4;
  const tileH = (horizontal ? size.height : size.height / count) - 4;
  const texts = values.map((v) => fmt(v.value, defaults.unit, defaults.decimals, ctx.timeZone));
  const anyName = textMode === 'name' || textMode === 'value_and_name' || (textMode === 'auto' && count > 1 && values.some((v) => v.name !== ''));
  // One size for every tile's value, as Grafana does: the one that fits the longest.
  const valueSize = Math.round(Math.min(...texts.map((t) => fitFont(t, tileW * 0.9, tileH * (anyName ? 0.45 : 0.55), 72, 10))));
  for (const [i, v] of values.entries()) {
    const text = texts[i];
    const color = v.value === null ? THEME_TEXT[theme] : valueColor(v.value, { mode: 'thresholds', ...defaults.color }, { theme, seriesIndex: v.series.index, seriesName: v.name, thresholds: defaults.thresholds, min: defaults.min, max: defaults.max });
    const tile = el('div', 'stat-tile');
    const showName = textMode === 'name' || textMode === 'value_and_name' || (textMode === 'auto' && count > 1 && v.name !== '');
    const showValue = textMode !== 'name' && textMode !== 'none';
    if (colorMode === 'background' || colorMode === 'background_solid') {
      tile.style.background = color;
      tile.style.color = '#fff';
      tile.classList.add('stat-bg');
    }
    if (graphMode === 'area' && v.series.values.length > 1) tile.appendChild(sparkline(v.series.values, colorMode === 'background' ? 'rgba(255,255,255,0.85)' : color, ctx.range));
    if (showName) {
      const name = el('div', 'stat-name', v.name);
      name.style.fontSize = `${Math.round(fitFont(v.name, tileW, tileH * 0.18, 16, 9))}px`;
      tile.appendChild(name);
    }
    if (showValue) {
      const value = el('div', 'stat-value', text);
      value.style.fontSize = `${valueSize}px`;
      if (colorMode === 'value') value.style.color = color;
      tile.appendChild(value);
    }
    grid.appendChild(tile);
  }
  return { drawn: () => grid.querySelector('.stat-value') !== null && values.some((v) => v.value !== null), text: () => texts.join(' | ') };
}

function sparkline(values: Array<[number, number]>, color: string, range: { startMs: number; endMs: number }): SVGSVGElement {
  const svg = svgEl('svg', { class: 'stat-spark', viewBox: '0 0 100 100', preserveAspectRatio: 'none' });
  const finite = values.filter((v) => Number.isFinite(v[1]));
  if (finite.length < 2) return svg;
  let lo = Infinity;
  let hi = -Infinity;
  for (const [, y] of finite) {
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
  }
  const span = hi - lo;
  const t0 = Math.min(range.startMs, finite[0][0]);
  const t1 = Math.max(range.endMs, finite[finite.length - 1][0]);
  const x = (t: number) => ((t - t0) / (t1 - t0 || 1)) * 100;
  // A flat series is drawn half way up, as Grafana's sparkline does.
  const y = (v: number) => (span === 0 ? 50 : 100 - ((v - lo) / span) * 90);
  const pts = finite.map(([t, v]) => `${x(t).toFixed(2)},${y(v).toFixed(2)}`);
  svg.appendChild(svgEl('path', { d: `M${x(finite[0][0]).toFixed(2)},100 L${pts.join(' L')} L${x(finite[finite.length - 1][0]).toFixed(2)},100 Z`, fill: color, 'fill-opacity': 0.15, stroke: 'none' }));
  svg.appendChild(svgEl('polyline', { points: pts.join(' '), fill: 'none', stroke: color, 'stroke-width': 1.5, 'vector-effect': 'non-scaling-stroke' }));
  return svg;
}
