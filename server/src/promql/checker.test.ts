import { strict as assert } from 'node:assert';
import type { BinaryExpr, Expr } from './ast';
import { walk } from './ast';
import { checkAST } from './checker';
import {
  CHECK_MESSAGE_PATTERNS,
  agg,
  bin,
  call,
  durationExpr,
  matcher,
  matrix,
  num,
  paren,
  sel,
  str,
  subquery,
  unary,
} from './checker.testutil';

type Want = [message: string, start: number, end: number];

interface Case {
  input: string;
  tree: () => Expr;
  want: Want[];
}

// Hand-built trees for the inputs; expectations are Go's (parse_test.go where the input is
// there, otherwise derived from parse.go's checkAST by hand).
const CASES: Case[] = [
  // Binary operators.
  { input: '1 and 1', tree: () => bin('and', num(1, 0, 1), num(1, 6, 7)), want: [['set operator "and" not allowed in binary scalar expression', 0, 7]] },
  { input: 'foo or 1', tree: () => bin('or', sel('foo', 0, 3), num(1, 7, 8)), want: [['set operator "or" not allowed in binary scalar expression', 0, 8]] },
  { input: '1 unless foo', tree: () => bin('unless', num(1, 0, 1), sel('foo', 9, 12)), want: [['set operator "unless" not allowed in binary scalar expression', 0, 12]] },
  { input: '1 == 1', tree: () => bin('==', num(1, 0, 1), num(1, 5, 6)), want: [['comparisons between scalars must use BOOL modifier', 2, 3]] },
  { input: '1 == bool 1', tree: () => bin('==', num(1, 0, 1), num(1, 10, 11), { bool: true }), want: [] },
  { input: 'foo + bool bar', tree: () => bin('+', sel('foo', 0, 3), sel('bar', 11, 14), { bool: true }), want: [['bool modifier can only be used on comparison operators', 4, 9]] },
  {
    input: 'foo and bool 10',
    tree: () => bin('and', sel('foo', 0, 3), num(10, 13, 15), { bool: true }),
    want: [
      ['bool modifier can only be used on comparison operators', 4, 11],
      ['set operator "and" not allowed in binary scalar expression', 0, 15],
    ],
  },
  {
    input: '1 or on(bar) foo',
    tree: () => bin('or', num(1, 0, 1), sel('foo', 13, 16), { on: ['bar'] }),
    want: [
      ['vector matching only allowed between instant vectors', 0, 16],
      ['set operator "or" not allowed in binary scalar expression', 0, 16],
    ],
  },
  { input: 'foo == on(bar) 10', tree: () => bin('==', sel('foo', 0, 3), num(10, 15, 17), { on: ['bar'] }), want: [['vector matching only allowed between instant vectors', 0, 17]] },
  {
    input: 'foo and on(bar) group_left(baz) bar',
    tree: () => bin('and', sel('foo', 0, 3), sel('bar', 32, 35), { on: ['bar'], groupLeft: ['baz'] }),
    want: [
      ['no grouping allowed for "and" operation', 0, 35],
      ['set operations must always be many-to-many', 0, 35],
    ],
  },
  {
    input: 'foo unless ignoring(bar) group_right(baz) bar',
    tree: () => bin('unless', sel('foo', 0, 3), sel('bar', 42, 45), { ignoring: ['bar'], groupRight: ['baz'] }),
    want: [
      ['no grouping allowed for "unless" operation', 0, 45],
      ['set operations must always be many-to-many', 0, 45],
    ],
  },
  {
    input: 'http_requests{group="production"} + on(instance) group_left(job,instance) cpu_count{type="smp"}',
    tree: () =>
      bin(
        '+',
        sel('http_requests', 0, 33, [matcher('group', '=', 'production', 14, 32)]),
        sel('cpu_count', 74, 95, [matcher('type', '=', 'smp', 84, 94)]),
        { on: ['instance'], groupLeft: ['job', 'instance'] },
      ),
    want: [['label "instance" must not occur in ON and GROUP clause at once', 34, 72]],
  },
  {
    // Only on(...) conflicts with the group labels; ignoring(...) with the same label is fine.
    input: 'a + ignoring(x) group_left(x) b',
    tree: () => bin('+', sel('a', 0, 1), sel('b', 30, 31), { ignoring: ['x'], groupLeft: ['x'] }),
    want: [],
  },
  { input: 'metric_name * "string"', tree: () => bin('*', sel('metric_name', 0, 11), str('string', 14, 22)), want: [['binary expression must contain only scalar and instant vector types', 14, 22]] },
  { input: 'foo[5m] + 1', tree: () => bin('+', matrix(sel('foo', 0, 3), 300000, 7), num(1, 10, 11)), want: [['binary expression must contain only scalar and instant vector types', 0, 7]] },
  {
    input: '"a" > foo[1m]',
    tree: () => bin('>', str('a', 0, 3), matrix(sel('foo', 6, 9), 60000, 13)),
    want: [
      ['binary expression must contain only scalar and instant vector types', 0, 3],
      ['binary expression must contain only scalar and instant vector types', 6, 13],
    ],
  },
  { input: 'foo + fill(0) 1', tree: () => bin('+', sel('foo', 0, 3), num(1, 14, 15), { fill: { lhs: 0, rhs: 0 } }), want: [['filling in missing series only allowed between instant vectors', 0, 15]] },
  { input: 'foo and fill_left(0) bar', tree: () => bin('and', sel('foo', 0, 3), sel('bar', 21, 24), { fill: { lhs: 0 } }), want: [['filling in missing series not allowed for set operators', 0, 24]] },
  { input: 'foo + fill_right(1) bar', tree: () => bin('+', sel('foo', 0, 3), sel('bar', 20, 23), { fill: { rhs: 1 } }), want: [] },
  { input: 'foo </ 0.5', tree: () => bin('</', sel('foo', 0, 3), num(0.5, 7, 10)), want: [] },
  { input: 'foo >/ bool 1', tree: () => bin('>/', sel('foo', 0, 3), num(1, 12, 13), { bool: true }), want: [['bool modifier can only be used on comparison operators', 4, 10]] },

  // Unary expressions.
  { input: '-"string"', tree: () => unary('-', str('string', 1, 9), 0), want: [['unary expression only allowed on expressions of type scalar or instant vector, got "string"', 0, 9]] },
  { input: '-test[5m]', tree: () => unary('-', matrix(sel('test', 1, 5), 300000, 9), 0), want: [['unary expression only allowed on expressions of type scalar or instant vector, got "range vector"', 0, 9]] },
  { input: '+foo', tree: () => unary('+', sel('foo', 1, 4), 0), want: [] },

  // Vector selectors.
  { input: '{}', tree: () => sel('', 0, 2), want: [['vector selector must contain at least one non-empty matcher', 0, 2]] },
  { input: '{x=""}', tree: () => sel('', 0, 6, [matcher('x', '=', '', 1, 5)]), want: [['vector selector must contain at least one non-empty matcher', 0, 6]] },
  { input: '{x=~".*"}', tree: () => sel('', 0, 9, [matcher('x', '=~', '.*', 1, 8)]), want: [['vector selector must contain at least one non-empty matcher', 0, 9]] },
  { input: '{x!~".+"}', tree: () => sel('', 0, 9, [matcher('x', '!~', '.+', 1, 8)]), want: [['vector selector must contain at least one non-empty matcher', 0, 9]] },
  { input: '{x!="a"}', tree: () => sel('', 0, 8, [matcher('x', '!=', 'a', 1, 7)]), want: [['vector selector must contain at least one non-empty matcher', 0, 8]] },
  { input: '{x=~"a|"}', tree: () => sel('', 0, 9, [matcher('x', '=~', 'a|', 1, 8)]), want: [['vector selector must contain at least one non-empty matcher', 0, 9]] },
  { input: '{x=~".+"}', tree: () => sel('', 0, 9, [matcher('x', '=~', '.+', 1, 8)]), want: [] },
  { input: '{x!~""}', tree: () => sel('', 0, 7, [matcher('x', '!~', '', 1, 6)]), want: [] },
  { input: '{x="", y="a"}', tree: () => sel('', 0, 13, [matcher('x', '=', '', 1, 5), matcher('y', '=', 'a', 7, 12)]), want: [] },
  { input: 'foo{__name__="bar"}', tree: () => sel('foo', 0, 19, [matcher('__name__', '=', 'bar', 4, 18)]), want: [['metric name must not be set twice: "foo" or "bar"', 0, 19]] },
  { input: 'foo{"bar"}', tree: () => sel('foo', 0, 10, [matcher('__name__', '=', 'bar', 4, 9)]), want: [['metric name must not be set twice: "foo" or "bar"', 0, 10]] },
  { input: 'foo{__name__="b\\nar"}', tree: () => sel('foo', 0, 21, [matcher('__name__', '=', 'b\nar', 4, 20)]), want: [['metric name must not be set twice: "foo" or "b\\nar"', 0, 21]] },
  { input: 'foo{x=""}', tree: () => sel('foo', 0, 9, [matcher('x', '=', '', 4, 8)]), want: [] },
  { input: '{__name__="bar"}', tree: () => sel('', 0, 16, [matcher('__name__', '=', 'bar', 1, 15)]), want: [] },

  // Aggregations: Go checks the expression before the parameter.
  {
    input: 'topk(some_metric, other_metric)',
    tree: () => agg('topk', sel('other_metric', 18, 30), sel('some_metric', 5, 16), 0, 31),
    want: [['expected type scalar in aggregation parameter, got instant vector', 5, 16]],
  },
  {
    input: 'count_values(5, other_metric)',
    tree: () => agg('count_values', sel('other_metric', 16, 28), num(5, 13, 14), 0, 29),
    want: [['expected type string in aggregation parameter, got scalar', 13, 14]],
  },
  {
    input: 'topk(foo, 1)',
    tree: () => agg('topk', num(1, 10, 11), sel('foo', 5, 8), 0, 12),
    want: [
      ['expected type instant vector in aggregation expression, got scalar', 10, 11],
      ['expected type scalar in aggregation parameter, got instant vector', 5, 8],
    ],
  },
  { input: 'sum("a")', tree: () => agg('sum', str('a', 4, 7), null, 0, 8), want: [['expected type instant vector in aggregation expression, got string', 4, 7]] },
  { input: 'limit_ratio(foo, bar)', tree: () => agg('limit_ratio', sel('bar', 17, 20), sel('foo', 12, 15), 0, 21), want: [['expected type scalar in aggregation parameter, got instant vector', 12, 15]] },
  { input: 'quantile(0.9, foo)', tree: () => agg('quantile', sel('foo', 14, 17), num(0.9, 9, 12), 0, 18), want: [] },

  // Function calls.
  { input: 'floor()', tree: () => call('floor', [], 0, 7), want: [['expected 1 argument(s) in call to "floor", got 0', 0, 7]] },
  { input: 'floor(some_metric, other_metric)', tree: () => call('floor', [sel('some_metric', 6, 17), sel('other_metric', 19, 31)], 0, 32), want: [['expected 1 argument(s) in call to "floor", got 2', 0, 32]] },
  {
    // Surplus arguments of a fixed-arity function are neither visited nor typed.
    input: 'floor(foo, {})',
    tree: () => call('floor', [sel('foo', 6, 9), sel('', 11, 13)], 0, 14),
    want: [['expected 1 argument(s) in call to "floor", got 2', 0, 14]],
  },
  { input: 'floor(1)', tree: () => call('floor', [num(1, 6, 7)], 0, 8), want: [['expected type instant vector in call to function "floor", got scalar', 6, 7]] },
  {
    input: 'hour(some_metric, some_metric, some_metric)',
    tree: () => call('hour', [sel('some_metric', 5, 16), sel('some_metric', 18, 29), sel('some_metric', 31, 42)], 0, 43),
    want: [['expected at most 1 argument(s) in call to "hour", got 3', 0, 43]],
  },
  { input: 'time(some_metric)', tree: () => call('time', [sel('some_metric', 5, 16)], 0, 17), want: [['expected 0 argument(s) in call to "time", got 1', 0, 17]] },
  { input: 'rate(some_metric)', tree: () => call('rate', [sel('some_metric', 5, 16)], 0, 17), want: [['expected type range vector in call to function "rate", got instant vector', 5, 16]] },
  { input: 'label_join(foo)', tree: () => call('label_join', [sel('foo', 11, 14)], 0, 15), want: [['expected at least 3 argument(s) in call to "label_join", got 1', 0, 15]] },
  {
    input: 'label_join(foo, "a", "b", "c", 1)',
    tree: () => call('label_join', [sel('foo', 11, 14), str('a', 16, 19), str('b', 21, 24), str('c', 26, 29), num(1, 31, 32)], 0, 33),
    want: [['expected type string in call to function "label_join", got scalar', 31, 32]],
  },
  {
    input: 'round(foo, 1, 2)',
    tree: () => call('round', [sel('foo', 6, 9), num(1, 11, 12), num(2, 14, 15)], 0, 16),
    want: [['expected at most 2 argument(s) in call to "round", got 3', 0, 16]],
  },
  {
    input: 'label_replace(foo, "a", "b", "c")',
    tree: () => call('label_replace', [sel('foo', 14, 17), str('a', 19, 22), str('b', 24, 27), str('c', 29, 32)], 0, 33),
    want: [['expected 5 argument(s) in call to "label_replace", got 4', 0, 33]],
  },
  { input: 'vector("a")', tree: () => call('vector', [str('a', 7, 10)], 0, 11), want: [['expected type scalar in call to function "vector", got string', 7, 10]] },
  {
    input: 'quantile_over_time(foo, bar[5m])',
    tree: () => call('quantile_over_time', [sel('foo', 19, 22), matrix(sel('bar', 24, 27), 300000, 31)], 0, 32),
    want: [['expected type scalar in call to function "quantile_over_time", got instant vector', 19, 22]],
  },
  {
    input: 'histogram_quantile(0.9, rate(foo[5m]))',
    tree: () => call('histogram_quantile', [num(0.9, 19, 22), call('rate', [matrix(sel('foo', 29, 32), 300000, 36)], 24, 37)], 0, 38),
    want: [],
  },
  {
    input: 'info(rate(http_request_counter_total{}[5m]), target_info{foo="bar"})',
    tree: () =>
      call('info', [
        call('rate', [matrix(sel('http_request_counter_total', 10, 38), 300000, 42)], 5, 43),
        sel('target_info', 45, 67, [matcher('foo', '=', 'bar', 57, 66)]),
      ], 0, 68),
    want: [['expected label selectors only, got vector selector instead', 45, 67]],
  },
  {
    input: 'info(http_request_counter_total{namespace="zzz"}, {foo="bar"} == 1)',
    tree: () =>
      call('info', [
        sel('http_request_counter_total', 5, 48, [matcher('namespace', '=', 'zzz', 32, 47)]),
        bin('==', sel('', 50, 61, [matcher('foo', '=', 'bar', 51, 60)]), num(1, 65, 66)),
      ], 0, 67),
    want: [['expected label selectors only', 50, 66]],
  },
  { input: 'info(foo, {})', tree: () => call('info', [sel('foo', 5, 8), sel('', 10, 12)], 0, 13), want: [] },
  {
    input: 'info(foo, {}[5m])',
    tree: () => call('info', [sel('foo', 5, 8), matrix(sel('', 10, 12), 300000, 16)], 0, 17),
    want: [
      ['expected type instant vector in call to function "info", got range vector', 0, 17],
      ['expected label selectors only', 10, 16],
      ['vector selector must contain at least one non-empty matcher', 10, 12],
      ['expected type instant vector in call to function "info", got range vector', 10, 16],
    ],
  },

  // Subqueries.
  {
    input: 'test[5d] OFFSET 10s [10m:5s]',
    tree: () => subquery(matrix(sel('test', 0, 4), 432000000, 19), 600000, 5000, 28),
    want: [['subquery is only allowed on instant vector, got matrix instead', 0, 28]],
  },
  {
    input: '(foo + bar{nm="val"})[5m:][10m:5s]',
    tree: () => subquery(subquery(paren(bin('+', sel('foo', 1, 4), sel('bar', 7, 20, [matcher('nm', '=', 'val', 11, 19)])), 0, 21), 300000, 0, 26), 600000, 5000, 34),
    want: [['subquery is only allowed on instant vector, got matrix instead', 0, 34]],
  },
  { input: '"a"[5m:]', tree: () => subquery(str('a', 0, 3), 300000, 0, 8), want: [['subquery is only allowed on instant vector, got string instead', 0, 8]] },

  // Go reports in visiting order: children before the node's own checks, left to right.
  {
    input: 'sum(1) + rate(foo)',
    tree: () => bin('+', agg('sum', num(1, 4, 5), null, 0, 6), call('rate', [sel('foo', 14, 17)], 9, 18)),
    want: [
      ['expected type instant vector in aggregation expression, got scalar', 4, 5],
      ['expected type range vector in call to function "rate", got instant vector', 14, 17],
    ],
  },
  {
    input: '-{} == bool -{}',
    tree: () => bin('==', unary('-', sel('', 1, 3), 0), unary('-', sel('', 13, 15), 12), { bool: true }),
    want: [
      ['vector selector must contain at least one non-empty matcher', 1, 3],
      ['vector selector must contain at least one non-empty matcher', 13, 15],
    ],
  },
];

