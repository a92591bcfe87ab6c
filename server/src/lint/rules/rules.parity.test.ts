// Parity with Prometheus' own rule-file tests (model/rulefmt/rulefmt_test.go), from the corpus:
// expectedErrors (the first error must contain errMsg), goodFiles (no errors), inlineCases.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkRuleFile } from './index';
import type { NameValidationScheme } from './names';
import { CORPUS, PARSER_READY } from './testutil';

interface Expected { file: string; errMsg: string; nameValidationScheme: string }
interface Good { file: string; nameValidationScheme: string }
interface Inline { yaml: string; valid: boolean; errorCount?: number; nameValidationScheme: string; test: string; line: number }

const data = JSON.parse(readFileSync(join(CORPUS, 'rulefmt', 'rules-errors.json'), 'utf8')) as {
  expectedErrors: Expected[]; goodFiles: Good[]; inlineCases: Inline[];
};
const scheme = (s: string): NameValidationScheme => (s === 'LegacyValidation' ? 'legacy' : 'utf8');
const errorsOf = (text: string, s: string) => checkRuleFile(text, { nameValidationScheme: scheme(s) }).filter((d) => d.severity === 'error');
const read = (f: string) => readFileSync(join(CORPUS, 'rulefmt', 'testdata', f), 'utf8');

describe('rule files: parity with Prometheus rulefmt tests', () => {
  const tally = { expected: [0, 0], good: [0, 0], inline: [0, 0] };
  const count = (k: keyof typeof tally, fn: () => void) => () => {
    tally[k][1]++;
    fn();
    tally[k][0]++;
  };
  after(() => {
    console.log(
      `      rulefmt parity: expectedErrors ${tally.expected[0]}/${tally.expected[1]}, ` +
        `goodFiles ${tally.good[0]}/${tally.good[1]}, inlineCases ${tally.inline[0]}/${tally.inline[1]}` +
        (PARSER_READY ? '' : ' (PromQL parser still a stub: cases that need it were not run)'),
    );
  });

  it('has the corpus tables', () => {
    assert.equal(data.expectedErrors.length, 11);
    assert.equal(data.goodFiles.length, 5);
    assert.equal(data.inlineCases.length, 9);
  });

  for (const c of data.expectedErrors) {
    if (!PARSER_READY && c.file === 'bad_expr.bad.yaml') continue;
    it(`${c.file}: first error contains ${JSON.stringify(c.errMsg)}`, count('expected', () => {
      const errs = errorsOf(read(c.file), c.nameValidationScheme);
      assert.ok(errs.length >= 1, 'expected at least one error');
      assert.ok(errs[0].message.includes(c.errMsg), `first error: ${errs[0].message}`);
    }));
  }

  if (PARSER_READY) {
    for (const c of data.goodFiles) {
      it(`${c.file} (${c.nameValidationScheme}): no errors`, count('good', () => {
        assert.deepEqual(errorsOf(read(c.file), c.nameValidationScheme).map((d) => d.message), []);
      }));
    }
    data.inlineCases.forEach((c) => {
      const what = c.valid ? 'no errors' : c.errorCount ? `exactly ${c.errorCount} errors` : 'an error';
      it(`${c.test} (line ${c.line}): ${what}`, count('inline', () => {
        const errs = errorsOf(c.yaml, c.nameValidationScheme);
        if (c.valid) assert.deepEqual(errs.map((d) => d.message), []);
        else if (c.errorCount) assert.equal(errs.length, c.errorCount, errs.map((d) => d.message).join('\n'));
        else assert.ok(errs.length >= 1);
      }));
    });
  }

  it('reports template errors with Go\'s message and on the template text', () => {
    const bad = data.inlineCases.filter((c) => c.test === 'TestTemplateParsing' && !c.valid);
    assert.equal(bad.length, 3);
    const want = ['undefined variable "$label"', 'undefined variable "$this_is_wrong"', 'unexpected "*" in operand'];
    bad.forEach((c, i) => {
      const d = checkRuleFile(c.yaml).find((x) => x.ruleId === 'rule/template-invalid');
      assert.ok(d, 'a template diagnostic');
      assert.match(d.message, /^(label|annotation) "[a-z]+": template: __alert_InstanceDown:1: /);
      assert.ok(d.message.endsWith(want[i]), d.message);
      const underlined = c.yaml.slice(d.range.start, d.range.end);
      assert.ok(underlined.length > 0 && underlined.endsWith('}}'), underlined);
    });
  });
});
