import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ruleFileExpressions } from './ruleFile';
import { assertExactMapping } from './assertMapping';

const CORPUS = join(__dirname, '../../../test-fixtures/corpus/rules');

const rule = (exprYaml: string): string => `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: ${exprYaml}\n        for: 5m\n`;

// Every YAML scalar style, with non-ASCII text (é, 日本, an emoji outside the BMP).
const STYLES: Array<{ name: string; yaml: string }> = [
  { name: 'plain one line', yaml: 'up{job="é日本😀"} == 0' },
  { name: 'plain multi-line folds', yaml: 'sum(rate(x{a="é"}[5m]))\n          > 0   \n\n          and   on() vector(1)' },
  { name: 'plain with trailing comment', yaml: 'up == 1   # a comment' },
  { name: 'single quoted', yaml: `'up{job=''日本''} == 0'` },
  { name: 'single quoted folding', yaml: `'sum(x)  \n          > 1\n\n\n          and y{a="😀"}'` },
  { name: 'double quoted escapes', yaml: String.raw`"up{job=\"a\\b\", x=\"\t\x41\u00e9\U0001F600\/\N\_\L\P\e\0\a\b\v\f\r\n\ \"}"` },
  { name: 'double quoted folding and escaped breaks', yaml: '"sum(x) \\\n          > 1   \n\n          and  \\\n          \\  y{a=\\"日本\\"}"' },
  { name: 'double quoted surrogate escape pair', yaml: String.raw`"a{b=\"\ud83d\ude00\"}"` },
  { name: 'literal clip', yaml: '|\n          sum by (job) (\n            rate(x{a="é"}[5m])\n          )\n\n' },
  { name: 'literal strip', yaml: '|-\n          up == 0\n          # not a comment in a literal\n\n' },
  { name: 'literal keep', yaml: '|+\n          up == 0\n\n\n' },
  { name: 'literal indentation indicator', yaml: '|2-\n            foo{a="😀"}\n          bar\n' },
  { name: 'literal leading empty lines', yaml: '|\n\n          up\n' },
  { name: 'literal with header comment', yaml: '| # the query\n          up\n' },
  { name: 'folded clip', yaml: '>\n          sum(x)\n          > 1\n\n          and y{a="日本"}\n' },
  { name: 'folded more-indented lines', yaml: '>-\n          a\n            b{x="é"}\n          c\n\n          d\n' },
  { name: 'folded keep with indicator', yaml: '>+2\n            up\n           == 0\n\n' },
  { name: 'folded indicator then chomp', yaml: '>2-\n            a\n            b\n' },
  { name: 'literal chomp then indicator', yaml: '|-2\n            a\n             b\n' },
];

describe('ruleFileExpressions: scalar styles map every character back to the file', () => {
  for (const c of STYLES) {
    it(c.name, () => {
      const text = rule(c.yaml);
      const expected = parse(text).groups[0].rules[0].expr as string;
      const [e, ...rest] = ruleFileExpressions(text);
      assert.equal(rest.length, 0);
      assert.equal(e.text, expected, 'decoded like the yaml parser');
      assert.equal(e.source, e.text);
      assert.equal(e.kind, 'rule-expr');
      assert.equal(e.label, 'g/A');
      assertExactMapping(text, e);
    });
  }

  it('maps plain text characters one to one (non-ASCII included)', () => {
    const text = rule('up{job="é日本😀"} == 0');
    const [e] = ruleFileExpressions(text);
    const at = text.indexOf('up{');
    for (let i = 0; i < e.text.length; i++) assert.equal(e.toFileOffset(i), at + i);
    assert.deepEqual(e.range, { start: at, end: at + e.text.length });
  });

  it('maps a folded line break to the break and an escape to its backslash', () => {
    const text = rule('"a\\tb\n          c"');
    const [e] = ruleFileExpressions(text);
    assert.equal(e.text, 'a\tb c');
    assert.equal(text.slice(e.toFileOffset(1), e.toFileOffset(1) + 2), '\\t');
    assert.equal(text[e.toFileOffset(3)], '\n');
    assert.equal(text[e.toFileOffset(4)], 'c');
  });

  it('numbers are taken as written (Prometheus reads expr as a string)', () => {
    const text = rule('1');
    const [e] = ruleFileExpressions(text);
    assert.equal(e.text, '1');
  });
});

