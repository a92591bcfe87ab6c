// Lints a Prometheus rule file: everything `promtool check rules` checks (decode.ts, validate.ts),
// then quality checks in the spirit of pint (quality/). Never throws: any input gives diagnostics.
import type { ParseOptions } from '../../promql/types';
import type { LintDiagnostic, RuleDoc, Severity } from '../types';
import type { CheckOptions, RuleContext } from './context';
import { decodeRuleFile } from './decode';
import type { Finding } from './model';
import type { NameValidationScheme } from './names';
import { absentWithoutFor, alertNameStyle, alertWithoutCondition, missingAnnotation, resultTypeCheck, sampledAlert, templatedLabelValue } from './quality/alerts';
import { counterWithoutRate } from './quality/counters';
import { duplicateRule, emptyGroup } from './quality/duplicates';
import { impossibleMatcher, redundantRegex } from './quality/matchers';
import { recordNameFormat } from './quality/naming';
import { useRecordingRule } from './quality/recordedExpressions';
import { templateUnknownLabel } from './quality/templateLabels';
import { impossibleVectorMatch } from './quality/vectorMatching';
import type { RuleCheck } from './quality/types';
import { rateOverAggregation, rateWindow } from './quality/windows';
import { syntaxRuleDocs } from './syntaxRules';
import { validateDocument } from './validate';

export interface RuleFileOptions {
  filePath?: string;
  /** The scrape interval the rate-window check assumes; Prometheus' default is 1m. */
  scrapeIntervalMs?: number;
  parseOptions?: ParseOptions;
  /** Prometheus 3 accepts UTF-8 names; 'legacy' applies the old [a-zA-Z_][a-zA-Z0-9_]* rules. */
  nameValidationScheme?: NameValidationScheme;
  /** Files larger than this (in UTF-16 units) get one diagnostic instead of a lint. Default 4 MiB. */
  maxFileSize?: number;
}

export const DEFAULT_SCRAPE_INTERVAL_MS = 60_000;
// Real rule files are far smaller (kube-prometheus' largest: 90 kB); linting costs about 3 s per MB.
const DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024;

/** The quality checks, in the order their findings are reported. */
export const qualityChecks: RuleCheck[] = [
  resultTypeCheck, rateWindow, rateOverAggregation, counterWithoutRate, alertWithoutCondition, absentWithoutFor, sampledAlert,
  redundantRegex, impossibleMatcher, impossibleVectorMatch, duplicateRule, useRecordingRule, recordNameFormat, alertNameStyle, missingAnnotation,
  templatedLabelValue, templateUnknownLabel, emptyGroup,
];

export const ruleFileRules: RuleDoc[] = [...syntaxRuleDocs, ...qualityChecks.map((c) => c.doc)];

const SEVERITY = new Map<string, Severity>(ruleFileRules.map((d) => [d.id, d.defaultSeverity]));

function toDiagnostic(f: Finding): LintDiagnostic {
  const d: LintDiagnostic = { ruleId: f.ruleId, severity: SEVERITY.get(f.ruleId) ?? 'warning', message: f.message, range: f.range };
  if (f.fixes) d.fixes = f.fixes;
  return d;
}

export function checkRuleFile(text: string, opts: RuleFileOptions = {}): LintDiagnostic[] {
  const max = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > max) {
    return [toDiagnostic({
      ruleId: 'rule/too-large',
      message: `file not linted: ${(text.length / 1048576).toFixed(1)} MiB is over the ${(max / 1048576).toFixed(1)} MiB limit`,
      range: { start: 0, end: 0 },
    })];
  }
  const checkOpts: CheckOptions = {
    scrapeIntervalMs: opts.scrapeIntervalMs && opts.scrapeIntervalMs > 0 ? opts.scrapeIntervalMs : DEFAULT_SCRAPE_INTERVAL_MS,
    scrapeIntervalIsDefault: !(opts.scrapeIntervalMs && opts.scrapeIntervalMs > 0),
    parseOptions: opts.parseOptions ?? {},
  };
  try {
    return lint(text, checkOpts, opts.nameValidationScheme ?? 'utf8').map(toDiagnostic);
  } catch (e) {
    // A bug of ours must not take the editor down: report it where the user can see it.
    return [{
      ruleId: 'rule/yaml-syntax',
      severity: 'warning',
      message: `internal error while linting this file: ${e instanceof Error ? e.message : String(e)}`,
      range: { start: 0, end: 0 },
    }];
  }
}

/**
 * What `promtool check rules` (and `check config`, for the rule files it loads) fails on: the
 * decoder's and validator's errors, without the quality checks.
 */
/** A rule file's error, with promtool's own wording of it when that has another shape (Finding.upstream). */
export type RuleFileError = LintDiagnostic & { upstream?: string };

export function ruleFileErrors(text: string, opts: Pick<RuleFileOptions, 'filePath' | 'parseOptions' | 'nameValidationScheme' | 'maxFileSize'> = {}): RuleFileError[] {
  if (text.length > (opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE)) return [];
  try {
    const { documents, findings } = decodeRuleFile(text);
    for (let i = 0; i < documents.length; i++) validateDocument(text, documents[i], { scheme: opts.nameValidationScheme ?? 'utf8', parseOptions: opts.parseOptions ?? {} }, findings);
    const out: RuleFileError[] = [];
    for (const f of findings) {
      const d: RuleFileError = toDiagnostic(f);
      if (d.severity !== 'error') continue;
      if (f.upstream !== undefined) d.upstream = f.upstream;
      out.push(d);
    }
    return out;
  } catch {
    return []; // the rule file's own check reports it
  }
}

function lint(text: string, opts: CheckOptions, scheme: NameValidationScheme): Finding[] {
  const { documents, findings } = decodeRuleFile(text);
  // Index loops and append() rather than for-of and push(...): this runs once per check and rule,
  // mostly interpreted in the CLI, where each for-of step and spread allocates iterator objects.
  const contexts: RuleContext[] = [];
  for (let i = 0; i < documents.length; i++) {
    append(contexts, validateDocument(text, documents[i], { scheme, parseOptions: opts.parseOptions }, findings));
  }
  const quality: Finding[] = [];
  for (let k = 0; k < qualityChecks.length; k++) {
    const c = qualityChecks[k];
    if (c.checkGroup) {
      for (let i = 0; i < documents.length; i++) {
        const groups = documents[i].groups;
        for (let j = 0; j < groups.length; j++) append(quality, c.checkGroup(groups[j]));
      }
    }
    if (c.check) for (let i = 0; i < contexts.length; i++) append(quality, c.check(contexts[i], opts));
    if (c.checkFile) append(quality, c.checkFile(contexts, opts));
  }
  quality.sort((a, b) => a.range.start - b.range.start);
  return append(findings.slice(), quality);
}

function append<T>(into: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) into.push(items[i]);
  return into;
}
