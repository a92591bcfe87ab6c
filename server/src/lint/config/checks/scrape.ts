// ScrapeConfig.UnmarshalYAML and ScrapeConfig.Validate(global): job name, targets, timeouts,
// protocols, name validation/escaping schemes and the relabel rules under the job's scheme.
import { formatDuration, parseDuration } from '../durations';
import type { QuickFix } from '../../types';
import { goQuote } from '../goText';
import { isValidLabelName } from '../labelNames';
import type { ObjView } from '../objView';
import { loadsSoFar, report, type NameScheme, type WalkContext } from '../walkContext';
import { protocolListError, unknownProtocol } from './protocols';
import { validateRelabelLists } from './relabel';
import { checkStaticTargetRelabeling } from './targetGroups';

export const escapingSchemes = ['allow-utf-8', 'underscores', 'dots', 'values'];

export function durationMs(v: ObjView | undefined, key: string): number | undefined {
  if (!v || !v.has(key)) return undefined;
  const d = parseDuration(v.str(key));
  return d.ok ? d.value : undefined;
}

/** Targets in static_configs must be host:port, not URLs (config.CheckTargetAddress). */
export function checkStaticTargets(v: ObjView, ctx: WalkContext): void {
  if (v.items('relabel_configs').length > 0) return;
  for (const group of v.subList('static_configs')) {
    const items = group.items('targets');
    group.strList('targets').forEach((t, i) => {
      if (!t.includes('/')) return;
      const r = items[i]?.range;
      const hostPort = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/?#]+)/.exec(t)?.[1];
      const fixes = r && hostPort
        ? [{ title: `Use ${hostPort} (set scheme and metrics_path on the job)`, edits: [{ range: { start: r[0], end: r[1] }, newText: JSON.stringify(hostPort) }] }]
        : undefined;
      report(ctx, 'config/target', r ? [r[0], r[1]] : group.anchor, `${goQuote(t)} is not a valid hostname`, 'error', fixes);
    });
  }
}

export function checkStaticGroup(v: ObjView, ctx: WalkContext): void {
  for (const e of v.mapOf('labels')) {
    if (!isValidLabelName(e.keyText, 'utf8')) {
      const r = e.keyNode.range;
      report(ctx, 'config/label-name', r ? [r[0], r[1]] : v.anchor, `${goQuote(e.keyText)} is not a valid label name`);
    }
  }
}

/** Runs once the whole document is walked, since the job's defaults come from `global`. */
export function checkScrapeConfig(v: ObjView, ctx: WalkContext): void {
  ctx.deferred.push(() => validateScrapeConfig(v, ctx));
}

function validateScrapeConfig(v: ObjView, ctx: WalkContext): void {
  const global = ctx.globalView;
  const job = v.str('job_name');
  const forJob = `for scrape config with job name ${goQuote(job)}`;
  if (job === '') report(ctx, 'config/required', v.written('job_name') ? v.keyRange('job_name') : v.anchor, 'job_name is empty');
  checkStaticTargets(v, ctx);
  const interval = durationMs(v, 'scrape_interval') || durationMs(global, 'scrape_interval') || 60_000;
  const timeout = durationMs(v, 'scrape_timeout') ?? 0;
  checkLookback(v, ctx);
  if (timeout > interval) {
    report(ctx, 'config/scrape-timeout', v.keyRange('scrape_timeout'), `scrape timeout greater than scrape interval ${forJob}`, 'error', clampTimeout(v, interval));
  }
  if (v.has('scrape_protocols')) {
    const err = protocolListError(v.strList('scrape_protocols'));
    if (err) report(ctx, 'config/invalid-value', v.valueRange('scrape_protocols'), `${err} ${forJob}`);
  }
  const fallback = v.str('fallback_scrape_protocol');
  const fallbackErr = fallback === '' ? undefined : unknownProtocol(fallback);
  if (fallbackErr) {
    report(ctx, 'config/invalid-value', v.valueRange('fallback_scrape_protocol'), `invalid fallback_scrape_protocol ${forJob}: ${fallbackErr}`);
  }
  const scheme = checkNameSchemes(v, global, ctx);
  if (v.has('scheme') && !['http', 'https'].includes(v.str('scheme'))) {
    report(ctx, 'config/scheme', v.valueRange('scheme'), `scheme ${goQuote(v.str('scheme'))} is neither http nor https; every scrape of this job would fail`, 'warning');
  }
  validateRelabelLists(v, ['relabel_configs', 'metric_relabel_configs'], scheme, ctx);
  // Findings of the relabeling only for a config that Prometheus loads: any error makes them moot.
  const loads = loadsSoFar(ctx);
  if (loads || ctx.onStaticTarget || ctx.onFileSdEntry) checkStaticTargetRelabeling(v, interval, effectiveTimeoutMs(timeout, interval, global), ctx, loads);
}

