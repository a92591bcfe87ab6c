import assert from 'node:assert/strict';
import {
  labelApiWindow, metricNamesToVariableValues, originalMetricName, parseVariableQuery, prometheusWindow, queryResultValues, selectCurrent,
  sortVariableValues, stringToJsRegex, variableQueryText, variableSortOf, VariableSort, withStaticOptions,
  type MetricFindValue, type MultiValueModel, type ParsedVariableQuery, type VariableOption,
} from './variableQueries';

describe('variable queries: parsing (PrometheusMetricFindQuery.process)', () => {
  const cases: Array<[string, string | Record<string, unknown>, ParsedVariableQuery]> = [
    ['label_names()', 'label_names()', { kind: 'label_names' }],
    ['label_names() with trailing spaces', 'label_names()  ', { kind: 'label_names' }],
    ['label_names(match)', 'label_names(http_requests)', { kind: 'label_names', match: 'http_requests' }],
    ['label_values(label)', 'label_values(job)', { kind: 'label_values', label: 'job' }],
    ['label_values(metric, label)', 'label_values(http_requests_total, code)', { kind: 'label_values', label: 'code', match: 'http_requests_total' }],
    ['label_values(selector with commas, label): the last comma splits', 'label_values(up{job="a",instance=~"b|c"},instance)',
      { kind: 'label_values', label: 'instance', match: 'up{job="a",instance=~"b|c"}' }],
    ['label_values({}, label): an empty filter counts as none', 'label_values({ }, job)', { kind: 'label_values', label: 'job' }],
    ['label_values with a quoted UTF-8 label', 'label_values(up, "http.status")', { kind: 'label_values', label: '"http.status"', match: 'up' }],
    ['metrics(regex)', 'metrics(node_.*)', { kind: 'metrics', regex: 'node_.*' }],
    ['query_result(expr)', 'query_result(topk(3, sum by (job) (up)))', { kind: 'query_result', expr: 'topk(3, sum by (job) (up))' }],
    ['a selector: a series query', 'up{job="api"}', { kind: 'series', match: 'up{job="api"}' }],
    ['label_values() runs nothing', 'label_values()', { kind: 'none' }],
    ['metrics() runs nothing', 'metrics()', { kind: 'none' }],
    ['query_result() runs nothing', 'query_result()', { kind: 'none' }],
    ['empty query runs nothing', '', { kind: 'none' }],
    ['object form: its query field', { query: 'label_values(job)', refId: 'PrometheusVariableQueryEditor-VariableQuery', qryType: 1 },
      { kind: 'label_values', label: 'job' }],
    ['object form without query runs nothing (Grafana reads only `query`)', { refId: 'A', qryType: 1, label: 'job' }, { kind: 'none' }],
    ['leading space: not a function, a series query', ' label_values(job)', { kind: 'series', match: ' label_values(job)' }],
  ];
  for (const [name, query, want] of cases) {
    it(name, () => assert.deepEqual(parseVariableQuery(query), want));
  }

  it('variableQueryText: string, object, anything else', () => {
    assert.equal(variableQueryText('up'), 'up');
    assert.equal(variableQueryText({ query: 'metrics(a)', qryType: 2 }), 'metrics(a)');
    assert.equal(variableQueryText(undefined), '');
    assert.equal(variableQueryText({ query: 3 }), '');
  });

  it('time window: both ends rounded up to seconds (getPrometheusTime)', () => {
    assert.deepEqual(prometheusWindow({ fromMs: 1_700_000_000_001, toMs: 1_700_007_200_000 }), { startSec: 1_700_000_001, endSec: 1_700_007_200 });
  });

  const range = { fromMs: 1_700_000_000_000, toMs: 1_700_007_200_000 };
  const snaps: Array<[string, Parameters<typeof labelApiWindow>, { startSec: number; endSec: number }]> = [
    ['None: not snapped', [range, 'None'], { startSec: 1_700_000_000, endSec: 1_700_007_200 }],
    ['Low (default): whole minutes, start down, end up', [range], { startSec: 1_699_999_980, endSec: 1_700_007_240 }],
    // roundSecToNextMin(end, 10) takes the minute up, then down to a multiple of 10 minutes.
    ['Medium: 10 minutes', [range, 'Medium'], { startSec: 1_699_999_800, endSec: 1_700_007_000 }],
    ['High: 60 minutes', [range, 'High'], { startSec: 1_699_999_200, endSec: 1_700_006_400 }],
    ['start = end after snapping: one step added', [{ fromMs: 1_700_000_040_000, toMs: 1_700_000_040_000 }], { startSec: 1_700_000_040, endSec: 1_700_000_100 }],
  ];
  for (const [name, args, want] of snaps) {
    it(`labels API window (getRangeSnapInterval): ${name}`, () => assert.deepEqual(labelApiWindow(...args), want));
  }
});

