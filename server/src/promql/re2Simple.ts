// A cheap "surely valid" test for the regular expressions of label matchers and relabel configs,
// so that the usual ones (`kube-.*|etcd`, `(.+)`, `5..`) skip compiling with re2js just to learn
// they have no error; anything else is compiled as before. Accepts only literal ASCII letters,
// digits and punctuation that is never special in RE2, `.`, `|`, balanced `(...)` groups without
// `(?` flags and single `*` `+` `?` quantifiers (optionally non-greedy) after a literal, `.` or a
// group: Go's regexp/syntax accepts every such expression (re2Simple.test.ts checks it against
// re2js on many generated ones).

/** Characters that are literals in RE2 outside brackets. */
const LITERAL = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-:/ ,=@%#&~\'"!;<>') LITERAL[c.charCodeAt(0)] = 1;

/** True when RE2 surely compiles `src` (also inside `^(?s:...)$`); false means "compile it to know". */
export function surelyValidRe2(src: string): boolean {
  if (src.length > 4096) return false;
  let depth = 0;
  let canRepeat = false;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if ((c < 128 && LITERAL[c] === 1) || c === 46 /* . */) {
      canRepeat = true;
      continue;
    }
    switch (c) {
      case 124: // |
        canRepeat = false;
        continue;
      case 40: // (
        if (src.charCodeAt(i + 1) === 63 /* ? */ || ++depth > 100) return false;
        canRepeat = false;
        continue;
      case 41: // )
        if (depth === 0) return false;
        depth--;
        canRepeat = true;
        continue;
      case 42: // *
      case 43: // +
      case 63: // ?
        if (!canRepeat) return false;
        if (src.charCodeAt(i + 1) === 63) i++; // non-greedy
        canRepeat = false;
        continue;
      default:
        return false;
    }
  }
  return depth === 0;
}
