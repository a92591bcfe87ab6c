// Plain-text rendering of a query result for the terminal.
import type { Labels, QueryResult } from '../prometheus/result';

export function formatLabels(metric: Labels): string {
  const name = metric.__name__ ?? '';
  const rest = Object.keys(metric)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(metric[k])}`);
  return rest.length ? `${name}{${rest.join(', ')}}` : name || '{}';
}

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

export function renderTable(r: QueryResult): string {
  const d = r.data;
  switch (d.resultType) {
    case 'scalar':
      return `scalar\t${formatValue(d.value[1])}\t@${d.value[0] / 1000}\n`;
    case 'string':
      return `string\t${JSON.stringify(d.value[1])}\t@${d.value[0] / 1000}\n`;
    case 'vector': {
      if (d.series.length === 0) return '(no data)\n';
      const rows = d.series.map((s) => [formatLabels(s.metric), formatValue(s.values[0]?.[1] ?? NaN)]);
      const w = Math.max(...rows.map((r) => r[0].length));
      return rows.map(([l, v]) => `${l.padEnd(w)}  ${v}`).join('\n') + '\n';
    }
    case 'matrix': {
      if (d.series.length === 0) return '(no data)\n';
      const out: string[] = [];
      for (const s of d.series) {
        out.push(formatLabels(s.metric));
        for (const [t, v] of s.values) out.push(`  ${new Date(t).toISOString()}  ${formatValue(v)}`);
      }
      return out.join('\n') + '\n';
    }
  }
}
