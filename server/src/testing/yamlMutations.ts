// Seeded line mutations of YAML files, for the differential tests against promtool: lines deleted,
// duplicated or re-indented, values swapped for others, keys mistyped. The same cases on every
// machine (mulberry32).

/** A seeded generator of integers in [0, n). */
export function seededRandom(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** `count` distinct texts, each one of `bases` with one or two of its lines mutated. */
export function lineMutations(bases: readonly string[], values: readonly string[], count: number, seed: number): string[] {
  const rnd = seededRandom(seed);
  const out = new Set<string>();
  for (let tries = 0; out.size < count && tries < count * 100; tries++) {
    const ls = bases[rnd(bases.length)].split('\n');
    for (let o = 1 + rnd(2); o > 0; o--) {
      const i = rnd(ls.length);
      const kind = rnd(6);
      if (kind === 0) ls.splice(i, 1);
      else if (kind === 1) ls.splice(i, 0, ls[rnd(ls.length)]);
      else if (kind === 2) ls[i] = ' '.repeat(rnd(3)) + ls[i];
      else if (kind <= 4 && ls[i].includes(':')) ls[i] = ls[i].slice(0, ls[i].indexOf(':') + 1) + values[rnd(values.length)];
      else if (ls[i].includes(':')) ls[i] = ls[i].replace(/([a-z_]+):/, (_, key: string) => `${key.slice(0, -1)}:`);
    }
    out.add(ls.join('\n'));
  }
  return [...out];
}
