import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dashboardQueries, dashboardQueryAt, withDashboardQuery } from './dashboardQuery';
import { findGrafanaVariables } from '../documents/grafanaVariables';
import { parsePromQL } from '../promql/parse';

const FIXTURES = join(__dirname, '..', '..', '..', 'test-fixtures');
const T0 = 1_700_000_000_000;
const H = 3_600_000;
const range = { startMs: T0, endMs: T0 + H };
const read = (rel: string): string => readFileSync(join(FIXTURES, rel), 'utf8');

describe('dashboard queries as Grafana sends them', () => {
  it('workspace/dashboards/variables.json: saved selections, defaults, constants, intervals, legends', () => {
    const got = dashboardQueries(read('workspace/dashboards/variables.json'), { range, datasourceName: 'fixture' })
      .filter((q) => q.expression.kind === 'dashboard-target')
      .map(({ query }) => [query.expr, query.legendFormat]);
    assert.deepEqual(got, [
      ['sum by (job) (rate(http_requests_total{job=~"(api|web)", code="200"}[1m0s]))', '{{job}} (200)'],
      ['rate(http_requests_total{instance="api-1:8080"}[10m])', '{{code}} on api-1'],
      ['sum(rate(http_requests_total{job=~"(api|web)"}[1m0s])', undefined],
    ]);
  });

  it('workspace/dashboards/service.json: a query variable without a saved value matches any value', () => {
    const qs = dashboardQueries(read('workspace/dashboards/service.json'), { range });
    assert.equal(qs[0].query.expr, 'sum by (code) (rate(http_requests_total{job=".+"}[1m0s]))');
    assert.deepEqual(qs[0].query.replacements.map((r) => r.from), ['default', 'builtin']);
    // Every expression interpolates; only the one written broken on purpose does not parse.
    const broken = qs.filter(({ query }) => parsePromQL(query.expr).errors.length > 0).map(({ expression }) => expression.label);
    assert.deepEqual(broken, ['panel "Latency p90" A']);
  });

  it('the time range sets the built-ins: 24h gives a 1m interval', () => {
    const text = JSON.stringify({ panels: [{ title: 'p', targets: [{ refId: 'A', expr: 'rate(x[$__interval]) + rate(x[$__rate_interval]) + $__range_s' }] }] });
    const q = dashboardQueries(text, { range: { startMs: T0, endMs: T0 + 24 * H } })[0].query;
    assert.equal(q.expr, 'rate(x[1m]) + rate(x[1m15s]) + 86400');
    assert.deepEqual(q.intervals, { intervalMs: 60_000, stepMs: 60_000, rateIntervalMs: 75_000, rangeMs: 24 * H });
  });

  it("the panel's min interval, maxDataPoints and the target's min step (with variables) count", () => {
    const text = JSON.stringify({
      templating: { list: [{ name: 'step', type: 'interval', query: '2m' }] },
      panels: [
        { title: 'a', interval: '1m', targets: [{ refId: 'A', expr: 'rate(x[$__rate_interval])' }] },
        { title: 'b', maxDataPoints: 100, targets: [{ refId: 'A', expr: 'x[$__interval]' }] },
        { title: 'c', targets: [{ refId: 'A', interval: '$step', expr: 'x[$__interval] + x[$__rate_interval]' }] },
      ],
    });
    assert.deepEqual(dashboardQueries(text, { range }).map((q) => q.query.expr), ['rate(x[1m15s])', 'x[30s]', 'x[2m] + x[8m0s]']);
  });

  it('v2 dashboards: query options and the legend come from the element and its query spec', () => {
    const text = JSON.stringify({ elements: { p: { kind: 'Panel', spec: { title: 'p', data: { kind: 'QueryGroup', spec: {
      queryOptions: { maxDataPoints: 100 },
      queries: [{ kind: 'PanelQuery', spec: { refId: 'A', query: { kind: 'DataQuery', group: 'prometheus', spec: { expr: 'x[$__interval]', legendFormat: '$__interval' } } } }],
    } } } } } });
    const q = dashboardQueries(text, { range })[0].query;
    assert.deepEqual([q.expr, q.legendFormat], ['x[30s]', '30s']);
  });

  it('a repeated panel runs with the first value of its variable, regex-escaped as the multi-value variable it comes from', () => {
    const text = JSON.stringify({
      templating: { list: [{ name: 'inst', type: 'custom', multi: true, query: 'a.1,b', current: { value: ['a.1', 'b'] } }] },
      panels: [{ title: 'p', repeat: 'inst', targets: [{ refId: 'A', expr: 'up{i=~"$inst"}' }, { refId: 'B', expr: 'up' }] }],
    });
    assert.equal(dashboardQueries(text, { range })[0].query.expr, 'up{i=~"a\\\\.1"}');
  });

  it("a copy's scopedVars (a repeated panel, a panel in a repeated row) win over the first value and the selection", () => {
    const text = JSON.stringify({
      templating: { list: [
        { name: 'inst', type: 'custom', multi: true, query: 'a.1,b', current: { value: ['a.1', 'b'] } },
        { name: 'node', type: 'custom', query: 'n1,n2', current: { value: 'n1' } },
      ] },
      panels: [{ title: 'p', repeat: 'inst', targets: [{ refId: 'A', expr: 'up{i=~"$inst", n="$node"}', legendFormat: '${inst:text} on $node' }] }],
    });
    const scopedVars = { inst: { text: 'B', value: 'b' }, node: { text: 'n.2', value: 'n.2' } };
    const q = dashboardQueries(text, { range, scopedVars })[0].query;
    // inst keeps multi (regex-escaped), node is single-value (string-escaped only).
    assert.deepEqual([q.expr, q.legendFormat], ['up{i=~"b", n="n.2"}', 'B on n.2']);
    assert.equal(dashboardQueries(text, { range, scopedVars: { inst: { text: 'x.y', value: 'x.y' } } })[0].query.expr, 'up{i=~"x\\\\.y", n="n1"}');
  });

  it('values chosen elsewhere (a preview) override the saved ones', () => {
    const overrides = new Map<string, string | string[]>([['job', ['web', 'api.x']], ['instance', 'api-2:8080']]);
    const q = dashboardQueries(read('workspace/dashboards/variables.json'), { range, overrides });
    assert.equal(q[0].query.expr, 'sum by (job) (rate(http_requests_total{job=~"(web|api\\\\.x)", code="200"}[1m0s]))');
    assert.equal(q[1].query.expr, 'rate(http_requests_total{instance="api-2:8080"}[10m])');
    assert.equal(q[1].query.legendFormat, '{{code}} on api-2:8080');
  });

  it("the target's query type: instant only when Instant is ticked without Range", () => {
    const text = JSON.stringify({ panels: [{ title: 'p', targets: [
      { refId: 'A', expr: 'a', instant: true }, { refId: 'B', expr: 'b', instant: true, range: true }, { refId: 'C', expr: 'c' },
    ] }] });
    assert.deepEqual(dashboardQueries(text, { range }).map((q) => q.query.mode), ['instant', 'range', 'range']);
  });

  it('variable queries get the scrape interval as $__interval', () => {
    const text = JSON.stringify({ templating: { list: [{ name: 'v', type: 'query', datasource: { type: 'prometheus' }, query: 'query_result(rate(x[$__interval]))' }] } });
    assert.deepEqual(dashboardQueries(text, { range }).map((q) => q.query.expr), ['rate(x[15s])']);
  });

  it('dashboardQueryAt finds the expression by where its value starts', () => {
    const text = read('workspace/dashboards/variables.json');
    const start = text.indexOf('rate(http_requests_total{instance');
    assert.equal(dashboardQueryAt(text, start, { range })?.expr, 'rate(http_requests_total{instance="api-1:8080"}[10m])');
    assert.equal(dashboardQueryAt(text, start + 1, { range }), undefined);
  });

  it("withDashboardQuery adds the legend and the expression sent, and maps a server error's offset back", () => {
    const text = read('workspace/dashboards/variables.json');
    const q = dashboardQueryAt(text, text.indexOf('sum(rate('), { range })!;
    const error = { type: 'error', expr: q.expr, errorRange: { start: q.expr.length, end: q.expr.length } };
    assert.deepEqual(withDashboardQuery(error, q), { ...error, interpolated: q.expr, errorRange: { start: q.source.length, end: q.source.length } });
    const first = dashboardQueryAt(text, text.indexOf('sum by (job)'), { range })!;
    assert.equal(withDashboardQuery({ type: 'result' }, first).legendFormat, '{{job}} (200)');
  });
});

describe('corpus dashboards: every target interpolates into PromQL the parser accepts', () => {
  const dir = join(FIXTURES, 'corpus', 'dashboards');
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(dir, d.name)).filter((f) => f.endsWith('.json')).map((f) => join(d.name, f)));
  let total = 0;
  let targets = 0;
  for (const file of files) {
    it(file, () => {
      const qs = dashboardQueries(readFileSync(join(dir, file), 'utf8'), { range, datasourceName: 'prometheus' });
      assert.ok(qs.length > 0);
      for (const { expression, query } of qs) {
        assert.deepEqual(query.unknown, [], `${expression.label}: ${query.source}`);
        assert.deepEqual(findGrafanaVariables(query.expr), [], `${expression.label}: ${query.expr}`);
        const errors = parsePromQL(query.expr).errors;
        assert.deepEqual(errors.map((e) => e.message), [], `${expression.label}: ${query.expr}`);
      }
      total += qs.length;
      targets += qs.filter((q) => q.expression.kind === 'dashboard-target').length;
    });
  }
  it('counts them', () => {
    assert.ok(files.length >= 18 && targets >= 900 && total >= 1000, `${targets} targets, ${total} expressions in ${files.length} dashboards`);
  });
});