/** Every node of a hand-built tree must lie inside its input, the root spanning all of it. */
function assertRangesFit(tree: Expr, input: string): void {
  assert.equal(tree.range.start, 0, 'root starts at 0');
  assert.equal(tree.range.end, input.length, 'root ends at the end of the input');
  walk(tree, (node, parent) => {
    assert.ok(node.range.start <= node.range.end && node.range.end <= input.length, `${node.type} range inside input`);
    if (parent) assert.ok(parent.range.start <= node.range.start && node.range.end <= parent.range.end, `${node.type} inside ${parent.type}`);
  });
}

describe('checkAST on hand-built trees', () => {
  for (const c of CASES) {
    it(`${c.input} → ${c.want.length === 0 ? 'no error' : c.want[0][0]}`, () => {
      const tree = c.tree();
      assertRangesFit(tree, c.input);
      const got = checkAST(tree, {}, c.input).map((e): Want => [e.message, e.range.start, e.range.end]);
      assert.deepEqual(got, c.want);
    });
  }

  it('covers every message checkAST can produce', () => {
    const messages = CASES.flatMap((c) => c.want.map((w) => w[0]));
    for (const t of CHECK_MESSAGE_PATTERNS) assert.ok(messages.some((m) => t.test(m)), `no case for ${t}`);
  });
});

