import * as assert from 'node:assert/strict';
import { dashboardExpressions } from '../documents/dashboard';
import { ruleFileExpressions } from '../documents/ruleFile';
import { formatPromQL } from '../promql/format';
import { formatEmbeddedExpression, formatExpressionText } from './formatEmbedded';

const rules = (expr: string, indent = '        ') => `groups:\n  - name: g\n    rules:\n      - record: r\n${indent}expr: ${expr}\n${indent}labels:\n${indent}  a: b\n`;
const dashboard = (expr: string) => `{"panels": [{"type": "timeseries", "datasource": {"type": "prometheus"}, "targets": [{"refId": "A", "expr": ${expr}}]}]}`;
const LONG = `sum by (job, instance, namespace) (rate(http_requests_total{code=~"5..", handler!="/metrics"}[5m])) / sum by (job, instance, namespace) (rate(http_requests_total[5m]))`;
const LONG_AGG = `sum by (job, instance, namespace) (rate(http_requests_total{code=~"5..", handler!="/metrics"}[5m]) / rate(http_requests_total[5m]))`;

/** Applies the action to the first expression; returns the new text (or undefined when none is offered). */
function apply(kind: 'yaml' | 'json', text: string, maxLineLength = 100): string | undefined {
  const extract = kind === 'yaml' ? ruleFileExpressions : dashboardExpressions;
  const [expr] = extract(text);
  assert.ok(expr, 'the fixture has an expression');
  const edit = formatEmbeddedExpression(text, expr, { maxLineLength });
  return edit && text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
}

describe('formatEmbeddedExpression', () => {
  // [name, kind, file text, what the value must look like after the edit (a substring), max line length]
  const table: Array<[string, 'yaml' | 'json', string, RegExp, number?]> = [
    ['plain stays plain', 'yaml', rules('sum(rate(x[5m]))by(job)'), /expr: sum by \(job\) \(rate\(x\[5m\]\)\)\n/],
    ['single-quoted stays single-quoted', 'yaml', rules(`'sum(x{a="b"})by(job)'`), /expr: 'sum by \(job\) \(x\{a="b"\}\)'\n/],
    ['double-quoted stays double-quoted', 'yaml', rules(`"sum(x{a=\\"b\\"})by(job)"`), /expr: "sum by \(job\) \(x\{a=\\"b\\"\}\)"\n/],
    ['single-quoted with " #" and ": " stays single-quoted', 'yaml', rules(`'x{a="#b: c"}  +  y'`), /expr: 'x\{a="#b: c"\} \+ y'\n/],
    ['plain that would read as a comment after formatting becomes double-quoted', 'yaml', rules(`x{a="b \\x23c"}`), /expr: "x\{a=\\"b #c\\"\}"\n/],
    ['plain that would read as a mapping after formatting becomes double-quoted', 'yaml', rules(`x{a="b\\x3a c"}`), /expr: "x\{a=\\"b: c\\"\}"\n/],
    ['a block scalar stays a block, one level deeper than the key', 'yaml', rules('|\n          sum(x)by(job)'), /expr: \|-\n {10}sum by \(job\) \(x\)\n {8}labels/],
    ['a long aggregation becomes a literal block', 'yaml', rules(JSON.stringify(LONG_AGG)), /expr: \|-\n {10}sum by/, 80],
    ['a long binary operation (indented first line) gets an indentation indicator', 'yaml', rules(JSON.stringify(LONG)), /expr: \|2-\n {12}sum by/, 80],
    ['a CRLF file gets CRLF line breaks in the block', 'yaml', rules(JSON.stringify(LONG_AGG)).replace(/\n/g, '\r\n'), /expr: \|-\r\n {10}sum by [^\n]*\r\n/, 80],
    ['a long expression in a flow map falls back to a double-quoted string', 'yaml', 'groups: [{name: g, rules: [{record: r, expr: ' + JSON.stringify(LONG) + '}]}]\n', /expr: "[^"\n]*\\n/, 80],
    ['JSON: a string with escapes', 'json', dashboard(JSON.stringify('sum(x{a="b"})by(job)')), /"expr": "sum by \(job\) \(x\{a=\\"b\\"\}\)"/],
    ['JSON: a long expression keeps its newlines escaped', 'json', dashboard(JSON.stringify(LONG)), /"expr": "[^"\n]*\\n/, 80],
  ];
  for (const [name, kind, text, shape, max] of table) {
    it(name, () => {
      const edited = apply(kind, text, max ?? 100);
      assert.ok(edited !== undefined, 'an edit is offered');
      assert.match(edited, shape);
      // Round trip: the file's expression is now exactly the formatter's output.
      const extract = kind === 'yaml' ? ruleFileExpressions : dashboardExpressions;
      const [original] = extract(text);
      const [after] = extract(edited);
      assert.equal(after.text, formatExpressionText(original.text, { maxLineLength: max ?? 100 }));
      assert.equal(extract(edited).length, extract(text).length);
      // Nothing more to do afterwards.
      assert.equal(apply(kind, edited, max ?? 100), undefined);
    });
  }

  const none: Array<[string, 'yaml' | 'json', string]> = [
    ['an expression with a syntax error', 'yaml', rules('sum(rate(x[5m])')],
    ['an expression with a type error', 'yaml', rules('rate(x)')],
    ['an expression with a comment', 'yaml', rules('|\n          sum(x) # total\n')],
    ['an already formatted expression', 'yaml', rules('sum by (job) (x)')],
    ['a dashboard query with Grafana variables', 'json', dashboard(JSON.stringify('sum(rate(x{job="$job"}[$__rate_interval]))'))],
  ];
  for (const [name, kind, text] of none) it(`offers nothing for ${name}`, () => assert.equal(apply(kind, text), undefined));
});

describe('formatExpressionText', () => {
  it('keeps one line while it fits, else uses the pretty layout', () => {
    assert.equal(formatExpressionText('sum(x)by(job)'), 'sum by (job) (x)');
    const pretty = formatExpressionText(LONG, { maxLineLength: 80 });
    assert.equal(pretty, formatPromQL(LONG, { pretty: true, maxLineLength: 80 }).text);
    assert.ok(pretty!.includes('\n'));
    assert.equal(formatExpressionText(LONG, { maxLineLength: 400 }), formatPromQL(LONG).text);
  });
});
