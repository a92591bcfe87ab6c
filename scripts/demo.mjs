// `npm run demo`: builds the extension and opens the fixture workspace (a .promql file, a rule
// file, a dashboard) in a real VS Code (code-server) on 127.0.0.1, with the extension loaded as a
// development extension, and a local Prometheus (Debian's) loaded with the deterministic fixture
// data to query. Prints the URLs; Ctrl-C stops everything.
//
//   npm run demo                  pick a free port
//   DEMO_PORT=8080 npm run demo   fixed port
//   npm run demo -- --check       start, check the page answers, stop (for CI smoke tests)
import { buildAll, ensureCodeServer, ROOT, startCodeServer, WORKSPACE } from './vscode-harness.mjs';
import { FIXTURE_END, startPrometheus } from '../test/support/realPrometheus.ts';

const check = process.argv.includes('--check');
ensureCodeServer();
await buildAll();
const prometheus = await startPrometheus();
const server = await startCodeServer({ logName: 'code-server-demo.log', port: process.env.DEMO_PORT ? Number(process.env.DEMO_PORT) : undefined });
const payload = [
  ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${ROOT}`],
  ['skipWelcome', 'true'],
];
const url = `${server.base}/?folder=${encodeURIComponent(WORKSPACE)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const stop = async (code) => {
  await server.stop();
  await prometheus.stop();
  process.exit(code);
};
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

if (check) {
  const res = await fetch(url);
  const promRes = await fetch(`${prometheus.url}/api/v1/query?query=up%20or%20vector(1)&time=${FIXTURE_END}`);
  const ok = res.ok && (await res.text()).includes('workbench') && promRes.ok;
  console.log(ok ? `demo OK: ${server.base} served the workbench, Prometheus answered at ${prometheus.url}` : `demo FAILED: ${res.status} ${promRes.status}`);
  await stop(ok ? 0 : 1);
} else {
  console.log(
    `\nMonitoring as Code demo: open this URL in a browser (code-server log: ${server.logFile})\n\n  ${url}\n\n` +
      `A Prometheus with the fixture data (two hours ending ${new Date(FIXTURE_END * 1000).toISOString()}) answers at ${prometheus.url}; try\n\n` +
      `  npx monitoring-as-code query --url ${prometheus.url} --time ${FIXTURE_END} 'sum by (job) (rate(http_requests_total[5m]))'\n\nCtrl-C stops it.`,
  );
}
