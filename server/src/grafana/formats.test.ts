import assert from 'node:assert/strict';
import { applyFormat, escapeRegex, formatValue, prometheusFormat, type FormatValue, type FormatVariable } from './formats';

// Grafana docs, "Variable syntax → Advanced variable format options": servers = ['test1.', 'test2'].
const servers: FormatVariable = { name: 'servers', multi: true, text: 'test1. + test2', urlSync: true };
const SERVERS = ['test1.', 'test2'];

describe('Grafana variable formats (formatRegistry.ts)', () => {
  const cases: Array<[string, FormatValue, string, string?]> = [
    // [format, value, expected, note]
    ['regex', SERVERS, '(test1\\.|test2)'],
    ['pipe', SERVERS, 'test1.|test2'],
    ['csv', SERVERS, 'test1.,test2'],
    ['glob', SERVERS, '{test1.,test2}'],
    // The docs print ["test1", "test2"]; the source is JSON.stringify, without the space.
    ['json', SERVERS, '["test1.","test2"]'],
    ['lucene', SERVERS, '("test1." OR "test2")'],
    ['distributed', SERVERS, 'test1.,servers=test2'],
    ['queryparam', SERVERS, 'var-servers=test1.&var-servers=test2'],
    ['singlequote', SERVERS, "'test1.','test2'"],
    ['doublequote', SERVERS, '"test1.","test2"'],
    ['sqlstring', SERVERS, "'test1.','test2'"],
    ['text', SERVERS, 'test1. + test2'],
    ['raw', SERVERS, 'test1.,test2'],
    ['join', SERVERS, 'test1.,test2'],
    ['join: - ', SERVERS, 'test1. - test2'],
    ['html', ['<a>', 'b&c'], '&lt;a&gt;, b&amp;c'],
    // Docs: ['foo()bar BAZ', 'test2'] → 'foo%28%29bar%20BAZ%2Ctest2'; the source wraps lists in {} first.
    ['percentencode', ['foo()bar BAZ', 'test2'], '%7Bfoo%28%29bar%20BAZ%2Ctest2%7D'],
    ['percentencode', 'foo()bar BAZ', 'foo%28%29bar%20BAZ'],
    // Docs: sqlstring escapes ' by doubling it: "test'1" → 'test''1'.
    ['sqlstring', ["test'1", 'test2'], "'test''1','test2'"],
    ['singlequote', ["test'1"], "'test\\'1'"],
    ['doublequote', 'a"b', '"a\\"b"'],
    ['regex', 'test1.', 'test1\\.'],
    ['regex', ['a.b'], 'a\\.b'],
    ['lucene', 'a b:c', 'a\\ b\\:c'],
    ['lucene', '42', '42'],
    ['lucene', [], '__empty__'],
    ['glob', ['only'], 'only'],
    ['glob', 'one', 'one'],
    ['json', 'one', 'one'],
    ['pipe', 'one', 'one'],
    ['distributed', 'one', 'one'],
    // An unknown format falls back to glob, as Grafana does.
    ['nope', SERVERS, '{test1.,test2}'],
  ];
  for (const [format, value, want] of cases) {
    it(`\${servers:${format}} of ${JSON.stringify(value)} → ${want}`, () => {
      assert.equal(applyFormat(value, format, servers), want);
    });
  }

  it('queryparam of a dashboard variable uses its URL value (All is $__all), angular-style encoding', () => {
    assert.equal(applyFormat(['a b', 'c:d'], 'queryparam', { name: 'x', urlSync: true }), 'var-x=a%20b&var-x=c:d');
    assert.equal(applyFormat('ignored', 'queryparam', { name: 'x', urlSync: true, urlValue: ['$__all'] }), 'var-x=$__all');
    // Built-ins have no URL sync: strict encoding.
    assert.equal(applyFormat('a:b', 'queryparam', { name: '__dashboard' }), 'var-__dashboard=a%3Ab');
  });

  it('escapeRegex escapes every metacharacter and the slash', () => {
    assert.equal(escapeRegex('a.b*c+d?e^f$g(h)i[j]k{l}m|n\\o/p'), 'a\\.b\\*c\\+d\\?e\\^f\\$g\\(h\\)i\\[j\\]k\\{l\\}m\\|n\\\\o\\/p');
  });
});

describe('the date format (${__from:date:...})', () => {
  const from = 1_700_000_000_123; // 2023-11-14T22:13:20.123Z
  const cases: Array<[string, string]> = [
    ['date', '2023-11-14T22:13:20.123Z'],
    ['date:iso', '2023-11-14T22:13:20.123Z'],
    ['date:seconds', '1700000000'],
    ['date:ms', '1700000000123'],
    ['date:YYYY-MM-DD', '2023-11-14'],
    ['date:YYYY-MM-DD HH:mm:ss', '2023-11-14 22:13:20'],
    ['date:x', '1700000000123'],
    ['date:X', '1700000000'],
    ['date:[week] ddd MMM D, h A', 'week Tue Nov 14, 10 PM'],
  ];
  for (const [format, want] of cases) {
    it(`\${__from:${format}} → ${want}`, () => assert.equal(applyFormat(from, format, { name: '__from' }), want));
  }
  it('a value that is not a number gives NaN', () => assert.equal(applyFormat('abc', 'date', { name: 'x' }), 'NaN'));
});

describe("the Prometheus data source's default format (interpolateQueryExpr)", () => {
  const single: FormatVariable = { name: 'v' };
  const multi: FormatVariable = { name: 'v', multi: true };
  const all: FormatVariable = { name: 'v', includeAll: true };
  const cases: Array<[string, FormatValue, FormatVariable, string]> = [
    ['single value: not regex-escaped', 'a.b', single, 'a.b'],
    ["single value: backslash and ' escaped (prometheusRegularEscape)", "a\\b'c", single, "a\\\\b\\\\'c"],
    ['multi, two values: regex-escaped for a PromQL string, joined', ['a.b', 'c|d'], multi, '(a\\\\.b|c\\\\|d)'],
    ['multi, one value: no parentheses', ['a.b'], multi, 'a\\\\.b'],
    ['multi, backslash: four of them', ['a\\b'], multi, 'a\\\\\\\\b'],
    ['include All, one string', 'api-1:8080', all, 'api-1:8080'],
    ['include All, dots', 'node-1.example', all, 'node-1\\\\.example'],
    ['a number (built-in) stays as it is', 1700000000000, single, '1700000000000'],
  ];
  for (const [name, value, variable, want] of cases) {
    it(name, () => assert.equal(prometheusFormat(value, variable), want));
  }
  it('an explicit format wins over the data source default', () => {
    assert.equal(formatValue(['a.b', 'c'], 'pipe', multi, 'prometheus'), 'a.b|c');
    assert.equal(formatValue(['a.b', 'c'], undefined, multi, 'prometheus'), '(a\\\\.b|c)');
    assert.equal(formatValue(['a.b', 'c'], undefined, multi, 'glob'), '{a.b,c}');
  });
});
