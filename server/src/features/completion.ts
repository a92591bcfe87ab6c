// Completion: decide what fits at the cursor (completionContext), then ask every source for
// candidates. The static source knows the language; a backend source (metric names, label names
// and values from a Prometheus) plugs in as one more CompletionSource.
import { FUNCTIONS, type FunctionEntry } from '../promql/functions';
import type { ParseOptions } from '../promql/types';
import { completionPosition, type CompletionContext } from './completionContext';
import {
  AGGREGATIONS,
  ARITHMETIC_OPERATORS,
  COMPARISON_OPERATORS,
  DURATION_UNITS,
  durationInWords,
  getWord,
  MATCH_OPERATORS,
  SET_OPERATORS,
} from './vocabulary';
import { functionSignature } from './signatureHelp';

export type CandidateKind = 'function' | 'aggregation' | 'keyword' | 'operator' | 'duration' | 'metric' | 'label' | 'value' | 'variable';

export interface CompletionCandidate {
  label: string;
  kind: CandidateKind;
  /** One line shown next to the label, e.g. a signature. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text to insert; a snippet (with $1 placeholders) when `snippet` is set. */
  insertText?: string;
  snippet?: boolean;
  /** Orders groups: lower first. */
  sortGroup?: number;
}

export interface CompletionQuery {
  context: CompletionContext;
  prefix: string;
  options: ParseOptions;
  /** Token type names the grammar allows here (see CompletionPosition.expected); absent if unknown. */
  expected?: ReadonlySet<string>;
}

/**
 * What a source answers: its candidates, or a part of them with `incomplete` set (a backend that
 * caps 200,000 metric names, or is still fetching): the editor then asks again as typing goes on.
 */
export type CandidateList = CompletionCandidate[] | { candidates: CompletionCandidate[]; incomplete: boolean };

/** A provider of candidates; may be asynchronous (a backend behind HTTP) and must not throw. */
export interface CompletionSource {
  readonly name: string;
  candidates(query: CompletionQuery): CandidateList | Promise<CandidateList>;
}

export interface CompletionResult {
  candidates: CompletionCandidate[];
  /** Offsets in the expression text of the word to replace. */
  replace: { start: number; end: number };
  /** Set when a source gave only part of its candidates (LSP CompletionList.isIncomplete). */
  incomplete?: boolean;
}

export async function completePromQL(
  text: string,
  offset: number,
  options: ParseOptions,
  sources: readonly CompletionSource[] = [staticSource],
): Promise<CompletionResult> {
  const pos = completionPosition(text, offset, options);
  const query: CompletionQuery = { context: pos.context, prefix: pos.prefix, options, expected: pos.expected };
  let incomplete = false;
  const lists = await Promise.all(
    sources.map(async (s): Promise<CompletionCandidate[]> => {
      try {
        const list = await s.candidates(query);
        if (Array.isArray(list)) return list;
        incomplete ||= list.incomplete;
        return list.candidates;
      } catch {
        return []; // a broken backend must not remove the language's own items
      }
    }),
  );
  const seen = new Set<string>();
  const candidates = lists.flat().filter((c) => (seen.has(`${c.kind}:${c.label}`) ? false : seen.add(`${c.kind}:${c.label}`)));
  return incomplete ? { candidates, replace: pos.replace, incomplete } : { candidates, replace: pos.replace };
}

