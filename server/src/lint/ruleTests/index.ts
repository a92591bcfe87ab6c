// `promtool test rules` files: decoded as promtool decodes them (go-yaml v2, strict: the config
// checker's walker over this file's schema), then what promtool refuses before evaluating anything
// (an alert test without alertname, a group named twice in group_eval_order, PromQL and series it
// cannot parse) and, offline, an alertname no rule file of the test defines (a test that can only
// fail, or with no expected alerts pass for the wrong reason), and expected alerts whose labels or
// annotations their rule can never give.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Scalar } from 'yaml';
import { offsetMapper } from '../../documents/positionMap';
import { mapYamlScalar } from '../../documents/yamlScalar';
import { documentedType } from '../../promql/ast';
import { formatDurationMs } from '../../promql/goFormatting';
import { parseDuration } from '../../promql/durations';
import { parsePromQL } from '../../promql/parse';
import type { ParseOptions } from '../../promql/types';
import { prometheusLineCol, utf8ByteOffset } from '../../text/utf8';
import { decodeWithSchema } from '../config/checkConfig';
import { goQuote } from '../config/goText';
import { defaultIncludedFileHooks } from '../config/includedScrapeConfigs';
import { errorsOf, firstRuleFileError } from '../config/loadedRuleFiles';
import { closest } from '../config/suggest';
import { struct } from '../config/schema/types';
import { walk } from '../config/walker';
import type { LintDiagnostic, RuleDoc, Severity } from '../types';
import { unitTestFile } from './schema';
import { resultType } from '../rules/quality/astUtil';
import { asWritten, stringMap, testedAlertingRules, type AlertingRule } from './ruleFiles';
import { inputSeriesLineProblem, metricProblem, type NotationProblem } from './seriesDesc';

const doc = (id: string, defaultSeverity: Severity, summary: string, badExample: string, goodExample: string): RuleDoc => ({
  id,
  fileKind: 'rule-test',
  defaultSeverity,
  summary,
  badExample,
  goodExample,
});

const GOOD = 'rule_files: [alerts.yml]\ntests:\n  - interval: 1m\n    input_series:\n      - series: up{job="api"}\n        values: 1 0x10\n    alert_rule_test:\n      - eval_time: 10m\n        alertname: ApiDown\n        exp_alerts:\n          - exp_labels: {job: api}\n';

