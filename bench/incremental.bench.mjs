// Per-keystroke expression extraction, incremental (documents/incremental.ts) against full, on the
// documents of the LSP benchmark (lspFixtures.mjs): one letter typed after the first metric name of
// an expression in the second half of the file, 20 times in a row, each checked against the full result.
// Run: npm run bench -- incremental
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { cleanRuleExprs, generatePromqlFile, generateRuleFile, typingPoint } from './lspFixtures.mjs';
import { median } from './stats.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.join(repo, 'test-fixtures/corpus');
const EDITS = 20;

export async function run() {
  const [{ parsePromQL }, { walk }, { documentExpressions }, { reextractIncrementally }] = await Promise.all([
    import('../server/src/promql/parse.ts'),
    import('../server/src/promql/ast.ts'),
    import('../server/src/features/expressions.ts'),
    import('../server/src/documents/incremental.ts'),
  ]);

  const exprs = cleanRuleExprs(corpus, parsePromQL);
  const docs = [
    { uri: 'file:///w/node-exporter-full.json', languageId: 'json', text: readFileSync(path.join(corpus, 'dashboards/rfmoz/node-exporter-full.json'), 'utf8') },
    { uri: 'file:///w/rules-5000.yml', languageId: 'yaml', text: generateRuleFile(exprs, 5000, parsePromQL, walk).text },
    { uri: 'file:///w/queries-200.promql', languageId: 'promql', text: generatePromqlFile(exprs, 200) },
  ];

  const same = (a, b) => a.length === b.length && a.every((e, i) => e.text === b[i].text && e.source === b[i].source
    && e.range.start === b[i].range.start && e.range.end === b[i].range.end && e.label === b[i].label
    && Array.from({ length: e.text.length + 1 }, (_, o) => o).every((o) => e.toFileOffset(o) === b[i].toFileOffset(o)));

  for (const d of docs) {
    let text = d.text;
    let expressions = documentExpressions(d.uri, text, d.languageId);
    let at = typingPoint(expressions, parsePromQL, walk).fileOffset;
    const full = [];
    const incremental = [];
    let hits = 0;
    for (let k = 0; k < EDITS + 3; k++) {
      const next = text.slice(0, at) + 'x' + text.slice(at);
      let t0 = performance.now();
      const got = reextractIncrementally(text, expressions, next);
      const tIncremental = performance.now() - t0;
      t0 = performance.now();
      const want = documentExpressions(d.uri, next, d.languageId);
      const tFull = performance.now() - t0;
      if (got && !same(got, want)) throw new Error(`${d.uri}: incremental result differs at keystroke ${k}`);
      if (k >= 3) {
        full.push(tFull);
        if (got) {
          hits++;
          incremental.push(tIncremental);
        }
      }
      text = next;
      expressions = got ?? want;
      at++;
    }
    const name = d.uri.split('/').pop();
    const inc = incremental.length ? `${median(incremental).toFixed(2)} ms median (max ${Math.max(...incremental).toFixed(2)})` : 'n/a';
    console.log(`${name} (${(d.text.length / 1024).toFixed(0)} KiB, ${expressions.length} expressions): full ${median(full).toFixed(1)} ms median; incremental ${inc}; ${hits}/${EDITS} keystrokes incremental`);
  }
}