describe('ruleFileExpressions: file shapes', () => {
  it('reads PrometheusRule manifests, lists of them and multi-document YAML', () => {
    const text = [
      'apiVersion: monitoring.coreos.com/v1',
      'kind: PrometheusRule',
      'spec:',
      '  groups:',
      '  - name: one',
      '    rules:',
      '    - record: r:x',
      '      expr: sum(x)',
      '---',
      'groups:',
      '- name: two',
      '  rules:',
      '  - alert: B',
      "    expr: 'up == 0'",
      '  - alert: NoExpr',
      '---',
      'kind: List',
      'items:',
      '- kind: PrometheusRule',
      '  spec:',
      '    groups:',
      '    - name: three',
      '      rules:',
      '      - alert: C',
      '        expr: |',
      '          vector(1)',
      '',
    ].join('\n');
    const got = ruleFileExpressions(text);
    assert.deepEqual(got.map((e) => [e.label, e.text]), [['one/r:x', 'sum(x)'], ['two/B', 'up == 0'], ['three/C', 'vector(1)\n']]);
    for (const e of got) assertExactMapping(text, e);
  });

  it('reads tags, flow mappings, JSON-style files, CRLF line ends and values on the next line', () => {
    const files = [
      'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: !!str up == 0\n',
      'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: !!str |\n      up\n      == 0\n',
      'groups:\n- name: g\n  rules:\n  - {alert: A, expr: "up ==\n      0", for: 1m}\n  - {alert: B, expr: up\n      == 1}\n',
      'groups:\r\n- name: g\r\n  rules:\r\n  - alert: A\r\n    expr: |\r\n      up\r\n\r\n      == 0\r\n    for: 1m\r\n  - alert: B\r\n    expr: >-\r\n      a\r\n      b\r\n  - alert: C\r\n    expr: "a\r\n      b\\\r\n      c"\r\n',
      '{"groups": [{"name": "g", "rules": [{"alert": "A", "expr": "up\\u00e9 == 0"}]}]}',
      'groups:\n- name: g\n  rules:\n  - alert: A\n    expr:\n      sum(x)\n        > 0\n',
      'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: &x up == 0\n  - alert: B\n    expr: *x\n',
    ];
    for (const text of files) {
      const want = (parse(text).groups[0].rules as Array<{ expr: string }>).map((r) => r.expr);
      const got = ruleFileExpressions(text);
      // An alias (*x) is not reported again: its anchor already is.
      assert.deepEqual(got.map((e) => e.text), text.includes('*x') ? want.slice(0, 1) : want, text);
      for (const e of got) assertExactMapping(text, e);
    }
  });

  it('survives broken and empty YAML without throwing', () => {
    for (const t of ['', 'groups: [', ':\n  - :', 'groups:\n  - rules: 3\n', '\t\tgroups:\n']) {
      assert.doesNotThrow(() => ruleFileExpressions(t));
    }
    assert.deepEqual(ruleFileExpressions(''), []);
  });
});