export const ruleTestRules: RuleDoc[] = [
  doc('rule-test/yaml-syntax', 'error', 'The file is not valid YAML, so promtool cannot read it.', 'tests:\n  - interval: [1m\n', GOOD),
  doc('rule-test/decode', 'error', 'promtool decodes the file strictly: an unknown field, a value of the wrong kind or a bad duration fails the whole file.', 'tests:\n  - intervall: 1m\n', GOOD),
  doc('rule-test/missing-rule-file', 'warning', 'A rule_files entry that names no file (relative to the test file); promtool warns and tests nothing of it.', 'rule_files: [missing.yml]\ntests: []\n', GOOD),
  doc('rule-test/missing-alertname', 'error', 'An alert_rule_test item without alertname, which promtool refuses.', 'tests:\n  - alert_rule_test:\n      - eval_time: 5m\n', GOOD),
  doc('rule-test/unknown-alert', 'warning', "An alert_rule_test alertname that no alerting rule of the test's rule files has: the test can only fail, or, expecting no alerts, passes without testing anything.", GOOD.replace('ApiDown', 'ApiDwn'), GOOD),
  doc(
    'rule-test/expected-alert',
    'warning',
    "An expected alert that its rule can never produce: promtool compares every label and annotation, so a label the rule always sets (with a fixed value) missing or different, or annotations other than the rule's, fail the test whatever the series (templated values are not compared).",
    `# alerts.yml: ApiDown has labels: {severity: page}\n${GOOD}`,
    `# alerts.yml: ApiDown has labels: {severity: page}\n${GOOD.replace('{job: api}', '{job: api, severity: page}')}`,
  ),
  doc(
    'rule-test/rule-file',
    'error',
    'A rule file the test loads has errors (or is a directory): promtool fails before running any test. The first error is shown on the rule_files entry that names the file, in the words of `promtool check rules`. With no test group, promtool loads no rule file, and neither is this reported.',
    `# broken.yml: groups: [{name: g, rules: [{alert: Down, expr: "up =="}]}]\nrule_files: [broken.yml]\ntests:\n  - interval: 1m\n`,
    `# alerts.yml: groups: [{name: g, rules: [{alert: Down, expr: "up == 0"}]}]\nrule_files: [alerts.yml]\ntests:\n  - interval: 1m\n`,
  ),
  doc('rule-test/group-order', 'error', 'A group named twice in group_eval_order, which promtool refuses.', 'group_eval_order: [a, a]\ntests: []\n', 'group_eval_order: [a, b]\ntests: []\n'),
  doc('rule-test/promql-invalid', 'error', 'A promql_expr_test expr that does not parse or type-check, as Prometheus reports it.', 'tests:\n  - promql_expr_test:\n      - expr: sum(rate(up[5m])\n        eval_time: 5m\n', 'tests:\n  - promql_expr_test:\n      - expr: sum(rate(up[5m]))\n        eval_time: 5m\n'),
  doc('rule-test/series-invalid', 'error', "An input series, its values or an expected sample's labels that promtool cannot read: a metric with label=\"value\" pairs, and values such as 1+2x3, _x2 or stale.", 'tests:\n  - input_series:\n      - series: up{job=~"api"}\n        values: 1 2 3x\n', 'tests:\n  - input_series:\n      - series: up{job="api"}\n        values: 1 2 3x2\n'),
  doc(
    'rule-test/series-not-loaded',
    'warning',
    'An input series that ends promtool\'s load command early, so that the series after it in the group are not loaded and the test runs without them, silently: a series written as a comment (`# up{job="b"}`), an empty one, or values with a blank line, or ending in a line break as a `|` block scalar does.',
    'tests:\n  - input_series:\n      - series: "# up{job=\\"b\\"}"\n        values: 1 1\n      - series: up{job="a"}\n        values: 1 1\n',
    'tests:\n  - input_series:\n      - series: up{job="a"}\n        values: 1 1\n      # - series: up{job="b"}\n',
  ),
  doc('rule-test/internal', 'error', 'The checker itself failed on this input; the message says why. Please report it.', '', ''),
];

/** The config walker's findings, under this file kind's ids. */
const RULE_IDS: Record<string, string> = {
  'config/yaml-syntax': 'rule-test/yaml-syntax',
  'config/missing-file': 'rule-test/missing-rule-file',
};
/** Everything else the strict decoder refuses (unknown fields, kinds, durations, size). */
const DECODE = 'rule-test/decode';

export interface RuleTestCheckOptions {
  /** Absolute path of the file: rule_files resolve against its directory. */
  filePath?: string;
  parseOptions?: ParseOptions;
  /** Reads a rule file (default: node:fs); undefined when unreadable. */
  readFile?: (absPath: string) => string | undefined;
}

export function checkRuleTestFile(text: string, opts: RuleTestCheckOptions = {}): LintDiagnostic[] {
  try {
    return run(text, opts);
  } catch (e) {
    const message = `internal error while checking this test file: ${e instanceof Error ? e.message : String(e)}`;
    return [{ ruleId: 'rule-test/internal', severity: 'error', message, range: { start: 0, end: 0 } }];
  }
}

