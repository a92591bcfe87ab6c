// Go's path/filepath Match and Glob on Unix, which Prometheus resolves rule_files,
// scrape_config_files and file_sd patterns with, and promtool a test file's rule_files: `*` and `?`
// stop at `/`, `[...]` classes (`^` negates, ranges, `\` escapes), `\` escapes any character, and a
// malformed pattern is Go's ErrBadPattern ("syntax error in pattern"). Glob takes wildcards in
// directory parts too (Prometheus' own config check refuses those separately).

export const BAD_PATTERN = 'syntax error in pattern';

export class BadPatternError extends Error {
  constructor() {
    super(BAD_PATTERN);
  }
}

/** filepath.Match: whether `name` matches `pattern`; throws BadPatternError as Go returns ErrBadPattern. */
export function goMatch(pattern: string, name: string): boolean {
  let p = pattern;
  let s = name;
  pattern: while (p.length > 0) {
    const { star, chunk, rest } = scanChunk(p);
    p = rest;
    if (star && chunk === '') return !s.includes('/');
    const t = matchChunk(chunk, s);
    if (t !== null && (t.length === 0 || p.length > 0)) {
      s = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < s.length && s[i] !== '/'; i++) {
        const u = matchChunk(chunk, s.slice(i + 1));
        if (u !== null) {
          if (p.length === 0 && u.length > 0) continue;
          s = u;
          continue pattern;
        }
      }
    }
    // No match: the rest of the pattern must still be well formed.
    while (p.length > 0) {
      const next = scanChunk(p);
      p = next.rest;
      matchChunk(next.chunk, '');
    }
    return false;
  }
  return s.length === 0;
}

/** Go's Glob syntax check alone (Match(pattern, "")): the error, or undefined. */
export function goPatternError(pattern: string): string | undefined {
  try {
    goMatch(pattern, '');
    return undefined;
  } catch (e) {
    if (e instanceof BadPatternError) return BAD_PATTERN;
    throw e;
  }
}

export const hasGlobMeta = (p: string): boolean => /[*?[\\]/.test(p);

export interface GlobFs {
  /** Entry names of a directory, or undefined when it is not one or cannot be read. */
  readdir(dir: string): string[] | undefined;
  exists(p: string): boolean;
}

/** filepath.Glob for an absolute pattern: matching paths, sorted per directory; throws BadPatternError. */
export function goGlob(pattern: string, fs: GlobFs): string[] {
  goMatch(pattern, '');
  if (!hasGlobMeta(pattern)) return fs.exists(pattern) ? [pattern] : [];
  const cut = pattern.lastIndexOf('/');
  let dir = cut < 0 ? '.' : pattern.slice(0, cut + 1);
  const file = pattern.slice(cut + 1);
  // cleanGlobPath: "" is ".", a trailing slash goes (except the root's).
  if (dir === '') dir = '.';
  else if (dir !== '/') dir = dir.slice(0, -1);
  if (!hasGlobMeta(dir)) return globDir(dir, file, fs);
  if (dir === pattern) throw new BadPatternError();
  const out: string[] = [];
  for (const d of goGlob(dir, fs)) out.push(...globDir(d, file, fs));
  return out;
}

function globDir(dir: string, pattern: string, fs: GlobFs): string[] {
  const names = fs.readdir(dir);
  if (!names) return [];
  const out: string[] = [];
  for (const n of [...names].sort(byBytes)) if (goMatch(pattern, n)) out.push(dir === '/' ? `/${n}` : `${dir}/${n}`);
  return out;
}

/** Go sorts names as byte strings. */
function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function scanChunk(pattern: string): { star: boolean; chunk: string; rest: string } {
  let p = pattern;
  let star = false;
  while (p.length > 0 && p[0] === '*') {
    p = p.slice(1);
    star = true;
  }
  let inRange = false;
  let i = 0;
  scan: for (; i < p.length; i++) {
    switch (p[i]) {
      case '\\':
        if (i + 1 < p.length) i++;
        break;
      case '[':
        inRange = true;
        break;
      case ']':
        inRange = false;
        break;
      case '*':
        if (!inRange) break scan;
        break;
    }
  }
  return { star, chunk: p.slice(0, i), rest: p.slice(i) };
}

/** The rest of `s` after `chunk` matched its start, or null; throws on a malformed chunk. */
function matchChunk(chunk: string, s: string): string | null {
  let c = chunk;
  let failed = false;
  while (c.length > 0) {
    if (!failed && s.length === 0) failed = true;
    switch (c[0]) {
      case '[': {
        let r = -1;
        if (!failed) {
          r = s.codePointAt(0)!;
          s = s.slice(r > 0xffff ? 2 : 1);
        }
        c = c.slice(1);
        let negated = false;
        if (c.length > 0 && c[0] === '^') {
          negated = true;
          c = c.slice(1);
        }
        let match = false;
        let nrange = 0;
        for (;;) {
          if (c.length > 0 && c[0] === ']' && nrange > 0) {
            c = c.slice(1);
            break;
          }
          const lo = getEsc(c);
          c = lo.rest;
          let hi = lo.r;
          if (c[0] === '-') {
            const h = getEsc(c.slice(1));
            hi = h.r;
            c = h.rest;
          }
          if (lo.r <= r && r <= hi) match = true;
          nrange++;
        }
        if (match === negated) failed = true;
        break;
      }
      case '?':
        if (!failed) {
          if (s[0] === '/') failed = true;
          s = s.slice(s.codePointAt(0)! > 0xffff ? 2 : 1);
        }
        c = c.slice(1);
        break;
      default: {
        // A literal; `\` makes the character after it one.
        if (c[0] === '\\') {
          c = c.slice(1);
          if (c.length === 0) throw new BadPatternError();
        }
        if (!failed) {
          if (c[0] !== s[0]) failed = true;
          s = s.slice(1);
        }
        c = c.slice(1);
      }
    }
  }
  return failed ? null : s;
}

function getEsc(chunk: string): { r: number; rest: string } {
  let c = chunk;
  if (c.length === 0 || c[0] === '-' || c[0] === ']') throw new BadPatternError();
  if (c[0] === '\\') {
    c = c.slice(1);
    if (c.length === 0) throw new BadPatternError();
  }
  const r = c.codePointAt(0)!;
  const rest = c.slice(r > 0xffff ? 2 : 1);
  if (rest.length === 0) throw new BadPatternError();
  return { r, rest };
}
