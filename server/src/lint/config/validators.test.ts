import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROMTOOL, skipWithoutPromtool } from '../../testing/promtool';
import { goUrlParseError } from './validators';

// What Go's url.Parse said of each URL (through promtool 2.42: a remote_write url is parsed with
// it), without the `parse "<url>": ` prefix; undefined where it accepted the URL.
const URLS: Array<[string, string | undefined]> = [
  ["https://a-${ENV}.example.org:8080/api/v1/push", "invalid character \"{\" in host name"],
  ["http://a{b/x", "invalid character \"{\" in host name"],
  ["http://a}b/", "invalid character \"}\" in host name"],
  ["http://a|b/", "invalid character \"|\" in host name"],
  ["http://a^b/", "invalid character \"^\" in host name"],
  ["http://a`b/", "invalid character \"`\" in host name"],
  ["http://a\\b/", "invalid character \"\\\\\" in host name"],
  ["http://a%41b/", "invalid URL escape \"%41\""],
  ["http://a%25b/", undefined],
  ["http://a%e2%82%acb/", undefined],
  ["http://[::1/x", "missing ']' in host"],
  ["http://us{er@host/", "net/url: invalid userinfo"],
  ["http://user name@host/", "net/url: invalid userinfo"],
  ["http://user:pa%ss@h/", "invalid URL escape \"%ss\""],
  ["http://h_o-s~t/", undefined],
  ["http://h!$&'()*+,;=/", undefined],
  ["http://<h>/", undefined],
  ["http://\"h\"/", undefined],
  ["http://exämple.com/", undefined],
  ["http://host/${VAR}/x", undefined],
  ["http://host:80a/", "invalid port \":80a\" after host"],
  ["http://a b/", "invalid character \" \" in host name"],
  ["http://[::1]x/", "invalid port \"x\" after host"],
  ["http://[fe80::1%25en0]:9090/", undefined],
  ["http://h%2/", "invalid URL escape \"%2\""],
  ["http://user@[::1]:80/", undefined],
  ["http://a#b{/", undefined],
  ["http://a?b{", undefined],
  ["http://@host/", undefined],
  ["http://h%7e/", "invalid URL escape \"%7e\""],
  ["http://h%80/", undefined],
  ["http://h/x?a=%zz", undefined],
  ["mailto:x%zz", undefined],
  ["http:x%zz", undefined],
  ["//h{/x", "invalid character \"{\" in host name"],
  ["/x%zz", "invalid URL escape \"%zz\""],
  ["x:y/z", undefined],
  ["a/b:c", undefined],
  ["http://h/x#%zz", "invalid URL escape \"%zz\""],
  ["http://h/%zz", "invalid URL escape \"%zz\""],
  ["http://h/x?y#%g", "invalid URL escape \"%g\""],
  ["http://[fe80::1%25en0%41]/", undefined],
  ["http://[fe80::1%2541]/", undefined],
  ["http://[fe80::1%25%20x]/", undefined],
  ["http://[::1]:80/", undefined],
  ["http://u%zz@h/", "invalid URL escape \"%zz\""],
  ["http://u:p@h{/", "invalid character \"{\" in host name"],
  ["http:///x%zz", "invalid URL escape \"%zz\""],
  ["http://h:/", undefined],
  ["ftp://h:0x/", "invalid port \":0x\" after host"],
  ["http://h?", undefined],
  ["http://h/?%zz", undefined],
  ["1http://h{/", "first path segment in URL cannot contain colon"],
  ["http://h%c3%a4/", undefined],
  ["http://h%C3/", undefined],
];

describe("goUrlParseError: Go's url.Parse", () => {
  for (const [url, want] of URLS) {
    it(`${JSON.stringify(url)} → ${want ?? 'accepted'}`, () => {
      assert.equal(goUrlParseError(url), want === undefined ? undefined : `parse ${JSON.stringify(url)}: ${want}`);
    });
  }
});

describe('goUrlParseError agrees with promtool', () => {
  if (skipWithoutPromtool()) return;

  it(`${URLS.length} remote_write URLs, in one promtool run`, function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), 'go-url-'));
    try {
      const files = URLS.map(([url], i) => {
        const file = join(dir, `c${i}.yml`);
        writeFileSync(file, `remote_write:\n  - url: ${JSON.stringify(url)}\n`);
        return file;
      });
      const run = spawnSync(PROMTOOL, ['check', 'config', '--syntax-only', ...files], { encoding: 'utf8', timeout: 60_000 });
      // "  FAILED: parsing YAML file <file>: <url.Parse's error>" for each config it refuses.
      const theirs = new Map<number, string>();
      for (const line of run.stderr.split('\n')) {
        const m = /FAILED: parsing YAML file .*\/c(\d+)\.yml: (.*)$/.exec(line);
        if (m) theirs.set(Number(m[1]), m[2]);
      }
      const differ = URLS.flatMap(([url], i) => (theirs.get(i) === goUrlParseError(url) ? [] : [`${url}\n  promtool: ${theirs.get(i)}\n  ours: ${goUrlParseError(url)}`]));
      assert.deepEqual(differ, []);
      assert.equal(theirs.size, URLS.filter(([, want]) => want !== undefined).length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
