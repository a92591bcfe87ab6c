// Hover on a static target of prometheus.yml: the labels the job's relabel_configs give it and
// the URL Prometheus scrapes, or the rule that drops it, or why promtool refuses it. What the
// Prometheus UI's service discovery page shows once deployed, in the editor before.
import { checkPrometheusConfig } from '../lint/config/index';
import type { StaticTarget } from '../lint/config/checks/targetGroups';
import type { HoverResult } from './hover';
import { escapeMarkdown } from './metricHover';

/** Escapes a label name or value for a Markdown table cell. */
const cell = (s: string): string => (s === '' ? '""' : escapeMarkdown(s));

export function staticTargetHover(text: string, offset: number, filePath?: string): HoverResult | undefined {
  let found: StaticTarget | undefined;
  checkPrometheusConfig(text, {
    filePath,
    onStaticTarget: (t) => {
      if (offset >= t.range[0] && offset <= t.range[1]) found = t;
    },
  });
  if (!found) return undefined;
  const { job, target, result, ruleRanges } = found;
  const head = `**Target ${cell(target)}** of job ${cell(job)}`;
  const range = { start: found.range[0], end: found.range[1] };
  if ('dropped' in result) {
    const line = text.slice(0, ruleRanges[result.byRule]?.[0] ?? 0).split('\n').length;
    return { contents: `${head}\n\nDropped by relabel rule ${result.byRule + 1} (line ${line}): Prometheus never scrapes it.`, range };
  }
  if ('error' in result) return { contents: `${head}\n\nNot scraped: ${escapeMarkdown(result.error)} (after relabel_configs).`, range };
  const labels = result.labels;
  const get = (name: string): string => labels.get(name) ?? '';
  // Go's url.Values.Encode: keys sorted.
  const params = [...labels].filter(([k]) => k.startsWith('__param_')).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${encodeURIComponent(k.slice(8))}=${encodeURIComponent(v)}`);
  const url = `${get('__scheme__')}://${get('__address__')}${get('__metrics_path__')}${params.length ? `?${params.join('&')}` : ''}`;
  const rows = [...labels].filter(([k]) => !k.startsWith('__')).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const table = ['| label | value |', '| --- | --- |', ...rows.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`)].join('\n');
  const relabeled = ruleRanges.length > 0 ? ` after its ${ruleRanges.length} relabel ${ruleRanges.length === 1 ? 'rule' : 'rules'}` : '';
  return {
    contents: `${head}${relabeled}\n\nScraped at ${escapeMarkdown(url)} every ${escapeMarkdown(get('__scrape_interval__'))} (timeout ${escapeMarkdown(get('__scrape_timeout__'))}), its series labelled:\n\n${table}`,
    range,
  };
}
