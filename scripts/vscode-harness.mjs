// Shared by run-vscode-tests.mjs and demo.mjs: build the extension, start code-server (a real
// VS Code) on a free loopback port with throw-away state, and stop it again, process group and all.
// How and why: /work/shared/docs/real-components.md.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readdirSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const WORKSPACE = join(ROOT, 'test-fixtures', 'workspace');
export const CODE_SERVER = join(ROOT, '.cache', 'code-server', 'node_modules', '.bin', 'code-server');

/** Bundles server and client (scripts/build.mjs) and the integration suite into client/out/test. */
export async function buildAll() {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const suite = join(ROOT, 'client', 'src', 'test', 'suite');
  await esbuild.build({
    entryPoints: readdirSync(suite).filter((f) => f.endsWith('.ts')).map((f) => join(suite, f)),
    outdir: join(ROOT, 'client', 'out', 'test', 'suite'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    // vscode comes from the extension host; mocha is loaded from node_modules so its globals are shared.
    external: ['vscode', 'mocha'],
  });
}

export function ensureCodeServer() {
  execFileSync('bash', [join(ROOT, 'scripts', 'setup-code-server.sh')], { cwd: ROOT, stdio: 'inherit' });
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts code-server in its own process group with its own XDG/TMP folders.
 * `env` (or `env(dirs)`, given the state folders by name) is added to its environment (the extension
 * host inherits it). `vsix` files are installed into its throw-away extensions folder first, as a
 * user would install them. `settings` are added to the throw-away user settings.
 * Returns { base, port, stop(), stateDir, extensionsDir, logFile, pid }.
 */
export async function startCodeServer({ workspace = WORKSPACE, logName = 'code-server.log', env = {}, port: fixedPort, vsix = [], settings = {} } = {}) {
  const port = fixedPort ?? (await freePort());
  const stateDir = mkdtempSync(join(tmpdir(), 'mac-vscode-'));
  const dirs = Object.fromEntries(['config', 'data', 'cache', 'tmp', 'user-data', 'extensions'].map((d) => [d, join(stateDir, d)]));
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs['user-data'], 'User'), { recursive: true });
  writeFileSync(
    join(dirs['user-data'], 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none', // the welcome page would steal focus from the tests
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'editor.minimap.enabled': false,
        'window.zoomLevel': 0,
        'git.enabled': false,
        'git.openRepositoryInParentFolders': 'never',
        // The caller's own user settings (the demo's data source).
        ...settings,
      },
      null,
      2,
    ),
  );
  const outDir = join(ROOT, 'test-output');
  mkdirSync(outDir, { recursive: true });
  const logFile = join(outDir, logName);
  const log = createWriteStream(logFile);
  const childEnv = {
    ...process.env,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    TMPDIR: dirs.tmp,
    ...(typeof env === 'function' ? env(dirs) : env),
  };
  for (const file of vsix) {
    try {
      const out = execFileSync(
        CODE_SERVER,
        ['--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions, '--install-extension', file],
        { cwd: ROOT, env: childEnv, encoding: 'utf8', stdio: 'pipe', timeout: 60_000 },
      );
      log.write(out);
    } catch (err) {
      rmSync(stateDir, { recursive: true, force: true });
      throw new Error(`code-server --install-extension ${file} failed:\n${err.stdout ?? ''}${err.stderr ?? err.message}`);
    }
  }
  const child = spawn(
    CODE_SERVER,
    [
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', dirs['user-data'],
      '--extensions-dir', dirs.extensions,
      workspace,
    ],
    {
      cwd: ROOT,
      // Its own process group, so stop() reaches the extension hosts too (they outlive the main process).
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: childEnv,
    },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  child.once('exit', () => (exited = true));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup(child.pid, 'SIGTERM');
    for (let i = 0; i < 30 && groupAlive(child.pid); i++) await sleep(100);
    killGroup(child.pid, 'SIGKILL');
    rmSync(stateDir, { recursive: true, force: true });
  };

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited at start; see ${logFile}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${base} within 60 s; see ${logFile}`);
    }
    await sleep(200);
  }
  return { port, base, stop, stateDir, extensionsDir: dirs.extensions, logFile, pid: child.pid };
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

export { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';
