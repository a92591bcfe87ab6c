import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dashboardExpressions, findDashboardExpressions } from './dashboard';
import { parseDashboard } from './dashboardModel';
import { variableQueryPromQL } from './variableQuery';
import { assertExactMapping } from './assertMapping';
import { parsePromQL } from '../promql/parse';

const CORPUS = join(__dirname, '../../../test-fixtures/corpus/dashboards');
const parserReady = !readFileSync(join(__dirname, '../promql/parse.ts'), 'utf8').includes('STUB');

const dashboard = (panels: unknown[], templating: unknown[] = [], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ title: 'T', schemaVersion: 39, panels, templating: { list: templating }, ...extra }, null, 2);

describe('dashboardExpressions: JSON escapes map every character back to the file', () => {
  it('maps \\" \\\\ \\/ \\uXXXX, surrogate pairs and literal non-ASCII exactly', () => {
    const expr = String.raw`rate(x{a=\"\u00e9\", b=~\"a\\\\.b\", c=\"日本😀\", d=\"\ud83d\ude00\/\"}[5m])`;
    const text = `{"panels": [{"type": "timeseries", "title": "P", "targets": [{"refId": "A", "expr": "${expr}"}]}]}`;
    const [e, ...rest] = dashboardExpressions(text);
    assert.equal(rest.length, 0);
    assert.equal(e.source, JSON.parse(text).panels[0].targets[0].expr);
    assert.equal(e.text, e.source, 'no variables: text is the source');
    assertExactMapping(text, e, e.source);
    assertExactMapping(text, e, e.text);
    const at = text.indexOf('rate(');
    assert.deepEqual(e.range, { start: at, end: at + expr.length });
    assert.equal(e.label, 'panel "P" A');
    assert.equal(e.kind, 'dashboard-target');
  });

  it('keeps the map through Grafana variable placeholders (text and source align)', () => {
    const text = dashboard([{ type: 'timeseries', title: 'é', targets: [{ refId: 'B', expr: 'sum by ($g) (rate(x{job=~"$job",é="日本"}[$__rate_interval]))' }] }], [{ name: 'job', type: 'query' }, { name: 'g', type: 'custom' }]);
    const [e] = dashboardExpressions(text);
    assert.equal(e.text.length, e.source.length);
    assert.equal(e.text, 'sum by (_g) (rate(x{job=~"_job",é="日本"}[1m              ]))');
    assertExactMapping(text, e, e.source);
    const v = e.text.indexOf('1m');
    assert.equal(text.slice(e.toFileOffset(v), e.toFileOffset(v) + 16), '$__rate_interval');
  });
});

