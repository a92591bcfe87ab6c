import assert from 'node:assert/strict';
import { timeRangeBuiltins } from './builtins';
import { interpolate, toSourceOffset, type VariableScope } from './interpolate';
import { builtinVariables, macroVariables, resolveVariable, type ResolvedVariable } from './variables';

const T0 = 1_700_000_000_000;
const H = 3_600_000;

function vars(models: Array<Record<string, unknown>>): Map<string, ResolvedVariable> {
  const out = new Map<string, ResolvedVariable>();
  for (const m of models) {
    const v = resolveVariable(m, { fromMs: T0, toMs: T0 + H });
    if (v) out.set(v.name, v);
  }
  return out;
}

const scope: VariableScope = [
  builtinVariables(timeRangeBuiltins({ fromMs: T0, toMs: T0 + H })),
  vars([
    { name: 'job', type: 'query', current: { text: 'api', value: 'api' } },
    { name: 'servers', type: 'custom', multi: true, query: 'test1.,test2', current: { text: ['test1.', 'test2'], value: ['test1.', 'test2'] } },
    { name: 'inst', type: 'query', includeAll: true, current: { text: 'node.1', value: 'node.1' } },
    { name: 'all', type: 'query', includeAll: true, allValue: '$job|.*', current: { value: '$__all' } },
    { name: 'nothing', type: 'query' },
    { name: 'quote', type: 'textbox', query: "it's" },
    { name: 'win', type: 'interval', query: '5m' },
  ]),
  macroVariables({ dashboard: { title: 'My board', uid: 'abc' } }),
];

describe('interpolate: Grafana syntaxes with the Prometheus default format', () => {
  const cases: Array<[string, string, string]> = [
    ['$var', 'up{job="$job"}', 'up{job="api"}'],
    ['${var}', 'up{job="${job}"}', 'up{job="api"}'],
    ['[[var]]', 'up{job="[[job]]"}', 'up{job="api"}'],
    ['${var:format}', 'up{job=~"${servers:pipe}"}', 'up{job=~"test1.|test2"}'],
    ['[[var:format]]', 'up{job=~"[[servers:regex]]"}', 'up{job=~"(test1\\.|test2)"}'],
    ['multi-value default: regex-escaped for PromQL, (a|b)', 'up{s=~"$servers"}', 'up{s=~"(test1\\\\.|test2)"}'],
    ['include All, single selection: escaped as a regex', 'up{i=~"$inst"}', 'up{i=~"node\\\\.1"}'],
    ['${var.N}: one value of a multi-value variable', 'up{s="${servers.1}"}', 'up{s="test2"}'],
    ['custom All value: as written, its own variables filled (glob)', 'up{j=~"$all"}', 'up{j=~"api|.*"}'],
    ['custom All value with :text', '"${all:text}"', '"All"'],
    ['unknown selection of a query variable: any value', 'up{n=~"$nothing"}', 'up{n=~".+"}'],
    ["single value: ' escaped as Grafana does", '"$quote"', '"it\\\\\'s"'],
    ['interval variable in a range', 'rate(x[$win])', 'rate(x[5m])'],
    ['$__rate_interval, ${__interval}, $__interval_ms', 'rate(x[$__rate_interval]) / ${__interval} / $__interval_ms', 'rate(x[1m0s]) / 15s / 15000'],
    ['$__range, $__range_s, $__range_ms', 'x[$__range] $__range_s $__range_ms', 'x[3600s] 3600 3600000'],
    ['$__from, ${__to:date:seconds}, ${__from:date}', '$__from ${__to:date:seconds} ${__from:date}', '1700000000000 1700003600 2023-11-14T22:13:20.000Z'],
    ['${__from:text}, $__url_time_range', '${__from:text} $__url_time_range', '2023-11-14 22:13:20 from=1700000000000&to=1700003600000'],
    ['$__dashboard, ${__dashboard.uid}', '"$__dashboard ${__dashboard.uid}"', '"My board abc"'],
    ['${__org.name}, ${__user.login}', '"${__org.name} ${__user.login}"', '"Main Org. admin"'],
    ['$__user.login: Grafana stops at the name', '"$__user.login"', '"1.login"'],
    ['unknown variables stay as written', 'up{a="$undefined", b="${nope:regex}"}', 'up{a="$undefined", b="${nope:regex}"}'],
    ['a variable glued to text', 'node_$job:ratio', 'node_api:ratio'],
    ['RE2 classes are not variables', 'up{a=~"[[:alpha:]]+$job"}', 'up{a=~"[[:alpha:]]+api"}'],
  ];
  for (const [name, source, want] of cases) {
    it(`${name}: ${source}`, () => assert.equal(interpolate(source, scope).text, want));
  }

  it('glob is the default format outside queries (legends)', () => {
    assert.equal(interpolate('{{instance}} $servers', scope, 'glob').text, '{{instance}} {test1.,test2}');
  });

  it('reports the replacements and the unknown names', () => {
    const r = interpolate('up{a="$job", b="$nope"}[$__range]', scope);
    assert.deepEqual(r.replacements.map((x) => [x.raw, x.value, x.from]), [['$job', 'api', 'current'], ['$__range', '3600s', 'builtin']]);
    assert.deepEqual(r.unknown, ['nope']);
  });

  it('a self-referencing All value ends', () => {
    const loop: VariableScope = [vars([{ name: 'a', type: 'query', includeAll: true, allValue: 'x$a', current: { value: '$__all' } }])];
    assert.match(interpolate('$a', loop).text, /^x+\$a$/);
  });
});

describe('toSourceOffset: errors in the interpolated query point back at the source', () => {
  const source = 'sum(rate(x{job="$job"}[$__rate_interval])';
  const r = interpolate(source, scope);
  const text = r.text; // sum(rate(x{job="api"}[1m0s])
  const cases: Array<[string, number, number]> = [
    ['before any variable: unchanged', text.indexOf('rate'), source.indexOf('rate')],
    ['inside a value: the reference', text.indexOf('api') + 1, source.indexOf('$job')],
    ['after a shorter value: shifted', text.indexOf('}['), source.indexOf('}[')],
    ['inside a longer value: the reference', text.indexOf('1m0s') + 2, source.indexOf('$__rate')],
    ['the end: the end', text.length, source.length],
  ];
  for (const [name, at, want] of cases) it(name, () => assert.equal(toSourceOffset(r, at), want));
});
