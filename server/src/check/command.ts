// `monitoring-as-code check`: walk files and folders, lint each by its kind, print text, JSON,
// SARIF or GitHub Actions annotations; with --fix, apply the safe quick fixes first. Exit 0 when
// clean, 1 when errors (or what --fail-on names) were found, 2 on usage or I/O errors.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixAll } from '../lint/fixAll';
import { lintFile, scrapeIntervalLookup, type FileReport } from '../lint/index';
import { decodeSource, encodeSource, type SourceEncoding, type SourceFile } from './sourceFile';
import { EMPTY_SETTINGS, LINT_SETTINGS_FILE, parseLintSettings, type LintSettings } from '../lint/settings';
import type { FileKind, Severity } from '../lint/types';
import { formatGithub, formatJson, formatSarif, formatText } from './output';
import { writeErr, writeOut } from './stdio';

const KINDS: FileKind[] = ['prometheus-config', 'rule-file', 'rule-test', 'dashboard', 'promql'];
const WALKED_EXTENSIONS = new Set(['.yml', '.yaml', '.json', '.promql']);
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export class CheckUsageError extends Error {}

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];
/** --fail-on: the least severe finding that makes the exit code 1. */
const FAIL_ON: Severity[] = ['error', 'warning', 'info', 'hint'];

export const CHECK_USAGE = `usage: monitoring-as-code check [options] PATH...

Lints Prometheus configurations, rule files and their unit tests, Grafana dashboards and .promql
files (and .monitoring-lint.yml). Folders are
walked for .yml, .yaml, .json and .promql files; each file's kind is detected from its content.

options:
  --format text|json|sarif|github
                      text: file:line:col severity message [rule-id] (the default); json: with
                      ranges; sarif: SARIF 2.1.0; github: GitHub Actions annotations
  --kind KIND         check every file as prometheus-config, rule-file, rule-test (promtool
                      test rules), dashboard or promql
  --config FILE       settings file (default: the nearest .monitoring-lint.yml)
  --fix               apply the safe quick fixes to the files, then report what is left
  --fail-on SEVERITY  exit 1 on findings of this severity or worse: error (the default),
                      warning, info or hint
  -h, --help          this text

exit status: 0 clean, 1 findings (see --fail-on), 2 usage or I/O errors
`;

interface CheckArgs {
  format: Format;
  kind?: FileKind;
  config?: string;
  fix: boolean;
  failOn: Severity;
  help: boolean;
  paths: string[];
}

function parseArgs(args: string[]): CheckArgs {
  const out: CheckArgs = { format: 'text', fix: false, failOn: 'error', help: false, paths: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') {
      out.help = true;
    } else if (a === '--fix') {
      out.fix = true;
    } else if (a === '--fail-on' || a.startsWith('--fail-on=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!FAIL_ON.includes(v as Severity)) throw new CheckUsageError(`--fail-on must be ${FAIL_ON.join(', ')}, not "${v ?? ''}"`);
      out.failOn = v as Severity;
    } else if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!FORMATS.includes(v as Format)) throw new CheckUsageError(`--format must be ${FORMATS.join(', ')}, not "${v ?? ''}"`);
      out.format = v as Format;
    } else if (a === '--kind' || a.startsWith('--kind=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!KINDS.includes(v as FileKind)) throw new CheckUsageError(`--kind must be one of ${KINDS.join(', ')}, not "${v ?? ''}"`);
      out.kind = v as FileKind;
    } else if (a === '--config' || a.startsWith('--config=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!v) throw new CheckUsageError('--config needs a file');
      out.config = v;
    } else if (a.startsWith('--')) {
      throw new CheckUsageError(`unknown option ${a}`);
    } else out.paths.push(a);
  }
  if (out.paths.length === 0 && !out.help) throw new CheckUsageError('check needs at least one PATH');
  return out;
}

/**
 * Files named on the command line are always checked; folders are walked for known extensions.
 * Returns the bytes added.
 */
function collectFiles(p: string, explicit: boolean, into: string[]): number {
  const st = fs.statSync(p);
  let bytes = 0;
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) {
      if (SKIPPED_DIRS.has(name)) continue;
      bytes += collectFiles(path.join(p, name), false, into);
    }
  } else if (explicit || WALKED_EXTENSIONS.has(path.extname(p).toLowerCase())) {
    into.push(p);
    bytes += st.size;
  }
  return bytes;
}

