// Runs the integration suite (client/src/test/suite) inside a real VS Code: code-server, driven by
// headless Debian Chromium through playwright-core. Two passes, one code-server each:
//   dev   the working tree loaded as a development extension (extensionDevelopmentPath);
//   vsix  `npm run package`'s VSIX installed with `code-server --install-extension` into the run's
//         throw-away extensions folder, with no development extension: what users install is
//         what is tested. The suite checks which copy is active (extension.test.ts).
// A real Prometheus with the fixture data (and the same behind a basic-auth proxy) runs for the
// query tests. Exits with 0 when every pass's mocha run passed. Screenshots go to test-output/.
//
//   node scripts/run-vscode-tests.mjs            both passes (npm run test:vscode)
//   node scripts/run-vscode-tests.mjs --dev      the development pass only
//   node scripts/run-vscode-tests.mjs --vsix     package, then the VSIX pass only (npm run test:vsix)
//   VSCODE_TEST_VERBOSE=1 ...                     also prints the workbench's own console
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';
import { randomBytes } from 'node:crypto';
import { startAuthProxy } from './auth-proxy.mjs';
import { buildAll, CHROMIUM, CHROMIUM_ARGS, ensureCodeServer, ROOT, startCodeServer, WORKSPACE } from './vscode-harness.mjs';

const TIMEOUT_MS = Number(process.env.VSCODE_TEST_TIMEOUT_MS || 240_000);
const verbose = !!process.env.VSCODE_TEST_VERBOSE;
const only = process.argv.includes('--vsix') ? 'vsix' : process.argv.includes('--dev') ? 'dev' : undefined;
const passes = only ? [only] : ['dev', 'vsix'];

