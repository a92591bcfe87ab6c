// Runs the integration suite (client/src/test/suite) inside a real VS Code: code-server, driven by
// headless Debian Chromium through playwright-core. Exits with mocha's code. A screenshot of the
// editor at the end goes to test-output/vscode-tests.png.
//
//   node scripts/run-vscode-tests.mjs            (npm run test:vscode)
//   VSCODE_TEST_VERBOSE=1 ...                     also prints the workbench's own console
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { buildAll, CHROMIUM, CHROMIUM_ARGS, ensureCodeServer, ROOT, startCodeServer, WORKSPACE } from './vscode-harness.mjs';

const TIMEOUT_MS = Number(process.env.VSCODE_TEST_TIMEOUT_MS || 240_000);
const verbose = !!process.env.VSCODE_TEST_VERBOSE;

if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH)`);
  process.exit(1);
}
ensureCodeServer();
await buildAll();

const started = Date.now();
mkdirSync(join(ROOT, 'test-output'), { recursive: true });
const shot = join(ROOT, 'test-output', 'vscode-tests.png');
// The suite calls this address when the editor shows the fixture with its diagnostics, before the
// extension host shuts down (which clears them).
let page;
let shotTaken = false;
// `?name=x` saves test-output/x.png instead of the default screenshot.
const shooter = createServer(async (req, res) => {
  try {
    const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name');
    const file = name && /^[a-z0-9-]+$/.test(name) ? join(ROOT, 'test-output', `${name}.png`) : shot;
    if (page) {
      await page.screenshot({ path: file });
      if (file === shot) shotTaken = true;
      console.log(`Screenshot: ${file}`);
    }
  } catch (e) {
    console.error(`screenshot failed: ${e.message}`);
  }
  res.end('ok');
});
await new Promise((r) => shooter.listen(0, '127.0.0.1', r));
const server = await startCodeServer({
  logName: 'code-server-tests.log',
  env: { VSCODE_TEST_SCREENSHOT_URL: `http://127.0.0.1:${shooter.address().port}/` },
});
const browserDir = mkdtempSync(join(tmpdir(), 'mac-chromium-'));
let context;
let code = 1;
const cleanup = async () => {
  await context?.close().catch(() => {});
  rmSync(browserDir, { recursive: true, force: true });
  shooter.close();
  await server.stop();
};
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
process.once('SIGTERM', () => void cleanup().then(() => process.exit(143)));

try {
  context = await chromium.launchPersistentContext(browserDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());

  let finish;
  const finished = new Promise((r) => (finish = r));
  // The workbench calls this with mocha's exit code when the extension tests end.
  await page.exposeFunction('codeAutomationExit', (exitCode) => finish(Number(exitCode)));
  page.on('console', (msg) => void printConsole(msg));
  page.on('pageerror', (err) => verbose && console.error(`[page error] ${err.message}`));

  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(join(ROOT, 'client', 'out', 'test', 'suite', 'index.js'))],
    ['skipWelcome', 'true'],
  ];
  const url = `${server.base}/?folder=${encodeURIComponent(WORKSPACE)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);

  const timeout = new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS));
  const result = await Promise.race([finished, timeout]);
  if (result === 'timeout') {
    console.error(`The extension tests did not finish within ${TIMEOUT_MS / 1000} s (code-server log: ${server.logFile}).`);
    code = 1;
  } else {
    code = result;
  }
  if (!shotTaken) {
    await page.screenshot({ path: shot }).catch((e) => console.error(`screenshot failed: ${e.message}`));
    console.log(`Screenshot (at exit): ${shot}`);
  }
} catch (err) {
  console.error(err);
  code = 1;
} finally {
  await cleanup();
}
console.log(`VS Code integration tests: exit ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(code);

/**
 * Extension host output arrives as `('%c INFO', 'color: ...', format, ...args)` (or `%c[Extension
 * Host]`); drop the styling pair and format the rest like console.log would.
 */
async function printConsole(msg) {
  const args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '<unserializable>')));
  const first = typeof args[0] === 'string' ? args[0] : '';
  if (first.startsWith('%c') && args.length >= 2) {
    const text = format(...args.slice(2));
    if (/Extension Host|INFO|LOG|ERR|WARN/i.test(first) || verbose) console.log(text);
    return;
  }
  if (verbose) console.log(`[workbench ${msg.type()}] ${msg.text()}`);
}
