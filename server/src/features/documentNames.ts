// A completion source that needs no Prometheus: metric and label names already written in the
// same document (a rule file repeats the same few metrics and labels). A backend source adds the
// server's names the same way.
//
// A rule file can hold thousands of expressions and completion asks on every keystroke, so the
// names are cached twice: per expression text (most expressions do not change between requests)
// and merged per document version (an unchanged document costs a map lookup).
import type { CompletionCandidate, CompletionSource } from './completion';
import { tokenize, type Token } from './tokens';
import { AGGREGATION_NAMES, getWord } from './vocabulary';
import { FUNCTIONS } from '../promql/functions';

export interface DocumentNames {
  readonly metrics: ReadonlySet<string>;
  readonly labels: ReadonlySet<string>;
}

const GROUPING = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const NOT_METRICS = new Set(['bool', 'offset', 'inf', 'nan', 'anchored', 'smoothed', 'start', 'end']);
const CLOSES: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/** Bounds: enough for several large rule files, small enough to never matter for memory. */
const MAX_CACHED_TEXTS = 20_000;
const MAX_CACHED_DOCUMENTS = 32;

const byText = new Map<string, DocumentNames>();
const byDocument = new Map<string, { version: number; texts: readonly string[]; names: DocumentNames }>();

/** Metric and label names used in the given expression texts. */
export function namesIn(texts: readonly string[]): DocumentNames {
  const metrics = new Set<string>();
  const labels = new Set<string>();
  for (const text of texts) {
    const names = namesOfExpression(text);
    for (const m of names.metrics) metrics.add(m);
    for (const l of names.labels) labels.add(l);
  }
  return { metrics, labels };
}

/** Names in one expression text, cached by text. */
export function namesOfExpression(text: string): DocumentNames {
  const hit = byText.get(text);
  if (hit) return hit;
  const names = scanNames(text);
  if (byText.size >= MAX_CACHED_TEXTS) byText.delete(byText.keys().next().value as string); // oldest first
  byText.set(text, names);
  return names;
}

/** Names of a document's expressions, cached for one version of the document. */
export function documentNames(uri: string, version: number, texts: readonly string[]): DocumentNames {
  const hit = byDocument.get(uri);
  if (hit && hit.version === version && sameTexts(hit.texts, texts)) return hit.names;
  const names = namesIn(texts);
  byDocument.delete(uri); // re-inserted last, so the least recently computed goes first
  if (byDocument.size >= MAX_CACHED_DOCUMENTS) byDocument.delete(byDocument.keys().next().value as string);
  byDocument.set(uri, { version, texts, names });
  return names;
}

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((t, i) => t === b[i]));
}

/** One pass with a running stack of open brackets (token indices), as openBrackets() would give. */
function scanNames(text: string): DocumentNames {
  const metrics = new Set<string>();
  const labels = new Set<string>();
  const tokens = tokenize(text);
  const open: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind === 'punct') {
      if (t.text === '(' || t.text === '[' || t.text === '{') open.push(i);
      else if (CLOSES[t.text] && open.length > 0 && tokens[open[open.length - 1]].text === CLOSES[t.text]) open.pop();
      return;
    }
    if (t.kind !== 'ident') return;
    const topIndex = open.length > 0 ? open[open.length - 1] : -1;
    const top = topIndex >= 0 ? tokens[topIndex] : undefined;
    if (top?.text === '{') {
      if (tokens[i + 1]?.kind === 'op') labels.add(t.text);
      return;
    }
    if (top?.text === '(' && isGroupingWord(tokens[topIndex - 1])) {
      labels.add(t.text);
      return;
    }
    if (isMetricName(t, tokens[i + 1])) metrics.add(t.text);
  });
  return { metrics, labels };
}

function isGroupingWord(before: Token | undefined): boolean {
  return before?.kind === 'ident' && GROUPING.has(before.text.toLowerCase());
}

function isMetricName(t: Token, next: Token | undefined): boolean {
  const lower = t.text.toLowerCase();
  if (next?.text === '(') return false; // a call
  if (FUNCTIONS.has(t.text) || AGGREGATION_NAMES.has(lower) || GROUPING.has(lower) || NOT_METRICS.has(lower)) return false;
  return !getWord(lower);
}

/**
 * Completion source over names from the document's other expressions. With `doc`, the names are
 * cached for that document version; without, computed (from the per-text cache) when first needed.
 */
export function documentNamesSource(texts: readonly string[], doc?: { uri: string; version: number }): CompletionSource {
  let names: DocumentNames | undefined; // computed only when a context needs them
  const get = () => (names ??= doc ? documentNames(doc.uri, doc.version, texts) : namesIn(texts));
  return {
    name: 'document',
    candidates({ context, prefix }) {
      const item = (label: string, kind: CompletionCandidate['kind']): CompletionCandidate => ({
        label,
        kind,
        detail: kind === 'metric' ? 'metric (used in this file)' : 'label (used in this file)',
        sortGroup: 3,
      });
      if (context.kind === 'expression') return [...get().metrics].filter((m) => m !== prefix).map((m) => item(m, 'metric'));
      if (context.kind === 'labelName') {
        return [...get().labels].filter((l) => l !== prefix && !context.used.includes(l)).map((l) => item(l, 'label'));
      }
      return [];
    },
  };
}
