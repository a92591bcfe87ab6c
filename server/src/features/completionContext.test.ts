import * as assert from 'node:assert/strict';
import { completionPosition, type CompletionContext } from './completionContext';

/** `|` marks the cursor. */
function contextAt(marked: string): { context: CompletionContext; prefix: string; replace: [number, number] } {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const pos = completionPosition(text, offset);
  return { context: pos.context, prefix: pos.prefix, replace: [pos.replace.start, pos.replace.end] };
}

describe('completionPosition', () => {
  const kinds: Array<[string, CompletionContext['kind']]> = [
    ['|', 'expression'],
    ['ra|', 'expression'],
    ['sum(|)', 'expression'],
    ['rate(|', 'expression'],
    ['a + |', 'expression'],
    ['a and |', 'expression'],
    ['a > bool |', 'expression'],
    ['up |', 'afterExpression'],
    ['up{job="a"} |', 'afterExpression'],
    ['rate(up[5m]) |', 'afterExpression'],
    ['up an|', 'afterExpression'],
    ['sum |', 'aggregationModifier'],
    ['sum by|', 'aggregationModifier'],
    ['up{|}', 'labelName'],
    ['up{job="a", |}', 'labelName'],
    ['up{jo|}', 'labelName'],
    ['sum by (|)', 'labelName'],
    ['sum by (job, |)', 'labelName'],
    ['a * on(|) b', 'labelName'],
    ['a * on(x) group_left(|) b', 'labelName'],
    ['up{job |}', 'matchOperator'],
    ['up{job=|}', 'labelValue'],
    ['up{job="|"}', 'labelValue'],
    ['up{job=~"ap|"}', 'labelValue'],
    ['up[|]', 'duration'],
    ['up[5|]', 'duration'],
    ['rate(up[5m:|])', 'duration'],
    ['up offset |', 'duration'],
    ['up @ |', 'atModifier'],
    ['# comment |', 'none'],
    ['label_replace(up, "a|', 'none'],
    ['sum by (job) |', 'none'],
  ];
  for (const [text, kind] of kinds) {
    it(`${JSON.stringify(text)} is ${kind}`, () => {
      assert.equal(contextAt(text).context.kind, kind);
    });
  }

  it('carries what the grammar allows next, when the text before the word is a valid prefix', () => {
    const after = completionPosition('up ', 3).expected;
    assert.ok(after?.has('OFFSET') && after.has('LAND') && !after.has('IDENTIFIER'));
    // The word being typed does not count: at `ra|` an operand may start.
    assert.ok(completionPosition('ra', 2).expected?.has('IDENTIFIER'));
    assert.equal(completionPosition('foo bar ', 8).expected, undefined);
  });

  it('knows an operand is complete after a trailing grouping and after modifiers', () => {
    assert.equal(contextAt('sum(x) by (job) |').context.kind, 'afterExpression');
    const c = contextAt('up offset 5m |').context;
    assert.deepEqual(c.kind === 'afterExpression' && [c.afterSelector, c.modifiers], [true, ['offset']]);
  });

  it('knows the metric and the label of a label value', () => {
    assert.deepEqual(contextAt('http_requests_total{code=~"5|"}').context, {
      kind: 'labelValue',
      metric: 'http_requests_total',
      label: 'code',
      quoted: true,
      quote: '"',
      matchers: [],
    });
  });

  it('gives the matchers already written, to scope backend completion', () => {
    const value = contextAt(`http_requests_total{job="api", code!='5', instance=~"a.*", code=|}`).context;
    assert.deepEqual(value.kind === 'labelValue' && value.matchers, [
      { label: 'job', op: '=', value: 'api' },
      { label: 'code', op: '!=', value: '5' },
      { label: 'instance', op: '=~', value: 'a.*' },
    ]);
    const quoted = contextAt(`{job="a\\"b", "my.label"="x", code='|'}`).context;
    assert.deepEqual(quoted.kind === 'labelValue' && [quoted.metric, quoted.quote, quoted.matchers], [
      undefined,
      "'",
      [{ label: 'job', op: '=', value: 'a"b' }, { label: 'my.label', op: '=', value: 'x' }],
    ]);
    const name = contextAt('up{job="a", |}').context;
    assert.deepEqual(name.kind === 'labelName' && [name.metric, name.matchers], ['up', [{ label: 'job', op: '=', value: 'a' }]]);
  });

  it('finds the selector an aggregation groups when it is the only one', () => {
    const scoped: Array<[string, string | undefined, string[]]> = [
      ['sum by (|) (rate(http_requests_total{job="api"}[5m]))', 'http_requests_total', ['job']],
      ['sum(rate(http_requests_total{code="200"}[5m] offset 5m)) by (job, |)', 'http_requests_total', ['code']],
      ['max without (|) (up)', 'up', []],
      ['sum by (|) ({job="api"})', undefined, ['job']],
      ['topk by (|) (5, sum by (instance) (node_memory_used_bytes))', 'node_memory_used_bytes', []],
      ['sum by (|) (rate(x[5m:1m]) * 2)', 'x', []],
    ];
    for (const [text, metric, labels] of scoped) {
      const c = contextAt(text).context;
      assert.ok(c.kind === 'labelName' && c.inGrouping, text);
      assert.deepEqual([c.metric, c.matchers?.map((m) => m.label)], [metric, labels], text);
    }
    for (const text of ['sum by (|) (a / b)', 'sum(a or b) by (|)', 'a * on(|) b', 'sum by (|)', 'count(|']) {
      const c = contextAt(text).context;
      assert.ok(c.kind !== 'labelName' || (c.metric === undefined && c.matchers === undefined), text);
    }
  });

  it('lists the labels already used in a selector and a grouping', () => {
    const sel = contextAt('up{job="a", instance!="b", |}').context;
    assert.deepEqual(sel.kind === 'labelName' && sel.used, ['job', 'instance']);
    const grouping = contextAt('sum by (job, |)').context;
    assert.deepEqual(grouping.kind === 'labelName' && grouping.used, ['job']);
  });

  it('marks comparisons (bool) and vector matching (group_left)', () => {
    assert.deepEqual(contextAt('a >= |').context, { kind: 'expression', afterBinaryOperator: true, afterComparison: true, afterMatching: false });
    assert.deepEqual(contextAt('a / on(x) |').context, { kind: 'expression', afterBinaryOperator: true, afterComparison: false, afterMatching: true });
  });

  it('replaces the whole word under the cursor, and only that', () => {
    assert.deepEqual(contextAt('sum(ra|te(x[5m]))'), {
      context: { kind: 'expression', afterBinaryOperator: false, afterComparison: false, afterMatching: false },
      prefix: 'ra',
      replace: [4, 8],
    });
    assert.deepEqual(contextAt('up{job="a|pi"}').replace, [8, 11]);
  });

  it('offers by/without after an aggregation call, not after a function call', () => {
    const agg = contextAt('sum(rate(x[5m])) |').context;
    const fn = contextAt('rate(x[5m]) |').context;
    assert.equal(agg.kind === 'afterExpression' && agg.afterAggregation, true);
    assert.equal(fn.kind === 'afterExpression' && fn.afterAggregation, false);
  });
});
