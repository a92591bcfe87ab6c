// The `monitoring-as-code` launcher (server/bin) and the code cache the build makes of the CLI
// bundle: used when it belongs to the bundle, ignored when stale, refused by V8 when damaged; and
// `check` prints the same in every case. Needs `npm run build`.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const FILES = [
  'test-fixtures/corpus/config/testdata/conf.good.yml',
  'test-fixtures/corpus/config/testdata/jobname_dup.bad.yml',
  'test-fixtures/corpus/rules/awesome-prometheus-alerts/prometheus-self-monitoring--embedded-exporter.yml',
  'test-fixtures/lint/cli',
].map((f) => path.join(ROOT, f));

/** A copy of the launcher, the bundle and its cache, laid out as in the package. */
function copyOfCli(): { dir: string; bin: string; bundle: string; cache: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mac-cli-'));
  mkdirSync(path.join(dir, 'bin'));
  mkdirSync(path.join(dir, 'out'));
  const bin = path.join(dir, 'bin/monitoring-as-code.js');
  const bundle = path.join(dir, 'out/cli.js');
  copyFileSync(path.join(ROOT, 'server/bin/monitoring-as-code.js'), bin);
  copyFileSync(path.join(ROOT, 'server/out/cli.js'), bundle);
  copyFileSync(path.join(ROOT, 'server/out/cli.js.cache'), `${bundle}.cache`);
  return { dir, bin, bundle, cache: `${bundle}.cache` };
}

function check(bin: string, mode = 'report'): { code: number | null; out: string; cache: string } {
  const r = spawnSync(process.execPath, [bin, 'check', '--format', 'json', ...FILES], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, MONITORING_AS_CODE_CODE_CACHE: mode },
  });
  const line = r.stderr.split('\n').find((l) => l.startsWith('code cache: '));
  return { code: r.status, out: r.stdout, cache: line?.slice('code cache: '.length) ?? '' };
}

describe('CLI launcher and its code cache', function () {
  this.timeout(60_000);
  let cli: ReturnType<typeof copyOfCli>;
  let plain: ReturnType<typeof check>;
  before(() => {
    cli = copyOfCli();
    plain = check(cli.bin, 'off');
    assert.equal(plain.code, 1, 'the files hold errors');
    assert.ok(JSON.parse(plain.out).files.length >= 4);
  });
  after(() => rmSync(cli.dir, { recursive: true, force: true }));

  it('the build ends the bundle with its id and writes a cache for that id', () => {
    const bundle = readFileSync(cli.bundle, 'latin1');
    const id = /\/\/ monitoring-as-code build ([0-9a-f]{32})\n$/.exec(bundle)?.[1];
    assert.ok(id, 'build id at the end of the bundle');
    assert.equal(readFileSync(cli.cache, 'latin1').split('\n')[0], `monitoring-as-code code cache ${id}`);
    assert.equal(bundle.search(/[^\x00-\x7f]/), -1, 'the bundle is ASCII, as the launcher reads it');
  });

  it('check uses the cache and prints what the bundle prints without it', () => {
    const r = check(cli.bin);
    assert.equal(r.cache, 'used');
    assert.equal(r.code, plain.code);
    assert.equal(r.out, plain.out);
  });

  it('ignores a cache made for another build of the bundle', () => {
    const data = readFileSync(cli.cache);
    const nl = data.indexOf(10);
    writeFileSync(cli.cache, Buffer.concat([Buffer.from('monitoring-as-code code cache 0123456789abcdef0123456789abcdef'), data.subarray(nl)]));
    const r = check(cli.bin);
    assert.match(r.cache, /^stale/);
    assert.equal(r.out, plain.out);
    writeFileSync(cli.cache, data);
  });

  it('a damaged cache is refused by V8 and the bundle compiles as usual', () => {
    const data = readFileSync(cli.cache);
    const damaged = Buffer.from(data);
    // Keep the header, truncate and scramble V8's part: its length and checksum no longer hold.
    const nl = data.indexOf(10);
    for (let i = nl + 1; i < Math.min(damaged.length, nl + 4096); i++) damaged[i] ^= 0x5a;
    writeFileSync(cli.cache, damaged.subarray(0, Math.floor(damaged.length / 2)));
    const r = check(cli.bin);
    assert.equal(r.cache, 'refused by V8');
    assert.equal(r.out, plain.out);
    writeFileSync(cli.cache, data);
  });

  it('runs without a cache, and other commands load the bundle as a module', () => {
    rmSync(cli.cache);
    const r = check(cli.bin);
    assert.equal(r.cache, 'none');
    assert.equal(r.out, plain.out);
    const f = spawnSync(process.execPath, [cli.bin, 'format'], { input: 'sum  by(job)(x)', encoding: 'utf8' });
    assert.equal(f.stdout, 'sum by (job) (x)\n');
  });
});