const DEFAULT_GLOBAL_TIMEOUT_MS = 10_000;

/** The job's scrape timeout as ScrapeConfig.Validate settles it (GlobalConfig's defaults first). */
export function effectiveTimeoutMs(jobTimeoutMs: number, intervalMs: number, global: ObjView | undefined): number {
  if (jobTimeoutMs > 0) return jobTimeoutMs;
  const globalInterval = durationMs(global, 'scrape_interval') || 60_000;
  const globalTimeout = durationMs(global, 'scrape_timeout') || Math.min(DEFAULT_GLOBAL_TIMEOUT_MS, globalInterval);
  return globalTimeout > intervalMs ? intervalMs : globalTimeout;
}

/** Prometheus' default --query.lookback-delta. */
const LOOKBACK_DELTA_MS = 5 * 60_000;

/**
 * promtool's `too-long-scrape-interval` lint: a scrape interval that is not shorter than the
 * lookback delta leaves instants with no sample in reach, so the series blink in and out of
 * queries and alerts. Reported where the interval is written (the job's, or the global one).
 */
export function checkLookback(v: ObjView, ctx: WalkContext): void {
  const interval = durationMs(v, 'scrape_interval');
  if (interval === undefined || interval < LOOKBACK_DELTA_MS) return;
  report(ctx, 'config/scrape-interval-too-long', v.valueRange('scrape_interval'),
    `scrape_interval ${v.str('scrape_interval')} is not shorter than the ${formatDuration(LOOKBACK_DELTA_MS)} lookback delta: between scrapes, queries find no sample and the series look absent`, 'warning');
}

/** Mirrors the validation/escaping scheme resolution in ScrapeConfig.Validate. */
function checkNameSchemes(v: ObjView, global: ObjView | undefined, ctx: WalkContext): NameScheme {
  const globalScheme: NameScheme = ctx.globalScheme;
  const local = v.str('metric_name_validation_scheme');
  const localUnset = local === '';
  const scheme: NameScheme = localUnset ? globalScheme : local === 'legacy' ? 'legacy' : 'utf8';
  let globalEscaping = global?.str('metric_name_escaping_scheme') ?? '';
  if (globalEscaping === '') globalEscaping = globalScheme === 'legacy' ? 'underscores' : 'allow-utf-8';
  else if (!escapingSchemes.includes(globalEscaping)) {
    report(ctx, 'config/invalid-value', global!.valueRange('metric_name_escaping_scheme'),
      `unknown global name escaping method specified, must be one of 'allow-utf-8', 'underscores', 'dots', or 'values', got ${goQuote(globalEscaping)}`);
    return scheme;
  }
  let escaping = v.str('metric_name_escaping_scheme');
  if (escaping === '') escaping = localUnset ? globalEscaping : scheme === 'legacy' ? 'underscores' : 'allow-utf-8';
  if (escaping === 'allow-utf-8' && scheme !== 'utf8') {
    const at = v.has('metric_name_escaping_scheme') ? v.keyRange('metric_name_escaping_scheme')
      : v.has('metric_name_validation_scheme') ? v.keyRange('metric_name_validation_scheme')
      : global?.has('metric_name_escaping_scheme') ? global.keyRange('metric_name_escaping_scheme') : v.anchor;
    report(ctx, 'config/invalid-value', at, 'utf8 metric names requested but validation scheme is not set to UTF8');
  } else if (!escapingSchemes.includes(escaping)) {
    report(ctx, 'config/invalid-value', v.valueRange('metric_name_escaping_scheme'),
      `unknown scrape config name escaping method specified, must be one of 'allow-utf-8', 'underscores', 'dots', or 'values', got ${goQuote(escaping)}`);
  }
  return scheme;
}

/** Quick fix: lower scrape_timeout to the scrape interval. */
export function clampTimeout(v: ObjView, intervalMs: number): QuickFix[] | undefined {
  if (!v.has('scrape_timeout')) return undefined;
  const r = v.valueRange('scrape_timeout');
  const text = formatDuration(intervalMs);
  return [{ title: `Set scrape_timeout to the scrape interval (${text})`, edits: [{ range: { start: r[0], end: r[1] }, newText: text }], safe: true }];
}
