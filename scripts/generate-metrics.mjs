// Writes test-fixtures/metrics/fixture.om: deterministic OpenMetrics data for the real Prometheus
// that tests and the demo start. Fixed timestamps (seconds), every value a simple function of time,
// so tests can assert exact results. Run again only when the data set should change.
import { writeFileSync } from 'node:fs';

export const START = 1_700_000_000; // 2023-11-14T22:13:20Z
export const STEP = 15; // seconds between samples
export const POINTS = 481; // two hours of samples, START .. START + 7200

const lines = [];
const family = (name, type, help, series) => {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  for (const [labels, valueAt, suffix = ''] of series) {
    for (let i = 0; i < POINTS; i++) {
      const t = START + i * STEP;
      lines.push(`${name}${suffix}{${labels}} ${valueAt(i)} ${t}`);
    }
  }
};

// Counters grow by a fixed amount per sample: rate() over any window is that amount / 15 s.
family('http_requests', 'counter', 'Requests served.', [
  ['job="api",instance="api-1:8080",code="200"', (i) => i * 30, '_total'], // 2 req/s
  ['job="api",instance="api-2:8080",code="200"', (i) => i * 15, '_total'], // 1 req/s
  ['job="api",instance="api-1:8080",code="500"', (i) => i * 3, '_total'], // 0.2 req/s
  ['job="web",instance="web-1:80",code="200"', (i) => i * 45, '_total'], // 3 req/s
]);
family('node_memory_used_bytes', 'gauge', 'Memory in use.', [
  ['job="node",instance="node-1:9100"', () => 1073741824], // exactly 1 GiB
  ['job="node",instance="node-2:9100"', (i) => 536870912 + i * 1024],
]);
family('temperature_celsius', 'gauge', 'A sine wave, for charts.', [
  ['job="sensors",room="lab"', (i) => (20 + 5 * Math.sin((2 * Math.PI * i) / 240)).toFixed(3)],
]);
// Label values that must be escaped wherever they are shown.
family('xss_probe', 'gauge', 'Labels with markup in them.', [
  ['job="<script>alert(1)</script>",note="<img src=x onerror=alert(2)>&amp;\\"quoted\\""', () => 1],
]);

lines.push('# EOF');
writeFileSync(new URL('../test-fixtures/metrics/fixture.om', import.meta.url), lines.join('\n') + '\n');
console.log(`wrote ${lines.length} lines`);
