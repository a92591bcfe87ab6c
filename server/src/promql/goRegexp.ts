// Compiling Go regular expressions with re2js, which follows Java's RE2 port where the two differ.
// The one difference found so far: Go accepts a capture group name written twice
// (`(?P<n>a)|(?P<n>b)`; its docs say SubexpIndex then answers the leftmost), re2js refuses it with
// "duplicate capture group name". Prometheus compiles matchers and relabel regexes with Go's, so
// a pattern re2js refuses only for that is valid, and is compiled with its later twins renamed.
import { RE2JS } from 're2js';

const DUPLICATE_NAME = 'duplicate capture group name';

/** RE2JS.compile, accepting what Go's regexp/syntax accepts; throws what re2js throws otherwise. */
export function compileGoRegexp(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (e) {
    if (!(e instanceof Error) || !e.message.includes(DUPLICATE_NAME)) throw e;
    return RE2JS.compile(withUniqueGroupNames(pattern));
  }
}

/** `(?P<n>` and `(?<n>` groups after the first of a name renamed `n__2`, `n__3`... (escaped parens left alone). */
export function withUniqueGroupNames(pattern: string): string {
  const taken = new Set<string>();
  for (const m of pattern.matchAll(/\(\?P?<(\w+)>/g)) taken.add(m[1]);
  const seen = new Map<string, number>();
  return pattern.replace(/(\\*)\(\?(P?)<(\w+)>/g, (whole, slashes: string, p: string, name: string) => {
    if (slashes.length % 2 === 1) return whole; // \( is a literal parenthesis
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n === 1) return whole;
    let k = n;
    while (taken.has(`${name}__${k}`)) k++;
    taken.add(`${name}__${k}`);
    return `${slashes}(?${p}<${name}__${k}>`;
  });
}
