// In a mocha suite: a real Prometheus with the fixture data for the suite's tests, and a client of
// it, handed to `ready` once it answers; stopped after the suite.
import { PrometheusClient } from '../../server/src/prometheus/client';
import { startPrometheus, type RunningPrometheus } from './realPrometheus';

export function fixturePrometheus(ready: (prom: RunningPrometheus, client: PrometheusClient) => void): void {
  let prom: RunningPrometheus | undefined;
  before(async () => {
    prom = await startPrometheus();
    ready(prom, new PrometheusClient({ name: 'fixture', url: prom.url }));
  });
  after(async () => prom?.stop());
}