function run(text: string, opts: RuleTestCheckOptions): LintDiagnostic[] {
  const decoded = decodeWithSchema(text, { filePath: opts.filePath }, (d, ctx) => walk({ doc: d, ctx }, d.contents, struct(() => unitTestFile), [0, 0]));
  const out = decoded.diagnostics.map((d) => ({ ...d, ruleId: RULE_IDS[d.ruleId] ?? DECODE }));
  // promtool stops at anything it cannot decode; what follows needs the decoded file.
  if (!decoded.decoded || out.some((d) => d.severity === 'error')) return out;
  const parsed = parseDocument(text, { keepSourceTokens: true, uniqueKeys: false });
  if (parsed.errors.length > 0) return out;
  out.push(...semanticFindings(text, parsed, opts));
  return out.sort((a, b) => a.range.start - b.range.start);
}

const get = (map: unknown, key: string): Node | undefined => (isMap(map) ? (map.get(key, true) as Node | undefined) : undefined);
const items = (seq: unknown): Node[] => (isSeq(seq) ? (seq.items as Node[]) : []);
const str = (n: unknown): string | undefined => (isScalar(n) && n.value !== null ? String(n.value) : undefined);
const rangeOf = (n: unknown, fallback = { start: 0, end: 0 }) => {
  const r = (n as { range?: [number, number, number] } | undefined)?.range;
  return r ? { start: r[0], end: Math.max(r[0], r[1]) } : fallback;
};

function semanticFindings(text: string, parsed: Document, opts: RuleTestCheckOptions): LintDiagnostic[] {
  const out: LintDiagnostic[] = [];
  const root = parsed.contents;
  const order = items(get(root, 'group_eval_order'));
  const seen = new Set<string>();
  for (const g of order) {
    const name = str(g) ?? '';
    if (seen.has(name)) {
      out.push({ ruleId: 'rule-test/group-order', severity: 'error', message: `group name repeated in evaluation order: ${name}`, range: rangeOf(g) });
      break; // promtool stops at the first
    }
    seen.add(name);
  }
  const reader = ruleFileReader(opts.readFile);
  // promtool loads the rule files for each test group: with none, it reads none of them.
  if (opts.filePath && items(get(root, 'tests')).length > 0) for (const entry of items(get(root, 'rule_files'))) ruleFileFindings(entry, opts.filePath, reader, out);
  const alerts = opts.filePath ? testedAlertingRules(opts.filePath, items(get(root, 'rule_files')).map(str), reader.read) : undefined;
  for (const group of items(get(root, 'tests'))) {
    const groupName = str(get(group, 'name'));
    const inputSeries = items(get(group, 'input_series'));
    for (let k = 0; k < inputSeries.length; k++) {
      // promtool writes each `series values` as a line of one load command: positions in messages
      // count from the start of that line. A blank or `#` line ends the command, and promtool then
      // loads none of the series after it, silently.
      const s = inputSeries[k];
      const seriesNode = get(s, 'series');
      const valuesNode = get(s, 'values');
      const series = isMap(s) ? asWritten(seriesNode) : '';
      if (series.trim().startsWith('#')) {
        out.push(notLoadedFinding(text, seriesNode!, inputSeries.length - 1 - k, 'comment'));
        break;
      }
      seriesLineFinding(text, seriesNode, valuesNode, out);
      const values = isMap(s) ? asWritten(valuesNode) : '';
      const ends = loadEnding(series, values);
      if (ends && k < inputSeries.length - 1) {
        const at = ends === 'empty' ? s : valuesNode ?? s;
        out.push(notLoadedFinding(text, at, inputSeries.length - 1 - k, ends));
        break;
      }
    }
    for (const t of items(get(group, 'alert_rule_test'))) {
      const nameNode = get(t, 'alertname');
      const alertname = str(nameNode) ?? '';
      if (alertname === '') {
        const evalTime = formatDurationMs(durationMs(str(get(t, 'eval_time'))));
        const where = groupName ? ` (in TestGroup ${groupName})` : '';
        out.push({
          ruleId: 'rule-test/missing-alertname',
          severity: 'error',
          message: `an item under alert_rule_test misses required attribute alertname at eval_time ${evalTime}${where}`,
          range: nameNode ? rangeOf(nameNode) : firstLine(text, rangeOf(t)),
        });
        continue;
      }
      const rules = alerts?.get(alertname);
      if (alerts && !rules) {
        const guess = closest(alertname, alerts.keys());
        const range = mapped(text, nameNode) ?? rangeOf(nameNode);
        out.push({
          ruleId: 'rule-test/unknown-alert',
          severity: 'warning',
          message: `no alerting rule named "${alertname}" in the rule files of this test${guess ? `; did you mean ${guess}?` : ''}`,
          range,
          fixes: guess && isScalar(nameNode) && nameNode.type === 'PLAIN' ? [{ title: `Change to ${guess}`, edits: [{ range, newText: guess }] }] : undefined,
        });
      }
      if (rules) for (const expected of items(get(t, 'exp_alerts'))) expectedAlertFindings(text, alertname, expected, rules, out);
    }
    for (const c of items(get(group, 'promql_expr_test'))) {
      promqlFindings(text, get(c, 'expr'), opts.parseOptions, out);
      for (const s of items(get(c, 'exp_samples'))) labelsFinding(text, get(s, 'labels'), out);
    }
  }
  return out;
}

