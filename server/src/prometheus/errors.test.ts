import * as assert from 'node:assert/strict';
import { parseMetricsqlSyntaxError } from './errors';

describe('parseMetricsqlSyntaxError (VictoriaMetrics syntax errors)', () => {
  const lead = (q: string) => `error when executing query=${JSON.stringify(q)} for (time=1700003600000, step=300000): `;
  const rangeLead = (q: string) => `error when executing query=${JSON.stringify(q)} on the time range (start=1, end=2, step=3): cannot execute query: `;
  // [query, server error, expected]
  const cases: Array<[string, string, { offset: number; message: string } | null]> = [
    ['rate(foo[5x])', lead('rate(foo[5x])') + 'windowAndStep: unexpected token "x"; want "]"; unparsed data: "x])"', { offset: 10, message: 'unexpected token "x"; want "]"' }],
    ['sum(x', rangeLead('sum(x') + 'argList: unexpected token ""; want ",", ")"; unparsed data: ""', { offset: 5, message: 'unexpected end of input; want ",", ")"' }],
    ['sum(x) )', lead('sum(x) )') + 'unparsed data left: ")"', { offset: 7, message: 'unexpected ")" after the expression' }],
    // Go escapes in the rest: \t, \u00a0 and a character outside the BMP (two UTF-16 units).
    ['x + \tb\u00a0\u{1F600}', lead('x') + 'singleExpr: unexpected token "\\tb"; unparsed data: "\\tb\\u00a0\\U0001f600"', { offset: 4, message: 'unexpected token "\\tb"' }],
    // The query itself may contain the marker text: only the end of the message counts.
    ['a{l="; unparsed data: \\"z"} +', lead('a{l="; unparsed data: \\"z"} +') + 'singleExpr: unexpected token ""; unparsed data: ""', { offset: 29, message: 'unexpected end of input' }],
    ['up +', 'unparsed data: "nope"', null], // not the end of this query
    ['sum(x', 'invalid parameter "query": 1:6: parse error: unclosed left parenthesis', null], // Prometheus
    ['nosuchfn(up)', lead('nosuchfn(up)') + 'unknown func "nosuchfn"', null],
    ['x', 'unparsed data: "\\q"', null], // not a Go escape
  ];
  for (const [query, error, expected] of cases) {
    it(`${JSON.stringify(query)} ← ${error.slice(-40)}`, () => {
      assert.deepEqual(parseMetricsqlSyntaxError(error, query), expected);
    });
  }
});
