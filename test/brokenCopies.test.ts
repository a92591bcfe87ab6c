// Real files, deliberately broken: in every corpus rule file and dashboard, one letter of each
// expression's first function name is changed in the file's own text (through whatever quoting
// and escaping it uses). The error must land on exactly that function name in the file, both in
// the as-you-type diagnostics and in the full lint the CLI runs.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { documentExpressions } from '../server/src/documents/expressions';
import { lintFile } from '../server/src/lint/index';
import { walk, type Call } from '../server/src/promql/ast';
import { parsePromQL } from '../server/src/promql/parse';

const CORPUS = path.join(__dirname, '../test-fixtures/corpus');

function corpusFiles(): string[] {
  const out: string[] = [];
  for (const dir of ['rules/awesome-prometheus-alerts', 'rules/kube-prometheus', 'dashboards/dotdc', 'dashboards/kube-prometheus', 'dashboards/rfmoz']) {
    for (const f of readdirSync(path.join(CORPUS, dir)).sort()) out.push(path.join(CORPUS, dir, f));
  }
  return out;
}

function firstCall(text: string): Call | undefined {
  const { expr } = parsePromQL(text);
  let found: Call | undefined;
  if (expr) walk(expr, (n) => {
    if (!found && n.type === 'Call') found = n;
  });
  return found;
}

describe('deliberately broken copies of the corpus files', function () {
  this.timeout(120_000);
  const files = corpusFiles();

  it('finds the corpus files', () => assert.ok(files.length >= 30, `${files.length} files`));

  for (const file of files) {
    it(`${path.relative(CORPUS, file)}: a misspelt function is reported on its name in the file`, () => {
      const text = readFileSync(file, 'utf8');
      const { expressions } = documentExpressions(file, text);
      assert.ok(expressions.length > 0, 'no expressions found');
      let checked = 0;
      // Up to 15 expressions per file keeps the suite quick; they are spread over the file.
      const step = Math.max(1, Math.floor(expressions.length / 15));
      for (let i = 0; i < expressions.length; i += step) {
        const e = expressions[i];
        if (parsePromQL(e.text).errors.length > 0) continue;
        const call = firstCall(e.text);
        if (!call) continue;
        const nameStart = call.range.start;
        const name = call.func.name;
        const at = e.toFileOffset(nameStart + 1);
        // One letter of the name in the file itself (never an escape: names are plain letters).
        if (!/[a-z]/.test(text[at] ?? '')) continue;
        const replacement = text[at] === 'q' ? 'z' : 'q';
        const broken = text.slice(0, at) + replacement + text.slice(at + 1);
        const brokenName = name.slice(0, 1) + replacement + name.slice(2);

        const after = documentExpressions(file, broken).expressions;
        assert.equal(after.length, expressions.length, 'the edit changed the file structure');
        const b = after[i];
        const errors = parsePromQL(b.text).errors;
        assert.equal(errors[0]?.message, `unknown function with name "${brokenName}"`, `${e.label}: ${b.text}`);
        const wantStart = e.toFileOffset(nameStart);
        const wantEnd = b.toFileOffset(nameStart + name.length);
        assert.deepEqual(
          { start: b.toFileOffset(errors[0].range.start), end: b.toFileOffset(errors[0].range.end) },
          { start: wantStart, end: wantEnd },
          `${e.label}: diagnostic not on the name`,
        );
        assert.equal(broken.slice(wantStart, wantEnd), brokenName);

        // The CLI's full lint reports it at the same place, under the file kind's PromQL rule.
        const report = lintFile(file, broken)!;
        const hit = report.diagnostics.find((d) => d.message.includes(`unknown function with name "${brokenName}"`));
        assert.ok(hit, `lint lost the error: ${report.diagnostics.map((d) => d.message).join('; ')}`);
        assert.equal(hit.severity, 'error');
        assert.ok(hit.range.start === wantStart || (hit.range.start <= wantStart && hit.range.end >= wantEnd), `lint range ${JSON.stringify(hit.range)} vs ${wantStart}-${wantEnd}`);
        checked++;
      }
      assert.ok(checked > 0, 'no expression with a function call was checked');
    });
  }
});