type RuleFileReader = ReturnType<typeof ruleFileReader>;

/** Reads each rule file once for both its uses (its errors, its alerts), noting directories: Go's read fails on them. */
function ruleFileReader(custom: RuleTestCheckOptions['readFile']) {
  const texts = new Map<string, string | undefined>();
  const directories = new Set<string>();
  const read = (file: string): string | undefined => {
    if (texts.has(file)) return texts.get(file);
    let text: string | undefined;
    try {
      text = custom ? custom(file) : fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EISDIR') directories.add(file);
      text = undefined; // not there: rule-test/missing-rule-file
    }
    texts.set(file, text);
    return text;
  };
  return { read, isDirectory: (file: string): boolean => directories.has(file) };
}

/** promtool loads the rule files before any test: the first error of each, on the entry naming it. */
function ruleFileFindings(entry: Node, testFile: string, reader: RuleFileReader, out: LintDiagnostic[]): void {
  const pattern = str(entry);
  if (!pattern) return;
  const base = path.dirname(testFile);
  let files: string[];
  try {
    files = defaultIncludedFileHooks.expandGlob(path.resolve(base, pattern));
  } catch {
    return; // a malformed pattern: the walker reports it
  }
  for (const file of files) {
    const name = path.relative(base, file) || '.';
    const text = reader.read(file);
    if (reader.isDirectory(file)) {
      out.push({ ruleId: 'rule-test/rule-file', severity: 'error', message: `${name}: read ${name}: is a directory`, range: rangeOf(entry) });
      continue;
    }
    if (text === undefined) continue;
    const errors = errorsOf(file, text, 'utf8');
    if (errors.length > 0) out.push({ ruleId: 'rule-test/rule-file', severity: 'error', message: firstRuleFileError(name, text, errors), range: rangeOf(entry) });
  }
}

/** The first line of a range: where a finding about a whole block goes. */
function firstLine(text: string, r: { start: number; end: number }): { start: number; end: number } {
  const nl = text.indexOf('\n', r.start);
  return { start: r.start, end: nl < 0 || nl > r.end ? r.end : nl };
}

function durationMs(s: string | undefined): number {
  if (s === undefined) return 0;
  const d = parseDuration(s);
  return d.ms ?? 0;
}

/** The value's characters in the file, for a scalar the yaml package read with its source tokens. */
function mapped(text: string, node: Node | undefined): { start: number; end: number } | undefined {
  if (!isScalar(node)) return undefined;
  const m = mapYamlScalar(text, node as Scalar);
  return m ? m.range : undefined;
}

/**
 * An expected sample's labels, read as ParseMetric reads them (metricProblem), the finding placed on
 * their characters, its message saying where as promtool does (`1:5: parse error: ...`).
 */
