// `promtool check config` runs each job's relabel_configs over its targets (scrape's
// PopulateLabels): the static ones, and those of its file_sd files, which it also decodes. It fails
// on the first target left without a usable address or with broken scrape settings ("instance 0
// in group 0: no address") and on a file it cannot decode. Prometheus itself loads such a config
// and never scrapes those targets. This check reports every such static target, on the target,
// and the first problem of each file_sd file, on its `files` entry.
import * as path from 'node:path';
import { formatDuration, parseDuration } from '../durations';
import { goQuote } from '../goText';
import { relabelActions } from './relabel';
import type { ObjView } from '../objView';
import { compileRule, droppedBy, type CompiledRule, type LabelSet } from '../relabelProcess';
import { parseFileSd } from '../fileSdTargets';
import { resolveConfigPath } from '../validators';
import { loadsSoFar, readMatchingFiles, report as reportAt, type WalkContext } from '../walkContext';
import { goString } from '../yamlNodes';

/** Explains, after promtool's own words, what the finding means. */
export const STATIC_TARGET_SUFFIX = ' (after relabel_configs; promtool check config fails on this, and Prometheus never scrapes the target)';
export const EMPTY_TARGET_SUFFIX = ' (an empty target; promtool check config fails on this, and Prometheus never scrapes it)';

/** The job's relabel rules, compiled; undefined when one cannot be (its error is reported elsewhere). */
function relabelRules(v: ObjView): CompiledRule[] | undefined {
  const rules: CompiledRule[] = [];
  for (const r of v.subList('relabel_configs')) {
    const written = (key: string, dflt: string): string => (r.written(key) ? r.str(key) : dflt);
    const action = written('action', 'replace').toLowerCase();
    const modulus = r.num('modulus') ?? 0;
    // Rules Prometheus refuses (reported elsewhere) cannot be run: an editor hover still asks.
    if (!(relabelActions as readonly string[]).includes(action) || (action === 'hashmod' && !(Number.isInteger(modulus) && modulus > 0))) return undefined;
    try {
      rules.push(compileRule({
        action,
        sourceLabels: r.strList('source_labels'),
        separator: written('separator', ';'),
        regex: r.written('regex') ? r.str('regex') : undefined,
        modulus,
        targetLabel: written('target_label', ''),
        replacement: written('replacement', '$1'),
      }));
    } catch {
      return undefined;
    }
  }
  return rules;
}

export type Populated = { dropped: true; byRule: number } | { error: string } | { labels: LabelSet };

/** A static target as relabeling leaves it, for editor features (hover). */
export interface StaticTarget {
  job: string;
  target: string;
  /** The target's text in the file. */
  range: [number, number];
  result: Populated;
  /** Where each relabel rule is written, by index. */
  ruleRanges: Array<[number, number]>;
}

/**
 * scrape.PopulateLabels after PopulateDiscoveredLabels: relabels `lb` in place, then checks the
 * address and the scrape settings, drops the `__meta_` labels and defaults `instance`.
 */
export function populateLabels(lb: LabelSet, rules: readonly CompiledRule[]): Populated {
  const byRule = droppedBy(lb, rules);
  if (byRule >= 0) return { dropped: true, byRule };
  const addr = lb.get('__address__') ?? '';
  if (addr === '') return { error: 'no address' };
  if (addr.includes('/')) return { error: `${goQuote(addr)} is not a valid hostname` };
  const interval = lb.get('__scrape_interval__') ?? '';
  const i = parseDuration(interval);
  if (!i.ok) return { error: `error parsing scrape interval: ${i.error}` };
  if (i.value === 0) return { error: 'scrape interval cannot be 0' };
  const timeout = lb.get('__scrape_timeout__') ?? '';
  const t = parseDuration(timeout);
  if (!t.ok) return { error: `error parsing scrape timeout: ${t.error}` };
  if (t.value === 0) return { error: 'scrape timeout cannot be 0' };
  if (t.value > i.value) return { error: `scrape timeout cannot be greater than scrape interval (${goQuote(timeout)} > ${goQuote(interval)})` };
  for (const name of [...lb.keys()]) if (name.startsWith('__meta_')) lb.delete(name);
  if (!lb.get('instance')) lb.set('instance', addr);
  return { labels: lb };
}

/** The `labels` of a static_configs group, as Go strings. */
function staticGroupLabels(group: ObjView): Array<[string, string]> {
  return group.mapOf('labels').map((e): [string, string] => {
    const s = goString(e.value);
    return [e.keyText, s.ok ? s.value : ''];
  });
}

