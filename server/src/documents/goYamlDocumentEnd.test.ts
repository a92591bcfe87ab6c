import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { goYamlDecodedPart, goYamlIgnoredTail } from './goYamlDocumentEnd';

describe('goYamlIgnoredTail', () => {
  // [text, the first ignored line or undefined, the first line's indentation]
  const cases: Array<[string, string | undefined, number?]> = [
    ['global: {}\nscrape_configs: []\n', undefined],
    ['  global: {}\nscrape_configs: []\n', 'scrape_configs: []\n', 2],
    ['# comment at column 0\n\n  groups:\n  - name: a\n foo: 1\n', ' foo: 1\n', 2],
    ['  a:\n    b: 1\n  # a comment less indented than b is fine\n  c: 2\n', undefined],
    ['  a: |\n    text\n  b: 1\n', undefined],
    ['  a: 1\n#comment\nb: 2\n', 'b: 2\n', 2],
    ['  a: 1\r\nb: 2\r\n', 'b: 2\r\n', 2],
    ['---\n  a: 1\nb: 2\n', undefined],
    ['\ta: 1\nb: 2\n', undefined],
    ['', undefined],
  ];
  for (const [text, want, indent] of cases) {
    it(JSON.stringify(text), () => {
      const tail = goYamlIgnoredTail(text);
      assert.equal(tail === undefined ? undefined : text.slice(tail.at), want);
      if (tail) assert.equal(tail.indent, indent);
    });
  }
});

describe('goYamlDecodedPart', () => {
  const parse = (t: string) => parseAllDocuments(t);
  const errorOffsets = (d: ReturnType<typeof parse>) => (Array.isArray(d) && d.length > 0 ? d[0].errors.map((e) => e.pos[0]) : []);

  it('keeps the whole text when it is valid YAML', () => {
    const r = goYamlDecodedPart('  a: 1\n  b: 2\n', parse, errorOffsets);
    assert.equal(r.ignored, undefined);
    assert.deepEqual((r.parsed as ReturnType<typeof parse> & unknown[])[0].toJS(), { a: 1, b: 2 });
  });

  it('decodes the part before the less indented line, as yaml.v2 and yaml.v3 do', () => {
    const text = ' a: 1\n b: [2]\nc: {broken\n';
    const r = goYamlDecodedPart(text, parse, errorOffsets);
    assert.equal(r.ignored?.at, text.indexOf('c:'));
    assert.deepEqual((r.parsed as ReturnType<typeof parse> & unknown[])[0].toJS(), { a: 1, b: [2] });
  });

  it('keeps the errors of the part Go reads', () => {
    const r = goYamlDecodedPart(' a: [1\nc: 2\n', parse, errorOffsets);
    assert.equal(r.ignored, undefined);
    assert.ok(errorOffsets(r.parsed).length > 0);
  });

  it('does not cut inside a multi-line flow collection', () => {
    const r = goYamlDecodedPart(' a: [1,\n2]\n', parse, errorOffsets);
    assert.equal(r.ignored, undefined);
  });
});
