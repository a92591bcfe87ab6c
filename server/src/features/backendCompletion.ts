// Completion from the active data source: metric names where an operand may start, label names
// inside a selector and in by/without, label values after a matcher operator, scoped by what the
// selector already says (match[]). HELP/TYPE/UNIT from the metadata go to detail/documentation.
//
// Typing must never wait on the network: a first request waits at most `waitMs` for the cache to
// fill, then answers with what it has and marks the list incomplete, so the editor asks again.
// A server may have 200,000 metric names: candidates are found by binary search for the typed
// prefix over the sorted names, then a capped pass for names containing the typed letters in
// order; at most `maxItems` go out, and the list is marked incomplete when more would match.
import type { MetricMetadata } from '../prometheus/client';
import { metadataFor, type Lookup, type NameList, type VocabularyCache, type WordIndex } from '../prometheus/vocabularyCache';
import type { CandidateList, CompletionCandidate, CompletionQuery, CompletionSource } from './completion';
import type { LabelMatcher } from './completionContext';
import { escapeMarkdown } from './metricHover';

export interface BackendCompletionOptions {
  /** Longest wait for a fetch the cache does not have yet. */
  waitMs: number;
  /** Most candidates sent per list. */
  maxItems: number;
  /** On a server too big for all metadata at once, lists this short get theirs per metric. */
  perMetricMetadata: number;
}

/**
 * 1,000 items: sending a list costs about as much as finding it, and an editor shows a dozen; the
 * list is then marked incomplete and narrowed as typing goes on (2,000 doubled the answer time).
 */
export const DEFAULT_BACKEND_COMPLETION: BackendCompletionOptions = { waitMs: 300, maxItems: 1000, perMetricMetadata: 20 };

/** `vocabulary()` is asked per request: undefined when backend completion is off or no data source is active. */
export function backendCompletionSource(
  vocabulary: () => VocabularyCache | undefined,
  options: Partial<BackendCompletionOptions> = {},
): CompletionSource {
  const opts = { ...DEFAULT_BACKEND_COMPLETION, ...options };
  return {
    name: 'backend',
    async candidates(query: CompletionQuery): Promise<CandidateList> {
      const cache = vocabulary();
      if (!cache || cache.disposed) return [];
      try {
        return await candidatesFrom(cache, query, opts);
      } catch {
        return [];
      }
    },
  };
}