/** Where each item of a list is written, trailing space left out. */
function writtenRanges(v: ObjView, key: string, text: string): Array<[number, number]> {
  return v.items(key).map((n): [number, number] => {
    if (!n?.range) return v.anchor;
    let end = n.range[1];
    while (end > n.range[0] && /\s/.test(text[end - 1])) end--;
    return [n.range[0], end];
  });
}

/** PopulateDiscoveredLabels: the target's labels, its group's, then the scrape settings where unset. */
export function discoveredLabels(target: Iterable<[string, string]>, group: Iterable<[string, string]>, scrape: Iterable<[string, string]>): LabelSet {
  const lb: LabelSet = new Map();
  for (const [k, v] of target) if (v !== '') lb.set(k, v);
  for (const [k, v] of group) if (!lb.has(k) && v !== '') lb.set(k, v);
  for (const [k, v] of scrape) if (!lb.get(k) && v !== '') lb.set(k, v);
  return lb;
}

/**
 * Runs the job's relabel_configs over each static target, and over the targets of its file_sd
 * files, from the labels PopulateDiscoveredLabels gives them (target, group labels, job, interval,
 * timeout, metrics path, scheme, params), as `promtool check config` does.
 */
export function checkStaticTargetRelabeling(v: ObjView, intervalMs: number, timeoutMs: number, ctx: WalkContext, report: boolean): void {
  const rules = relabelRules(v);
  if (!rules) return;
  const job = v.str('job_name');
  const scrape: Array<[string, string]> = [
    ['job', job],
    ['__scrape_interval__', formatDuration(intervalMs)],
    ['__scrape_timeout__', formatDuration(timeoutMs)],
    ['__metrics_path__', v.written('metrics_path') ? v.str('metrics_path') : '/metrics'],
    ['__scheme__', v.written('scheme') ? v.str('scheme') : 'http'],
  ];
  for (const e of v.mapOf('params')) {
    const first = v.strItems(e.value)[0];
    if (first !== undefined) scrape.push([`__param_${e.keyText}`, first]);
  }
  const ruleRanges = writtenRanges(v, 'relabel_configs', ctx.text);
  let targets = 0;
  let unsimulated = 0;
  let dropped = 0;
  let firstDropper = -1;
  v.subList('static_configs').forEach((group, g) => {
    const groupLabels = staticGroupLabels(group);
    const items = group.items('targets');
    group.strList('targets').forEach((target, i) => {
      if (ctx.targetBudget <= 0) {
        unsimulated++;
        return;
      }
      ctx.targetBudget--;
      const r = items[i]?.range;
      const at: [number, number] = r ? [r[0], r[1]] : group.anchor;
      const result = populateLabels(discoveredLabels([['__address__', target]], groupLabels, scrape), rules);
      ctx.onStaticTarget?.({ job, target, range: at, result, ruleRanges });
      targets++;
      if ('dropped' in result) {
        dropped++;
        if (firstDropper < 0 || result.byRule < firstDropper) firstDropper = result.byRule;
      }
      // Without relabeling, a static target is checked while loading (config/target), but for an
      // empty one (`""`, `~`, `-`), which only TargetsFromGroup refuses: "no address".
      if (report && (rules.length > 0 || target === '') && 'error' in result) {
        const suffix = rules.length > 0 ? STATIC_TARGET_SUFFIX : EMPTY_TARGET_SUFFIX;
        reportAt(ctx, 'config/static-target', at, `instance ${i} in group ${g}: ${result.error}${suffix}`, 'warning');
      }
    });
  });
  // scrape.TargetsFromGroup: file_sd groups carry no source in promtool's check, "in group : ...".
  const scrapeOutcome: TargetOutcome = (target, groupLabels, i) => {
    const result = populateLabels(discoveredLabels([['__address__', target]], groupLabels, scrape), rules);
    return { result, problem: 'error' in result ? `instance ${i} in group : ${result.error}` : undefined };
  };
  for (const sd of v.subList('file_sd_configs')) checkFileSd(sd, job, ruleRanges, fileSdSuffix, scrapeOutcome, ctx, report);
  if (!report) return;
  // Relabeling that drops every target of a job that has nothing else to scrape: a typo in a
  // keep regex, most often. Prometheus loads it and the job silently scrapes nothing.
  const otherSd = v.keys().some((k) => k.endsWith('_sd_configs') && v.items(k).length > 0);
  if (targets > 0 && dropped === targets && unsimulated === 0 && !otherSd) {
    reportAt(ctx, 'config/job-scrapes-nothing', ruleRanges[firstDropper],
      `relabel_configs drop every target of job ${goQuote(job)} (${targets} static ${targets === 1 ? 'target' : 'targets'}, and no service discovery): the job scrapes nothing`, 'warning');
  }
}

