// `promtool test rules` files: detected by content, decoded as promtool decodes them, and what
// promtool refuses before evaluating (plus unknown alertnames), checked against the series
// notation corpus and the real promtool.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { detectFileKind } from '../../documents/detect';
import { ruleTestExpressions } from '../../documents/ruleTestFile';
import { PROMTOOL, skipWithoutPromtool } from '../../testing/promtool';
import { lintFile } from '../index';
import { checkRuleTestFile } from './index';
import { inputSeriesProblem, metricProblem, seriesDescProblem, valuesProblem } from './seriesDesc';

const RULES = 'groups:\n- name: g\n  rules:\n  - alert: InstanceDown\n    expr: up == 0\n    for: 5m\n    labels:\n      severity: page\n  - record: job:up:sum\n    expr: sum by (job) (up)\n';
const GOOD = `rule_files:
  - alerts.yml
evaluation_interval: 1m
tests:
  - interval: 1m
    name: down
    input_series:
      - series: 'up{job="prometheus", instance="localhost:9090"}'
        values: '0x15'
    alert_rule_test:
      - eval_time: 10m
        alertname: InstanceDown
        exp_alerts:
          - exp_labels: {severity: page, instance: "localhost:9090", job: prometheus}
    promql_expr_test:
      - expr: job:up:sum
        eval_time: 4m
        exp_samples:
          - labels: 'job:up:sum{job="prometheus"}'
            value: 0
`;

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'rule-tests-'));
  writeFileSync(path.join(dir, 'alerts.yml'), RULES);
  writeFileSync(path.join(dir, 'broken.yml'), 'groups:\n- name: b\n  rules:\n  - alert: Broken\n    expr: up ==\n');
  mkdirSync(path.join(dir, 'team'));
  writeFileSync(path.join(dir, 'team', 'nested.yml'), RULES);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const check = (text: string) => checkRuleTestFile(text, { filePath: path.join(dir, 'alerts_test.yml') });

describe('rule test files: detection', () => {
  const cases: Array<[string, string, string | null]> = [
    ['a test file', GOOD, 'rule-test'],
    ['tests and evaluation_interval', 'evaluation_interval: 1m\ntests: []\n', 'rule-test'],
    ['tests alone: some other YAML', 'tests: []\n', null],
    ['a test file with a misspelt key is still one', 'rule_files: [a.yml]\nevaluation_intervall: 1m\ntests: []\n', 'rule-test'],
    ['tests in a prometheus.yml is a config with an unknown key', 'rule_files: [a.yml]\nscrape_configs: []\ntests: []\n', 'prometheus-config'],
    ['a prometheus.yml with rule_files', 'rule_files: [a.yml]\nscrape_configs: []\n', 'prometheus-config'],
    ['rule_files and an unknown key: not a test file', 'rule_files: [a.yml]\nfoo: 1\n', 'prometheus-config'],
    ['a rule file', RULES, 'rule-file'],
  ];
  for (const [name, text, kind] of cases) it(name, () => assert.equal(detectFileKind('x.yml', text), kind));
});

