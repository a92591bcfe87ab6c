import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkPrometheusConfig } from '../lint/config/index';
import { checkRuleFile } from '../lint/rules/index';
import { PROMTOOL, skipWithoutPromtool } from '../testing/promtool';
import { seededRandom } from '../testing/yamlMutations';
import { goYamlSyntaxError, type GoYamlFlavour } from './goYamlSyntax';

const message = (text: string, flavour: GoYamlFlavour): string | undefined => goYamlSyntaxError(text, flavour)?.message;

// [YAML, what `promtool check config` says (yaml.v2), what `promtool check rules` says (yaml.v3),
// the text at the offset we give]. undefined: go-yaml reads the file (promtool may still refuse
// its contents). promtool 2.42's answers, copied; the last test checks them again.
const TABLE: Array<[string, string | undefined, string | undefined, string]> = [
  ['global:\n  scrape_interval: 15s\n   evaluation_interval: 1m\n', 'yaml: line 3: mapping values are not allowed in this context', 'yaml: line 3: mapping values are not allowed in this context', ':'],
  ['global:\n\tscrape_interval: 15s\n', 'yaml: line 2: found character that cannot start any token', 'yaml: line 2: found character that cannot start any token', '\t'],
  ['a: 1\n\tb: 2\n', 'yaml: line 2: found a tab character that violates indentation', 'yaml: line 2: found a tab character that violates indentation', '\t'],
  // Parser errors: v2 prints the problem's line counted from 0, v3 the line where the collection starts.
  ['scrape_configs:\n  - job_name: a\n    static_configs:\n    - targets: [a]\n   - job_name: b\n', "yaml: line 4: did not find expected '-' indicator", "yaml: line 1: did not find expected '-' indicator", '-'],
  ['a:\n  - b\n  - c\n - d\n', 'yaml: line 3: did not find expected key', 'yaml: line 3: did not find expected key', '-'],
  ['a:\n  b:\n    - c\n   d: e\n', 'yaml: line 3: did not find expected key', 'yaml: line 1: did not find expected key', 'd'],
  ['a:\n  - b\n  c: d\n', "yaml: line 2: did not find expected '-' indicator", "yaml: line 1: did not find expected '-' indicator", 'c'],
  ['- a\nb: 1\n', "yaml: line 1: did not find expected '-' indicator", "yaml: line 1: did not find expected '-' indicator", 'b'],
  ['a: 1\n- b\n', 'yaml: line 1: did not find expected key', 'yaml: line 1: did not find expected key', '-'],
  // Left open to the end of the file: shown on the quote or bracket.
  ['groups:\n- name: a\n  rules:\n  - alert: b\n    expr: "up\n    for: 5m\n', 'yaml: line 7: found unexpected end of stream', 'yaml: line 5: found unexpected end of stream', '"'],
  ["a: 'x\n", 'yaml: line 2: found unexpected end of stream', 'yaml: line 2: found unexpected end of stream', "'"],
  ['a:\n  b: [1, 2\n', "yaml: line 2: did not find expected ',' or ']'", "yaml: line 1: did not find expected ',' or ']'", '['],
  ['a:\n  b: {x: 1\nc: 2\n', "yaml: line 2: did not find expected ',' or '}'", "yaml: line 1: did not find expected ',' or '}'", '{'],
  ['a: [\n', 'yaml: line 1: did not find expected node content', 'yaml: line 1: did not find expected node content', ''],
  // On the first line (line 0), go-yaml prints no line.
  ['a: [b, c]]\n', 'yaml: did not find expected key', 'yaml: did not find expected key', ']'],
  ['a: {b: c}}\n', 'yaml: did not find expected key', 'yaml: did not find expected key', '}'],
  ['a: b: c\n', 'yaml: mapping values are not allowed in this context', 'yaml: mapping values are not allowed in this context', ':'],
  ['a: [b, - c]\n', 'yaml: did not find expected node content', 'yaml: did not find expected node content', '-'],
  ['key\nother: 1\n', 'yaml: line 2: mapping values are not allowed in this context', 'yaml: line 2: mapping values are not allowed in this context', ':'],
  ['a: 1\nb\nc: 2\n', "yaml: line 3: could not find expected ':'", "yaml: line 2: could not find expected ':'", 'c'],
  ['a: b\n  c: d\n', 'yaml: line 2: mapping values are not allowed in this context', 'yaml: line 2: mapping values are not allowed in this context', ':'],
  ['a: @b\n', 'yaml: found character that cannot start any token', 'yaml: found character that cannot start any token', '@'],
  ['a: `b\n', 'yaml: found character that cannot start any token', 'yaml: found character that cannot start any token', '`'],
  ['a: %b\n', 'yaml: found character that cannot start any token', 'yaml: found character that cannot start any token', '%'],
  ['a: &\n', 'yaml: did not find expected alphabetic or numeric character', 'yaml: did not find expected alphabetic or numeric character', '\n'],
  ['a: !e!x 1\n', 'yaml: found undefined tag handle', 'yaml: found undefined tag handle', '!'],
  ['%YAML 1.2\n---\na: 1\n', 'yaml: found incompatible YAML document', 'yaml: found incompatible YAML document', '%'],
  ['%FOO\n---\na: 1\n', 'yaml: found unknown directive name', 'yaml: found unknown directive name', '\n'],
  ['a: |\n  x\n\ty\n', 'yaml: line 3: found a tab character where an indentation space is expected', 'yaml: line 3: found a tab character where an indentation space is expected', '\t'],
  ['a: |0\n  x\n', 'yaml: found an indentation indicator equal to 0', 'yaml: found an indentation indicator equal to 0', '0'],
  ['a: "\\q"\n', 'yaml: found unknown escape character', 'yaml: found unknown escape character', '\\'],
  ['a: "\\x4"\n', 'yaml: did not find expected hexdecimal number', 'yaml: did not find expected hexdecimal number', '4'],
  // The composer's check, and the reader's.
  ['a: *x\n', "yaml: unknown anchor 'x' referenced", "yaml: unknown anchor 'x' referenced", '*'],
  ['a: &x 1\nb: *x\n', undefined, undefined, ''],
  ['a: \u0001\n', 'yaml: control characters are not allowed', 'yaml: control characters are not allowed', '\u0001'],
  // v3 reads a comment after a token, tabs and all, but not after a '-'.
  ['a: \t# c\nb: 1\n', undefined, undefined, ''],
  ['- \t# c\n- b\n', 'yaml: found character that cannot start any token', 'yaml: found character that cannot start any token', '\t'],
  // One document is read; v3 scans three tokens ahead, into the next one.
  ['a: 1\n---\n\tb\n', undefined, 'yaml: line 3: found character that cannot start any token', '\t'],
  ['a: 1\n...\nb: [\n', undefined, undefined, ''],
  ['', undefined, undefined, ''],
];

