// The CLI bundle's V8 code cache (see server/bin/monitoring-as-code.js, which uses it for `check`).
// After esbuild wrote server/out/cli.js: end it with a build id (a hash of its content), then run
// `check` once over sample files with MONITORING_AS_CODE_CODE_CACHE=write, so that the launcher
// writes server/out/cli.js.cache, the bytecode of every function that run compiled, for that id.
// The samples are not the benchmark's corpus, so `npm run bench` measures a cache made on other files.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SAMPLES = ['test-fixtures/prometheus-examples', 'test-fixtures/awesome-prometheus-alerts-more', 'test-fixtures/workspace'];
const BUILD_ID_PREFIX = '// monitoring-as-code build ';

/** Returns what was done, for the build's log; throws only if the bundle cannot be read. */
export function makeCliCodeCache(root) {
  const bundle = join(root, 'server/out/cli.js');
  const cache = `${bundle}.cache`;
  rmSync(cache, { force: true });
  const source = readFileSync(bundle, 'latin1');
  // The launcher reads the bundle as latin1, which is exact only for ASCII (esbuild's default output).
  const nonAscii = source.search(/[^\x00-\x7f]/);
  if (nonAscii >= 0) return `no CLI code cache: ${bundle} is not all ASCII (offset ${nonAscii})`;
  const id = createHash('sha256').update(source).digest('hex').slice(0, 32);
  writeFileSync(bundle, `${source.endsWith('\n') ? source : `${source}\n`}${BUILD_ID_PREFIX}${id}\n`, 'latin1');
  const samples = SAMPLES.map((s) => join(root, s)).filter((s) => existsSync(s));
  if (samples.length === 0) return 'no CLI code cache: no sample files';
  const r = spawnSync(process.execPath, [join(root, 'server/bin/monitoring-as-code.js'), 'check', '--format', 'json', ...samples], {
    cwd: root,
    env: { ...process.env, MONITORING_AS_CODE_CODE_CACHE: 'write' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  // `check` exits 1 when the samples hold errors (some are there on purpose); 2 or a signal is a failure.
  if (r.status !== 0 && r.status !== 1) return `no CLI code cache: the sample check failed (${r.status ?? r.signal}): ${r.stderr}`;
  return existsSync(cache) ? '' : 'no CLI code cache: the sample check wrote none';
}