const SKIPPED = `not checked: not recognised as a Prometheus configuration, rule file, rule test file, Grafana dashboard or PromQL file (--kind ${KINDS.join('|')} says which)`;

/** From this many files or bytes on, a run is worth tuneV8ForBatch (loading node:v8 costs ~10 ms). */
const BATCH_FILES = 16;
const BATCH_BYTES = 256 * 1024;

/**
 * V8 settings for one process checking many files (see BENCHMARKS.md, `check` vs promtool).
 * The work is spread over many functions, each run some thousand times, and the process exits
 * soon: with V8's default tiering hundreds of them go to the optimizing compiler, which costs
 * more CPU than the optimized code saves before exit (about a quarter of the CPU time of
 * checking the 248 corpus files). Eight times the default interrupt budget (67,584 bytes of
 * bytecode per tick) still optimizes the truly hot code, which a run over megabytes of rules
 * needs, and leaves the rest to the baseline compiler.
 * Below SMALL_YOUNG_GENERATION_BYTES of input the young generation also stays at the size it has
 * now (semi-spaces of 1-2 MB) instead of doubling up to 16 MB: more scavenges, but every fresh
 * page of a bigger young generation costs a page fault, and on the VMs this was measured on
 * (about 19 us per fault) growing cost more than the scavenges it saved: 14,300 → 7,400 faults
 * and a quarter of the wall time over the 248 corpus files. On megabytes of rules the growth pays
 * for itself again (about 7% over 3 MB), so larger runs keep V8's default. Both flags are read
 * while running, so setting them now takes effect. Figures: BENCHMARKS.md.
 */
const SMALL_YOUNG_GENERATION_BYTES = 2 * 1024 * 1024;

function tuneV8ForBatch(bytes: number): void {
  // Loaded only here: a one-file run would pay for the module and gain nothing.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const v8 = require('node:v8') as typeof import('node:v8');
  v8.setFlagsFromString('--interrupt-budget=540672');
  if (bytes < SMALL_YOUNG_GENERATION_BYTES) v8.setFlagsFromString('--semi-space-growth-factor=1');
}

export async function runCheck(argv: string[]): Promise<number> {
  let args: CheckArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof CheckUsageError) {
      writeErr(`monitoring-as-code check: ${e.message}\n\n${CHECK_USAGE}`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    writeOut(CHECK_USAGE);
    return 0;
  }
  let settings: LintSettings = EMPTY_SETTINGS;
  const settingsFile = args.config ?? findUp(process.cwd(), LINT_SETTINGS_FILE);
  let settingsText: string | undefined;
  if (settingsFile) {
    let text: string;
    try {
      text = fs.readFileSync(settingsFile, 'utf8');
    } catch (e) {
      writeErr(`monitoring-as-code check: ${settingsFile}: ${(e as Error).message}\n`);
      return 2;
    }
    const parsed = parseLintSettings(text);
    if (parsed.problems.length > 0) {
      for (const p of parsed.problems) writeErr(`monitoring-as-code check: ${p}\n`);
      return 2;
    }
    settings = parsed.settings;
    settingsText = text;
  }
  const files: string[] = [];
  let bytes = 0;
  let ioError = false;
  for (const p of args.paths) {
    try {
      bytes += collectFiles(p, true, files);
    } catch (e) {
      writeErr(`monitoring-as-code check: ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}\n`);
      ioError = true;
    }
  }
  const named = new Set(args.paths);
  // What is wrong with the settings file (a misspelt rule id turns nothing off) is said on stderr,
  // unless the file is among those checked, whose report says it.
  if (settingsFile && settingsText !== undefined && !files.some((f) => path.resolve(f) === path.resolve(settingsFile))) {
    const own = lintFile(settingsFile, settingsText, { kind: 'lint-settings' });
    if (own && own.diagnostics.length > 0) writeErr(formatText([own]));
  }
  // The build's code-cache run (server/bin/monitoring-as-code.js) leaves V8's flags alone: V8 takes
  // a code cache only in a process whose flags were those of the process that wrote it.
  const writingCodeCache = process.env.MONITORING_AS_CODE_CODE_CACHE === 'write';
  if ((files.length >= BATCH_FILES || bytes >= BATCH_BYTES) && !writingCodeCache) tuneV8ForBatch(bytes);
  const reports: FileReport[] = [];
  const scrapeIntervalNear = scrapeIntervalLookup();
  for (const file of files) {
    let source: SourceFile;
    try {
      source = decodeSource(fs.readFileSync(file));
    } catch (e) {
      writeErr(`monitoring-as-code check: ${file}: ${(e as Error).message}\n`);
      ioError = true;
      continue;
    }
    let report = lintFile(file, source.text, { kind: args.kind, settings, scrapeIntervalNear });
    if (report && source.invalidUtf8) report = withEncodingError(report, source.invalidUtf8);
    if (report && args.fix) {
      const fixed = source.invalidUtf8 ? notFixable(report) : fixFile(report, source.encoding, { settings, scrapeIntervalNear });
      if (fixed === undefined) ioError = true;
      else report = fixed;
    }
    if (report) reports.push(report);
    // A file named on the command line is never skipped in silence: CI would believe it checked.
    else if (named.has(file)) writeErr(`monitoring-as-code check: ${file}: ${SKIPPED}\n`);
  }
  const out = FORMATTERS[args.format](reports);
  writeOut(out);
  if (ioError) return 2;
  const worst = FAIL_ON.indexOf(args.failOn);
  return reports.some((r) => r.diagnostics.some((d) => FAIL_ON.indexOf(d.severity) <= worst)) ? 1 : 0;
}

