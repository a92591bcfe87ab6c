// Series names: Grafana's legendFormat templates ({{label}}) or Prometheus' own label display.
import type { Labels } from '../protocol';

export function seriesName(metric: Labels, legendFormat?: string): string {
  if (legendFormat && legendFormat !== '__auto') {
    return legendFormat.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (_, name: string) => metric[name] ?? '');
  }
  const name = metric.__name__ ?? '';
  const rest = Object.keys(metric)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}="${metric[k].replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  return rest.length ? `${name}{${rest.join(', ')}}` : name || '{}';
}

export function toNumber(v: number | string): number {
  if (typeof v === 'number') return v;
  if (v === '+Inf' || v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return Number(v);
}

export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}
