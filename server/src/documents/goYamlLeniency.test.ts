import assert from 'node:assert/strict';
import './goYamlLeniency';
import { parseAllDocuments, parseDocument } from 'yaml';
import { checkPrometheusConfig } from '../lint/config/index';
import { checkRuleFile } from '../lint/rules/index';
import { agreeWithPromtool, PROMTOOL, skipWithoutPromtool } from '../testing/promtool';

const js = (text: string): unknown => {
  const doc = parseDocument(text);
  return doc.errors.length > 0 ? doc.errors.map((e) => e.code) : doc.toJS();
};

describe("goYamlLeniency: libyaml's indentation rules", () => {
  // [YAML, what it reads as (or the error codes)]
  const cases: Array<[string, unknown]> = [
    // A flow collection over lines, at any indentation: go-yaml reads it, YAML 1.2 does not.
    ['a:\n  b: [1,\n2,\n  3\n]\n', { a: { b: [1, 2, 3] } }],
    ['a:\n  b: {x: 1,\ny: 2}\n', { a: { b: { x: 1, y: 2 } } }],
    ['- targets: [\n  "a:1", # first\n  "b:2"\n  ]\n', [{ targets: ['a:1', 'b:2'] }]],
    // A quoted scalar continued at or below its key's indentation: folded as usual.
    ['a:\n  b: \'one {{ $x\n  }} two\n  three\'\n', { a: { b: 'one {{ $x }} two three' } }],
    ['a:\n    b: "x\ny"\n', { a: { b: 'x y' } }],
    ['a:\n  b: "x\n\n  y"\n', { a: { b: 'x\ny' } }],
    // What libyaml refuses too: a plain scalar continued below its parent, document markers.
    ['a:\n  - b\n c\n', ['BAD_INDENT', 'MISSING_CHAR']],
    ['x: "a\n---\nb"\n', ['MISSING_CHAR', 'MULTIPLE_DOCS']],
    // Plain scalars in block context keep their rule; well-indented YAML is unchanged.
    ['a: b\n  c\n', { a: 'b c' }],
    ['a:\n  b: [1, 2]\n  c: "d"\n', { a: { b: [1, 2], c: 'd' } }],
  ];
  for (const [text, want] of cases) {
    it(JSON.stringify(text), () => assert.deepEqual(js(text), want));
  }

  it('keeps source offsets: a token after a lenient flow collection is where the text has it', () => {
    const text = 'a: [1,\n2]\nb: "x\ny"\nc: 3\n';
    const [doc] = parseAllDocuments(text, { keepSourceTokens: true });
    const c = (doc.contents as { items: Array<{ key: { range: number[] } }> }).items[2].key;
    assert.equal(c.range[0], text.indexOf('c: 3'));
  });

  it('leaves the checks of a real-world config and rule file clean', () => {
    // The shapes found in public repositories that Prometheus loads (2 of 124 configs, 1 of 58 rule files).
    const config = "scrape_configs:\n  - job_name: 'prometheus'\n    static_configs:\n      - targets: [\n        'host.docker.internal:9126',\n        'host.docker.internal:2112',\n      ]\n  - job_name: node\n    static_configs:\n    - targets: [\n      'localhost:9090', # prometheus server\n      'localhost:8080' \n      ]\n";
    assert.deepEqual(checkPrometheusConfig(config, {}).filter((d) => d.severity === 'error'), []);
    const rules = "groups:\n  - name: g\n    rules:\n      - alert: HighCPU\n        expr: up == 0\n        annotations:\n          description: 'High CPU on {{ $labels.instance\n          }} tagged as: {{ $labels.name }}, currently:\n          {{ $value }}%'\n";
    assert.deepEqual(checkRuleFile(rules, {}).filter((d) => d.severity === 'error'), []);
  });
});

describe('goYamlLeniency agrees with promtool', () => {
  if (skipWithoutPromtool()) return;

  // Continuation lines and closing brackets at every indentation from 0 to 8.
  const configs: string[] = [];
  const ruleFiles: string[] = [];
  for (const n of [0, 2, 4, 6, 7, 8]) {
    const sp = ' '.repeat(n);
    configs.push(
      `scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [\n${sp}'x:1',\n${sp}'y:2'\n${sp}]\n`,
      `scrape_configs:\n  - job_name: 'a\n${sp}b'\n    static_configs:\n      - targets: ['x:1']\n`,
      `scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ['x:1']\n        labels: {a: b,\n${sp}c: d}\n`,
      `scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ['x:1']\n        labels:\n          a: b\n${sp}c\n`,
      `scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [x:1,\n${sp}y:2]\n`,
      `scrape_configs:\n  - job_name: "a\n${sp}b"\n    static_configs:\n      - targets: ['x:1']\n`,
    );
    ruleFiles.push(
      `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations:\n          description: 'on {{ $labels.instance\n${sp}}} now'\n`,
      `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        labels: {a: b,\n${sp}c: d}\n`,
      `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n${sp}== 0\n`,
    );
  }

  it(`prometheus.yml: ${configs.length} cases`, function () {
    this.timeout(60_000);
    const r = agreeWithPromtool(configs, 'prometheus.yml', (f) => ['check', 'config', '--syntax-only', f],
      (text) => checkPrometheusConfig(text, {}).filter((d) => d.severity === 'error').map((d) => d.message));
    assert.deepEqual(r.differ, []);
    // Some of them promtool refuses: the cases are not all alike.
    assert.ok(r.failing > 0 && r.failing < r.compared, `${r.failing} of ${r.compared} refused (${PROMTOOL})`);
  });

  it(`rule files: ${ruleFiles.length} cases`, function () {
    this.timeout(60_000);
    const r = agreeWithPromtool(ruleFiles, 'rules.yml', (f) => ['check', 'rules', f],
      (text) => checkRuleFile(text, {}).filter((d) => d.severity === 'error').map((d) => d.message));
    assert.deepEqual(r.differ, []);
    assert.ok(r.failing > 0 && r.failing < r.compared, `${r.failing} of ${r.compared} refused`);
  });
});
