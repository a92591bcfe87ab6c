// What a data source knows, cached for completion and hover: metric names, label names and label
// values (per match[] set), and metric metadata (HELP/TYPE/UNIT). One cache per data source,
// dropped (and its requests aborted) when the active data source changes.
//
// Entries expire and are refreshed in the background while the old value is still served
// (stale-while-revalidate); concurrent lookups share one request; failures are remembered briefly,
// so a server that is down is not asked on every keystroke and completion stays silent.
// Lists are capped: `limit` asks for one more than the cap (Prometheus ≥ 2.49 honours it, older
// servers ignore it and send everything), so whether the cap cut something is always known.
// Big servers (200,000 metric names): long lists are read, sorted and get a word index in slices
// of a few milliseconds (streamingList.ts), so the server keeps answering meanwhile; their names
// are refetched less often, and metadata is asked for per metric instead of all at once.
import type { CallOptions, MetricMetadata } from './client';
import { Pacer, sortUniqueInSlices } from './streamingList';

/** The part of PrometheusClient the cache needs. */
export interface VocabularyClient {
  labelNames(match?: string[], limit?: number, call?: CallOptions): Promise<string[]>;
  labelValues(label: string, match?: string[], limit?: number, call?: CallOptions): Promise<string[]>;
  metadata(metric?: string, limit?: number, call?: CallOptions): Promise<Record<string, MetricMetadata>>;
}

export interface VocabularyOptions {
  metricNamesTtlMs: number;
  /** For a server with at least bigServerNames metric names: refetching and indexing them costs. */
  bigServerNamesTtlMs: number;
  bigServerNames: number;
  labelsTtlMs: number;
  metadataTtlMs: number;
  /** How long a failure is remembered before the server is asked again. */
  errorTtlMs: number;
  maxMetricNames: number;
  maxLabelNames: number;
  maxLabelValues: number;
  maxMetadata: number;
  /**
   * Metadata of every metric comes in one request only from a server with at most this many
   * metric names (parsing 200,000 entries would stall the server for a second); beyond, and
   * until the names are known, metadata is asked for per metric (hover, short completion lists).
   */
  bulkMetadataMaxNames: number;
  /** Distinct match[] sets (label names) and label+match[] pairs (values) kept, least recent dropped. */
  maxEntries: number;
  /** Per request; completion never waits that long (it answers with what it has). */
  requestTimeoutMs: number;
  /** Long lists are read, sorted and indexed in slices of about this many ms (0: at every check). */
  sliceMs: number;
  now: () => number;
}

export const DEFAULT_VOCABULARY_OPTIONS: VocabularyOptions = {
  metricNamesTtlMs: 60_000,
  bigServerNamesTtlMs: 300_000,
  bigServerNames: 50_000,
  labelsTtlMs: 30_000,
  metadataTtlMs: 60_000,
  errorTtlMs: 10_000,
  maxMetricNames: 200_000,
  maxLabelNames: 10_000,
  maxLabelValues: 10_000,
  maxMetadata: 200_000,
  bulkMetadataMaxNames: 20_000,
  maxEntries: 200,
  requestTimeoutMs: 15_000,
  sliceMs: 4,
  now: () => Date.now(),
};

/** A sorted list of names, capped; `truncated` when the server had more than the cap. */
export interface NameList {
  readonly names: readonly string[];
  /** Lower-cased names, same order; absent when every name is lower case already. */
  readonly lower?: readonly string[];
  readonly truncated: boolean;
  /** For long lists: where each word (between `_` and `:`) starts a part of a name. */
  readonly words?: WordIndex;
}

/** Distinct lower-cased words of the names, sorted, and per word the indices of the names holding it. */
export interface WordIndex {
  readonly words: readonly string[];
  readonly postings: readonly Int32Array[];
}

/** Lists at least this long get a word index: scanning them all per keystroke would cost too much. */
export const WORD_INDEX_MIN = 5000;

/** What a lookup finds now. `value` may be stale (a refresh is then pending). */
export interface Lookup<T> {
  value?: T;
  stale: boolean;
  /** The last fetch's failure, when it failed (kept for errorTtlMs). */
  error?: unknown;
  /** Settles (never rejects) when the request in flight ends. */
  pending?: Promise<void>;
}