describe('ruleFileExpressions: corpus', () => {
  const records = readFileSync(join(CORPUS, 'exprs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { input: string; file: string; name: string; group: string });
  const files = [...new Set(records.map((r) => r.file))];

  it('finds all 352 rule expressions of exprs.jsonl, exactly, in order', () => {
    let total = 0;
    for (const f of files) {
      const text = readFileSync(join(CORPUS, f), 'utf8');
      const got = ruleFileExpressions(text);
      const want = records.filter((r) => r.file === f);
      assert.deepEqual(got.map((e) => e.text), want.map((r) => r.input), f);
      assert.deepEqual(got.map((e) => e.label), want.map((r) => `${r.group}/${r.name}`), f);
      for (const e of got) assertExactMapping(text, e);
      total += got.length;
    }
    assert.equal(records.length, 352);
    assert.equal(total, 352);
  });

  it('reads each PrometheusRule manifest to the same expressions as its plain rule file', () => {
    const dir = join(CORPUS, 'kube-prometheus');
    const pairs = ['alertmanager', 'kubePrometheus', 'kubeStateMetrics', 'kubernetesControlPlane', 'nodeExporter', 'prometheus'];
    let total = 0;
    for (const p of pairs) {
      const crd = readFileSync(join(dir, `${p}-prometheusRule.yaml`), 'utf8');
      const plain = readFileSync(join(dir, `${p}.rules.yaml`), 'utf8');
      const a = ruleFileExpressions(crd);
      assert.deepEqual(a.map((e) => e.text), ruleFileExpressions(plain).map((e) => e.text), p);
      // And the yaml parser agrees on every value.
      const docs = parseAllDocuments(crd);
      const values = (Array.isArray(docs) ? docs : [docs]).flatMap((d) => (d.toJS().spec.groups as Array<{ rules: Array<{ expr?: string }> }>).flatMap((g) => g.rules.map((r) => r.expr)));
      assert.deepEqual(a.map((e) => e.text), values.filter((v) => v !== undefined));
      for (const e of a) assertExactMapping(crd, e);
      total += a.length;
    }
    assert.equal(total, 223);
  });
});

describe('ruleFileExpressions: random values in every style the yaml package writes', () => {
  // Property test: whatever string yaml.stringify writes (and however it folds or escapes it), we
  // read back the same value with an exact map.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fc = require('fast-check') as typeof import('fast-check');
  const { stringify } = require('yaml') as typeof import('yaml');
  const types = ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const;
  const alphabet = fc.constantFrom('a', 'b', ' ', '  ', '\n', '\n\n', '\t', '"', "'", '\\', 'é', '日本', '😀', '#', ':', '{', '}', '-', 'x y z ', '\u0085', '\r');
  for (const type of types) {
    it(type, () => {
      fc.assert(
        fc.property(fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')), fc.integer({ min: 8, max: 60 }), (value, width) => {
          const body = stringify({ groups: [{ name: 'g', rules: [{ alert: 'A', expr: value }] }] }, { defaultStringType: type, lineWidth: width, minContentWidth: 4 });
          let parsed: unknown;
          try {
            parsed = parse(body).groups[0].rules[0].expr;
          } catch {
            return; // yaml.stringify itself wrote invalid YAML (seen with very narrow line widths)
          }
          if (parsed !== value) return; // nor is a lossy write ours to judge
          const got = ruleFileExpressions(body);
          assert.equal(got.length, 1);
          assert.equal(got[0].text, parsed);
          assertExactMapping(body, got[0]);
        }),
        { numRuns: 300, seed: 20261125 }, // fixed: a failure must reproduce
      );
    });
  }
});

describe('ruleFileExpressions: random hand-written scalars, read like the yaml parser does', () => {
  // Lines of YAML-ish text in every style (block headers with indicators and chomping, escapes,
  // quotes, tabs, comments); whenever the yaml package accepts the file, we must read the same value.
  const fc = require('fast-check') as typeof import('fast-check');
  const word = fc.constantFrom('a', 'b c', 'x{y="z"}', 'é', '😀', '#c', ' # c', '\t', ' ', '- x', 'k: v', "'", '"', '\\"', '\\t', '\\x41', '\\u00e9', '\\', "''", '\\ ', 'a  ');
  const line = fc.tuple(fc.integer({ min: 0, max: 8 }), fc.array(word, { maxLength: 4 }).map((a) => a.join('')));
  const header = fc.constantFrom('|', '>', '|-', '>-', '|+', '>+', '|2', '>2', '|1-', '>3+', '|-2', '| # c', '>  ');
  const style = fc.constantFrom('block', 'double', 'single', 'plain');
  it('agrees with the yaml package and maps exactly', () => {
    let checked = 0;
    fc.assert(
      fc.property(style, header, fc.array(line, { minLength: 1, maxLength: 6 }), (st, h, ls) => {
        const body = ls.map(([n, t]) => ' '.repeat(n) + t).join('\n');
        const expr = st === 'block' ? h + '\n' + ls.map(([n, t]) => ' '.repeat(n + 5) + t).join('\n')
          : st === 'double' ? '"' + body.replace(/"/g, '\\"') + '"'
            : st === 'single' ? "'" + body.replace(/'/g, "''") + "'" : body;
        const text = `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: ${expr}\n    for: 1m\n`;
        const docs = parseAllDocuments(text);
        if (!Array.isArray(docs) || docs[0].errors.length) return;
        const want = docs[0].toJS()?.groups?.[0]?.rules?.[0]?.expr;
        if (typeof want !== 'string') return;
        checked++;
        const [got] = ruleFileExpressions(text);
        assert.equal(got.text, want, text);
        assertExactMapping(text, got);
      }),
      { numRuns: 1500, seed: 7 },
    );
    assert.ok(checked > 300, `only ${checked} valid files generated`);
  });
});