function labelsFinding(text: string, node: Node | undefined, out: LintDiagnostic[]): void {
  // A null value (~, null, nothing) is read as an empty string.
  if (!isScalar(node) || node.value === null) return;
  const m = mapYamlScalar(text, node as Scalar);
  if (!m) return;
  const p = metricProblem(m.text);
  if (!p) return;
  const at = offsetMapper(m.offsets, m.range.end);
  const { line, col } = prometheusLineCol(m.text, p.at ?? p.start);
  out.push({ ruleId: 'rule-test/series-invalid', severity: 'error', message: `${line}:${col}: parse error: ${p.message}`, range: { start: at(p.start), end: at(Math.max(p.start, p.end)) } });
}

/**
 * What in one input series ends promtool's load command early: an empty series (nothing on its
 * line), or a blank or `#` line in its values (values ending in a line break, as a `|` block scalar
 * does). Undefined when its lines all belong to the command.
 */
function loadEnding(series: string, values: string): 'empty' | 'line-break' | 'blank-line' | undefined {
  const lines = `${series} ${values}`.split('\n').map((l) => l.trim());
  if (lines[0] === '') return 'empty';
  if (lines.length > 1 && lines[lines.length - 1] === '' && lines.slice(1, -1).every((l) => l !== '' && !l.startsWith('#'))) return 'line-break';
  return lines.slice(1).some((l) => l === '' || l.startsWith('#')) ? 'blank-line' : undefined;
}

const NOT_LOADED_CAUSE = {
  comment: 'promtool reads a series starting with # as a comment, which ends its load command',
  empty: 'an empty input series leaves a blank line in promtool\'s load command, which ends it',
  'line-break': 'these values end with a line break (a `|` block scalar does; `|-` does not), and the blank line it leaves ends promtool\'s load command',
  'blank-line': 'a blank or # line in these values ends promtool\'s load command',
} as const;

/** Reported once, on the series that ends the load command: what is not loaded after it. */
function notLoadedFinding(text: string, node: Node, after: number, cause: keyof typeof NOT_LOADED_CAUSE): LintDiagnostic {
  const lost = cause === 'comment'
    ? (after === 0 ? 'this series is not loaded' : `neither this series nor the ${after} after it ${after === 1 ? 'is' : 'are'} loaded`)
    : `the ${after === 1 ? 'series' : `${after} series`} after it ${after === 1 ? 'is' : 'are'} not loaded`;
  return {
    ruleId: 'rule-test/series-not-loaded',
    severity: 'warning',
    message: `${NOT_LOADED_CAUSE[cause]}: ${lost}`,
    range: mapped(text, node) ?? firstLine(text, rangeOf(node)),
  };
}

/**
 * An input series with its values, read as promtool reads them (seriesDesc.ts,
 * inputSeriesLineProblem): the finding goes on the series or on the values, wherever the reading
 * stops, with promtool's line:col (always line 1: each line is read on its own).
 */
function seriesLineFinding(text: string, seriesNode: Node | undefined, valuesNode: Node | undefined, out: LintDiagnostic[]): void {
  const series = isScalar(seriesNode) && seriesNode.value !== null ? mapYamlScalar(text, seriesNode as Scalar) : null;
  const values = isScalar(valuesNode) && valuesNode.value !== null ? mapYamlScalar(text, valuesNode as Scalar) : null;
  const seriesText = series?.text ?? '';
  const joined = `${seriesText} ${values?.text ?? ''}`;
  if (joined.trim() === '') return;
  const p = inputSeriesLineProblem(seriesText, values?.text ?? '');
  if (!p) return;
  const base = seriesText.length + 1;
  const inValues = values !== null && (p.at ?? p.start) >= base;
  const m = inValues ? values : series;
  if (!m) return;
  const shift = inValues ? base : 0;
  const at = offsetMapper(m.offsets, m.range.end);
  // promtool's column: UTF-8 bytes from the start of the trimmed line.
  const lead = joined.length - joined.trimStart().length;
  const column = p.column ?? utf8ByteOffset(joined.slice(lead), (p.at ?? p.start) - lead) + 1;
  out.push({
    ruleId: 'rule-test/series-invalid',
    severity: 'error',
    message: p.bare ? p.message : `1:${column}: parse error: ${p.message}`,
    range: { start: at(Math.max(p.start, shift) - shift), end: at(Math.max(p.start, shift, Math.min(p.end, shift + m.text.length)) - shift) },
  });
}

