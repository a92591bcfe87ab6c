// The linter's own settings, checked: `.monitoring-lint.yml` (its keys, rule ids and levels) and
// the rule ids of inline `# monitoring-lint-disable` comments in every file. A misspelt rule id
// there silently turns nothing off, so it is reported, with the nearest id. Known ids come from
// the caller (the registry), which documents these rules too.
import { isMap, isScalar, parseDocument, type Pair, type Scalar } from 'yaml';
import { closest } from './config/suggest';
import { disableCommentIds, LINT_SETTINGS_FILE, RULE_LEVELS, SCRAPE_INTERVAL_PROBLEM, scrapeIntervalMs } from './settings';
import type { LintDiagnostic, QuickFix, RuleDoc } from './types';

const doc = (id: string, defaultSeverity: RuleDoc['defaultSeverity'], summary: string, badExample: string, goodExample: string): RuleDoc => ({
  id,
  fileKind: 'lint-settings',
  defaultSeverity,
  summary,
  badExample,
  goodExample,
});

export const settingsRules: RuleDoc[] = [
  doc('settings/yaml-syntax', 'error', `${LINT_SETTINGS_FILE} is not valid YAML; the CLI refuses to run with it and the editor ignores it.`, 'rules:\n  rule/record-name-format: [off\n', 'rules:\n  rule/record-name-format: off\n'),
  doc('settings/unknown-key', 'warning', `A top-level key of ${LINT_SETTINGS_FILE} other than \`rules\` and \`scrapeInterval\`: it has no effect.`, 'rule:\n  dashboard/: off\n', 'rules:\n  dashboard/: off\n'),
  doc('settings/invalid-value', 'error', '`scrapeInterval` (the scrape interval rate-window checks assume for rule files that no prometheus.yml gives one) is not a Prometheus duration above zero; the CLI refuses to run with it.', 'scrapeInterval: 30\n', 'scrapeInterval: 30s\n'),
  doc('settings/invalid-level', 'error', 'A rule level other than error, warning, info, hint or off (false is off); the CLI refuses to run with it.', 'rules:\n  rule/rate-window: warn\n', 'rules:\n  rule/rate-window: warning\n'),
  doc(
    'settings/unknown-rule',
    'warning',
    `A rule id or family (\`dashboard/\`) that names no rule, in ${LINT_SETTINGS_FILE} or in a \`# monitoring-lint-disable\` comment: it turns nothing off.`,
    'rules:\n  rule/missing-annotations: off\n',
    'rules:\n  rule/missing-annotation: off\n',
  ),
];

const TOP_LEVEL_KEYS = ['rules', 'scrapeInterval'];

/** A rule id or a family prefix (`dashboard/`): known when some rule has it (or starts with it). */
function isKnown(id: string, known: readonly string[]): boolean {
  return id.endsWith('/') ? known.some((k) => k.startsWith(id)) : known.includes(id);
}

/** The rule id (or family) meant, for one written without its family too (`rate-window`). */
function guessRule(id: string, known: readonly string[]): string | undefined {
  if (id.endsWith('/')) return closest(id, [...new Set(known.map((k) => k.slice(0, k.indexOf('/') + 1)))]);
  if (id.includes('/')) return closest(id, known);
  const name = closest(id, known.map((k) => k.slice(k.indexOf('/') + 1)));
  return name === undefined ? undefined : known.find((k) => k.endsWith(`/${name}`));
}

function unknownRule(id: string, range: { start: number; end: number }, known: readonly string[]): LintDiagnostic {
  const guess = guessRule(id, known);
  const fixes: QuickFix[] | undefined = guess ? [{ title: `Change to ${guess}`, edits: [{ range, newText: guess }] }] : undefined;
  return {
    ruleId: 'settings/unknown-rule',
    severity: 'warning',
    message: `unknown rule ${id.endsWith('/') ? 'family' : 'id'} "${id}"${guess ? `; did you mean ${guess}?` : ''}`,
    range,
    fixes,
  };
}

/** The findings of a `.monitoring-lint.yml`. */
export function checkLintSettingsFile(text: string, known: readonly string[]): LintDiagnostic[] {
  const parsed = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    return [{ ruleId: 'settings/yaml-syntax', severity: 'error', message: e.message.split('\n')[0], range: { start: e.pos[0], end: Math.max(e.pos[0], e.pos[1]) } }];
  }
  const root = parsed.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return [];
  if (!isMap(root)) return [{ ruleId: 'settings/unknown-key', severity: 'warning', message: `${LINT_SETTINGS_FILE} holds a map with the key rules`, range: rangeOf(root) }];
  const out: LintDiagnostic[] = [];
  for (const pair of root.items as Pair[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key === 'scrapeInterval') {
      const v = isScalar(pair.value) ? pair.value.value : pair.value?.toString() ?? null;
      if (scrapeIntervalMs(v) === undefined) {
        out.push({ ruleId: 'settings/invalid-value', severity: 'error', message: `${SCRAPE_INTERVAL_PROBLEM} ${JSON.stringify(v)}`, range: pair.value ? rangeOf(pair.value) : rangeOf(pair.key) });
      }
      continue;
    }
    if (key !== 'rules') {
      const guess = closest(key, TOP_LEVEL_KEYS);
      out.push({
        ruleId: 'settings/unknown-key',
        severity: 'warning',
        message: `unknown key "${key}": ${LINT_SETTINGS_FILE} has only "rules" and "scrapeInterval"${guess ? `; did you mean ${guess}?` : ''}`,
        range: rangeOf(pair.key),
        fixes: guess && isScalar(pair.key) && pair.key.type === 'PLAIN' ? [{ title: `Change to ${guess}`, edits: [{ range: rangeOf(pair.key), newText: guess }] }] : undefined,
      });
      continue;
    }
    const rules = pair.value;
    if (rules === null || (isScalar(rules) && rules.value === null)) continue;
    if (!isMap(rules)) {
      out.push({ ruleId: 'settings/invalid-level', severity: 'error', message: '"rules" must be a map of rule id to level', range: rangeOf(rules) });
      continue;
    }
    for (const rule of rules.items as Pair[]) {
      const id = isScalar(rule.key) ? String(rule.key.value) : '';
      const idRange = rangeOf(rule.key);
      if (!isKnown(id, known)) out.push(unknownRule(id, idRange, known));
      const level = isScalar(rule.value) ? (rule.value as Scalar).value : rule.value;
      if (!RULE_LEVELS.has(level === false ? 'off' : String(level))) {
        out.push({
          ruleId: 'settings/invalid-level',
          severity: 'error',
          message: `rule ${id}: level must be error, warning, info, hint or off, not ${JSON.stringify(isScalar(rule.value) ? rule.value.value : rule.value?.toString() ?? null)}`,
          range: rule.value ? rangeOf(rule.value) : idRange,
        });
      }
    }
  }
  return out;
}

/**
 * The findings for rule ids of `# monitoring-lint-disable` comments that name no rule. A word
 * without a `/` that is near no rule id is left alone: the directive may be quoted in prose (an
 * annotation explaining it), and such a word turns nothing off either way.
 */
export function checkDisableComments(text: string, known: readonly string[]): LintDiagnostic[] {
  return disableCommentIds(text)
    .filter((c) => !isKnown(c.id, known) && (c.id.includes('/') || guessRule(c.id, known) !== undefined))
    .map((c) => unknownRule(c.id, c.range, known));
}

function rangeOf(n: unknown): { start: number; end: number } {
  const r = (n as { range?: [number, number, number] } | null)?.range;
  return r ? { start: r[0], end: Math.max(r[0], r[1]) } : { start: 0, end: 0 };
}
