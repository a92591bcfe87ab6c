// `bargauge`: one horizontal bar per series (name, bar coloured by threshold over a track, value),
// or vertical bars when the panel asks for them; min/max as the gauge's.
import { valueColor, percentOf } from '../thresholds';
import { el, fieldDefaults, fmt, isJson, noData, reducedValues, type PanelView, type RenderContext } from './common';
import { gaugeRange } from './gauge';

export function renderBarGauge(ctx: RenderContext): PanelView {
  const { panel, body, theme } = ctx;
  const defaults = fieldDefaults(panel);
  const o = isJson(panel.options) ? panel.options : {};
  const values = reducedValues(ctx, defaults);
  if (values.length === 0) return noData(body);
  const { min, max } = gaugeRange(defaults, values.map((v) => v.value));
  const vertical = o.orientation === 'vertical';
  const list = el('div', `bargauge-list${vertical ? ' vertical' : ''}${values.every((v) => !v.name) ? ' no-names' : ''}`);
  body.replaceChildren(list);
  const texts: string[] = [];
  const gradient = o.displayMode === 'gradient';
  for (const v of values) {
    const text = fmt(v.value, defaults.unit, defaults.decimals, ctx.timeZone);
    texts.push(text);
    const color = v.value === null ? 'transparent' : valueColor(v.value, { mode: 'thresholds', ...defaults.color }, { theme, seriesIndex: v.series.index, seriesName: v.name, thresholds: defaults.thresholds, min, max });
    const row = el('div', 'bargauge-row');
    const name = el('div', 'bargauge-name', v.name);
    const track = el('div', 'bargauge-track');
    const bar = el('div', 'bargauge-bar');
    const p = v.value === null ? 0 : Math.min(1, Math.max(0, percentOf(v.value, min, max)));
    if (vertical) bar.style.height = `${(p * 100).toFixed(2)}%`;
    else bar.style.width = `${(p * 100).toFixed(2)}%`;
    bar.style.background = gradient ? `linear-gradient(${vertical ? 'to top' : 'to right'}, transparent, ${color})` : color;
    track.appendChild(bar);
    const value = el('div', 'bargauge-value', text);
    value.style.color = color === 'transparent' ? '' : color;
    if (v.name) row.appendChild(name);
    row.append(track, value);
    list.appendChild(row);
  }
  return { drawn: () => Array.from(list.querySelectorAll<HTMLElement>('.bargauge-bar')).some((b) => parseFloat(b.style.width || b.style.height) > 0), text: () => texts.join(' | ') };
}
