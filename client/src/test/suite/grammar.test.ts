// TextMate grammar and injections, tokenized the way the editor does it: VS Code's own
// vscode-textmate and Oniguruma (from the running VS Code's appRoot), fed with every grammar that
// VS Code's built-in extensions and ours contribute, injections included. The web workbench has no
// command that exposes its tokens, so the test rebuilds that registry.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fixtureUri } from './helpers';

interface Token {
  text: string;
  scopes: string[];
}

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

// vscode-textmate is loaded from the running VS Code at run time, untyped: hence the `any`s.
let registryPromise: Promise<{ registry: any; textmate: any }> | undefined;

function registry(): Promise<{ registry: any; textmate: any }> {
  registryPromise ??= (async () => {
    const modules = path.join(vscode.env.appRoot, 'node_modules');
    const textmate = require(path.join(modules, 'vscode-textmate'));
    const onig = require(path.join(modules, 'vscode-oniguruma'));
    const wasm = fs.readFileSync(path.join(modules, 'vscode-oniguruma', 'release', 'onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const grammars = new Map<string, string>();
    const injections = new Map<string, string[]>();
    const extensionRoots = fs
      .readdirSync(path.join(vscode.env.appRoot, 'extensions'))
      .map((d) => path.join(vscode.env.appRoot, 'extensions', d));
    extensionRoots.push(vscode.extensions.getExtension('monitoring-as-code.monitoring-as-code')!.extensionPath);
    for (const root of extensionRoots) {
      const manifest = path.join(root, 'package.json');
      if (!fs.existsSync(manifest)) continue;
      const contributed: GrammarContribution[] = JSON.parse(fs.readFileSync(manifest, 'utf8')).contributes?.grammars ?? [];
      for (const g of contributed) {
        grammars.set(g.scopeName, path.join(root, g.path));
        for (const target of g.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), g.scopeName]);
      }
    }
    const reg = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new onig.OnigScanner(sources),
        createOnigString: (s: string) => new onig.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) => {
        const file = grammars.get(scopeName);
        return file ? textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
      },
      getInjections: (scopeName: string) => injections.get(scopeName) ?? [],
    });
    return { registry: reg, textmate };
  })();
  return registryPromise;
}

async function tokenize(relative: string, scopeName: string): Promise<Token[]> {
  return (await tokenizeLines(fixtureUri(relative).fsPath, scopeName)).flat();
}

/** Tokens per line of a file. */
async function tokenizeLines(file: string, scopeName: string): Promise<Token[][]> {
  const { registry: reg, textmate } = await registry();
  const grammar = await reg.loadGrammar(scopeName);
  assert.ok(grammar, `grammar ${scopeName} loads`);
  const out: Token[][] = [];
  let stack = textmate.INITIAL;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const r = grammar.tokenizeLine(line, stack);
    out.push(r.tokens.map((t: { startIndex: number; endIndex: number; scopes: string[] }) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
    stack = r.ruleStack;
  }
  return out;
}

/**
 * Files under a folder of the corpus copy in test-fixtures, by extension. Found from this suite's
 * own place (client/out/test/suite) in the repository, not from the extension: the installed VSIX
 * has no test-fixtures.
 */
function corpusFiles(folder: string, ext: RegExp): string[] {
  const root = path.resolve(__dirname, '..', '..', '..', '..', 'test-fixtures', 'corpus', folder);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (ext.test(e.name)) out.push(path.join(dir, e.name));
    }
  };
  walk(root);
  return out.sort();
}

const isPromQL = (t: Token) => t.scopes.includes('meta.embedded.inline.promql');

function scopesOf(all: Token[], text: string): string[] {
  const hit = all.filter((t) => t.text === text);
  assert.ok(hit.length > 0, `no token ${JSON.stringify(text)} among ${all.map((t) => t.text).join('|').slice(0, 400)}`);
  return hit.map((t) => t.scopes.join(' '));
}

