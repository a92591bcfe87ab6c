// Completion documentation sent on demand (completionItem/resolve): a list of 378 items with all
// their markdown is ~800 KB, slower to send than to compute. Items carry a small key instead; the
// documentation comes from the last completion's candidates, else from the static catalogues.
import type { CandidateKind, CompletionCandidate } from './completion';
import { FUNCTIONS } from '../promql/functions';
import { AGGREGATIONS, getWord } from './vocabulary';

/** What a completion item carries to find its documentation again. */
export interface CompletionItemKey {
  k: CandidateKind;
  l: string;
}

export function itemKey(c: CompletionCandidate): CompletionItemKey {
  return { k: c.kind, l: c.label };
}

export function isItemKey(data: unknown): data is CompletionItemKey {
  const d = data as Partial<CompletionItemKey> | null;
  return typeof d === 'object' && d !== null && typeof d.k === 'string' && typeof d.l === 'string';
}

/** Documentation of the language's own words, as the static source gives it. */
export function catalogueDocumentation(kind: CandidateKind, label: string): string | undefined {
  switch (kind) {
    case 'function':
      return FUNCTIONS.get(label)?.description || undefined;
    case 'aggregation':
      return AGGREGATIONS.find((a) => a.name === label)?.description;
    case 'keyword':
    case 'operator':
      return getWord(label)?.description;
    default:
      return undefined;
  }
}

/** Keeps the documentation of the last completion's candidates (any source) until the next one. */
export class CompletionDocs {
  private docs = new Map<string, string>();

  remember(candidates: readonly CompletionCandidate[]): void {
    this.docs = new Map();
    for (const c of candidates) if (c.documentation) this.docs.set(keyString(itemKey(c)), c.documentation);
  }

  documentationFor(key: CompletionItemKey): string | undefined {
    return this.docs.get(keyString(key)) ?? catalogueDocumentation(key.k, key.l);
  }

  /**
   * For an item sent without a key (lean lists): its label and the candidate kinds its LSP item
   * kind can stand for. Kinds sharing an item kind never share labels (`$job` is no metric name).
   */
  documentationByLabel(label: string, kinds: readonly CandidateKind[]): string | undefined {
    for (const k of kinds) {
      const doc = this.documentationFor({ k, l: label });
      if (doc) return doc;
    }
    return undefined;
  }
}

const keyString = (key: CompletionItemKey) => `${key.k}\u0000${key.l}`;
