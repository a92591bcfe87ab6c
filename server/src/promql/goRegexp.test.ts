// Go's regexp accepts a capture group name written twice; so do we.
import { strict as assert } from 'node:assert';
import { compileGoRegexp, withUniqueGroupNames } from './goRegexp';
import { parsePromQL } from './parse';

describe('compileGoRegexp', () => {
  const cases: Array<[string, string]> = [
    ['(?P<n>a)|(?P<n>b)', '(?P<n>a)|(?P<n__2>b)'],
    ['(?<n>a)(?<n>b)(?P<n>c)', '(?<n>a)(?<n__2>b)(?P<n__3>c)'],
    ['(?P<n>a)(?P<n__2>b)(?P<n>c)', '(?P<n>a)(?P<n__2>b)(?P<n__3>c)'],
    ['\\(?P<n>a)(?P<n>b)', '\\(?P<n>a)(?P<n>b)'], // the first is a literal "(" made optional, then "P<n>a)"
    ['\\\\(?P<n>a)(?P<n>b)', '\\\\(?P<n>a)(?P<n__2>b)'], // an escaped backslash, then a group
    ['(?P<a>x)(?P<b>y)', '(?P<a>x)(?P<b>y)'],
  ];
  for (const [input, want] of cases) {
    it(`renames the later twins: ${input}`, () => assert.equal(withUniqueGroupNames(input), want));
  }

  it('compiles what Go compiles, matches as Go matches, and still refuses what Go refuses', () => {
    const re = compileGoRegexp('^(?:(?P<n>a+)|(?P<n>b+))$');
    assert.ok(re.matches('aaa') && re.matches('bb') && !re.matches('ab'));
    assert.throws(() => compileGoRegexp('(?P<n>a)|(?P<n>b'), /missing closing \)/);
    assert.throws(() => compileGoRegexp('(?=a)'), /invalid or unsupported Perl syntax/);
  });

  it('a label matcher with a repeated group name parses, as in Prometheus', () => {
    assert.deepEqual(parsePromQL('up{job=~"(?P<n>a)|(?P<n>b)"} == 0').errors, []);
  });
});
