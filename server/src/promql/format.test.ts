// The formatter against Prometheus' own expectations (printer_test.go / prettier_test.go via
// test-fixtures/corpus/promql/format.jsonl), and a round-trip property over real queries:
// formatting parses again, and formatting the result changes nothing.
import { strict as assert } from 'node:assert';
import { readCorpusJsonl } from '../testing/corpus';
import { formatPromQL, type FormatOptions } from './format';
import type { LabelMatcher } from './ast';
import { parsePromQL } from './parse';
import { optionsFromGoNames, type ParseOptions } from './types';



interface FormatCase {
  input: string;
  output: string;
  mode: 'string' | 'prettify';
  max_characters_per_line?: number;
  parser_options?: string[];
  source: string;
  line: number;
}

interface QueryCase {
  input: string;
  parser_options?: string[];
  file: string;
  line?: number;
}

/** Formats text that must parse; an error shows up in the result instead of the text. */
function reformat(text: string, opts: FormatOptions): string {
  const r = formatPromQL(text, opts);
  return r.errors.length > 0 ? `(error: ${r.errors[0].message})` : r.text;
}

/**
 * The parsed tree without what formatting may legitimately change: source positions, the
 * order of label matchers (Prometheus sorts them), and whether an empty `by ()` or
 * `ignoring ()` was written (Prometheus prints neither).
 */
function treeShape(text: string, parseOptions: ParseOptions): string {
  // endOf: a parser-internal back-reference that grammar.ts currently leaves on @ targets.
  const ignored = new Set(['range', 'hasGrouping', 'explicit', 'endOf']);
  return JSON.stringify(parsePromQL(text, parseOptions).expr, (k, v: unknown) => {
    if (ignored.has(k)) return undefined;
    if (k === 'func') return (v as { name: string }).name;
    if (k === 'labelMatchers') return (v as LabelMatcher[]).map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).sort();
    return v;
  });
}

describe('formatPromQL', () => {
  it('returns the text unchanged, with the parser\'s errors, when it cannot parse', () => {
    const text = 'sum(rate(foo[5m]) by (job)'; // missing `)`
    const result = formatPromQL(text, { pretty: true });
    assert.equal(result.text, text);
    assert.ok(result.errors.length > 0);
  });

  it('also refuses a tree that parses but fails the type checks, as Prometheus does', () => {
    const text = 'rate(foo)  +  1';
    const result = formatPromQL(text, {});
    assert.equal(result.text, text);
    assert.ok(result.errors.some((e) => /expected type range vector/.test(e.message)), JSON.stringify(result.errors));
  });

  it('drops comments, as Prometheus does', () => {
    assert.deepEqual(formatPromQL('sum(foo) # total\n', {}), { text: 'sum(foo)', errors: [] });
  });

  it('leaves empty text alone', () => {
    assert.equal(formatPromQL('  ', {}).text, '  ');
  });

  describe('format.jsonl (String() and Prettify() expectations of Prometheus 3.14)', () => {
    const cases = readCorpusJsonl<FormatCase>('promql/format.jsonl');

    it(`matches Prometheus on at least 95% of the ${cases.length} cases`, () => {
      const failures: string[] = [];
      for (const c of cases) {
        const opts = { parseOptions: optionsFromGoNames(c.parser_options), pretty: c.mode === 'prettify', maxLineLength: c.max_characters_per_line };
        const got = formatPromQL(c.input, opts);
        if (got.text !== c.output || got.errors.length > 0) {
          const why = got.errors.length > 0 ? `errors: ${got.errors.map((e) => e.message).join('; ')}` : `got:\n${got.text}`;
          failures.push(`[${c.mode}] ${c.source}:${c.line} ${JSON.stringify(c.input)}\n  want:\n${c.output}\n  ${why}`);
        }
      }
      const ok = cases.length - failures.length;
      const pct = (100 * ok) / cases.length;
      console.log(`      format.jsonl: ${ok}/${cases.length} identical (${pct.toFixed(1)}%)`);
      for (const f of failures) console.log('      ' + f.replace(/\n/g, '\n      '));
      assert.ok(pct >= 95, `only ${pct.toFixed(1)}% identical`);
    });

    // One named test per string-mode case, so a regression points at the exact construct.
    for (const c of cases.filter((x) => x.mode === 'string')) {
      it(`String(): ${c.input}`, () => {
        const got = formatPromQL(c.input, { parseOptions: optionsFromGoNames(c.parser_options) });
        assert.deepEqual(got.errors, []);
        assert.equal(got.text, c.output);
      });
    }
  });

  describe('round trip over real queries', () => {
    const sets: Array<{ name: string; queries: QueryCase[]; defaults: ParseOptions }> = [
      { name: 'promqltest_evals.jsonl', queries: readCorpusJsonl<QueryCase>('promql/promqltest_evals.jsonl'), defaults: {} },
      // Rule files are parsed with Prometheus' default options.
      { name: 'rules/exprs.jsonl', queries: readCorpusJsonl<QueryCase>('rules/exprs.jsonl'), defaults: {} },
    ];
    for (const set of sets) {
      it(`${set.name}: the formatted text parses, and formatting it again changes nothing`, () => {
        let parsed = 0;
        const broken: string[] = [];
        for (const q of set.queries) {
          const parseOptions = q.parser_options ? optionsFromGoNames(q.parser_options) : set.defaults;
          if (parsePromQL(q.input, parseOptions).errors.length > 0) continue;
          parsed++;
          // A limit of 10 splits nearly every node, the harshest test of the layout.
          const prettyOpts = { parseOptions, pretty: true, maxLineLength: 10 };
          const oneLine = formatPromQL(q.input, { parseOptions });
          const pretty = formatPromQL(q.input, prettyOpts);
          const checks: Array<[string, string, () => string]> = [
            // Formatting the one-line form again gives it back unchanged.
            ['string', oneLine.text, () => reformat(oneLine.text, { parseOptions })],
            // So does laying out the multi-line form again...
            ['pretty', pretty.text, () => reformat(pretty.text, prettyOpts)],
            // ...and the multi-line form denotes the same tree as the one-line form.
            ['pretty→string', oneLine.text, () => reformat(pretty.text, { parseOptions })],
            // The one-line form means what the input meant: the same tree, positions aside.
            ['same tree', 'same', () => (treeShape(oneLine.text, parseOptions) === treeShape(q.input, parseOptions) ? 'same' : `differs: ${oneLine.text}`)],
          ];
          for (const [what, want, again] of checks) {
            const got = oneLine.errors.length + pretty.errors.length > 0 ? '(error)' : again();
            if (got !== want) broken.push(`${what} ${q.file}:${q.line ?? ''} ${JSON.stringify(q.input)}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`);
          }
        }
        console.log(`      ${set.name}: ${parsed}/${set.queries.length} parse; ${4 * parsed - broken.length}/${4 * parsed} round trips hold (one-line, pretty, pretty→one-line, same tree)`);
        for (const b of broken) console.log('      ' + b.replace(/\n/g, '\n      '));
        assert.ok(parsed > 0, 'nothing parsed');
        assert.deepEqual(broken, []);
      });
    }
  });
});
