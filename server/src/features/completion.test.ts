import * as assert from 'node:assert/strict';
import { FUNCTIONS } from '../promql/functions';
import { completePromQL, staticSource, type CompletionCandidate, type CompletionSource } from './completion';

async function labels(marked: string, opts = {}, sources?: CompletionSource[]): Promise<string[]> {
  const offset = marked.indexOf('|');
  const r = await completePromQL(marked.slice(0, offset) + marked.slice(offset + 1), offset, opts, sources);
  return r.candidates.map((c) => c.label);
}

describe('completePromQL', () => {
  it('offers every stable function and aggregation where an expression starts', async () => {
    const got = new Set(await labels('sum(|)'));
    for (const f of FUNCTIONS.values()) assert.equal(got.has(f.name), !f.experimental, f.name);
    for (const a of ['sum', 'avg', 'topk', 'quantile', 'count_values']) assert.ok(got.has(a), a);
    assert.ok(!got.has('limitk'));
  });

  it('offers experimental functions when the setting is on', async () => {
    const got = new Set(await labels('|', { enableExperimentalFunctions: true }));
    for (const f of FUNCTIONS.values()) assert.ok(got.has(f.name), f.name);
    assert.ok(got.has('limitk') && got.has('limit_ratio'));
  });

  const table: Array<[string, string[], string[]]> = [
    // text, must include, must not include
    ['up |', ['and', 'or', 'unless', '+', '==', 'offset', '@', 'atan2'], ['by', 'rate', 'bool']],
    ['sum(up) |', ['by', 'without', 'and', '*'], ['offset']],
    ['sum |', ['by', 'without'], ['rate', 'and']],
    ['a > |', ['bool', 'on', 'ignoring', 'rate'], ['group_left']],
    ['a + |', ['on', 'ignoring', 'rate'], ['bool']],
    ['a + on(job) |', ['group_left', 'group_right', 'rate'], ['on']],
    ['up{job |}', ['=', '!=', '=~', '!~'], ['rate']],
    ['up @ |', ['start()', 'end()'], ['rate']],
    ['up[|]', ['5m', '1h'], ['rate']],
    ['up[3|]', ['3s', '3m', '3h', '3d', '3w', '3y', '3ms'], ['5m']],
    ['up offset |', ['5m'], ['rate']],
    ['# |', [], ['rate', 'sum']],
    ['up{|}', [], ['rate', '=']],
    ['up[5m] |', ['offset'], ['anchored']],
  ];
  for (const [text, include, exclude] of table) {
    it(JSON.stringify(text), async () => {
      const got = new Set(await labels(text));
      for (const l of include) assert.ok(got.has(l), `missing ${l}`);
      for (const l of exclude) assert.ok(!got.has(l), `unexpected ${l}`);
    });
  }

  // Where the grammar (promql/chevrotainGrammar.ts) decides what may come next.
  const grammarTable: Array<[string, string[], string[]]> = [
    ['sum(x) by (job) |', ['and', '+', '=='], ['by', 'offset']],
    ['sum by (a) (x) |', ['and', '*'], ['by', 'without']],
    ['up offset 5m |', ['@', 'and', '+'], ['offset']],
    ['up @ start() |', ['offset', 'or'], ['@']],
    ['up offset -5m @ 10 |', ['unless', '/'], ['offset', '@']],
    ['rate(x[5m]) offset 5m |', ['and'], ['offset', '@']],
    ['a + on(x) group_left(y) |', ['rate', 'sum'], ['on', 'ignoring', 'group_left', 'bool']],
    ['a > bool |', ['on', 'ignoring', 'rate'], ['bool', 'group_left']],
  ];
  for (const [text, include, exclude] of grammarTable) {
    it(`grammar: ${JSON.stringify(text)}`, async () => {
      const got = new Set(await labels(text));
      for (const l of include) assert.ok(got.has(l), `missing ${l}`);
      for (const l of exclude) assert.ok(!got.has(l), `unexpected ${l}`);
    });
  }

  it('offers feature-flagged modifiers only with their flags', async () => {
    assert.ok((await labels('up[5m] |', { enableExtendedRangeSelectors: true })).includes('anchored'));
    assert.ok((await labels('a + |', { enableBinopFillModifiers: true })).includes('fill'));
    assert.ok(!(await labels('a + |')).includes('fill'));
  });

  it('inserts functions as snippets with the cursor inside the parentheses', async () => {
    const r = await completePromQL('ra', 2, {});
    const rate = r.candidates.find((c) => c.label === 'rate')!;
    assert.deepEqual([rate.insertText, rate.snippet, rate.kind], ['rate($1)', true, 'function']);
    assert.deepEqual(r.replace, { start: 0, end: 2 });
    assert.equal(r.candidates.find((c) => c.label === 'time')?.insertText, 'time()');
  });

  it('merges a backend source after the language, which keeps working when the backend fails', async () => {
    const metrics: CompletionSource = {
      name: 'metrics',
      candidates: async ({ context }) =>
        context.kind === 'expression' ? [{ label: 'http_requests_total', kind: 'metric' } satisfies CompletionCandidate] : [],
    };
    const labelValues: CompletionSource = {
      name: 'values',
      candidates: ({ context }) =>
        context.kind === 'labelValue' ? [{ label: `${context.metric}/${context.label}`, kind: 'value' }] : [],
    };
    const broken: CompletionSource = { name: 'broken', candidates: () => Promise.reject(new Error('connection refused')) };
    const sources = [staticSource, metrics, labelValues, broken];
    const atStart = await labels('|', {}, sources);
    assert.ok(atStart.includes('rate') && atStart.includes('http_requests_total'));
    assert.deepEqual(await labels('up{job="|"}', {}, sources), ['up/job']);
  });
});
