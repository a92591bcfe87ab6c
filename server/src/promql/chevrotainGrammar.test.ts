// The Chevrotain grammar against the hand-written parser's syntax verdict on the corpus, and
// what it says may come next at a cursor.
import { strict as assert } from 'node:assert';
import { readCorpusJsonl } from '../testing/corpus';
import { expectedAt, recognizePromQL } from './chevrotainGrammar';
import { lexPromQL } from './lexer';
import { parseSyntax } from './parse';
import { T } from './tokens';
import { optionsFromGoNames, type ParseOptions } from './types';



interface CorpusRecord {
  input: string;
  input_base64?: string;
  parser_options?: string[];
}

const ALL_OPTIONS: ParseOptions = {
  enableExperimentalFunctions: true,
  experimentalDurationExpr: true,
  enableExtendedRangeSelectors: true,
  enableBinopFillModifiers: true,
};

describe('recognizePromQL', () => {
  const valid: Array<[string, CorpusRecord[]]> = [
    ['promql/promqltest_evals.jsonl', readCorpusJsonl<CorpusRecord>('promql/promqltest_evals.jsonl')],
    ['rules/exprs.jsonl', readCorpusJsonl<CorpusRecord>('rules/exprs.jsonl')],
  ];
  for (const [file, records] of valid) {
    it(`recognizes every expression of ${file} (${records.length})`, () => {
      const rejected = records
        .map((r) => ({ input: r.input, got: recognizePromQL(r.input, optionsFromGoNames(r.parser_options)) }))
        .filter((r) => !r.got.ok);
      assert.deepEqual(rejected, []);
    });
  }

  it('agrees with parseSyntax on at least 99% of parse.jsonl', () => {
    const records = readCorpusJsonl<CorpusRecord>('promql/parse.jsonl').filter((r) => !r.input_base64);
    const disagreements: string[] = [];
    let invalid = 0;
    for (const r of records) {
      const opts = optionsFromGoNames(r.parser_options);
      const expected = parseSyntax(r.input, opts).errors.length === 0;
      if (!expected) invalid++;
      const got = recognizePromQL(r.input, opts).ok;
      if (got !== expected) disagreements.push(`${JSON.stringify(r.input)}: parser ${expected ? 'accepts' : 'rejects'}, grammar ${got ? 'accepts' : 'rejects'}`);
    }
    const agreement = (records.length - disagreements.length) / records.length;
    console.log(`      ${records.length - disagreements.length}/${records.length} agree (${(100 * agreement).toFixed(1)}%; ${invalid} invalid)`);
    for (const d of disagreements) console.log(`        ${d}`);
    assert.ok(invalid > 50, 'the corpus must exercise rejection');
    assert.ok(agreement >= 0.99, `agreement ${agreement}`);
  });

  it('agrees with parseSyntax on near-valid mutants of parse.jsonl (a token dropped, added or swapped)', () => {
    const records = readCorpusJsonl<CorpusRecord>('promql/parse.jsonl').filter((r) => !r.input_base64 && r.input.length < 300);
    const extra = ['(', ')', '[', ']', '{', '}', ',', 'offset', '@', 'by', '5m', '1', 'x', '+', 'bool', ':', '"a"', 'on(a)', 'group_left', 'fill(1)', 'anchored', 'sum', '-'];
    let seed = 1;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff; // fixed LCG: the same mutants every run
      return seed % n;
    };
    const disagreements: string[] = [];
    let cases = 0;
    let valid = 0;
    for (const r of records) {
      const images = lexPromQL(r.input, true).filter((t) => t.tokenType !== T.EOF && t.tokenType !== T.ERROR).map((t) => t.image);
      const opts = optionsFromGoNames(r.parser_options);
      for (let k = 0; k < 10; k++) {
        const parts = [...images];
        const i = random(parts.length + 1);
        const how = random(3);
        if (how === 0) parts.splice(i, 1);
        else if (how === 1) parts.splice(i, 0, extra[random(extra.length)]);
        else {
          const j = random(parts.length);
          [parts[i], parts[j]] = [parts[j], parts[i]];
        }
        const text = parts.join(' ');
        cases++;
        const expected = parseSyntax(text, opts).errors.length === 0;
        if (expected) valid++;
        if (recognizePromQL(text, opts).ok !== expected) disagreements.push(`${JSON.stringify(text)}: parser ${expected ? 'accepts' : 'rejects'}`);
      }
    }
    console.log(`      ${cases - disagreements.length}/${cases} mutants agree (${valid} valid)`);
    for (const d of disagreements.slice(0, 20)) console.log(`        ${d}`);
    assert.ok(valid > cases / 20 && valid < cases / 2, `${valid} valid of ${cases}: the mutants must mix verdicts`);
    assert.ok(disagreements.length <= cases / 100, `${disagreements.length} disagreements`);
  });

  it('reports absurd nesting as an error instead of overflowing the stack', () => {
    const deep = '('.repeat(5000) + '1' + ')'.repeat(5000);
    assert.equal(recognizePromQL(deep).ok, false);
    assert.equal(recognizePromQL('('.repeat(50) + '1' + ')'.repeat(50)).ok, true);
  });

  const table: Array<[string, ParseOptions, boolean]> = [
    ['sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > bool 0', {}, true],
    ['a * on(x) group_left(y) b', {}, true],
    ['-2 ^ -2 ^ 2', {}, true],
    ['foo{a="b",}', {}, true],
    ['{"metric.name"}', {}, true],
    ['sum + and', {}, true], // keywords as metric names
    ['rate(x[5m:])', {}, true],
    ['foo offset -5m @ start()', {}, true],
    ['foo[5m+1m]', {}, false],
    ['foo[5m+1m]', { experimentalDurationExpr: true }, true],
    ['foo[min_of(5m, step())]', { experimentalDurationExpr: true }, true],
    ['foo[5m] anchored', {}, false],
    ['foo[5m] anchored', { enableExtendedRangeSelectors: true }, true],
    ['a + fill(0) b', {}, false],
    ['a + fill(0) b', ALL_OPTIONS, true],
    ['limitk(1, x)', {}, false],
    ['limitk(1, x)', ALL_OPTIONS, true],
    ['', {}, false],
    ['foo{', {}, false],
    ['sum()', {}, false],
    ['topk(x)', {}, false],
    ['rate(x,)', {}, false],
    ['nosuchfunction(x)', {}, false],
    ['(foo)[5m]', {}, false],
    ['foo[0s]', {}, false],
    ['foo bar', {}, false],
    ['a + on(x) group_left (y)', {}, false],
  ];
  for (const [text, opts, ok] of table) {
    it(`${JSON.stringify(text)} ${JSON.stringify(opts)} is ${ok ? 'PromQL' : 'not PromQL'}`, () => {
      assert.equal(recognizePromQL(text, opts).ok, ok);
    });
  }

  it('says where the input stopped being PromQL', () => {
    assert.deepEqual(recognizePromQL('foo bar'), { ok: false, errorOffset: 4 });
    assert.deepEqual(recognizePromQL('sum(x'), { ok: false, errorOffset: 5 });
    assert.deepEqual(recognizePromQL('foo{a="b" ! }'), { ok: false, errorOffset: 10 });
  });
});

