// "Did you mean" for unknown keys: a known alias, the snake_case spelling of a camelCase key
// (Prometheus Operator's resources spell the same fields in camelCase), or else the closest known
// key by edit distance, if close enough.

/** Keys written for a known one that edit distance does not find, or finds the wrong one for. */
const ALIASES: Readonly<Record<string, string>> = {
  // Hetzner's discovery is hetzner_sd_configs; hcloud is its API's name (and is nearer ovhcloud).
  hcloud_sd_configs: 'hetzner_sd_configs',
  k8s_sd_configs: 'kubernetes_sd_configs',
  google_sd_configs: 'gce_sd_configs',
  gcp_sd_configs: 'gce_sd_configs',
  swarm_sd_configs: 'dockerswarm_sd_configs',
  // Prometheus Operator's names for the relabelling lists.
  relabelings: 'relabel_configs',
  metricRelabelings: 'metric_relabel_configs',
  metric_relabelings: 'metric_relabel_configs',
  basic_authentication: 'basic_auth',
  // Prometheus before 1.0 listed static targets under target_groups; old configs still carry it.
  target_groups: 'static_configs',
  // Written for the global section's external_labels (a global `labels` does not exist).
  labels: 'external_labels',
  // Renamed in Prometheus 3.0; edit distance finds scrape_native_histograms, the opposite setting.
  scrape_classic_histograms: 'always_scrape_classic_histograms',
};

/** What to suggest for the unknown key `word` among `known` keys, if anything. */
export function suggestKey(word: string, known: readonly string[]): string | undefined {
  const alias = ALIASES[word];
  if (alias !== undefined && known.includes(alias)) return alias;
  const snake = word.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  if (snake !== word && known.includes(snake)) return snake;
  return closest(word, known);
}

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // Only a distance within the limit and below the best so far changes the answer: the
    // computation stops as soon as it cannot be (the first candidate at the least distance wins).
    const d = editDistance(w, c.toLowerCase(), Math.min(limit, bestDistance - 1));
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Levenshtein distance of a and b, or Infinity once it is surely over `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > Math.min(10, max)) return Infinity;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // A row's least value never decreases in the rows below it.
    if (rowMin > max) return Infinity;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length] > max ? Infinity : prev[b.length];
}
