import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDashboard, dashboardRules, rules } from './index';
import type { LintDiagnostic } from '../types';

const CORPUS = join(__dirname, '../../../../test-fixtures/corpus/dashboards');
const parserReady = !readFileSync(join(__dirname, '../../promql/parse.ts'), 'utf8').includes('STUB');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A dashboard that follows every rule; each case below breaks exactly one. */
function goodDashboard(): Json {
  return {
    title: 'Good',
    editable: false,
    schemaVersion: 39,
    templating: {
      list: [
        { name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus' },
        { name: 'job', label: 'Job', type: 'query', datasource: '$datasource', multi: true, allValue: '.+', refresh: 2, query: 'label_values(up, job)' },
        { name: 'instance', label: 'Instance', type: 'query', datasource: { type: 'prometheus', uid: '${datasource}' }, multi: true, allValue: '.+', refresh: 2, query: { query: 'label_values(up{job=~"$job"}, instance)', refId: 'A' } },
      ],
    },
    panels: [
      {
        id: 1, type: 'timeseries', title: 'Requests', description: 'Requests per second.',
        datasource: { type: 'prometheus', uid: '${datasource}' }, gridPos: { x: 0, y: 0, w: 12, h: 8 },
        fieldConfig: { defaults: { unit: 'reqps' }, overrides: [] },
        targets: [{ refId: 'A', expr: 'sum by (job) (rate(http_requests_total{job=~"$job", instance=~"$instance"}[$__rate_interval]))' }],
      },
      {
        id: 2, type: 'row', title: 'More', collapsed: true, gridPos: { x: 0, y: 8, w: 24, h: 1 },
        panels: [{
          id: 3, type: 'stat', title: 'Memory', description: 'Resident memory.', datasource: '$datasource',
          gridPos: { x: 0, y: 9, w: 6, h: 4 }, fieldConfig: { defaults: { unit: 'bytes' } },
          targets: [{ refId: 'A', expr: 'max(process_resident_memory_bytes{job=~"$job", instance=~"$instance"})' }],
        }],
      },
    ],
  };
}

const lint = (d: Json | string): LintDiagnostic[] => checkDashboard(typeof d === 'string' ? d : JSON.stringify(d, null, 2));
const ids = (ds: LintDiagnostic[]): string[] => ds.map((d) => d.ruleId);
const firstTarget = (d: Json): Json => d.panels[0].targets[0];
const variable = (d: Json, name: string): Json => d.templating.list.find((v: Json) => v.name === name);

interface Case {
  rule: string;
  needsParser?: boolean;
  /** Breaks the rule in the good dashboard. */
  bad: (d: Json) => void;
  /** Another way to satisfy the rule (the unmodified good dashboard passes too). */
  good?: (d: Json) => void;
  /** Text the first diagnostic of the rule must cover in the file. */
  at?: string;
}

const CASES: Case[] = [
  { rule: 'dashboard/template-datasource', bad: (d) => { variable(d, 'datasource').name = 'DS_PROMETHEUS'; }, good: (d) => { variable(d, 'datasource').label = 'Prometheus data source'; }, at: 'DS_PROMETHEUS' },
  { rule: 'dashboard/template-job', bad: (d) => { variable(d, 'job').multi = false; }, at: 'job' },
  { rule: 'dashboard/template-instance', bad: (d) => { variable(d, 'instance').allValue = '.*'; } },
  { rule: 'dashboard/template-label-promql', needsParser: true, bad: (d) => { variable(d, 'job').query = 'label_values(up{job=}, job)'; }, good: (d) => { variable(d, 'job').query = 'query_result(count by (job) (up))'; }, at: '}' },
  { rule: 'dashboard/template-label-promql', needsParser: true, bad: (d) => { variable(d, 'job').query = 'label_values(sum by (job) (up), job)'; }, good: (d) => { variable(d, 'job').query = 'label_values({__name__=~"up|scrape_.*"}, job)'; }, at: 'sum by (job) (up)' },
  { rule: 'dashboard/template-on-time-change-reload', bad: (d) => { variable(d, 'job').refresh = 1; }, at: '1' },
  { rule: 'dashboard/panel-datasource', bad: (d) => { d.panels[0].datasource = { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' }; }, good: (d) => { d.panels[0].datasource = { uid: '-- Mixed --' }; firstTarget(d).datasource = { uid: '$datasource' }; }, at: 'P1809F7CD0C75ACF3' },
  { rule: 'dashboard/panel-title-description', bad: (d) => { delete d.panels[0].description; }, at: 'Requests' },
  { rule: 'dashboard/panel-units', bad: (d) => { d.panels[0].fieldConfig.defaults.unit = 'megabytes'; }, good: (d) => { d.panels[0].fieldConfig.defaults.unit = 'suffix: req'; }, at: 'megabytes' },
  { rule: 'dashboard/panel-no-targets', bad: (d) => { delete d.panels[1].panels[0].targets; }, at: 'Memory' },
  { rule: 'dashboard/target-promql', needsParser: true, bad: (d) => { firstTarget(d).expr = 'sum(rate(x{job=~"$job"}[$__rate_interval])'; }, good: (d) => { firstTarget(d).expr = ''; } },
  { rule: 'dashboard/target-rate-interval', needsParser: true, bad: (d) => { firstTarget(d).expr = 'rate(x_total{job=~"$job", instance=~"$instance"}[5m])'; }, good: (d) => { firstTarget(d).expr = 'increase(x_total{job=~"$job", instance=~"$instance"}[1h])'; }, at: '5m' },
  { rule: 'dashboard/target-job', needsParser: true, bad: (d) => { firstTarget(d).expr = 'up{job="$job", instance=~"$instance"}'; }, good: (d) => { firstTarget(d).expr = 'up{job=~"${job}", instance=~"$instance"}'; }, at: 'up{job=\\"$job\\", instance=~\\"$instance\\"}' },
  { rule: 'dashboard/target-instance', needsParser: true, bad: (d) => { firstTarget(d).expr = 'up{job=~"$job"}'; }, at: 'up{job=~\\"$job\\"}' },
  { rule: 'dashboard/target-impossible-vector-match', needsParser: true,
    bad: (d) => { firstTarget(d).expr = 'sum by (job) (rate(http_requests_total{job=~"$job", instance=~"$instance"}[$__rate_interval])) / sum by (job, code) (rate(http_requests_total{job=~"$job", instance=~"$instance", code="500"}[$__rate_interval]))'; },
    good: (d) => { firstTarget(d).expr = 'sum by (job) (rate(http_requests_total{job=~"$job", instance=~"$instance"}[$__rate_interval])) / ignoring(code) sum by (job, code) (rate(http_requests_total{job=~"$job", instance=~"$instance", code="500"}[$__rate_interval]))'; } },
  { rule: 'dashboard/target-counter-agg', needsParser: true, bad: (d) => { firstTarget(d).expr = 'sum(http_requests_total{job=~"$job", instance=~"$instance"})'; }, good: (d) => { firstTarget(d).expr = 'count(http_requests_total{job=~"$job", instance=~"$instance"})'; }, at: 'http_requests_total{job=~\\"$job\\", instance=~\\"$instance\\"}' },
  { rule: 'dashboard/uneditable', bad: (d) => { d.editable = true; }, at: 'true' },
  { rule: 'dashboard/duplicate-panel-id', bad: (d) => { d.panels[1].panels[0].id = 1; } },
  { rule: 'dashboard/grid-overlap', bad: (d) => { d.panels.push({ id: 9, type: 'text', title: 'Note', gridPos: { x: 6, y: 4, w: 12, h: 8 } }); }, good: (d) => { d.panels.push({ id: 9, type: 'text', title: 'Note', gridPos: { x: 12, y: 0, w: 12, h: 8 } }); } },
  { rule: 'dashboard/undefined-variable', bad: (d) => { firstTarget(d).expr = 'up{job=~"$jbo", instance=~"$instance"}'; }, good: (d) => { firstTarget(d).expr = 'up{job=~"$job", instance=~"$instance"} @ ${__to:date:seconds}'; }, at: '$jbo' },
  { rule: 'dashboard/invalid-json', bad: () => undefined },
  { rule: 'dashboard/not-a-dashboard', bad: () => undefined },
  { rule: 'dashboard/duplicate-key', bad: () => undefined },
  { rule: 'dashboard/too-large', bad: () => undefined },
];

describe('checkDashboard: every rule has a failing and a passing example', () => {
  it('the good dashboard has no diagnostic at all', () => {
    assert.deepEqual(lint(goodDashboard()).map((d) => `${d.ruleId}: ${d.message}`), []);
  });

  it('every documented rule has a case here, and every check is documented', () => {
    assert.deepEqual(new Set(CASES.map((c) => c.rule)).size, dashboardRules.length - 1);
    assert.deepEqual(new Set(CASES.map((c) => c.rule)), new Set(dashboardRules.map((r) => r.id).filter((id) => id !== 'dashboard/internal-error')));
    for (const r of rules) assert.ok(dashboardRules.includes(r.doc));
    for (const r of dashboardRules) {
      assert.match(r.id, /^dashboard\/[a-z-]+$/);
      assert.equal(r.fileKind, 'dashboard');
      assert.ok(r.summary.length > 10, r.id);
    }
  });

  for (const c of CASES.filter((x) => !x.rule.match(/invalid-json|not-a-dashboard|too-large|duplicate-key/))) {
    if (c.needsParser && !parserReady) continue;
    it(c.rule, () => {
      const bad = goodDashboard();
      c.bad(bad);
      const text = JSON.stringify(bad, null, 2);
      const found = checkDashboard(text).filter((d) => d.ruleId === c.rule);
      assert.ok(found.length > 0, `${c.rule} not reported`);
      if (c.at !== undefined) assert.equal(text.slice(found[0].range.start, found[0].range.end), c.at);
      // Breaking one rule does not set off unrelated errors.
      assert.deepEqual(checkDashboard(text).filter((d) => d.ruleId !== c.rule && d.severity === 'error').map((d) => d.message), []);
      if (c.good) {
        const good = goodDashboard();
        c.good(good);
        assert.deepEqual(lint(good).map((d) => `${d.ruleId}: ${d.message}`), []);
      }
    });
  }

  it('dashboard/invalid-json, not-a-dashboard and too-large: clear diagnostics, never a throw', () => {
    const broken = checkDashboard('{"title": "x", "panels": [}');
    assert.equal(broken[0].ruleId, 'dashboard/invalid-json');
    assert.equal(broken[0].severity, 'error');
    assert.equal(broken[0].range.start, '{"title": "x", "panels": ['.length);
    assert.deepEqual(ids(checkDashboard('[1, 2]')), ['dashboard/not-a-dashboard']);
    // What editors take and Grafana's JSON parsers refuse: comments and trailing commas, each at its place.
    const lax = '{"title": "x", // note\n "panels": [{"id": 1,},],\n "url": "https://a//b", "c": ", ]"}';
    const found = checkDashboard(lax).filter((x) => x.ruleId === 'dashboard/invalid-json');
    assert.deepEqual(found.map((x) => [lax.slice(x.range.start, x.range.end), x.message.split(',')[0]]), [
      ['// note', 'invalid JSON: a comment'], [',', 'invalid JSON: a trailing comma'], [',', 'invalid JSON: a trailing comma'],
    ]);
    assert.deepEqual(found.map((x) => x.range.start), [lax.indexOf('//'), lax.indexOf(',}'), lax.indexOf(',]')]);
    assert.deepEqual(ids(checkDashboard('')), ['dashboard/invalid-json']);
    const huge = JSON.stringify({ title: 'big', panels: [], padding: 'x'.repeat(10 * 1024 * 1024) });
    const d = checkDashboard(huge);
    assert.deepEqual(ids(d), ['dashboard/too-large']);
    assert.match(d[0].message, /10\.0 MiB is over the 8\.0 MiB limit/);
    for (const t of ['{', 'null', '{"panels": 3, "templating": {"list": {"a": 1}}}', '{"panels": [null, 1, {"targets": [null, {"expr": 1}]}]}', '{"templating": {"list": [{"type": "query", "query": {"query": 5}}]}}']) {
      assert.doesNotThrow(() => checkDashboard(t), t);
    }
    const good = goodDashboard();
    assert.deepEqual(checkDashboard(JSON.stringify(good), { maxFileSize: 10 }).map((x) => x.ruleId), ['dashboard/too-large']);
    // 10,000 nested arrays overflow the JSON reader's recursion: one clear diagnostic, no throw.
    const deep = `{"title": "x", "panels": [], "d": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    assert.deepEqual(checkDashboard(deep).map((x) => [x.ruleId, x.message.split(' (')[0]]), [['dashboard/invalid-json', 'invalid JSON: nested too deeply to read']]);
  });
});

describe('checkDashboard: a key given twice', () => {
  // JSON.stringify cannot write a key twice: the dashboards are spliced as text.
  const good = (): string => JSON.stringify(goodDashboard(), null, 2);
  const dup = (text: string): Array<[string, string]> =>
    checkDashboard(text).filter((d) => d.ruleId === 'dashboard/duplicate-key').map((d) => [text.slice(d.range.start, d.range.end), d.message]);

  it('is read as Grafana reads it, the last value winning, and the overridden key is reported', () => {
    // The good panel's description given again, empty, after it: Grafana sees no description.
    const text = good().replace('"description": "Requests per second.",', '"description": "Requests per second.",\n      "description": "",');
    assert.notEqual(text, good());
    const line = text.slice(0, text.indexOf('"description": ""')).split('\n').length;
    assert.deepEqual(dup(text), [['"description"', `duplicate key "description": Grafana reads the one on line ${line} and ignores this one`]]);
    assert.deepEqual(checkDashboard(text).filter((d) => d.ruleId === 'dashboard/panel-title-description').length, 1);
    // The other way round: the empty one first, the last one filled in: no missing description.
    const fixed = good().replace('"description": "Requests per second.",', '"description": "",\n      "description": "Requests per second.",');
    assert.deepEqual(checkDashboard(fixed).filter((d) => d.ruleId === 'dashboard/panel-title-description'), []);
    assert.equal(dup(fixed).length, 1);
    // A target's expr twice: the last expression is the one checked.
    const expr = good().replace('"expr": "sum by', '"expr": "up{job=~\\"$jbo\\"}", "expr": "sum by');
    assert.notEqual(expr, good());
    assert.deepEqual(checkDashboard(expr).filter((d) => d.ruleId === 'dashboard/undefined-variable'), []);
  });

  it('is found at any depth and three times over, never across objects, and in order', () => {
    const text = '{"panels": [{"id": 1, "id": 2, "id": 3}, {"id": 1}], "a": {"b": {"c": 1, "c": 2}}, "templating": {"list": []}}';
    assert.deepEqual(dup(text).map(([k, m]) => `${k} ${/line (\d+)/.exec(m)?.[1]}`), ['"id" 1', '"id" 1', '"c" 1']);
    assert.deepEqual(dup(text).map(() => 'x').length, 3);
    const ranges = checkDashboard(text).filter((d) => d.ruleId === 'dashboard/duplicate-key').map((d) => d.range.start);
    assert.deepEqual(ranges, [text.indexOf('"id": 1'), text.indexOf('"id": 2'), text.indexOf('"c": 1')]);
    // The same keys in sibling objects and arrays of objects are fine.
    assert.deepEqual(dup(good()), []);
    assert.deepEqual(dup('{"panels": [{"id": 1}, {"id": 1}], "rows": [[{"a": 1}], [{"a": 1}]]}'), []);
  });

  it('is left out when disabled, on broken JSON, and capped on a file full of them', () => {
    const text = '{"panels": [], "title": "a", "title": "b"}';
    assert.deepEqual(checkDashboard(text, { disabledRules: ['dashboard/duplicate-key'] }).filter((d) => d.ruleId === 'dashboard/duplicate-key'), []);
    assert.deepEqual(ids(checkDashboard('{"panels": [], "title": "a", "title": "b",')).filter((id) => id === 'dashboard/duplicate-key'), []);
    const many = `{"panels": [], ${Array.from({ length: 500 }, (_, i) => `"k": ${i}`).join(', ')}}`;
    assert.equal(dup(many).length, 20);
  });
});

describe('checkDashboard: positions, fixes and options', () => {
  if (parserReady) {
    it('a PromQL error lands on the exact characters, through JSON escapes and variables', () => {
      const d = goodDashboard();
      const selector = 'foo_seconds{a="é\\"日本😀",job=~"$job",instance=~"${instance:regex}"}';
      firstTarget(d).expr = `sum(rate(${selector}))`;
      const text = JSON.stringify(d, null, 2);
      const [e] = checkDashboard(text).filter((x) => x.ruleId === 'dashboard/target-promql');
      assert.equal(e.severity, 'error');
      assert.equal(e.message, 'panel "Requests" A: invalid PromQL query: expected type range vector in call to function "rate", got instant vector');
      assert.equal(text.slice(e.range.start, e.range.end), JSON.stringify(selector).slice(1, -1));
    });

    it('impossible-vector-match: a matcher holding a variable fixes nothing; a variable label name skips the query', () => {
      const cases: Array<[string, boolean]> = [
        ['rate(x_total{code="500", job=~"$job"}[$__rate_interval]) / rate(x_total{code="200", job=~"$job"}[$__rate_interval])', true],
        ['x{instance=~"$node"} / y{instance=~"$instance"}', false], // equal whenever both variables are
        ['x{instance="$node"} / y{instance="$node"}', false],
        ['x{$filter, code="1"} / y{code="2"}', true],
        ['x{code="$code"} / y{code="2"}', false],
        ['sum by ($group) (x{job=~"$job"}) / y{code="500"}', false], // $group may be code
        ['sum by (job) (x{job=~"$job"}) / y{code="500"}', true],
        ['label_replace(x{code="1"}, "$dst", "2", "", "") / y{code="2"}', false],
        ['x{code="1"} > $threshold and y{code="2"}', true],
      ];
      for (const [expr, flagged] of cases) {
        const d = goodDashboard();
        firstTarget(d).expr = expr;
        const text = JSON.stringify(d, null, 2);
        const found = checkDashboard(text).filter((x) => x.ruleId === 'dashboard/target-impossible-vector-match');
        assert.equal(found.length, flagged ? 1 : 0, expr);
        if (flagged) assert.match(found[0].message, /^panel "Requests" A: the two sides of \S+ can never match: .* compares code:/, expr);
      }
      // The quick fix lands inside the JSON string and clears the finding.
      const d = goodDashboard();
      firstTarget(d).expr = 'rate(x_total{code="500", job=~"$job"}[$__rate_interval]) / rate(x_total{code="200", job=~"$job"}[$__rate_interval])';
      const text = JSON.stringify(d, null, 2);
      const [found] = checkDashboard(text).filter((x) => x.ruleId === 'dashboard/target-impossible-vector-match');
      const edit = found.fixes?.[0]?.edits[0];
      assert.ok(edit && found.fixes?.[0].title === 'Add ignoring(code)');
      const fixed = text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
      assert.equal(JSON.parse(fixed).panels[0].targets[0].expr, 'rate(x_total{code="500", job=~"$job"}[$__rate_interval]) / ignoring(code) rate(x_total{code="200", job=~"$job"}[$__rate_interval])');
      assert.deepEqual(checkDashboard(fixed).filter((x) => x.ruleId === 'dashboard/target-impossible-vector-match'), []);
    });

    it('an error at the end of a query points at its end', () => {
      const d = goodDashboard();
      firstTarget(d).expr = 'sum(up{job=~"$job",instance=~"$instance"}) by';
      const text = JSON.stringify(d);
      const [e] = checkDashboard(text).filter((x) => x.ruleId === 'dashboard/target-promql');
      assert.match(e.message, /unexpected end of input/);
      assert.equal(e.range.start, text.indexOf(') by"') + 4);
    });

    it('the rate-interval fix writes $__rate_interval over the range', () => {
      const d = goodDashboard();
      firstTarget(d).expr = 'rate(x_total{job=~"$job", instance=~"$instance"}[5m])';
      const text = JSON.stringify(d);
      const [diag] = checkDashboard(text).filter((x) => x.ruleId === 'dashboard/target-rate-interval');
      const edit = diag.fixes?.[0].edits[0];
      assert.ok(edit);
      const fixed = text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
      assert.deepEqual(checkDashboard(fixed), []);
      assert.equal(diag.fixes?.[0].safe, undefined, 'another window: for review, not Fix All');
    });

    const windows: Array<[string, string, string | null]> = [
      // expression, the window reported, the expression once fixed (null: nothing reported)
      ['rate(x_total{job=~"$job", instance=~"$instance"}[5m] offset 1h)', '5m', 'rate(x_total{job=~"$job", instance=~"$instance"}[$__rate_interval] offset 1h)'],
      ['rate(x_total{job=~"$job", instance=~"$instance"}[5m] @ end())', '5m', 'rate(x_total{job=~"$job", instance=~"$instance"}[$__rate_interval] @ end())'],
      ['irate(x_total{job=~"$job", instance=~"$instance"}[ 1m ] offset -5m @ start())', ' 1m ', 'irate(x_total{job=~"$job", instance=~"$instance"}[$__rate_interval] offset -5m @ start())'],
      ['rate(x_total{job=~"$job", instance=~"$instance"}[$interval])', '$interval', 'rate(x_total{job=~"$job", instance=~"$instance"}[$__rate_interval])'],
      ['rate(x_total{job=~"$job", instance=~"$instance"}[59m])', '59m', 'rate(x_total{job=~"$job", instance=~"$instance"}[$__rate_interval])'],
      ['rate(x_total{job=~"$job", instance=~"$instance"}[1h])', '', null],
      ['sum(rate(x_total{job=~"$job", instance=~"$instance"}[30d] offset 1d))', '', null],
      ['rate(x_total{job=~"$job", instance=~"$instance"}[$__rate_interval] offset 1h)', '', null],
    ];
    for (const [expr, window, want] of windows) {
      it(`rate window of ${expr}: ${want === null ? 'not reported' : `[${window}] fixed in place`}`, () => {
        const d = goodDashboard();
        firstTarget(d).expr = expr;
        const text = JSON.stringify(d);
        const diags = checkDashboard(text).filter((x) => x.ruleId === 'dashboard/target-rate-interval');
        if (want === null) {
          assert.deepEqual(diags, []);
          return;
        }
        assert.equal(diags.length, 1);
        assert.equal(text.slice(diags[0].range.start, diags[0].range.end), window);
        const edit = diags[0].fixes![0].edits[0];
        const fixed = text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
        assert.equal(JSON.parse(fixed).panels[0].targets[0].expr, want);
      });
    }
  }

  if (parserReady) {
    const queries: Array<[string, string, Record<string, unknown> | undefined, boolean]> = [
      // name, expr, a variable to add, whether target-promql reports it
      ['topk with a query variable not yet resolved', 'topk($k, up{job=~"$job", instance=~"$instance"})', { name: 'k', type: 'query', query: 'label_values(k)' }, false],
      ['topk with a metric, not a variable, as its parameter', 'topk(up, up{job=~"$job", instance=~"$instance"})', undefined, true],
      ['an aggregation chosen by a variable', '$agg by (job) (up{job=~"$job", instance=~"$instance"})', { name: 'agg', type: 'custom', query: 'sum,avg,max' }, false],
      ['a range in seconds from $__range_s', 'max_over_time(up{job=~"$job", instance=~"$instance"}[${__range_s}s])', undefined, false],
      ['a real type error next to a variable', 'rate(up{job=~"$job", instance=~"$instance"})', undefined, true],
      // Where a variable decides the query (second round of real and synthetic dashboards).
      ['a function named by a variable', '${fn}(up{job=~"$job", instance=~"$instance"}[$__rate_interval])', { name: 'fn', type: 'custom', query: 'rate,irate' }, false],
      ['part of a function name', '${agg}_over_time(up{job=~"$job", instance=~"$instance"}[$__interval])', { name: 'agg', type: 'custom', query: 'max,min' }, false],
      ['part of a metric name', 'api_v${ver}_requests_total{job=~"$job", instance=~"$instance"}', { name: 'ver', type: 'custom', query: '1,2' }, false],
      ['a matcher too short for a placeholder', 'up{job=~"$job", instance=~"$instance", $f}', { name: 'f', type: 'adhoc' }, false],
      ['two variables making one duration', 'rate(up{job=~"$job", instance=~"$instance"}[${n}${unit}])', { name: 'n', type: 'custom', query: '5' }, false],
      ['a bracket left open after a variable that stands alone', 'rate(up{job=~"$job", instance=~"$instance"}[$__rate_interval)', undefined, true],
      ['a range vector, which a range query refuses', 'up{job=~"$job", instance=~"$instance"}[5m]', undefined, true],
      ['a string, which a range query refuses', '"hello"', undefined, true],
    ];
    const counters: Array<[string, boolean]> = [
      ['rate(x_total{job=~"$job", instance=~"$instance"}[5m:1m])', false],
      ['sum(increase((a_total{job=~"$job", instance=~"$instance"} + b_total{job=~"$job", instance=~"$instance"})[1h:5m]))', false],
      ['max_over_time(x_total{job=~"$job", instance=~"$instance"}[5m:1m])', true],
      ['rate(sum(x_total{job=~"$job", instance=~"$instance"})[5m:])', false],
    ];
    for (const [expr, reported] of counters) {
      it(`target-counter-agg: ${expr} ${reported ? 'is' : 'is not'} reported`, () => {
        const d = goodDashboard();
        firstTarget(d).expr = expr;
        const found = checkDashboard(JSON.stringify(d)).filter((x) => x.ruleId === 'dashboard/target-counter-agg');
        assert.equal(found.length > 0, reported, JSON.stringify(found));
      });
    }
    for (const [name, expr, extra, reported] of queries) {
      it(`target-promql: ${name} ${reported ? 'is' : 'is not'} reported`, () => {
        const d = goodDashboard();
        firstTarget(d).expr = expr;
        if (extra) (d.templating as { list: unknown[] }).list.push(extra);
        const found = checkDashboard(JSON.stringify(d)).filter((x) => x.ruleId === 'dashboard/target-promql');
        assert.equal(found.length > 0, reported, JSON.stringify(found));
      });
    }
  }

  if (parserReady) {
    it('a range vector is fine in an instant query, and in a hidden target', () => {
      const d = goodDashboard();
      Object.assign(firstTarget(d), { expr: 'up{job=~"$job", instance=~"$instance"}[5m]', instant: true });
      assert.deepEqual(checkDashboard(JSON.stringify(d)).filter((x) => x.ruleId === 'dashboard/target-promql'), []);
      Object.assign(firstTarget(d), { instant: false, range: true, hide: true });
      assert.deepEqual(checkDashboard(JSON.stringify(d)).filter((x) => x.ruleId === 'dashboard/target-promql'), []);
    });

    it("checks the targets of a Mixed panel written as Grafana 10+ writes it", () => {
      const d = goodDashboard();
      (d.panels as Json[])[0].datasource = { type: 'datasource', uid: '-- Mixed --' };
      Object.assign(firstTarget(d), { expr: 'sum(up{job=~"$job", instance=~"$instance"}', datasource: { uid: 'abc' } });
      assert.ok(checkDashboard(JSON.stringify(d)).some((x) => x.ruleId === 'dashboard/target-promql'));
    });

    it('variable queries: Grafana replaces variables before it reads the function; other data sources are left alone', () => {
      const d = goodDashboard();
      const list = (d.templating as { list: Json[] }).list;
      list.push({ name: 'label', type: 'custom', query: 'job,instance' });
      list.push({ name: 'byLabel', type: 'query', datasource: { uid: '$datasource' }, query: 'label_values(up, ${label})', refresh: 2 });
      list.push({ name: 'region', type: 'query', datasource: { type: 'cloudwatch', uid: 'cw' }, query: 'regions()', refresh: 2 });
      assert.deepEqual(checkDashboard(JSON.stringify(d)).filter((x) => x.ruleId === 'dashboard/template-label-promql'), []);
    });

    it('undefined-variable: an export\'s __inputs, a v2 dashboard\'s variables and # comments define or hide names', () => {
      const d = goodDashboard();
      d.__inputs = [{ name: 'VAR_ENV', type: 'constant', value: 'prod' }];
      firstTarget(d).expr = '# by $cluster\nup{job=~"$job", instance=~"$instance", env="${VAR_ENV}"}';
      assert.deepEqual(checkDashboard(JSON.stringify(d)).filter((x) => x.ruleId === 'dashboard/undefined-variable'), []);
      firstTarget(d).expr = 'up{job=~"$job", instance=~"$instance", env="$nope"}';
      assert.equal(checkDashboard(JSON.stringify(d)).filter((x) => x.ruleId === 'dashboard/undefined-variable').length, 1);
      const v2 = { apiVersion: 'dashboard.grafana.app/v2beta1', kind: 'Dashboard', spec: { title: 'v2', variables: [{ kind: 'QueryVariable', spec: { name: 'job' } }], elements: { p: { kind: 'Panel', spec: { id: 1, title: 'R', data: { kind: 'QueryGroup', spec: { queries: [{ kind: 'PanelQuery', spec: { refId: 'A', query: { kind: 'DataQuery', group: 'prometheus', spec: { expr: 'up{job=~"$job"}' } } } }] } } } } } } };
      assert.deepEqual(checkDashboard(JSON.stringify(v2)).filter((x) => x.ruleId === 'dashboard/undefined-variable'), []);
    });
  }

  it('the uneditable and reload fixes make the rule pass', () => {
    const d = goodDashboard();
    d.editable = true;
    variable(d, 'job').refresh = 1;
    let text = JSON.stringify(d);
    for (const diag of checkDashboard(text).reverse()) {
      const edit = diag.fixes?.[0].edits[0];
      if (edit) text = text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
    }
    assert.deepEqual(checkDashboard(text), []);
  });

  it("names panels as dashboard-linter does: by title, else by id (0 when there is none)", () => {
    const d = goodDashboard();
    delete d.panels[0].description;
    d.panels.push({ type: 'timeseries', datasource: '$datasource', gridPos: { x: 12, y: 0, w: 12, h: 8 }, fieldConfig: { defaults: { unit: 'bytes' } }, targets: [{ refId: 'A', expr: 'up{job=~"$job", instance=~"$instance"}' }] });
    d.panels.push({ id: 7, type: 'stat', datasource: '$datasource', gridPos: { x: 0, y: 20, w: 12, h: 8 }, targets: [{ refId: 'A', expr: 'up{job=~"$job", instance=~"$instance"}' }] });
    const messages = lint(d).filter((x) => x.ruleId === 'dashboard/panel-title-description' || x.ruleId === 'dashboard/panel-units').map((x) => x.message);
    assert.deepEqual(messages.sort(), [
      "panel 'Requests' has missing title or description, currently has title 'Requests' and description: ''",
      "panel with id '0' has missing title or description, currently has title '' and description: ''",
      "panel with id '7' has missing title or description, currently has title '' and description: ''",
      "panel with id '7' has no units defined",
    ]);
  });

  it('disabledRules leaves rules out', () => {
    const d = goodDashboard();
    d.editable = true;
    assert.deepEqual(ids(checkDashboard(JSON.stringify(d), { disabledRules: ['dashboard/uneditable'] })), []);
  });

  it('stays quiet about Prometheus on a dashboard that does not use Prometheus', () => {
    const loki = {
      title: 'Logs', editable: false,
      templating: { list: [{ name: 'ds', type: 'datasource', query: 'loki' }, { name: 'app', type: 'query', datasource: '$ds', refresh: 1, query: 'label_values(app)' }] },
      panels: [{ id: 1, type: 'logs', title: 'Logs', datasource: '$ds', gridPos: { x: 0, y: 0, w: 24, h: 8 }, targets: [{ refId: 'A', datasource: { type: 'loki', uid: '$ds' }, expr: '{app="$app"} |= "error" | json' }] }],
    };
    assert.deepEqual(lint(loki).map((d) => `${d.ruleId}: ${d.message}`), []);
  });
});

describe('checkDashboard: corpus', () => {
  const files = readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) => readdirSync(join(CORPUS, d.name)).filter((f) => f.endsWith('.json')).map((f) => join(CORPUS, d.name, f)));

  it('the 18 corpus dashboards give no error-severity diagnostic', () => {
    assert.equal(files.length, 18);
    const errors: string[] = [];
    let total = 0;
    for (const f of files) {
      const ds = checkDashboard(readFileSync(f, 'utf8'));
      total += ds.length;
      for (const d of ds) if (d.severity === 'error') errors.push(`${f}: ${d.ruleId} ${d.message}`);
    }
    assert.deepEqual(errors, []);
    assert.ok(total > 0, 'the style rules do find things in real dashboards');
  });

  if (parserReady) {
    it('reports the real breaks it should: [5m] instead of $__rate_interval in kube-prometheus/prometheus.json', () => {
      const text = readFileSync(join(CORPUS, 'kube-prometheus/prometheus.json'), 'utf8');
      const found = checkDashboard(text).filter((d) => d.ruleId === 'dashboard/target-rate-interval');
      assert.equal(found.length, 10);
      for (const d of found) assert.match(text.slice(d.range.start, d.range.end), /^\d+m$/);
    });
  }
});
