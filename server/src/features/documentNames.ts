// A completion source that needs no Prometheus: metric and label names already written in the
// same document (a rule file repeats the same few metrics and labels). A backend source adds the
// server's names the same way.
import type { CompletionCandidate, CompletionSource } from './completion';
import { openBrackets } from './completionContext';
import { tokenize, type Token } from './tokens';
import { AGGREGATION_NAMES, getWord } from './vocabulary';
import { FUNCTIONS } from '../promql/functions';

export interface DocumentNames {
  metrics: Set<string>;
  labels: Set<string>;
}

const GROUPING = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const NOT_METRICS = new Set(['bool', 'offset', 'inf', 'nan', 'anchored', 'smoothed', 'start', 'end']);

/** Metric and label names used in the given expression texts. */
export function namesIn(texts: readonly string[]): DocumentNames {
  const metrics = new Set<string>();
  const labels = new Set<string>();
  for (const text of texts) {
    const tokens = tokenize(text);
    tokens.forEach((t, i) => {
      if (t.kind !== 'ident') return;
      const open = openBrackets(tokens.slice(0, i));
      const top = open[open.length - 1];
      if (top?.text === '{') {
        if (tokens[i + 1]?.kind === 'op') labels.add(t.text);
        return;
      }
      if (top?.text === '(' && isGroupingParen(tokens, top)) {
        labels.add(t.text);
        return;
      }
      if (isMetricName(t, tokens[i + 1])) metrics.add(t.text);
    });
  }
  return { metrics, labels };
}

function isGroupingParen(tokens: readonly Token[], paren: Token): boolean {
  const before = tokens[tokens.indexOf(paren) - 1];
  return before?.kind === 'ident' && GROUPING.has(before.text.toLowerCase());
}

function isMetricName(t: Token, next: Token | undefined): boolean {
  const lower = t.text.toLowerCase();
  if (next?.text === '(') return false; // a call
  if (FUNCTIONS.has(t.text) || AGGREGATION_NAMES.has(lower) || GROUPING.has(lower) || NOT_METRICS.has(lower)) return false;
  return !getWord(lower);
}

/** Completion source over names from the document's other expressions. */
export function documentNamesSource(texts: readonly string[]): CompletionSource {
  let names: DocumentNames | undefined; // computed only when a context needs them
  const get = () => (names ??= namesIn(texts));
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
