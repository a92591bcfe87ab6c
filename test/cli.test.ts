// The command-line tool as users and CI run it: exit codes, output formats, settings files.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderRulesDoc, allRules } from '../server/src/lint/registry';

const ROOT = path.join(__dirname, '..');
// As users run it: the npm bin, which loads server/out/cli.js (with its code cache for `check`).
const CLI = path.join(ROOT, 'server/bin/monitoring-as-code.js');
const FIX = path.join(ROOT, 'test-fixtures/lint/cli');

function run(args: string[], input?: string, cwd = ROOT): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('CLI', function () {
  this.timeout(60_000);

  describe('parse --jsonl', () => {
    it('answers one line per input with UTF-8 byte offsets, honouring parser options', () => {
      const input = [
        { input: 'sum(rate(x[5m]))' },
        { input: 'foo{a="日本"} +' },
        { input: 'limitk(2, foo)' },
        { input: 'limitk(2, foo)', parser_options: ['EnableExperimentalFunctions'] },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n');
      const r = run(['parse', '--jsonl'], input + '\n');
      assert.equal(r.code, 0, r.err);
      const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.length, 4);
      assert.deepEqual(lines[0], { valid: true, errors: [] });
      // "foo{a="日本"} +" is 17 bytes: the error is at the end of input, byte 17, not UTF-16 offset 13.
      assert.deepEqual(lines[1], { valid: false, errors: [{ message: 'unexpected end of input', start: 17, end: 17 }] });
      assert.equal(lines[2].valid, false);
      assert.match(lines[2].errors[0].message, /limitk\(\) is experimental/);
      assert.deepEqual(lines[3], { valid: true, errors: [] });
    });
  });

  describe('format', () => {
    it('prints Prometheus String() and the pretty layout', () => {
      const r = run(['format'], 'sum   by(job)(rate( x[5m] ))');
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, 'sum by (job) (rate(x[5m]))\n');
      const p = run(['format', '--pretty', '--max-line-length', '20'], 'sum by (job) (rate(http_requests_total{code="500"}[5m]))');
      assert.equal(p.code, 0, p.err);
      assert.ok(p.out.split('\n').length > 3, p.out);
      assert.equal(run(['format'], p.out).out, 'sum by (job) (rate(http_requests_total{code="500"}[5m]))\n');
    });
    it('refuses to format broken PromQL, with Prometheus-style positions, exit 1', () => {
      const r = run(['format'], 'sum(rate(x[5m])');
      assert.equal(r.code, 1);
      // The first error is Prometheus' own; Go's parser reports a second one for an unclosed aggregation.
      assert.equal(r.err.split('\n')[0], '1:16: parse error: unclosed left parenthesis');
      assert.equal(r.out, '');
    });
  });

  describe('check', () => {
    it('exits 0 on clean files and prints nothing', () => {
      const r = run(['check', path.join(FIX, 'good.promql')]);
      assert.equal(r.code, 0, r.out + r.err);
      assert.equal(r.out, '');
    });

    it('prints file:line:col severity message [rule-id] and exits 1 on errors', () => {
      const r = run(['check', path.join(FIX, 'broken.promql')]);
      assert.equal(r.code, 1);
      assert.ok(r.out.split('\n').includes(`${path.join(FIX, 'broken.promql')}:2:45 error unclosed left parenthesis [promql/syntax]`), r.out);
    });

    it('walks folders, detects kinds by content, and honours inline disables', () => {
      const r = run(['check', '--format', 'json', FIX]);
      assert.equal(r.code, 1);
      const report = JSON.parse(r.out) as { files: Array<{ file: string; kind: string; diagnostics: Array<{ ruleId: string; range: { start: { line: number } } }> }> };
      const kinds = Object.fromEntries(report.files.map((f) => [path.basename(f.file), f.kind]));
      assert.deepEqual(kinds, { 'broken.promql': 'promql', 'good.promql': 'promql', 'rules.yml': 'rule-file' });
      const rules = report.files.find((f) => f.file.endsWith('rules.yml'))!;
      assert.ok(!rules.diagnostics.some((d) => d.ruleId === 'rule/rate-window'), 'inline disable ignored');
    });

    it('reports the rate window below twice the scrape interval when not disabled', () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'mac-cli-'));
      const text = readFileSync(path.join(FIX, 'rules.yml'), 'utf8').replace(/^ *# monitoring-lint-disable rule\/rate-window\n/m, '');
      writeFileSync(path.join(dir, 'rules.yml'), text);
      writeFileSync(path.join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 30s\n');
      const r = run(['check', path.join(dir, 'rules.yml')], undefined, dir);
      assert.match(r.out, /rules\.yml:7:\d+ warning .*\[rule\/rate-window\]/);
      // With a settings file that turns the rule off, it is silent.
      writeFileSync(path.join(dir, '.monitoring-lint.yml'), 'rules:\n  rule/rate-window: off\n');
      assert.doesNotMatch(run(['check', path.join(dir, 'rules.yml')], undefined, dir).out, /rate-window/);
      // And a severity override applies.
      writeFileSync(path.join(dir, '.monitoring-lint.yml'), 'rules:\n  rule/rate-window: error\n');
      const e = run(['check', path.join(dir, 'rules.yml')], undefined, dir);
      assert.equal(e.code, 1);
      assert.match(e.out, /error .*\[rule\/rate-window\]/);
    });

    it('writes SARIF 2.1.0 with rules and regions', () => {
      const r = run(['check', '--format', 'sarif', path.join(FIX, 'broken.promql')]);
      const sarif = JSON.parse(r.out);
      assert.equal(sarif.version, '2.1.0');
      const result = sarif.runs[0].results.find((x: { message: { text: string } }) => x.message.text === 'unclosed left parenthesis');
      assert.equal(result.ruleId, 'promql/syntax');
      assert.equal(result.level, 'error');
      assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 2, startColumn: 45, endLine: 2, endColumn: 45 });
      const rule = sarif.runs[0].tool.driver.rules[result.ruleIndex];
      assert.equal(rule.id, 'promql/syntax');
      assert.equal(rule.helpUri, 'docs/rules.md#promql-syntax');
      assert.match(rule.shortDescription.text, /parses and type-checks as Prometheus would/);
      assert.deepEqual(rule.defaultConfiguration, { level: 'error' });
    });

    it('puts the safe fix of a finding into SARIF and JSON', () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'mac-cli-sarif-'));
      const f = path.join(dir, 'rules.yml');
      writeFileSync(f, 'groups:\n- name: g\n  rules:\n  - record: job:x:sum\n    expr: sum by (job) (x{env=~"prod"})\n');
      const sarif = JSON.parse(run(['check', '--format', 'sarif', f]).out);
      const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'rule/redundant-regex');
      assert.deepEqual(result.fixes, [{
        description: { text: 'Use =' },
        artifactChanges: [{ artifactLocation: { uri: f.split(path.sep).join('/') }, replacements: [{ deletedRegion: { startLine: 5, startColumn: 30, endLine: 5, endColumn: 32 }, insertedContent: { text: '=' } }] }],
      }]);
      // A finding without a safe fix has none.
      assert.ok(sarif.runs[0].results.filter((x: { fixes?: unknown }) => x.fixes).length === 1);
      // JSON carries it too.
      const json = JSON.parse(run(['check', '--format', 'json', f]).out);
      const d = json.files[0].diagnostics.find((x: { ruleId: string }) => x.ruleId === 'rule/redundant-regex');
      assert.deepEqual(d.fix, { title: 'Use =', edits: [{ range: { start: { line: 5, column: 30, offset: 78 }, end: { line: 5, column: 32, offset: 80 } }, newText: '=' }] });
    });

    it('forces a kind with --kind', () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'mac-cli-'));
      const f = path.join(dir, 'query.txt');
      writeFileSync(f, 'rate(x)');
      const r = run(['check', '--kind', 'promql', f]);
      assert.equal(r.code, 1);
      assert.match(r.out, /expected type range vector in call to function "rate", got instant vector \[promql\/syntax\]/);
    });

    it('says so when a file named on the command line is not one it knows, and skips it', () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'mac-cli-'));
      const old = path.join(dir, 'example.rules'); // Prometheus 1.x rule syntax: not YAML rule groups
      writeFileSync(old, 'ALERT InstanceDown\n  IF up == 0\n  FOR 5m\n');
      const r = run(['check', old]);
      assert.equal(r.code, 0);
      assert.equal(r.out, '');
      assert.equal(r.err, `monitoring-as-code check: ${old}: not checked: not recognised as a Prometheus configuration, rule file, rule test file, Grafana dashboard or PromQL file (--kind prometheus-config|rule-file|rule-test|dashboard|promql says which)\n`);
      // Walking a folder skips such files quietly; --kind makes the named file checked.
      assert.equal(run(['check', dir]).err, '');
      const forced = run(['check', '--kind', 'rule-file', old]);
      assert.equal(forced.code, 1, forced.out);
      assert.equal(forced.err, '');
    });

    it('exits 2 on usage and I/O errors', () => {
      assert.equal(run(['check']).code, 2);
      assert.equal(run(['check', '--format', 'xml', FIX]).code, 2);
      assert.equal(run(['check', '--kind', 'nope', FIX]).code, 2);
      const missing = run(['check', path.join(FIX, 'does-not-exist.yml')]);
      assert.equal(missing.code, 2);
      assert.match(missing.err, /no such file or directory/);
      assert.equal(run(['frobnicate']).code, 2);
    });

    it('--fix applies the safe fixes, writes the files, reports what is left', () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'mac-cli-fix-'));
      const rules = 'groups:\n- name: g\n  rules:\n  - alert: JobDown\n    expr: up{job=~"api"} == 0\n    for: 5m\n    annotations:\n      summary: down\n  - record: job:x:sum\n    expr: sum by (job) (x{env=~"prod"})\n    for: 1m\n';
      const config = 'global:\n  scrape_interval: 10s\n  scrape_timeout: 30s\n';
      const clean = 'groups:\n- name: ok\n  rules:\n  - record: job:up:sum\n    expr: sum by (job) (up)\n';
      writeFileSync(path.join(dir, 'rules.yml'), rules);
      writeFileSync(path.join(dir, 'prometheus.yml'), config);
      writeFileSync(path.join(dir, 'clean.yml'), clean);
      const before = run(['check', dir]);
      assert.equal(before.code, 1);
      assert.match(before.out, /redundant-regex/);
      assert.match(before.out, /config\/scrape-timeout/);

      const r = run(['check', '--fix', dir]);
      // What no safe fix mends (a recording rule's `for`: removing it is for a person) still fails.
      assert.equal(r.code, 1, r.out + r.err);
      assert.equal(
        readFileSync(path.join(dir, 'rules.yml'), 'utf8'),
        rules.replace('job=~"api"', 'job="api"').replace('env=~"prod"', 'env="prod"'),
      );
      assert.equal(readFileSync(path.join(dir, 'prometheus.yml'), 'utf8'), config.replace('30s', '10s'));
      assert.equal(readFileSync(path.join(dir, 'clean.yml'), 'utf8'), clean);
      assert.equal(r.err, `monitoring-as-code check: ${path.join(dir, 'prometheus.yml')}: fixed 1 problem\nmonitoring-as-code check: ${path.join(dir, 'rules.yml')}: fixed 2 problems\n`);
      // The report is of the fixed files: line numbers of the text now on disk.
      assert.doesNotMatch(r.out, /redundant-regex|scrape-timeout/);
      assert.match(r.out, new RegExp(`rules\\.yml:11:5 error invalid field 'for' in recording rule \\[rule/recording-rule-field\\]`));
      // Nothing left to fix: the files stay as they are.
      const again = run(['check', '--fix', dir]);
      assert.equal(again.err, '');
      assert.equal(again.out, r.out);
    });

    it('reads UTF-16 files as go-yaml does, refuses invalid UTF-8 as it does, and never writes bytes it could not read', () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'mac-cli-enc-'));
      const rules = 'groups:\n- name: g\n  rules:\n  - alert: JobDown\n    expr: up{job=~"api"} == 0\n    annotations:\n      summary: "{{ $labels.job }} is down: ü"\n';
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rules, 'utf16le')]);
      const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(rules, 'utf16le').swap16()]);
      writeFileSync(path.join(dir, 'le.yml'), le);
      writeFileSync(path.join(dir, 'be.yml'), be);
      // The same findings as the UTF-8 text (promtool 2.42 passes these files too).
      writeFileSync(path.join(dir, 'utf8.yml'), rules);
      const plain = run(['check', path.join(dir, 'utf8.yml')]);
      const read = run(['check', path.join(dir, 'le.yml'), path.join(dir, 'be.yml')]);
      assert.equal(read.code, 0, read.out);
      assert.equal((read.out.match(/redundant-regex/g) ?? []).length, 2, read.out);
      // --fix writes each back in its own encoding, byte-order mark included.
      const fixed = run(['check', '--fix', path.join(dir, 'le.yml'), path.join(dir, 'be.yml')]);
      assert.match(fixed.err, /le\.yml: fixed 1 problem/);
      const want = rules.replace('job=~"api"', 'job="api"');
      assert.deepEqual(readFileSync(path.join(dir, 'le.yml')), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(want, 'utf16le')]));
      assert.deepEqual(readFileSync(path.join(dir, 'be.yml')), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(want, 'utf16le').swap16()]));
      assert.equal(read.out.split('\n').filter(Boolean).map((l) => l.replace(/^[^:]*:/, '')).join('\n'), [plain.out, plain.out].join('').split('\n').filter(Boolean).map((l) => l.replace(/^[^:]*:/, '')).join('\n'));

      // A Latin-1 ü in a UTF-8 file: promtool 2.42 says "yaml: invalid leading UTF-8 octet" too.
      const latin1 = Buffer.from(rules.replace('ü', '\u00fc is'), 'latin1');
      writeFileSync(path.join(dir, 'latin1.yml'), latin1);
      const bad = run(['check', '--fix', path.join(dir, 'latin1.yml')]);
      assert.equal(bad.code, 1);
      assert.match(bad.out, /latin1\.yml:7:44 error yaml: invalid leading UTF-8 octet \[rule\/yaml-syntax\]/);
      assert.match(bad.err, /fixes not written: the file is not valid UTF-8/);
      assert.deepEqual(readFileSync(path.join(dir, 'latin1.yml')), latin1, 'not a byte changed');
    });

    it('--format github prints workflow annotations, escaped', () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'mac-cli-gh-'));
      const f = path.join(dir, 'a,b.yml');
      writeFileSync(f, 'groups:\n- name: g\n  rules:\n  - record: job:x:sum\n    expr: sum(rate(x[5m])\n');
      const r = run(['check', '--format', 'github', f]);
      assert.equal(r.code, 1);
      const lines = r.out.trim().split('\n');
      const err = lines.find((l) => l.startsWith('::error '));
      assert.ok(err, r.out);
      assert.match(err, new RegExp(`^::error file=${dir.replace(/[\\/.]/g, (c) => (c === '\\' ? '/' : `\\${c}`))}/a%2Cb\\.yml,line=5,endLine=5,col=\\d+,endColumn=\\d+,title=rule/promql-invalid::could not parse expression: `));
      assert.ok(lines.every((l) => /^::(error|warning|notice) file=[^:]*,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=[^,:]+::.+$/.test(l)), r.out);
    });

    it('--fail-on sets the least severe finding that fails the run', () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'mac-cli-failon-'));
      const alert = (expr: string) => `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: ${expr}\n    for: 5m\n    annotations:\n      summary: s\n      description: d\n`;
      const warning = path.join(dir, 'warning.yml'); // no condition (warning), a redundant regex (info)
      const info = path.join(dir, 'info.yml'); // a redundant regex (info) alone
      writeFileSync(warning, alert('up{job=~"api"}'));
      writeFileSync(info, alert('up{job=~"api"} == 0'));
      const severities = (f: string) => [...run(['check', f]).out.matchAll(/:\d+:\d+ (\w+) /g)].map((m) => m[1]).sort();
      assert.deepEqual(severities(warning), ['info', 'warning']);
      assert.deepEqual(severities(info), ['info']);
      const codes = (...args: string[]) => [warning, info].map((f) => run(['check', ...args, f]).code);
      assert.deepEqual(codes(), [0, 0]);
      assert.deepEqual(codes('--fail-on', 'error'), [0, 0]);
      assert.deepEqual(codes('--fail-on', 'warning'), [1, 0]);
      assert.deepEqual(codes('--fail-on=info'), [1, 1]);
      assert.deepEqual(codes('--fail-on', 'hint'), [1, 1]);
      assert.deepEqual(codes('--fail-on', 'fatal'), [2, 2]);
    });

    it('--help and --version answer on stdout with exit 0', () => {
      const h = run(['check', '--help']);
      assert.equal(h.code, 0);
      assert.match(h.out, /^usage: monitoring-as-code check \[options\] PATH\.\.\./);
      assert.match(h.out, /--fix/);
      const v = run(['--version']);
      assert.equal(v.code, 0);
      assert.equal(v.out, `monitoring-as-code ${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
    });

    it('survives binary junk and a 10 MB file with a clear diagnostic', () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'mac-cli-'));
      writeFileSync(path.join(dir, 'junk.yml'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
      writeFileSync(path.join(dir, 'huge.json'), '{"panels": [' + Array.from({ length: 200_000 }, (_, i) => `{"id": ${i}, "type": "text", "title": "p${i}"}`).join(',') + ']}');
      const r = run(['check', '--kind', 'rule-file', path.join(dir, 'junk.yml')]);
      assert.ok(r.code === 1 || r.code === 0, r.err);
      assert.equal(r.err, '');
      const big = run(['check', path.join(dir, 'huge.json')]);
      assert.ok(big.code === 0 || big.code === 1, big.err);
      assert.equal(big.err, '');
    });

    // check writes its output to file descriptor 1 itself (not through process.stdout).
    const BIG_OUTPUT = ['check', '--format', 'json', path.join(ROOT, 'test-fixtures/corpus/dashboards'), path.join(ROOT, 'test-fixtures/corpus/rules')];

    it('writes all of a large output to a non-blocking pipe whose reader is slower', () => {
      // libuv makes a pipe descriptor non-blocking when a socket is opened on it: the CLI then meets
      // EAGAIN once the pipe is full (about 200 kB here) and must wait, not fail.
      const wrapper = `new (require('net').Socket)({ fd: 1, readable: false, writable: true }).unref();
        process.argv = [process.argv[0], ${JSON.stringify(CLI)}, ...${JSON.stringify(BIG_OUTPUT)}];
        require(${JSON.stringify(CLI)});`;
      const blocking = run(BIG_OUTPUT);
      const r = spawnSync(process.execPath, ['-e', wrapper], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
      assert.equal(r.stderr, '');
      assert.ok(r.stdout.length > 400_000, `${r.stdout.length} bytes`);
      assert.equal(r.stdout, blocking.out);
      assert.equal(r.status, blocking.code);
      assert.ok(JSON.parse(r.stdout).files.length > 20);
    });

    it('stops quietly when the reader goes away (check ... | head)', () => {
      const r = spawnSync('bash', ['-c', `"$0" "$1" "\${@:2}" | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}"`, process.execPath, CLI, ...BIG_OUTPUT], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.stderr, '');
      assert.equal(r.stdout.trim(), String(run(BIG_OUTPUT).code));
    });
  });

  describe('docs/rules.md', () => {
    it('is generated from the rule registry and up to date (npm run docs:rules)', () => {
      assert.equal(readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8'), renderRulesDoc());
    });
    it('lists every rule once, each with a summary and examples', () => {
      const ids = allRules.map((r) => r.id);
      assert.equal(new Set(ids).size, ids.length, 'duplicate rule ids');
      for (const r of allRules) assert.ok(r.summary.length > 10, `${r.id} has no summary`);
    });
  });
});
