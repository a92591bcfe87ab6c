// String() and Prettify() on hand-built trees, so the printers are checked without the parser.
import { strict as assert } from 'node:assert';
import type { Expr } from './ast';
import { prettify } from './prettier';
import { exprToString } from './printer';
import { agg, bin, call, dur, matching, matrix, num, paren, sel, str, subquery, unary } from './printer.testutil';

const M = 60_000;
const job = (): ReturnType<typeof sel> => sel('task:errors:rate10s', [['job', '=', 's']]);

const stringCases: Array<[string, Expr]> = [
  // Aggregations: by() without labels disappears, without() stays, labels are quoted when needed.
  ['sum(task:errors:rate10s{job="s"})', agg('sum', job(), { hasGrouping: true })],
  ['sum by (code) (task:errors:rate10s{job="s"})', agg('sum', job(), { grouping: ['code'] })],
  ['sum without () (task:errors:rate10s{job="s"})', agg('sum', job(), { without: true })],
  ['sum by ("foo.bar", "üüü", job) (foo)', agg('sum', sel('foo'), { grouping: ['foo.bar', 'üüü', 'job'] })],
  ['topk(5, foo)', agg('topk', sel('foo'), { param: num(5) })],
  ['count_values("value", foo)', agg('count_values', sel('foo'), { param: str('value') })],
  // Vector matching.
  ['a - on () c', bin(sel('a'), '-', sel('c'), { vectorMatching: matching({ on: true }) })],
  ['a - c', bin(sel('a'), '-', sel('c'), { vectorMatching: matching({ explicit: true }) })],
  ['a - ignoring (b) c', bin(sel('a'), '-', sel('c'), { vectorMatching: matching({ matchingLabels: ['b'] }) })],
  ['a - on (b) group_left (x, y) c', bin(sel('a'), '-', sel('c'), { vectorMatching: matching({ on: true, matchingLabels: ['b'], card: 'many-to-one', include: ['x', 'y'] }) })],
  ['a - ignoring () group_right () c', bin(sel('a'), '-', sel('c'), { vectorMatching: matching({ card: 'one-to-many' }) })],
  ['foo / on ("äää") group_left ("ööö") bar', bin(sel('foo'), '/', sel('bar'), { vectorMatching: matching({ on: true, matchingLabels: ['äää'], card: 'many-to-one', include: ['ööö'] }) })],
  ['a and b', bin(sel('a'), 'and', sel('b'), { vectorMatching: matching({ card: 'many-to-many' }) })],
  ['up > bool 0', bin(sel('up'), '>', num(0), { returnBool: true })],
  ['a </ b', bin(sel('a'), '</', sel('b'), { vectorMatching: matching() })],
  ['a atan2 b', bin(sel('a'), 'atan2', sel('b'), { vectorMatching: matching() })],
  // Fill modifiers: one value for both sides prints as fill().
  ['a + fill (-23) b', bin(sel('a'), '+', sel('b'), { vectorMatching: matching({ fillValues: { lhs: -23, rhs: -23 } }) })],
  ['a + fill_left (-23) fill_right (42) b', bin(sel('a'), '+', sel('b'), { vectorMatching: matching({ fillValues: { lhs: -23, rhs: 42 } }) })],
  ['a + fill_right (1e+06) b', bin(sel('a'), '+', sel('b'), { vectorMatching: matching({ fillValues: { rhs: 1e6 } }) })],
  ['a + on (b) group_left () fill (NaN) c', bin(sel('a'), '+', sel('c'), { vectorMatching: matching({ on: true, matchingLabels: ['b'], card: 'many-to-one', fillValues: { lhs: NaN, rhs: NaN } }) })],
  // Selectors: matchers sorted, __name__ dropped only when it repeats the name, names quoted.
  ['a{b!="c",x=~"y"}', sel('a', [['x', '=~', 'y'], ['b', '!=', 'c']])],
  ['{__name__="a"}', sel('', [['__name__', '=', 'a']])],
  ['{__name__="",a="x"}', sel('', [['__name__', '=', ''], ['a', '=', 'x']])],
  ['{"a.b"="c"}', sel('', [['a.b', '=', 'c']])],
  ['{"0"="1",_0="1"}', sel('', [['0', '=', '1'], ['_0', '=', '1']])],
  ['{""="0"}', sel('', [['', '=', '0']])],
  ['a{b="line\\nbreak \\"q\\""}', sel('a', [['b', '=', 'line\nbreak "q"']])],
  // Offsets, @ and extended range selectors.
  ['a offset 1m', sel('a', [], { originalOffsetMs: M })],
  ['a offset -7m', sel('a', [], { originalOffsetMs: -7 * M })],
  ['a offset 1h30m', sel('a', [], { originalOffsetMs: 90 * M })],
  ['a offset 1w', sel('a', [], { originalOffsetMs: 7 * 24 * 60 * M })],
  ['a @ 10.000', sel('a', [], { timestamp: 10_000 })],
  ['a @ -0.500', sel('a', [], { timestamp: -500 })],
  ['a @ end() anchored offset 5m', sel('a', [], { startOrEnd: 'end', anchored: true, originalOffsetMs: 5 * M })],
  ['a{b="c"}[5m] anchored @ start() offset 1m', matrix(sel('a', [['b', '=', 'c']], { anchored: true, startOrEnd: 'start', originalOffsetMs: M }), 5 * M)],
  ['a[5m] smoothed', matrix(sel('a', [], { smoothed: true }), 5 * M)],
  ['a[1m] @ 10.000', matrix(sel('a', [], { timestamp: 10_000 }), M)],
  ['a[12m] offset -3m', matrix(sel('a', [], { originalOffsetMs: -3 * M }), 12 * M)],
  // Subqueries.
  ['a[1h:5m] offset 1m', subquery(sel('a'), 60 * M, 5 * M, { originalOffsetMs: M })],
  ['rate(a[1m])[1m:] @ start()', subquery(call('rate', matrix(sel('a'), M)), M, 0, { startOrEnd: 'start' })],
  ['foo[(5m):(1m)]', subquery(sel('foo'), 0, 0, { rangeExpr: dur('+', null, num(300, true), true), stepExpr: dur('+', null, num(60, true), true) })],
  // Duration expressions.
  ['foo[step()]', matrix(sel('foo'), 0, dur('step', null, null))],
  ['foo[-(step())]', matrix(sel('foo'), 0, dur('-', null, dur('step', null, null, true)))],
  ['foo offset (5)', sel('foo', [], { originalOffsetExpr: dur('+', null, num(5), true) })],
  ['foo offset (5m)', sel('foo', [], { originalOffsetExpr: dur(null, num(300, true), null, true) })],
  ['foo offset -min_of(10s, max_of(step() ^ 2, 2))', sel('foo', [], { originalOffsetExpr: dur('-', null, dur('min_of', num(10, true), dur('+', null, dur('max_of', dur('^', dur('step', null, null), num(2)), num(2))))) })],
  ['foo[200 - min_of(-step() ^ step(), 1)]', matrix(sel('foo'), 0, dur('-', num(200), dur('min_of', dur('^', dur('-', null, dur('step', null, null)), dur('+', null, dur('step', null, null))), num(1))))],
  ['foo[-5m + 35m]', matrix(sel('foo'), 0, dur('+', num(-300, true), num(2100, true)))],
  ['foo[max_of(range(), 5s)]', matrix(sel('foo'), 0, dur('max_of', dur('range', null, null), num(5, true)))],
  // Literals, calls, parens, unary.
  ['1048576', num(1048576)],
  ['-Inf', num(-Infinity)],
  ['NaN', num(NaN)],
  ['0.000001', num(1e-6)],
  ['"a\\tb"', str('a\tb')],
  ['predict_linear(foo[1h], 3000)', call('predict_linear', matrix(sel('foo'), 60 * M), num(3000))],
  ['time()', call('time')],
  ['-(a + b)', unary('-', paren(bin(sel('a'), '+', sel('b'))))],
  ['+a', unary('+', sel('a'))],
];

