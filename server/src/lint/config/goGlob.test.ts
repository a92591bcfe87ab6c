// Go's filepath.Match and Glob (Unix), as Prometheus and promtool resolve rule_files with them.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BAD_PATTERN, goGlob, goMatch, goPatternError } from './goGlob';
import { defaultIncludedFileHooks } from './includedScrapeConfigs';

describe('goMatch: filepath.Match', () => {
  // [pattern, name, matches, or 'bad' for ErrBadPattern]
  const cases: Array<[string, string, boolean | 'bad']> = [
    ['abc', 'abc', true], ['*', 'abc', true], ['*c', 'abc', true], ['a*', 'a', true], ['a*', 'ab/c', false],
    ['a*/b', 'abc/b', true], ['a*/b', 'a/c/b', false], ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true], ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
    ['a*b?c*x', 'abxbbxdbxebxczzx', true], ['a*b?c*x', 'abxbbxdbxebxczzy', false],
    ['ab[c]', 'abc', true], ['ab[b-d]', 'abc', true], ['ab[e-g]', 'abc', false], ['ab[^c]', 'abc', false], ['ab[^e-g]', 'abc', true],
    ['a\\*b', 'a*b', true], ['a\\*b', 'ab', false], ['a?b', 'a☺b', true], ['a[^a]b', 'a☺b', true], ['a???b', 'a☺b', false],
    ['[a-ζ]*', 'α', true], ['a?b', 'a/b', false], ['a*b', 'a/b', false],
    ['[\\]a]', ']', true], ['[\\-]', '-', true], ['[x\\-]', '-', true], ['[x\\-]', 'z', false],
    ['[]a]', ']', 'bad'], ['[-]', '-', 'bad'], ['[x-]', 'x', 'bad'], ['[-x]', 'x', 'bad'], ['\\', 'a', 'bad'], ['[a-b-c]', 'a', 'bad'],
    ['[', 'a', 'bad'], ['[^', 'a', 'bad'], ['[^bc', 'a', 'bad'], ['a[', 'a', 'bad'], ['a[', 'x', 'bad'], ['a/b[', 'x', 'bad'],
    ['rules/*.yml', 'rules/a.yml', true], ['*.yml', 'a.yaml', false], ['a.yml\\', 'a.yml', 'bad'], ['*x', 'xxx', true],
  ];
  for (const [pattern, name, want] of cases) {
    it(`${JSON.stringify(pattern)} on ${JSON.stringify(name)}: ${want}`, () => {
      if (want === 'bad') assert.throws(() => goMatch(pattern, name), new RegExp(BAD_PATTERN));
      else assert.equal(goMatch(pattern, name), want);
    });
  }
  it('checks a pattern alone', () => {
    assert.equal(goPatternError('rules/*.y[a]ml'), undefined);
    assert.equal(goPatternError('[a-'), BAD_PATTERN);
    assert.equal(goPatternError('x/a.yml\\'), BAD_PATTERN);
  });
});

describe('goGlob: filepath.Glob, wildcards in directories too', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mac-glob-'));
  for (const d of ['team-a', 'team-b', 'other']) mkdirSync(path.join(root, d));
  for (const f of ['team-a/alerts.yml', 'team-a/rec.yml', 'team-b/alerts.yml', 'other/alerts.yml', 'top.yml']) writeFileSync(path.join(root, f), 'groups: []\n');

  it('matches in every directory a wildcard names, sorted, and nothing for a pattern with no match', () => {
    const glob = defaultIncludedFileHooks.expandGlob;
    assert.deepEqual(glob(path.join(root, 'team-*/alerts.yml')), [path.join(root, 'team-a/alerts.yml'), path.join(root, 'team-b/alerts.yml')]);
    assert.deepEqual(glob(path.join(root, '*/alerts.yml')).length, 3);
    assert.deepEqual(glob(path.join(root, '**/*.yml')).length, 4, 'Go has no **: it is *, one level');
    assert.deepEqual(glob(path.join(root, 'team-a/*.yml')), [path.join(root, 'team-a/alerts.yml'), path.join(root, 'team-a/rec.yml')]);
    assert.deepEqual(glob(path.join(root, 'nope-*/x.yml')), []);
    assert.throws(() => glob(path.join(root, '[a-')), /syntax error in pattern/);
    assert.deepEqual(goGlob(path.join(root, 'top.yml'), { readdir: () => undefined, exists: () => false }), [], 'a plain path that is not there');
  });
});
