// Grafana query variables evaluated against a real Prometheus with the fixture data: each query
// kind, the regex filter and sort, chained variables, and the variables.json dashboard.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseTree } from 'jsonc-parser';
import type { PrometheusClient } from '../server/src/prometheus/client';
import { interpolate } from '../server/src/grafana/interpolate';
import { dashboardVariables } from '../server/src/grafana/variables';
import {
  metricNamesToVariableValues, parseVariableQuery, resolveVariables, runVariableQuery, type TimeRangeMs,
} from '../server/src/grafana/variableQueries';
import { FIXTURE_END, FIXTURE_START } from './support/realPrometheus';
import { fixturePrometheus } from './support/fixturePrometheus';

const RANGE: TimeRangeMs = { fromMs: FIXTURE_START * 1000, toMs: FIXTURE_END * 1000 };
const DASHBOARD = path.join(__dirname, '../test-fixtures/workspace/dashboards/variables.json');

describe('Grafana query variables against a real Prometheus', function () {
  this.timeout(60_000);
  let client: PrometheusClient;
  fixturePrometheus((_, c) => {
    client = c;
  });

  const texts = async (query: string, range = RANGE): Promise<string[]> =>
    (await runVariableQuery(parseVariableQuery(query), client, range)).map((r) => r.text);

  const cases: Array<[string, string[]]> = [
    ['label_values(job)', ['<script>alert(1)</script>', 'api', 'node', 'sensors', 'web']],
    ['label_values(http_requests_total{job="api"}, code)', ['200', '500']],
    ['label_values(http_requests_total{code="500"}, instance)', ['api-1:8080']],
    ['label_values({}, room)', ['lab']],
    ['label_names()', ['__name__', 'code', 'instance', 'job', 'note', 'room']],
    // {__name__=~".*http_requests.*"}, without __name__
    ['label_names(http_requests)', ['code', 'instance', 'job']],
    ['metrics(node_.*)', ['node_memory_used_bytes']],
    ['metrics(.*_total|temperature.*)', ['http_requests_total', 'temperature_celsius']],
    // Grafana 12 sends the pattern as a Prometheus matcher: anchored, so `^node_` alone names only "node_".
    ['metrics(^node_)', []],
    ['query_result(sort_desc(sum by (job) (http_requests_total)))', ['{job="api"} 23040 1700007200000', '{job="web"} 21600 1700007200000']],
    ['query_result(node_memory_used_bytes{instance="node-1:9100"})', ['node_memory_used_bytes{instance="node-1:9100",job="node"} 1073741824 1700007200000']],
    ['query_result(scalar(sum(http_requests_total{job="web"})))', ['21600']],
    ['http_requests_total{job="api"}', [
      'http_requests_total{code="200",instance="api-1:8080",job="api"}',
      'http_requests_total{code="200",instance="api-2:8080",job="api"}',
      'http_requests_total{code="500",instance="api-1:8080",job="api"}',
    ]],
    ['label_values()', []],
  ];
  for (const [query, want] of cases) {
    it(`${query} → ${want.length} result(s)`, async () => assert.deepEqual(await texts(query), want));
  }

  it('the time range limits label values (a range before the data finds none)', async () => {
    const before = { fromMs: (FIXTURE_START - 7200) * 1000, toMs: (FIXTURE_START - 3600) * 1000 };
    assert.deepEqual(await texts('label_values(job)', before), []);
    assert.deepEqual(await texts('label_names()', before), []);
  });

  it('query_result of a range vector fails as in Grafana', async () => {
    await assert.rejects(() => texts('query_result(http_requests_total[1m])'), /Unknown\/Unhandled result type: \[matrix\]/);
  });

  it('regex filter with a capture group, then sort (alphabetical desc)', async () => {
    const results = await runVariableQuery(parseVariableQuery('label_values(instance)'), client, RANGE);
    assert.deepEqual(metricNamesToVariableValues(results, { regex: '/(.*):\\d+/', sort: 2 }).map((o) => o.value), ['web-1', 'node-2', 'node-1', 'api-2', 'api-1']);
    assert.deepEqual(metricNamesToVariableValues(results, { regex: 'api-.*', sort: 1 }).map((o) => o.value), ['api-1:8080', 'api-2:8080']);
  });

  // instance listed before job: evaluation follows the dependency, not the list order.
  const chained = (job: Record<string, unknown>, instance: Record<string, unknown> = {}) => ({
    templating: {
      list: [
        { name: 'instance', type: 'query', query: { query: 'label_values(http_requests_total{job=~"$job"}, instance)', refId: 'A', qryType: 1 }, ...instance },
        { name: 'job', type: 'query', datasource: { type: 'prometheus', uid: 'p' }, query: 'label_values(http_requests_total, job)', ...job },
      ],
    },
  });

  const chainCases: Array<[string, ReturnType<typeof chained>, Record<string, string | string[]> | undefined, {
    jobQuery?: string; instanceQuery: string; instanceOptions: string[]; job: unknown; instance: unknown; instanceText?: string;
  }]> = [
    ['saved job=api → its instances, the first chosen', chained({ current: { text: 'api', value: 'api' } }), undefined, {
      instanceQuery: 'label_values(http_requests_total{job=~"api"}, instance)', instanceOptions: ['api-1:8080', 'api-2:8080'], job: 'api', instance: 'api-1:8080',
    }],
    ['saved instance still valid stays', chained({ current: { value: 'api' } }, { current: { value: 'api-2:8080', text: 'api-2:8080' } }), undefined, {
      instanceQuery: 'label_values(http_requests_total{job=~"api"}, instance)', instanceOptions: ['api-1:8080', 'api-2:8080'], job: 'api', instance: 'api-2:8080',
    }],
    ['saved instance of another job → first of the new options', chained({ current: { value: 'web' } }, { current: { value: 'api-2:8080' } }), undefined, {
      instanceQuery: 'label_values(http_requests_total{job=~"web"}, instance)', instanceOptions: ['web-1:80'], job: 'web', instance: 'web-1:80',
    }],
    ['nothing saved → job is the first option (api)', chained({}), undefined, {
      jobQuery: 'label_values(http_requests_total, job)', instanceQuery: 'label_values(http_requests_total{job=~"api"}, instance)',
      instanceOptions: ['api-1:8080', 'api-2:8080'], job: 'api', instance: 'api-1:8080',
    }],
    ['multi job [api, web] → regex alternation, multi instance All', chained({ multi: true, current: { value: ['api', 'web'] } }, { multi: true, includeAll: true }), undefined, {
      instanceQuery: 'label_values(http_requests_total{job=~"(api|web)"}, instance)', instanceOptions: ['api-1:8080', 'api-2:8080', 'web-1:80'],
      job: ['api', 'web'], instance: ['api-1:8080', 'api-2:8080', 'web-1:80'], instanceText: 'All',
    }],
    ['job All with allValue .* → not escaped in the chained query', chained({ includeAll: true, allValue: '.*', current: { value: '$__all' } }), undefined, {
      instanceQuery: 'label_values(http_requests_total{job=~".*"}, instance)', instanceOptions: ['api-1:8080', 'api-2:8080', 'web-1:80'], job: '.*', instance: 'api-1:8080',
    }],
    ['selection job=web overrides the saved value', chained({ current: { value: 'api' } }), { job: 'web' }, {
      instanceQuery: 'label_values(http_requests_total{job=~"web"}, instance)', instanceOptions: ['web-1:80'], job: 'web', instance: 'web-1:80',
    }],
    ['selection not an option → first option', chained({ current: { value: 'api' } }), { job: 'gone' }, {
      instanceQuery: 'label_values(http_requests_total{job=~"api"}, instance)', instanceOptions: ['api-1:8080', 'api-2:8080'], job: 'api', instance: 'api-1:8080',
    }],
    ['regex on the job variable, sort natural desc on instance', chained({ regex: '/^w/' }, { sort: 8 }), undefined, {
      instanceQuery: 'label_values(http_requests_total{job=~"web"}, instance)', instanceOptions: ['web-1:80'], job: 'web', instance: 'web-1:80',
    }],
  ];
  for (const [name, dash, selections, want] of chainCases) {
    it(`chained job → instance: ${name}`, async () => {
      const r = await resolveVariables(dash, client, RANGE, selections);
      assert.deepEqual(r.errors, new Map());
      assert.deepEqual(r.order, ['job', 'instance']);
      if (want.jobQuery) assert.equal(r.evaluated.get('job')?.query, want.jobQuery);
      assert.equal(r.evaluated.get('instance')?.query, want.instanceQuery);
      assert.deepEqual(r.evaluated.get('instance')?.options.map((o) => o.value), want.instanceOptions);
      assert.deepEqual(r.variables.get('job')?.value, want.job);
      assert.deepEqual(r.variables.get('instance')?.value, want.instance);
      if (want.instanceText) assert.equal(r.variables.get('instance')?.text, want.instanceText);
    });
  }

  it('a variable in the regex is a dependency too, interpolated with the regex format', async () => {
    const dash = {
      templating: {
        list: [
          { name: 'host', type: 'query', query: 'label_values(instance)', regex: '/^${job}-(?<value>.*)/', sort: 1 },
          { name: 'job', type: 'custom', query: 'api,web,node', multi: true, current: { value: ['node', 'web'] } },
          { name: 'dotted', type: 'query', query: 'label_values(instance)', regex: '/^$literal:9100/' },
          { name: 'rawDotted', type: 'query', query: 'label_values(instance)', regex: '/^${literal:raw}:9100/' },
          { name: 'literal', type: 'constant', query: 'node-.' },
        ],
      },
    };
    const r = await resolveVariables(dash, client, RANGE);
    assert.deepEqual(r.errors, new Map());
    // `${job}` becomes `(node|web)`, itself a group: a named group picks the value.
    assert.deepEqual(r.evaluated.get('host')?.options.map((o) => o.value), ['1:80', '1:9100', '2:9100']);
    assert.equal(r.variables.get('host')?.value, '1:80');
    // `.` escaped by the regex format: no instance is literally "node-.:9100"; an explicit format stays.
    assert.deepEqual(r.evaluated.get('dotted')?.options.map((o) => o.value), []);
    assert.deepEqual(r.evaluated.get('rawDotted')?.options.map((o) => o.value), ['node-1:9100', 'node-2:9100']);
  });

  it('a dependency cycle is not evaluated: both keep their saved values', async () => {
    const dash = {
      templating: {
        list: [
          { name: 'a', type: 'query', query: 'label_values({job=~"$b"}, instance)', current: { value: 'x' } },
          { name: 'b', type: 'query', query: 'label_values({instance=~"$a"}, job)', current: { value: 'y' } },
          { name: 'c', type: 'query', query: 'label_values(code)' },
        ],
      },
    };
    const r = await resolveVariables(dash, client, RANGE);
    assert.deepEqual([...r.errors.keys()], ['a', 'b']);
    assert.match(r.errors.get('a')!, /waits for \$b: a dependency cycle/);
    assert.deepEqual(r.order, ['c']);
    assert.equal(r.variables.get('a')?.value, 'x');
    assert.equal(r.variables.get('b')?.value, 'y');
    assert.equal(r.variables.get('c')?.value, '200');
  });

  it('a failed query or another data source keeps the saved value, with the reason', async () => {
    const dash = {
      templating: {
        list: [
          { name: 'bad', type: 'query', query: 'query_result(rate(http_requests_total[1m])[5m:])', current: { value: 'kept' } },
          { name: 'logs', type: 'query', datasource: { type: 'loki', uid: 'l' }, query: 'label_values(app)', current: { value: 'l1' } },
          { name: 'syntax', type: 'query', query: 'label_values(up{, job)', current: { value: 's' } },
        ],
      },
    };
    const r = await resolveVariables(dash, client, RANGE);
    assert.match(r.errors.get('bad')!, /Unknown\/Unhandled result type: \[matrix\]/);
    assert.equal(r.errors.get('logs'), 'runs on a loki data source, not evaluated');
    assert.match(r.errors.get('syntax')!, /parse error/);
    assert.deepEqual([r.variables.get('bad')?.value, r.variables.get('logs')?.value, r.variables.get('syntax')?.value], ['kept', 'l1', 's']);
  });

  it('built-ins in the query: $__range and $__interval of the variable query', async () => {
    const dash = { templating: { list: [{ name: 'top', type: 'query', query: 'query_result(topk(1, max_over_time(temperature_celsius[$__range])))', regex: '/ ([\\d.]+) /' }] } };
    const r = await resolveVariables(dash, client, RANGE);
    assert.equal(r.evaluated.get('top')?.query, 'query_result(topk(1, max_over_time(temperature_celsius[7200s])))');
    assert.deepEqual(r.variables.get('top')?.value, '25');
  });

  describe('the variables.json dashboard', () => {
    const text = readFileSync(DASHBOARD, 'utf8');

    it('job (label_values, multi, includeAll) keeps its saved [api, web]; the others as variables.ts gives them', async () => {
      const r = await resolveVariables(parseTree(text)!, client, RANGE);
      assert.deepEqual(r.errors, new Map());
      assert.deepEqual(r.order, ['job']);
      assert.deepEqual(r.evaluated.get('job')?.options.map((o) => o.value), ['api', 'web']);
      assert.deepEqual(r.variables.get('job')?.value, ['api', 'web']);
      assert.deepEqual([...r.variables.keys()], ['job', 'instance', 'code', 'window']);
      assert.equal(r.variables.get('code')?.value, '200');
      // The API export form ({dashboard, overwrite}) as plain JSON gives the same.
      const wrapped = await resolveVariables({ dashboard: JSON.parse(text), overwrite: true }, client, RANGE);
      assert.deepEqual(wrapped.variables, r.variables);
    });

    it('evaluated values feed interpolation (VariableOptions.evaluated): a stale selection becomes All = (api|web)', async () => {
      const dash = parseTree(text)!;
      const r = await resolveVariables(dash, client, RANGE, { job: ['gone'] });
      const vars = dashboardVariables(dash, { fromMs: RANGE.fromMs, toMs: RANGE.toMs, evaluated: r.variables });
      assert.deepEqual(vars.get('job')?.value, ['api', 'web']);
      assert.equal(vars.get('job')?.text, 'All');
      const out = interpolate('sum(rate(http_requests_total{job=~"$job", code="$code"}[5m]))', [vars]);
      assert.equal(out.text, 'sum(rate(http_requests_total{job=~"(api|web)", code="200"}[5m]))');
      assert.equal(vars.get('job')?.source, 'all');
      // Without evaluation the saved selection is taken as it is.
      assert.equal(dashboardVariables(dash, { fromMs: RANGE.fromMs, toMs: RANGE.toMs }).get('job')?.source, 'current');
    });
  });
});
