// Properties of the printer against the parser: whatever value a leaf holds (a float, any
// Unicode string, any label name, any duration), printing it and parsing the text back gives
// the same value. Catches escapes, number forms and duration units the corpus never shows.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Expr, VectorSelector } from './ast';
import { parsePromQL } from './parse';
import { exprToString } from './printer';
import { agg, matrix, num, sel, str } from './printer.testutil';

const ALL_FEATURES = { experimentalDurationExpr: true, enableExperimentalFunctions: true, enableExtendedRangeSelectors: true };

function reparse(e: Expr): Expr {
  const text = exprToString(e);
  const r = parsePromQL(text, ALL_FEATURES);
  assert.deepEqual(r.errors, [], `does not parse: ${text}`);
  assert.ok(r.expr, text);
  return r.expr;
}

/** The value of a number literal, with a folded or a unary minus (the parser may give either). */
function numberValue(e: Expr): number {
  if (e.type === 'NumberLiteral') return e.val;
  if (e.type === 'UnaryExpr' && e.expr.type === 'NumberLiteral') return e.op === '-' ? -e.expr.val : e.expr.val;
  throw new Error(`not a number: ${e.type}`);
}

// Text that came from UTF-8 holds no lone surrogates, and U+FFFD is what an invalid byte became.
const codePoint = fc.oneof(fc.integer({ min: 0, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff })).map((c) => String.fromCodePoint(c));
const tricky = fc.constantFrom('"', "'", '\\', '\n', '\t', '\x00', '\x7f', '\u00a0', '\u200b', '`', '{', '}', 'a', '_', '0');
const text = (maxLength = 12): fc.Arbitrary<string> => fc.string({ unit: fc.oneof(tricky, codePoint), maxLength });

const RUNS = { numRuns: 300 };

describe('printer ∘ parser round trip (properties)', () => {
  it('any float64 prints as a number that parses back to the same value', () => {
    fc.assert(fc.property(fc.double(), (x) => {
      const back = numberValue(reparse(num(x)));
      assert.ok(Object.is(back, x) || (Number.isNaN(back) && Number.isNaN(x)) || (x === 0 && back === 0), `${x} came back as ${back}`);
    }), RUNS);
  });

  it('any string prints as a literal that parses back to the same value', () => {
    fc.assert(fc.property(text(), (s) => {
      const back = reparse(str(s.replace(/\ufffd/g, '')));
      assert.equal(back.type, 'StringLiteral');
      assert.equal(back.type === 'StringLiteral' && back.val, s.replace(/\ufffd/g, ''));
    }), RUNS);
  });

  it('any label name and value print as a matcher that parses back the same', () => {
    fc.assert(fc.property(text(), text(), (name, value) => {
      fc.pre(name !== '__name__');
      const back = reparse(sel('up', [[name, '!=', value]])) as VectorSelector;
      assert.equal(back.type, 'VectorSelector');
      const m = back.labelMatchers.find((x) => x.name !== '__name__');
      assert.deepEqual(m && { name: m.name, op: m.op, value: m.value }, { name, op: '!=', value });
    }), RUNS);
  });

  it('any grouping label prints so that it parses back the same', () => {
    fc.assert(fc.property(fc.array(text(), { minLength: 1, maxLength: 3 }), fc.boolean(), (labels, without) => {
      fc.pre(labels.every((l) => l !== ''));
      const back = reparse(agg('sum', sel('up'), { grouping: labels, without }));
      assert.equal(back.type, 'AggregateExpr');
      assert.deepEqual(back.type === 'AggregateExpr' && back.grouping, labels);
    }), RUNS);
  });

  it('any range (whole seconds) and offset (milliseconds) print as durations that parse back the same', () => {
    // Ranges in whole seconds only, for now: grammar.ts turns a range's float seconds into
    // milliseconds with Math.trunc(val * 1000), so `foo[1s1ms]` reads back as 1000 ms where Go
    // (which rounds val * 1e9 to nanoseconds) keeps 1001. Widen this once the parser does.
    const range = fc.integer({ min: 1, max: 2 ** 30 }).map((s) => s * 1000);
    // Offsets to the millisecond, up to 104 days: float seconds are exact to the ns below 2^53 ns.
    const offset = fc.integer({ min: -9e9, max: 9e9 });
    fc.assert(fc.property(range, offset, (rangeMs, offsetMs) => {
      const back = reparse(matrix(sel('up', [], { originalOffsetMs: offsetMs }), rangeMs));
      assert.equal(back.type, 'MatrixSelector');
      if (back.type !== 'MatrixSelector' || back.vectorSelector.type !== 'VectorSelector') return;
      assert.equal(back.rangeMs, rangeMs);
      assert.equal(back.vectorSelector.originalOffsetMs, offsetMs);
    }), RUNS);
  });
});