describe('decodeJsonString: random strings, randomly escaped', () => {
  const fc = require('fast-check') as typeof import('fast-check');
  const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  /** Writes one UTF-16 unit literally, as a short escape or as \uXXXX (surrogate halves one by one). */
  const write = (unit: string, how: number): string => {
    const code = unit.charCodeAt(0);
    if (how === 2 || code < 0x20 || (code >= 0xd800 && code <= 0xdfff && how === 1)) return '\\u' + code.toString(16).padStart(4, '0');
    if (SHORT[unit] && (how === 1 || unit === '"' || unit === '\\')) return SHORT[unit];
    return unit;
  };
  it('maps every unit back to its character or escape', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', '"', '\\', '/', '\n', '\t', '\b', 'é', '日', '😀', '$', '\u0001', ' '), fc.integer({ min: 0, max: 2 })), { maxLength: 25 }), (parts) => {
        // Surrogate pairs are written whole when literal, so only escape them as halves.
        const value = parts.map(([c]) => c).join('');
        const raw = parts.map(([c, how]) => (c.length === 2 && how !== 2 ? c : [...c.split('')].map((u) => write(u, how)).join(''))).join('');
        const text = `{"panels": [{"type": "graph", "targets": [{"refId": "A", "expr": "${raw}"}]}]}`;
        const [e] = dashboardExpressions(text);
        assert.equal(e.source, value);
        assertExactMapping(text, e, e.source);
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});

describe('dashboardExpressions: where PromQL lives in a dashboard', () => {
  it('finds targets in panels, collapsed rows, old rows and v2 specs; skips other data sources', () => {
    const text = JSON.stringify({
      __inputs: [{ name: 'DS_LOKI', pluginId: 'loki' }],
      panels: [
        { type: 'timeseries', title: 'top', targets: [{ refId: 'A', expr: 'a' }, { refId: 'B', expr: '{app="x"} |= "e"', datasource: { type: 'loki' } }] },
        { type: 'row', collapsed: true, panels: [{ type: 'graph', title: 'nested', targets: [{ refId: 'A', expr: 'b' }] }] },
        { type: 'stat', title: 'loki panel', datasource: '${DS_LOKI}', targets: [{ refId: 'A', expr: 'count_over_time({a="b"}[1m])' }] },
        { type: 'stat', title: 'mixed', datasource: { uid: '-- Mixed --' }, targets: [{ refId: 'A', expr: 'c' }, { refId: 'B', expr: 'rate({a="b"}[1m])', datasource: { type: 'loki', uid: 'x' } }] },
        { type: 'text', title: 'no targets' },
      ],
      rows: [{ panels: [{ type: 'graph', title: 'old', targets: [{ refId: 'A', expr: 'd' }, { refId: 'B' }] }] }],
      templating: { list: [] },
    });
    assert.deepEqual(dashboardExpressions(text).map((e) => [e.label, e.source]), [
      ['panel "top" A', 'a'], ['panel "nested" A', 'b'], ['panel "mixed" A', 'c'], ['panel "old" A', 'd'],
    ]);
    const v2 = JSON.stringify({
      apiVersion: 'dashboard.grafana.app/v2beta1', kind: 'Dashboard',
      spec: { layout: {}, elements: { 'panel-1': { kind: 'Panel', spec: { title: 'v2', data: { kind: 'QueryGroup', spec: { queries: [{ kind: 'PanelQuery', spec: { refId: 'A', query: { kind: 'DataQuery', group: 'prometheus', spec: { expr: 'up' } } } }] } } } } } },
    });
    assert.deepEqual(dashboardExpressions(v2).map((e) => [e.label, e.source]), [['panel "v2" A', 'up']]);
    const wrapped = JSON.stringify({ dashboard: JSON.parse(text), overwrite: true });
    assert.equal(dashboardExpressions(wrapped).length, 4);
  });

  it('a data source named like a plugin without `expr` queries (SQL, Elasticsearch...) is not taken for it when a target has expr', () => {
    const text = JSON.stringify({
      panels: [
        { type: 'graph', title: 'pg', datasource: 'Postgres Overview', targets: [{ refId: 'A', expr: 'pg_up' }, { refId: 'B', expr: '{a="b"} |= "x"' }] },
        { type: 'graph', title: 'loki', datasource: 'loki-prod', targets: [{ refId: 'A', expr: 'count_over_time({a="b"}[1m])' }] },
        { type: 'table', title: 'sql', datasource: { type: 'grafana-postgresql-datasource' }, targets: [{ refId: 'A', rawSql: 'SELECT 1' }] },
      ],
    });
    assert.deepEqual(dashboardExpressions(text).map((e) => [e.label, e.source]), [['panel "pg" A', 'pg_up']]);
  });

  it('extracts the PromQL part of template variable queries (string or object)', () => {
    const vars = [
      { name: 'a', type: 'query', query: 'label_values(up{job="x"}, instance)' },
      { name: 'b', type: 'query', query: { query: 'query_result(topk(5, sum by (job) (up)))', refId: 'x' } },
      { name: 'c', type: 'query', query: 'label_values(job)' },
      { name: 'd', type: 'query', query: 'label_names()' },
      { name: 'e', type: 'query', query: 'metrics(node_.*)' },
      { name: 'f', type: 'query', query: 'up{job="x"}' },
      { name: 'g', type: 'query', query: 'label_names(up{job="$a"})' },
      { name: 'h', type: 'custom', query: 'a,b' },
      { name: 'i', type: 'query', datasource: { type: 'loki' }, query: 'label_values({a="b"}, c)' },
    ];
    const text = dashboard([], vars);
    const got = dashboardExpressions(text);
    assert.deepEqual(got.map((e) => [e.label, e.source, e.kind]), [
      ['variable "a"', 'up{job="x"}', 'dashboard-variable'],
      ['variable "b"', 'topk(5, sum by (job) (up))', 'dashboard-variable'],
      ['variable "f"', 'up{job="x"}', 'dashboard-variable'],
      ['variable "g"', 'up{job="$a"}', 'dashboard-variable'],
    ]);
    for (const e of got) assertExactMapping(text, e, e.source);
  });

  it('leaves out LogQL behind data sources it cannot resolve', () => {
    const text = JSON.stringify({ panels: [{ type: 'graph', title: 'P', datasource: 'Loki prod', targets: [{ refId: 'A', expr: 'count_over_time({a="b"}[1m])' }] },
      { type: 'graph', title: 'Q', datasource: 'some-uid', targets: [{ refId: 'A', expr: '{a="b"} |= "x|y"' }, { refId: 'B', expr: 'up{a="x|y"}' }] }] });
    assert.deepEqual(dashboardExpressions(text).map((e) => e.label), ['panel "Q" B']);
  });

  it('returns expressions in file order, wherever templating is', () => {
    const text = JSON.stringify({ templating: { list: [{ name: 'v', type: 'query', query: 'label_values(a, b)' }] }, panels: [{ type: 'graph', title: 'P', targets: [{ refId: 'A', expr: 'c' }] }] });
    assert.deepEqual(dashboardExpressions(text).map((e) => e.source), ['a', 'c']);
  });

  it('reads Grafana\'s variable query helpers like metric_find_query.ts', () => {
    const cases: Array<[string, string, string | null]> = [
      ['label_values(node_uname_info{job="$job"}, nodename)', 'label_values', 'node_uname_info{job="$job"}'],
      ['label_values(a{b=",c"},  d)', 'label_values', 'a{b=",c"}'],
      ['label_values(instance)', 'label_values', null],
      ['label_names()', 'label_names', null],
      ['metrics(.*)', 'metrics', null],
      ['query_result(  max(up)  )', 'query_result', 'max(up)'],
      ['  up  ', 'series', 'up'],
    ];
    for (const [q, fn, promql] of cases) {
      const r = variableQueryPromQL(q);
      assert.equal(r?.fn, fn, q);
      assert.equal(r?.promql ? q.slice(r.promql.start, r.promql.end) : null, promql, q);
    }
  });

  it('never throws on broken or huge input', () => {
    for (const t of ['', '{', '{"panels": [', '[1,2]', '{"panels": {"a": 1}}', '{"panels": [{"targets": [{"expr": 3}]}]}', 'null', '"\\u12"']) {
      assert.doesNotThrow(() => dashboardExpressions(t), t);
    }
    const partial = dashboardExpressions('{"panels": [{"type": "graph", "targets": [{"refId": "A", "expr": "up"}, {"expr": ');
    assert.deepEqual(partial.map((e) => e.source), ['up']);
    const big = dashboard(Array.from({ length: 20000 }, (_, i) => ({ type: 'graph', id: i, title: `p${i}`, targets: [{ refId: 'A', expr: `rate(x_${i}_total[5m])` }] })));
    assert.ok(big.length > 2_000_000);
    assert.equal(dashboardExpressions(big).length, 20000);
  });
});

interface QueryRecord { input: string; kind: 'panel_target' | 'template_variable_query'; file: string }

describe('dashboardExpressions: corpus', () => {
  const records = readFileSync(join(CORPUS, 'queries.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as QueryRecord);
  const files = [...new Set(records.map((r) => r.file))];
  const expected = (r: QueryRecord): string => {
    if (r.kind === 'panel_target') return r.input;
    const p = variableQueryPromQL(r.input)?.promql;
    assert.ok(p, r.input);
    return r.input.slice(p.start, p.end);
  };

  it('finds the 1036 queries of queries.jsonl (988 targets, 48 variable queries), in order, mapped exactly', () => {
    let targets = 0;
    let variables = 0;
    for (const f of files) {
      const text = readFileSync(join(CORPUS, f), 'utf8');
      const got = findDashboardExpressions(parseDashboard(text));
      const want = records.filter((r) => r.file === f);
      assert.deepEqual(got.map((e) => e.source), want.map(expected), f);
      assert.deepEqual(got.map((e) => e.kind), want.map((r) => (r.kind === 'panel_target' ? 'dashboard-target' : 'dashboard-variable')), f);
      for (const e of got) {
        assertExactMapping(text, e, e.source);
        assert.equal(e.text.length, e.source.length);
      }
      targets += got.filter((e) => e.kind === 'dashboard-target').length;
      variables += got.filter((e) => e.kind === 'dashboard-variable').length;
    }
    assert.equal(files.length, 18);
    assert.equal(targets, 988);
    assert.equal(variables, 48);
  });

  if (parserReady) {
    it('every corpus query parses once its Grafana variables are replaced', () => {
      const failures: string[] = [];
      for (const f of files) {
        const text = readFileSync(join(CORPUS, f), 'utf8');
        for (const e of dashboardExpressions(text)) {
          const r = parsePromQL(e.text);
          if (r.errors.length) failures.push(`${f} ${e.label}: ${r.errors[0].message}\n  ${e.text}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  }
});
