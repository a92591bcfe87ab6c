// checkAST through the real parser, on the reference corpus: Go's expected type-check errors
// (parse_test.go) and inputs Prometheus accepts (promqltest evals, real rule files). Until
// parse.ts stops being a stub this suite only asserts that it still is one.
import { strict as assert } from 'node:assert';
import { readCorpusJsonl } from '../testing/corpus';
import { exprType } from './ast';
import { isCheckMessage } from './checker.testutil';
import { parsePromQL } from './parse';
import type { ParseOptions, PromQLError } from './types';
import { optionsFromGoNames } from './types';
import { utf8ByteOffset } from '../text/utf8';



interface GoError {
  msg: string;
  start: number;
  end: number;
}

interface ParseCase {
  id: string;
  input: string;
  input_base64?: string;
  valid: boolean;
  error?: string;
  errors?: GoError[];
  errors_repeat?: Array<GoError & { startStep: number; endStep: number; count: number }>;
  parser_options: string[];
}

interface CodemirrorCase {
  input: string;
  expectedValueType: string;
  diagnostics: Array<{ message: string; severity: string }>;
  line: number;
}

const ALL_OPTIONS: ParseOptions = {
  enableExperimentalFunctions: true,
  experimentalDurationExpr: true,
  enableExtendedRangeSelectors: true,
  enableBinopFillModifiers: true,
};

function goErrors(c: ParseCase): GoError[] {
  if (c.errors) return c.errors;
  const out: GoError[] = [];
  for (const r of c.errors_repeat ?? []) {
    for (let i = 0; i < r.count; i++) out.push({ msg: r.msg, start: r.start + i * r.startStep, end: r.end + i * r.endStep });
  }
  return out;
}

/** Our errors in the corpus' terms: UTF-8 byte offsets. */
function asGo(input: string, errors: PromQLError[]): GoError[] {
  return errors.map((e) => ({ msg: e.message, start: utf8ByteOffset(input, e.range.start), end: utf8ByteOffset(input, e.range.end) }));
}

const typeCheckErrors = (errors: PromQLError[]): PromQLError[] => errors.filter((e) => isCheckMessage(e.message));

/** The Go message a codemirror-promql diagnostic stands for, where the two agree on the rule. */
function goPatternFor(cm: string, input: string): RegExp | null {
  const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const documented = (t: string) => (t === 'vector' ? 'instant vector' : t === 'matrix' ? 'range vector' : t);
  if (cm === 'set operator not allowed in binary scalar expression') return /^set operator "\w+" not allowed in binary scalar expression$/;
  if (cm === 'no grouping allowed for set operations') return /^no grouping allowed for "\w+" operation$/;
  if (cm.startsWith('expected label selectors as the second argument to "info"')) {
    return /^expected label selectors only, got vector selector instead$/;
  }
  const typed = /^expected type (\w+) in call to function "(\w+)", got (\w+)$/.exec(cm);
  if (typed) return new RegExp(`^${quote(`expected type ${documented(typed[1])} in call to function "${typed[2]}", got ${documented(typed[3])}`)}$`);
  const twice = /^metric name must not be set twice: (.+) or (.+)$/.exec(cm);
  if (twice) {
    // Go only compares a name written before the braces with __name__ matchers inside them.
    if (!/^[a-zA-Z_:]/.test(input)) return null;
    return new RegExp(`^${quote(`metric name must not be set twice: "${twice[1]}" or "${twice[2]}"`)}$`);
  }
  return isCheckMessage(cm) ? new RegExp(`^${quote(cm)}$`) : null;
}

const parserReady = parsePromQL('1').errors[0]?.message !== 'not implemented';

describe('checkAST through parsePromQL on the corpus', () => {
  if (!parserReady) {
    it('waits for the parser: parse.ts still returns the stub error', () => {
      assert.equal(parsePromQL('1').errors[0]?.message, 'not implemented');
    });
    return;
  }

  const parseCases = readCorpusJsonl<ParseCase>('promql/parse.jsonl').filter((c) => c.input_base64 === undefined);

  describe('parse.jsonl cases whose first error comes from checkAST: all errors, Go byte ranges', () => {
    for (const c of parseCases.filter((p) => !p.valid && isCheckMessage(p.error ?? ''))) {
      it(`${c.id}: ${c.input.length > 60 ? c.input.slice(0, 60) + '…' : c.input}`, () => {
        const got = asGo(c.input, parsePromQL(c.input, optionsFromGoNames(c.parser_options)).errors);
        const want = goErrors(c);
        if (want.length > 20) {
          // The 55 KB case: compare without a 10,999-line diff.
          assert.equal(got.length, want.length, 'number of errors');
          const first = want.findIndex((w, i) => JSON.stringify(w) !== JSON.stringify(got[i]));
          assert.equal(first, -1, `first difference at ${first}: ${JSON.stringify(got[first])}`);
        } else {
          assert.deepEqual(got, want);
        }
      });
    }
  });

  describe('no type-check error on input Prometheus accepts', () => {
    const accepted: Array<[string, string, ParseOptions]> = [
      ...parseCases.filter((c) => c.valid).map((c): [string, string, ParseOptions] => [`parse.jsonl ${c.id}`, c.input, optionsFromGoNames(c.parser_options)]),
      ...readCorpusJsonl<{ input: string; parser_options: string[]; file: string; line: number }>('promql/promqltest_evals.jsonl').map(
        (c): [string, string, ParseOptions] => [`${c.file}:${c.line}`, c.input, optionsFromGoNames(c.parser_options)],
      ),
      ...readCorpusJsonl<{ input: string; file: string; name: string }>('rules/exprs.jsonl').map(
        (c): [string, string, ParseOptions] => [`${c.file} ${c.name}`, c.input, {}],
      ),
    ];
    it(`${accepted.length} expressions`, () => {
      const failures = accepted
        .map(([where, input, opts]) => ({ where, errors: typeCheckErrors(parsePromQL(input, opts).errors) }))
        .filter((f) => f.errors.length > 0)
        .map((f) => `${f.where}: ${f.errors[0].message}`);
      assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${accepted.length} got a type-check error`);
    });
  });

  describe('codemirror-promql type-check cases, where Go has the same rule', () => {
    for (const c of readCorpusJsonl<CodemirrorCase>('promql/codemirror_typecheck.jsonl')) {
      const result = parsePromQL(c.input, ALL_OPTIONS);
      // Inputs Go rejects for syntax (codemirror's parser is looser) say nothing about checkAST.
      if (result.expr === null || result.errors.some((e) => !isCheckMessage(e.message))) continue;
      const expected = c.diagnostics.filter((d) => d.severity === 'error').map((d) => goPatternFor(d.message, c.input));
      if (expected.some((p) => p === null)) continue;
      it(`line ${c.line}: ${c.input.split('\n')[0].slice(0, 70)}`, () => {
        assert.equal(exprType(result.expr!), c.expectedValueType, 'value type');
        const messages = result.errors.map((e) => e.message);
        assert.equal(messages.length, expected.length, `errors: ${JSON.stringify(messages)}`);
        expected.forEach((p, i) => assert.match(messages[i], p!));
      });
    }
  });
});
