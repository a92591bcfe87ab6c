// `timeseries` and legacy `graph` panels: uPlot lines (or bars/points), palette or fixed colours,
// fill opacity, normal/percent stacking (stacking.ts), min/max, a unit-formatted y axis, Grafana's
// time axis in the dashboard's time zone (timeAxis.ts) and a list or table legend below or beside
// the graph (tsLegend.ts) whose clicks show and hide series (seriesVisibility.ts).
import uPlot from 'uplot';
import type { SeriesData } from '../../protocol';
import { alignSeries } from '../../query/chart';
import { chartTheme } from '../../query/theme';
import { colorByName, seriesColor } from '../thresholds';
import { formatValue, formattedValueToString } from '../units';
import { CALC_NAMES, contentSize, displayName, el, fieldDefaults, isJson, noData, overridesFor, panelSeries, reduce, type PanelView, type RenderContext } from './common';
import { measureText, timeAxisOptions, timeAxisRightPadding, timeAxisTzDate } from './timeAxis';
import { guessDecimals, roundDecimals } from '../numberFormat';
import { legendOptions, renderLegend, type LegendItem } from './tsLegend';
import { tooltipHook, tooltipOptions } from './tsTooltip';
import { isShown, nextSelection } from './seriesVisibility';
import { stackSeries, type SeriesStacking } from './stacking';

const AXIS_FONT_PX = 11;
const AXIS_FONT = `${AXIS_FONT_PX}px sans-serif`;

interface GraphOptions {
  fillOpacity: number;
  lineWidth: number;
  stacking: 'none' | 'normal' | 'percent';
  drawStyle: 'line' | 'bars' | 'points';
}

function graphOptions(panel: Record<string, unknown>, custom: Record<string, unknown>): GraphOptions {
  if (panel.type === 'graph') {
    return {
      fillOpacity: typeof panel.fill === 'number' ? panel.fill * 10 : 10,
      lineWidth: typeof panel.linewidth === 'number' ? panel.linewidth : 1,
      stacking: panel.stack === true ? (panel.percentage === true ? 'percent' : 'normal') : 'none',
      drawStyle: panel.bars === true ? 'bars' : panel.lines === false && panel.points === true ? 'points' : 'line',
    };
  }
  const stacking = isJson(custom.stacking) && (custom.stacking.mode === 'normal' || custom.stacking.mode === 'percent') ? custom.stacking.mode : 'none';
  return {
    fillOpacity: typeof custom.fillOpacity === 'number' ? custom.fillOpacity : 0,
    lineWidth: typeof custom.lineWidth === 'number' ? custom.lineWidth : 1,
    stacking,
    drawStyle: custom.drawStyle === 'bars' || custom.drawStyle === 'points' ? custom.drawStyle : 'line',
  };
}

function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(color);
  if (m) return `rgba(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)}, ${alpha})`;
  const r = /^rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(color);
  if (r) return `rgba(${r[1]},${r[2]},${r[3]}, ${alpha})`;
  return color;
}

