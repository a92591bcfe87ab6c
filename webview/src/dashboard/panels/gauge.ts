// `gauge`: an SVG arc per series, the value's part coloured by its threshold, the threshold
// bands as an outer ring (showThresholdMarkers), min/max from the field config (percent: 0–100).
import { THEME_TEXT } from '../colors';
import { colorByName, normalizeSteps, percentOf, valueColor } from '../thresholds';
import { el, fieldDefaults, fmt, isJson, noData, reducedValues, svgEl, type FieldDefaults, type PanelView, type RenderContext } from './common';

const START = -120; // degrees from 12 o'clock
const SWEEP = 240;

/** min/max as the gauge uses them: the config's, else 0..1 (percentunit), 0..100, or the data's max. */
export function gaugeRange(defaults: FieldDefaults, values: Array<number | null>): { min: number; max: number } {
  const min = defaults.min ?? 0;
  if (defaults.max !== undefined) return { min, max: defaults.max };
  if (defaults.unit === 'percentunit') return { min, max: 1 };
  if (defaults.unit === 'percent') return { min, max: 100 };
  const dataMax = Math.max(...values.filter((v): v is number => v !== null && Number.isFinite(v)), 0);
  return { min, max: dataMax > 100 ? dataMax : 100 };
}

function polar(cx: number, cy: number, r: number, deg: number): [number, number] {
  const a = ((deg - 90) * Math.PI) / 180;
  return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
}

export function arcPath(cx: number, cy: number, r: number, from: number, to: number): string {
  const [x0, y0] = polar(cx, cy, r, from);
  const [x1, y1] = polar(cx, cy, r, to);
  const large = to - from > 180 ? 1 : 0;
  return `M${x0.toFixed(2)},${y0.toFixed(2)} A${r},${r} 0 ${large} 1 ${x1.toFixed(2)},${y1.toFixed(2)}`;
}

export function renderGauge(ctx: RenderContext): PanelView {
  const { panel, body, theme } = ctx;
  const defaults = fieldDefaults(panel);
  const o = isJson(panel.options) ? panel.options : {};
  const markers = o.showThresholdMarkers !== false;
  const values = reducedValues(ctx, defaults);
  if (values.length === 0) return noData(body);
  const { min, max } = gaugeRange(defaults, values.map((v) => v.value));
  const grid = el('div', 'gauge-grid');
  body.replaceChildren(grid);
  const horizontal = body.clientWidth >= body.clientHeight;
  grid.style.flexDirection = horizontal ? 'row' : 'column';
  const texts: string[] = [];
  const steps = normalizeSteps(defaults.thresholds?.steps);
  for (const v of values) {
    const text = fmt(v.value, defaults.unit, defaults.decimals, ctx.timeZone);
    texts.push(text);
    const cell = el('div', 'gauge-cell');
    const svg = svgEl('svg', { viewBox: '0 0 200 170', class: 'gauge-svg', role: 'img' });
    const cx = 100;
    const cy = 105;
    svg.appendChild(svgEl('path', { d: arcPath(cx, cy, 78, START, START + SWEEP), stroke: theme === 'dark' ? 'rgba(204,204,220,0.15)' : 'rgba(36,41,46,0.12)', 'stroke-width': 16, fill: 'none', class: 'gauge-track' }));
    if (markers && steps.length > 0) {
      steps.forEach((s, i) => {
        const lo = i === 0 ? min : s.value;
        const hi = i + 1 < steps.length ? steps[i + 1].value : max;
        const pLo = defaults.thresholds?.mode === 'percentage' ? lo / 100 : percentOf(lo, min, max);
        const pHi = defaults.thresholds?.mode === 'percentage' ? hi / 100 : percentOf(hi, min, max);
        const a = START + SWEEP * Math.min(1, Math.max(0, i === 0 ? 0 : pLo));
        const b = START + SWEEP * Math.min(1, Math.max(0, pHi));
        if (b > a) svg.appendChild(svgEl('path', { d: arcPath(cx, cy, 93, a, b), stroke: colorByName(s.color, theme), 'stroke-width': 5, fill: 'none', class: 'gauge-marker' }));
      });
    }
    if (v.value !== null) {
      const color = valueColor(v.value, { mode: 'thresholds', ...defaults.color }, { theme, seriesIndex: v.series.index, seriesName: v.name, thresholds: defaults.thresholds, min, max });
      const p = Math.min(1, Math.max(0, percentOf(v.value, min, max)));
      if (p > 0) svg.appendChild(svgEl('path', { d: arcPath(cx, cy, 78, START, START + SWEEP * Math.max(p, 0.002)), stroke: color, 'stroke-width': 16, fill: 'none', class: 'gauge-value' }));
      const t = svgEl('text', { x: cx, y: cy + 12, 'text-anchor': 'middle', fill: color, 'font-size': Math.min(38, 200 / Math.max(3, text.length)), 'font-weight': 500, class: 'gauge-text' });
      t.textContent = text;
      svg.appendChild(t);
    } else {
      const t = svgEl('text', { x: cx, y: cy + 8, 'text-anchor': 'middle', fill: THEME_TEXT[theme], 'font-size': 18 });
      t.textContent = text;
      svg.appendChild(t);
    }
    if (values.length > 1 || v.name) {
      const name = el('div', 'gauge-name', v.name);
      if (values.length > 1 || o.textMode === 'value_and_name') cell.appendChild(name);
    }
    cell.appendChild(svg);
    grid.appendChild(cell);
  }
  return { drawn: () => grid.querySelector('.gauge-value') !== null, text: () => texts.join(' | ') };
}
