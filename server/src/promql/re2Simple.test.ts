import assert from 'node:assert/strict';
import { RE2JS } from 're2js';
import { simpleRe2MatchesEmpty, surelyValidRe2 } from './re2Simple';

function compiles(wrapped: string): boolean {
  try {
    RE2JS.compile(wrapped);
    return true;
  } catch {
    return false;
  }
}

describe('surelyValidRe2', () => {
  it('takes the usual matcher and relabel regexes', () => {
    for (const re of ['', 'kube-.*|etcd', '(.+)', '5..', 'a*?', '(a|)*', '()', 'foo.bar', 'node_(cpu|memory)_.+', '__meta_kubernetes_pod_label_(.+)', 'a|b|', '(a(b)c)+',
      '[a-z]', '^a$', 'a\\.b', '5(\\.0)?', '(?:5..)', '[^,]+', 'label:([^=]+)=([^,]+)', '^(fuse.*|tmpfs|cifs|nfs)', '[0-9A-Fa-f_.]*', '\\[\\]']) {
      assert.equal(surelyValidRe2(re), true, re);
    }
  });

  it('leaves everything else to the compiler', () => {
    for (const re of ['*', 'a**', 'a*?*', '(*)', '|+', 'a)', '(a', '(?i)a', 'a{2}', '\\d', 'é', '[z-a]', '[]a]', '[^]', '[]', '[a-]', '[[:alpha:]]', '[\\d]', '[a', '^*', '\\_', '\\', '(?P<n>a)', '(?:']) {
      assert.equal(surelyValidRe2(re), false, re);
    }
  });

  it('never calls a regex valid that RE2 rejects (checked on 60,000 generated ones)', () => {
    let seed = 42;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ['a', 'b', '.', '|', '(', ')', '*', '+', '?', '-', ' ', ':', '_', '0', '[', ']', '[^', 'z', '9', '^', '$', '\\', '\\.', '(?:', ',', '='];
    let accepted = 0;
    for (let k = 0; k < 60_000; k++) {
      let re = '';
      const len = rnd(12);
      for (let i = 0; i < len; i++) re += alphabet[rnd(alphabet.length)];
      if (!surelyValidRe2(re)) continue;
      accepted++;
      assert.ok(compiles(`^(?s:${re})$`), `promql wrapper: ${re}`);
      assert.ok(compiles(`^(?:${re})$`), `relabel wrapper: ${re}`);
    }
    assert.ok(accepted > 1000, `${accepted} accepted`);
  });

  it('never calls a regex valid that RE2 rejects: classes, escapes, anchors and (?: groups', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return (seed >>> 8) % n; // the high bits: the low bits of this generator cycle quickly
    };
    const pieces = [
      'a', 'Z', '5', '.', '|', '(', ')', '(?:', '(?:a)', '(?:)', '(?:a|', '(?i)', '*', '+', '?', '^', '$', '-', ',', '=', ':',
      '\\.', '\\-', '\\$', '\\\\', '\\d', '\\_', '\\ ', '\\', '[', ']', '[^', '[a-z]', '[^=]', '[0-9a-f]', '[z-a]',
      '[a-]', '[-a]', '[]', '[^]', '[.*+?]', '[A-z]', '[0-Z]', '[(|)]', '[$^]', '[\\]]', '[[:alpha:]]', '[a-z-9]',
    ];
    let accepted = 0;
    const kinds = { class: 0, escape: 0, anchor: 0, group: 0 };
    for (let k = 0; k < 30_000; k++) {
      let re = '';
      const len = 1 + rnd(8);
      for (let i = 0; i < len; i++) re += pieces[rnd(pieces.length)];
      if (!surelyValidRe2(re)) continue;
      accepted++;
      if (re.includes('[')) kinds.class++;
      if (re.includes('\\')) kinds.escape++;
      if (/[$^]/.test(re)) kinds.anchor++;
      if (re.includes('(?:')) kinds.group++;
      assert.ok(compiles(`^(?s:${re})$`), `promql wrapper: ${re}`);
      assert.ok(compiles(`^(?:${re})$`), `relabel wrapper: ${re}`);
      assert.equal(simpleRe2MatchesEmpty(re), RE2JS.compile(`^(?s:${re})$`).matches(''), `matches "": ${re}`);
    }
    assert.ok(accepted > 1000 && Object.values(kinds).every((n) => n > 100), `${accepted} accepted: ${JSON.stringify(kinds)}`);
  });

  it('tells whether a simple regex matches the empty string, as RE2 does', () => {
    const cases: Array<[string, boolean | undefined]> = [
      ['', true], ['.+', false], ['.*', true], ['pg_settings_.*', false], ['a|', true], ['(a|b)?', true], ['(?:a*)+', true],
      ['(a)+', false], ['^$', true], ['^a?$', true], ['[^,]+', false], ['[a-z]*?', true], ['\\.?', true], ['\\.', false],
      ['()', true], ['(|a)b', false], ['(?i)a', undefined], ['a{0}', undefined],
    ];
    for (const [re, want] of cases) {
      assert.equal(simpleRe2MatchesEmpty(re), want, re);
      if (want !== undefined) assert.equal(RE2JS.compile(`^(?s:${re})$`).matches(''), want, `re2js: ${re}`);
    }
  });
});