async function candidatesFrom(cache: VocabularyCache, { context, prefix, expected }: CompletionQuery, opts: BackendCompletionOptions): Promise<CandidateList> {
  const deadline = Date.now() + opts.waitMs;
  switch (context.kind) {
    case 'expression': {
      // The grammar may know an operand cannot start here (after `sum by`): no metric names then.
      if (expected && !expected.has('IDENTIFIER') && !expected.has('METRIC_IDENTIFIER')) return [];
      const names = await settled(() => cache.metricNames(), deadline);
      if (!names.value) return { candidates: [], incomplete: names.pending !== undefined };
      const found = matchNames(names.value, prefix, opts.maxItems);
      // Metadata is asked for once the names are in, so two big answers are never parsed at once:
      // all of it from a server with few metrics, else per metric for a short list.
      let details: (name: string) => MetricMetadata | undefined = () => undefined;
      let waiting = false;
      if (cache.bulkMetadata()) {
        const meta = await settled(() => cache.metadata(), deadline);
        details = (name) => metadataFor(meta.value, name);
        waiting = meta.value === undefined && meta.pending !== undefined;
      } else if (found.names.length <= opts.perMetricMetadata) {
        const metas = await Promise.all(found.names.map((name) => settled(() => cache.metricMetadata(name), deadline)));
        const byName = new Map(found.names.map((name, i) => [name, metas[i].value ?? undefined]));
        details = (name) => byName.get(name);
        waiting = metas.some((m) => m.value === undefined && m.pending !== undefined);
      }
      const candidates = found.names.map((name) => metricCandidate(name, details(name)));
      // Without metadata yet, the editor asks again and gets the details next time.
      return { candidates, incomplete: !found.complete || names.value.truncated || waiting };
    }
    case 'labelName': {
      const match = selectorMatch(context.metric, context.matchers);
      const labels = await settled(() => cache.labelNames(match), deadline);
      if (!labels.value) return { candidates: [], incomplete: labels.pending !== undefined };
      const used = new Set(context.used);
      const found = matchNames(labels.value, prefix, opts.maxItems);
      const candidates = found.names.filter((l) => !used.has(l)).map((label): CompletionCandidate => ({ label, kind: 'label', detail: 'label', sortGroup: 3 }));
      return { candidates, incomplete: !found.complete || labels.value.truncated };
    }
    case 'labelValue': {
      const match = selectorMatch(context.metric, context.matchers, context.label);
      const values = await settled(() => cache.labelValues(context.label, match), deadline);
      if (!values.value) return { candidates: [], incomplete: values.pending !== undefined };
      const found = matchNames(values.value, prefix, opts.maxItems);
      const meta = context.label === '__name__' ? cache.cachedMetadata() : undefined;
      const candidates = found.names.map((value): CompletionCandidate => {
        const m = meta && metadataFor(meta, value);
        return {
          label: value,
          kind: 'value',
          detail: m ? metadataDetail(m) : `${context.label} value`,
          ...(m?.help ? { documentation: escapeMarkdown(m.help) } : {}),
          insertText: context.quoted ? escapeFor(value, context.quote ?? '"') : JSON.stringify(value),
          sortGroup: 0,
        };
      });
      return { candidates, incomplete: !found.complete || values.value.truncated };
    }
    default:
      return [];
  }
}

/** Waits (until `deadline` at most) for a value the cache does not have yet, then looks again. */
async function settled<T>(get: () => Lookup<T>, deadline: number): Promise<Lookup<T>> {
  const first = get();
  if (first.value !== undefined || !first.pending) return first;
  const left = deadline - Date.now();
  if (left <= 0) return first;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([first.pending, new Promise<void>((r) => (timer = setTimeout(r, left)))]);
  clearTimeout(timer);
  return get();
}

export function metricCandidate(name: string, meta: MetricMetadata | undefined): CompletionCandidate {
  return {
    label: name,
    kind: 'metric',
    detail: meta ? metadataDetail(meta) : 'metric',
    ...(meta?.help ? { documentation: escapeMarkdown(meta.help) } : {}),
    sortGroup: 3,
  };
}

/** "counter", "histogram · seconds", "metric" when the server says nothing. */
export function metadataDetail(meta: MetricMetadata): string {
  const type = meta.type && meta.type !== 'unknown' ? meta.type : 'metric';
  return meta.unit ? `${type} · ${meta.unit}` : type;
}

const IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/**
 * match[] for the series a selector already narrows to: its metric name and its equality
 * matchers (other operators, and a half-written regex, could be invalid or match too much),
 * leaving out `exclude` (the label whose value is being completed). Empty: every series.
 */
export function selectorMatch(metric: string | undefined, matchers: readonly LabelMatcher[] = [], exclude?: string): string[] {
  const parts = matchers
    .filter((m) => m.op === '=' && m.value !== '' && m.label !== exclude)
    .map((m) => `${IDENTIFIER.test(m.label) ? m.label : JSON.stringify(m.label)}=${JSON.stringify(m.value)}`);
  const name = metric !== undefined && METRIC_NAME.test(metric) ? metric : '';
  if (!name && parts.length === 0) return [];
  return [`${name}{${parts.join(',')}}`];
}

