// Lints a Grafana dashboard: the rules of Grafana's dashboard-linter, plus duplicate panel ids,
// overlapping panels and undefined variables. Never throws: any input gives diagnostics.
import type { ParseOptions } from '../../promql/types';
import { parseDashboard } from '../../documents/dashboardModel';
import type { LintDiagnostic, RuleDoc, Severity } from '../types';
import { DashboardContext, ruleDoc, type DashboardCheck } from './context';
import { dashboardWideRules } from './dashboardRules';
import { panelRules } from './panelRules';
import { targetRules } from './targetRules';
import { templateRules } from './templateRules';
import { ParseErrorCode, printParseErrorCode, visit, type Node } from 'jsonc-parser';
import { prometheusLineCol } from '../../text/utf8';

export interface DashboardLintOptions {
  parseOptions?: ParseOptions;
  /** Rule ids to leave out, e.g. ['dashboard/panel-title-description']. */
  disabledRules?: readonly string[];
  /** Files larger than this (in UTF-16 units) get one diagnostic instead of a lint. Default 8 MiB. */
  maxFileSize?: number;
}

const DEFAULT_MAX_FILE_SIZE = 8 * 1024 * 1024;

/** The checks, in the order their findings are reported. */
export const rules: DashboardCheck[] = [...dashboardWideRules, ...templateRules, ...panelRules, ...targetRules];

const inputRuleDocs: RuleDoc[] = [
  ruleDoc('dashboard/invalid-json', 'error', 'The dashboard is valid JSON, as Grafana reads it: no comments and no trailing commas, which editors often take.', '{"panels": [],}', '{"panels": []}'),
  ruleDoc(
    'dashboard/duplicate-key', 'warning',
    'No object gives a key twice. Grafana reads the last value (JSON.parse on import, Go\'s encoding/json when provisioning) and drops the others without a word; this checker reads the dashboard the same way.',
    '{"title": "Nodes", "panels": [], "title": "Nodes (old)"}',
    '{"title": "Nodes", "panels": []}',
  ),
  ruleDoc('dashboard/not-a-dashboard', 'error', 'The file holds a dashboard object.', '[1, 2]', '{"title": "Nodes", "panels": []}'),
  ruleDoc('dashboard/too-large', 'warning', 'The file is small enough to lint (8 MiB by default).', 'a 10 MB dashboard', 'a 500 KB dashboard'),
  ruleDoc('dashboard/internal-error', 'error', 'A rule failed on this input (a bug to report).', '', ''),
];

export const dashboardRules: RuleDoc[] = [...inputRuleDocs, ...rules.map((r) => r.doc)];

const SEVERITY = new Map<string, Severity>(dashboardRules.map((d) => [d.id, d.defaultSeverity]));

const diag = (ruleId: string, message: string, start: number, end: number): LintDiagnostic => ({
  ruleId, severity: SEVERITY.get(ruleId) ?? 'error', message, range: { start, end },
});

export function checkDashboard(text: string, opts: DashboardLintOptions = {}): LintDiagnostic[] {
  const max = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > max) {
    return [diag('dashboard/too-large', `dashboard not linted: ${(text.length / 1048576).toFixed(1)} MiB is over the ${(max / 1048576).toFixed(1)} MiB limit`, 0, 0)];
  }
  const doc = parseDashboard(text);
  if (doc.tooDeep) return [diag('dashboard/invalid-json', 'invalid JSON: nested too deeply to read (Go\'s encoding/json, which provisions dashboards, refuses more than 10,000 levels)', 0, Math.min(text.length, 1))];
  const out: LintDiagnostic[] = doc.errors.slice(0, 20).map((e) =>
    diag('dashboard/invalid-json', `invalid JSON: ${describeJsonError(printParseErrorCode(e.error))}`, e.offset, e.offset + Math.max(e.length, 1)));
  if (out.length === 0) out.push(...laxJsonFindings(text));
  const disabled = new Set(opts.disabledRules ?? []);
  if (out.length === 0 && !disabled.has('dashboard/duplicate-key')) out.push(...duplicateKeyFindings(doc.root, text));
  if (!doc.dash) {
    if (out.length === 0) out.push(diag('dashboard/not-a-dashboard', 'not a Grafana dashboard: the file does not hold a JSON object', 0, Math.min(text.length, 1)));
    return out;
  }
  let ctx: DashboardContext;
  try {
    ctx = new DashboardContext({ ...doc, dash: doc.dash }, opts.parseOptions);
  } catch (err) {
    return [...out, diag('dashboard/internal-error', `dashboard could not be read: ${String(err)}`, 0, 0)];
  }
  for (const rule of rules) {
    if (disabled.has(rule.doc.id)) continue;
    try {
      for (const f of rule.check(ctx)) {
        const d: LintDiagnostic = { ruleId: rule.doc.id, severity: f.severity ?? rule.doc.defaultSeverity, message: f.message, range: f.range };
        if (f.fixes) d.fixes = f.fixes;
        out.push(d);
      }
    } catch (err) {
      out.push(diag('dashboard/internal-error', `${rule.doc.id} failed: ${String(err)}`, 0, 0));
    }
  }
  return out;
}