describe('checkAST normalises the tree like Go', () => {
  it('gives set operators between vectors many-to-many matching', () => {
    const tree = bin('and', sel('foo', 0, 3), sel('bar', 8, 11));
    assert.deepEqual(checkAST(tree, {}, 'foo and bar'), []);
    assert.equal(tree.vectorMatching?.card, 'many-to-many');
  });

  it('drops vector matching unless both sides are instant vectors', () => {
    const scalarSide = bin('+', sel('foo', 0, 3), num(1, 6, 7));
    checkAST(scalarSide, {}, 'foo + 1');
    assert.equal(scalarSide.vectorMatching, null);
    const vectors = bin('+', sel('foo', 0, 3), sel('bar', 6, 9));
    checkAST(vectors, {}, 'foo + bar');
    assert.equal(vectors.vectorMatching?.card, 'one-to-one');
  });

  it("exempts info()'s label selector from the empty-matcher rule", () => {
    const selector = sel('', 10, 12);
    checkAST(call('info', [sel('foo', 5, 8), selector], 0, 13), {}, 'info(foo, {})');
    assert.equal(selector.bypassEmptyMatcherCheck, true);
  });

  it('restores matching a parser left out, as the grammar would have built it', () => {
    const tree = { ...bin('or', sel('foo', 0, 3), sel('bar', 7, 10)), vectorMatching: null };
    assert.deepEqual(checkAST(tree, {}, 'foo or bar'), []);
    assert.equal((tree as BinaryExpr).vectorMatching?.card, 'many-to-many');
  });
});

