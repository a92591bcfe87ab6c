// The table of an instant query: one row per series (labels, value), or the scalar/string.
// Every label goes through textContent, never markup.
import type { ResultData } from '../protocol';
import { formatNumber, seriesName, toNumber } from './legend';

export function renderTable(el: HTMLElement, data: ResultData, legendFormat?: string): void {
  el.replaceChildren();
  const table = document.createElement('table');
  table.className = 'result-table';
  const head = table.createTHead().insertRow();
  const body = table.createTBody();
  const th = (text: string) => {
    const c = document.createElement('th');
    c.textContent = text;
    head.appendChild(c);
  };
  const row = (cells: string[], cls?: string) => {
    const r = body.insertRow();
    cells.forEach((text, i) => {
      const c = r.insertCell();
      c.textContent = text;
      if (i === cells.length - 1 && cls) c.className = cls;
    });
  };
  if (data.resultType === 'scalar') {
    th('scalar');
    row([formatNumber(toNumber(data.value[1]))], 'value');
  } else if (data.resultType === 'string') {
    th('string');
    row([data.value[1]], 'value');
  } else {
    th('series');
    th('value');
    if (data.series.length === 0) {
      const r = body.insertRow();
      const c = r.insertCell();
      c.colSpan = 2;
      c.className = 'empty';
      c.textContent = 'No data: the query returned an empty result.';
    }
    for (const s of data.series) {
      const last = s.values[s.values.length - 1];
      const value = last ? formatNumber(toNumber(last[1])) + (data.resultType === 'matrix' ? ` (${s.values.length} samples)` : '') : '';
      row([seriesName(s.metric, legendFormat), value], 'value');
    }
  }
  el.appendChild(table);
}
