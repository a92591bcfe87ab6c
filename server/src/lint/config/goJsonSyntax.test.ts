import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROMTOOL, skipWithoutPromtool } from '../../testing/promtool';
import { seededRandom } from '../../testing/yamlMutations';
import { goJsonSyntaxError, goQuoteByte } from './goJsonSyntax';

// What promtool 2.42 printed for each text as a file_sd JSON file ("checking SD file ...: <this>").
const CASES: Array<[string, string]> = [
  ['', 'unexpected end of JSON input'],
  [' ', 'unexpected end of JSON input'],
  ['[{"targets": ["a:1"]', 'unexpected end of JSON input'],
  ['"abc', 'unexpected end of JSON input'],
  ['[}', "invalid character '}' looking for beginning of value"],
  ['{]', "invalid character ']' looking for beginning of object key string"],
  ['[1,]', "invalid character ']' looking for beginning of value"],
  ['{"a" 1}', "invalid character '1' after object key"],
  ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
  ['[1 2]', "invalid character '2' after array element"],
  ['[{"a":"b"}}', "invalid character '}' after array element"],
  ['[ {"labels":{"a":"b"[}} ]', "invalid character '[' after object key:value pair"],
  ['[tru]', "invalid character ']' in literal true (expecting 'e')"],
  ['tru', "invalid character ' ' in literal true (expecting 'e')"],
  ['nul', "invalid character ' ' in literal null (expecting 'l')"],
  ['fals', "invalid character ' ' in literal false (expecting 'e')"],
  ['[01]', "invalid character '1' after array element"],
  ['[-]', "invalid character ']' in numeric literal"],
  ['-', "invalid character ' ' in numeric literal"],
  ['[1.]', "invalid character ']' after decimal point in numeric literal"],
  ['[1e+]', "invalid character ']' in exponent of numeric literal"],
  ['"a\\x"', "invalid character 'x' in string escape code"],
  ['["\\', "invalid character ' ' in string escape code"],
  ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
  ['"a\tb"', "invalid character '\\t' in string literal"],
  ['[] x', "invalid character 'x' after top-level value"],
  ["['a']", "invalid character '\\'' looking for beginning of value"],
  ['[\u00e9]', "invalid character '\u00c3' looking for beginning of value"],
  ['\ufeff[]', "invalid character '\u00ef' looking for beginning of value"],
  ['[\u0001]', "invalid character '\\x01' looking for beginning of value"],
  ['[\u007f]', "invalid character '\\x7f' looking for beginning of value"],
  ['[.5]', "invalid character '.' looking for beginning of value"],
];

describe("goJsonSyntaxError: Go's encoding/json syntax errors", () => {
  for (const [text, want] of CASES) {
    it(`${JSON.stringify(text)} → ${want}`, () => assert.equal(goJsonSyntaxError(text), want));
  }

  it('accepts what JSON.parse accepts', () => {
    for (const text of ['[]', ' null ', '{"a": [1, -2.5e+3, 0.1E2, true, false, null, "\\u00e9\\n"]}', '0', '"x"', '[[[]]]']) {
      assert.equal(goJsonSyntaxError(text), undefined, text);
    }
  });

  it('stops at 10,000 nested levels, as Go does', () => {
    assert.equal(goJsonSyntaxError('['.repeat(10_000)), 'unexpected end of JSON input');
    assert.equal(goJsonSyntaxError('['.repeat(10_001)), "invalid character '[' exceeded max depth");
  });

  it('quotes bytes as Go quoteChar does', () => {
    assert.deepEqual([0x22, 0x27, 0x5c, 0x0a, 0x00, 0x85, 0xad, 0xe9].map(goQuoteByte), ["'\"'", "'\\''", "'\\\\'", "'\\n'", "'\\x00'", "'\\u0085'", "'\\u00ad'", "'\u00e9'"]);
  });
});

describe('goJsonSyntaxError agrees with promtool on broken file_sd files', () => {
  if (skipWithoutPromtool()) return;

  it('300 seeded mutations of target files, in one promtool run', function () {
    this.timeout(60_000);
    const bases = [
      '[{"targets": ["a:1", "b:2"], "labels": {"env": "prod", "n": "1"}}]',
      '[ {"targets":["x:9"]}, {"labels":{"a":"b"},"targets":[]} ]',
      '[{"targets": ["a:1"], "labels": {"e": "\\u00e9\\n"}, "x": [1, -2.5e+3, 0.1E2, true, false, null]}]',
    ];
    const chars = ['{', '}', '[', ']', ',', ':', '"', '\\', ' ', 'a', '1', '-', '.', 'e', 't', 'n', '\n', "'", '\t'];
    const rnd = seededRandom(20261126);
    const texts = new Set<string>();
    while (texts.size < 300) {
      let s = bases[rnd(bases.length)];
      for (let k = 1 + rnd(2); k > 0; k--) {
        const at = rnd(s.length + 1);
        const op = rnd(5);
        if (op < 2) s = s.slice(0, at) + s.slice(at + 1);
        else if (op < 4) s = s.slice(0, at) + chars[rnd(chars.length)] + s.slice(at);
        else s = s.slice(0, at);
      }
      try {
        JSON.parse(s);
      } catch {
        texts.add(s);
      }
    }
    const dir = mkdtempSync(join(tmpdir(), 'go-json-'));
    try {
      mkdirSync(join(dir, 'sd'));
      const configs = [...texts].map((text, i) => {
        writeFileSync(join(dir, 'sd', `t${i}.json`), text);
        const config = join(dir, `c${i}.yml`);
        writeFileSync(config, `scrape_configs:\n  - job_name: j\n    file_sd_configs:\n      - files: [sd/t${i}.json]\n`);
        return config;
      });
      const run = spawnSync(PROMTOOL, ['check', 'config', ...configs], { encoding: 'utf8', cwd: dir, timeout: 60_000 });
      // promtool prints "  FAILED: checking SD file "<path>": <error>" on stderr for each config.
      const theirs = new Map<number, string>();
      for (const line of run.stderr.split('\n')) {
        const failed = /FAILED: checking SD file "[^"]*\/t(\d+)\.json": (.*)$/.exec(line);
        if (failed) theirs.set(Number(failed[1]), failed[2]);
      }
      const differ = [...texts].flatMap((text, i) => {
        const go = theirs.get(i);
        const ours = goJsonSyntaxError(text);
        return go === ours ? [] : [`${JSON.stringify(text)}\n  promtool: ${go}\n  ours: ${ours}`];
      });
      assert.equal(theirs.size, texts.size, 'promtool failed on every file');
      assert.deepEqual(differ, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
