// Which renderer draws which panel type; anything else gets a placeholder naming its type.
import { renderBarGauge } from './bargauge';
import { el, type PanelView, type RenderContext } from './common';
import { renderGauge } from './gauge';
import { renderHeatmap } from './heatmap';
import { renderStat } from './stat';
import { renderTable } from './table';
import { renderText } from './text';
import { renderTimeseries } from './timeseries';

export type { PanelView, RenderContext } from './common';

const RENDERERS: Record<string, (ctx: RenderContext) => PanelView> = {
  timeseries: renderTimeseries,
  graph: renderTimeseries,
  stat: renderStat,
  singlestat: renderStat,
  gauge: renderGauge,
  bargauge: renderBarGauge,
  table: renderTable,
  'table-old': renderTable,
  text: renderText,
  heatmap: renderHeatmap,
};

/** Panel types drawn without query data. */
export function isStatic(type: string): boolean {
  return type === 'text' || !isSupported(type);
}

export function isSupported(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(RENDERERS, type);
}

export function renderPanel(type: string, ctx: RenderContext): PanelView {
  return RENDERERS[type](ctx);
}

export function renderUnsupported(body: HTMLElement, type: string): PanelView {
  const text = `panel type ${type || '(none)'} is not supported in the preview`;
  body.replaceChildren(el('div', 'panel-placeholder', text));
  return { drawn: () => false, text: () => text };
}
