import assert from 'node:assert/strict';
import { RE2JS } from 're2js';
import { surelyValidRe2 } from './re2Simple';

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
    for (const re of ['', 'kube-.*|etcd', '(.+)', '5..', 'a*?', '(a|)*', '()', 'foo.bar', 'node_(cpu|memory)_.+', '__meta_kubernetes_pod_label_(.+)', 'a|b|', '(a(b)c)+']) {
      assert.equal(surelyValidRe2(re), true, re);
    }
  });

  it('leaves everything else to the compiler', () => {
    for (const re of ['*', 'a**', 'a*?*', '(*)', '|+', 'a)', '(a', '(?i)a', '[a-z]', 'a{2}', '\\d', '^a$', 'é', 'a\\.b']) {
      assert.equal(surelyValidRe2(re), false, re);
    }
  });

  it('never calls a regex valid that RE2 rejects (checked on 20,000 generated ones)', () => {
    let seed = 42;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ['a', 'b', '.', '|', '(', ')', '*', '+', '?', '-', ' ', ':', '_', '0'];
    let accepted = 0;
    for (let k = 0; k < 20_000; k++) {
      let re = '';
      const len = rnd(10);
      for (let i = 0; i < len; i++) re += alphabet[rnd(alphabet.length)];
      if (!surelyValidRe2(re)) continue;
      accepted++;
      assert.ok(compiles(`^(?s:${re})$`), `promql wrapper: ${re}`);
      assert.ok(compiles(`^(?:${re})$`), `relabel wrapper: ${re}`);
    }
    assert.ok(accepted > 1000, `${accepted} accepted`);
  });
});