/** The targets of one file_sd file as relabeling leaves them, or why the file cannot be read. */
export interface FileSdFile {
  file: string;
  /** promtool's complaint about the file, if any (decoding, or the first target it refuses). */
  problem?: string;
  /** A scrape job's targets are populated; an Alertmanager's say where alerts are posted. */
  targets: Array<{ target: string; result: Populated | AlertmanagerResult }>;
}

/** A `files` entry of a file_sd config and what it names, for editor features (hover). */
export interface FileSdEntry {
  /** The scrape job, or undefined for an Alertmanager's file_sd. */
  job?: string;
  pattern: string;
  range: [number, number];
  files: FileSdFile[];
  ruleRanges: Array<[number, number]>;
}

/** What one target of a file_sd file becomes, and promtool's complaint about it if any. */
type TargetOutcome = (target: string, groupLabels: Array<[string, string]>, index: number) => { result: Populated | AlertmanagerResult; problem?: string };

/**
 * promtool's checkSDFile, then checkTargetGroupsForScrapeConfig or checkTargetGroupsForAlertmanager
 * (`outcome`): the first problem of each file, reported on the `files` entry, and each entry told
 * to the editor. `job` is undefined for an Alertmanager's file_sd.
 */
function checkFileSd(sd: ObjView, job: string | undefined, ruleRanges: Array<[number, number]>, suffix: (file?: string) => string, outcome: TargetOutcome, ctx: WalkContext, report: boolean): void {
  const items = sd.items('files');
  sd.strList('files').forEach((pattern, i) => {
    const abs = resolveConfigPath(pattern, ctx.baseDir);
    if (abs === undefined) return;
    const r = items[i]?.range;
    const at: [number, number] = r ? [r[0], r[1]] : sd.anchor;
    const files: FileSdFile[] = [];
    for (const { file, text } of readMatchingFiles(ctx, abs)) {
      const read = readFileSd(abs, file, text, outcome, ctx);
      files.push(read);
      const problem = read.problem;
      if (report && problem) reportAt(ctx, 'config/file-sd', at, `${problem}${suffix(problem.includes(goQuote(file)) ? undefined : file)}`, 'warning');
    }
    ctx.onFileSdEntry?.({ job, pattern, range: at, files, ruleRanges });
  });
}

/** What follows promtool's words in a config/file-sd message. */
const fileSdSuffix = (file?: string): string =>
  ` (${file === undefined ? '' : `in ${goQuote(file)}; `}promtool check config fails on this, and Prometheus does not scrape these targets)`;

/** The file's targets through `outcome`; its problem in promtool's words. `pattern` as the config names it, resolved. */
function readFileSd(pattern: string, file: string, text: string, outcome: TargetOutcome, ctx: WalkContext): FileSdFile {
  const parsed = parseFileSd(file, text);
  if ('error' in parsed) return { file, problem: `checking SD file ${goQuote(pattern)}: ${parsed.error.replace(/\n\s*/g, ' ')}`, targets: [] };
  const read: FileSdFile = { file, targets: [] };
  for (const group of parsed.groups) {
    for (let i = 0; i < group.targets.length && ctx.targetBudget > 0; i++, ctx.targetBudget--) {
      const { result, problem } = outcome(group.targets[i], group.labels, i);
      read.targets.push({ target: group.targets[i], result });
      if (problem !== undefined && read.problem === undefined) read.problem = problem;
    }
  }
  return read;
}

/** Explains, after promtool's own words, a finding on an Alertmanager target. */
export const ALERTMANAGER_TARGET_SUFFIX = ' (an Alertmanager, after relabel_configs; promtool check config fails on this, and Prometheus never sends it alerts)';

/** notifier's postPath: where Alertmanager takes alerts, under the configured prefix. */
function alertsPath(prefix: string, version: string): string {
  return path.posix.join('/', prefix, `/api/${version}/alerts`);
}

