// `check` over the corpus configs, rule files and dashboards, side by side with
// `promtool check config` + `promtool check rules` on the files promtool understands (the config
// testdata and the rule files, not the PrometheusRule manifests; promtool has no dashboard check).
// Reports files/s for:
//   ours in process (lintFile, as the language server runs it), ours as the CLI process,
//   promtool once per file (as CI usually calls it) and promtool once with all files as arguments.
// Ratios > 1 mean we are faster. Needs `npm run build` (the CLI bundle) and `--import tsx`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { median, timeRounds } from './stats.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.join(repo, 'test-fixtures/corpus');
// The CLI as users run it: the npm bin, which compiles the bundle (server/out/cli.js) with the code
// cache the build made of it (server/bin/monitoring-as-code.js).
const cli = path.join(repo, 'server/bin/monitoring-as-code.js');
const bundle = path.join(repo, 'server/out/cli.js');
const NO_CODE_CACHE = { ...process.env, MONITORING_AS_CODE_CODE_CACHE: 'off' };
const PROMTOOL = process.env.PROMTOOL ?? '/usr/bin/promtool';

/** Files of these extensions under dir, as the CLI picks them up when walking a folder. */
function walk(dir, exts, recurse = true) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (recurse) out.push(...walk(p, exts));
    }
    else if (exts.includes(path.extname(name).toLowerCase())) out.push(p);
  }
  return out;
}

function fileSets() {
  // Top level only: testdata/rules and testdata/scrape_configs hold files the configs include.
  const configs = walk(path.join(corpus, 'config/testdata'), ['.yml'], false);
  const rules = [...walk(path.join(corpus, 'rulefmt/testdata'), ['.yml', '.yaml']), ...walk(path.join(corpus, 'rules'), ['.yml', '.yaml'])];
  const dashboards = walk(path.join(corpus, 'dashboards'), ['.json']);
  // promtool reads a rule file as rulefmt.RuleGroups: a Kubernetes PrometheusRule manifest (the
  // groups under `spec:`) fails at its first key ("field apiVersion not found"), with no rule
  // checked. We check its rules; those files are in `all` but not in promtool's set.
  const promtoolRules = rules.filter((f) => !/^apiVersion:/m.test(readFileSync(f, 'utf8')));
  return {
    configs,
    rules,
    promtoolRules,
    manifests: rules.length - promtoolRules.length,
    dashboards,
    all: [...configs, ...rules, ...dashboards],
    promtoolable: [...configs, ...promtoolRules],
  };
}

/** Wall time of one process, in ms. */
function timeSpawn(cmd, args, env = process.env) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 2 ** 20, cwd: repo, env });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  return { ms, status: r.status, stdout: r.stdout };
}

const rate = (n, ms) => (n * 1000) / ms;
const fmt = (x) => x.toFixed(x >= 100 ? 0 : 1).padStart(7);
const row = (label, n, ms, note) => console.log(`${label.padEnd(38)}${fmt(rate(n, ms))}   (${note})`);

