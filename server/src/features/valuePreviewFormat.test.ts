import * as assert from 'node:assert/strict';
import type { QueryData } from '../prometheus/result';
import { codeSpan, formatLabels, formatValue, inlayLabel, onGrid, previewMarkdown, sparkline } from './valuePreviewFormat';

const vector = (...series: Array<[Record<string, string>, number]>): QueryData => ({
  resultType: 'vector',
  series: series.map(([metric, v]) => ({ metric, values: [[1_700_003_600_000, v]] })),
});

describe('value preview formatting', () => {
  it('formats values with 4 significant digits, SI suffixes and Prometheus spellings', () => {
    const cases: Array<[number, string]> = [
      [0, '0'],
      [0.2, '0.2'],
      [1, '1'],
      [20.123, '20.12'],
      [-42.5, '-42.5'],
      [1234.56, '1235'],
      [12345, '12.35k'],
      [1073741824, '1.074G'],
      [536870912, '536.9M'],
      [999_950, '1M'],
      [999_999_999_999, '1T'],
      [2.5e18, '2.5E'],
      [1.5e25, '1.5e+25'],
      [0.001234, '0.001234'],
      [0.000012, '1.2e-5'],
      [-0.0000012346, '-1.235e-6'],
      [NaN, 'NaN'],
      [Infinity, '+Inf'],
      [-Infinity, '-Inf'],
    ];
    for (const [v, want] of cases) assert.equal(formatValue(v), want, String(v));
  });

  it('draws sparklines scaled to the finite range, gaps as spaces', () => {
    const cases: Array<[Array<number | undefined>, string]> = [
      [[0, 1, 2, 3, 4, 5, 6, 7], '▁▂▃▄▅▆▇█'],
      [[10, 20, undefined, 20, 10], '▁█ █▁'],
      [[5, 5, 5], '▄▄▄'],
      [[1, NaN, Infinity, -Infinity, 3], '▁   █'],
      [[undefined, undefined], '  '],
      [[], ''],
    ];
    for (const [values, want] of cases) assert.equal(sparkline(values), want, JSON.stringify(values));
  });

  it('puts range samples on the query grid, leaving gaps where a series has none', () => {
    assert.deepEqual(onGrid([[0, 1], [120_000, 3], [999_000_000, 9]], 0, 180_000, 60_000), [1, undefined, 3, undefined]);
  });

  it('prints labels as Prometheus does, sorted and quoted, names quoted when not legacy', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{}, '{}'],
      [{ __name__: 'up' }, 'up'],
      [{ job: 'api', __name__: 'up', instance: 'a' }, 'up{instance="a", job="api"}'],
      [{ __name__: 'my.metric', 'service.name': 'x' }, '{"my.metric", "service.name"="x"}'],
      [{ note: 'say "hi"\\n', line: 'a\nb' }, '{line="a\\nb", note="say \\"hi\\"\\\\n"}'],
    ];
    for (const [labels, want] of cases) assert.equal(formatLabels(labels), want);
  });

  it('makes code spans that no backtick inside can close', () => {
    const cases: Array<[string, string]> = [
      ['local', '`local`'],
      ['a `b` c', '``a `b` c``'],
      ['`x', '`` `x ``'],
      ['a ``` b', '````a ``` b````'],
      ['two\nlines', '`two lines`'],
    ];
    for (const [text, want] of cases) assert.equal(codeSpan(text), want);
  });

  it('shows markup in label values as text: inside a code block, never as HTML or emphasis', () => {
    const md = previewMarkdown(vector([{ job: '<script>alert(1)</script>', note: '*bold* _it_ ```fence``` & <img src=x>' }, 1]), undefined, 'a*b');
    const [header, , ...rest] = md.split('\n');
    assert.equal(header, '**Value now** on `a*b`');
    // The fence is longer than the label's backtick run, so the label cannot close it.
    assert.deepEqual(rest, ['````text', '1  {job="<script>alert(1)</script>", note="*bold* _it_ ```fence``` & <img src=x>"}', '````']);
  });

  it('lists up to 5 series with value, sparkline and labels, then counts the rest', () => {
    const series = Array.from({ length: 7 }, (_, i) => [{ i: String(i) }, i * 1000] as [Record<string, string>, number]);
    const range = {
      data: { resultType: 'matrix' as const, series: [{ metric: { i: '1' }, values: [[0, 1], [60_000, 2], [120_000, 3]] as Array<[number, number]> }] },
      startMs: 0,
      endMs: 120_000,
      stepMs: 60_000,
    };
    const md = previewMarkdown(vector(...series), range, 'local', 9);
    assert.equal(
      md,
      [
        '**Value now** on `local` · sparkline of the last hour',
        '',
        '```text',
        '   0       {i="0"}',
        '1000  ▁▅█  {i="1"}',
        '2000       {i="2"}',
        '3000       {i="3"}',
        '4000       {i="4"}',
        '```',
        '',
        '… and 4 more series',
      ].join('\n'),
    );
  });

  it('says "no data" for an empty vector, and shows scalars and strings', () => {
    const cases: Array<[QueryData, string, string]> = [
      [vector(), '**Value now** on `p`: no data', '= no data'],
      [{ resultType: 'scalar', value: [0, 42.1] }, '**Value now** on `p`\n\n```text\n42.1  scalar\n```', '= 42.1'],
      [{ resultType: 'string', value: [0, 'a"b'] }, '**Value now** on `p`\n\n```text\n"a\\"b"  string\n```', '= "a\\"b"'],
    ];
    for (const [data, md, inlay] of cases) {
      assert.equal(previewMarkdown(data, undefined, 'p'), md);
      assert.equal(inlayLabel(data), inlay);
    }
  });

  it('sums a vector up in one short inlay label', () => {
    const cases: Array<[QueryData, number | undefined, string]> = [
      [vector([{}, 0.2]), undefined, '= 0.2'],
      [vector([{ a: '1' }, 1], [{ a: '2' }, 0.5]), undefined, '= 2 series: 1, 0.5'],
      [vector([{ a: '1' }, 1], [{ a: '2' }, 0.5], [{ a: '3' }, 2], [{ a: '4' }, 7]), undefined, '= 4 series: 1, 0.5, 2…'],
      // Capped by monitoring.query.maxSeries: the total still counts every series.
      [vector([{ a: '1' }, 1], [{ a: '2' }, NaN]), 600, '= 600 series: 1, NaN…'],
      [{ resultType: 'string', value: [0, 'x'.repeat(60)] }, undefined, `= "${'x'.repeat(38)}…`],
    ];
    for (const [data, total, want] of cases) assert.equal(inlayLabel(data, total), want);
  });
});