interface Slot<T> {
  value?: T;
  error?: unknown;
  expiresAt: number;
  inflight?: Promise<void>;
}

/** Entries of one kind: expiring, shared in flight, least recently used dropped first. */
class Slots<T> {
  private readonly map = new Map<string, Slot<T>>();
  /** Requests made (for tests and stats). */
  fetches = 0;

  constructor(
    private readonly ttlMs: number | ((value: T) => number),
    private readonly opts: VocabularyOptions,
    private readonly signal: AbortSignal,
  ) {}

  get(key: string, fetch: (call: CallOptions) => Promise<T>): Lookup<T> {
    let slot = this.map.get(key);
    if (slot) {
      this.map.delete(key); // re-inserted last: most recently used
      this.map.set(key, slot);
    } else {
      slot = { expiresAt: 0 };
      this.map.set(key, slot);
      if (this.map.size > this.opts.maxEntries) this.map.delete(this.map.keys().next().value as string);
    }
    const due = this.opts.now() >= slot.expiresAt;
    if (due && !slot.inflight && !this.signal.aborted) this.start(slot, fetch);
    return { value: slot.value, stale: slot.value !== undefined && due, error: slot.error, pending: slot.inflight };
  }

  peek(key: string): T | undefined {
    return this.map.get(key)?.value;
  }

  get size(): number {
    return this.map.size;
  }

  private start(slot: Slot<T>, fetch: (call: CallOptions) => Promise<T>): void {
    this.fetches++;
    const done = (): void => {
      slot.inflight = undefined;
    };
    const call = { signal: this.signal, timeoutMs: this.opts.requestTimeoutMs, pacer: new Pacer(this.opts.sliceMs, this.signal) };
    slot.inflight = fetch(call).then(
      (value) => {
        slot.value = value;
        slot.error = undefined;
        slot.expiresAt = this.opts.now() + (typeof this.ttlMs === 'number' ? this.ttlMs : this.ttlMs(value));
        done();
      },
      (error: unknown) => {
        // The old value (if any) is still served; the server is asked again after errorTtlMs.
        slot.error = error;
        slot.expiresAt = this.opts.now() + this.opts.errorTtlMs;
        done();
      },
    );
  }
}

export class VocabularyCache {
  readonly options: VocabularyOptions;
  private readonly abort = new AbortController();
  private readonly names: Slots<NameList>;
  private readonly labels: Slots<NameList>;
  private readonly values: Slots<NameList>;
  private readonly meta: Slots<ReadonlyMap<string, MetricMetadata>>;
  private readonly one: Slots<MetricMetadata | null>;

  constructor(
    private readonly client: VocabularyClient,
    options: Partial<VocabularyOptions> = {},
  ) {
    this.options = { ...DEFAULT_VOCABULARY_OPTIONS, ...options };
    const o = this.options;
    this.names = new Slots((l: NameList) => (l.names.length >= o.bigServerNames ? o.bigServerNamesTtlMs : o.metricNamesTtlMs), o, this.abort.signal);
    this.labels = new Slots(o.labelsTtlMs, o, this.abort.signal);
    this.values = new Slots(o.labelsTtlMs, o, this.abort.signal);
    this.meta = new Slots(o.metadataTtlMs, o, this.abort.signal);
    this.one = new Slots(o.metadataTtlMs, { ...o, maxEntries: o.maxEntries * 5 }, this.abort.signal);
  }

  /**
   * Whether metadata comes in one request (metadata()): the metric names are known and few
   * enough. Undefined while the names are not known yet.
   */
  bulkMetadata(): boolean | undefined {
    const names = this.names.peek('');
    return names ? names.names.length <= this.options.bulkMetadataMaxNames : undefined;
  }

