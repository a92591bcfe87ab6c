import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGGREGATORS, BINARY_OPERATORS, KEYWORDS } from './docs';

interface GrammarFacts {
  aggregators: Array<{ name: string; takesParameter: boolean; parameterType: string | null; experimental: boolean }>;
  binaryOperators: Array<{ op: string; precedence: number; associativity: string; category: string }>;
  keywordsBySection: Record<string, string[]>;
}

const facts = JSON.parse(
  readFileSync(join(__dirname, '../../../test-fixtures/corpus/promql/grammar-facts.json'), 'utf8'),
) as GrammarFacts;

describe('operator and keyword docs against grammar-facts.json', () => {
  it('documents every aggregator with its parameter type and feature flag', () => {
    assert.deepEqual([...AGGREGATORS.keys()].sort(), facts.aggregators.map((a) => a.name).sort());
    for (const a of facts.aggregators) {
      const doc = AGGREGATORS.get(a.name)!;
      assert.equal(doc.param?.type ?? null, a.parameterType, a.name);
      assert.equal(doc.param !== null, a.takesParameter, a.name);
      assert.equal(doc.experimental !== null, a.experimental, a.name);
      const args = doc.param ? `${doc.param.name}, v` : 'v';
      assert.equal(doc.signature, `${a.name}(${args})`);
      assert.ok(doc.description.length > 10, a.name);
    }
  });

  it('documents every binary operator with its category and precedence', () => {
    assert.deepEqual([...BINARY_OPERATORS.keys()].sort(), facts.binaryOperators.map((o) => o.op).sort());
    for (const o of facts.binaryOperators) {
      const doc = BINARY_OPERATORS.get(o.op)!;
      assert.deepEqual(
        [doc.category, doc.precedence, doc.rightAssociative],
        [o.category, o.precedence, o.associativity === 'right'],
        o.op,
      );
      assert.ok(doc.description.length > 10, o.op);
    }
  });

  it('documents the modifiers and keywords used around expressions', () => {
    const want = [
      'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', '@', 'start()', 'end()',
      'anchored', 'smoothed', 'fill', 'fill_left', 'fill_right', 'step()', 'range()', 'min_of', 'max_of',
    ];
    assert.deepEqual([...KEYWORDS.keys()].sort(), [...want].sort());
    // Every lexer keyword that is neither an aggregator nor a binary operator is covered.
    const lexed = [...facts.keywordsBySection.Keywords, ...facts.keywordsBySection.Preprocessors];
    for (const k of lexed) assert.ok(KEYWORDS.has(k) || KEYWORDS.has(`${k}()`), `keyword ${k}`);
    for (const doc of KEYWORDS.values()) assert.ok(doc.description.length > 10 && doc.syntax.length > 0, doc.keyword);
  });

  it('names the feature flag of each experimental keyword', () => {
    const flags = Object.fromEntries([...KEYWORDS.values()].map((k) => [k.keyword, k.experimental]));
    assert.equal(flags.anchored, 'promql-extended-range-selectors');
    assert.equal(flags.fill_left, 'promql-binop-fill-modifiers');
    assert.equal(flags['step()'], 'promql-duration-expr');
    assert.equal(flags.offset, null);
  });
});
