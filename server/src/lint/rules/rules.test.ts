import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkRuleFile, ruleFileRules } from './index';
import { CORPUS, PARSER_READY } from './testutil';

const ids = (text: string, opts = {}) => checkRuleFile(text, opts).map((d) => d.ruleId);
/** Rules whose finding needs a parsed PromQL tree. */
const NEEDS_PARSER = new Set([
  'rule/promql-invalid', 'rule/rate-window', 'rule/rate-over-aggregation', 'rule/counter-without-rate',
  'rule/alert-without-condition', 'rule/absent-without-for', 'rule/redundant-regex', 'rule/template-unknown-label', 'rule/impossible-matcher',
  'rule/impossible-vector-match', 'rule/sampled-alert', 'rule/use-recording-rule',
]);

describe('rule files: every rule id has a failing and a passing example', () => {
  it('documents each id once, for rule files, with a severity', () => {
    const seen = new Set<string>();
    for (const d of ruleFileRules) {
      assert.ok(!seen.has(d.id), `duplicate ${d.id}`);
      seen.add(d.id);
      assert.equal(d.fileKind, 'rule-file');
      assert.match(d.id, /^rule\/[a-z0-9-]+$/);
      assert.ok(d.summary.length > 10 && d.badExample && d.goodExample);
    }
    assert.ok(seen.size >= 25, `only ${seen.size} rules`);
  });

  it('documents every rule id the code can emit', () => {
    const documented = new Set(ruleFileRules.map((d) => d.id));
    const sources = [__dirname, join(__dirname, 'quality')].flatMap((dir) =>
      readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => readFileSync(join(dir, f), 'utf8')),
    );
    const emitted = new Set(sources.flatMap((src) => [...src.matchAll(/ruleId: '([^']+)'/g)].map((m) => m[1])));
    assert.ok(emitted.size >= 20);
    for (const id of emitted) assert.ok(documented.has(id), `${id} is emitted but not documented`);
  });

  for (const doc of ruleFileRules) {
    if (doc.id === 'rule/too-large') continue; // its example is not a file; tested below
    if (!PARSER_READY && NEEDS_PARSER.has(doc.id)) continue;
    it(`${doc.id}: the bad example triggers it, the good one does not`, () => {
      const bad = checkRuleFile(doc.badExample).filter((d) => d.ruleId === doc.id);
      assert.ok(bad.length >= 1, `bad example: ${JSON.stringify(ids(doc.badExample))}`);
      assert.ok(bad.every((d) => d.severity === doc.defaultSeverity));
      assert.ok(!ids(doc.goodExample).includes(doc.id), `good example: ${JSON.stringify(ids(doc.goodExample))}`);
      if (doc.defaultSeverity !== 'error') {
        // Quality findings never make a valid file "invalid".
        assert.deepEqual(checkRuleFile(doc.goodExample).filter((d) => d.severity === 'error').map((d) => d.message), []);
      }
    });
  }
});

describe('rule files: ranges land on the exact key or value', () => {
  const cases: Array<[string, string, string, string]> = [
    // [rule id, file, underlined text, description]
    ['rule/unknown-field', 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    annotation: {}\n', 'annotation', 'the unknown key'],
    ['rule/group-name-repeated', 'groups:\n- name: g\n- name: "g"\n', '"g"', 'the second name'],
    ['rule/invalid-duration', 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    for: 5 minutes\n', '5 minutes', 'the value'],
    ['rule/recording-rule-field', 'groups:\n- name: g\n  rules:\n  - record: a:b:c\n    expr: up\n    keep_firing_for: 1m\n', 'keep_firing_for', 'the key'],
    ['rule/invalid-label-name', 'groups:\n- name: g\n  rules:\n  - record: a:b:c\n    expr: up\n    labels:\n      __name__: x\n', '__name__', 'the label key'],
    ['rule/template-invalid', "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    annotations:\n      summary: 'on {{ $label.x }}'\n", '$label.x }}', 'the action'],
    ['rule/invalid-type', 'groups:\n- name: g\n  limit: lots\n', 'lots', 'the value'],
    ['rule/group-name-empty', 'groups:\n- rules:\n  - record: a:b:c\n    expr: up\n', 'rules:', 'the first line of the group'],
    ['rule/missing-expr', 'groups:\n- name: g\n  rules:\n  - record: a:b:c\n    labels: {}\n', 'record: a:b:c', 'the first line of the rule'],
    ['rule/template-invalid', 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    labels:\n      team: "{{ if true }}x"\n', '"{{ if true }}x"', 'the whole value at an unexpected EOF'],
    ['rule/template-invalid', 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    annotations:\n      d: |\n        line one\n        {{ humanise $value }}\n', 'humanise $value }}', 'the action inside a block scalar'],
  ];
  for (const [id, text, want, what] of cases) {
    it(`${id} underlines ${what}`, () => {
      const d = checkRuleFile(text).find((x) => x.ruleId === id);
      assert.ok(d, JSON.stringify(ids(text)));
      assert.equal(text.slice(d.range.start, d.range.end), want);
    });
  }

  if (PARSER_READY) {
    // The same PromQL type error (rate() of an instant vector) in every YAML scalar style: the
    // diagnostic must cover exactly the argument's characters, escapes included.
    const styles: Array<[string, string, string]> = [
      ['plain', 'expr: rate(up{job="a"})', 'up{job="a"}'],
      ['single-quoted', "expr: 'rate(up{job=''a''})'", "up{job=''a''}"],
      ['double-quoted with escapes', 'expr: "rate(up{job=\\"a\\"})"', 'up{job=\\"a\\"}'],
      ['double-quoted with \\t and \\u escapes', 'expr: "rate(\\tup{job=\\u0022a\\u0022})"', 'up{job=\\u0022a\\u0022}'],
      ['literal block', 'expr: |\n      rate(\n        up{job="a"})', 'up{job="a"}'],
      ['literal block, strip', 'expr: |-\n      rate(up{job="a"})\n\n', 'up{job="a"}'],
      ['folded block', 'expr: >\n      rate(\n      up{job="a"})', 'up{job="a"}'],
      ['folded block, keep, explicit indent', 'expr: >+2\n        rate(up{job="a"})\n', 'up{job="a"}'],
      ['multi-line plain', 'expr: rate(\n      up{job="a"})', 'up{job="a"}'],
      ['anchored value', 'expr: &e rate(up{job="a"})', 'up{job="a"}'],
      ['double-quoted after astral characters', 'expr: "rate(up{job=\\"🚀\\"})"', 'up{job=\\"🚀\\"}'],
    ];
    for (const [style, expr, want] of styles) {
      it(`maps a PromQL error inside a ${style} expr`, () => {
        const text = `groups:\n- name: g\n  rules:\n  - record: a:b:c\n    ${expr}\n`;
        const d = checkRuleFile(text).find((x) => x.ruleId === 'rule/promql-invalid');
        assert.ok(d, JSON.stringify(ids(text)));
        assert.match(d.message, /^could not parse expression: \d+:\d+: parse error: expected type range vector in call to function "rate", got instant vector$/);
        assert.equal(text.slice(d.range.start, d.range.end), want);
      });
    }

    it('keeps exact ranges with CRLF line ends and a byte-order mark', () => {
      const base = 'groups:\n- name: g\n  rules:\n  - record: a:b:c\n    expr: |\n      sum(\n        rate(up{job="a"}))\n  - alert: A\n    expr: up == 0\n    annotations:\n      summary: "{{ $label.x }}"\n';
      for (const text of [base, `\uFEFF${base}`, base.replace(/\n/g, '\r\n')]) {
        const got = checkRuleFile(text).filter((d) => d.severity === 'error').map((d) => text.slice(d.range.start, d.range.end));
        assert.deepEqual(got, ['up{job="a"}', '$label.x }}']);
      }
    });

    it('maps a quality finding inside a folded expr to its exact characters', () => {
      const text = 'groups:\n- name: g\n  rules:\n  - record: job:x:rate\n    expr: >-\n      sum by (job)\n      (rate(x_total[30s]))\n';
      const d = checkRuleFile(text).find((x) => x.ruleId === 'rule/rate-window');
      assert.ok(d);
      assert.equal(text.slice(d.range.start, d.range.end), 'x_total[30s]');
    });

    it('offers a quick fix for a literal regex', () => {
      const text = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up{job=~"api"} == 0\n';
      const d = checkRuleFile(text).find((x) => x.ruleId === 'rule/redundant-regex');
      assert.ok(d?.fixes?.length);
      const e = d.fixes[0].edits[0];
      assert.equal(text.slice(e.range.start, e.range.end), '=~');
      assert.equal(text.slice(0, e.range.start) + e.newText + text.slice(e.range.end), text.replace('=~', '='));
    });

    it('honours the scrape interval', () => {
      const text = 'groups:\n- name: g\n  rules:\n  - record: job:x:rate1m\n    expr: sum by (job) (rate(x_total[1m]))\n';
      assert.ok(ids(text).includes('rule/rate-window'), 'default 1m scrape interval');
      assert.ok(!ids(text, { scrapeIntervalMs: 15_000 }).includes('rule/rate-window'), '15s scrape interval');
      // The message says where the interval comes from: the default, or the configuration.
      const window = (o = {}) => checkRuleFile(text, o).find((d) => d.ruleId === 'rule/rate-window')?.message;
      assert.match(window() ?? '', /\(scrape interval 1m, Prometheus' default: no prometheus\.yml was found to give it; scrapeInterval in \.monitoring-lint\.yml sets it\): /);
      assert.match(window({ scrapeIntervalMs: 60_000 }) ?? '', /\(scrape interval 1m\): /);
    });

    it('does not call counters used with rate(), absent() or count() raw', () => {
      const text = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: absent(x_total) or count(y_total) > 1 or sum(rate(z_total[5m])) > 0 or (up unless w_total)\n    for: 5m\n';
      assert.ok(!ids(text).includes('rule/counter-without-rate'), JSON.stringify(ids(text)));
    });

    it('a null key is left out, as go-yaml leaves it out (promtool passes these)', () => {
      for (const extra of ['    ~: x\n', '    labels:\n      ~: x\n', '    annotations:\n      null: x\n      summary: s\n']) {
        const text = `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n${extra}`;
        assert.deepEqual(checkRuleFile(text).filter((d) => d.severity === 'error'), [], extra);
      }
    });

    it('record names: level:metric:operations, the level may be empty', () => {
      const rec = (name: string) => ids(`groups:\n- name: g\n  rules:\n  - record: "${name}"\n    expr: sum(up)\n`).includes('rule/record-name-format');
      for (const ok of ['job:up:sum', 'count:up1', ':grpc_client_failures_per_unary:sum_rate', 'instance_path:requests:rate5m']) assert.equal(rec(ok), false, ok);
      for (const bad of ['up_sum', 'job:', '::', ':', 'job::sum']) assert.equal(rec(bad), true, bad);
    });

    it('annotations: any of summary, description or message will do', () => {
      const alert = (annotations: string) => ids(`groups:\n- name: g\n  rules:\n  - alert: Down\n    expr: up == 0\n${annotations}`).includes('rule/missing-annotation');
      assert.equal(alert(''), true);
      assert.equal(alert('    annotations:\n      runbook_url: https://example.com\n'), true);
      assert.equal(alert('    annotations:\n      summary: ""\n'), true, 'empty');
      assert.equal(alert('    annotations:\n      summary: down\n'), false);
      assert.equal(alert('    annotations:\n      description: "{{ $labels.instance }} is down"\n'), false);
      assert.equal(alert('    annotations:\n      message: "{{ $labels.instance }} is down"\n'), false);
    });

    it('tells counters by their names, and gauges that end in _count apart', () => {
      const cases: Array<[string, boolean]> = [
        ['http_requests_total > 100', true],
        ['http_request_duration_seconds_bucket > 1', true],
        ['http_request_duration_seconds_count > 100', true], // a unit before _count: a histogram's
        ['rpc_latency_sum > 100', true],
        ['pg_stat_activity_count > 100', false], // postgres_exporter's gauge
        ['sum by (instance) (pg_locks_count) > 100', false],
        ['foo_count / foo_sum > 1', true], // the histogram's two series side by side
        ['foo_count > 1 and foo_bucket', true],
        ['x_total > 0 and on (job) up == 1', false], // a guard: "has counted something"
        ['(x_total) != 0 unless y', false],
        ['x_total > 0', true], // on its own: resets to 0 on restart and the alert resolves
        ['x_total - x_total offset 10m >= 1', true],
        ['x_total > 1 and up', true],
        // A capacity gauge beside its free/available part (cAdvisor, MinIO), not a counter.
        ['(1 - sum(container_fs_inodes_free) by (instance) / sum(container_fs_inodes_total) by (instance)) * 100 > 80', false],
        ['disk_storage_available / disk_storage_total * 100 < 10', false],
        ['disk_storage_used / disk_storage_total * 100 > 90', false],
        ['errors_total / requests_total > 0.1', true], // two counters: no free part
        ['disk_storage_total < 10', true], // alone, only the name tells, and it says counter
      ];
      for (const [expr, flagged] of cases) {
        const text = `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: ${expr}\n    for: 5m\n`;
        assert.equal(ids(text).includes('rule/counter-without-rate'), flagged, expr);
      }
    });

    it('knows which labels a query keeps', () => {
      const keeps: Array<[string, string, boolean]> = [
        ['sum by (job) (up) > 1', 'job', true],
        ['sum by (job) (up) > 1', 'instance', false],
        ['sum without (job) (up) > 1', 'instance', true],
        ['up == 0', 'anything', true],
        ['label_replace(sum by (job) (up), "team", "$1", "job", "(.*)") > 0', 'team', true],
        ['histogram_quantile(0.9, sum by (le, job) (rate(x_bucket[5m]))) > 1', 'job', true],
        ['histogram_quantile(0.9, sum by (le, job) (rate(x_bucket[5m]))) > 1', 'le', false],
        ['absent(up{job="api"})', 'job', true],
        ['absent(up{job="api"})', 'instance', false],
        ['sum by (a) (x) / on (a) group_left (b) sum by (a, b) (y) > 1', 'b', true],
        ['sum by (a) (x) / on (a) sum by (a, b) (y) > 1', 'b', false],
        ['topk(3, sum by (job) (up)) > 0', 'job', true],
        ['vector(1) > 0', 'job', false],
      ];
      for (const [expr, label, ok] of keeps) {
        const text = `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: '${expr}'\n    for: 5m\n    annotations:\n      summary: "{{ $labels.${label} }}"\n`;
        assert.equal(!ids(text).includes('rule/template-unknown-label'), ok, `${expr} / ${label}`);
      }
    });

    it('sees conditions nested in aggregations, functions and or', () => {
      for (const expr of ['sum(up == 0)', 'label_replace(up < 1, "a", "b", "c", "d")', '(up == 0) or (absent(up))', 'ALERTS{alertstate="firing"}']) {
        const text = `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: '${expr.replace(/'/g, "''")}'\n    for: 1m\n`;
        assert.ok(!ids(text).includes('rule/alert-without-condition'), expr);
      }
      for (const expr of ['vector(1)', '1']) {
        const text = `groups:\n- name: g\n  rules:\n  - alert: Watchdog\n    expr: ${expr}\n`;
        assert.ok(!ids(text).includes('rule/alert-without-condition'), `${expr} fires on purpose`);
      }
      for (const expr of ['up', 'sum(up)', 'up == bool 0', 'up or (up > 1)']) {
        const text = `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: ${expr}\n`;
        assert.ok(ids(text).includes('rule/alert-without-condition'), expr);
      }
    });
  }

  it('checks every PrometheusRule document of a Kubernetes manifest, and spec.groups only', () => {
    const crd = (name: string, extra = '') =>
      `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: ${name}\nspec:\n  groups:\n  - name: ${name}\n    rules:\n    - alert: A\n      expr: up == 0\n${extra}`;
    const text = `${crd('one')}---\napiVersion: v1\nkind: ConfigMap\ndata:\n  x: y\n---\n${crd('two', '      annotation: {}\n')}`;
    const d = checkRuleFile(text).filter((x) => x.severity === 'error');
    assert.deepEqual(d.map((x) => x.ruleId), ['rule/unknown-field']);
    assert.ok(d[0].range.start > text.indexOf('name: two'));
  });

  it('checks the PrometheusRules of a Kubernetes List', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: monitoring.coreos.com/v1\n  kind: PrometheusRule\n  spec:\n    groups:\n    - name: g\n      rules:\n      - alert: A\n        expr: up == 0\n        for: soon\n';
    assert.deepEqual(checkRuleFile(text).filter((x) => x.severity === 'error').map((x) => x.message), ['not a valid duration string: "soon"']);
  });

  it('warns about, but does not lint, later documents of a plain rule file', () => {
    for (const second of ['groups:\n- name: ""\n', 'groups: [\n', 'anything: "at all']) {
      const text = `groups: []\n---\n${second}`;
      const d = checkRuleFile(text);
      assert.deepEqual(d.map((x) => x.ruleId), ['rule/multiple-documents']);
      assert.equal(text.slice(d[0].range.start, d[0].range.end), '---');
    }
  });

  it('reads a group limit as yaml.v3 does: floats truncated up to MaxInt64', () => {
    const limit = (v: string) => checkRuleFile(`groups:\n- name: g\n  limit: ${v}\n  rules:\n  - record: a:b\n    expr: up\n`).filter((x) => x.severity === 'error').map((x) => x.message);
    for (const ok of ['3', '-1', '1.5', '-1.5', '1e3', '-.inf', '0x10']) assert.deepEqual(limit(ok), [], ok);
    assert.deepEqual(limit('1e30'), ['cannot unmarshal !!float `1e30` into int']);
    assert.deepEqual(limit('.nan'), ['cannot unmarshal !!float `.nan` into int']);
    assert.deepEqual(limit('x'), ['cannot unmarshal !!str `x` into int']);
  });

  it('lints a file indented as a whole up to its first less indented line, which Prometheus ignores with the rest', () => {
    // yaml.v3 ends the document there; `promtool check rules` says SUCCESS whatever follows.
    const text = '  groups:\n  - name: g\n    rules:\n    - alert: A\n      expr: up ==\nfoo: [\n';
    const d = checkRuleFile(text);
    assert.deepEqual(d.map((x) => `${x.ruleId} ${x.severity}`).sort(), ['rule/missing-annotation info', 'rule/multiple-documents warning', 'rule/promql-invalid error']);
    const tail = d.find((x) => x.ruleId === 'rule/multiple-documents')!;
    assert.equal(text.slice(tail.range.start, tail.range.end), 'foo: [');
    assert.match(tail.message, /^Prometheus ignores this line and all that follow: it is indented less than the first line of the file \(2 spaces\)/);
  });
});

describe('rule files: quick fixes', () => {
  const apply = (text: string, id: string): string => {
    const d = checkRuleFile(text).find((x) => x.ruleId === id);
    assert.ok(d?.fixes?.length, `no fix for ${id}`);
    const edits = [...d.fixes[0].edits].sort((a, b) => b.range.start - a.range.start);
    return edits.reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
  };
  it('renames a mistyped key', () => {
    const text = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    anotations:\n      summary: x\n';
    const fixed = apply(text, 'rule/unknown-field');
    assert.equal(fixed, text.replace('anotations', 'annotations'));
    assert.ok(!ids(fixed).includes('rule/unknown-field'));
  });
  it('offers no rename for a key unlike any field', () => {
    const text = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    runbook: x\n';
    assert.equal(checkRuleFile(text).find((x) => x.ruleId === 'rule/unknown-field')?.fixes, undefined);
  });
  it('removes for: from a recording rule', () => {
    const text = 'groups:\n- name: g\n  rules:\n  - record: a:b:c\n    for: 5m # why\n    expr: up\n';
    const fixed = apply(text, 'rule/recording-rule-field');
    assert.equal(fixed, 'groups:\n- name: g\n  rules:\n  - record: a:b:c\n    expr: up\n');
  });
});

describe('rule files: a repeated key, in yaml.v3\'s words', () => {
  it('names the key by its value and the line of the first, quoted or not', () => {
    for (const text of ['groups:\n- name: g\n  name: h\n', "groups:\n- name: g\n  'name': h\n", 'groups:\n- "name": g\n  name: h\n']) {
      const d = checkRuleFile(text).filter((x) => x.ruleId === 'rule/yaml-syntax');
      assert.deepEqual(d.map((x) => x.message), ['mapping key "name" already defined at line 2'], text);
      assert.equal(d[0].range.start, text.lastIndexOf('name') - (text.includes("'name'") ? 1 : 0));
    }
  });
});

describe('rule files: bad input gives diagnostics, never a throw', () => {
  const inputs: Array<[string, string, string]> = [
    ['broken YAML', 'groups:\n  - name: "g\n    rules: []\n', 'rule/yaml-syntax'],
    ['tabs as indentation', 'groups:\n\t- name: g\n', 'rule/yaml-syntax'],
    ['duplicate keys', 'groups:\n- name: g\n  name: h\n', 'rule/yaml-syntax'],
    ['a duplicate key, quoted', "groups:\n- name: g\n  'name': h\n", 'rule/yaml-syntax'],
    ['a list at top level', '- name: g\n', 'rule/invalid-type'],
    ['a scalar at top level', 'hello\n', 'rule/invalid-type'],
    ['groups as a map', 'groups:\n  name: g\n', 'rule/invalid-type'],
    ['rules as a string', 'groups:\n- name: g\n  rules: nope\n', 'rule/invalid-type'],
    ['labels as a list', 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    labels: [a]\n', 'rule/invalid-type'],
    ['a label value as a map', 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    labels:\n      a: {b: c}\n', 'rule/invalid-type'],
    // promtool: "yaml: control characters are not allowed".
    ['binary junk', '\u0000\u0001\u0002\uFFFD\u00ff{{[[::\u0007', 'rule/yaml-syntax'],
    ['binary junk in a mapping', 'groups:\n\u0000\u00ff: [\u0001\n', 'rule/yaml-syntax'],
    ['an undefined alias', 'groups: *nope\n', 'rule/yaml-syntax'],
    ['unknown top-level key', 'group:\n- name: g\n', 'rule/unknown-field'],
  ];
  for (const [what, text, id] of inputs) {
    it(`${what} → ${id}`, () => {
      const d = checkRuleFile(text);
      assert.ok(d.some((x) => x.ruleId === id && x.severity === 'error'), JSON.stringify(d.map((x) => [x.ruleId, x.message])));
      for (const x of d) assert.ok(x.range.start >= 0 && x.range.end >= x.range.start && x.range.end <= text.length);
    });
  }

  it('empty and comment-only files are fine', () => {
    assert.deepEqual(checkRuleFile(''), []);
    assert.deepEqual(checkRuleFile('# nothing\n'), []);
  });

  it('a 10 MB file gets one clear diagnostic', () => {
    const rule = '  - record: job:up:sum\n    expr: sum by (job) (up)\n';
    const text = `groups:\n- name: g\n  rules:\n${rule.repeat(Math.ceil(10_000_000 / rule.length))}`;
    const d = checkRuleFile(text);
    assert.equal(d.length, 1);
    assert.equal(d[0].ruleId, 'rule/too-large');
    assert.match(d[0].message, /file not linted: 9\.\d MiB is over the 4\.0 MiB limit/);
  });

  it('random byte strings never throw', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'groups: name rules alert expr record - \n\t{}[]"\'|>&*!:#$%';
    for (let i = 0; i < 200; i++) {
      let s = '';
      for (let j = 0; j < 60; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      assert.doesNotThrow(() => checkRuleFile(s));
    }
  });
});

describe('rule files: the real-world corpus has no errors', () => {
  const dir = join(CORPUS, 'rules');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f)).sort();
  it('finds the corpus files', () => assert.equal(files.length, 17));
  if (PARSER_READY) {
    for (const f of files) {
      it(`${f}: no error-severity diagnostic`, () => {
        const d = checkRuleFile(readFileSync(join(dir, f), 'utf8')).filter((x) => x.severity === 'error');
        assert.deepEqual(d.map((x) => `${x.ruleId}: ${x.message}`), []);
      });
    }
  }
});