  /**
   * Metadata of one series name (null: the server has none): from the bulk metadata when that
   * applies, else asked for that metric (and its family: `foo` for `foo_total`).
   */
  metricMetadata(name: string): Lookup<MetricMetadata | null> {
    if (this.bulkMetadata()) {
      const all = this.metadata();
      return { ...all, value: all.value && (metadataFor(all.value, name) ?? null) };
    }
    return this.one.get(name, async (call) => {
      const own = (await this.client.metadata(name, 1, call))[name];
      if (own) return own;
      for (const family of familiesOf(name)) {
        const m = (await this.client.metadata(family.name, 1, call))[family.name];
        if (m && family.types.includes(m.type)) return m;
      }
      return null;
    });
  }

  /** Every metric name (values of `__name__`, unscoped). */
  metricNames(): Lookup<NameList> {
    const max = this.options.maxMetricNames;
    return this.names.get('', async (call) => withWordIndex(await nameListInSlices(await this.client.labelValues('__name__', [], max + 1, call), max, call.pacer), call.pacer));
  }

  /** Label names of the series matching every selector in `match` (all series when empty). */
  labelNames(match: readonly string[] = []): Lookup<NameList> {
    const max = this.options.maxLabelNames;
    return this.labels.get(matchKey(match), async (call) => nameList(await this.client.labelNames([...match], max + 1, call), max));
  }

  /** Values of `label` over the series matching `match`; `__name__` gives metric names. */
  labelValues(label: string, match: readonly string[] = []): Lookup<NameList> {
    if (label === '__name__' && match.length === 0) return this.metricNames();
    const max = this.options.maxLabelValues;
    return this.values.get(`${label}\u0000${matchKey(match)}`, async (call) =>
      withWordIndex(await nameListInSlices(await this.client.labelValues(label, [...match], max + 1, call), max, call.pacer), call.pacer),
    );
  }

  /** Metadata of every metric, fetched in one request. */
  metadata(): Lookup<ReadonlyMap<string, MetricMetadata>> {
    const max = this.options.maxMetadata;
    return this.meta.get('', async (call) => {
      const all = await this.client.metadata(undefined, max, call);
      const names = Object.keys(all);
      const out = new Map<string, MetricMetadata>();
      const types = new Map<string, string>(); // one string per type and unit, not one per metric
      const intern = (s: string) => types.get(s) ?? (types.set(s, s), s);
      // In slices, giving way to requests between them (200,000 entries take a while). The
      // client's objects are fresh: kept as they are, with their type and unit strings shared.
      for (let from = 0; from < Math.min(names.length, max); from += 20_000) {
        if (from > 0) await new Promise((r) => setImmediate(r));
        for (let i = from; i < Math.min(from + 20_000, max, names.length); i++) {
          const m = all[names[i]];
          m.type = intern(m.type);
          m.unit = intern(m.unit);
          out.set(names[i], m);
        }
      }
      return out;
    });
  }

  /** All metadata if it is cached (no request is made); metadataFor() finds a series name in it. */
  cachedMetadata(): ReadonlyMap<string, MetricMetadata> | undefined {
    return this.meta.peek('');
  }

  /** Requests made so far, per kind. */
  stats(): { metricNames: number; labelNames: number; labelValues: number; metadata: number; metricMetadata: number; entries: number } {
    return {
      metricMetadata: this.one.fetches,
      metricNames: this.names.fetches,
      labelNames: this.labels.fetches,
      labelValues: this.values.fetches,
      metadata: this.meta.fetches,
      entries: this.names.size + this.labels.size + this.values.size + this.meta.size + this.one.size,
    };
  }

  get disposed(): boolean {
    return this.abort.signal.aborted;
  }

  /** Aborts the requests in flight; lookups then start none. */
  dispose(): void {
    this.abort.abort();
  }
}

function matchKey(match: readonly string[]): string {
  return [...match].sort().join('\n');
}

/** Sorted (UTF-16 order, as binary search needs), deduplicated, capped at `max`. */
export function nameList(list: readonly string[], max: number): NameList {
  // Prometheus sends them sorted: then one pass checks it, and nothing is copied or sorted.
  let ordered = true;
  for (let i = 1; ordered && i < list.length; i++) ordered = list[i - 1] < list[i];
  const sorted = ordered ? list : [...new Set(list)].sort();
  const truncated = sorted.length > max;
  const names = truncated ? sorted.slice(0, max) : sorted;
  let lower: string[] | undefined;
  for (let i = 0; i < names.length; i++) {
    const l = names[i].toLowerCase();
    if (l !== names[i]) {
      lower ??= names.slice(0, i);
    }
    if (lower) lower.push(l);
  }
  return lower ? { names, lower, truncated } : { names, truncated };
}

