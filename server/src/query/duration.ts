// Prometheus duration strings (prometheus/common model.ParseDuration): 1h30m, 5m, 10s, 1d, 1w, 1y, 100ms.
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

export function parseDurationMs(s: string): number | null {
  if (s === '0') return 0;
  const re = /(\d+)(ms|y|w|d|h|m|s)/y;
  let total = 0;
  let i = 0;
  let lastRank = -1;
  const rank = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return null;
    const r = rank.indexOf(m[2]);
    if (r <= lastRank) return null; // units must go from largest to smallest, each once
    lastRank = r;
    total += Number(m[1]) * UNIT_MS[m[2]];
    i = re.lastIndex;
  }
  return i > 0 ? total : null;
}
