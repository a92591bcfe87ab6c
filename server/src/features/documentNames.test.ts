import * as assert from 'node:assert/strict';
import { completePromQL, staticSource } from './completion';
import { documentNamesSource, namesIn } from './documentNames';

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