describe('rule test files: findings', () => {
  const edit = (from: string, to: string) => GOOD.replace(from, to);
  const cases: Array<{ name: string; text: string; want: Array<[string, string, RegExp]> }> = [
    { name: 'a good file', text: GOOD, want: [] },
    { name: 'an unknown field, as go-yaml v2 names it', text: edit('    name: down\n', '    nmae: down\n'), want: [['rule-test/decode', 'nmae', /^field nmae not found in type main\.testGroup/]] },
    { name: 'a bad duration', text: edit('eval_time: 10m', 'eval_time: 10x'), want: [['rule-test/decode', '10x', /duration/]] },
    { name: 'a list for a string', text: edit("values: '0x15'", 'values: [0, 1]'), want: [['rule-test/decode', '[0, 1]', /cannot unmarshal !!seq into string/]] },
    { name: 'a missing rule file', text: edit('  - alerts.yml', '  - missing.yml'), want: [['rule-test/missing-rule-file', 'missing.yml', /^file "missing\.yml" does not exist/]] },
    { name: 'not YAML', text: 'tests:\n  - interval: [1m\n', want: [['rule-test/yaml-syntax', '[', /^yaml: line 2: did not find expected ',' or ']'$/]] },
    {
      name: 'an alert test without alertname, with promtool\'s words',
      text: edit('        alertname: InstanceDown\n', ''),
      want: [['rule-test/missing-alertname', 'eval_time: 10m', /^an item under alert_rule_test misses required attribute alertname at eval_time 10m \(in TestGroup down\)$/]],
    },
    { name: 'a misspelt alertname', text: edit('alertname: InstanceDown', 'alertname: InstanceDwn'), want: [['rule-test/unknown-alert', 'InstanceDwn', /^no alerting rule named "InstanceDwn" in the rule files of this test; did you mean InstanceDown\?$/]] },
    { name: 'a recording rule is not an alert', text: edit('alertname: InstanceDown', 'alertname: job:up:sum'), want: [['rule-test/unknown-alert', 'job:up:sum', /no alerting rule named "job:up:sum"/]] },
    { name: 'a group named twice in group_eval_order', text: `group_eval_order: [g, h, g]\n${GOOD}`, want: [['rule-test/group-order', 'g', /^group name repeated in evaluation order: g$/]] },
    { name: 'broken PromQL, placed in the file', text: edit('expr: job:up:sum', 'expr: sum(job:up:sum'), want: [['rule-test/promql-invalid', '', /^1:15: parse error: unclosed left parenthesis$/]] },
    { name: 'PromQL that does not type-check', text: edit('expr: job:up:sum', 'expr: rate(up)'), want: [['rule-test/promql-invalid', 'up', /expected type range vector in call to function "rate", got instant vector/]] },
    { name: 'a regex matcher in a series, as promtool says it', text: edit('up{job="prometheus"', 'up{job=~"prometheus"'), want: [['rule-test/series-invalid', '=~', /^1:7: parse error: unexpected <op:=~> in label set, expected "="$/]] },
    { name: 'a value without its repeat count', text: edit("values: '0x15'", "values: '0 1x'"), want: [['rule-test/series-invalid', '1x', /^1:53: parse error: unexpected end of input in series values$/]] },
    { name: 'an expansion without its count, before more values', text: edit("values: '0x15'", "values: '0+1 5'"), want: [['rule-test/series-invalid', ' ', /^1:52: parse error: unexpected " " in series values$/]] },
    { name: 'a series written as a comment: it and those after it are not loaded', text: edit("values: '0x15'", "values: '0x15'\n      - series: '# other{a=\"b\"}'\n        values: '1'\n      - series: 'other{a=\"c\"}'\n        values: '1'"), want: [['rule-test/series-not-loaded', '# other{a="b"}', /^promtool reads a series starting with # as a comment, which ends its load command: neither this series nor the 1 after it is loaded$/]] },
    { name: 'values ending in a line break (a | block scalar): the blank line ends the load command', text: edit("values: '0x15'", "values: |\n          0x15\n      - series: 'other{a=\"b\"}'\n        values: '1'"), want: [['rule-test/series-not-loaded', '0x15', /^these values end with a line break \(a `\|` block scalar does; `\|-` does not\), and the blank line it leaves ends promtool's load command: the series after it is not loaded$/]] },
    { name: 'an empty input series ends the load command too', text: edit("values: '0x15'", "values: '0x15'\n      - series: ''\n      - series: 'other{a=\"b\"}'\n        values: '1'"), want: [['rule-test/series-not-loaded', "series: ''", /^an empty input series leaves a blank line in promtool's load command, which ends it: the series after it is not loaded$/]] },
    { name: 'a series written in the values, the series left empty, loads', text: edit("values: '0x15'", "values: '0x15'\n      - series: ''\n        values: 'other{a=\"b\"} 1'"), want: [] },
    { name: 'values over several lines: a further line is a series of its own', text: edit("values: '0x15'", "values: \"0x15\\n  2 2\""), want: [['rule-test/series-invalid', '2', /^1:1: parse error: unexpected number "2" in series values$/]] },
    { name: 'values over several lines: a further line with a metric loads that series', text: edit("values: '0x15'", "values: \"0x15\\n  other{a=\\\"b\\\"} 1 x\""), want: [['rule-test/series-invalid', 'x', /^1:16: parse error: unexpected "x"$/]] },
    { name: 'a series in a block scalar ends with a line break: its values are a line of their own', text: edit("- series: 'up{job=\"prometheus\", instance=\"localhost:9090\"}'", "- series: >\n          up{job=\"prometheus\", instance=\"localhost:9090\"}"), want: [['rule-test/series-invalid', '0', /^1:1: parse error: unexpected number "0" in series values$/]] },
    { name: 'a label set left open reads on into the values', text: edit('up{job="prometheus", instance="localhost:9090"}', 'up{job="prometheus", instance="localhost:9090"'), want: [['rule-test/series-invalid', '0', /^1:48: parse error: unexpected character inside braces: '0'$/]] },
    { name: 'expected labels that are not a metric', text: edit("labels: 'job:up:sum{job=\"prometheus\"}'", "labels: 'job:up:sum{job=}'"), want: [['rule-test/series-invalid', '}', /^1:16: parse error: unexpected "}" in label set, expected string$/]] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = check(c.text);
      const text = c.text;
      assert.deepEqual(got.map((d) => [d.ruleId, text.slice(d.range.start, d.range.end)]), c.want.map(([id, at]) => [id, at]), JSON.stringify(got));
      got.forEach((d, i) => assert.match(d.message, c.want[i][2]));
    });
  }

  it('expected alerts: the labels and annotations their rule always gives', () => {
    const alert = (labels: string, annotations = '') => GOOD.replace('{severity: page, instance: "localhost:9090", job: prometheus}', labels) + annotations;
    const cases: Array<[string, string, RegExp | null]> = [
      ['every label', alert('{severity: page, instance: "localhost:9090", job: prometheus}'), null],
      ['a label the rule sets, missing', alert('{instance: "localhost:9090", job: prometheus}'), /label severity="page", which the rule sets, is not expected \(alert InstanceDown\)$/],
      ['a label the rule sets, other value', alert('{severity: ticket, instance: "localhost:9090", job: prometheus}'), /label severity is expected as "ticket", but the rule sets "page"/],
      ['an annotation the rule does not set', alert('{severity: page, instance: "localhost:9090", job: prometheus}\n            exp_annotations: {summary: x}'), /annotation summary is expected, but the rule sets none of that name/],
    ];
    for (const [name, text, want] of cases) {
      const got = check(text).filter((d) => d.ruleId === 'rule-test/expected-alert');
      if (want === null) assert.deepEqual(got, [], name);
      else assert.ok(got.length === 1 && want.test(got[0].message), `${name}: ${JSON.stringify(got)}`);
    }
  });

  it('lintFile checks a test file by content, with the rule files next to it', () => {
    const r = lintFile(path.join(dir, 'alerts_test.yml'), GOOD.replace('alertname: InstanceDown', 'alertname: Nope'));
    assert.equal(r?.kind, 'rule-test');
    assert.deepEqual(r?.diagnostics.map((d) => d.ruleId), ['rule-test/unknown-alert']);
  });

  it('gives the editor the PromQL of promql_expr_test, mapped to the file', () => {
    const text = edit('expr: job:up:sum', 'expr: "sum(\\"x\\")"');
    const [e] = ruleTestExpressions(text);
    assert.equal(e.text, 'sum("x")');
    assert.equal(e.kind, 'rule-test-expr');
    assert.equal(e.label, 'down/promql_expr_test[0]');
    assert.equal(text.slice(e.toFileOffset(4), e.toFileOffset(4) + 2), '\\"');
  });
});

describe('rule test files: series notation (promql/series_desc.jsonl, ParseSeriesDesc)', () => {
  const corpus = readFileSync(path.join(__dirname, '..', '..', '..', '..', 'test-fixtures', 'corpus', 'promql', 'series_desc.jsonl'), 'utf8')
    .trim().split('\n').map((l) => JSON.parse(l) as { input: string; valid: boolean; error?: string; line: number });
  // Combining histograms of different schemas is found when the values are expanded, not read.
  const expanding = (r: { error?: string }) => /error combining histograms/.test(r.error ?? '');
  for (const r of corpus.filter((x) => !expanding(x))) {
    it(`line ${r.line}: ${JSON.stringify(r.input).slice(0, 60)} is ${r.valid ? 'valid' : 'refused'}`, () => {
      const p = seriesDescProblem(r.input);
      assert.equal(p === undefined, r.valid, p?.message);
    });
  }
  it('leaves out only the schema-combining case', () => assert.equal(corpus.filter(expanding).length, 1));
  it('a few more values and metrics', () => {
    for (const ok of ['1 2 3', '_x3 stale', '1+1x3 -1-1x2', 'Inf -Inf NaN iNf 1e3', '1.5+0.5x2', 'Inf+1x2', 'NaN-1x3', '0x10', '1e308']) assert.equal(valuesProblem(ok), undefined, ok);
    for (const bad of ['1 x', '1+1', 'abc', '1x', '_y2']) assert.ok(valuesProblem(bad), bad);
    // As promtool 2.42 (and the 3.x lexer) words them: no hexadecimal in a series, Inf or NaN
    // before an x is an identifier, a number beyond float64 is out of range.
    const said = (v: string) => { const p = valuesProblem(v); return p && [p.message, v.slice(p.start, p.end)]; };
    assert.deepEqual(said('0x1F'), ['bad number syntax: "1"', '1']);
    assert.deepEqual(said('1\u00a02'), ["unexpected character in series sequence: '\\u00a0'", '\u00a0']);
    assert.deepEqual(said('Infx2'), ['unexpected identifier "Infx2" in series values, expected number or "stale"', 'Infx2']);
    assert.deepEqual(said('1 1+Infx2'), ['unexpected identifier "Infx2" in series values', 'Infx2']);
    assert.deepEqual(said('1e309'), ['error parsing number: strconv.ParseFloat: parsing "1e309": value out of range', '1e309']);
    assert.deepEqual(said('1+1e309x2'), ['error parsing number: strconv.ParseFloat: parsing "1e309": value out of range', '1e309']);
    // An input series is read by the series lexer: no space before {, no comment, a label at least.
    const series = (v: string) => { const p = inputSeriesProblem(v); return p && [p.message, v.slice(p.start, p.end), p.bare ?? false]; };
    assert.deepEqual(series('up {job="a"}'), ["unexpected character in series sequence: '{'", '{', false]);
    assert.deepEqual(series('up{job="a # b"} # note'), ["unexpected character in series sequence: '#'", '#', false]);
    assert.deepEqual(series('{}'), ['empty labelset: invalid sample', '{}', true]);
    assert.deepEqual(series('up{job="a", job="b"}'), ['label name "job" is not unique: invalid sample', 'job', true]);
    assert.equal(series('up{__name__="up", job="a"}'), undefined);
    assert.equal(series('up{job="a", x="b"}'), undefined);
    assert.equal(metricProblem('up {job="a"}'), undefined, 'exp_samples labels go through ParseMetric, which allows it');
    for (const ok of ['up', 'up{a="b"}', '{__name__="up"}', '{}', '']) assert.equal(metricProblem(ok), undefined, ok);
    for (const bad of ['up{a!="b"}', 'rate(up[5m])', 'up offset 5m', 'up{a="b"']) assert.ok(metricProblem(bad), bad);
  });
});

/** Writes `text` as `name` in the scratch folder and runs `promtool test rules` on it. */
function promtoolTestRules(name: string, text: string): { file: string; ok: boolean; output: string } {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const run = spawnSync(PROMTOOL, ['test', 'rules', file], { encoding: 'utf8', timeout: 30_000 });
  return { file, ok: run.status === 0, output: run.stdout + run.stderr };
}

describe('rule test files: promtool test rules agrees', () => {
  const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'test-fixtures', 'lint', 'rule-tests');
  it('the fixtures: a passing test file, and one whose misspelt alertname only we see', () => {
    const found = (f: string) => lintFile(path.join(FIXTURES, f), readFileSync(path.join(FIXTURES, f), 'utf8'))!.diagnostics.map((d) => `${d.ruleId} ${d.message}`);
    assert.deepEqual(found('alerts_test.yml'), []);
    assert.deepEqual(found('typo_test.yml'), ['rule-test/unknown-alert no alerting rule named "InstanceDwn" in the rule files of this test; did you mean InstanceDown?']);
    if (!existsSync(PROMTOOL)) return; // the comparison below says promtool is absent
    const run = spawnSync(PROMTOOL, ['test', 'rules', 'alerts_test.yml', 'typo_test.yml'], { cwd: FIXTURES, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });

  if (skipWithoutPromtool()) return;
  // Files whose tests pass once promtool can read them: promtool fails exactly the ones it cannot.
  const cases = [
    GOOD,
    GOOD.replace('    name: down\n', '    nmae: down\n'),
    GOOD.replace('eval_time: 4m', 'eval_time: 4x'),
    GOOD.replace("values: '0x15'", 'values: [0, 1]'),
    GOOD.replace('        alertname: InstanceDown\n', ''),
    `group_eval_order: [g, g]\n${GOOD}`,
    GOOD.replace('expr: job:up:sum', 'expr: sum(job:up:sum'),
    GOOD.replace('up{job="prometheus"', 'up{job=~"prometheus"'),
    GOOD.replace("values: '0x15'", "values: '0 0x'"),
    GOOD.replace("values: '0x15'", "values: '0 _ 0+0x13'"),
    GOOD.replace("labels: 'job:up:sum{job=\"prometheus\"}'", "labels: 'job:up:sum{job=}'"),
    'tests:\n  - interval: [1m\n',
    GOOD.replace('tests:\n', 'tests:\n  - interval: 1m\n    external_labels: {a: b}\n    external_url: http://x\n'),
    // Found by comparing 1,317 mutants with promtool 2.42: a series read as the series lexer reads it.
    GOOD.replace("values: '0x15'", "values: '0x15'\n      - series: 'other_metric{a=\"b\"}'\n        values: ~"),
    GOOD.replace("values: '0x15'", "values: '0x15'\n      - series: 'other_metric{a=\"b\"}'\n        values: '1 0x1F'"),
    GOOD.replace("values: '0x15'", "values: '0x15'\n      - series: 'other_metric{a=\"b\"}'\n        values: '1 1+Infx2'"),
    GOOD.replace("values: '0x15'", "values: '0x15'\n      - series: 'other_metric{a=\"b\"}'\n        values: 'Inf+1x2 NaN'"),
    GOOD.replace("values: '0x15'", "values: '0x15'\n      - series: 'other_metric{a=\"b\"}'\n        values: '1e309'"),
    GOOD.replace("values: '0x15'", "values: '0x15'\n      - series: 'other_metric{a=\"b\"}'\n        values: \"1\\n2\""),
    GOOD.replace("values: '0x15'", "values: '0x15'\n      - series: ''\n        values: '1+1x5'"),
    GOOD.replace("values: '0x15'", "values: '0x15'\n      - series: ''\n        values: ''"),
    GOOD.replace("values: '0x15'", "values: '0x15'\n      - series: '{}'\n        values: '1'"),
    GOOD.replace("values: '0x15'", "values: '0x15'\n      - series: 'other_metric {a=\"b\"}'\n        values: '1'"),
    GOOD.replace("values: '0x15'", "values: '0x15'\n      - series: 'other_metric # note'\n        values: '1'"),
    GOOD.replace('  - alerts.yml', '  - "[a-"'),
    GOOD.replace('  - alerts.yml', '  - alerts.yml\n  - .'),
    GOOD.replace('  - alerts.yml', '  - alerts.yml\n  - broken.yml'),
    GOOD.replace('  - alerts.yml', '  - "*/nested.yml"'),
    // Found by comparing 511 more probes: promtool loads rule files per test group, and reads later
    // lines of values, and a block scalar series' values, as series of their own.
    'rule_files: [broken.yml]\ntests: []\n',
    GOOD.replace("values: '0x15'", "values: \"0x15\\n  other_metric\""),
    GOOD.replace("values: '0x15'", "values: \"0x15\\n  2 2 2\""),
    GOOD.replace("values: '0x15'", "values: \"0x15\\n\\n  # note\""),
    GOOD.replace("- series: 'up{job=\"prometheus\", instance=\"localhost:9090\"}'", "- series: >\n          up{job=\"prometheus\", instance=\"localhost:9090\"}"),
    GOOD.replace("values: '0x15'", "values: '0x15'\n      - series: '# other{a=\"b\"}'\n        values: '1'"),
    GOOD.replace("values: '0x15'", "values: '0x15'\n      - series: 'other{a=\"b\", a=\"c\"}'\n        values: '1'"),
    GOOD.replace('expr: job:up:sum', 'expr: job:up:sum[5m]'),
    GOOD.replace('expr: job:up:sum', 'expr: (-(job:up:sum[5m:1m]))'),
    GOOD.replace('expr: job:up:sum', 'expr: \'"foo"\''),
    GOOD.replace('expr: job:up:sum', 'expr: ((job:up:sum))'),
  ];
  it('fails exactly the files we report an error in', function () {
    this.timeout(60_000);
    const differ: string[] = [];
    let failing = 0;
    for (const text of cases) {
      const { file, ok, output } = promtoolTestRules('case_test.yml', text);
      const ours = checkRuleTestFile(text, { filePath: file }).filter((d) => d.severity === 'error');
      if (!ok) failing++;
      if (ok !== (ours.length === 0)) differ.push(`${text}\n  promtool: ${output.trim()}\n  ours: ${ours.map((d) => d.message).join('; ')}`);
    }
    assert.deepEqual(differ, []);
    assert.ok(failing >= 9, `promtool failed ${failing}`);
  });

  it('says what promtool says of a series and its values, word for word and at the same column', function () {
    this.timeout(120_000);
    // Label sets left open, which the lexer reads on into the values, and values that break the
    // series grammar at each of its places. (Not here: quoted label names, which Prometheus 3 reads
    // and 2.42 refuses, and native histograms, which 2.42 does not know.)
    const pairs: Array<[string, string]> = [
      ...['1 1', 'stale', '_x3', '', '{{schema:1}}', '} 1', '# c', '=~', 'a b'].map((v): [string, string] => ['up{job="a"', v]),
      ['up{job="a",', '1 1'], ['up{job=', '1'], ['up{', '_x3'], ['up{job=~"a"', '1'], ['up{job', '=~'], ['up{job', 'x'], ['up{job="a\\"', 'a="b"} 1'], ['{job="a"', '} 1 2'],
      ...['1+ 2', '1+2 3', '_x 1', '5x 1', '5x', '1+2x 3', '- 1', '1 +', 'x', '1 x', 'xyz', '_x', '_a', '1-x3', 'stale+1x2', '1x2x3', '1x-2', '1 2', '1%', '1,2', 'a1', '1a',
        '1_5', '0x1f', '0xff', '0x', '0x10', '1..2', '1e', '1e3', '5y', '.5', '1.', '} 1', '"b" 1', '# c', '=~', 'a="b"} 1', 'Infx2', '1+Infx2', 'Inf+1x2', '1x2.5', '1e309', 'stale stale',
        'offset 1m', '1 sum', '1 and 2', 'by'].map((v): [string, string] => ['up{job="a"}', v]),
      // What follows the metric itself, in the series: a space must come first.
      ['up{a="😀"', '1'], ['up{a="😀"} 1', '😀'],
      ...['5', '+5', 'nan{job="a"}', 'bool{job="a"}', 'sum{job="a"}', 'offset', '(up)', '"up"', '[1]', '=5', 'up-x{job="a"}', 'up{job="a"}x', 'up{job="a"}{b="c"}', 'up # c', 'up {job="a"}', '{} ', 'up{} ', 'sum{job="a"}', 'up:x{a="b"}', 'up{a="b", a="c"}']
        .map((s): [string, string] => [s, '1 2']),
    ];
    const differ: string[] = [];
    let refused = 0;
    for (const [series, values] of pairs) {
      const text = `tests:\n  - interval: 1m\n    input_series:\n      - series: '${series}'\n        values: '${values}'\n`;
      const { file, ok, output } = promtoolTestRules('series_test.yml', text);
      // The parse error, or a load error printed bare after FAILED: (empty labelset, repeated label).
      const theirs = /^\d+:\d+: parse error: .*$/m.exec(output)?.[0] ?? /FAILED:\s*\n(.+)/.exec(output)?.[1] ?? (ok ? '' : `(failed: ${output.trim()})`);
      if (theirs !== '') refused++;
      const ours = checkRuleTestFile(text, { filePath: file }).filter((d) => d.severity === 'error').map((d) => d.message)[0] ?? '';
      if (theirs !== ours) differ.push(`series '${series}' values '${values}'\n  promtool: ${theirs}\n  ours:     ${ours}`);
    }
    assert.deepEqual(differ, []);
    assert.ok(refused >= 50, `promtool refused ${refused}`);
  });

  it('says what promtool says of an expected sample\'s labels (ParseMetric), word for word', function () {
    this.timeout(60_000);
    let refused = 0;
    const labels = ['rate(up[5m])', 'Inf', '5', 'up{job="a"} offset 1m', 'up{job=~"a"}', 'up{job}', 'up{job="a"', 'up{job="a",}', 'up 5', '{}', 'sum', 'up{job="a"} # c', 'up{a="b"}{c="d"}', 'bool'];
    const differ: string[] = [];
    for (const l of labels) {
      const text = `tests:\n  - interval: 1m\n    input_series:\n      - series: 'up{job="a"}'\n        values: '1'\n    promql_expr_test:\n      - expr: up\n        eval_time: 0m\n        exp_samples:\n          - labels: '${l}'\n            value: 1\n`;
      const { file, output } = promtoolTestRules('labels_test.yml', text);
      // promtool: `expr: "up", time: 0s, err: labels "<labels>": 1:5: parse error: ...`; other failures are not about the labels.
      const theirs = /err: labels ".*?": (\d+:\d+: parse error: .*)$/m.exec(output)?.[1] ?? '';
      const ours = checkRuleTestFile(text, { filePath: file }).filter((d) => d.ruleId === 'rule-test/series-invalid').map((d) => d.message)[0] ?? '';
      if (theirs !== '') refused++;
      if (theirs !== ours) differ.push(`labels '${l}'\n  promtool: ${theirs}\n  ours:     ${ours}`);
    }
    assert.deepEqual(differ, []);
    assert.ok(refused >= 10, `promtool refused ${refused}`);
  });

  it('fails the tests whose expected alerts we say their rule cannot give, and passes the others', function () {
    this.timeout(60_000);
    const alert = (labels: string) => GOOD.replace('{severity: page, instance: "localhost:9090", job: prometheus}', labels);
    const cases = [
      alert('{severity: page, instance: "localhost:9090", job: prometheus}'),
      alert('{instance: "localhost:9090", job: prometheus}'),
      alert('{severity: ticket, instance: "localhost:9090", job: prometheus}'),
      alert('{severity: page, instance: "localhost:9090", job: prometheus}\n            exp_annotations: {summary: x}'),
    ];
    // Rule labels as Prometheus keeps them: as written (1.0, True, 1e3), and an empty one dropped.
    writeFileSync(path.join(dir, 'scalars.yml'), 'groups:\n- name: s\n  rules:\n  - alert: Scalars\n    expr: up == 0\n    labels: {level: 1.0, on: True, big: 1e3, team: ""}\n');
    const scalars = (labels: string) => `rule_files: [scalars.yml]\ntests:\n  - interval: 1m\n    input_series:\n      - series: 'up{job="a"}'\n        values: '0x5'\n    alert_rule_test:\n      - eval_time: 2m\n        alertname: Scalars\n        exp_alerts:\n          - exp_labels: ${labels}\n`;
    cases.push(scalars('{job: a, level: "1.0", on: "True", big: "1e3"}'), scalars('{job: a, level: "1", on: "true", big: "1000"}'));
    for (const text of cases) {
      const { file, ok, output } = promtoolTestRules('case_test.yml', text);
      const ours = checkRuleTestFile(text, { filePath: file }).filter((d) => d.ruleId === 'rule-test/expected-alert');
      assert.equal(ok, ours.length === 0, `${text}\n${output}\n${JSON.stringify(ours)}`);
    }
  });
});
