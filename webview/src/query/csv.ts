// CSV export of what the panel shows: one row per sample, labels as columns.
import type { ResultData } from '../protocol';
import { formatNumber, toNumber } from './legend';

function cell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(data: ResultData): string {
  if (data.resultType === 'scalar' || data.resultType === 'string') {
    return `timestamp,value\n${new Date(data.value[0]).toISOString()},${cell(String(data.value[1]))}\n`;
  }
  const labelNames = [...new Set(data.series.flatMap((s) => Object.keys(s.metric)))].sort();
  const rows = [['timestamp', ...labelNames, 'value'].map(cell).join(',')];
  for (const s of data.series) {
    const labels = labelNames.map((l) => cell(s.metric[l] ?? ''));
    for (const [t, v] of s.values) rows.push([new Date(t).toISOString(), ...labels, formatNumber(toNumber(v))].join(','));
  }
  return rows.join('\n') + '\n';
}