if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH)`);
  process.exit(1);
}
ensureCodeServer();
// The suite bundle (client/out/test/suite) is loaded from the working tree in both passes.
await buildAll();
const VSIX = join(ROOT, 'dist', 'monitoring-as-code-vscode-test.vsix');
if (passes.includes('vsix')) {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), '--out', VSIX], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
mkdirSync(join(ROOT, 'test-output'), { recursive: true });

// A real Prometheus with the fixture data for the query tests (query.test.ts), shared by the
// passes; its URL reaches the suite as MAC_TEST_PROMETHEUS_URL. realPrometheus.ts is TypeScript:
// tsx loads it whether or not this script was started with `node --import tsx`.
const { startPrometheus } = await tsImport('../test/support/realPrometheus.ts', import.meta.url);
const prometheus = await startPrometheus();
console.log(`Prometheus with the fixture data: ${prometheus.url}`);
// The same Prometheus behind basic authentication (user "alice", a password made up per run):
// the suite types the password into the editor's input box (MAC_TEST_AUTH_*).
const authPassword = randomBytes(12).toString('base64url');
const guarded = await startAuthProxy(prometheus.url, 'alice', authPassword);
const stopPrometheus = () => Promise.all([guarded.close(), prometheus.stop()]).catch(() => {});

const results = [];
try {
  for (const pass of passes) {
    const started = Date.now();
    const code = await runPass(pass);
    results.push({ pass, code, seconds: (Date.now() - started) / 1000 });
    console.log(`VS Code integration tests (${pass}): exit ${code} after ${results.at(-1).seconds.toFixed(1)} s`);
  }
} finally {
  await stopPrometheus();
}
if (results.length > 1) console.log(results.map((r) => `${r.pass}: exit ${r.code}, ${r.seconds.toFixed(1)} s`).join('; '));
process.exit(results.every((r) => r.code === 0) ? 0 : 1);

/** One code-server, one browser, one mocha run of the whole suite. Resolves with mocha's exit code. */
async function runPass(pass) {
  // Screenshots: the dev pass keeps the names the README uses; the VSIX pass gets its own.
  const prefix = pass === 'dev' ? '' : `${pass}-`;
  const shot = join(ROOT, 'test-output', `${prefix}vscode-tests.png`);
  // The suite calls this address when the editor shows the fixture with its diagnostics, before
  // the extension host shuts down (which clears them). `?name=x` saves test-output/x.png instead.
  // `?quickInput=text[&title=t]` types text into the open quick pick or input box (titled t) and presses Enter, as a user
  // would, and answers what the box was ({ title, inputType }: "password" for a masked box).
  // `?clickWebview=selector` clicks the element a webview's page holds (webviews are nested iframes):
  // a real mouse click, as a user's; answers { frames } (how many webview frames hold one) or 500.
  let page;
  let shotTaken = false;
  const shooter = createServer(async (req, res) => {
    const selector = new URL(req.url ?? '/', 'http://x').searchParams.get('clickWebview');
    if (selector !== null) {
      res.setHeader('Content-Type', 'application/json');
      try {
        res.end(JSON.stringify(await clickInWebview(page, selector)));
      } catch (e) {
        res.writeHead(500).end(JSON.stringify({ error: e.message }));
      }
      return;
    }
    const typed = new URL(req.url ?? '/', 'http://x').searchParams.get('quickInput');
    if (typed !== null) {
      try {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify(await typeIntoQuickInput(page, typed, new URL(req.url ?? '/', 'http://x').searchParams.get('title') ?? '')));
      } catch (e) {
        res.writeHead(500).end(JSON.stringify({ error: e.message }));
      }
      return;
    }
    try {
      const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name');
      const file = name && /^[a-z0-9-]+$/.test(name) ? join(ROOT, 'test-output', `${prefix}${name}.png`) : shot;
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
  // MAC_TEST_*: where the suite must find the extension under test (extension.test.ts).
  const env = (dirs) => ({
    VSCODE_TEST_SCREENSHOT_URL: `http://127.0.0.1:${shooter.address().port}/`,
    MAC_TEST_PASS: pass,
    MAC_TEST_PROMETHEUS_URL: prometheus.url,
    MAC_TEST_AUTH_URL: guarded.url,
    MAC_TEST_AUTH_PASSWORD: authPassword,
    ...(pass === 'dev' ? { MAC_TEST_EXTENSION_PATH: ROOT } : { MAC_TEST_EXTENSIONS_DIR: dirs.extensions }),
  });
  let server;
  try {
    server = await startCodeServer({ logName: `code-server-tests${prefix ? `-${pass}` : ''}.log`, env, vsix: pass === 'vsix' ? [VSIX] : [] });
  } catch (err) {
    shooter.close();
    console.error(err.message);
    return 1;
  }
  const browserDir = mkdtempSync(join(tmpdir(), 'mac-chromium-'));
  let context;
  let code = 1;
  const cleanup = async () => {
    await context?.close().catch(() => {});
    rmSync(browserDir, { recursive: true, force: true });
    shooter.close();
    await server.stop();
  };
  const onSignal = (exitCode) => () => void cleanup().then(stopPrometheus).then(() => process.exit(exitCode));
  const onInt = onSignal(130);
  const onTerm = onSignal(143);
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);

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
    // The workbench only runs extensionTestsPath in extension-development mode, so the VSIX pass
    // names an empty development folder: the installed copy stays the only one.
    const developmentPath = pass === 'dev' ? ROOT : join(server.stateDir, 'no-development-extension');
    mkdirSync(developmentPath, { recursive: true });
    const payload = [
      ['extensionDevelopmentPath', remote(developmentPath)],
      ['extensionTestsPath', remote(join(ROOT, 'client', 'out', 'test', 'suite', 'index.js'))],
      ['skipWelcome', 'true'],
    ];
    const url = `${server.base}/?folder=${encodeURIComponent(WORKSPACE)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);

    const timeout = new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS));
    const result = await Promise.race([finished, timeout]);
    if (result === 'timeout') {
      console.error(`The extension tests (${pass}) did not finish within ${TIMEOUT_MS / 1000} s (code-server log: ${server.logFile}).`);
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
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    await cleanup();
  }
  return code;
}

/**
 * Clicks `selector` inside a webview: the workbench page holds each webview as an iframe whose
 * own iframe (#active-frame) shows the extension's page. Waits up to 10 s for exactly one frame
 * to hold the element (a webview still loading has none yet), then clicks it with the mouse.
 */
async function clickInWebview(page, selector) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const holders = [];
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      if (await frame.locator(selector).count().catch(() => 0)) holders.push(frame);
    }
    if (holders.length === 1) {
      await holders[0].locator(selector).first().click({ timeout: 5000 });
      return { frames: holders.length };
    }
    if (holders.length > 1) throw new Error(`${holders.length} webview frames hold ${selector}`);
    if (Date.now() > deadline) throw new Error(`no webview frame holds ${selector} (${page.frames().length} frames)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `title`: wait for the box whose title contains it (a pick and the box after it share one widget). */
async function typeIntoQuickInput(page, text, title) {
  const widget = page.locator('.quick-input-widget', title ? { has: page.locator('.quick-input-title', { hasText: title }) } : {});
  const input = widget.locator('.quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  const box = { title: (await widget.locator('.quick-input-title').textContent().catch(() => '')) ?? '', inputType: await input.getAttribute('type') };
  await input.focus();
  await page.keyboard.type(text);
  // The quick pick filters as one types: let it settle on the item before accepting.
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  return box;
}

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
