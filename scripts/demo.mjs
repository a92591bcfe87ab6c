// `npm run demo`: builds the extension and opens the fixture workspace (a .promql file, a rule
// file, a dashboard) in a real VS Code (code-server) on 127.0.0.1, with the extension loaded as a
// development extension. Prints the URL to open; Ctrl-C stops everything.
//
//   npm run demo                  pick a free port
//   DEMO_PORT=8080 npm run demo   fixed port
//   npm run demo -- --check       start, check the page answers, stop (for CI smoke tests)
import { buildAll, ensureCodeServer, ROOT, startCodeServer, WORKSPACE } from './vscode-harness.mjs';

const check = process.argv.includes('--check');
ensureCodeServer();
await buildAll();
const server = await startCodeServer({ logName: 'code-server-demo.log', port: process.env.DEMO_PORT ? Number(process.env.DEMO_PORT) : undefined });
const payload = [
  ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${ROOT}`],
  ['skipWelcome', 'true'],
];
const url = `${server.base}/?folder=${encodeURIComponent(WORKSPACE)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const stop = async (code) => {
  await server.stop();
  process.exit(code);
};
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

if (check) {
  const res = await fetch(url);
  const ok = res.ok && (await res.text()).includes('workbench');
  console.log(ok ? `demo OK: ${server.base} served the workbench` : `demo FAILED: ${res.status}`);
  await stop(ok ? 0 : 1);
} else {
  console.log(`\nMonitoring as Code demo: open this URL in a browser (code-server log: ${server.logFile})\n\n  ${url}\n\nCtrl-C stops it.`);
}