/** notifier.AlertmanagerFromGroup's labels for one target: its own, the scheme and alerts path, then the group's. */
function alertmanagerLabels(target: string, groupLabels: Array<[string, string]>, scheme: string, alerts: string): LabelSet {
  // The target's address, scheme and path set over it, then the group's labels over those,
  // except the target's own; an empty value is no label.
  const lb: LabelSet = new Map();
  for (const [k, val] of [['__address__', target], ['__scheme__', scheme], ['__alerts_path__', alerts], ...groupLabels.filter(([k]) => k !== '__address__')]) {
    if (val !== '') lb.set(k, val);
  }
  return lb;
}

/** What AlertmanagerFromGroup makes of one target: dropped, refused, or the URL it posts alerts to. */
export type AlertmanagerResult = { dropped: true; byRule: number } | { error: string } | { url: string };

function alertmanagerResult(lb: LabelSet, rules: readonly CompiledRule[]): AlertmanagerResult {
  const byRule = droppedBy(lb, rules);
  if (byRule >= 0) return { dropped: true, byRule };
  const addr = lb.get('__address__') ?? '';
  if (addr.includes('/')) return { error: `${goQuote(addr)} is not a valid hostname` };
  // The notifier's alertmanagerLabels.url().
  return { url: `${lb.get('__scheme__') ?? ''}://${addr}${lb.get('__alerts_path__') ?? ''}` };
}

/** A static Alertmanager target as relabeling leaves it, for editor features (hover). */
export interface AlertmanagerTarget {
  target: string;
  range: [number, number];
  result: AlertmanagerResult;
  /** Where each relabel rule is written, by index. */
  ruleRanges: Array<[number, number]>;
}

/**
 * promtool's checkTargetGroupsForAlertmanager (notifier.AlertmanagerFromGroup), over an
 * Alertmanager's static targets and the targets of its file_sd files: each goes through the
 * Alertmanager's relabel_configs, and a kept target whose address is a URL makes promtool fail.
 * Without relabeling the load itself refuses such a static target (config/target), but not a
 * file_sd one: promtool checks those in any case, and fails on a file it cannot decode.
 */
export function checkAlertmanagerTargets(v: ObjView, ctx: WalkContext): void {
  const relabels = v.items('relabel_configs').length > 0;
  const fileSds = v.subList('file_sd_configs');
  const hover = ctx.onAlertmanagerTarget;
  if (!relabels && fileSds.length === 0 && !hover) return;
  ctx.deferred.push(() => {
    const loads = loadsSoFar(ctx);
    if (!loads && !hover) return;
    const rules = relabelRules(v);
    if (!rules) return;
    const scheme = v.written('scheme') ? v.str('scheme') : 'http';
    const alerts = alertsPath(v.str('path_prefix'), v.written('api_version') ? v.str('api_version') : 'v2');
    const ruleRanges = hover || ctx.onFileSdEntry ? writtenRanges(v, 'relabel_configs', ctx.text) : [];
    for (const group of v.subList('static_configs')) {
      const groupLabels = staticGroupLabels(group);
      const items = group.items('targets');
      group.strList('targets').forEach((target, i) => {
        if (ctx.targetBudget <= 0) return;
        ctx.targetBudget--;
        const result = alertmanagerResult(alertmanagerLabels(target, groupLabels, scheme, alerts), rules);
        const r = items[i]?.range;
        const at: [number, number] = r ? [r[0], r[1]] : group.anchor;
        hover?.({ target, range: at, result, ruleRanges });
        if (loads && relabels && 'error' in result) reportAt(ctx, 'config/static-target', at, `${result.error}${ALERTMANAGER_TARGET_SUFFIX}`, 'warning');
      });
    }
    if (!loads && !ctx.onFileSdEntry) return;
    const amOutcome: TargetOutcome = (target, groupLabels) => {
      const result = alertmanagerResult(alertmanagerLabels(target, groupLabels, scheme, alerts), rules);
      return { result, problem: 'error' in result ? result.error : undefined };
    };
    for (const sd of fileSds) checkFileSd(sd, undefined, ruleRanges, alertmanagerFileSdSuffix, amOutcome, ctx, loads);
  });
}

/** What follows promtool's words in a config/file-sd message on an Alertmanager's file. */
const alertmanagerFileSdSuffix = (file?: string): string =>
  ` (${file === undefined ? '' : `in ${goQuote(file)}; `}an Alertmanager file_sd file: promtool check config fails on this, and Prometheus sends no alerts to the Alertmanagers of that group)`;
