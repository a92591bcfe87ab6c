// Hover on a static target of prometheus.yml: the labels the job's relabel_configs give it and
// the URL Prometheus scrapes, or the rule that drops it, or why promtool refuses it. What the
// Prometheus UI's service discovery page shows once deployed, in the editor before.
import * as path from 'node:path';
import { checkPrometheusConfig } from '../lint/config/index';
import type { AlertmanagerResult, AlertmanagerTarget, FileSdEntry, Populated, StaticTarget } from '../lint/config/checks/targetGroups';
import type { HoverResult } from './hover';
import { escapeMarkdown } from './metricHover';

/** Escapes a label name or value for a Markdown table cell. */
const cell = (s: string): string => (s === '' ? '""' : escapeMarkdown(s));

/** Labels in name order. */
const byName = ([a]: [string, string], [b]: [string, string]): number => (a < b ? -1 : a > b ? 1 : 0);

/** Which relabel rule dropped a target, and on what line of the config it is written. */
function droppedByRule(text: string, ruleRanges: Array<[number, number]>, byRule: number): string {
  return `relabel rule ${byRule + 1} (line ${text.slice(0, ruleRanges[byRule]?.[0] ?? 0).split('\n').length})`;
}

export function staticTargetHover(text: string, offset: number, filePath?: string): HoverResult | undefined {
  let found: StaticTarget | undefined;
  let entry: FileSdEntry | undefined;
  let alertmanager: AlertmanagerTarget | undefined;
  checkPrometheusConfig(text, {
    filePath,
    onStaticTarget: (t) => {
      if (offset >= t.range[0] && offset <= t.range[1]) found = t;
    },
    onFileSdEntry: (e) => {
      if (offset >= e.range[0] && offset <= e.range[1]) entry = e;
    },
    onAlertmanagerTarget: (t) => {
      if (offset >= t.range[0] && offset <= t.range[1]) alertmanager = t;
    },
  });
  if (entry) return fileSdHover(text, entry, filePath);
  if (alertmanager) return alertmanagerHover(text, alertmanager);
  if (!found) return undefined;
  const { job, target, result, ruleRanges } = found;
  const head = `**Target ${cell(target)}** of job ${cell(job)}`;
  const range = { start: found.range[0], end: found.range[1] };
  if ('dropped' in result) return { contents: `${head}\n\nDropped by ${droppedByRule(text, ruleRanges, result.byRule)}: Prometheus never scrapes it.`, range };
  if ('error' in result) return { contents: `${head}\n\nNot scraped: ${escapeMarkdown(result.error)} (after relabel_configs).`, range };
  const labels = result.labels;
  const get = (name: string): string => labels.get(name) ?? '';
  // Go's url.Values.Encode: keys sorted.
  const params = [...labels].filter(([k]) => k.startsWith('__param_')).sort(byName)
    .map(([k, v]) => `${encodeURIComponent(k.slice(8))}=${encodeURIComponent(v)}`);
  const url = `${get('__scheme__')}://${get('__address__')}${get('__metrics_path__')}${params.length ? `?${params.join('&')}` : ''}`;
  const rows = [...labels].filter(([k]) => !k.startsWith('__')).sort(byName);
  const table = ['| label | value |', '| --- | --- |', ...rows.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`)].join('\n');
  const relabeled = ruleRanges.length > 0 ? ` after its ${ruleRanges.length} relabel ${ruleRanges.length === 1 ? 'rule' : 'rules'}` : '';
  return {
    contents: `${head}${relabeled}\n\nScraped at ${escapeMarkdown(url)} every ${escapeMarkdown(get('__scrape_interval__'))} (timeout ${escapeMarkdown(get('__scrape_timeout__'))}), its series labelled:\n\n${table}`,
    range,
  };
}

/** Hover on an Alertmanager's static target: where Prometheus posts alerts, or why it does not. */
function alertmanagerHover(text: string, t: AlertmanagerTarget): HoverResult {
  const range = { start: t.range[0], end: t.range[1] };
  const head = `**Alertmanager ${cell(t.target)}**`;
  const { result, ruleRanges } = t;
  if ('dropped' in result) return { contents: `${head}\n\nDropped by ${droppedByRule(text, ruleRanges, result.byRule)}: Prometheus sends it no alerts.`, range };
  if ('error' in result) return { contents: `${head}\n\nNot used: ${escapeMarkdown(result.error)} (after relabel_configs). Prometheus sends it no alerts.`, range };
  const relabeled = ruleRanges.length > 0 ? ` after its ${ruleRanges.length} relabel ${ruleRanges.length === 1 ? 'rule' : 'rules'}` : '';
  return { contents: `${head}${relabeled}\n\nPrometheus posts alerts to ${escapeMarkdown(result.url)}`, range };
}

/** Rows shown per file_sd entry; a hover is not the place for thousands. */
const MAX_ROWS = 25;

/** What a target becomes, in one table cell. */
function outcome(result: Populated | AlertmanagerResult, text: string, ruleRanges: Array<[number, number]>, alertmanager: boolean): string {
  if ('dropped' in result) return `dropped by ${droppedByRule(text, ruleRanges, result.byRule)}`;
  if ('url' in result) return `alerts posted to ${escapeMarkdown(result.url)}`;
  if ('error' in result) return `${alertmanager ? 'not used' : 'not scraped'}: ${escapeMarkdown(result.error)}`;
  const labels = [...result.labels].filter(([k]) => !k.startsWith('__') && k !== 'job').sort(byName);
  return labels.map(([k, v]) => `${escapeMarkdown(k)}=${cell(v)}`).join(', ');
}

/** Hover on a file_sd `files` entry: the files it names and their targets after relabeling. */
function fileSdHover(text: string, e: FileSdEntry, configPath?: string): HoverResult {
  const range = { start: e.range[0], end: e.range[1] };
  const head = `**file_sd ${cell(e.pattern)}** ${e.job === undefined ? 'of an Alertmanager' : `of job ${cell(e.job)}`}`;
  if (e.files.length === 0) return { contents: `${head}\n\nNo file matches it: Prometheus discovers no ${e.job === undefined ? 'Alertmanager' : 'target'} here.`, range };
  const total = e.files.reduce((n, f) => n + f.targets.length, 0);
  const lines = [`${head}: ${e.files.length} ${e.files.length === 1 ? 'file' : 'files'}, ${total} ${total === 1 ? 'target' : 'targets'}`];
  let rows = 0;
  for (const f of e.files) {
    const name = configPath ? path.relative(path.dirname(configPath), f.file) : f.file;
    lines.push('', `${escapeMarkdown(name)}${f.problem ? `: ${escapeMarkdown(f.problem)}` : ''}`);
    if (f.targets.length === 0) continue;
    lines.push('', e.job === undefined ? '| target | Alertmanager |' : '| target | labels |', '| --- | --- |');
    for (const t of f.targets) {
      if (rows++ >= MAX_ROWS) break;
      lines.push(`| ${cell(t.target)} | ${outcome(t.result, text, e.ruleRanges, e.job === undefined)} |`);
    }
    if (rows > MAX_ROWS) {
      lines.push('', `and ${total - MAX_ROWS} more`);
      break;
    }
  }
  return { contents: lines.join('\n'), range };
}