/**
 * Comments and trailing commas: the editor's JSON reader takes them, Grafana's does not (Go's
 * encoding/json for provisioned files, JSON.parse on import), so the dashboard would not load.
 */
function laxJsonFindings(text: string): LintDiagnostic[] {
  if (!/,\s*[}\]]|\/[/*]/.test(text) || isStrictJson(text)) return [];
  const out: LintDiagnostic[] = [];
  const refused = 'which Grafana\'s JSON parser refuses: the dashboard would not load';
  visit(text, {
    onComment: (offset, length) => {
      if (out.length < 20) out.push(diag('dashboard/invalid-json', `invalid JSON: a comment, ${refused}`, offset, offset + length));
    },
    onError: (error, offset) => {
      if (out.length >= 20 || (error !== ParseErrorCode.PropertyNameExpected && error !== ParseErrorCode.ValueExpected)) return;
      const comma = text.slice(0, offset).search(/,\s*$/);
      if (comma >= 0 && /^[}\]]/.test(text.slice(offset)) && !out.some((d) => d.range.start === comma)) out.push(diag('dashboard/invalid-json', `invalid JSON: a trailing comma, ${refused}`, comma, comma + 1));
    },
  }, { disallowComments: false, allowTrailingComma: false });
  return out;
}

/** True when JSON.parse reads the text: no comment, no trailing comma. Native, so much faster than a scan. */
function isStrictJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const MAX_DUPLICATE_KEY_FINDINGS = 20;

/** Each key that a later key of the same name in its object overrides, on the overridden key. */
function duplicateKeyFindings(root: Node | undefined, text: string): LintDiagnostic[] {
  const pairs: Array<{ key: Node; kept: Node }> = [];
  const stack: Node[] = root ? [root] : [];
  const seen = new Map<string, Node>();
  while (stack.length > 0) {
    const node = stack.pop()!;
    const children = node.children;
    if (!children) continue;
    if (node.type === 'array') {
      for (let i = children.length - 1; i >= 0; i--) if (children[i].children) stack.push(children[i]);
      continue;
    }
    if (node.type !== 'object') continue;
    seen.clear();
    // From the last key back: the last of a name is the one read.
    for (let i = children.length - 1; i >= 0; i--) {
      const value = children[i].children?.[1];
      if (value?.children) stack.push(value);
      const key = children[i].children?.[0];
      if (key?.type !== 'string') continue;
      const kept = seen.get(key.value as string);
      if (kept === undefined) seen.set(key.value as string, key);
      else pairs.push({ key, kept });
    }
  }
  pairs.sort((a, b) => a.key.offset - b.key.offset);
  return pairs.slice(0, MAX_DUPLICATE_KEY_FINDINGS).map(({ key, kept }) => diag(
    'dashboard/duplicate-key',
    `duplicate key "${key.value as string}": Grafana reads the one on line ${prometheusLineCol(text, kept.offset).line} and ignores this one`,
    key.offset, key.offset + key.length,
  ));
}

function describeJsonError(code: string): string {
  // jsonc-parser's codes (e.g. CommaExpected) read better as words.
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
