// Every lint rule the project has, gathered from each file kind's list. docs/rules.md is generated
// from this registry (scripts/generate-rules-doc.ts), and a test keeps the two identical.
import { configRules } from './config/index';
import { dashboardRules } from './dashboards/index';
import { IMPOSSIBLE_MATCH_BAD, IMPOSSIBLE_MATCH_GOOD, IMPOSSIBLE_MATCH_SUMMARY } from './promql/impossibleMatch';
import { ruleFileRules } from './rules/index';
import { ruleTestRules } from './ruleTests/index';
import { settingsRules } from './settingsFile';
import type { RuleDoc } from './types';

export const promqlFileRules: RuleDoc[] = [
  {
    id: 'promql/syntax',
    fileKind: 'promql',
    defaultSeverity: 'error',
    summary: 'The expression parses and type-checks as Prometheus would, with its message at the same place.',
    badExample: 'sum(rate(http_requests_total[5m])',
    goodExample: 'sum(rate(http_requests_total[5m]))',
  },
  {
    id: 'promql/impossible-vector-match',
    fileKind: 'promql',
    defaultSeverity: 'warning',
    summary: IMPOSSIBLE_MATCH_SUMMARY,
    badExample: IMPOSSIBLE_MATCH_BAD,
    goodExample: IMPOSSIBLE_MATCH_GOOD,
  },
];

export const allRules: RuleDoc[] = [...configRules, ...ruleFileRules, ...ruleTestRules, ...dashboardRules, ...promqlFileRules, ...settingsRules];

/** Every rule id, for the checks of rule ids in settings and disable comments. */
export const allRuleIds: readonly string[] = allRules.map((r) => r.id);

export function ruleAnchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

const KIND_TITLES: Record<RuleDoc['fileKind'], string> = {
  'prometheus-config': 'Prometheus configuration (prometheus.yml)',
  'rule-file': 'Rule files',
  'rule-test': 'Rule unit test files (promtool test rules)',
  dashboard: 'Grafana dashboards',
  promql: 'PromQL files (.promql)',
  'lint-settings': 'Lint settings (.monitoring-lint.yml and disable comments)',
};

function fence(code: string): string {
  if (code.trim() === '') return '_(none)_\n';
  const lang = code.trimStart().startsWith('{') || code.trimStart().startsWith('[') ? 'json' : /^\s*[\w-]+:/m.test(code) ? 'yaml' : 'promql';
  return '```' + lang + '\n' + code.replace(/\n+$/, '') + '\n```\n';
}

/**
 * The rules whose findings come with quick fixes: `safe` ones (QuickFix.safe: `check --fix` and
 * Fix All apply them) or only fixes to `review`. fixAll.test.ts checks this list against the
 * fixes the rules give on the corpus, the fixtures and the examples.
 */
export const RULE_FIXES: Readonly<Record<string, 'safe' | 'review'>> = {
  'config/unknown-key': 'review',
  'config/duration': 'review',
  'config/target': 'review',
  'config/scrape-timeout': 'safe',
  'config/ignored-key': 'review',
  'rule/unknown-field': 'review',
  'rule/recording-rule-field': 'review',
  'rule/redundant-regex': 'safe',
  'rule/impossible-vector-match': 'review',
  'rule-test/decode': 'review',
  'rule-test/unknown-alert': 'review',
  'dashboard/uneditable': 'safe',
  'dashboard/template-on-time-change-reload': 'safe',
  'dashboard/target-rate-interval': 'review',
  'promql/impossible-vector-match': 'review',
  'settings/unknown-key': 'review',
  'settings/unknown-rule': 'review',
};

function fixSentence(id: string): string {
  const fix = RULE_FIXES[id];
  if (fix === 'safe') return " `check --fix` and the editor's Fix All fix it.";
  if (fix === 'review') return ' The editor offers a quick fix to review; `check --fix` leaves it alone.';
  return '';
}

/** The Markdown of docs/rules.md. */
export function renderRulesDoc(rules: RuleDoc[] = allRules): string {
  const out: string[] = [
    '# Lint rules',
    '',
    '<!-- Generated from server/src/lint/registry.ts by `npm run docs:rules`; do not edit by hand. -->',
    '',
    'Every rule has an id, shown with each diagnostic. Disable a rule or change its severity in',
    '`.monitoring-lint.yml` at the workspace root (`rules: { <id>: off | error | warning | info | hint }`,',
    'a family with a trailing slash such as `dashboard/`), in the `monitoring.lint.rules` setting, or inline',
    'in YAML and .promql files with `# monitoring-lint-disable <id>` (that line and the next),',
    '`# monitoring-lint-disable-next-line <id>` or `# monitoring-lint-disable-file <id>`, with a reason',
    'after `--` if you like (`# monitoring-lint-disable rule/rate-window -- scraped every 5s`).',
    '',
    'Rate-window checks of rule files take the scrape interval from the nearest `prometheus.yml` in',
    "the rule file's folder or above; with none, from `scrapeInterval: 30s` in `.monitoring-lint.yml`,",
    "else Prometheus' default, 1m.",
    '',
    'Some findings come with a quick fix. Those marked safe below are mechanical and keep what the file',
    "means: `monitoring-as-code check --fix` applies them, and so does the editor's Fix All",
    '(`editor.codeActionsOnSave: { "source.fixAll.monitoringAsCode": "explicit" }` on save). The others',
    '(the nearest key for a typo, a field removed) are offered one by one in the editor, to review.',
    '',
  ];
  for (const kind of Object.keys(KIND_TITLES) as Array<RuleDoc['fileKind']>) {
    const group = rules.filter((r) => r.fileKind === kind);
    if (group.length === 0) continue;
    out.push(`## ${KIND_TITLES[kind]}`, '', '| id | severity | what it catches |', '| --- | --- | --- |');
    for (const r of group) out.push(`| [\`${r.id}\`](#${ruleAnchor(r.id)}) | ${r.defaultSeverity} | ${r.summary.replace(/\|/g, '\\|')} |`);
    out.push('');
    for (const r of group) {
      out.push(`### ${r.id}`, '', `Default severity: **${r.defaultSeverity}**. ${r.summary}${fixSentence(r.id)}`, '', 'Triggers it:', '', fence(r.badExample), 'Passes:', '', fence(r.goodExample));
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