describe('variable queries: rendering results', () => {
  it('originalMetricName: name first, other labels in order', () => {
    assert.equal(originalMetricName({ __name__: 'up', job: 'api', instance: 'a:1' }), 'up{job="api",instance="a:1"}');
    assert.equal(originalMetricName({ job: 'api' }), '{job="api"}');
  });

  const cases: Array<[string, unknown, MetricFindValue[] | RegExp]> = [
    ['vector: `name{labels} value timestamp_ms`', {
      resultType: 'vector',
      result: [{ metric: { __name__: 'up', job: 'api' }, value: [1700007200, '1'] }, { metric: { job: 'web' }, value: [1700007200.5, 'NaN'] }],
    }, [{ text: 'up{job="api"} 1 1700007200000', expandable: true }, { text: '{job="web"} NaN 1700007200500', expandable: true }]],
    ['scalar: its value', { resultType: 'scalar', result: [1700007200, '42'] }, [{ text: '42', expandable: false }]],
    ['string: its value', { resultType: 'string', result: [1700007200, 'hello'] }, [{ text: 'hello', expandable: false }]],
    ['matrix: an error, as in Grafana', { resultType: 'matrix', result: [] }, /Unknown\/Unhandled result type: \[matrix\]/],
  ];
  for (const [name, data, want] of cases) {
    it(name, () => {
      if (want instanceof RegExp) assert.throws(() => queryResultValues(data), want);
      else assert.deepEqual(queryResultValues(data), want);
    });
  }
});

describe('variable options: regex filter, dedup, sort (metricNamesToVariableValues)', () => {
  const texts = (...t: string[]): MetricFindValue[] => t.map((text) => ({ text }));
  const opts = (...t: string[]): VariableOption[] => t.map((x) => ({ text: x, value: x }));

  it('stringToJsRegex: /re/flags, a bare pattern is anchored, a bad one throws', () => {
    assert.deepEqual(stringToJsRegex('/a.b/gi'), /a.b/gi);
    assert.deepEqual(stringToJsRegex('a.b'), /^a.b$/);
    assert.deepEqual(stringToJsRegex('/x/y/'), /x\/y/);
    assert.throws(() => stringToJsRegex('/a/q'), /'\/a\/q' is not a valid regular expression\./);
  });

  const cases: Array<[string, MetricFindValue[], Parameters<typeof metricNamesToVariableValues>[1], VariableOption[]]> = [
    ['no regex: every result, repeated values dropped', texts('b', 'a', 'b'), {}, opts('b', 'a')],
    ['regex filters (slash form, unanchored)', texts('api-1:8080', 'web-1:80', 'api-2:8080'), { regex: '/^api/' }, opts('api-1:8080', 'api-2:8080')],
    ['bare regex is anchored', texts('api-1', 'xapi-1'), { regex: 'api-.*' }, opts('api-1')],
    ['capture group becomes the option', texts('api-1:8080', 'api-2:8080', 'web-1:80'), { regex: '/(.*):8080/' }, opts('api-1', 'api-2')],
    ['capture group values deduplicated', texts('a:1', 'a:2', 'b:1'), { regex: '/([a-z]+):/' }, opts('a', 'b')],
    ['named groups text and value', texts('up{instance="i1",name="n1"}'), { regex: '/instance="(?<value>[^"]+)",name="(?<text>[^"]+)"/' },
      [{ text: 'n1', value: 'i1' }]],
    ['named group value alone: text follows', texts('x=1'), { regex: '/x=(?<value>\\d)/' }, [{ text: '1', value: '1' }]],
    ['g flag with several matches: one option per match', texts('a1b2c3'), { regex: '/([a-z])\\d/g' }, opts('a', 'b', 'c')],
    ['regex applied to the text (regexApplyTo)', [{ text: 'Display1', value: 'v1' }, { text: 'Other', value: 'v2' }], { regex: '/^Display/', regexApplyTo: 'text' },
      [{ text: 'Display1', value: 'v1' }]],
    ['regex by value by default', [{ text: 'Display1', value: 'v1' }, { text: 'Other', value: 'v2' }], { regex: '/^v2$/' }, [{ text: 'Other', value: 'v2' }]],
    ['regex then sort', texts('web', 'api', 'node', 'sensors'), { regex: '/^[a-s]/', sort: VariableSort.alphabeticalDesc }, opts('sensors', 'node', 'api')],
  ];
  for (const [name, results, rules, want] of cases) {
    it(name, () => assert.deepEqual(metricNamesToVariableValues(results, rules), want));
  }

  const list = opts('b10', 'B2', 'a1', 'c', 'b2');
  const sorts: Array<[VariableSort, string[]]> = [
    [VariableSort.disabled, ['b10', 'B2', 'a1', 'c', 'b2']],
    [VariableSort.alphabeticalAsc, ['B2', 'a1', 'b10', 'b2', 'c']],
    [VariableSort.alphabeticalDesc, ['c', 'b2', 'b10', 'a1', 'B2']],
    // numeric: the first number in the text; none is -1; stable among equals
    [VariableSort.numericalAsc, ['c', 'a1', 'B2', 'b2', 'b10']],
    [VariableSort.numericalDesc, ['b10', 'b2', 'B2', 'a1', 'c']],
    [VariableSort.alphabeticalCaseInsensitiveAsc, ['a1', 'b10', 'B2', 'b2', 'c']],
    [VariableSort.alphabeticalCaseInsensitiveDesc, ['c', 'b2', 'B2', 'b10', 'a1']],
    // natural: numbers compared as numbers, case ignored (sensitivity: accent)
    [VariableSort.naturalAsc, ['a1', 'B2', 'b2', 'b10', 'c']],
    [VariableSort.naturalDesc, ['c', 'b10', 'b2', 'B2', 'a1']],
  ];
  for (const [sort, want] of sorts) {
    it(`sort ${VariableSort[sort]} (${sort})`, () => assert.deepEqual(sortVariableValues(list, sort).map((o) => o.text), want));
  }

  it('saved sort: number or v2 name; unknown is disabled', () => {
    assert.equal(variableSortOf(3), VariableSort.numericalAsc);
    assert.equal(variableSortOf('naturalDesc'), VariableSort.naturalDesc);
    assert.equal(variableSortOf(12), VariableSort.disabled);
    assert.equal(variableSortOf(undefined), VariableSort.disabled);
  });

  it('static options: before (default), after, sorted; results with the same value dropped', () => {
    const results = opts('b', 'x', 'a');
    const statics = [{ text: 'X!', value: 'x' }, { text: 'c', value: 'c' }];
    assert.deepEqual(withStaticOptions(results, statics, undefined, VariableSort.disabled).map((o) => o.text), ['X!', 'c', 'b', 'a']);
    assert.deepEqual(withStaticOptions(results, statics, 'after', VariableSort.disabled).map((o) => o.text), ['b', 'a', 'X!', 'c']);
    assert.deepEqual(withStaticOptions(results, statics, 'sorted', VariableSort.alphabeticalAsc).map((o) => o.text), ['X!', 'a', 'b', 'c']);
  });
});

