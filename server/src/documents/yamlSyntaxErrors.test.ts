import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { checkPrometheusConfig } from '../lint/config/index';
import { checkRuleFile } from '../lint/rules/index';
import { PROMTOOL, skipWithoutPromtool } from '../testing/promtool';
import { yamlSyntaxFindings } from './yamlSyntaxErrors';

/** The findings for a text read as a Prometheus config, each as "message @ the text at its range". */
const findings = (text: string): string[] =>
  yamlSyntaxFindings(text, parseDocument(text, { prettyErrors: false }).errors, 'v2').map((f) => `${f.message} @ ${text.slice(f.range[0], f.range[1])}`);

describe('yamlSyntaxFindings', () => {
  // [YAML, the findings]
  const cases: Array<[string, string[]]> = [
    // A bracket or quote left open to the end of the file: on the bracket or quote.
    ['a:\n  b: [1, 2\n', ["yaml: line 2: did not find expected ',' or ']' @ ["]],
    ['[1, [2, 3]\n', ["yaml: line 1: did not find expected ',' or ']' @ ["]],
    ['a: [1, [2\n', ["yaml: line 1: did not find expected ',' or ']' @ ["]],
    ['a: "b\n', ['yaml: line 2: found unexpected end of stream @ "']],
    // A bracket not closed before the next key: on the bracket too, where go-yaml stops later.
    ['a:\n  b: {x: 1\nc: 2\n', ["yaml: line 2: did not find expected ',' or '}' @ {"]],
    ['a: 1\n\tb: 2\n', ['yaml: line 2: found a tab character that violates indentation @ \t']],
    ['a: [1, 2]\n', []],
  ];
  for (const [text, want] of cases) {
    it(JSON.stringify(text), () => assert.deepEqual(findings(text), want));
  }

  it("keeps the yaml package's words where go-yaml reads the file", () => {
    // A second document: go-yaml (v2) stops before it, the package reports it.
    const text = 'a: 1\n---\nb: [\n';
    const errors = parseDocument(text, { prettyErrors: false }).errors;
    assert.ok(errors.length > 0);
    assert.deepEqual(yamlSyntaxFindings(text, errors, 'v2').map((f) => f.message), errors.map((e) => `yaml: ${e.message.split('\n')[0]}`));
    // A later document, which Prometheus does not read: no flavour, the package's words.
    const broken = 'a: [\n';
    const own = parseDocument(broken, { prettyErrors: false }).errors;
    assert.deepEqual(yamlSyntaxFindings(broken, own, undefined).map((f) => f.message), own.map((e) => `yaml: ${e.message.split('\n')[0]}`));
  });

  it('is what the config and rule-file checks report', () => {
    const config = 'scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [a:1\n  - job_name: b\n';
    const d = checkPrometheusConfig(config, {}).filter((x) => x.ruleId === 'config/yaml-syntax');
    assert.deepEqual(d.map((x) => [x.message, config.slice(x.range.start, x.range.end)]), [["yaml: line 4: did not find expected ',' or ']'", '[']]);
    const rules = 'groups:\n  - name: g\n    rules:\n      - record: a\n        expr: x\n        labels: {a: b\n      - record: c\n        expr: y\n';
    const r = checkRuleFile(rules, {}).filter((x) => x.ruleId === 'rule/yaml-syntax');
    assert.deepEqual(r.map((x) => [x.message, rules.slice(x.range.start, x.range.end)]), [["yaml: line 5: did not find expected ',' or '}'", '{']]);
  });
});

describe('yamlSyntaxFindings agrees with promtool on brackets left open', () => {
  if (skipWithoutPromtool()) return;

  it('configs and rule files', function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), 'yaml-open-'));
    try {
      const cases: Array<[string, string[], (text: string) => string[]]> = [
        ['scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [a:1\n', ['check', 'config', '--syntax-only'], (t) => checkPrometheusConfig(t, {}).map((x) => x.message)],
        ['global:\n  external_labels: {a: b\n', ['check', 'config', '--syntax-only'], (t) => checkPrometheusConfig(t, {}).map((x) => x.message)],
        ['groups:\n  - name: g\n    rules:\n      - record: a\n        expr: x\n        labels: {a: b\n      - record: c\n        expr: y\n', ['check', 'rules'], (t) => checkRuleFile(t, {}).map((x) => x.message)],
      ];
      cases.forEach(([text, args, ours], i) => {
        const file = join(dir, `f${i}.yml`);
        writeFileSync(file, text);
        const run = spawnSync(PROMTOOL, [...args, file], { encoding: 'utf8' });
        assert.notEqual(run.status, 0, text);
        const theirs = /yaml: line \d+: .*/.exec(run.stdout + run.stderr)?.[0];
        assert.ok(theirs, run.stdout + run.stderr);
        assert.deepEqual(ours(text).filter((m) => m.startsWith('yaml: ')), [theirs]);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
