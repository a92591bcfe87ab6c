// Stacking of time series (normal and percent) as Grafana's uPlot config does it (getStackingGroups,
// preparePlotData): series of the same mode and `group` are summed in their order, and a band fills
// between each one and the one below it. Hidden series stand out of the stacks, as in Grafana, so
// that showing one series of a stack draws it from zero.
import type uPlot from 'uplot';

export interface SeriesStacking {
  stacking: 'none' | 'normal' | 'percent';
  group: string;
}

type Column = ArrayLike<number | null>;

/**
 * `columns` (x, then one per series) with the stacked series replaced by their running sums (percent
 * stacks: shares of the group's total, 0-1), and the bands between neighbours in a stack.
 */
export function stackSeries(columns: readonly Column[], stacking: readonly SeriesStacking[], shown: readonly boolean[]): { data: Column[]; bands: uPlot.Band[] } {
  const data = columns.slice();
  const bands: uPlot.Band[] = [];
  const n = columns[0]?.length ?? 0;
  const inStack = (k: number): boolean => stacking[k - 1].stacking !== 'none' && shown[k - 1];
  const keyOf = (k: number): string => `${stacking[k - 1].stacking}:${stacking[k - 1].group}`;
  const groups = new Map<string, { acc: Float64Array; totals?: Float64Array; last?: number }>();
  for (let k = 1; k < columns.length; k++) {
    if (!inStack(k)) continue;
    const key = keyOf(k);
    let g = groups.get(key);
    if (!g) {
      g = { acc: new Float64Array(n) };
      if (stacking[k - 1].stacking === 'percent') {
        const totals = new Float64Array(n);
        for (let j = 1; j < columns.length; j++) if (inStack(j) && keyOf(j) === key) for (let i = 0; i < n; i++) totals[i] += columns[j][i] ?? 0;
        g.totals = totals;
      }
      groups.set(key, g);
    }
    const col = columns[k];
    const out: Array<number | null> = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (v === null || v === undefined || !Number.isFinite(v)) {
        out[i] = null;
        continue;
      }
      g.acc[i] += g.totals ? (g.totals[i] ? v / g.totals[i] : 0) : v;
      out[i] = g.acc[i];
    }
    data[k] = out;
    if (g.last !== undefined) bands.push({ series: [k, g.last] });
    g.last = k;
  }
  return { data, bands };
}
