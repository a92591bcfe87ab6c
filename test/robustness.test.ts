// The parser must never throw, never hang, and stay linear, whatever it is fed.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { parsePromQL } from '../server/src/promql/parse';
import type { ParseOptions } from '../server/src/promql/types';

const ALL_ON: ParseOptions = {
  enableExperimentalFunctions: true,
  experimentalDurationExpr: true,
  enableExtendedRangeSelectors: true,
  enableBinopFillModifiers: true,
};

function corpusQueries(): string[] {
  const read = (p: string) =>
    readFileSync(path.join(__dirname, '../test-fixtures/corpus', p), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).input as string);
  return [...read('promql/promqltest_evals.jsonl'), ...read('rules/exprs.jsonl'), ...read('promql/parse.jsonl')];
}

/** Parses and checks the result's shape: every error has a message and a range inside the text. */
function parseChecked(text: string, opts: ParseOptions): void {
  const r = parsePromQL(text, opts);
  assert.ok(Array.isArray(r.errors));
  for (const e of r.errors) {
    assert.equal(typeof e.message, 'string');
    assert.ok(e.message.length > 0, 'empty message');
    assert.ok(e.range.start >= 0 && e.range.start <= e.range.end && e.range.end <= text.length, `range ${JSON.stringify(e.range)} outside text of ${text.length}`);
  }
  if (r.errors.length === 0) assert.ok(r.expr, 'no errors but no tree');
}

function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

describe('parser robustness', function () {
  this.timeout(120_000);
  const queries = corpusQueries();

  it('never throws on 20,000 mutations of corpus queries', () => {
    const mutation = fc
      .tuple(fc.constantFrom(...queries), fc.nat(), fc.nat(), fc.constantFrom('delete', 'insert', 'swap', 'truncate', 'duplicate'), fc.string({ maxLength: 3 }))
      .map(([q, a, b, kind, s]) => {
        const i = q.length ? a % q.length : 0;
        const j = q.length ? b % q.length : 0;
        switch (kind) {
          case 'delete':
            return q.slice(0, Math.min(i, j)) + q.slice(Math.max(i, j));
          case 'insert':
            return q.slice(0, i) + s + q.slice(i);
          case 'swap':
            return q.slice(0, i) + q.slice(j, j + 1) + q.slice(i + 1, j) + q.slice(i, i + 1) + q.slice(j + 1);
          case 'truncate':
            return q.slice(0, i);
          default:
            return q.slice(0, i) + q.slice(Math.min(i, j), Math.max(i, j)) + q.slice(i);
        }
      });
    fc.assert(
      fc.property(mutation, fc.boolean(), (text, experimental) => {
        parseChecked(text, experimental ? ALL_ON : {});
      }),
      { numRuns: 20_000, seed: 42 },
    );
  });

  it('never throws on 10,000 random strings of PromQL-ish characters and of any code points', () => {
    const alphabet = fc.constantFrom(...'()[]{}"\'`\\,:;=!~<>+-*/%^@#.0123456789eEinfaINFAxXsmhdwyfoo_bar \n\t'.split(''), 'sum', 'by', 'offset', 'rate(', '[5m', '{a="', 'bool', 'on(', 'group_left', '1e', '0x', 'Inf', 'step()', 'anchored', 'fill(');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (text) => parseChecked(text, ALL_ON)),
      { numRuns: 7_000, seed: 7 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => parseChecked(text, {})),
      { numRuns: 3_000, seed: 11 },
    );
  });

  it('parses 10,000 nested parentheses without a stack overflow, well under a second', () => {
    const text = '('.repeat(10_000) + 'foo' + ')'.repeat(10_000);
    const ms = timed(() => {
      const r = parsePromQL(text);
      assert.deepEqual(r.errors, []);
    });
    assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
    const unclosed = '('.repeat(10_000) + 'foo';
    const r = parsePromQL(unclosed);
    assert.equal(r.errors[0]?.message, 'unclosed left parenthesis');
  });

  it('parses 10,000 nested function calls and a 10,000-term binary chain', () => {
    const calls = 'abs('.repeat(10_000) + 'foo' + ')'.repeat(10_000);
    assert.deepEqual(parsePromQL(calls).errors, []);
    const chain = Array.from({ length: 10_000 }, (_, i) => `m${i}`).join(' + ');
    assert.deepEqual(parsePromQL(chain).errors, []);
    const pow = Array.from({ length: 10_000 }, (_, i) => `m${i}`).join(' ^ ');
    assert.deepEqual(parsePromQL(pow).errors, []);
  });

  it('handles a 1 MB input in well under a second, and time grows linearly', () => {
    const unit = 'sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) + ';
    const make = (bytes: number) => unit.repeat(Math.ceil(bytes / unit.length)) + '1';
    parsePromQL(make(100_000)); // warm up
    const small = Math.min(...[0, 1, 2].map(() => timed(() => parsePromQL(make(250_000)))));
    const big = Math.min(...[0, 1, 2].map(() => timed(() => assert.deepEqual(parsePromQL(make(1_000_000)).errors, []))));
    assert.ok(big < 1000, `1 MB took ${big.toFixed(0)} ms`);
    // 4× the input may take at most ~8× the time (generous for GC noise) — quadratic would be 16×.
    assert.ok(big < small * 8 + 50, `not linear: 250 KB ${small.toFixed(0)} ms, 1 MB ${big.toFixed(0)} ms`);
    const garbage = '{'.repeat(500_000) + ')'.repeat(500_000);
    assert.ok(timed(() => parseChecked(garbage, {})) < 1000);
  });
});