/** The language itself: functions, aggregations, keywords, operators, durations. */
export const staticSource: CompletionSource = {
  name: 'promql',
  candidates({ context, options, expected }) {
    // The grammar decides what is syntactically possible; the context adds what makes sense
    // (bool only after comparisons, offset only after selectors). Without it, the context alone.
    const allowed = (tokenName: string): boolean => !expected || expected.has(tokenName);
    switch (context.kind) {
      case 'expression': {
        const out: CompletionCandidate[] = [];
        if (context.afterComparison && allowed('BOOL')) out.push(keyword('bool', 0));
        if (context.afterBinaryOperator && !context.afterMatching && allowed('ON')) out.push(keyword('on', 0, 'on($1)'), keyword('ignoring', 0, 'ignoring($1)'));
        if (expected ? expected.has('GROUP_LEFT') : context.afterMatching) {
          out.push(keyword('group_left', 0, 'group_left($1)'), keyword('group_right', 0, 'group_right($1)'));
        }
        if (options.enableBinopFillModifiers && (expected ? expected.has('FILL') : context.afterBinaryOperator)) {
          out.push(keyword('fill', 0, 'fill(${1:0})'), keyword('fill_left', 0, 'fill_left(${1:0})'), keyword('fill_right', 0, 'fill_right(${1:0})'));
        }
        return [...out, ...aggregationCandidates(options), ...functionCandidates(options)];
      }
      case 'afterExpression': {
        const out: CompletionCandidate[] = [];
        if (expected ? expected.has('BY') : context.afterAggregation) out.push(keyword('by', 0, 'by ($1)'), keyword('without', 0, 'without ($1)'));
        out.push(...[...SET_OPERATORS, 'atan2'].filter((w) => allowed(OPERATOR_TOKENS[w])).map((w) => operator(w, 1)));
        out.push(...[...ARITHMETIC_OPERATORS, ...COMPARISON_OPERATORS].filter((w) => allowed(OPERATOR_TOKENS[w])).map((w) => operator(w, 2)));
        const has = new Set(context.modifiers ?? []);
        if (context.afterSelector && allowed('OFFSET') && !has.has('offset')) out.push(keyword('offset', 3, 'offset ${1:5m}'));
        if (context.afterSelector && allowed('AT') && !has.has('@')) out.push(keyword('@', 3, '@ ${1:start()}'));
        if (context.afterRange && options.enableExtendedRangeSelectors && allowed('ANCHORED')) out.push(keyword('anchored', 3), keyword('smoothed', 3));
        return out;
      }
      case 'aggregationModifier':
        return [keyword('by', 0, 'by ($1)'), keyword('without', 0, 'without ($1)')];
      case 'matchOperator':
        return MATCH_OPERATORS.map((op) => ({ ...operator(op, 0), documentation: getWord(op, true)?.description }));
      case 'atModifier':
        return [keyword('start()', 0), keyword('end()', 0)];
      case 'duration':
        return durationCandidates(context.digits);
      default:
        return [];
    }
  },
};

/** Operator spellings to their token type names in promql/tokens.ts. */
const OPERATOR_TOKENS: Readonly<Record<string, string>> = {
  and: 'LAND', or: 'LOR', unless: 'LUNLESS', atan2: 'ATAN2',
  '+': 'ADD', '-': 'SUB', '*': 'MUL', '/': 'DIV', '%': 'MOD', '^': 'POW',
  '==': 'EQLC', '!=': 'NEQ', '>': 'GTR', '<': 'LSS', '>=': 'GTE', '<=': 'LTE',
};

function keyword(word: string, sortGroup: number, snippet?: string): CompletionCandidate {
  return {
    label: word,
    kind: 'keyword',
    documentation: getWord(word)?.description,
    insertText: snippet ?? word,
    snippet: snippet !== undefined,
    sortGroup,
  };
}

function operator(op: string, sortGroup: number): CompletionCandidate {
  return { label: op, kind: 'operator', documentation: getWord(op)?.description, sortGroup };
}

function aggregationCandidates(options: ParseOptions): CompletionCandidate[] {
  return AGGREGATIONS.filter((a) => !a.experimental || options.enableExperimentalFunctions).map((a) => ({
    label: a.name,
    kind: 'aggregation',
    detail: a.param ? `${a.name}(${a.param.name}, vector)` : `${a.name}(vector)`,
    documentation: a.description,
    insertText: a.param ? `${a.name}(\${1:${a.param.name}}, $2)` : `${a.name}($1)`,
    snippet: true,
    sortGroup: 4,
  }));
}

function functionCandidates(options: ParseOptions): CompletionCandidate[] {
  const out: CompletionCandidate[] = [];
  for (const f of FUNCTIONS.values()) {
    if (f.experimental && !options.enableExperimentalFunctions) continue;
    out.push(functionCandidate(f));
  }
  return out;
}

function functionCandidate(f: FunctionEntry): CompletionCandidate {
  const sig = functionSignature(f);
  return {
    label: f.name,
    kind: 'function',
    detail: sig.label,
    documentation: f.description || undefined,
    insertText: f.argTypes.length === 0 ? `${f.name}()` : `${f.name}($1)`,
    snippet: true,
    sortGroup: 5,
  };
}

/** Common ranges; after typed digits, those digits with every unit. Listed order is kept. */
function durationCandidates(digits: string): CompletionCandidate[] {
  const list = digits
    ? DURATION_UNITS.map((u) => `${digits}${u.unit}`)
    : ['30s', '1m', '5m', '10m', '15m', '30m', '1h', '6h', '12h', '1d', '7d'];
  return list.map((d, i) => ({ label: d, kind: 'duration' as const, detail: durationInWords(d), sortGroup: i }));
}
