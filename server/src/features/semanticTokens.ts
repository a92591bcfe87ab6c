// Semantic tokens: what each word of an embedded expression is (function, metric, label, ...),
// which TextMate alone cannot tell inside YAML and JSON strings. File offsets; the LSP layer encodes.
import type { EmbeddedExpression } from '../documents/types';
import { FUNCTIONS } from '../promql/functions';
import { openBrackets } from './completionContext';
import { tokenize, type Token } from './tokens';
import { AGGREGATION_NAMES, getWord } from './vocabulary';

export const SEMANTIC_TOKEN_TYPES = ['function', 'keyword', 'variable', 'property', 'number', 'string', 'operator', 'comment'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['defaultLibrary'] as const;

export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

export interface SemanticToken {
  /** File offsets, half-open. */
  start: number;
  end: number;
  type: SemanticTokenType;
  /** Built into PromQL (functions, aggregations). */
  defaultLibrary: boolean;
}

const GROUPING = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

export function semanticTokens(expressions: readonly EmbeddedExpression[]): SemanticToken[] {
  const out: SemanticToken[] = [];
  for (const expr of expressions) {
    const tokens = tokenize(expr.text);
    tokens.forEach((t, i) => {
      const kind = classify(tokens, i);
      if (!kind) return;
      out.push({ start: expr.toFileOffset(t.start), end: expr.toFileOffset(t.end), ...kind });
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

function classify(tokens: readonly Token[], i: number): Omit<SemanticToken, 'start' | 'end'> | undefined {
  const t = tokens[i];
  const plain = (type: SemanticTokenType) => ({ type, defaultLibrary: false });
  switch (t.kind) {
    case 'number':
    case 'duration':
      return plain('number');
    case 'string':
      return plain('string');
    case 'comment':
      return plain('comment');
    case 'op':
      return plain('operator');
    case 'ident':
      break;
    default:
      return undefined;
  }
  const lower = t.text.toLowerCase();
  const open = openBrackets(tokens.slice(0, i));
  const top = open[open.length - 1];
  if (top?.text === '{') return plain('property');
  if (top?.text === '(') {
    const opener = tokens[tokens.indexOf(top) - 1];
    if (opener?.kind === 'ident' && GROUPING.has(opener.text.toLowerCase())) return plain('property');
  }
  if (tokens[i + 1]?.text === '(' && FUNCTIONS.has(t.text)) return { type: 'function', defaultLibrary: true };
  if (AGGREGATION_NAMES.has(lower)) return { type: 'keyword', defaultLibrary: true };
  if (lower === 'inf' || lower === 'nan') return plain('number');
  if (['and', 'or', 'unless', 'atan2'].includes(lower)) return plain('operator');
  if (GROUPING.has(lower) || getWord(lower)?.kind === 'keyword') return plain('keyword');
  return plain('variable');
}