describe('checkAST edge cases', () => {
  it('reports a duration expression in expression position as Go does', () => {
    const tree = durationExpr('+', num(300, 0, 2), num(60, 3, 5), 0, 5);
    assert.deepEqual(checkAST(tree, {}, '5m+1m').map((e) => e.message), ['unknown node type: *parser.DurationExpr']);
  });

  it('without the input, an operator error spans the gap between the operands', () => {
    const tree = bin('+', sel('foo', 0, 3), sel('bar', 11, 14), { bool: true });
    assert.deepEqual(checkAST(tree, {}).map((e) => e.range), [{ start: 3, end: 10 }]);
  });

  it('skips spaces of every kind Go skips around an operator', () => {
    const input = 'foo\t\n+ bool\r\n bar';
    const tree = bin('+', sel('foo', 0, 3), sel('bar', 14, 17), { bool: true });
    assert.deepEqual(checkAST(tree, {}, input).map((e) => e.range), [{ start: 5, end: 10 }]);
  });

  it('handles parse_test.go\'s 20,000-level tree without recursion, in Go\'s order', () => {
    // (-{}-1-{}-1 ... -{}-1)[1m:][1m:]...: a left-deep chain inside 1,000 nested subqueries.
    const pairs = 10_000;
    let input = '(';
    let tree: Expr = unary('-', sel('', 2, 4), 1);
    input += '-{}';
    for (let i = 0; i < pairs; i++) {
      if (i > 0) {
        const at = input.length + 1;
        input += '-{}';
        tree = bin('-', tree, sel('', at, at + 2));
      }
      const at = input.length + 1;
      input += '-1';
      tree = bin('-', tree, num(1, at, at + 1));
    }
    input += ')';
    tree = paren(tree, 0, input.length);
    for (let i = 0; i < 1000; i++) {
      input += '[1m:]';
      tree = subquery(tree, 60000, 0, input.length);
    }
    const errors = checkAST(tree, {}, input);
    assert.equal(errors.length, 10_999);
    for (let i = 0; i < 10_000; i++) {
      assert.deepEqual(errors[i], { message: 'vector selector must contain at least one non-empty matcher', range: { start: 2 + 5 * i, end: 4 + 5 * i } });
    }
    for (let i = 0; i < 999; i++) {
      assert.deepEqual(errors[10_000 + i], { message: 'subquery is only allowed on instant vector, got matrix instead', range: { start: 0, end: 50012 + 5 * i } });
    }
  });
});
