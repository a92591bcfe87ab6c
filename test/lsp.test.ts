// The language server as an editor sees it: `node server/out/server.js --stdio`, driven over
// JSON-RPC with the fixture workspace. Expectations come from the core (parser, documents/) and
// from the fixture texts, computed independently of the server's own position conversion.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { documentExpressions } from '../server/src/documents/expressions';
import { FUNCTIONS } from '../server/src/promql/functions';
import { formatPromQL } from '../server/src/promql/format';
import { parsePromQL } from '../server/src/promql/parse';

const ROOT = path.join(__dirname, '..');
const WORKSPACE = path.join(ROOT, 'test-fixtures', 'workspace');
const SERVER = path.join(ROOT, 'server', 'out', 'server.js');

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface Diagnostic {
  range: Range;
  message: string;
  severity: number;
  source: string;
}
interface PublishDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

/** Offset → LSP position, written here rather than borrowed from the server. */
function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function fixture(rel: string): { uri: string; text: string; languageId: string } {
  const file = path.join(WORKSPACE, rel);
  const languageId = rel.endsWith('.promql') ? 'promql' : rel.endsWith('.json') ? 'json' : 'yaml';
  return { uri: pathToFileURL(file).href, text: readFileSync(file, 'utf8'), languageId };
}

/** What the core says about a file: every error of every expression, mapped to file positions. */
function expectedDiagnostics(rel: string, text: string, opts = {}) {
  const { expressions } = documentExpressions(rel, text);
  return expressions.flatMap((e) =>
    parsePromQL(e.text, opts).errors.map((err) => ({
      message: err.message,
      range: { start: positionOf(text, e.toFileOffset(err.range.start)), end: positionOf(text, e.toFileOffset(err.range.end)) },
    })),
  );
}