export async function run() {
  if (!existsSync(bundle)) throw new Error('server/out/cli.js is missing: run `npm run build` first');
  if (!existsSync(`${bundle}.cache`)) console.log('server/out/cli.js.cache is missing: the CLI runs without its code cache');
  const { lintFile } = await import('../server/src/lint/index.ts');
  const { yamlFastStats } = await import('../server/src/documents/yamlFast.ts');
  const sets = fileSets();
  const nAll = sets.all.length;
  const nPt = sets.promtoolable.length;

  // What our check does on these files: kinds recognised and diagnostics reported.
  const kinds = {};
  let diags = 0;
  let errors = 0;
  const lintAll = (files) => {
    diags = 0;
    errors = 0;
    for (const f of files) {
      const r = lintFile(f, readFileSync(f, 'utf8'));
      if (!r) continue;
      kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
      diags += r.diagnostics.length;
      errors += r.diagnostics.filter((d) => d.severity === 'error').length;
    }
  };
  // The first round is cold (nothing compiled yet), as in every CLI process.
  const cold = timeRounds(() => lintAll(sets.all), 1)[0];
  // How many YAML documents the fast YAML path built (the rest went to the yaml package).
  const yamlPaths = { ...yamlFastStats };
  const kindCounts = { ...kinds };
  const allDiags = diags;
  const allErrors = errors;

  // In process: warm up, then median of rounds (the file reads are inside the timed loop).
  timeRounds(() => lintAll(sets.all), 2);
  const inAll = median(timeRounds(() => lintAll(sets.all), 7));
  const inPt = median(timeRounds(() => lintAll(sets.promtoolable), 7));

  // Batch processes: ours as one CLI call; promtool as one `check config` plus one `check rules`.
  const haveProm = existsSync(PROMTOOL);
  const cliAll = [];
  const cliPt = [];
  const cliPtNoCache = [];
  const cliPtNoCerts = [];
  // Node reads the certificates named by NODE_EXTRA_CA_CERTS when it starts, before any of our
  // code runs; some machines (this project's CI among them) set it. Our CLI is also timed without.
  const extraCerts = process.env.NODE_EXTRA_CA_CERTS;
  const withoutCerts = { ...process.env };
  delete withoutCerts.NODE_EXTRA_CA_CERTS;
  const promBatch = [];
  for (let i = 0; i < 5; i++) {
    cliAll.push(timeSpawn(process.execPath, [cli, 'check', '--format', 'json', ...sets.all]).ms);
    cliPt.push(timeSpawn(process.execPath, [cli, 'check', '--format', 'json', ...sets.promtoolable]).ms);
    cliPtNoCache.push(timeSpawn(process.execPath, [cli, 'check', '--format', 'json', ...sets.promtoolable], NO_CODE_CACHE).ms);
    if (extraCerts) cliPtNoCerts.push(timeSpawn(process.execPath, [cli, 'check', '--format', 'json', ...sets.promtoolable], withoutCerts).ms);
    if (haveProm) {
      promBatch.push(timeSpawn(PROMTOOL, ['check', 'config', ...sets.configs]).ms + timeSpawn(PROMTOOL, ['check', 'rules', ...sets.promtoolRules]).ms);
    }
  }

  // What every process pays before checking anything: Node's own start, then loading our CLI
  // bundle (`help` does no work); promtool's start (`--version`) for comparison.
  const startNode = median(Array.from({ length: 5 }, () => timeSpawn(process.execPath, ['-e', '0']).ms));
  // What NODE_EXTRA_CA_CERTS costs Node's start here:
  const startNodeNoCerts = extraCerts
    ? median(Array.from({ length: 5 }, () => timeSpawn(process.execPath, ['-e', '0'], withoutCerts).ms))
    : NaN;
  // `check` of an empty folder: the launcher, the bundle compiled from its code cache, no file.
  const empty = mkdtempSync(path.join(os.tmpdir(), 'check-bench-'));
  const startCli = median(Array.from({ length: 5 }, () => timeSpawn(process.execPath, [cli, 'check', empty]).ms));
  rmSync(empty, { recursive: true });
  const startProm = haveProm ? median(Array.from({ length: 5 }, () => timeSpawn(PROMTOOL, ['--version']).ms)) : NaN;

  // One process per file, as CI scripts often loop: one round each (this is the slow part).
  let cliPerFile = 0;
  for (const f of sets.promtoolable) cliPerFile += timeSpawn(process.execPath, [cli, 'check', '--format', 'json', f]).ms;
  let promPerFile = 0;
  let promFailed = 0;
  if (haveProm) {
    for (const f of sets.configs) {
      const r = timeSpawn(PROMTOOL, ['check', 'config', f]);
      promPerFile += r.ms;
      if (r.status !== 0) promFailed++;
    }
    for (const f of sets.promtoolRules) {
      const r = timeSpawn(PROMTOOL, ['check', 'rules', f]);
      promPerFile += r.ms;
      if (r.status !== 0) promFailed++;
    }
  }

  console.log(
    `files: ${nAll} (${sets.configs.length} config testdata, ${sets.rules.length} rule files, ${sets.dashboards.length} dashboards); ` +
      `promtool understands ${nPt} (not the dashboards, nor ${sets.manifests} PrometheusRule manifests)`,
  );
  console.log(`our kinds detected: ${JSON.stringify(kindCounts)}; diagnostics: ${allDiags} (${allErrors} errors)`);
  console.log(`YAML files parsed by the fast path: ${yamlPaths.fast}, by the yaml package: ${yamlPaths.fallback}`);
  console.log(`${''.padEnd(38)}files/s`);
  row('ours in process, all files', nAll, inAll, `${inAll.toFixed(0)} ms / round`);
  row('ours in process, all files, cold', nAll, cold, `${cold.toFixed(0)} ms, first round: no JIT yet`);
  row("ours in process, promtool's files", nPt, inPt, `${inPt.toFixed(0)} ms / round`);
  row('ours CLI, one process, all files', nAll, median(cliAll), `${median(cliAll).toFixed(0)} ms`);
  row("ours CLI, one process, promtool's", nPt, median(cliPt), `${median(cliPt).toFixed(0)} ms`);
  row("  the same without the code cache", nPt, median(cliPtNoCache), `${median(cliPtNoCache).toFixed(0)} ms`);
  if (extraCerts) row('  the same without NODE_EXTRA_CA_CERTS', nPt, median(cliPtNoCerts), `${median(cliPtNoCerts).toFixed(0)} ms`);
  row('ours CLI, one process per file', nPt, cliPerFile, `${cliPerFile.toFixed(0)} ms total`);
  console.log(`start of one process, no work: node -e 0 ${startNode.toFixed(0)} ms, our CLI (node + bundle, check of an empty folder) ${startCli.toFixed(0)} ms, promtool ${startProm.toFixed(0)} ms`);
  if (extraCerts) console.log(`  NODE_EXTRA_CA_CERTS is set (${extraCerts}): node -e 0 without it ${startNodeNoCerts.toFixed(0)} ms`);
  if (!haveProm) {
    console.log(`promtool not run: ${PROMTOOL} is absent (apt-get install prometheus, or set PROMTOOL)`);
    return;
  }
  const pb = median(promBatch);
  row('promtool, 2 processes (all files)', nPt, pb, `${pb.toFixed(0)} ms`);
  row('promtool, one process per file', nPt, promPerFile, `${promPerFile.toFixed(0)} ms total; ${promFailed} files failed`);
  console.log(`ratio ours/promtool (files/s, > 1 = we are faster):`);
  const ratio = (label, x) => console.log(`  ${label.padEnd(36)}${x.toFixed(2)}`);
  ratio('in process (warm) vs promtool batch', pb / inPt);
  ratio('CLI batch vs promtool batch', pb / median(cliPt));
  if (extraCerts) ratio('  the same, Node without the certs', pb / median(cliPtNoCerts));
  ratio('CLI per file vs promtool per file', promPerFile / cliPerFile);
  // The best a fresh Node process could do: start and load the bundle, then check at the speed of
  // fully JIT-compiled code (the warm in-process round). A CLI process is cold, so slower than this.
  const floor = startCli + inPt;
  ratio('floor: CLI start + warm checks', pb / floor);
  console.log(`  (floor ${floor.toFixed(0)} ms = start ${startCli.toFixed(0)} + warm ${inPt.toFixed(0)}; promtool batch ${pb.toFixed(0)} ms)`);
}
