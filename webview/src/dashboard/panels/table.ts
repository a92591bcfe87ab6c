// `table`: one row per series (instant vectors; the last value of range results), a column per
// label and the value, unit-formatted; with several queries a column says which one.
import { el, fieldDefaults, fmt, noData, overridesFor, panelSeries, reduce, type PanelView, type RenderContext } from './common';

export function renderTable(ctx: RenderContext): PanelView {
  const { panel, body } = ctx;
  const defaults = fieldDefaults(panel);
  const series = panelSeries(ctx.result);
  if (series.length === 0) return noData(body);
  const labelSet = new Set<string>();
  for (const s of series) for (const k of Object.keys(s.metric)) labelSet.add(k);
  const labels = [...labelSet].sort((a, b) => (a === '__name__' ? -1 : b === '__name__' ? 1 : a.localeCompare(b)));
  const refIds = new Set(series.map((s) => s.refId));
  const table = el('table', 'dash-table');
  const head = el('tr');
  if (refIds.size > 1) head.appendChild(el('th', undefined, 'Query'));
  for (const l of labels) head.appendChild(el('th', undefined, l));
  head.appendChild(el('th', 'value', 'Value'));
  table.appendChild(el('thead')).appendChild(head);
  const tbody = table.appendChild(el('tbody'));
  const values: string[] = [];
  for (const s of series) {
    const tr = el('tr');
    if (refIds.size > 1) tr.appendChild(el('td', undefined, s.refId));
    for (const l of labels) {
      const cell = tr.appendChild(el('td')).appendChild(el('div', 'cell', s.metric[l] ?? ''));
      cell.title = s.metric[l] ?? '';
    }
    const v = reduce(s.values.map((x) => x[1]), 'lastNotNull');
    const text = v === null ? '' : fmt(v, overridesFor(panel, 'Value').unit ?? defaults.unit, defaults.decimals);
    values.push(text);
    tr.appendChild(el('td', 'value', text));
    tbody.appendChild(tr);
  }
  const wrap = el('div', 'dash-table-wrap');
  wrap.appendChild(table);
  body.replaceChildren(wrap);
  return { drawn: () => tbody.rows.length > 0, text: () => values.join(' | ') };
}