describe('syntax highlighting', () => {
  it('scopes functions, aggregations, durations, matchers and comments in a .promql file', async () => {
    const all = await tokenize('queries.promql', 'source.promql');
    assert.ok(scopesOf(all, 'rate').every((s) => s.includes('support.function.promql')));
    assert.ok(scopesOf(all, 'sum').every((s) => s.includes('keyword.other.aggregation.promql')));
    assert.ok(scopesOf(all, 'by').every((s) => s.includes('keyword.other.modifier.promql')));
    assert.ok(scopesOf(all, '5m').every((s) => s.includes('constant.numeric.duration.promql')));
    assert.ok(scopesOf(all, '=~').every((s) => s.includes('keyword.operator.matcher.promql')));
    assert.ok(scopesOf(all, 'code').every((s) => s.includes('entity.name.tag.label.promql')));
    assert.ok(scopesOf(all, 'http_requests_total').every((s) => s.includes('variable.other.metric.promql')));
    assert.ok(all.some((t) => t.text.trim().startsWith('Per-job') && t.scopes.includes('comment.line.number-sign.promql')));
  });

  it('injects PromQL into rule files\' expr values, plain and block scalars', async () => {
    const all = await tokenize('rules/alerts.yml', 'source.yaml');
    const rate = scopesOf(all, 'rate');
    assert.equal(rate.length, 3, 'rate appears three times in expr values');
    assert.ok(rate.every((s) => s.includes('meta.embedded.inline.promql') && s.includes('support.function.promql')), rate.join('\n'));
    assert.ok(scopesOf(all, 'expr').every((s) => s.includes('entity.name.tag.yaml')));
    // Other keys and values stay plain YAML.
    assert.ok(all.filter((t) => /page|10m|HighErrorRate/.test(t.text)).every((t) => !t.scopes.join(' ').includes('promql')));
  });

  it('injects PromQL into dashboard "expr" strings, escaped quotes included', async () => {
    const all = await tokenize('dashboards/service.json', 'source.json');
    const fn = scopesOf(all, 'histogram_quantile');
    assert.ok(fn.every((s) => s.includes('meta.embedded.inline.promql') && s.includes('support.function.promql')), fn.join('\n'));
    assert.ok(scopesOf(all, 'job').some((s) => s.includes('entity.name.tag.label.promql')));
    assert.ok(all.filter((t) => /Latency|timeseries/.test(t.text)).every((t) => !t.scopes.join(' ').includes('promql')));
  });

  it('highlights every expr of the corpus rule files as PromQL, and nothing else', async () => {
    const files = corpusFiles('rules', /\.ya?ml$/);
    assert.ok(files.length >= 10, `rule files found: ${files.length}`);
    let exprLines = 0;
    for (const file of files) {
      await new Promise((r) => setImmediate(r)); // keep the extension host responsive between files
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const tokens = await tokenizeLines(file, 'source.yaml');
      for (let i = 0; i < lines.length; i++) {
        const block = /^(\s*)(-\s+)?expr:\s*[|>][-+]?\s*$/.exec(lines[i]);
        const inline = /^\s*(-\s+)?expr:\s*\S/.test(lines[i]) && !block;
        const where = `${path.basename(file)}:${i + 1}`;
        if (inline) {
          exprLines++;
          assert.ok(tokens[i].some(isPromQL), `${where} is PromQL`);
        }
        if (block) {
          const indent = block[1].length + (block[2]?.length ?? 0);
          for (let j = i + 1; j < lines.length && (lines[j].trim() === '' || lines[j].search(/\S/) > indent); j++) {
            if (lines[j].trim() === '') continue;
            exprLines++;
            assert.ok(tokens[j].some(isPromQL), `${path.basename(file)}:${j + 1} (block) is PromQL`);
          }
        }
        const key = /^\s*(?:-\s+)?([\w.]+):/.exec(lines[i]);
        if (key && key[1] !== 'expr' && !isInsideBlock(lines, i)) {
          assert.ok(!tokens[i].some((t) => t.text === key[1] && isPromQL(t)), `${where}: key ${key[1]} stays YAML`);
        }
      }
    }
    assert.ok(exprLines > 1000, `PromQL lines checked: ${exprLines}`);
  });

  it('highlights every "expr" string of the corpus dashboards as PromQL, and no other value', async () => {
    const files = corpusFiles('dashboards', /\.json$/);
    assert.ok(files.length >= 10, `dashboards found: ${files.length}`);
    let exprs = 0;
    for (const file of files) {
      await new Promise((r) => setImmediate(r));
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const tokens = await tokenizeLines(file, 'source.json');
      for (let i = 0; i < lines.length; i++) {
        const where = `${path.basename(file)}:${i + 1}`;
        if (/"expr"\s*:\s*"[^"]/.test(lines[i])) {
          exprs++;
          assert.ok(tokens[i].some(isPromQL), `${where} is PromQL`);
        } else if (!lines[i].includes('"expr"')) {
          assert.ok(!tokens[i].some(isPromQL), `${where} has no PromQL`);
        }
      }
    }
    assert.ok(exprs > 500, `expr strings checked: ${exprs}`);
  });
});

/** Whether line i lies inside an expr block scalar (then it is PromQL text, not a YAML key). */
function isInsideBlock(lines: string[], i: number): boolean {
  const indent = lines[i].search(/\S/);
  for (let j = i - 1; j >= 0; j--) {
    if (lines[j].trim() === '') continue;
    const at = lines[j].search(/\S/);
    if (at < indent && /expr:\s*[|>][-+]?\s*$/.test(lines[j])) return true;
    if (at < indent) return false;
  }
  return false;
}
