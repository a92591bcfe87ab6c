import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { changedSpan, reextractIncrementally } from './incremental';
import { dashboardExpressions } from './dashboard';
import { promqlFileExpressions } from './promqlFile';
import { ruleFileExpressions } from './ruleFile';
import type { EmbeddedExpression } from './types';

const CORPUS = path.join(__dirname, '../../../test-fixtures/corpus');

/** A small deterministic PRNG (mulberry32), so every run makes the same edits. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What people type, and the characters that must send us back to a full extraction. */
const TYPED = 'abcxyzAZ019_ .';
const SYNTAX = '\n"\'`\\#:{}[],|>&*!%@$()=~+-/';

function assertSame(got: readonly EmbeddedExpression[], want: readonly EmbeddedExpression[], context: string): void {
  assert.equal(got.length, want.length, `${context}: count`);
  for (let i = 0; i < want.length; i++) {
    const g = got[i];
    const w = want[i];
    const where = `${context}: expression ${i} (${w.label})`;
    assert.deepEqual(
      { kind: g.kind, text: g.text, source: g.source, range: g.range, label: g.label },
      { kind: w.kind, text: w.text, source: w.source, range: w.range, label: w.label },
      where,
    );
    for (let o = 0; o <= w.text.length + 1; o++) assert.equal(g.toFileOffset(o), w.toFileOffset(o), `${where}: offset ${o}`);
  }
}

interface Tally {
  edits: number;
  incremental: number;
  typed: number;
  typedIncremental: number;
}

/**
 * Applies `count` random one-character edits inside the expressions, each on top of the previous
 * one (so shifted maps of shifted maps are checked too), and compares every non-null incremental
 * result with a full extraction of the new text.
 */
function fuzz(text: string, extract: (t: string) => EmbeddedExpression[], seed: number, count: number, name: string): Tally {
  const random = prng(seed);
  const pick = (s: string): string => s[Math.floor(random() * s.length)];
  const tally: Tally = { edits: 0, incremental: 0, typed: 0, typedIncremental: 0 };
  let current = text;
  let expressions = extract(current);
  assert.ok(expressions.length > 0, `${name} has expressions`);
  for (let n = 0; n < count; n++) {
    const e = expressions[Math.floor(random() * expressions.length)];
    const at = e.range.start + Math.floor(random() * (e.range.end - e.range.start + 1));
    const typed = random() < 0.75;
    const ch = pick(typed ? TYPED : SYNTAX);
    const op = random();
    const next = op < 0.5 ? current.slice(0, at) + ch + current.slice(at)
      : op < 0.75 ? current.slice(0, at) + current.slice(at + 1)
      : current.slice(0, at) + ch + current.slice(at + 1);
    if (next === current) continue;
    const removed = changedSpan(current, next)?.removed ?? '';
    const isTyping = typed && !/[^A-Za-z0-9_ .]/.test(removed);
    const got = reextractIncrementally(current, expressions, next);
    const full = extract(next);
    tally.edits++;
    if (isTyping) tally.typed++;
    if (got) {
      tally.incremental++;
      if (isTyping) tally.typedIncremental++;
      assertSame(got, full, `${name} seed ${seed} edit ${n} at ${at} ${JSON.stringify(current.slice(at - 10, at + 10))} → ${JSON.stringify(next.slice(at - 10, at + 10))}`);
    }
    current = next;
    expressions = got ?? full;
  }
  return tally;
}

function report(name: string, t: Tally): void {
  const pct = (a: number, b: number): string => `${b ? Math.round((100 * a) / b) : 0}%`;
  console.log(`      ${name}: ${t.incremental}/${t.edits} edits incremental (${pct(t.incremental, t.edits)}); typing letters/digits/spaces ${t.typedIncremental}/${t.typed} (${pct(t.typedIncremental, t.typed)})`);
}

describe('changedSpan', () => {
  const cases = [
    { old: 'abc', now: 'abXc', want: { start: 2, removed: '', inserted: 'X' } },
    { old: 'abc', now: 'ac', want: { start: 1, removed: 'b', inserted: '' } },
    { old: 'aaa', now: 'aaaa', want: { start: 3, removed: '', inserted: 'a' } },
    { old: 'abc', now: 'aXc', want: { start: 1, removed: 'b', inserted: 'X' } },
  ];
  for (const c of cases) it(`${c.old} → ${c.now}`, () => assert.deepEqual(changedSpan(c.old, c.now), c.want));
  it('no change', () => assert.equal(changedSpan('x', 'x'), null));
});

