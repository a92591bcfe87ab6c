// "Fix all" (check --fix, the editor's source.fixAll): which fixes are taken, how edits combine,
// and that the fixed files of each kind lint clean of what was fixed, keeping everything else.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, fixAll, safeFixEdits } from './fixAll';
import { lintFile } from './index';
import { allRules, RULE_FIXES } from './registry';
import type { LintDiagnostic, QuickFix } from './types';

const edit = (start: number, end: number, newText: string) => ({ range: { start, end }, newText });
const finding = (...fixes: QuickFix[]): LintDiagnostic => ({ ruleId: 'x/y', severity: 'info', message: 'm', range: { start: 0, end: 0 }, fixes });

describe('fixAll: choosing and combining safe fixes', () => {
  const cases: Array<{ name: string; findings: LintDiagnostic[]; text: string; want: string; fixes: number }> = [
    { name: 'a safe fix is applied', findings: [finding({ title: 't', edits: [edit(1, 2, 'B')], safe: true })], text: 'abc', want: 'aBc', fixes: 1 },
    { name: 'a fix not marked safe is not', findings: [finding({ title: 't', edits: [edit(1, 2, 'B')] })], text: 'abc', want: 'abc', fixes: 0 },
    { name: 'the first safe fix of a finding, not the unsafe one before it', findings: [finding({ title: 'guess', edits: [edit(0, 1, 'X')] }, { title: 'safe', edits: [edit(2, 3, 'C')], safe: true })], text: 'abc', want: 'abC', fixes: 1 },
    {
      name: 'fixes of several findings, in any order',
      findings: [finding({ title: 't', edits: [edit(4, 5, 'E')], safe: true }), finding({ title: 't', edits: [edit(0, 1, 'A')], safe: true })],
      text: 'abcde', want: 'AbcdE', fixes: 2,
    },
    {
      name: 'an overlapping fix waits (the earlier one wins)',
      findings: [finding({ title: 't', edits: [edit(1, 3, 'XY')], safe: true }), finding({ title: 't', edits: [edit(2, 4, 'ZW')], safe: true })],
      text: 'abcde', want: 'aXYde', fixes: 1,
    },
    {
      name: 'two inserts at one offset: only the first',
      findings: [finding({ title: 't', edits: [edit(2, 2, '1')], safe: true }), finding({ title: 't', edits: [edit(2, 2, '2')], safe: true })],
      text: 'abcd', want: 'ab1cd', fixes: 1,
    },
    {
      name: 'a fix of several edits is taken whole or not at all',
      findings: [finding({ title: 't', edits: [edit(0, 1, 'A')], safe: true }), finding({ title: 't', edits: [edit(3, 4, 'D'), edit(0, 1, 'Q')], safe: true })],
      text: 'abcd', want: 'Abcd', fixes: 1,
    },
    { name: 'adjacent edits do not touch', findings: [finding({ title: 't', edits: [edit(0, 2, 'X')], safe: true }), finding({ title: 't', edits: [edit(2, 4, 'Y')], safe: true })], text: 'abcd', want: 'XY', fixes: 2 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { edits, fixes } = safeFixEdits(c.findings);
      assert.equal(applyEdits(c.text, edits), c.want);
      assert.equal(fixes, c.fixes);
    });
  }
});

const FILE_CASES: Array<{ file: string; text: string }> = [];
const lint = (file: string) => (text: string) => lintFile(file, text)?.diagnostics ?? [];