describe('variable current value given its options (MultiValueVariable)', () => {
  const options: VariableOption[] = [{ text: 'api', value: 'api' }, { text: 'Web', value: 'web' }];
  type Want = Partial<Pick<ReturnType<typeof selectCurrent>, 'value' | 'raw' | 'text' | 'source' | 'urlValue'>>;
  const cases: Array<[string, Omit<MultiValueModel, 'name'>, VariableOption[], Want]> = [
    ['single: saved value still an option', { current: { value: 'web', text: 'old' } }, options, { value: 'web', text: 'Web', source: 'current' }],
    ['single: matched by text when the value is gone', { current: { value: 'gone', text: 'Web' } }, options, { value: 'web', source: 'current' }],
    ['single: invalid → first option', { current: { value: 'gone', text: 'gone' } }, options, { value: 'api', text: 'api', source: 'option' }],
    ['single: nothing saved → first option', {}, options, { value: 'api', source: 'option' }],
    ['single + includeAll: invalid → All (defaultToAll)', { includeAll: true, current: { value: 'gone' } }, options,
      { value: ['api', 'web'], text: 'All', source: 'all', urlValue: '$__all' }],
    ['All with allValue: the custom value, not formatted', { includeAll: true, allValue: '.*', current: { value: '$__all', text: 'All' } }, options,
      { value: '.*', raw: '.*', text: 'All', source: 'all' }],
    ['All saved but includeAll off → first option', { current: { value: '$__all' } }, options, { value: 'api', source: 'option' }],
    ['multi: keeps the valid values, texts from the options', { multi: true, current: { value: ['web', 'gone', 'api'] } }, options,
      { value: ['web', 'api'], text: 'Web + api', source: 'current' }],
    ['multi: none valid → first option as a list', { multi: true, current: { value: ['gone'] } }, options,
      { value: ['api'], text: 'api', source: 'option', urlValue: ['api'] }],
    ['multi + includeAll: none valid → [All]', { multi: true, includeAll: true, current: { value: ['gone'] } }, options,
      { value: ['api', 'web'], text: 'All', urlValue: ['$__all'] }],
    ['multi: saved [All] stays All', { multi: true, includeAll: true, current: { value: ['$__all'] } }, options,
      { value: ['api', 'web'], text: 'All', urlValue: ['$__all'] }],
    ['no options, single → empty', { current: { value: 'api' } }, [], { value: '', text: '', source: 'none' }],
    ['no options, multi → empty list', { multi: true, current: { value: ['api'] } }, [], { value: [], source: 'none' }],
    ['no options, includeAll → All of nothing', { includeAll: true }, [], { value: [], text: 'All', source: 'all' }],
  ];
  for (const [name, model, opts, want] of cases) {
    it(name, () => {
      const got = selectCurrent({ name: 'v', ...model }, opts);
      for (const [k, v] of Object.entries(want)) assert.deepEqual(got[k as keyof Want], v, `${k} of ${JSON.stringify(got)}`);
    });
  }
});
