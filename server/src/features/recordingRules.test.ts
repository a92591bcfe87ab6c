import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { completePromQL } from './completion';
import { metricNameAt, metricNameUses, RecordingRuleIndex, recordingRulesIn, recordingRuleSource } from './recordingRules';
import { findFiles } from './workspaceFiles';

const RULES = `groups:
  - name: http
    rules:
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total[5m]))
      - alert: HighRate
        expr: job:http_requests:rate5m > 10
      - record: "job:errors:ratio"
        expr: |
          job:http_errors:rate5m / job:http_requests:rate5m
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
spec:
  groups:
    - name: k8s
      rules:
        - record: 'instance:up:sum'
          expr: sum by (instance) (up)
`;

describe('recordingRulesIn', () => {
  const rules = recordingRulesIn('file:///r.yml', RULES);
  const table: Array<[string, string, string]> = [
    // name, group, expr
    ['job:http_requests:rate5m', 'http', 'sum by (job) (rate(http_requests_total[5m]))'],
    ['job:errors:ratio', 'http', 'job:http_errors:rate5m / job:http_requests:rate5m\n'],
    ['instance:up:sum', 'k8s', 'sum by (instance) (up)'],
  ];
  it('finds every record: in plain, quoted and PrometheusRule files, and no alert', () => {
    assert.deepEqual(rules.map((r) => r.name), table.map(([n]) => n));
  });
  for (const [name, group, expr] of table) {
    it(`maps ${name} to the characters of its name, with group and expr`, () => {
      const r = rules.find((x) => x.name === name)!;
      assert.equal(RULES.slice(r.nameRange.start, r.nameRange.end), name);
      assert.equal(r.group, group);
      assert.equal(r.expr, expr);
      assert.equal(r.uri, 'file:///r.yml');
    });
  }
  it('finds nothing in files that are not rule files', () => {
    for (const text of ['', 'a: [', 'scrape_configs: []', '{"panels": []}', 'groups: 3']) assert.deepEqual(recordingRulesIn('u', text), [], text);
  });
});

describe('RecordingRuleIndex', () => {
  it('looks names up across files and forgets a file when it changes or goes', () => {
    const index = new RecordingRuleIndex();
    index.update('a', RULES);
    index.update('b', 'groups:\n  - name: other\n    rules:\n      - record: job:http_requests:rate5m\n        expr: up\n');
    assert.deepEqual(index.lookup('job:http_requests:rate5m').map((r) => r.uri), ['a', 'b']);
    index.update('b', 'groups: []\n');
    assert.deepEqual(index.lookup('job:http_requests:rate5m').map((r) => r.uri), ['a']);
    index.remove('a');
    assert.deepEqual(index.lookup('job:http_requests:rate5m'), []);
    assert.deepEqual(index.files(), []);
  });
});

describe('metricNameUses', () => {
  const table: Array<[string, string[]]> = [
    ['rate(foo[5m]) / on(foo) bar{foo="x"}', ['foo', 'bar']],
    ['sum by (job) (job:a:b) offset 5m', ['job:a:b']],
    ['{__name__="foo"}', []],
    ['sum(rate(foo[5m])', ['foo']], // a broken expression still has its selectors
    ['max_over_time(x[1h:5m]) and rate(y[5m]) unless z', ['x', 'y', 'z']],
  ];
  for (const [text, names] of table) {
    it(`${text} → ${names.join(', ') || 'nothing'}`, () => {
      const uses = metricNameUses(text);
      assert.deepEqual(uses.map((u) => u.name), names);
      for (const u of uses) assert.equal(text.slice(u.range.start, u.range.end), u.name);
    });
  }
  it('finds the name under the cursor, its end included', () => {
    const text = 'rate(job:a:b[5m])';
    assert.equal(metricNameAt(text, 5)?.name, 'job:a:b');
    assert.equal(metricNameAt(text, 12)?.name, 'job:a:b');
    assert.equal(metricNameAt(text, 2), undefined);
  });
});

describe('recordingRuleSource', () => {
  it('offers the recording rule names where an expression starts, with their definition', async () => {
    const index = new RecordingRuleIndex();
    index.update('file:///r.yml', RULES);
    const result = await completePromQL('sum(job:h)', 9, {}, [recordingRuleSource(index)]);
    const item = result.candidates.find((c) => c.label === 'job:http_requests:rate5m');
    assert.ok(item, JSON.stringify(result.candidates.map((c) => c.label)));
    assert.equal(item.kind, 'metric');
    assert.match(item.documentation ?? '', /rate\(http_requests_total\[5m\]\)/);
    const inLabels = await completePromQL('up{', 3, {}, [recordingRuleSource(index)]);
    assert.deepEqual(inLabels.candidates, []);
  });
});

describe('findFiles', () => {
  let root = '';
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'rr-'));
    for (const f of ['a.yml', 'b.yaml', 'c.json', 'sub/d.yml', 'node_modules/x.yml', '.git/y.yml', '.cache/z.yml', 'sub/deeper/e.YML']) {
      await mkdir(path.dirname(path.join(root, f)), { recursive: true });
      await writeFile(path.join(root, f), 'groups: []\n');
    }
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('lists YAML files, skipping node_modules, .git and .cache', async () => {
    const got = (await findFiles([root])).map((f) => path.relative(root, f));
    assert.deepEqual(got, ['a.yml', 'b.yaml', 'sub/d.yml', 'sub/deeper/e.YML']);
  });
  it('stops at the bound', async () => {
    assert.equal((await findFiles([root], { maxFiles: 2 })).length, 2);
  });
});