describe('reextractIncrementally', () => {
  it('rebuilds one block-scalar expression and shifts the next one', () => {
    const file = 'groups:\n- name: g\n  rules:\n  - record: a\n    expr: |\n      sum(rate(x[5m]))\n  - alert: b\n    expr: up == 0\n';
    const old = ruleFileExpressions(file);
    const next = file.replace('sum(rate', 'sum(irate');
    const got = reextractIncrementally(file, old, next);
    assert.ok(got);
    assertSame(got, ruleFileExpressions(next), 'typed i');
    assert.equal(got[0].text, 'sum(irate(x[5m]))\n');
    assert.equal(got[1].range.start, old[1].range.start + 1);
  });
  const refused: Array<{ name: string; file: string; from: string; to: string }> = [
    { name: 'a key in a plain scalar', file: 'groups:\n- name: g\n  rules:\n  - record: a\n    expr: a:b + c\n', from: 'a:b', to: 'a: b' },
    { name: 'a comment in a plain scalar', file: 'groups:\n- name: g\n  rules:\n  - record: a\n    expr: a x#b\n', from: 'a x#b', to: 'a #b' },
    { name: 'an escape in double quotes', file: 'groups:\n- name: g\n  rules:\n  - record: a\n    expr: "a\\x4 1"\n', from: 'x4 1', to: 'x41' },
    { name: "a '' in single quotes", file: "groups:\n- name: g\n  rules:\n  - record: a\n    expr: 'a''b'\n", from: "a''b", to: "a'x'b" },
    { name: 'indentation of a block scalar', file: 'groups:\n- name: g\n  rules:\n  - record: a\n    expr: |\n      a +\n      b\n', from: '      b', to: '  x   b' },
    { name: 'an edit touching the value end', file: 'groups:\n- name: g\n  rules:\n  - record: a\n    expr: ab\n', from: 'ab\n', to: 'abc\n' },
  ];
  for (const c of refused) {
    it(`refuses ${c.name}`, () => {
      const next = c.file.replace(c.from, c.to);
      assert.notEqual(next, c.file);
      assert.equal(reextractIncrementally(c.file, ruleFileExpressions(c.file), next), null);
    });
  }

  describe('agrees with a full extraction for random one-character edits (fixed seeds)', function () {
    this.timeout(120_000);
    const rulesDir = path.join(CORPUS, 'rules/kube-prometheus');
    const total: Tally = { edits: 0, incremental: 0, typed: 0, typedIncremental: 0 };
    const add = (t: Tally): void => {
      total.edits += t.edits;
      total.incremental += t.incremental;
      total.typed += t.typed;
      total.typedIncremental += t.typedIncremental;
    };
    it('kube-prometheus rule files', () => {
      const files = readdirSync(rulesDir).filter((f) => f.endsWith('.yaml')).sort();
      assert.ok(files.length >= 10);
      const sum: Tally = { edits: 0, incremental: 0, typed: 0, typedIncremental: 0 };
      files.forEach((f, i) => {
        const t = fuzz(readFileSync(path.join(rulesDir, f), 'utf8'), ruleFileExpressions, 1000 + i, 120, f);
        sum.edits += t.edits; sum.incremental += t.incremental; sum.typed += t.typed; sum.typedIncremental += t.typedIncremental;
      });
      add(sum);
      report(`${files.length} rule files`, sum);
      assert.ok(sum.typedIncremental > sum.typed / 2, 'typing is mostly incremental');
    });
    it('awesome-prometheus-alerts rule files (quoted scalars)', () => {
      const dir = path.join(CORPUS, 'rules/awesome-prometheus-alerts');
      const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.ya?ml$/.test(f)).sort().slice(0, 8);
      assert.ok(files.length > 0);
      const sum: Tally = { edits: 0, incremental: 0, typed: 0, typedIncremental: 0 };
      files.forEach((f, i) => {
        const text = readFileSync(path.join(dir, f), 'utf8');
        if (ruleFileExpressions(text).length === 0) return;
        const t = fuzz(text, ruleFileExpressions, 2000 + i, 80, f);
        sum.edits += t.edits; sum.incremental += t.incremental; sum.typed += t.typed; sum.typedIncremental += t.typedIncremental;
      });
      add(sum);
      report('awesome-prometheus-alerts', sum);
      assert.ok(sum.edits > 0);
    });
    it('node-exporter-full dashboard', () => {
      const text = readFileSync(path.join(CORPUS, 'dashboards/rfmoz/node-exporter-full.json'), 'utf8');
      const t = fuzz(text, dashboardExpressions, 3000, 150, 'node-exporter-full.json');
      add(t);
      report('node-exporter-full.json', t);
      assert.ok(t.incremental > 0);
    });
    it('a .promql file of corpus expressions', () => {
      const exprs = readFileSync(path.join(CORPUS, 'rules/exprs.jsonl'), 'utf8').split('\n').filter(Boolean)
        .map((l) => (JSON.parse(l) as { input: string }).input.trim()).slice(0, 60);
      const text = `# corpus expressions\n${exprs.join('\n\n')}\n`;
      const t = fuzz(text, promqlFileExpressions, 4000, 400, 'generated.promql');
      add(t);
      report('generated .promql', t);
      assert.ok(t.typedIncremental > t.typed / 2, 'typing is mostly incremental');
    });
    after(() => report('all', total));
  });
});