export function renderTimeseries(ctx: RenderContext): PanelView {
  const { panel, body, theme } = ctx;
  const defaults = fieldDefaults(panel);
  const go = graphOptions(panel, defaults.custom);
  const series = panelSeries(ctx.result).filter((s) => s.values.length > 0);
  if (series.length === 0) return noData(body);
  const names = series.map((s) => displayName(panel, s, defaults, series.length) || s.name);
  const colorMode = defaults.color?.mode ?? 'palette-classic';
  const colors = series.map((s, i) => {
    const o = overridesFor(panel, s.name, s.refId);
    if (o.color) return colorByName(o.color, theme);
    return seriesColor(s.values.map((v) => v[1]), { ...defaults.color, mode: colorMode }, { theme, seriesIndex: i, seriesName: names[i], thresholds: defaults.thresholds, min: defaults.min, max: defaults.max });
  });

  const raw = alignSeries(series.map((s) => ({ metric: s.metric, values: s.values }) as SeriesData)) as Array<ArrayLike<number | null>>;
  // Per series: its stacking (an override's `custom.stacking` wins) and fill. Grafana stacks series
  // of the same mode and `group` together (getStackingGroups); `group: false` or another group
  // is a stack of its own, so NEF's "Total" line stays on top of nothing.
  const perSeries: Array<SeriesStacking & { fillOpacity: number }> = series.map((s) => {
    const custom = overridesFor(panel, s.name, s.refId).custom ?? {};
    if (panel.type === 'graph') return { stacking: go.stacking, group: 'A', fillOpacity: go.fillOpacity };
    const st = isJson(custom.stacking) ? custom.stacking : isJson(defaults.custom.stacking) ? defaults.custom.stacking : {};
    const mode = st.mode === 'normal' || st.mode === 'percent' ? st.mode : 'none';
    return { stacking: mode, group: String(st.group ?? 'A'), fillOpacity: typeof custom.fillOpacity === 'number' ? custom.fillOpacity : go.fillOpacity };
  });
  const stacked = perSeries.some((p) => p.stacking !== 'none');
  const percent = perSeries.some((p) => p.stacking === 'percent');
  const unit = percent ? 'percentunit' : defaults.unit;
  // The series shown after legend clicks on this panel before (the page keeps them across redraws).
  const shownNow = (): boolean[] => names.map((n) => isShown(ctx.seriesShown.get(), n));
  const shown = shownNow();
  const { data, bands } = stackSeries(raw, perSeries, shown);

  const chartTh = chartTheme();
  const lo = legendOptions(panel, (c) => CALC_NAMES[c] ?? c);
  const layout = el('div', `ts-layout ${lo.placement}`);
  const chartBox = el('div', 'ts-chart');
  const legend = el('div', `ts-legend ${lo.placement}`);
  body.replaceChildren(layout);
  layout.appendChild(chartBox);
  if (lo.show) {
    layout.appendChild(legend);
    const headers = lo.calcs.map((c) => CALC_NAMES[c] ?? c);
    const items: LegendItem[] = series.map((s, i) => {
      const seriesUnit = overridesFor(panel, s.name, s.refId).unit ?? defaults.unit;
      const values = s.values.map((x) => x[1]);
      return {
        name: names[i],
        color: colors[i],
        values: lo.calcs.map((calc) => {
          const v = reduce(values, calc);
          return { numeric: v, text: v === null ? '-' : formattedValueToString(formatValue(v, seriesUnit, defaults.decimals, { timeZone: ctx.timeZone })) };
        }),
      };
    });
    if (lo.placement === 'right' && lo.width !== undefined) {
      legend.style.width = `${lo.width}px`;
      legend.classList.add('fixed');
    }
    renderLegend(legend, items, headers, lo, {
      isShown: (name) => isShown(ctx.seriesShown.get(), name),
      change: (name, mode) => {
        ctx.seriesShown.set(nextSelection(ctx.seriesShown.get(), name, mode, names));
        showSeries(shownNow());
      },
    });
  }
  const yFormat = (v: number, decimals = defaults.decimals) => formattedValueToString(formatValue(v, unit, decimals, { timeZone: ctx.timeZone }));
  const size = contentSize(body);
  const beside = lo.show && lo.placement === 'right';
  const width = Math.max(50, size.width - (beside ? legend.offsetWidth + 6 : 0));
  const height = Math.max(40, size.height - (lo.show && !beside ? legend.offsetHeight + 2 : 0));
  const fillOf = (opacity: number) => (opacity > 0 || go.drawStyle === 'bars' ? Math.min(1, Math.max(go.drawStyle === 'bars' && opacity === 0 ? 0.8 : 0, opacity / 100)) : 0);
  // Grafana's axes (UPlotAxisBuilder): 4 px ticks, labels 5 px from them.
  const axis = (): uPlot.Axis => ({ stroke: chartTh.axis, grid: { stroke: chartTh.grid, width: 1 }, ticks: { stroke: chartTh.grid, width: 1, size: 4 }, gap: 5, font: AXIS_FONT });
  const { min, max } = defaults;
  let xTicks: { splits: number[]; labels: string[] } = { splits: [], labels: [] };
  let yTicks: string[] = [];
  const opts: uPlot.Options = {
    width,
    height,
    legend: { show: false },
    // Room on the right for half the last time label (uPlot reserves a fixed 25 px).
    padding: [null, timeAxisRightPadding(AXIS_FONT, ctx.timeZone), null, null],
    // Day and hour ticks on the midnights and full hours of the dashboard's time zone.
    tzDate: timeAxisTzDate(ctx.timeZone),
    cursor: { points: { size: 5 } },
    scales: {
      x: { time: true, range: () => [ctx.range.startMs / 1000, ctx.range.endMs / 1000] },
      y: {
        range: (_u, dmin, dmax) => {
          // Stacked areas and bars stand on zero (the bottom series would be cut off otherwise).
          const fromZero = (stacked || go.drawStyle === 'bars') && (dmin ?? 0) >= 0;
          const auto = uPlot.rangeNum(fromZero ? 0 : (dmin ?? 0), dmax ?? 1, 0.1, true);
          const lo = percent ? 0 : (min ?? auto[0] ?? 0);
          const hi = percent ? 1 : (max ?? auto[1] ?? 1);
          return [lo, hi > lo ? hi : lo + 1];
        },
      },
    },
    axes: [
      {
        ...axis(),
        size: 4 + 5 + AXIS_FONT_PX + 4,
        // Grafana's time axis: 24-hour labels in a format chosen from the step and the range, as many
        // ticks as fit with 18 px between labels.
        ...timeAxisOptions(AXIS_FONT, (splits, labels) => (xTicks = { splits, labels }), ctx.timeZone),
      },
      {
        ...axis(),
        // Grafana's y axis (UPlotAxisBuilder): decimals guessed from the tick increment ("7.5", not "7.50"),
        // the field's own decimals first.
        values: (_u, vals, _axis, _space, incr) => {
          const guessed = guessDecimals(roundDecimals(incr, 6));
          yTicks = vals.map((v) => yFormat(v, defaults.decimals ?? (guessed > 0 ? guessed : undefined)));
          return yTicks;
        },
        // Tick labels' width (measured in the axis font) + tick + gap + a margin.
        size: (_u, vals) => (vals && vals.length ? Math.ceil(Math.max(...vals.map(textWidth))) + 4 + 5 + 4 : 40),
      },
    ],
    bands,
    hooks: {
      setCursor: [
        tooltipHook(chartBox, {
          names,
          colors,
          raw: raw.slice(1),
          format: (i, v) => formattedValueToString(formatValue(v, overridesFor(panel, series[i].name, series[i].refId).unit ?? defaults.unit, defaults.decimals, { timeZone: ctx.timeZone })),
        }, tooltipOptions(panel), ctx.timeZone),
      ],
      // The time axis' ticks (label, centre and width in px) for tests and the `rendered` report.
      draw: [
        (u) => {
          chartBox.dataset.xTicks = JSON.stringify(xTicks.labels.map((label, i) => [label, Math.round(u.valToPos(xTicks.splits[i], 'x')), Math.ceil(textWidth(label))]));
          // The y scale drawn (tests check stacking through it).
          chartBox.dataset.yRange = JSON.stringify([u.scales.y.min, u.scales.y.max]);
          chartBox.dataset.yTicks = JSON.stringify(yTicks);
        },
      ],
    },
    series: [
      {},
      ...names.map((label, i) => ({
        label,
        show: shown[i],
        stroke: colors[i],
        width: go.lineWidth,
        fill: fillOf(perSeries[i].fillOpacity) > 0 ? withAlpha(colors[i], fillOf(perSeries[i].fillOpacity)) : undefined,
        paths: go.drawStyle === 'bars' ? uPlot.paths.bars!({ size: [0.8, 40] }) : go.drawStyle === 'points' ? () => null : undefined,
        points: { show: go.drawStyle === 'points' || series[i].values.length === 1 },
        spanGaps: false,
      })),
    ],
  };
  const plot = new uPlot(opts, data as uPlot.AlignedData, chartBox);
  /** Draws the series `show` says, stacks restacked without the hidden ones; uPlot rescales y to what is drawn. */
  function showSeries(show: boolean[]): void {
    plot.batch(() => {
      show.forEach((on, i) => plot.setSeries(i + 1, { show: on }));
      if (!stacked) return;
      const restacked = stackSeries(raw, perSeries, show);
      plot.delBand(null);
      for (const b of restacked.bands) plot.addBand(b);
      plot.setData(restacked.data as uPlot.AlignedData);
    });
  }
  return {
    drawn: () => seriesInk(chartBox.querySelector('canvas'), colors) > 0,
    text: () => names.join(' | '),
    destroy: () => plot.destroy(),
  };
}

function textWidth(text: string): number {
  return measureText(text, AXIS_FONT);
}

/** Opaque pixels of the canvas in one of the series' colours (not the axes' text or the grid). */
export function seriesInk(canvas: HTMLCanvasElement | null, colors: string[]): number {
  if (!canvas || canvas.width === 0 || canvas.height === 0) return 0;
  const rgb = colors.map(parseRgb).filter((c): c is number[] => c !== undefined);
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] < 200) continue;
    if (rgb.some((c) => Math.abs(data[i] - c[0]) < 40 && Math.abs(data[i + 1] - c[1]) < 40 && Math.abs(data[i + 2] - c[2]) < 40)) ink++;
  }
  return ink;
}

function parseRgb(color: string): number[] | undefined {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(color.trim());
  if (m) return [1, 2, 3].map((k) => parseInt(m[k], 16));
  const r = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)/.exec(color.trim());
  return r ? [1, 2, 3].map((k) => Number(r[k])) : undefined;
}
