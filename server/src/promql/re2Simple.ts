// A cheap "surely valid" test for the regular expressions of label matchers and relabel configs,
// so that the usual ones (`kube-.*|etcd`, `(.+)`, `5..`, `[^,]+`, `^(fuse.*|tmpfs)`, `5(\.0)?`) skip
// compiling with re2js just to learn they have no error; anything else is compiled as before.
// Accepts only literal ASCII letters, digits and punctuation that is never special in RE2, `.`,
// `|`, `^`, `$`, escaped punctuation (`\.`), balanced `(...)` and `(?:...)` groups (no other `(?`
// flags), bracket classes of such literals and of ranges like `a-z` or `0-9`, and single `*` `+`
// `?` quantifiers (optionally non-greedy) after a literal, `.`, a class or a group: Go's
// regexp/syntax accepts every such expression (re2Simple.test.ts checks it against re2js on many
// generated ones). Compiling a first valid regex costs a cold process 10-20 ms of re2js code.

/** Characters that are literals in RE2 outside brackets. */
const LITERAL = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-:/ ,=@%#&~\'"!;<>') LITERAL[c.charCodeAt(0)] = 1;

/** Punctuation that a backslash makes a literal (Go: any ASCII non-word character; `_` left out). */
const ESCAPABLE = new Uint8Array(128);
for (const c of '!"#$%&\'()*+,-./:;<=>?@[\\]^`{|}~') ESCAPABLE[c.charCodeAt(0)] = 1;

/** Characters that are literals inside a bracket class (`-`, `[`, `]`, `\\` and `^` are left out). */
const CLASS_LITERAL = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:/ ,=@%#&~\'"!;<>.|()*+?${}') CLASS_LITERAL[c.charCodeAt(0)] = 1;

/** 1 digits, 2 lower-case letters, 3 upper-case letters: the ends of a range must be of one kind. */
function rangeKind(c: number): number {
  if (c >= 48 && c <= 57) return 1;
  if (c >= 97 && c <= 122) return 2;
  if (c >= 65 && c <= 90) return 3;
  return 0;
}

/** The index of the `]` closing a simple bracket class opened at i, or -1. */
function classEnd(src: string, i: number): number {
  let j = i + 1;
  if (src.charCodeAt(j) === 94 /* ^ */) j++;
  let items = 0;
  for (; j < src.length; j++) {
    const c = src.charCodeAt(j);
    if (c === 93 /* ] */) return items > 0 ? j : -1; // a `]` first would be a literal: not ours
    if (c >= 128 || CLASS_LITERAL[c] !== 1) return -1;
    if (src.charCodeAt(j + 1) === 45 /* - */) {
      const hi = src.charCodeAt(j + 2);
      const kind = rangeKind(c);
      if (kind === 0 || rangeKind(hi) !== kind || hi < c) return -1;
      j += 2;
    }
    items++;
  }
  return -1;
}

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
        if (src.charCodeAt(i + 1) === 63 /* ? */) {
          if (src.charCodeAt(i + 2) !== 58 /* : */) return false; // flags: left to the compiler
          i += 2;
        }
        if (++depth > 100) return false;
        canRepeat = false;
        continue;
      case 41: // )
        if (depth === 0) return false;
        depth--;
        canRepeat = true;
        continue;
      case 94: // ^
      case 36: // $
        canRepeat = false;
        continue;
      case 92: { // \
        const e = src.charCodeAt(i + 1);
        if (!(e < 128 && ESCAPABLE[e] === 1)) return false;
        i++;
        canRepeat = true;
        continue;
      }
      case 91: { // [
        const end = classEnd(src, i);
        if (end < 0) return false;
        i = end;
        canRepeat = true;
        continue;
      }
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

/**
 * Whether RE2's `^(?s:src)$` matches the empty string, for a regex surelyValidRe2 accepts (else
 * undefined: compile it to know). In that subset a literal, `.`, an escape or a class takes one
 * character, `^` and `$` none, `*` and `?` make anything optional: the usual "nullable" rules.
 */
export function simpleRe2MatchesEmpty(src: string): boolean | undefined {
  if (!surelyValidRe2(src)) return undefined;
  let i = 0;
  const alternation = (): boolean => {
    let any = concat();
    while (src.charCodeAt(i) === 124 /* | */) {
      i++;
      if (concat()) any = true;
    }
    return any;
  };
  const concat = (): boolean => {
    let all = true;
    for (;;) {
      const c = src.charCodeAt(i);
      if (i >= src.length || c === 124 /* | */ || c === 41 /* ) */) return all;
      let empty: boolean;
      if (c === 40 /* ( */) {
        i += src.charCodeAt(i + 1) === 63 /* ? */ ? 3 : 1; // `(?:` or `(`
        empty = alternation();
        i++; // `)`
      } else if (c === 91 /* [ */) {
        i = classEnd(src, i) + 1;
        empty = false;
      } else if (c === 92 /* \ */) {
        i += 2;
        empty = false;
      } else {
        empty = c === 94 /* ^ */ || c === 36 /* $ */;
        i++;
      }
      const q = src.charCodeAt(i);
      if (q === 42 /* * */ || q === 63 /* ? */ || q === 43 /* + */) {
        if (q !== 43) empty = true;
        i++;
        if (src.charCodeAt(i) === 63) i++; // non-greedy
      }
      if (!empty) all = false;
    }
  };
  return alternation();
}
