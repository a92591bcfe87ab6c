import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { completePromQL, staticSource } from './completion';
import { openBrackets } from './completionContext';
import { documentNames, documentNamesSource, namesIn, type DocumentNames } from './documentNames';
import { tokenize, type Token } from './tokens';
import { AGGREGATION_NAMES, getWord } from './vocabulary';
import { FUNCTIONS } from '../promql/functions';

const CORPUS = path.join(__dirname, '../../../test-fixtures/corpus/promql');

/** Corpus expressions: the parser's tests and promqltest's evaluations. */
function corpusExpressions(): string[] {
  return ['parse.jsonl', 'promqltest_evals.jsonl'].flatMap((f) =>
    fs
      .readFileSync(path.join(CORPUS, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { input?: string })
      .flatMap((r) => (typeof r.input === 'string' ? [r.input] : [])),
  );
}

/** The straightforward (quadratic) definition the cached, single-pass scan must agree with. */
function referenceNames(texts: readonly string[]): DocumentNames {
  const grouping = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
  const notMetrics = new Set(['bool', 'offset', 'inf', 'nan', 'anchored', 'smoothed', 'start', 'end']);
  const metrics = new Set<string>();
  const labels = new Set<string>();
  for (const text of texts) {
    const tokens = tokenize(text);
    tokens.forEach((t: Token, i) => {
      if (t.kind !== 'ident') return;
      const top = openBrackets(tokens.slice(0, i)).at(-1);
      if (top?.text === '{') {
        if (tokens[i + 1]?.kind === 'op') labels.add(t.text);
        return;
      }
      const before = top && tokens[tokens.indexOf(top) - 1];
      if (top?.text === '(' && before?.kind === 'ident' && grouping.has(before.text.toLowerCase())) {
        labels.add(t.text);
        return;
      }
      const lower = t.text.toLowerCase();
      if (tokens[i + 1]?.text === '(') return;
      if (FUNCTIONS.has(t.text) || AGGREGATION_NAMES.has(lower) || grouping.has(lower) || notMetrics.has(lower)) return;
      if (!getWord(lower)) metrics.add(t.text);
    });
  }
  return { metrics, labels };
}

const sorted = (s: ReadonlySet<string>) => [...s].sort();

describe('names used in a document', () => {
  it('finds metric names and label names, not functions, keywords or aggregations', () => {
    const names = namesIn([
      'sum by (job, instance) (rate(http_requests_total{code=~"5..", method!="GET"}[5m]))',
      'histogram_quantile(0.9, sum without (pod) (rate(latency_bucket[5m]))) > bool on(le) group_left(team) owner_info',
      'up offset 5m and node:cpu:rate5m @ start()',
    ]);
    assert.deepEqual([...names.metrics].sort(), ['http_requests_total', 'latency_bucket', 'node:cpu:rate5m', 'owner_info', 'up']);
    assert.deepEqual([...names.labels].sort(), ['code', 'instance', 'job', 'le', 'method', 'pod', 'team']);
  });

  it('agrees with the reference definition on every corpus expression, one by one and merged', () => {
    const texts = corpusExpressions();
    assert.ok(texts.length > 2000, `only ${texts.length} corpus expressions`);
    let withNames = 0;
    for (const text of texts) {
      const want = referenceNames([text]);
      const got = namesIn([text]);
      assert.deepEqual(sorted(got.metrics), sorted(want.metrics), text);
      assert.deepEqual(sorted(got.labels), sorted(want.labels), text);
      if (want.metrics.size + want.labels.size > 0) withNames++;
    }
    assert.ok(withNames > 1000, `only ${withNames} expressions with names`);
    const want = referenceNames(texts);
    for (const got of [namesIn(texts), namesIn(texts), documentNames('file:///corpus', 1, texts)]) {
      assert.deepEqual(sorted(got.metrics), sorted(want.metrics));
      assert.deepEqual(sorted(got.labels), sorted(want.labels));
    }
  });

  it('keeps a document\'s names for its version and recomputes them for a new one', () => {
    const v1 = documentNames('file:///a.yaml', 1, ['up{job="a"}']);
    assert.equal(documentNames('file:///a.yaml', 1, ['up{job="a"}']), v1);
    const v2 = documentNames('file:///a.yaml', 2, ['up{job="a"}', 'down{instance="b"}']);
    assert.notEqual(v2, v1);
    assert.deepEqual(sorted(v2.metrics), ['down', 'up']);
    assert.deepEqual(sorted(v2.labels), ['instance', 'job']);
    // Same version but other texts (another caller's view): not served from the cache.
    assert.deepEqual(sorted(documentNames('file:///a.yaml', 2, ['x{y="1"}']).metrics), ['x']);
  });

  it('completes them after the language\'s own items, skipping labels already in the selector', async () => {
    const texts = ['rate(http_requests_total{job="a", code="500"}[5m])'];
    const sources = [staticSource, documentNamesSource(texts)];
    const at = async (marked: string) => {
      const offset = marked.indexOf('|');
      const r = await completePromQL(marked.slice(0, offset) + marked.slice(offset + 1), offset, {}, sources);
      return r.candidates.filter((c) => c.kind === 'metric' || c.kind === 'label').map((c) => c.label);
    };
    assert.deepEqual(await at('sum(|)'), ['http_requests_total']);
    assert.deepEqual(await at('up{job="x", |}'), ['code']);
    assert.deepEqual(await at('sum by (|) (up)'), ['job', 'code']);
    assert.deepEqual(await at('up[|]'), []);
  });
});