function promqlFindings(text: string, node: Node | undefined, parseOptions: ParseOptions | undefined, out: LintDiagnostic[]): void {
  const m = isScalar(node) ? mapYamlScalar(text, node as Scalar) : null;
  const expr = m ? m.text : str(node) ?? '';
  const { errors, expr: ast } = parsePromQL(expr, parseOptions);
  if (errors.length === 0) {
    // promtool evaluates it as an instant query and fails the test on a range vector or a string.
    const type = ast ? resultType(ast) : 'none';
    if (type === 'matrix' || type === 'string') {
      out.push({
        ruleId: 'rule-test/promql-invalid',
        severity: 'error',
        message: `rule result is not a vector or scalar: the expression gives a ${documentedType(type)}, and promtool fails the test`,
        range: m ? m.range : rangeOf(node),
      });
    }
    return;
  }
  const e = errors[0];
  const at = m ? offsetMapper(m.offsets, m.range.end) : () => rangeOf(node).start;
  const { line, col } = prometheusLineCol(expr, e.range.start);
  out.push({
    ruleId: 'rule-test/promql-invalid',
    severity: 'error',
    message: `${line}:${col}: parse error: ${e.message}`,
    range: m ? { start: at(e.range.start), end: at(Math.max(e.range.start, e.range.end)) } : rangeOf(node),
  });
}

/**
 * An expected alert that no rule of its name can produce, so promtool fails the test whatever the
 * series: a label the rule always sets (with a fixed value) missing or different, or annotations
 * other than the rule's (promtool compares all of them; templated values are not compared here).
 */
function expectedAlertFindings(text: string, alertname: string, expected: Node, rules: AlertingRule[], out: LintDiagnostic[]): void {
  const labelsNode = get(expected, 'exp_labels');
  const annotationsNode = get(expected, 'exp_annotations');
  const labels = stringMap(labelsNode);
  const annotations = stringMap(annotationsNode);
  const problems = rules.map((r) => {
    const p: string[] = [];
    for (const [k, v] of r.labels) {
      if (v === '') continue; // Prometheus drops a label with an empty value
      const fixed = !v.includes('{{');
      if (!labels.has(k)) p.push(`label ${k}${fixed ? `="${v}"` : ''}, which the rule sets, is not expected`);
      else if (fixed && labels.get(k) !== v) p.push(`label ${k} is expected as "${labels.get(k)}", but the rule sets "${v}"`);
    }
    for (const [k, v] of r.annotations) {
      if (!annotations.has(k)) p.push(`annotation ${k}, which the rule sets, is not expected`);
      else if (!v.includes('{{') && annotations.get(k) !== v) p.push(`annotation ${k} is expected as "${annotations.get(k)}", but the rule sets "${v}"`);
    }
    for (const k of annotations.keys()) if (!r.annotations.has(k)) p.push(`annotation ${k} is expected, but the rule sets none of that name`);
    return p;
  });
  if (problems.some((p) => p.length === 0)) return;
  out.push({
    ruleId: 'rule-test/expected-alert',
    severity: 'warning',
    message: `promtool compares every label and annotation: ${problems[0].join('; ')} (alert ${alertname})`,
    range: firstLine(text, rangeOf(labelsNode ?? annotationsNode ?? expected)),
  });
}
