// Differential tests against the real `promtool check rules`: our verdict (any error-severity
// diagnostic) must agree with promtool's exit code on the fixtures in test-fixtures/lint/rules/, and
// promtool's output must contain our first error message.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROMTOOL, promtoolMajor, skipWithoutPromtool } from '../../testing/promtool';
import { checkRuleFile, ruleFileErrors } from './index';
import { LINT_FIXTURES, PARSER_READY } from './testutil';


/** Bad fixtures whose first message differs from promtool's, and why. */
const MESSAGE_DIFFERS: Readonly<Record<string, string>> = {
  'bad/broken-yaml.rules.yaml': 'YAML syntax errors come from the `yaml` package, not from go-yaml',
  'bad/bad-duration.rules.yaml': 'promtool 2.42 matched durations with a regex ("not a valid duration string"); 3.x names the unknown unit, as we do',
  'bad/expr-list.rules.yaml': 'Prometheus 2.x decoded expr as a YAML node ("must be set"); 3.x reports the type error as we do',
};

const fixtures = (['good', 'bad'] as const).flatMap((verdict) =>
  readdirSync(join(LINT_FIXTURES, verdict)).sort().map((f) => ({ verdict, file: join(verdict, f) })),
);

describe('rule files: verdicts agree with promtool check rules', () => {
  it('has good and bad fixtures', () => {
    assert.ok(fixtures.filter((f) => f.verdict === 'good').length >= 8);
    assert.ok(fixtures.filter((f) => f.verdict === 'bad').length >= 25);
  });

  for (const f of fixtures) {
    // Until the PromQL parser exists, files with PromQL errors cannot be judged by us.
    if (!PARSER_READY) continue;
    it(`${f.file}: our verdict matches the folder`, () => {
      const errs = checkRuleFile(readFileSync(join(LINT_FIXTURES, f.file), 'utf8'), { nameValidationScheme: 'legacy' })
        .filter((d) => d.severity === 'error');
      if (f.verdict === 'good') assert.deepEqual(errs.map((d) => d.message), []);
      else assert.ok(errs.length > 0, 'expected an error');
    });
  }

  if (skipWithoutPromtool()) return;

  let scheme: 'legacy' | 'utf8' = 'utf8';
  before(() => {
    scheme = promtoolMajor() < 3 ? 'legacy' : 'utf8';
  });
  for (const f of fixtures) {
    if (!PARSER_READY) continue;
    it(`${f.file}: promtool and we agree`, () => {
      const path = join(LINT_FIXTURES, f.file);
      const run = spawnSync(PROMTOOL, ['check', 'rules', path], { encoding: 'utf8', timeout: 30_000 });
      const promtoolOk = run.status === 0;
      assert.equal(promtoolOk, f.verdict === 'good', `promtool disagrees with the folder: ${run.stdout}${run.stderr}`);
      const ours = checkRuleFile(readFileSync(path, 'utf8'), { nameValidationScheme: scheme }).filter((d) => d.severity === 'error');
      const output = (run.stdout + run.stderr).trim();
      assert.equal(ours.length === 0, promtoolOk, `promtool: ${output}\nours: ${ours.map((d) => d.message).join('; ')}`);
      if (f.verdict === 'bad' && !MESSAGE_DIFFERS[f.file]) {
        assert.ok(output.includes(ours[0].message), `promtool: ${output}\nours: ${ours[0].message}`);
      }
    });
  }

  it('reads a group limit as yaml.v3 resolves it: underscores, bases, floats, tags, overflow', function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), 'rule-limit-'));
    const differ: string[] = [];
    const values = ['1_000', '0x1F', '0b101', '0o17', '017', '-0x1F', '1.5', '!!float 2', '1e3', '+5', '99999999999999999999', 'abc', '"5"', '9223372036854775808', '.inf', '-.inf', 'true',
      '9223372036854775807', '-9223372036854775808', '-9223372036854775809', '!!int 2.5', '_1', '!!float "5"', '0O17', '1e309', '1:30'];
    for (const v of values) {
      const text = `groups:\n- name: g\n  limit: ${v}\n  rules:\n  - record: a:b:c\n    expr: up\n`;
      const file = join(dir, 'limit.yml');
      writeFileSync(file, text);
      const run = spawnSync(PROMTOOL, ['check', 'rules', file], { encoding: 'utf8', timeout: 30_000 });
      const theirs = /(?:yaml: )?cannot (?:unmarshal|decode) .*/.exec(run.stdout + run.stderr)?.[0] ?? (run.status === 0 ? '' : 'failed');
      const ours = checkRuleFile(text, { nameValidationScheme: scheme }).filter((d) => d.severity === 'error').map((d) => d.message)[0] ?? '';
      if (theirs !== ours) differ.push(`limit: ${v}\n  promtool: ${theirs}\n  ours:     ${ours}`);
    }
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(differ, []);
  });

  // What config/rule-file and rule-test/rule-file show of a loaded rule file: each error as
  // promtool words it, rulefmt's `line:col: group "g", rule N, "name": ` included.
  it('words each rule error as promtool prints it, position, group and rule included', function () {
    this.timeout(120_000);
    let compared = 0;
    const missing: string[] = [];
    for (const f of fixtures.filter((x) => x.verdict === 'bad' && !MESSAGE_DIFFERS[x.file])) {
      const path = join(LINT_FIXTURES, f.file);
      const run = spawnSync(PROMTOOL, ['check', 'rules', path], { encoding: 'utf8', timeout: 30_000 });
      const lines = new Set((run.stdout + run.stderr).split('\n'));
      const errors = ruleFileErrors(readFileSync(path, 'utf8'), { nameValidationScheme: scheme });
      // A file that does not decode is not validated by rulefmt: promtool prints the decode error alone.
      if (errors.some((e) => e.upstream === undefined)) continue;
      for (const e of errors) {
        // Prometheus 3's own check; 2.x called such a name invalid (reported too, just before).
        if (promtoolMajor() < 3 && e.upstream!.includes('braces present in the recording rule name')) continue;
        compared++;
        if (!lines.has(`${path}: ${e.upstream}`)) missing.push(`${f.file}: ours ${e.upstream}\n  promtool: ${(run.stdout + run.stderr).trim()}`);
      }
    }
    assert.deepEqual(missing, []);
    assert.ok(compared >= 15, `compared ${compared}`);
  });
});
