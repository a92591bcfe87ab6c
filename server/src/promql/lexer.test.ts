// The lexer against Go's own token streams (lex_test.go, via test-fixtures/corpus/promql/lex.jsonl).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lexPromQL } from './lexer';
import { T } from './tokens';

interface LexRecord {
  input: string;
  input_base64?: string;
  lex_fail: boolean;
  tokens?: Array<[string, number, string]>;
  series_desc?: boolean;
  line: number;
}

const corpus = path.join(__dirname, '../../../test-fixtures/corpus/promql/lex.jsonl');
const records: LexRecord[] = fs
  .readFileSync(corpus, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as LexRecord);

/** Our tokens as Go prints them: [TYPE, UTF-8 byte offset, value], up to the first ERROR. */
function goTokens(input: string): Array<[string, number, string]> {
  const out: Array<[string, number, string]> = [];
  for (const t of lexPromQL(input)) {
    if (t.tokenType === T.EOF) break;
    out.push([t.tokenType.name, Buffer.byteLength(input.slice(0, t.startOffset), 'utf8'), t.image]);
    if (t.tokenType === T.ERROR) break;
  }
  return out;
}

function untilFirstError(tokens: Array<[string, number, string]>): Array<[string, number, string]> {
  const i = tokens.findIndex((t) => t[0] === 'ERROR');
  return i < 0 ? tokens : tokens.slice(0, i + 1);
}

describe('PromQL lexer (lex.jsonl)', () => {
  // Series descriptions (promqltest `load` lines) and non-UTF-8 inputs are not PromQL expressions.
  const cases = records.filter((r) => !r.series_desc && !r.input_base64 && r.tokens);

  it('has cases to run', () => assert.ok(cases.length >= 90, `${cases.length} cases`));

  for (const r of cases) {
    it(`line ${r.line}: ${JSON.stringify(r.input).slice(0, 60)}`, () => {
      // Go's lexer may go on after an ERROR item; the parser stops at the first one, and so do we.
      assert.deepEqual(goTokens(r.input), untilFirstError(r.tokens!));
    });
  }

  it('reports a lexer failure exactly where Go does', () => {
    for (const r of records.filter((x) => !x.series_desc && !x.input_base64)) {
      const failed = lexPromQL(r.input).some((t) => t.tokenType === T.ERROR);
      assert.equal(failed, r.lex_fail || (r.tokens ?? []).some((t) => t[0] === 'ERROR'), r.input);
    }
  });
});