describe('expectedAt', () => {
  const BINARY = ['ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'POW', 'ATAN2', 'EQLC', 'NEQ', 'LSS', 'GTR', 'LTE', 'GTE', 'LAND', 'LOR', 'LUNLESS'];
  // text with | at the cursor, options, must include, must not include
  const table: Array<[string, ParseOptions, string[], string[]]> = [
    ['sum |', {}, ['BY', 'WITHOUT', 'LEFT_PAREN'], ['STRING', 'NUMBER']],
    ['foo{a|', {}, ['EQL', 'NEQ', 'EQL_REGEX', 'NEQ_REGEX'], ['STRING', 'RIGHT_BRACE']],
    ['foo{a=|', {}, ['STRING'], ['IDENTIFIER']],
    ['foo{|', {}, ['IDENTIFIER', 'STRING', 'RIGHT_BRACE'], ['EQL']],
    ['rate(x[5m]) |', {}, [...BINARY, 'OFFSET', 'AT'], ['BY', 'LEFT_PAREN', 'ANCHORED']],
    ['foo[5m] |', { enableExtendedRangeSelectors: true }, ['ANCHORED', 'SMOOTHED', 'OFFSET'], []],
    ['sum(x) |', {}, ['BY', 'WITHOUT', ...BINARY], ['LEFT_PAREN']],
    ['sum by (a) (x) |', {}, BINARY, ['BY', 'WITHOUT']],
    ['a + |', {}, ['BOOL', 'ON', 'IGNORING', 'IDENTIFIER', 'NUMBER', 'SUM', 'LEFT_PAREN', 'SUB'], ['FILL', 'GROUP_LEFT']],
    ['a + |', ALL_OPTIONS, ['FILL', 'FILL_LEFT', 'FILL_RIGHT'], ['GROUP_LEFT']],
    ['a + on(x) |', {}, ['GROUP_LEFT', 'GROUP_RIGHT', 'IDENTIFIER'], ['ON', 'BOOL']],
    ['foo[|', {}, ['NUMBER', 'DURATION', 'ADD', 'SUB'], ['STEP', 'LEFT_PAREN', 'IDENTIFIER']],
    ['foo[|', { experimentalDurationExpr: true }, ['DURATION', 'STEP', 'RANGE', 'MIN_OF', 'LEFT_PAREN'], []],
    ['foo[5m|', {}, ['RIGHT_BRACKET', 'COLON'], ['ADD', 'MUL']],
    ['foo[5m|', { experimentalDurationExpr: true }, ['RIGHT_BRACKET', 'COLON', 'ADD', 'MUL', 'POW'], []],
    ['foo[5m:|', {}, ['RIGHT_BRACKET', 'DURATION'], []],
    ['foo @ |', {}, ['START', 'END', 'NUMBER', 'SUB'], ['IDENTIFIER']],
    ['foo offset |', {}, ['DURATION', 'SUB'], ['IDENTIFIER']],
    ['sum by (|', {}, ['IDENTIFIER', 'STRING', 'RIGHT_PAREN'], ['NUMBER']],
    ['rate(|', {}, ['IDENTIFIER', 'RIGHT_PAREN', 'SUM', 'NUMBER'], ['COMMA']],
    ['# comment\nup |', {}, ['OFFSET', 'ADD'], []],
    ['foo bar |', {}, [], BINARY], // no way to continue
  ];
  for (const [marked, opts, include, exclude] of table) {
    it(`${JSON.stringify(marked)} ${JSON.stringify(opts)}`, () => {
      const offset = marked.indexOf('|');
      const got = new Set(expectedAt(marked.slice(0, offset) + marked.slice(offset + 1), offset, opts));
      for (const n of include) assert.ok(got.has(n), `missing ${n} in ${[...got].join(' ')}`);
      for (const n of exclude) assert.ok(!got.has(n), `unexpected ${n}`);
    });
  }

  it('counts only the tokens before the cursor', () => {
    assert.deepEqual(expectedAt('foo{a="b"}', 5), expectedAt('foo{a', 5));
  });
});