describe('exprToString (Prometheus String())', () => {
  for (const [want, tree] of stringCases) it(want, () => assert.equal(exprToString(tree), want));

  it('prints a tree 20,000 levels deep without overflowing the stack', () => {
    let e: Expr = sel('x');
    for (let i = 0; i < 20_000; i++) e = paren(e);
    assert.equal(exprToString(e), '('.repeat(20_000) + 'x' + ')'.repeat(20_000));
  });
});

const long = (name: string): ReturnType<typeof sel> => sel(name);

const prettyCases: Array<[string, Expr]> = [
  ['sum(foo)', agg('sum', sel('foo'))],
  ['sum without (job, foo) (\n  task:errors:rate10s{job="s"}\n)', agg('sum', job(), { without: true, grouping: ['job', 'foo'] })],
  ['topk(\n  10,\n  ask:errors:rate10s{job="s"}\n)', agg('topk', sel('ask:errors:rate10s', [['job', '=', 's']]), { param: num(10) })],
  ['a + b', bin(sel('a'), '+', sel('b'))],
  ['  a\n== bool\n  1', bin(sel('a'), '==', num(1), { returnBool: true })],
  ['    foo_1\n  +\n    foo_2\n+\n  foo_3', bin(bin(long('foo_1'), '+', long('foo_2')), '+', long('foo_3'))],
  ['  a\n+ ignoring (job)\n  b', bin(sel('a'), '+', sel('b'), { vectorMatching: matching({ matchingLabels: ['job'] }) })],
  ['rate(\n  foo[1m]\n)', call('rate', matrix(sel('foo'), M))],
  ['histogram_quantile(\n  0.9,\n  rate(\n    foo[1m]\n  )\n)', call('histogram_quantile', num(0.9), call('rate', matrix(sel('foo'), M)))],
  ['(\n  (\n    _foo_long_\n  )\n)', paren(paren(sel('_foo_long_')))],
  ['(\n  (foo_long)\n)', paren(paren(sel('foo_long')))],
  ['-histogram_quantile(\n  0.9,\n  -rate(\n    foo[1m] @ start()\n  )\n)', unary('-', call('histogram_quantile', num(0.9), unary('-', call('rate', matrix(sel('foo', [], { startOrEnd: 'start' }), M)))))],
  ['max_over_time(\n  rate(\n    demo_api_request_duration_seconds_count[1m]\n  )[1m:] @ start() offset 1m\n)', call('max_over_time', subquery(call('rate', matrix(sel('demo_api_request_duration_seconds_count'), M)), M, 0, { startOrEnd: 'start', originalOffsetMs: M }))],
  // Go does not indent a subquery that fits on its line.
  ['max_over_time(\na[1m:]\n)', call('max_over_time', subquery(sel('a'), M, 0))],
  // A unary operator glues to a split operand, whose own indentation is dropped.
  ['-foo_long\n^\n  bar_long', unary('-', bin(sel('foo_long'), '^', sel('bar_long')))],
  // Lengths are UTF-8 bytes: 4 characters but 12 bytes is too long for 10.
  ['(\n  日本語\n)', paren(sel('日本語'))],
];

describe('prettify (Prometheus Prettify(), limit 10)', () => {
  for (const [want, tree] of prettyCases) it(JSON.stringify(want), () => assert.equal(prettify(tree, 10), want));

  it('keeps a short expression on one line with the default limit of 100', () => {
    const e = call('histogram_quantile', num(0.9), call('rate', matrix(sel('foo'), M)));
    assert.equal(prettify(e), 'histogram_quantile(0.9, rate(foo[1m]))');
  });

  it('lays out a tree 3,000 levels deep without overflowing the stack', () => {
    let e: Expr = sel('x');
    for (let i = 0; i < 3_000; i++) e = bin(e, '+', sel('y'));
    const lines = prettify(e, 10).split('\n');
    // `x + y` and `x + y + y` fit in 10 bytes; every larger sum is split into operands and operator.
    assert.equal(lines.length, 2 * (3_000 - 2) + 1);
    assert.equal(lines[0], '  '.repeat(3_000 - 2) + 'x + y + y');
  });
});
