import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyVariableValue, findGrafanaVariables, interpolateGrafanaVariables, isBuiltinVariable, undefinedVariables } from './grafanaVariables';
import { dashboardExpressions } from './dashboard';
import { parsePromQL } from '../promql/parse';

const parserReady = !readFileSync(join(__dirname, '../promql/parse.ts'), 'utf8').includes('STUB');

describe('findGrafanaVariables: every syntax Grafana interpolates', () => {
  const cases: Array<[string, Array<{ name: string; raw: string; format?: string; fieldPath?: string }>]> = [
    ['$job', [{ name: 'job', raw: '$job' }]],
    ['${job}', [{ name: 'job', raw: '${job}' }]],
    ['${job:regex}', [{ name: 'job', raw: '${job:regex}', format: 'regex' }]],
    ['${job.text}', [{ name: 'job', raw: '${job.text}', fieldPath: 'text' }]],
    ['${__from:date:seconds}', [{ name: '__from', raw: '${__from:date:seconds}', format: 'date:seconds' }]],
    ['[[job]]', [{ name: 'job', raw: '[[job]]' }]],
    ['[[job:pipe]]', [{ name: 'job', raw: '[[job:pipe]]', format: 'pipe' }]],
    ['$__user.login', [{ name: '__user', raw: '$__user.login', fieldPath: 'login' }]],
    ['${__user.email}', [{ name: '__user', raw: '${__user.email}', fieldPath: 'email' }]],
    ['a{b="$x|$y"}[$__rate_interval]', [{ name: 'x', raw: '$x' }, { name: 'y', raw: '$y' }, { name: '__rate_interval', raw: '$__rate_interval' }]],
    ['foo{a=~"^$"} + 1$', []],
    ['foo{a=~"[[:alpha:]]+"}', []],
  ];
  for (const [src, want] of cases) {
    it(src, () => {
      const got = findGrafanaVariables(src);
      assert.deepEqual(got.map(({ name, raw, format, fieldPath }) => ({ name, raw, ...(format ? { format } : {}), ...(fieldPath ? { fieldPath } : {}) })), want);
      for (const g of got) assert.equal(src.slice(g.range.start, g.range.end), g.raw);
    });
  }
});

describe('interpolateGrafanaVariables: same-length placeholders valid where they stand', () => {
  const hints = new Map([['n', 'number' as const], ['filter', 'matcher' as const], ['step', 'duration' as const], ['agg', 'aggregation' as const]]);
  const cases: Array<[string, string]> = [
    ['rate(x{job=~"$job"}[$__rate_interval])', 'rate(x{job=~"_job"}[1m              ])'],
    ['rate(x[${__interval}])', `rate(x[1m${' '.repeat(11)}])`],
    ['max_over_time(x[$__range:$__interval])[5m:$step]', 'max_over_time(x[1m      :1m         ])[5m:1m   ]'],
    ['sum by ($grouping) (x)', 'sum by (_grouping) (x)'],
    ['sum without ([[a]], b) (x)', 'sum without (__a__, b) (x)'],
    ['$metric{a="b"}', '_metric{a="b"}'],
    ['${metric:raw}', '__metric_raw_'],
    ['x offset $off', 'x offset 1m  '],
    ['x @ ${__to:date:seconds}', `x @ 1${' '.repeat(19)}`],
    ['x / ($__interval_ms / 1000)', `x / (1${' '.repeat(13)} / 1000)`],
    ['increase(x[$__range]) / $__range_s', 'increase(x[1m      ]) / 1         '],
    ['topk($n, x)', 'topk(1 , x)'],
    ['x{$filter}', 'x{a="b"  }'],
    ['{$filter}', '{a="b"  }'],
    ['x{${f}}', 'x{a=""}'],
    ['x{a="b", $filter, c="d"}', 'x{a="b", a="b"  , c="d"}'],
    ['x{$l="v"}', 'x{_l="v"}'],
    ["x{a=~'${v:regex}|[[w]]'}", "x{a=~'__v_regex_|__w__'}"],
    ['x{a="\\"$v"}', 'x{a="\\"_v"}'],
    ['x # $not_a_var in a comment', 'x # $not_a_var in a comment'],
    ['x # $c\n+ $metric', 'x # $c\n+ _metric'],
    ['x > $threshold', 'x > _threshold'],
    // A number followed by its unit: digits all through, so the unit joins them (Grafana's docs
    // write query_result(max_over_time(x[${__range_s}s]))).
    ['max_over_time(x[${__range_s}s])', 'max_over_time(x[000000000001s])'],
    ['x[${__interval_ms}ms] offset ${__range_s}s', 'x[0000000000000001ms] offset 000000000001s'],
    ['rate(x[${days}d])', 'rate(x[0000001d])'],
    // An aggregation chosen by a variable.
    ['$agg by (job) (x)', 'sum  by (job) (x)'],
    ['${agg}(x)', 'sum   (x)'],
  ];
  for (const [src, want] of cases) {
    it(src, () => {
      const got = interpolateGrafanaVariables(src, hints);
      assert.equal(got, want);
      assert.equal(got.length, src.length);
    });
  }

  if (parserReady) {
    it('the interpolated queries parse', () => {
      for (const [src] of cases) {
        if (src.includes('#')) continue;
        const r = parsePromQL(interpolateGrafanaVariables(src, hints));
        assert.deepEqual(r.errors, [], src);
      }
    });

    it('an error in the interpolated text lands on the original characters', () => {
      const text = JSON.stringify({ panels: [{ type: 'graph', targets: [{ refId: 'A', expr: 'rate(x{a="$v"}[$__rate_interval]) +' }] }] });
      const [e] = dashboardExpressions(text);
      const r = parsePromQL(e.text);
      assert.ok(r.errors.length > 0);
      const at = e.toFileOffset(r.errors[0].range.start);
      assert.ok(at >= e.range.start && at <= e.range.end);
    });
  }
});

