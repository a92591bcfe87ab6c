import * as assert from 'node:assert/strict';
import { metadataFor, nameList, withWordIndex } from '../prometheus/vocabularyCache';
import { matchNames, metadataDetail, selectorMatch } from './backendCompletion';
import { escapeMarkdown, metricMetadataMarkdown } from './metricHover';

describe('backend completion: finding names', () => {
  const list = nameList(['node_cpu_seconds_total', 'http_requests_total', 'Go_Threads', 'http_request_duration_seconds_bucket', 'up', 'node_load1', 'up'], 100);

  it('keeps names sorted, deduplicated, with lower-cased copies only when needed', () => {
    assert.deepEqual(list.names, ['Go_Threads', 'http_request_duration_seconds_bucket', 'http_requests_total', 'node_cpu_seconds_total', 'node_load1', 'up']);
    assert.deepEqual(list.lower?.[0], 'go_threads');
    assert.equal(list.truncated, false);
    assert.equal(nameList(['a', 'b'], 10).lower, undefined);
    const capped = nameList(['c', 'a', 'b'], 2);
    assert.deepEqual([capped.names, capped.truncated], [['a', 'b'], true]);
  });

  const cases: Array<[string, number, string[], boolean]> = [
    ['', 100, ['Go_Threads', 'http_request_duration_seconds_bucket', 'http_requests_total', 'node_cpu_seconds_total', 'node_load1', 'up'], true],
    ['', 2, ['Go_Threads', 'http_request_duration_seconds_bucket'], false],
    // Prefix matches first (binary search), then the typed letters in order anywhere.
    ['http_req', 100, ['http_request_duration_seconds_bucket', 'http_requests_total'], true],
    ['node', 100, ['node_cpu_seconds_total', 'node_load1', 'http_request_duration_seconds_bucket'], true],
    ['sec', 100, ['http_request_duration_seconds_bucket', 'node_cpu_seconds_total'], true],
    ['cpu', 100, ['node_cpu_seconds_total'], true],
    ['go', 100, ['Go_Threads'], true],
    ['threads', 100, ['Go_Threads'], true],
    ['_total', 100, ['http_requests_total', 'node_cpu_seconds_total'], true],
    ['up', 100, ['up'], true],
    ['nct', 100, ['http_request_duration_seconds_bucket', 'node_cpu_seconds_total'], true],
    // Containing before scattered letters: "tot" is in two names, spread over a third.
    ['tot', 100, ['http_requests_total', 'node_cpu_seconds_total', 'http_request_duration_seconds_bucket'], true],
    ['zz', 100, [], true],
    ['h', 1, ['http_request_duration_seconds_bucket'], false],
    ['sec', 1, ['http_request_duration_seconds_bucket'], false],
  ];
  for (const [typed, max, expected, complete] of cases) {
    it(`"${typed}" (max ${max}) → ${expected.length} names${complete ? '' : ', incomplete'}`, () => {
      assert.deepEqual(matchNames(list, typed, max), { names: expected, complete });
    });
  }

  it('finds words through the index in long lists: prefix first, then where a word starts', async () => {
    const names: string[] = [];
    for (const p of ['node', 'http', 'Kube']) for (const s of ['cpu', 'disk', 'wal', 'cpuset']) for (let i = 0; i < 500; i++) names.push(`${p}_${s}_${String(i).padStart(3, '0')}_seconds_total`);
    const long = await withWordIndex(nameList(names, 10_000));
    assert.ok(long.words && long.words.words.includes('cpuset') && long.words.words.includes('kube'));
    const cases: Array<[string, number, string[], boolean, number]> = [
      // typed, max, first names, complete, count
      ['node_cpu_0', 5000, ['node_cpu_000_seconds_total', 'node_cpu_001_seconds_total'], true, 100],
      ['cpu', 5000, ['Kube_cpu_000_seconds_total', 'Kube_cpu_001_seconds_total'], true, 3000], // upper case sorts first
      ['cpuset_01', 5000, ['Kube_cpuset_010_seconds_total'], true, 30],
      ['kube_wal', 5000, ['Kube_wal_000_seconds_total'], true, 500],
      ['_001_sec', 5000, ['Kube_cpu_001_seconds_total'], true, 12],
      ['pu', 5000, [], true, 0], // not at a word's start
      ['wal', 10, ['Kube_wal_000_seconds_total'], false, 10],
      ['__', 10, [], false, 0],
    ];
    for (const [typed, max, first, complete, count] of cases) {
      const r = matchNames(long, typed, max);
      assert.deepEqual([r.names.slice(0, first.length), r.complete, r.names.length], [first, complete, count], typed);
    }
  });

  it('answers fast from 200,000 names and says when it stopped early', () => {
    const names: string[] = [];
    for (let i = 0; i < 200_000; i++) names.push(`metric_${String(i).padStart(6, '0')}_total`);
    const big = nameList(names, 200_000);
    const prefix = matchNames(big, 'metric_0001', 2000);
    // The 100 names starting so, in order, then those containing the letters further apart.
    assert.deepEqual(prefix.names.slice(0, 3), ['metric_000100_total', 'metric_000101_total', 'metric_000102_total']);
    assert.ok(prefix.names.slice(0, 100).every((n) => n.startsWith('metric_0001')) && !prefix.names[100].startsWith('metric_0001'));
    assert.equal(prefix.complete, true);
    const capped = matchNames(big, 'metric_1', 2000);
    assert.deepEqual([capped.names.length, capped.complete], [2000, false]);
    assert.deepEqual(matchNames(big, 'no_such_thing', 2000), { names: [], complete: true });
  });
});

