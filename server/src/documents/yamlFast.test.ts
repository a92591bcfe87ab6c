// The YAML fast path builds exactly the documents the `yaml` package builds, or hands the text to it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Document, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, parseDocument, Scalar } from 'yaml';
import { isFastDocument, KNOWN_SCHEMAS, parseFast, parseYamlDocument, parseYamlDocuments, type YamlParseOptions } from './yamlFast';

const FIXTURES = join(__dirname, '../../../test-fixtures');

/** The two option sets the linters use: rule files (decode.ts) and prometheus.yml (checkConfig.ts). */
const OPTIONS: Array<[string, YamlParseOptions]> = [
  ['rule files', { merge: true, uniqueKeys: true, prettyErrors: false, keepSourceTokens: true }],
  ['configs', { version: '1.1', uniqueKeys: false, merge: true, prettyErrors: false }],
];

/** Everything of a node the linters read, and more: classes, values, scalar styles, tags, all of range. */
function dumpNode(n: unknown, keepTokens: boolean): unknown {
  if (n === null || n === undefined) return n;
  if (isScalar(n)) {
    const v = n.value;
    return {
      scalar: true,
      cls: Object.getPrototypeOf(n) === Scalar.prototype,
      value: typeof v === 'bigint' ? `bigint ${v}` : typeof v === 'number' && (Number.isNaN(v) || Object.is(v, -0)) ? String(v) + typeof v : v,
      valueType: typeof v,
      range: n.range,
      type: n.type,
      source: n.source,
      tag: n.tag,
      format: n.format,
      minFractionDigits: (n as { minFractionDigits?: number }).minFractionDigits,
      anchor: n.anchor,
      indent: keepTokens && (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') ? (n.srcToken as { indent?: number } | undefined)?.indent : undefined,
    };
  }
  if (isMap(n)) return { map: true, flow: Boolean(n.flow), range: n.range, tag: n.tag, items: n.items.map((p) => ({ pair: isPair(p), key: dumpNode(p.key, keepTokens), value: dumpNode(p.value, keepTokens) })) };
  if (isSeq(n)) return { seq: true, flow: Boolean(n.flow), range: n.range, tag: n.tag, items: n.items.map((i) => dumpNode(i, keepTokens)) };
  if (isAlias(n)) return { alias: n.source };
  return { other: String(n) };
}

function dumpDocs(docs: unknown, keepTokens: boolean): string {
  const list = docs as Document[];
  return JSON.stringify({
    n: list.length,
    docs: list.map((d) => ({ range: d.range, errors: d.errors.map((e) => e.message), warnings: d.warnings.length, contents: dumpNode(d.contents, keepTokens), schema: (d.schema as unknown as { name: string }).name })),
  });
}

/** Compares the fast path with yaml on one text; returns how many option sets took the fast path. */
function agree(text: string, label: string): number {
  let fast = 0;
  for (const [name, opts] of OPTIONS) {
    const doc = parseFast(text, opts);
    if (!doc) continue;
    fast++;
    const keep = opts.keepSourceTokens === true;
    assert.equal(dumpDocs([doc], keep), dumpDocs(parseAllDocuments(text, opts), keep), `${label} (${name}): ${JSON.stringify(text.slice(0, 300))}`);
  }
  return fast;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

describe('yamlFast: the fast YAML path builds what the yaml package builds', () => {
  const cases: Array<[string, string, boolean]> = [
    // [name, text, fast path expected]
    ['block map, comments, blank lines', '# lead\n\na: 1  # c\nb:\n  - x\n  - y # z\n\n  # foo\nc: |\n   hello\n   w\n\nd: \n', true],
    ['rule file shape', 'groups:\n- name: a # c\n  rules:\n    - alert: X\n      expr: |\n        up == 0\n      for: 5m\n\n# trailing\n', true],
    ['flow collections', 'x: [a, "b" , c:d]  # c\ny: []\nz: {}\nw: {a: 1, "b": \'c\'}\n', true],
    ['scalars of every core type', 'a: ~\nb: null\nc: true\nd: 0x1F\ne: 0o17\nf: -12\ng: 1.50\nh: .inf\ni: .nan\nj: 1e3\nk: "x\\ty\\u00e9"\nl: \'it\'\'s\'\n', true],
    ['YAML 1.1 values', 'a: yes\nb: off\nc: 0b101\nd: 1_000\ne: 1:20\nf: 017\ng: e3\nh: E1\ni: 2001-12-14\n', true],
    ['folded and kept block scalars', 'a: >\n  one\n  two\n\n    more\n  three\nb: |+\n  keep\n\nc: >-\n  x\n', true],
    ['indented comments join the value before', 'a:\n  b: 1\n      # deeper\n\n      # again\n  c: 2\n    # stays\nd: 3\n', true],
    ['sequence at the key\'s indent', 'k:\n- a\n- b: 1\n  c: 2\nnext: x\n', true],
    ['empty values and items', 'a:\nb:\n  -\n  - x\n  -\nc:\n\n\n', true],
    ['root sequence', '- a\n- b: c\n', true],
    ['no final newline', 'a: b', true],
    ['anchor and alias', 'a: &x 1\nb: *x\n', false],
    ['tag', 'a: !!str 1\n', false],
    ['merge key', 'a: {x: 1}\nb:\n  <<: {y: 2}\n', false],
    ['two documents', 'a: 1\n---\nb: 2\n', false],
    ['multi-line plain scalar', 'a: one\n  two\n', false],
    ['multi-line quoted scalar', 'a: "one\n  two"\n', false],
    ['tab', 'a:\tb\n', false],
    ['CRLF', 'a: b\r\nc: d\r\n', false],
    ['duplicate key', 'a: 1\na: 2\n', false],
    ['bad indentation', 'a:\n  b: 1\n c: 2\n', false],
    ['invalid escape', 'a: "\\q"\n', false],
    ['empty text', '', false],
    ['comments only', '# nothing\n', false],
  ];
  for (const [name, text, fast] of cases) {
    it(`${fast ? 'fast path' : 'falls back'}: ${name}`, () => {
      const taken = agree(text, name);
      if (fast) assert.ok(taken > 0, 'the fast path should take this text');
      else {
        // Duplicate keys only fall back where yaml reports them (uniqueKeys).
        if (name === 'duplicate key') assert.equal(parseFast(text, OPTIONS[0][1]), null);
        else assert.equal(taken, 0, 'the fast path should leave this text to yaml');
      }
    });
  }

  it('falls back to yaml, with its errors, on broken YAML', () => {
    const docs = parseYamlDocuments('a: 1\na: 2\n', OPTIONS[0][1]);
    assert.equal(docs.length, 1);
    assert.equal(docs[0].errors[0]?.code, 'DUPLICATE_KEY');
    assert.equal(isFastDocument(docs[0]), false);
    const ok = parseYamlDocuments('a: 1\n', OPTIONS[0][1]);
    assert.equal(isFastDocument(ok[0]), true);
  });

  it('parseYamlDocument gives what parseDocument gives, fast or not', () => {
    for (const text of ['a: 1\nb: [x, y]\n', 'a: 1\n---\nb: 2\n', 'a: &x 1\nb: *x\n', 'a: "\\q"\n']) {
      for (const [name, opts] of OPTIONS) {
        const keep = opts.keepSourceTokens === true;
        assert.equal(dumpDocs([parseYamlDocument(text, opts)], keep), dumpDocs([parseDocument(text, opts)], keep), `${name}: ${text}`);
      }
    }
  });

  it('agrees with yaml on every YAML file of the test fixtures, and takes most of the corpus', () => {
    let fast = 0;
    let corpus = 0;
    let corpusFast = 0;
    for (const f of yamlFiles(FIXTURES)) {
      const n = agree(readFileSync(f, 'utf8'), f);
      fast += n;
      if (/corpus[\\/](config[\\/]testdata|rulefmt|rules)[\\/]/.test(f)) {
        corpus++;
        if (n > 0) corpusFast++;
      }
    }
    assert.ok(fast > 0);
    assert.ok(corpusFast / corpus > 0.9, `fast path on ${corpusFast} of ${corpus} corpus files`);
  });

  it('agrees with yaml on thousands of broken variants of the corpus files', function () {
    this.timeout(120_000);
    let seed = 20261126;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
    const bits = [' ', '  ', '\n', ':', ': ', '-', '- ', '#', ' #', '"', "'", '|', '>', '|-', '>+', '[', ']', '{', '}', ',', 'a', 'x: ', '\n  ', '\n- ',
      '\\', '\\n', '\\x4', '0', '1.0', 'true', '~', 'null', '<<', '?', '...', '---', '&a ', '*a', '!!str ', 'é', '\n\n', '  # c\n', '\n# c\n'];
    const mutate = (t: string): string => {
      const lines = t.split('\n');
      const pos = Math.floor(rnd() * (t.length + 1));
      const i = Math.floor(rnd() * lines.length);
      switch (Math.floor(rnd() * 6)) {
        case 0:
          return t.slice(0, pos) + t.slice(pos + 1 + Math.floor(rnd() * 3));
        case 1:
          return t.slice(0, pos) + pick(bits) + t.slice(pos);
        case 2: {
          const d = pick([-2, -1, 1, 2, 4]);
          lines[i] = d > 0 ? ' '.repeat(d) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-d}}`), '');
          return lines.join('\n');
        }
        case 3:
          lines.splice(i, 0, lines[Math.floor(rnd() * lines.length)]);
          return lines.join('\n');
        case 4:
          lines.splice(i, 0, pick(['', '  ', '# c', '  # c', '    # c', '      #c', ' ']));
          return lines.join('\n');
        default:
          return t.slice(0, pos);
      }
    };
    const files = yamlFiles(join(FIXTURES, 'corpus')).filter((f) => statSync(f).size < 30_000);
    let variants = 0;
    let fast = 0;
    for (let round = 0; round < 12; round++) {
      for (const f of files) {
        let t = readFileSync(f, 'utf8');
        const m = 1 + Math.floor(rnd() * 3);
        for (let k = 0; k < m; k++) t = mutate(t);
        variants++;
        if (agree(t, `variant of ${f}`) > 0) fast++;
      }
    }
    assert.ok(variants > 2000 && fast > variants / 4, `${fast} of ${variants} variants on the fast path`);
  });

  it('knows which plain scalars can resolve to something else than a string', () => {
    // parseFast skips the tag tests for plain scalars starting with another character than
    // 0-9 + - . ~ n N t T f F y Y o O e E <; these are the tests of the schemas it does that for.
    const expected: Record<string, string[]> = {
      core: [
        '^(?:~|[Nn]ull|NULL)?$', '^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$', '^0o[0-7]+$', '^[-+]?[0-9]+$', '^0x[0-9a-fA-F]+$',
        '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$', '^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)[eE][-+]?[0-9]+$', '^[-+]?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)$', '^<<$',
      ],
      'yaml-1.1': [
        '^(?:~|[Nn]ull|NULL)?$', '^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$', '^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$',
        '^[-+]?0b[0-1_]+$', '^[-+]?0[0-7_]+$', '^[-+]?[0-9][0-9_]*$', '^[-+]?0x[0-9a-fA-F_]+$',
        '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$', '^[-+]?(?:[0-9][0-9_]*)?(?:\\.[0-9_]*)?[eE][-+]?[0-9]+$', '^[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]*$',
        '^<<$', '^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$', '^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*$',
        '^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$',
      ],
    };
    assert.deepEqual(KNOWN_SCHEMAS, Object.keys(expected));
    for (const [, opts] of OPTIONS) {
      const schema = new Document(undefined, opts).schema as unknown as { name: string; tags: Array<{ default?: unknown; test?: RegExp }> };
      const tests = schema.tags.filter((t) => t.default && t.test).map((t) => t.test!.source);
      assert.deepEqual([...tests].sort(), [...expected[schema.name]].sort(), `default tags of ${schema.name} changed: check MAYBE_NOT_STRING in yamlFast.ts`);
      // And none of them matches a text starting with another printable ASCII character.
      for (let c = 32; c < 127; c++) {
        const ch = String.fromCharCode(c);
        if ('0123456789+-.~nNtTfFyYoOeE<'.includes(ch)) continue;
        for (const rest of ['', '1', 'x', 'rue', 'es', 'ull', '0:1', '.5', 'e3', '<']) {
          for (const t of schema.tags) if (t.default && t.test) assert.equal(t.test.test(ch + rest), false, `${t.test.source} on ${ch + rest}`);
        }
      }
    }
  });
});