describe('classifyVariableValue and built-ins', () => {
  it('classifies values like dashboard-linter', () => {
    assert.equal(classifyVariableValue('5'), 'number');
    assert.equal(classifyVariableValue('0.5'), 'number');
    assert.equal(classifyVariableValue('5m'), 'duration');
    assert.equal(classifyVariableValue('1h30m'), 'duration');
    assert.equal(classifyVariableValue('job="x"'), 'matcher');
    assert.equal(classifyVariableValue('prod'), undefined);
    assert.equal(classifyVariableValue('avg'), 'aggregation');
    assert.equal(classifyVariableValue('topk'), undefined, 'needs a parameter: not a drop-in');
  });
  it('knows Grafana\'s global variables', () => {
    for (const n of ['__interval', '__interval_ms', '__rate_interval', '__rate_interval_ms', '__range', '__range_s', '__range_ms', '__from', '__to', '__dashboard', '__user', '__org', '__timezone', '__auto_interval_x']) {
      assert.ok(isBuiltinVariable(n), n);
    }
    assert.ok(!isBuiltinVariable('job'));
    assert.ok(!isBuiltinVariable('__custom'));
  });
});

describe('undefinedVariables', () => {
  it('reports used-but-undefined variables with their exact file range', () => {
    const expr = 'rate(x{job=~\\"$job\\", é=\\"${missing:regex}\\"}[$__rate_interval]) / [[other]]';
    const text = `{"templating": {"list": [{"name": "job", "type": "query"}]}, "panels": [{"type": "graph", "targets": [{"refId": "A", "expr": "${expr}"}]}]}`;
    const got = undefinedVariables(dashboardExpressions(text), ['job']);
    assert.deepEqual(got.map((u) => [u.name, text.slice(u.range.start, u.range.end)]), [['missing', '${missing:regex}'], ['other', '[[other]]']]);
  });
  it("leaves label_replace's $1 alone: a regex group, which Grafana does not replace", () => {
    const text = JSON.stringify({ panels: [{ type: 'graph', targets: [{ refId: 'A', expr: 'label_replace(up, "host", "$1", "instance", "([^:]+):.*") + label_replace(up, "h", "${2}", "i", "(a)(b)") + label_replace(up, "n", "$node", "instance", "(?P<node>[^:]+):.*")' }] }] });
    assert.deepEqual(undefinedVariables(dashboardExpressions(text), []), []);
  });
  it('reports nothing when everything is defined or built in', () => {
    const text = JSON.stringify({ panels: [{ type: 'graph', targets: [{ refId: 'A', expr: 'x{a="$a"}[$__interval] @ ${__to}' }] }] });
    assert.deepEqual(undefinedVariables(dashboardExpressions(text), ['a']), []);
  });
});