describe('backend completion: match[] from a selector', () => {
  const cases: Array<[string | undefined, Array<{ label: string; op: '=' | '!=' | '=~' | '!~'; value: string }>, string | undefined, string[]]> = [
    [undefined, [], undefined, []],
    ['up', [], undefined, ['up{}']],
    ['http_requests_total', [{ label: 'job', op: '=', value: 'api' }, { label: 'code', op: '=~', value: '5..' }], undefined, ['http_requests_total{job="api"}']],
    [undefined, [{ label: 'job', op: '=', value: 'a"b\\c' }], undefined, ['{job="a\\"b\\\\c"}']],
    [undefined, [{ label: 'my.label', op: '=', value: 'x' }], undefined, ['{"my.label"="x"}']],
    // The label being completed and empty values (label absent) do not narrow.
    ['up', [{ label: 'job', op: '=', value: 'a' }, { label: 'instance', op: '=', value: '' }], 'job', ['up{}']],
    [undefined, [{ label: 'job', op: '!=', value: 'a' }], undefined, []],
  ];
  for (const [metric, matchers, exclude, expected] of cases) {
    it(`${metric ?? ''}{${matchers.map((m) => `${m.label}${m.op}"${m.value}"`).join(',')}}${exclude ? ` without ${exclude}` : ''} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(selectorMatch(metric, matchers, exclude), expected);
    });
  }
});

describe('backend completion: metadata', () => {
  const all = new Map([
    ['http_requests', { type: 'counter', help: 'Requests served.', unit: '' }],
    ['rpc_duration_seconds', { type: 'histogram', help: 'RPC latency.', unit: 'seconds' }],
    ['go_goroutines', { type: 'gauge', help: 'Number of goroutines.', unit: '' }],
    ['build', { type: 'gauge', help: '', unit: '' }],
  ]);
  const cases: Array<[string, string | undefined]> = [
    ['go_goroutines', 'gauge'],
    ['http_requests_total', 'counter'], // OpenMetrics family name without _total
    ['rpc_duration_seconds_bucket', 'histogram · seconds'],
    ['rpc_duration_seconds_count', 'histogram · seconds'],
    ['go_goroutines_total', undefined], // a gauge owns no _total series
    ['build_info', undefined],
    ['nothing', undefined],
  ];
  for (const [name, detail] of cases) {
    it(`${name} → ${detail ?? 'no metadata'}`, () => {
      const m = metadataFor(all, name);
      assert.equal(m && metadataDetail(m), detail);
    });
  }

  it('writes the hover line, markdown escaped', () => {
    assert.equal(
      metricMetadataMarkdown('rpc_duration_seconds_bucket', metadataFor(all, 'rpc_duration_seconds_bucket')),
      '**rpc\\_duration\\_seconds\\_bucket** (histogram, seconds) — RPC latency\\.',
    );
    assert.equal(metricMetadataMarkdown('x', { type: 'gauge', help: '<b>*bold*</b>\nnext', unit: '' }), '**x** (gauge) — \\<b\\>\\*bold\\*\\</b\\> next');
    assert.equal(metricMetadataMarkdown('x', { type: 'unknown', help: '', unit: '' }), undefined);
    assert.equal(metricMetadataMarkdown('x', undefined), undefined);
    assert.equal(escapeMarkdown('a_b [c](d)'), 'a\\_b \\[c\\]\\(d\\)');
  });
});
