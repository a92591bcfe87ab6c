import assert from 'node:assert/strict';
import { promqlFileExpressions } from './promqlFile';
import { assertExactMapping } from './assertMapping';

describe('promqlFileExpressions', () => {
  const cases: Array<{ name: string; file: string; want: string[] }> = [
    { name: 'one expression', file: 'up == 0\n', want: ['up == 0'] },
    { name: 'blank lines separate', file: 'up\n\n\nrate(x[5m])\n  \nsum(y)', want: ['up', 'rate(x[5m])', 'sum(y)'] },
    { name: 'blank lines inside brackets do not', file: 'sum(\n  rate(x[5m])\n\n)\n\nup', want: ['sum(\n  rate(x[5m])\n\n)', 'up'] },
    { name: 'comment blocks are skipped, leading comments trimmed', file: '# header\n# more\n\n# cpu\nrate(x[5m]) # trailing\n# after\n\n#only\n', want: ['rate(x[5m]) # trailing'] },
    { name: 'brackets in strings and comments do not count', file: 'x{a="("}\n\ny # (\n\nz', want: ['x{a="("}', 'y # (', 'z'] },
    { name: 'a comment inside an expression stays', file: 'a\n# why\n+ b', want: ['a\n# why\n+ b'] },
    { name: 'CRLF files', file: 'a\r\n\r\nb\r\n', want: ['a', 'b'] },
    { name: 'non-ASCII', file: 'x{a="é日本😀"}\n\ny', want: ['x{a="é日本😀"}', 'y'] },
    { name: 'empty file', file: '', want: [] },
    { name: 'only whitespace', file: '\n \n\t\n', want: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = promqlFileExpressions(c.file);
      assert.deepEqual(got.map((e) => e.text), c.want);
      for (const e of got) {
        assert.equal(e.kind, 'promql-file');
        assert.equal(c.file.slice(e.range.start, e.range.end), e.text);
        assertExactMapping(c.file, e);
      }
    });
  }
});