describe('goYamlSyntaxError: what promtool says', () => {
  for (const [text, v2, v3, at] of TABLE) {
    it(JSON.stringify(text), () => {
      assert.equal(message(text, 'v2'), v2, 'check config (v2)');
      assert.equal(message(text, 'v3'), v3, 'check rules (v3)');
      const found = goYamlSyntaxError(text, 'v2') ?? goYamlSyntaxError(text, 'v3');
      if (found) assert.equal(text.slice(found.offset, found.offset + 1), at);
    });
  }

  it('gives the line it prints apart', () => {
    assert.equal(goYamlSyntaxError('a: 1\n\tb: 2\n', 'v2')?.line, 2);
    assert.equal(goYamlSyntaxError('a: *x\n', 'v2')?.line, 0);
  });

  it('counts positions in characters: an astral character is one, its offset two UTF-16 units', () => {
    const text = 'a: "😀 \\q"\n';
    assert.deepEqual(goYamlSyntaxError(text, 'v2'), { message: 'yaml: found unknown escape character', line: 0, offset: text.indexOf('\\') });
  });
});

describe('goYamlSyntaxError: depth and size', () => {
  it('10,000 nested brackets, and one more than go-yaml allows', () => {
    assert.equal(message(`a: ${'['.repeat(10_000)}\n`, 'v2'), 'yaml: line 1: did not find expected node content');
    assert.equal(message(`a: ${'{'.repeat(10_000)}\n`, 'v3'), 'yaml: line 1: did not find expected node content');
    assert.equal(message(`a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, 'v2'), undefined);
    assert.equal(message(`a: ${'['.repeat(10_001)}\n`, 'v2'), 'yaml: exceeded max depth of 10000');
  });

  it('10,000 nested block sequences, and one more than go-yaml allows', () => {
    assert.equal(message(`${'- '.repeat(10_000)}a\n`, 'v3'), undefined);
    assert.equal(message(`${'- '.repeat(10_001)}a\n`, 'v3'), 'yaml: exceeded max depth of 10000');
  });

  it('a 10 MB file', function () {
    this.timeout(60_000);
    const rule = '  - alert: HighRequestLatency\n    expr: job:request_latency_seconds:mean5m{job="myjob"} > 0.5\n    labels: {severity: page}\n    annotations:\n      summary: \'High latency on {{ $labels.instance }}\'\n';
    const rules = rule.repeat(Math.ceil(10_000_000 / rule.length));
    const lines = rules.split('\n').length;
    assert.equal(message(`groups:\n- name: g\n  rules:\n${rules}`, 'v3'), undefined);
    assert.equal(message(`groups:\n- name: g\n  rules:\n${rules}  - alert: "x\n`, 'v3'), `yaml: line ${lines + 3}: found unexpected end of stream`);
  });
});

/**
 * For each text, the YAML error promtool reports reading it as a config (v2) or rule file (v3),
 * or undefined: one promtool process for all of them.
 */
function promtoolYamlErrors(texts: readonly string[], flavour: GoYamlFlavour): Array<string | undefined> {
  const dir = mkdtempSync(path.join(tmpdir(), 'go-yaml-'));
  try {
    const files = texts.map((text, i) => {
      const file = path.join(dir, `f${i}.yml`);
      writeFileSync(file, text);
      return file;
    });
    const args = flavour === 'v2' ? ['check', 'config', '--syntax-only', ...files] : ['check', 'rules', ...files];
    const run = spawnSync(PROMTOOL, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
    const out = run.stdout + run.stderr;
    // Per file, the first line of its first YAML error.
    const found = new Map<string, string>();
    const line = flavour === 'v2' ? /parsing YAML file (.*?): (yaml: .*)/g : /^(.*?\.yml): (yaml: .*)/gm;
    for (const m of out.matchAll(line)) if (!found.has(m[1])) found.set(m[1], m[2]);
    // go-yaml read these: the errors are of their contents.
    const decoding = /^yaml: (unmarshal errors|.*cannot unmarshal|.*already (defined|set)|.*contains itself|.*excessive aliasing|map merge)/;
    return files.map((f) => {
      const m = found.get(f);
      return m === undefined || decoding.test(m) ? undefined : m;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FIXTURES = path.join(path.dirname(__filename), '../../../test-fixtures');
const BASES = [
  'prometheus-examples/prometheus.yml', 'prometheus-examples/prometheus-docker.yml', 'prometheus-examples/prometheus-agent.yml',
  'lint/config/good/relabel-actions.yml', 'lint/config/good/full-featured.yml', 'lint/config/good/kubernetes-sd.yml',
  'workspace/rules/alerts.yml', 'awesome-prometheus-alerts-more/jvm--jvm-exporter.yml',
  'awesome-prometheus-alerts-more/consul--consul-exporter.yml', 'corpus/rulefmt/testdata/test.yaml',
];

// What the mutations insert: YAML's indicators and blanks, and what trips a scanner.
const INSERTS = [
  '\t', ' ', ' ', '\n', '\n  ', '\r\n', ':', ': ', '-', '- ', '[', ']', '{', '}', ',', '"', "'", '|', '>', '|2-', '&', '&a ',
  '*', '*a', '!', '!!str ', '!e!x ', '%', '#', ' #', '?', '? ', '@', '`', '\\', '\\x', '---\n', '...\n', 'é', '😀', '\u0001',
];

/** `count` distinct texts, each one of `bases` with one to three characters deleted or strings inserted. */
function characterMutations(bases: readonly string[], count: number, seed: number): string[] {
  const rnd = seededRandom(seed);
  const out = new Set<string>();
  while (out.size < count) {
    let text = bases[rnd(bases.length)];
    for (let k = 1 + rnd(3); k > 0; k--) {
      const i = rnd(text.length + 1);
      text = rnd(3) === 0 ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + INSERTS[rnd(INSERTS.length)] + text.slice(i);
    }
    out.add(text);
  }
  return [...out];
}

describe('goYamlSyntaxError agrees with promtool', () => {
  if (skipWithoutPromtool()) return;

  it('on the table above', function () {
    this.timeout(60_000);
    const texts = TABLE.map(([text]) => text);
    assert.deepEqual(promtoolYamlErrors(texts, 'v2'), TABLE.map(([, v2]) => v2));
    assert.deepEqual(promtoolYamlErrors(texts, 'v3'), TABLE.map(([, , v3]) => v3));
  });

  const mutants = characterMutations(BASES.map((b) => readFileSync(path.join(FIXTURES, b), 'utf8')), 400, 20_240_601);
  for (const flavour of ['v2', 'v3'] as const) {
    it(`on ${mutants.length} mutated configs and rule files, read as ${flavour === 'v2' ? 'a config (v2)' : 'rule files (v3)'}`, function () {
      this.timeout(60_000);
      const theirs = promtoolYamlErrors(mutants, flavour);
      const differ = mutants
        .map((text, i) => ({ text, promtool: theirs[i], ours: message(text, flavour) }))
        .filter((c) => c.promtool !== c.ours);
      assert.deepEqual(differ, []);
      // Most mutations break the YAML, not all: the cases are not all alike.
      const refused = theirs.filter((m) => m !== undefined).length;
      assert.ok(refused > mutants.length / 4 && refused < mutants.length, `${refused} of ${mutants.length} refused`);
    });
  }

  // The checks run the port only where the yaml package fails, or where a cheap test of the text
  // (yamlSyntaxErrors.ts) says go-yaml may refuse what the package reads: every file promtool
  // refuses must still get promtool's message, from the checks themselves.
  for (const flavour of ['v2', 'v3'] as const) {
    it(`and the ${flavour === 'v2' ? 'config' : 'rule-file'} checks give promtool's YAML error on the same ${mutants.length} files`, function () {
      this.timeout(60_000);
      const theirs = promtoolYamlErrors(mutants, flavour);
      const ours = (text: string): string[] =>
        flavour === 'v2'
          ? checkPrometheusConfig(text, {}).filter((d) => d.ruleId === 'config/yaml-syntax').map((d) => d.message)
          : checkRuleFile(text, {}).filter((d) => d.ruleId === 'rule/yaml-syntax' && !d.message.includes('already defined')).map((d) => d.message);
      const missed = mutants
        .map((text, i) => ({ text, promtool: theirs[i], ours: ours(text) }))
        .filter((c) => c.promtool !== undefined && !(c.ours.length === 1 && c.ours[0] === c.promtool));
      assert.deepEqual(missed, []);
      // Among them, files the yaml package reads and go-yaml refuses (a control character, a tab-only line…).
      assert.ok(mutants.some((text, i) => theirs[i] !== undefined && /[\u0001]|^ *\t/m.test(text)));
    });
  }
});