const FORMATTERS: Record<Format, (reports: FileReport[]) => string> = { text: formatText, json: formatJson, sarif: formatSarif, github: formatGithub };

/**
 * --fix: the file with its safe fixes applied (kind kept as first detected), written back when it
 * changed; the report of the fixed text, or undefined when it could not be written.
 */
function fixFile(report: FileReport, encoding: SourceEncoding, options: Parameters<typeof lintFile>[2]): FileReport | undefined {
  const { file, kind } = report;
  let first = true;
  const result = fixAll(report.text, (text) => {
    if (first) {
      first = false;
      return report.diagnostics;
    }
    return lintFile(file, text, { ...options, kind })?.diagnostics ?? [];
  });
  if (result.applied === 0) return report;
  try {
    fs.writeFileSync(file, encodeSource(result.text, encoding));
  } catch (e) {
    writeErr(`monitoring-as-code check: ${file}: fixes not written: ${(e as Error).message}\n`);
    return undefined;
  }
  writeErr(`monitoring-as-code check: ${file}: fixed ${result.applied} problem${result.applied === 1 ? '' : 's'}\n`);
  return { file, kind, text: result.text, diagnostics: result.diagnostics };
}

/** Kinds read as YAML: go-yaml refuses invalid UTF-8 (Go's JSON decoder takes it, as U+FFFD). */
const YAML_SYNTAX_RULE: Partial<Record<FileReport['kind'], string>> = {
  'prometheus-config': 'config/yaml-syntax',
  'rule-file': 'rule/yaml-syntax',
  'rule-test': 'rule-test/yaml-syntax',
};

/** The report with go-yaml's reader error for a file that is not UTF-8, first. */
function withEncodingError(report: FileReport, bad: NonNullable<SourceFile['invalidUtf8']>): FileReport {
  const ruleId = YAML_SYNTAX_RULE[report.kind];
  if (!ruleId) return report;
  const diag = { ruleId, severity: 'error' as const, message: bad.message, range: { start: bad.offset, end: bad.offset + 1 } };
  const diagnostics = [...report.diagnostics, diag].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return { ...report, diagnostics };
}

/** --fix on a file that is not UTF-8: writing the text back would turn its bad bytes into U+FFFD. */
function notFixable(report: FileReport): FileReport {
  if (report.diagnostics.some((d) => d.fixes?.some((f) => f.safe))) {
    writeErr(`monitoring-as-code check: ${report.file}: fixes not written: the file is not valid UTF-8, and writing it would change its other bytes\n`);
  }
  return report;
}

/** The nearest file of that name in dir or above it. */
function findUp(dir: string, name: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const p = path.join(d, name);
    if (fs.existsSync(p)) return p;
    if (path.dirname(d) === d) return undefined;
  }
}
