// `npm run demo`: builds the extension and opens the fixture workspace (a .promql file, a rule
// file, a dashboard) in a real VS Code (code-server) on 127.0.0.1, with the extension loaded as a
// development extension, and a local Prometheus (Debian's) loaded with the deterministic fixture
// data to query. That Prometheus is the demo's data source (in code-server's user settings) and
// its two hours of data are moved to end now, so "Run query" draws a graph at once with the
// panel's default range (last hour). Prints the URLs; Ctrl-C stops everything.
//
//   npm run demo                  pick a free port
//   DEMO_PORT=8080 npm run demo   fixed port
//   npm run demo -- --check       start, check the page answers, stop (for CI smoke tests)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAll, ensureCodeServer, ROOT, startCodeServer, WORKSPACE } from './vscode-harness.mjs';
import { FIXTURE_OM, FIXTURE_START, startPrometheus } from '../test/support/realPrometheus.ts';

const check = process.argv.includes('--check');
ensureCodeServer();
await buildAll();
// The fixture data, its timestamps moved by a whole number of 15 s steps so that it ends now.
const SHIFT = Math.floor((Date.now() / 1000 - 7200 - FIXTURE_START) / 15) * 15;
const DATA_END = FIXTURE_START + 7200 + SHIFT;
const dataDir = mkdtempSync(join(tmpdir(), 'mac-demo-data-'));
const shiftedOm = join(dataDir, 'demo.om');
writeFileSync(
  shiftedOm,
  readFileSync(FIXTURE_OM, 'utf8').replace(/^([^#\n].* )(\d+)$/gm, (_, head, t) => `${head}${Number(t) + SHIFT}`),
);
const prometheus = await startPrometheus({ omFile: shiftedOm });
const server = await startCodeServer({
  logName: 'code-server-demo.log',
  port: process.env.DEMO_PORT ? Number(process.env.DEMO_PORT) : undefined,
  settings: {
    'monitoring.datasources': [{ name: 'demo', url: prometheus.url }],
    'monitoring.defaultDatasource': 'demo',
  },
});
const payload = [
  ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${ROOT}`],
  ['skipWelcome', 'true'],
];
const url = `${server.base}/?folder=${encodeURIComponent(WORKSPACE)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const stop = async (code) => {
  await server.stop();
  await prometheus.stop();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
};
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

if (check) {
  const res = await fetch(url);
  // The last hour (the results panel's default range) holds the fixture's series.
  const promRes = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent('count(count_over_time(http_requests_total[1h]))')}`);
  const promBody = promRes.ok ? await promRes.json() : undefined;
  const seriesLastHour = Number(promBody?.data?.result?.[0]?.value?.[1] ?? 0);
  const userSettings = JSON.parse(readFileSync(join(server.stateDir, 'user-data', 'User', 'settings.json'), 'utf8'));
  const configured = userSettings['monitoring.datasources']?.[0]?.url === prometheus.url;
  const ok = res.ok && (await res.text()).includes('workbench') && seriesLastHour === 4 && configured;
  console.log(
    ok
      ? `demo OK: ${server.base} served the workbench; Prometheus at ${prometheus.url} (the demo's data source) has ${seriesLastHour} http_requests_total series in the last hour`
      : `demo FAILED: workbench ${res.status}, Prometheus ${promRes.status} with ${seriesLastHour} series in the last hour, data source configured: ${configured}`,
  );
  await stop(ok ? 0 : 1);
} else {
  console.log(
    `\nMonitoring as Code demo: open this URL in a browser (code-server log: ${server.logFile})\n\n  ${url}\n\n` +
      `A Prometheus with the fixture data (two hours ending ${new Date(DATA_END * 1000).toISOString()}) answers at ${prometheus.url}\n` +
      `and is the editor's data source: open queries.promql and click "▶ Run query" (or Monitoring: Run Query). On the command line:\n\n` +
      `  npx monitoring-as-code query --url ${prometheus.url} --time ${DATA_END} 'sum by (job) (rate(http_requests_total[5m]))'\n\nCtrl-C stops it.`,
  );
}