/**
 * nameList() for long lists (at least WORD_INDEX_MIN names), in slices that give way to other work
 * between them: checking the order, sorting when the server did not, lower-casing.
 */
export async function nameListInSlices(list: readonly string[], max: number, pacer: Pacer = new Pacer()): Promise<NameList> {
  if (list.length < WORD_INDEX_MIN) return nameList(list, max);
  let ordered = true;
  for (let i = 1; ordered && i < list.length; i++) {
    ordered = list[i - 1] < list[i];
    if (pacer.due()) await pacer.pause();
  }
  const sorted = ordered ? list : await sortUniqueInSlices(list, pacer);
  const truncated = sorted.length > max;
  const names = truncated ? sorted.slice(0, max) : sorted;
  let lower: string[] | undefined;
  for (let i = 0; i < names.length; i++) {
    // Most names are lower case ASCII: no copy is made of them just to compare.
    const l = NOT_LOWER_ASCII.test(names[i]) ? names[i].toLowerCase() : names[i];
    if (l !== names[i]) {
      lower ??= names.slice(0, i);
    }
    if (lower) lower.push(l);
    if (pacer.due()) await pacer.pause();
  }
  return lower ? { names, lower, truncated } : { names, truncated };
}

const NOT_LOWER_ASCII = /[^a-z0-9_:]/;

/**
 * The list with its word index when it is long, built in slices that give way to other work (a
 * completion, a keystroke) between them, so 200,000 names never block the server for long.
 */
export async function withWordIndex(list: NameList, pacer: Pacer = new Pacer()): Promise<NameList> {
  if (list.names.length < WORD_INDEX_MIN) return list;
  const names = list.lower ?? list.names;
  const byWord = new Map<string, number[]>();
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    let start = 0;
    for (let j = 0; j <= name.length; j++) {
      if (j < name.length && name[j] !== '_' && name[j] !== ':') continue;
      if (j > start) {
        const word = name.slice(start, j);
        const list = byWord.get(word);
        if (list === undefined) byWord.set(word, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
      start = j + 1;
    }
    if (pacer.due()) await pacer.pause();
  }
  const words = await sortUniqueInSlices([...byWord.keys()], pacer);
  const postings: Int32Array[] = [];
  for (const w of words) {
    const at = byWord.get(w)!;
    postings.push(Int32Array.from(at));
    if (pacer.due(1 + (at.length >> 6))) await pacer.pause();
  }
  return { ...list, words: { words, postings } };
}

/**
 * Metadata for a series name: its own, else its family's. OpenMetrics families drop the
 * `_total` of counters, and histograms and summaries own their `_bucket`, `_sum`, `_count`.
 */
export function metadataFor(all: ReadonlyMap<string, MetricMetadata> | undefined, name: string): MetricMetadata | undefined {
  if (!all) return undefined;
  const own = all.get(name);
  if (own) return own;
  for (const { name: familyName, types } of familiesOf(name)) {
    const family = all.get(familyName);
    if (family && types.includes(family.type)) return family;
  }
  return undefined;
}

/** The families a series name may belong to, with the types that own such a series. */
function familiesOf(name: string): Array<{ name: string; types: readonly string[] }> {
  return FAMILY_SUFFIXES.filter(([suffix]) => name.endsWith(suffix) && name.length > suffix.length).map(([suffix, types]) => ({ name: name.slice(0, -suffix.length), types }));
}

const FAMILY_SUFFIXES: ReadonlyArray<[string, readonly string[]]> = [
  ['_total', ['counter']],
  ['_bucket', ['histogram', 'gaugehistogram']],
  ['_sum', ['histogram', 'summary']],
  ['_count', ['histogram', 'summary']],
  ['_created', ['counter', 'histogram', 'summary']],
  ['_info', ['info']],
  ['_gcount', ['gaugehistogram']],
  ['_gsum', ['gaugehistogram']],
];