describe('fixAll: files of each kind', () => {
  const cases: Array<{ name: string; file: string; text: string; want: string; applied: number; fixedRules: string[]; keptRules: string[] }> = [
    {
      name: 'rule file: redundant regex operators become = and !=; the recording rule error stays',
      file: 'rules.yml',
      text: 'groups:\n- name: g\n  rules:\n  - alert: JobDown\n    expr: up{job=~"api", instance!~"a:1"} == 0\n    for: 5m\n  - record: job:x:sum\n    expr: sum by (job) (x{env=~"prod"})\n    annotations:\n      a: b\n',
      want: 'groups:\n- name: g\n  rules:\n  - alert: JobDown\n    expr: up{job="api", instance!="a:1"} == 0\n    for: 5m\n  - record: job:x:sum\n    expr: sum by (job) (x{env="prod"})\n    annotations:\n      a: b\n',
      applied: 3,
      fixedRules: ['rule/redundant-regex'],
      keptRules: ['rule/recording-rule-field'],
    },
    {
      name: 'prometheus.yml: scrape timeouts clamped to their intervals; a mistyped key is left for a person',
      file: 'prometheus.yml',
      text: 'global:\n  scrape_interval: 10s\n  scrape_timeout: 30s\nscrape_configs:\n- job_name: a\n  scrape_interval: 5s\n  scrape_timeout: 20s\n  scrape_intervall: 1m\n  static_configs:\n  - targets: [\'localhost:9090\']\n',
      want: 'global:\n  scrape_interval: 10s\n  scrape_timeout: 10s\nscrape_configs:\n- job_name: a\n  scrape_interval: 5s\n  scrape_timeout: 5s\n  scrape_intervall: 1m\n  static_configs:\n  - targets: [\'localhost:9090\']\n',
      applied: 2,
      fixedRules: ['config/scrape-timeout'],
      keptRules: ['config/unknown-key'],
    },
    {
      name: 'dashboard: editable and variable refresh; $__rate_interval (another window) is left for review',
      file: 'dash.json',
      text: '{"title": "D", "uid": "d", "editable": true,\n "templating": {"list": [{"name": "datasource", "type": "datasource", "query": "prometheus"},\n  {"name": "job", "type": "query", "datasource": {"uid": "$datasource"}, "query": "label_values(up, job)", "refresh": 1}]},\n "panels": [{"id": 1, "type": "timeseries", "title": "T", "datasource": {"uid": "$datasource"},\n  "targets": [{"refId": "A", "expr": "sum(rate(http_requests_total{job=~\\"$job\\"}[5m]))"}]}]}\n',
      want: '{"title": "D", "uid": "d", "editable": false,\n "templating": {"list": [{"name": "datasource", "type": "datasource", "query": "prometheus"},\n  {"name": "job", "type": "query", "datasource": {"uid": "$datasource"}, "query": "label_values(up, job)", "refresh": 2}]},\n "panels": [{"id": 1, "type": "timeseries", "title": "T", "datasource": {"uid": "$datasource"},\n  "targets": [{"refId": "A", "expr": "sum(rate(http_requests_total{job=~\\"$job\\"}[5m]))"}]}]}\n',
      applied: 2,
      fixedRules: ['dashboard/uneditable', 'dashboard/template-on-time-change-reload'],
      keptRules: ['dashboard/panel-title-description', 'dashboard/target-rate-interval'],
    },
  ];
  for (const c of cases) {
    FILE_CASES.push({ file: c.file, text: c.text });
    it(c.name, () => {
      const before = lint(c.file)(c.text).map((d) => d.ruleId);
      for (const r of [...c.fixedRules, ...c.keptRules]) assert.ok(before.includes(r), `${r} not found before fixing`);
      const r = fixAll(c.text, lint(c.file));
      assert.equal(r.text, c.want);
      assert.equal(r.applied, c.applied);
      const after = r.diagnostics.map((d) => d.ruleId);
      assert.deepEqual(after, lint(c.file)(r.text).map((d) => d.ruleId), 'the findings returned are those of the fixed text');
      for (const rule of c.fixedRules) assert.ok(!after.includes(rule), `${rule} still there`);
      for (const rule of c.keptRules) assert.ok(after.includes(rule), `${rule} lost`);
      assert.equal(fixAll(r.text, lint(c.file)).applied, 0, 'a second run has nothing left to do');
    });
  }
});

describe('fixAll: RULE_FIXES (docs/rules.md) says which rules fix what', () => {
  const FIXTURES = path.join(__dirname, '..', '..', '..', 'test-fixtures');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : /\.(ya?ml|json|promql)$/.test(n) ? [p] : [];
    });

  it('matches the fixes the rules give on the fixtures, the examples and the cases above', function () {
    this.timeout(60_000);
    const seen: Record<string, 'safe' | 'review'> = {};
    const note = (diagnostics: LintDiagnostic[]) => {
      for (const d of diagnostics) {
        if (!d.fixes?.length) continue;
        seen[d.ruleId] = seen[d.ruleId] === 'safe' || d.fixes.some((f) => f.safe) ? 'safe' : 'review';
      }
    };
    for (const f of walk(FIXTURES)) note(lintFile(f, readFileSync(f, 'utf8'))?.diagnostics ?? []);
    const exampleFile = { 'prometheus-config': 'prometheus.yml', 'rule-file': 'rules.yml', 'rule-test': 'rules_test.yml', dashboard: 'dashboard.json', promql: 'example.promql', 'lint-settings': '.monitoring-lint.yml' } as const;
    for (const r of allRules) note(lintFile(exampleFile[r.fileKind], r.badExample, { kind: r.fileKind })?.diagnostics ?? []);
    for (const c of FILE_CASES) note(lint(c.file)(c.text));
    assert.deepEqual(sorted(seen), sorted(RULE_FIXES));
  });
});

const sorted = (o: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