/** A value as it goes inside a string with the given quote. */
function escapeFor(value: string, quote: string): string {
  if (quote === '`') return value.includes('`') ? value.replace(/`/g, '') : value;
  const q = quote === "'" ? "'" : '"';
  return value.replace(/\\/g, '\\\\').replace(q === '"' ? /"/g : /'/g, `\\${q}`).replace(/\n/g, '\\n');
}

/**
 * Names for the typed text: those starting with it first (binary search over the sorted list),
 * then, case-insensitively, those containing it, then those holding its letters in order (what
 * an editor's fuzzy filter may still keep); at most `max`. `complete` when every match is in.
 * Long lists (with a word index) skip the scan of every name: after the prefix matches come
 * those where the typed text starts at a word (`cpu` in node_cpu_seconds_total), found through
 * the index — the matches an editor ranks first.
 */
export function matchNames(list: NameList, typed: string, max: number): { names: string[]; complete: boolean } {
  const { names } = list;
  if (typed === '') return { names: names.length <= max ? [...names] : names.slice(0, max), complete: names.length <= max };
  const prefixed: string[] = [];
  const lo = lowerBound(names, typed);
  let hi = lo;
  while (hi < names.length && names[hi].startsWith(typed)) {
    if (prefixed.length >= max) return { names: prefixed, complete: false };
    prefixed.push(names[hi++]);
  }
  const pattern = typed.toLowerCase();
  if (list.words) return wordStartMatches(list, list.words, pattern, max, prefixed, lo, hi);
  const lower = list.lower;
  const first = pattern[0];
  const containing: string[] = [];
  const scattered: string[] = [];
  let room = max - prefixed.length;
  let full = false;
  for (let i = 0; i < names.length; i++) {
    if (i === lo && hi > lo) {
      i = hi - 1; // the prefix matches, already in
      continue;
    }
    const name = lower ? lower[i] : names[i];
    let at = name.indexOf(first);
    if (at < 0) continue;
    if (name.includes(pattern, at)) {
      if (room === 0) return { names: [...prefixed, ...containing, ...scattered].slice(0, max), complete: false };
      containing.push(names[i]);
      room--;
      continue;
    }
    if (scattered.length >= room) {
      full = true; // only a contained match could still get in; this one may have matched
      continue;
    }
    // Letters in order: one native indexOf per letter.
    for (let k = 1; at >= 0 && k < pattern.length; k++) at = name.indexOf(pattern[k], at + 1);
    if (at >= 0) scattered.push(names[i]);
  }
  const all = [...prefixed, ...containing, ...scattered];
  return all.length <= max ? { names: all, complete: !full } : { names: all.slice(0, max), complete: false };
}

function wordStartMatches(
  list: NameList,
  index: WordIndex,
  pattern: string,
  max: number,
  out: string[],
  lo: number,
  hi: number,
): { names: string[]; complete: boolean } {
  const head = /^[_:]*([^_:]+)/.exec(pattern)?.[1];
  if (head === undefined) return { names: out, complete: false }; // only separators typed: too wide
  const { words, postings } = index;
  let count = 0;
  const first = lowerBound(words, head);
  let last = first;
  for (; last < words.length && words[last].startsWith(head); last++) count += postings[last].length;
  const candidates = new Int32Array(count);
  for (let w = first, at = 0; w < last; w++) {
    candidates.set(postings[w], at);
    at += postings[w].length;
  }
  candidates.sort(); // alphabetical order again; a name may come from several words
  const lower = list.lower ?? list.names;
  let prev = -1;
  for (const i of candidates) {
    if (i === prev || (i >= lo && i < hi)) continue;
    prev = i;
    if (!atWordStart(lower[i], pattern)) continue;
    if (out.length >= max) return { names: out, complete: false };
    out.push(list.names[i]);
  }
  return { names: out, complete: true };
}

function atWordStart(name: string, pattern: string): boolean {
  if (isSeparator(pattern.charCodeAt(0))) return name.includes(pattern);
  for (let at = name.indexOf(pattern); at >= 0; at = name.indexOf(pattern, at + 1)) {
    if (at === 0 || isSeparator(name.charCodeAt(at - 1))) return true;
  }
  return false;
}

/** `_` or `:`, the word separators of metric names. */
function isSeparator(code: number): boolean {
  return code === 95 || code === 58;
}

function lowerBound(names: readonly string[], key: string): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (names[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
