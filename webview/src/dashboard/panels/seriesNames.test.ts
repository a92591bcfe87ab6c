// Series names as Grafana gives them for Prometheus queries: getName in pkg/promlib (legend
// format, else metric{labels}, else the query) and, for the "Auto" legend, the frontend's
// getSingleLabelName (every series with one and the same label: just its value).
import { strict as assert } from 'node:assert';
import type { TargetResult } from '../../dashboardProtocol';
import { dataSourceSeriesName, singleLabelName } from './common';

const result = (...metrics: Array<Record<string, string>>): TargetResult => ({
  refId: 'A', expr: 'q', mode: 'instant', data: { resultType: 'vector', series: metrics.map((metric) => ({ metric, values: [[0, '1']] })) },
} as unknown as TargetResult);

describe('series names (Grafana: getName, getSingleLabelName)', () => {
  // [labels, legend format, the single label of the panel, name]
  const cases: Array<[Record<string, string>, string | undefined, string | undefined, string]> = [
    [{ __name__: 'up', job: 'api', instance: 'a:1' }, undefined, undefined, 'up{instance="a:1", job="api"}'],
    [{ job: 'api' }, undefined, 'job', '{job="api"}'], // only "Auto" shortens
    [{ job: 'api' }, '__auto', 'job', 'api'],
    [{ job: 'api', code: '500' }, '__auto', undefined, '{code="500", job="api"}'],
    [{}, '__auto', undefined, 'sum(rate(x[5m]))'], // no labels: the query
    [{}, undefined, undefined, 'sum(rate(x[5m]))'],
    [{ job: 'api' }, '{{job}} requests', 'job', 'api requests'],
    [{ __name__: 'up' }, undefined, '__name__', 'up'],
  ];
  for (const [labels, legend, single, name] of cases) {
    it(`${JSON.stringify(labels)} ${legend ?? '(no legend)'} → ${name}`, () => assert.equal(dataSourceSeriesName(labels, legend, 'sum(rate(x[5m]))', single), name));
  }
  it('finds the one label every series has alone, across the targets', () => {
    assert.equal(singleLabelName([result({ job: 'a' }, { job: 'b' }), result({ job: 'c' }, {})]), 'job');
    assert.equal(singleLabelName([result({ job: 'a' }), result({ instance: 'x' })]), undefined);
    assert.equal(singleLabelName([result({ job: 'a', code: '1' })]), undefined);
    assert.equal(singleLabelName([result({})]), undefined);
  });
});
