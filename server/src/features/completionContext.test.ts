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
    });
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