describe('language server (LSP over JSON-RPC)', () => {
  before(function () {
    this.timeout(120_000);
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
    } catch (err) {
      throw new Error(`npm run build failed:\n${(err as { stderr?: Buffer }).stderr?.toString() ?? err}`);
    }
  });

  describe('over stdio', function () {
    let proc: ChildProcessWithoutNullStreams;
    let conn: MessageConnection;
    const published = new Map<string, PublishDiagnostics[]>();
    let stderr = '';
    let legend: string[] = [];
    /** What the client declares in `initialize`; a nested suite may set it for its tests. */
    let clientCapabilities: Record<string, unknown> = {};

    /** Resolves with the next diagnostics for `uri` that satisfy `accept`. */
    function nextDiagnostics(uri: string, accept: (p: PublishDiagnostics) => boolean = () => true, timeoutMs = 10_000) {
      return new Promise<PublishDiagnostics>((resolve, reject) => {
        const seen = () => (published.get(uri) ?? []).find(accept);
        const started = Date.now();
        const poll = () => {
          const hit = seen();
          if (hit) return resolve(hit);
          if (Date.now() - started > timeoutMs) return reject(new Error(`no diagnostics for ${uri}; stderr: ${stderr}`));
          setTimeout(poll, 20);
        };
        poll();
      });
    }

    function open(rel: string): { uri: string; text: string } {
      const f = fixture(rel);
      published.delete(f.uri);
      void conn.sendNotification('textDocument/didOpen', { textDocument: { uri: f.uri, languageId: f.languageId, version: 1, text: f.text } });
      return f;
    }

    beforeEach(async () => {
      proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT });
      proc.stderr.on('data', (d) => (stderr += String(d)));
      conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
      published.clear();
      conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnostics) => {
        published.set(p.uri, [...(published.get(p.uri) ?? []), p]);
      });
      conn.listen();
      const init = await conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(WORKSPACE).href,
        capabilities: clientCapabilities,
        initializationOptions: { monitoring: { promql: {} } },
      });
      assert.ok(init.capabilities.completionProvider && init.capabilities.hoverProvider);
      // Documentation is sent on completionItem/resolve, not with the list.
      assert.equal((init.capabilities.completionProvider as { resolveProvider?: boolean }).resolveProvider, true);
      legend = (init.capabilities.semanticTokensProvider as { legend: { tokenTypes: string[] } }).legend.tokenTypes;
      await conn.sendNotification('initialized', {});
    });

    afterEach(async () => {
      const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      const code = await exited;
      conn.dispose();
      assert.equal(code, 0, 'the server exits cleanly after shutdown/exit');
    });

    for (const rel of ['queries.promql', 'rules/alerts.yml', 'dashboards/service.json']) {
      it(`publishes the core's diagnostics for ${rel} at the right file positions`, async () => {
        const f = open(rel);
        const got = await nextDiagnostics(f.uri);
        const expected = expectedDiagnostics(rel, f.text);
        assert.ok(expected.length > 0, 'each fixture has a deliberate error');
        // The full lint's findings (source monitoring-lint) come along; PromQL's are these.
        const promql = got.diagnostics.filter((d) => d.source === 'promql');
        assert.deepEqual(
          promql.map((d) => ({ message: d.message, range: d.range })),
          expected,
        );
        assert.ok(promql.every((d) => d.severity === 1));
      });
    }

    it('re-validates after an edit, debounced, for the new version', async () => {
      const uri = 'untitled:Untitled-1';
      void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'promql', version: 1, text: 'sum(rat(up[5m]))' } });
      const first = await nextDiagnostics(uri, (p) => p.version === 1);
      assert.deepEqual(first.diagnostics.map((d) => d.message), expectedDiagnostics('x.promql', 'sum(rat(up[5m]))').map((d) => d.message));
      const start = Date.now();
      for (const [version, ch] of [[2, 7], [3, 8]] as const) {
        void conn.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: { line: 0, character: ch }, end: { line: 0, character: ch } }, text: version === 2 ? 'e' : ' ' }],
        });
      }
      const last = await nextDiagnostics(uri, (p) => p.version === 3);
      assert.ok(Date.now() - start >= 100, 'waits for typing to pause');
      assert.equal((published.get(uri) ?? []).filter((p) => p.version === 2).length, 0, 'the intermediate version is skipped');
      assert.deepEqual(
        last.diagnostics.map((d) => ({ message: d.message, range: d.range })),
        expectedDiagnostics('x.promql', 'sum(rate (up[5m]))'),
      );
    });

    describe('the full lint rule set', () => {
      type LintDiagnostic = Diagnostic & { code?: string; codeDescription?: { href: string }; data?: unknown };
      const lintOf = (p: PublishDiagnostics) => (p.diagnostics as LintDiagnostic[]).filter((d) => d.source === 'monitoring-lint');

      it('reports rule ids with a documentation link on open', async () => {
        const f = open('lint/rules.yml');
        const got = lintOf(await nextDiagnostics(f.uri, (p) => lintOf(p).length > 0));
        const rate = got.find((d) => d.code === 'rule/rate-window');
        assert.ok(rate, JSON.stringify(got, null, 1));
        // On the range selector, with the 30s scrape interval read from ./prometheus.yml.
        const line = f.text.split('\n')[rate.range.start.line];
        assert.equal(line.slice(rate.range.start.character, rate.range.end.character), 'http_requests_total[30s]');
        assert.match(rate.message, /30s/);
        assert.match(rate.codeDescription?.href ?? '', /^file:\/\/.*\/docs\/rules\.md#rule-rate-window$/);
        assert.ok(got.some((d) => d.code === 'rule/unknown-field' && d.severity === 1));
      });

      it('offers the mechanical fix as a code action', async () => {
        const f = open('lint/rules.yml');
        const got = lintOf(await nextDiagnostics(f.uri, (p) => lintOf(p).length > 0));
        const typo = got.find((d) => d.code === 'rule/unknown-field')!;
        const actions = await conn.sendRequest<Array<{ title: string; kind: string; edit: { changes: Record<string, Array<{ range: Range; newText: string }>> } }>>(
          'textDocument/codeAction',
          { textDocument: { uri: f.uri }, range: typo.range, context: { diagnostics: [typo] } },
        );
        const fix = actions.find((a) => /annotations/.test(a.title));
        assert.ok(fix, JSON.stringify(actions));
        assert.equal(fix.kind, 'quickfix');
        const [edit] = fix.edit.changes[f.uri];
        const line = f.text.split('\n')[edit.range.start.line];
        assert.equal(line.slice(edit.range.start.character, edit.range.end.character), 'anotations');
        assert.equal(edit.newText, 'annotations');
      });

      it('warns of an operation whose sides never match in a .promql file, with its ignoring(...) fix', async () => {
        // A .promql file of the workspace, as the editor holds it (never written to disk).
        const uri = pathToFileURL(path.join(WORKSPACE, 'hit-ratio.promql')).href;
        const text = '# hit ratio\nrate(m_total{status="hit"}[5m])\n  / rate(m_total{status="miss"}[5m])\n';
        void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'promql', version: 1, text } });
        const got = lintOf(await nextDiagnostics(uri, (p) => lintOf(p).length > 0));
        const d = got.find((x) => x.code === 'promql/impossible-vector-match');
        assert.ok(d, JSON.stringify(got));
        assert.equal(d.severity, 2);
        assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 2, character: 36 } });
        assert.match(d.message, /status="hit" and every right series has status="miss"/);
        const actions = await conn.sendRequest<Array<{ title: string; kind: string; edit: { changes: Record<string, Array<{ range: Range; newText: string }>> } }>>(
          'textDocument/codeAction',
          { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } },
        );
        const fix = actions.find((a) => a.title === 'Add ignoring(status)');
        assert.ok(fix, JSON.stringify(actions));
        assert.equal(fix.kind, 'quickfix');
        assert.deepEqual(fix.edit.changes[uri], [{ range: { start: { line: 2, character: 3 }, end: { line: 2, character: 3 } }, newText: ' ignoring(status)' }]);
      });

      it('offers Fix All (source.fixAll.monitoringAsCode) with the safe fixes of the current text alone', async () => {
        // As the editor holds it: not on disk, and edited since it was opened.
        const uri = pathToFileURL(path.join(WORKSPACE, 'lint', 'fix-all.yml')).href;
        const text = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up{job=~"api", env!~"prod"} == 0\n    for: 5m\n    anotations:\n      summary: s\n';
        void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
        const got = lintOf(await nextDiagnostics(uri, (p) => lintOf(p).length > 0));
        assert.ok(got.some((d) => d.code === 'rule/redundant-regex') && got.some((d) => d.code === 'rule/unknown-field'), JSON.stringify(got));
        const edited = text.replace('for: 5m', 'for: 10m');
        void conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
        type Action = { title: string; kind: string; edit: { changes: Record<string, Array<{ range: Range; newText: string }>> } };
        const all = await conn.sendRequest<Action[]>('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [], only: ['source.fixAll'] },
        });
        assert.equal(all.length, 1, JSON.stringify(all));
        assert.equal(all[0].kind, 'source.fixAll.monitoringAsCode');
        const edits = all[0].edit.changes[uri];
        // The two redundant regex operators; the typo (a guess) is left for a person to pick.
        assert.deepEqual(edits, [
          { range: { start: { line: 4, character: 16 }, end: { line: 4, character: 18 } }, newText: '=' },
          { range: { start: { line: 4, character: 28 }, end: { line: 4, character: 30 } }, newText: '!=' },
        ]);
        // Next to one of them, among its quick fixes: all of them at once.
        const regex = got.find((d) => d.code === 'rule/redundant-regex')!;
        const quick = await conn.sendRequest<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: regex.range, context: { diagnostics: [regex] } });
        assert.deepEqual(quick.filter((a) => a.kind === 'quickfix').map((a) => a.title), ['Use =', 'Fix all safely fixable problems (Monitoring as Code)']);
        // Asked for other kinds only: no Fix All.
        const refactor = await conn.sendRequest<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: regex.range, context: { diagnostics: [], only: ['refactor'] } });
        assert.ok(!refactor.some((a) => a.kind.startsWith('source.fixAll')), JSON.stringify(refactor));
        // The editor applies the edit, then runs the action's command: the file is linted again at
        // once, so the mended findings leave (the full rule set otherwise waits for a save).
        const command = (all[0] as Action & { command?: { command: string; arguments: unknown[] } }).command;
        assert.deepEqual(command && { command: command.command, arguments: command.arguments }, { command: 'monitoring.lintAgain', arguments: [uri] });
        const fixed = edited.replace('job=~"api"', 'job="api"').replace('env!~"prod"', 'env!="prod"');
        void conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: fixed }] });
        published.delete(uri);
        await conn.sendRequest('workspace/executeCommand', { command: command!.command, arguments: command!.arguments });
        const after = lintOf(await nextDiagnostics(uri, (p) => lintOf(p).length > 0 && !lintOf(p).some((d) => d.code === 'rule/redundant-regex')));
        assert.deepEqual(after.map((d) => d.code).sort(), ['rule/missing-annotation', 'rule/unknown-field']);
        void conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      });

      it('checks .monitoring-lint.yml, completes its rule ids and explains them on hover', async () => {
        const uri = pathToFileURL(path.join(WORKSPACE, 'lint', 'nested', '.monitoring-lint.yml')).href;
        const text = 'rules:\n  rule/missing-annotations: off\n  rule/rate-window: warning\n  \n';
        void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
        const got = lintOf(await nextDiagnostics(uri, (p) => lintOf(p).length > 0));
        assert.deepEqual(got.map((d) => [d.code, d.message, d.range.start.line]), [['settings/unknown-rule', 'unknown rule id "rule/missing-annotations"; did you mean rule/missing-annotation?', 1]]);
        type Item = { label: string; detail: string; documentation: { value: string }; textEdit: { range: Range; newText: string } };
        const items = await conn.sendRequest<Item[]>('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 2 } });
        const rate = items.find((i) => i.label === 'rule/rate-window');
        assert.ok(rate && items.some((i) => i.label === 'dashboard/'), JSON.stringify(items.slice(0, 3)));
        assert.deepEqual(rate.textEdit.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } });
        assert.match(rate.documentation.value, /rate\(\)/);
        const hover = await conn.sendRequest<{ contents: { value: string }; range: Range }>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 6 } });
        assert.match(hover.contents.value, /^\*\*rule\/rate-window\*\*/);
        assert.deepEqual(hover.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 18 } });
        void conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      });

      it('checks a promtool test rules file: its alertnames against its rule files, its PromQL as you type', async () => {
        const dir = path.join(ROOT, 'test-fixtures', 'lint', 'rule-tests');
        const uri = pathToFileURL(path.join(dir, 'typo_test.yml')).href;
        const text = readFileSync(path.join(dir, 'typo_test.yml'), 'utf8') + '    promql_expr_test:\n      - expr: sum(up\n        eval_time: 1m\n';
        void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
        const p = await nextDiagnostics(uri, (x) => lintOf(x).length > 0 && x.diagnostics.some((d) => d.source === 'promql'));
        assert.deepEqual(lintOf(p).map((d) => d.code), ['rule-test/unknown-alert']);
        const syntax = p.diagnostics.filter((d) => d.source === 'promql');
        // As Prometheus shows it: the lexer's error alone (Go's ParseErrors prints its first).
        const line = text.split('\n').length - 3;
        assert.deepEqual(syntax.map((d) => [d.message, d.range.start.line]), [['unclosed left parenthesis', line]]);
        const items = await conn.sendRequest<Array<{ label: string }>>('textDocument/completion', { textDocument: { uri }, position: { line, character: 16 } });
        assert.ok(items.some((i) => i.label === 'sum') || items.some((i) => i.label === 'rate'), JSON.stringify(items.slice(0, 5)));
        void conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      });

      it('leads from a test\'s alertname to its rule: completion, hover, go to definition', async () => {
        const dir = path.join(ROOT, 'test-fixtures', 'lint', 'rule-tests');
        const uri = pathToFileURL(path.join(dir, 'alerts_test.yml')).href;
        const text = readFileSync(path.join(dir, 'alerts_test.yml'), 'utf8');
        void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
        const at = text.indexOf('alertname: InstanceDown') + 'alertname: Inst'.length;
        const position = positionOf(text, at);
        const items = await conn.sendRequest<Array<{ label: string; textEdit: { range: Range } }>>('textDocument/completion', { textDocument: { uri }, position });
        assert.deepEqual(items.map((i) => i.label), ['InstanceDown']);
        assert.deepEqual(items[0].textEdit.range, { start: positionOf(text, at - 4), end: positionOf(text, at + 8) });
        const hover = await conn.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position });
        assert.match(hover.contents.value, /^\*\*alert InstanceDown\*\* in `.*alerts\.yml`/);
        assert.match(hover.contents.value, /`severity: page`/);
        const defs = await conn.sendRequest<Array<{ uri: string; range: Range }>>('textDocument/definition', { textDocument: { uri }, position });
        const rulesText = readFileSync(path.join(dir, 'alerts.yml'), 'utf8');
        const def = rulesText.indexOf('InstanceDown');
        assert.deepEqual(defs, [{ uri: pathToFileURL(path.join(dir, 'alerts.yml')).href, range: { start: positionOf(rulesText, def), end: positionOf(rulesText, def + 12) } }]);
        void conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      });

      it('completes the keys of prometheus.yml and rule files from their schemas', async () => {
        const uri = pathToFileURL(path.join(WORKSPACE, 'lint', 'nested', 'prometheus.yml')).href;
        const text = 'scrape_configs:\n  - job_name: a\n    scrape_interv\n';
        void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
        type Item = { label: string; detail: string; textEdit: { range: Range; newText: string } };
        const items = await conn.sendRequest<Item[]>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 17 } });
        const interval = items.find((i) => i.label === 'scrape_interval');
        assert.ok(interval, JSON.stringify(items.map((i) => i.label)));
        assert.equal(interval.detail, 'duration');
        assert.deepEqual(interval.textEdit, { range: { start: { line: 2, character: 4 }, end: { line: 2, character: 17 } }, newText: 'scrape_interval: ' });
        assert.ok(!items.some((i) => i.label === 'job_name'), 'a key the block has already');
        assert.equal(items.find((i) => i.label === 'static_configs')?.textEdit.newText, 'static_configs:');
        const hover = await conn.sendRequest<{ contents: { value: string }; range: Range }>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 6 } });
        assert.equal(hover.contents.value, '**job_name**: string\n\nA field of `ScrapeConfig`.');
        assert.deepEqual(hover.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 12 } });
        void conn.sendNotification('textDocument/didClose', { textDocument: { uri } });

        const rules = open('rules/alerts.yml');
        const at = rules.text.indexOf('        for: 10m');
        const inRule = await conn.sendRequest<Item[]>('textDocument/completion', { textDocument: { uri: rules.uri }, position: positionOf(rules.text, at + 8) });
        assert.ok(inRule.some((i) => i.label === 'keep_firing_for') && !inRule.some((i) => i.label === 'expr'), JSON.stringify(inRule.map((i) => i.label)));
      });

      it('links prometheus.yml to the rule files it loads, and reports a broken one on its entry', async () => {
        const file = path.join(ROOT, 'test-fixtures', 'lint', 'config', 'bad', 'bad-rule-file.yml');
        const uri = pathToFileURL(file).href;
        const text = readFileSync(file, 'utf8');
        void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
        const links = await conn.sendRequest<Array<{ range: Range; target: string }>>('textDocument/documentLink', { textDocument: { uri } });
        const at = text.indexOf('../files/broken.rules.yml');
        assert.deepEqual(links, [{ range: { start: positionOf(text, at), end: positionOf(text, at + 25) }, target: pathToFileURL(path.join(ROOT, 'test-fixtures', 'lint', 'config', 'files', 'broken.rules.yml')).href }]);
        const got = lintOf(await nextDiagnostics(uri, (p) => lintOf(p).length > 0));
        assert.deepEqual(got.map((d) => [d.code, d.range.start]), [['config/rule-file', positionOf(text, at)]]);
        void conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      });

      it('checks prometheus.yml: scrape_timeout above scrape_interval', async () => {
        const f = open('lint/prometheus.yml');
        const got = lintOf(await nextDiagnostics(f.uri, (p) => lintOf(p).length > 0));
        const d = got.find((x) => x.code === 'config/scrape-timeout');
        assert.ok(d, JSON.stringify(got));
        assert.match(d.message, /scrape timeout greater than scrape interval/);
      });

      it('runs again on save (onSave), not on every keystroke', async () => {
        const f = open('lint/rules.yml');
        await nextDiagnostics(f.uri, (p) => lintOf(p).length > 0);
        const fixed = f.text.replace('[30s]', '[5m]');
        const at = f.text.indexOf('[30s]');
        const pos = positionOf(f.text, at);
        void conn.sendNotification('textDocument/didChange', {
          textDocument: { uri: f.uri, version: 2 },
          contentChanges: [{ range: { start: pos, end: positionOf(f.text, at + 5) }, text: '[5m]' }],
        });
        const typed = await nextDiagnostics(f.uri, (p) => p.version === 2);
        assert.ok(lintOf(typed).some((d) => d.code === 'rule/rate-window'), 'lint findings stay until the save');
        assert.ok(fixed.includes('[5m]'));
        void conn.sendNotification('textDocument/didSave', { textDocument: { uri: f.uri } });
        const saved = await nextDiagnostics(f.uri, (p) => p.version === 2 && !lintOf(p).some((d) => d.code === 'rule/rate-window'));
        assert.ok(lintOf(saved).some((d) => d.code === 'rule/unknown-field'));
      });

      it('runs as you type with monitoring.lint.run = onType, and honours monitoring.lint.rules', async () => {
        void conn.sendNotification('workspace/didChangeConfiguration', {
          settings: { monitoring: { lint: { run: 'onType', rules: { 'rule/unknown-field': 'off' } } } },
        });
        const f = open('lint/rules.yml');
        const first = lintOf(await nextDiagnostics(f.uri, (p) => lintOf(p).length > 0));
        assert.ok(!first.some((d) => d.code === 'rule/unknown-field'), 'rule turned off in settings');
        const at = f.text.indexOf('[30s]');
        void conn.sendNotification('textDocument/didChange', {
          textDocument: { uri: f.uri, version: 2 },
          contentChanges: [{ range: { start: positionOf(f.text, at), end: positionOf(f.text, at + 5) }, text: '[5m]' }],
        });
        await nextDiagnostics(f.uri, (p) => p.version === 2 && !lintOf(p).some((d) => d.code === 'rule/rate-window'));
      });
    });

    it('clears diagnostics when a document closes', async () => {
      const f = open('queries.promql');
      await nextDiagnostics(f.uri);
      void conn.sendNotification('textDocument/didClose', { textDocument: { uri: f.uri } });
      const cleared = await nextDiagnostics(f.uri, (p) => p.diagnostics.length === 0);
      assert.deepEqual(cleared.diagnostics, []);
    });

    it('completes functions inside a rule file\'s expr, replacing the word at the cursor', async () => {
      const f = open('rules/alerts.yml');
      const at = f.text.indexOf('rate(http_requests_total[5m]))') + 2; // inside "ra|te"
      const items = await conn.sendRequest<Array<{ label: string; kind: number; textEdit: { range: Range; newText: string }; insertTextFormat: number }>>(
        'textDocument/completion',
        { textDocument: { uri: f.uri }, position: positionOf(f.text, at) },
      );
      const rate = items.find((i) => i.label === 'rate');
      assert.ok(rate, 'rate is offered');
      assert.equal(rate.kind, 3 /* Function */);
      assert.equal(rate.insertTextFormat, 2 /* Snippet */);
      assert.deepEqual(rate.textEdit.range, { start: positionOf(f.text, at - 2), end: positionOf(f.text, at + 2) });
      const stable = [...FUNCTIONS.values()].filter((fn) => !fn.experimental).map((fn) => fn.name);
      for (const name of stable) assert.ok(items.some((i) => i.label === name), name);
    });

    it('sends completion items without documentation and gives it on completionItem/resolve', async () => {
      const f = open('rules/alerts.yml');
      const at = f.text.indexOf('rate(http_requests_total[5m]))') + 2;
      const items = await conn.sendRequest<Array<{ label: string; detail?: string; documentation?: unknown; data?: unknown }>>(
        'textDocument/completion',
        { textDocument: { uri: f.uri }, position: positionOf(f.text, at) },
      );
      assert.ok(items.length > 50, `${items.length} items`);
      assert.deepEqual(items.filter((i) => i.documentation !== undefined).map((i) => i.label), []);
      const rate = items.find((i) => i.label === 'rate');
      assert.ok(rate?.data, 'rate carries a key to resolve it');
      const resolved = await conn.sendRequest<{ label: string; detail?: string; documentation?: { kind: string; value: string } }>('completionItem/resolve', rate);
      const description = FUNCTIONS.get('rate')?.description;
      assert.ok(description);
      assert.deepEqual(resolved.documentation, { kind: 'markdown', value: description });
      assert.equal(resolved.detail, rate.detail);
      const sum = items.find((i) => i.label === 'sum');
      const resolvedSum = await conn.sendRequest<{ documentation?: { value: string } }>('completionItem/resolve', sum);
      assert.ok(resolvedSum.documentation?.value, 'an aggregation is documented too');
      assert.notEqual(resolvedSum.documentation.value, description);
    });

    it('completes Grafana variables after `$` in a dashboard target, replacing the whole reference', async () => {
      const f = open('dashboards/service.json');
      const cases = [
        { ref: '$job', typed: 1 }, // cursor right after `$`, `job` after it
        { ref: '$__rate_interval', typed: 5 }, // after `$__ra`
      ];
      for (const { ref, typed } of cases) {
        const start = f.text.indexOf(ref);
        const items = await conn.sendRequest<Array<{ label: string; kind: number; detail?: string; textEdit: { range: Range; newText: string }; data?: unknown }>>(
          'textDocument/completion',
          { textDocument: { uri: f.uri }, position: positionOf(f.text, start + typed) },
        );
        const range = { start: positionOf(f.text, start), end: positionOf(f.text, start + ref.length) };
        const job = items.find((i) => i.label === '$job');
        assert.ok(job, `$job (templating.list) is offered at ${ref}`);
        assert.equal(job.kind, 6 /* Variable */);
        assert.match(job.detail ?? '', /^query variable/);
        assert.deepEqual(job.textEdit, { range, newText: '$job' });
        const rate = items.find((i) => i.label === '$__rate_interval');
        assert.deepEqual(rate?.textEdit, { range, newText: '$__rate_interval' });
        assert.ok(!items.some((i) => i.label === 'rate'), 'no PromQL functions while a variable is typed');
        const resolved = await conn.sendRequest<{ documentation?: { value: string } }>('completionItem/resolve', rate);
        assert.match(resolved.documentation?.value ?? '', /two samples/);
      }
    });

    describe('with a client that takes completion item defaults (as VS Code does)', () => {
      before(() => {
        clientCapabilities = {
          textDocument: {
            completion: {
              completionItem: { snippetSupport: true, resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] } },
              completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
            },
          },
        };
      });
      after(() => {
        clientCapabilities = {};
      });

      interface LeanList {
        isIncomplete: boolean;
        itemDefaults?: { editRange?: Range };
        items: Array<{ label: string; kind: number; insertText?: string; insertTextFormat?: number; textEdit?: unknown; data?: unknown }>;
      }

      it('sends one shared edit range and items without textEdit or data, still resolvable', async () => {
        const f = open('rules/alerts.yml');
        const at = f.text.indexOf('rate(http_requests_total[5m]))') + 2; // inside "ra|te"
        const list = await conn.sendRequest<LeanList>('textDocument/completion', { textDocument: { uri: f.uri }, position: positionOf(f.text, at) });
        assert.ok(!Array.isArray(list), 'a CompletionList, not an array');
        assert.deepEqual(list.itemDefaults, { editRange: { start: positionOf(f.text, at - 2), end: positionOf(f.text, at + 2) } });
        assert.ok(list.items.length > 50, `${list.items.length} items`);
        assert.deepEqual(list.items.filter((i) => i.textEdit !== undefined || i.data !== undefined).map((i) => i.label), []);
        const rate = list.items.find((i) => i.label === 'rate');
        assert.equal(rate?.insertText, 'rate($1)');
        assert.equal(rate?.insertTextFormat, 2 /* Snippet */);
        // A plain item inserts its label: neither insertText nor a format is needed.
        const metric = list.items.find((i) => i.label === 'http_requests_total');
        assert.deepEqual([metric?.insertText, metric?.insertTextFormat], [undefined, undefined]);
        const resolved = await conn.sendRequest<{ documentation?: { value: string } }>('completionItem/resolve', rate);
        assert.equal(resolved.documentation?.value, FUNCTIONS.get('rate')?.description);
        const sum = list.items.find((i) => i.label === 'sum');
        const resolvedSum = await conn.sendRequest<{ documentation?: { value: string } }>('completionItem/resolve', sum);
        assert.ok(resolvedSum.documentation?.value && resolvedSum.documentation.value !== resolved.documentation?.value, 'aggregation documented');
      });

      it('completes dashboard variables over the default range', async () => {
        const f = open('dashboards/service.json');
        const start = f.text.indexOf('$__rate_interval');
        const list = await conn.sendRequest<LeanList>('textDocument/completion', { textDocument: { uri: f.uri }, position: positionOf(f.text, start + 1) });
        assert.deepEqual(list.itemDefaults?.editRange, { start: positionOf(f.text, start), end: positionOf(f.text, start + '$__rate_interval'.length) });
        assert.ok(list.items.some((i) => i.label === '$job'));
        const rate = list.items.find((i) => i.label === '$__rate_interval');
        assert.equal(rate?.kind, 6 /* Variable, as metric names: resolve must tell them apart */);
        const resolved = await conn.sendRequest<{ documentation?: { value: string } }>('completionItem/resolve', rate);
        assert.match(resolved.documentation?.value ?? '', /two samples/);
      });
    });

    it('offers nothing outside PromQL in a rule file', async () => {
      const f = open('rules/alerts.yml');
      const items = await conn.sendRequest<unknown[]>('textDocument/completion', {
        textDocument: { uri: f.uri },
        position: positionOf(f.text, f.text.indexOf('severity: page') + 3),
      });
      assert.deepEqual(items, []);
    });

    it('completes metric and label names used elsewhere in the file', async () => {
      const f = open('rules/alerts.yml');
      const metricAt = f.text.indexOf('(rate(http_requests_total[5m]))') + 1;
      const items = await conn.sendRequest<Array<{ label: string; kind: number }>>('textDocument/completion', {
        textDocument: { uri: f.uri },
        position: positionOf(f.text, metricAt),
      });
      assert.equal(items.find((i) => i.label === 'http_requests_total')?.kind, 6 /* Variable */);
      const labelAt = f.text.indexOf('{code=~') + 1;
      const labels = await conn.sendRequest<Array<{ label: string; kind: number }>>('textDocument/completion', {
        textDocument: { uri: f.uri },
        position: positionOf(f.text, labelAt),
      });
      // job from the by() clauses, code from this very selector (the word after the cursor).
      assert.deepEqual(labels.map((i) => [i.label, i.kind]).sort(), [['code', 10 /* Property */], ['job', 10]]);
    });

    it('completes durations inside a dashboard target\'s range', async () => {
      const f = open('dashboards/service.json');
      const at = f.text.indexOf('[5m]') + 1;
      const items = await conn.sendRequest<Array<{ label: string; detail?: string }>>('textDocument/completion', {
        textDocument: { uri: f.uri },
        position: positionOf(f.text, at),
      });
      assert.equal(items.find((i) => i.label === '5m')?.detail, '5 minutes');
      assert.ok(!items.some((i) => i.label === 'rate'));
    });

    it('honours the experimental-functions setting sent by the client', async () => {
      const f = open('queries.promql');
      const at = { textDocument: { uri: f.uri }, position: positionOf(f.text, f.text.length) };
      const before = await conn.sendRequest<Array<{ label: string }>>('textDocument/completion', at);
      assert.ok(before.some((i) => i.label === 'rate') && !before.some((i) => i.label === 'limitk'));
      await conn.sendNotification('workspace/didChangeConfiguration', { settings: { monitoring: { promql: { experimentalFunctions: true } } } });
      const after = await conn.sendRequest<Array<{ label: string }>>('textDocument/completion', at);
      assert.ok(after.some((i) => i.label === 'limitk') && after.some((i) => i.label === 'mad_over_time'));
    });

    it('hovers a function inside a dashboard JSON string, with the range of the word in the file', async () => {
      const f = open('dashboards/service.json');
      const at = f.text.indexOf('histogram_quantile') + 3;
      const hover = await conn.sendRequest<{ contents: { kind: string; value: string }; range: Range }>('textDocument/hover', {
        textDocument: { uri: f.uri },
        position: positionOf(f.text, at),
      });
      assert.equal(hover.contents.kind, 'markdown');
      assert.match(hover.contents.value, /histogram_quantile\(\S+ scalar, \S+ instant vector\) instant vector/);
      const start = f.text.indexOf('histogram_quantile');
      assert.deepEqual(hover.range, { start: positionOf(f.text, start), end: positionOf(f.text, start + 'histogram_quantile'.length) });
    });

    it('hovers a static target of prometheus.yml with its labels after relabeling, or the rule that drops it', async () => {
      const f = open('scrape/prometheus.yml');
      const hoverOn = (needle: string) =>
        conn.sendRequest<{ contents: { kind: string; value: string }; range: Range } | null>('textDocument/hover', {
          textDocument: { uri: f.uri },
          position: positionOf(f.text, f.text.indexOf(needle) + 3),
        });
      const kept = await hoverOn('node-2.eu-west');
      assert.ok(kept);
      assert.equal(kept.contents.kind, 'markdown');
      assert.match(kept.contents.value, /\| instance \| node\\-2 \|/);
      assert.match(kept.contents.value, /\| region \| eu\\-west \|/);
      assert.match(kept.contents.value, /\| env \| prod \|/);
      assert.match(kept.contents.value, /every 30s \(timeout 10s\)/);
      const start = f.text.indexOf('"node-2.eu-west');
      assert.deepEqual(kept.range, { start: positionOf(f.text, start), end: positionOf(f.text, start + '"node-2.eu-west.example.com:9100"'.length) });
      const dropped = await hoverOn('staging-1');
      assert.match(dropped!.contents.value, /Dropped by relabel rule 1 \(line 16\)/);
      const probe = await hoverOn('status.example.com');
      assert.match(probe!.contents.value, /Scraped at http:\/\/blackbox\\-exporter:9115\/probe\?module=http\\_2xx&target=https%3A%2F%2Fstatus\\\.example\\\.com%2F/);
      // Not a target: a key, which the key hover explains.
      assert.equal((await hoverOn('job_name: node'))?.contents.value, '**job_name**: string\n\nA field of `ScrapeConfig`.');
      const sd = await hoverOn('targets/*.json');
      assert.match(sd!.contents.value, /^\*\*file_sd targets\/\\\*\\\.json\*\* of job postgres: 1 file, 3 targets/);
      assert.match(sd!.contents.value, /\| db\\-test\\\.eu\\-west\\\.example\\\.com:9187 \| dropped by relabel rule 1 \(line \d+\) \|/);
      const am = await hoverOn('alertmanager-1.eu-west');
      assert.match(am!.contents.value, /^\*\*Alertmanager alertmanager\\-1\\\.eu\\-west\\\.example\\\.com:9093\*\* after its 1 relabel rule\n\nPrometheus posts alerts to http:\/\/alertmanager\\-1\\\.eu\\-west\\\.example\\\.com:9093\/alertmanager\/api\/v2\/alerts$/);
      assert.match((await hoverOn('alertmanager-old'))!.contents.value, /Dropped by relabel rule 1 \(line \d+\): Prometheus sends it no alerts/);
    });

    it('hovers a duration in words', async () => {
      const f = open('queries.promql');
      const at = f.text.indexOf('[10m]') + 2;
      const hover = await conn.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
        textDocument: { uri: f.uri },
        position: positionOf(f.text, at),
      });
      assert.equal(hover.contents.value, '**10m**: 10 minutes (600 s)');
    });

    it('gives signature help with the active parameter', async () => {
      const f = open('queries.promql');
      const at = f.text.indexOf('sum by (le)');
      const help = await conn.sendRequest<{ signatures: Array<{ label: string; parameters: unknown[] }>; activeParameter: number }>(
        'textDocument/signatureHelp',
        { textDocument: { uri: f.uri }, position: positionOf(f.text, at) },
      );
      assert.match(help.signatures[0].label, /^histogram_quantile\(/);
      assert.equal(help.signatures[0].parameters.length, 2);
      assert.equal(help.activeParameter, 1);
    });

    it('outlines rule groups and rules, dashboard panels and targets, and .promql expressions', async () => {
      type Sym = { name: string; detail?: string; kind: number; range: Range; selectionRange: Range; children?: Sym[] };
      const symbolsOf = async (rel: string) => {
        const f = open(rel);
        const symbols = await conn.sendRequest<Sym[]>('textDocument/documentSymbol', { textDocument: { uri: f.uri } });
        return { f, symbols, expressions: documentExpressions(rel, f.text).expressions };
      };
      const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
        a.line < b.line || (a.line === b.line && a.character <= b.character);
      const within = (inner: Range, outer: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);
      const tree = (list: Sym[]): string[] => list.map((s) => `${s.name}${s.children?.length ? ` (${tree(s.children).join(', ')})` : ''}`);
      const leaves = (list: Sym[]): Sym[] => list.flatMap((s) => (s.children?.length ? leaves(s.children) : [s]));
      const nests = (list: Sym[], parent?: Sym): void => {
        for (const s of list) {
          assert.ok(within(s.selectionRange, s.range), s.name);
          if (parent) assert.ok(within(s.range, parent.range), `${s.name} in ${parent.name}`);
          nests(s.children ?? [], s);
        }
      };

      // .promql: still one symbol per expression, covering it exactly.
      const promql = await symbolsOf('queries.promql');
      assert.deepEqual(
        promql.symbols.map((s) => s.range),
        promql.expressions.map((e) => ({ start: positionOf(promql.f.text, e.range.start), end: positionOf(promql.f.text, e.range.end) })),
      );

      const rules = await symbolsOf('rules/alerts.yml');
      assert.deepEqual(tree(rules.symbols), ['http (job:http_requests:rate5m, HighErrorRate)']);
      const [http] = rules.symbols;
      assert.equal(http.kind, 3 /* Namespace */);
      assert.deepEqual(http.children?.map((r) => [r.detail, r.kind]), [['recording rule', 12 /* Function */], ['alerting rule', 24 /* Event */]]);
      const httpAt = rules.f.text.indexOf('http\n');
      assert.deepEqual(http.selectionRange, { start: positionOf(rules.f.text, httpAt), end: positionOf(rules.f.text, httpAt + 4) });

      const dashboard = await symbolsOf('dashboards/service.json');
      assert.deepEqual(tree(dashboard.symbols), [
        'Variables (job)',
        'Requests (A sum by (code) (rate(http_requests_total{job="$job"}[$__rate_interval])))',
        'Latency p90 (A histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket{job="$job"}[5m]))) by)',
      ]);
      assert.deepEqual(dashboard.symbols.slice(1).map((p) => p.detail), ['timeseries', 'timeseries']);

      for (const { f, symbols, expressions } of [promql, rules, dashboard]) {
        nests(symbols);
        const leafRanges = leaves(symbols).map((s) => s.range);
        for (const e of expressions) {
          const r = { start: positionOf(f.text, e.range.start), end: positionOf(f.text, e.range.end) };
          assert.ok(leafRanges.some((l) => within(r, l)), `${e.label} is in no symbol`);
        }
      }
    });

    it('classifies the words of a rule file\'s expressions as semantic tokens', async () => {
      const f = open('rules/alerts.yml');
      const result = await conn.sendRequest<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: f.uri } });
      // Decode the relative encoding: [deltaLine, deltaStart, length, type, modifiers]*
      const words: string[] = [];
      const lines = f.text.split('\n');
      let line = 0;
      let char = 0;
      for (let i = 0; i < result.data.length; i += 5) {
        const [dl, ds, len, type] = result.data.slice(i, i + 5);
        line += dl;
        char = dl === 0 ? char + ds : ds;
        words.push(`${lines[line].slice(char, char + len)}:${legend[type]}`);
      }
      assert.deepEqual(words.slice(0, 8), [
        'sum:keyword', 'by:keyword', 'job:property', 'rate:function', 'http_requests_total:variable', '5m:number',
        'sum:keyword', 'by:keyword',
      ]);
      assert.ok(!words.some((w) => w.startsWith('severity') || w.startsWith('groups')), 'YAML keys are not tokens');
    });

    it('formats a .promql document expression by expression, as the core formatter does', async () => {
      const uri = 'untitled:Untitled-2';
      const text = 'sum(rate(x[5m]))by(job)\n\n# kept as written\nsum (up)\n\nrate(up[5m]\n';
      void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'promql', version: 1, text } });
      const edits = await conn.sendRequest<Array<{ range: Range; newText: string }>>('textDocument/formatting', {
        textDocument: { uri },
        options: { tabSize: 2, insertSpaces: true },
      });
      const { expressions } = documentExpressions('x.promql', text);
      const expected = expressions
        .filter((e) => !/#/.test(e.text))
        .map((e) => ({ e, f: formatPromQL(e.text, { pretty: true }) }))
        .filter(({ e, f }) => f.errors.length === 0 && f.text !== e.text)
        .map(({ e, f }) => ({ range: { start: positionOf(text, e.range.start), end: positionOf(text, e.range.end) }, newText: f.text }));
      assert.deepEqual(edits, expected);
      assert.ok(!edits.some((ed) => ed.newText.includes('rate(up[5m]') && !ed.newText.includes('])')), 'a broken expression is left alone');
    });

    describe('recording rules across the workspace', () => {
      const NAME = 'job:http_requests:rate5m';
      /** Offsets of NAME as a whole word in the `expr:` lines of a text (the record: line defines, not uses). */
      const usesIn = (text: string): number[] => {
        const out: number[] = [];
        for (const m of text.matchAll(/job:http_requests:rate5m(?![\w:])/g)) {
          const lineStart = text.lastIndexOf('\n', m.index) + 1;
          if (/^\s*expr:/.test(text.slice(lineStart, m.index))) out.push(m.index);
        }
        return out;
      };
      const nameRange = (text: string, at: number): Range => ({ start: positionOf(text, at), end: positionOf(text, at + NAME.length) });
      /** Polls a request until its answer satisfies `ok` (the workspace scan runs in the background). */
      async function until<T>(ask: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
        const started = Date.now();
        for (;;) {
          const v = await ask();
          if (ok(v) || Date.now() - started > timeoutMs) return v;
          await new Promise((r) => setTimeout(r, 50));
        }
      }

      it('goes to the record: name in another rule file, found by the workspace scan', async () => {
        const f = open('rules/usage.yml');
        const alerts = fixture('rules/alerts.yml');
        const at = f.text.indexOf(`max_over_time(${NAME}`) + 'max_over_time('.length + 4;
        const got = await conn.sendRequest<Array<{ uri: string; range: Range }>>('textDocument/definition', {
          textDocument: { uri: f.uri },
          position: positionOf(f.text, at),
        });
        const def = alerts.text.indexOf(`record: ${NAME}`) + 'record: '.length;
        assert.deepEqual(got, [{ uri: alerts.uri, range: nameRange(alerts.text, def) }]);
        // A name that is no recording rule has no definition.
        const plain = f.text.indexOf('http_requests_total') + 3;
        assert.equal(await conn.sendRequest('textDocument/definition', { textDocument: { uri: f.uri }, position: positionOf(f.text, plain) }), null);
      });

      it('finds every use in PromQL, and the definition when asked', async () => {
        const f = open('rules/usage.yml');
        const alerts = fixture('rules/alerts.yml');
        const at = f.text.indexOf(`expr: ${NAME}`) + 'expr: '.length + 1;
        const ask = (includeDeclaration: boolean) =>
          conn.sendRequest<Array<{ uri: string; range: Range }>>('textDocument/references', {
            textDocument: { uri: f.uri },
            position: positionOf(f.text, at),
            context: { includeDeclaration },
          });
        const uses = usesIn(f.text).map((o) => ({ uri: f.uri, range: nameRange(f.text, o) }));
        assert.equal(uses.length, 3, 'the fixture uses the name three times');
        assert.equal(usesIn(alerts.text).length, 0);
        const sort = (l: Array<{ uri: string; range: Range }>) => [...l].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
        assert.deepEqual(sort(await ask(false)), sort(uses));
        const def = { uri: alerts.uri, range: nameRange(alerts.text, alerts.text.indexOf(`record: ${NAME}`) + 'record: '.length) };
        assert.deepEqual(sort(await ask(true)), sort([def, ...uses]));
      });

      it('completes recording rule names from other files', async () => {
        const uri = 'untitled:Untitled-rr';
        const text = 'sum(job:http';
        void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'promql', version: 1, text } });
        const items = await until(
          () => conn.sendRequest<Array<{ label: string; kind: number; data?: unknown }>>('textDocument/completion', {
            textDocument: { uri },
            position: positionOf(text, text.length),
          }),
          (l) => l.some((i) => i.label === NAME),
        );
        const item = items.find((i) => i.label === NAME);
        assert.ok(item, 'the recording rule of rules/alerts.yml is offered');
        assert.equal(item.kind, 6 /* Variable */);
        const resolved = await conn.sendRequest<{ documentation?: { value: string } }>('completionItem/resolve', item);
        assert.match(resolved.documentation?.value ?? '', /sum by \(job\) \(rate\(http_requests_total\[5m\]\)\)/);
      });

      it('hovers a recording rule name with its expr, group and file', async () => {
        const f = open('rules/usage.yml');
        const at = f.text.indexOf(`expr: ${NAME}`) + 'expr: '.length;
        const hover = await until(
          () => conn.sendRequest<{ contents: { value: string }; range: Range } | null>('textDocument/hover', { textDocument: { uri: f.uri }, position: positionOf(f.text, at + 2) }),
          (h) => h !== null,
        );
        assert.ok(hover);
        assert.match(hover.contents.value, /sum by \(job\) \(rate\(http_requests_total\[5m\]\)\)/);
        assert.match(hover.contents.value, /`http`/);
        assert.match(hover.contents.value, /rules\/alerts\.yml/);
        assert.deepEqual(hover.range, nameRange(f.text, at));
      });

      it('offers "Format this PromQL expression" on a rule expr, writing valid YAML back', async () => {
        const f = open('rules/usage.yml');
        const at = f.text.indexOf('sum by(job,instance');
        const actions = await conn.sendRequest<Array<{ title: string; kind: string; edit: { changes: Record<string, Array<{ range: Range; newText: string }>> } }>>(
          'textDocument/codeAction',
          { textDocument: { uri: f.uri }, range: { start: positionOf(f.text, at), end: positionOf(f.text, at) }, context: { diagnostics: [] } },
        );
        const action = actions.find((a) => a.title === 'Format this PromQL expression');
        assert.ok(action, JSON.stringify(actions));
        assert.equal(action.kind, 'refactor.rewrite');
        const [edit] = action.edit.changes[f.uri];
        const lines = f.text.split('\n');
        const offsetOf = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
        const edited = f.text.slice(0, offsetOf(edit.range.start)) + edit.newText + f.text.slice(offsetOf(edit.range.end));
        // The expression read back from the edited file is the core formatter's output (too long
        // for one line at the default 100, so Prometheus' multi-line layout), in a literal block.
        const before = documentExpressions('rules/usage.yml', f.text).expressions.find((e) => e.text.startsWith('sum by(job,instance'))!;
        const oneLine = formatPromQL(before.text).text;
        assert.ok(oneLine.length > 100);
        const after = documentExpressions('rules/usage.yml', edited).expressions;
        assert.equal(after.length, documentExpressions('rules/usage.yml', f.text).expressions.length);
        assert.ok(after.some((e) => e.text === formatPromQL(before.text, { pretty: true, maxLineLength: 100 }).text));
        assert.match(edit.newText, /^\|/);
        // None on an expression with a syntax error.
        const broken = fixture('rules/alerts.yml');
        open('rules/alerts.yml');
        const bad = broken.text.indexOf('sum by (job) (rate(http_requests_total{code');
        const none = await conn.sendRequest<Array<{ title: string }>>('textDocument/codeAction', {
          textDocument: { uri: broken.uri },
          range: { start: positionOf(broken.text, bad), end: positionOf(broken.text, bad) },
          context: { diagnostics: [] },
        });
        assert.ok(!none.some((a) => a.title === 'Format this PromQL expression'));
      });
    });
  });

  describe('`monitoring-as-code lsp --stdio`', () => {
    it('serves the same language server through the CLI', async () => {
      const proc = spawn(process.execPath, [path.join(ROOT, 'server', 'out', 'cli.js'), 'lsp', '--stdio'], { cwd: ROOT });
      const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
      const published: PublishDiagnostics[] = [];
      conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnostics) => published.push(p));
      conn.listen();
      const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
      try {
        const init = await conn.sendRequest<{ serverInfo?: { name: string } }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
        assert.equal(init.serverInfo?.name, 'monitoring-as-code');
        await conn.sendNotification('initialized', {});
        const text = 'sum(rat(up[5m]))';
        await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:cli', languageId: 'promql', version: 1, text } });
        for (let i = 0; i < 100 && published.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
        assert.deepEqual(
          published[0]?.diagnostics.map((d) => ({ message: d.message, range: d.range })),
          expectedDiagnostics('x.promql', text),
        );
        await conn.sendRequest('shutdown');
        await conn.sendNotification('exit');
        assert.equal(await exited, 0);
      } finally {
        conn.dispose();
        proc.kill();
      }
    });
  });
});
