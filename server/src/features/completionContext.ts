// What can be typed at the cursor, decided from the tokens before it. This is lexical on purpose:
// it has to work on half-written expressions that no parser accepts yet. Where the tokens before
// the cursor are a valid prefix, the Chevrotain grammar says which tokens may come next
// (`expected`): completion takes keywords and operators from it, and it settles the cases the
// token heuristics cannot (after `sum(x) by (job)`, after `up offset 5m`).
import { expectedAt } from '../promql/chevrotainGrammar';
import type { ParseOptions } from '../promql/types';
import { unquoteString } from '../promql/strings';
import { tokenize, type Token } from './tokens';
import { AGGREGATION_NAMES } from './vocabulary';

/** A matcher already written in a selector, its value unquoted: scopes backend completion (match[]). */
export interface LabelMatcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** Longest prefix (UTF-16 units) for which the grammar is asked what may come next. */
export const MAX_GRAMMAR_PREFIX = 2000;

export type CompletionContext =
  /** Where an operand starts: functions, aggregations, metric names. */
  | { kind: 'expression'; afterBinaryOperator: boolean; afterComparison: boolean; afterMatching: boolean }
  /** After a complete operand: binary operators, offset, @, by/without after an aggregation. */
  | {
      kind: 'afterExpression';
      afterSelector: boolean;
      afterAggregation: boolean;
      afterRange: boolean;
      /** Postfix modifiers the operand already has (Go allows each once): 'offset', '@'. */
      modifiers?: string[];
    }
  /** Right after an aggregation's name: by, without. */
  | { kind: 'aggregationModifier' }
  /**
   * A label name inside {...}, by(...), on(...), group_left(...) etc. Inside braces, `metric` and
   * `matchers` are the selector's; in by/without, those of the aggregated selector when it is the
   * only one in the aggregation's argument.
   */
  | { kind: 'labelName'; metric?: string; inGrouping: boolean; used: string[]; matchers?: LabelMatcher[] }
  /** After a label name inside {...}. */
  | { kind: 'matchOperator' }
  /**
   * A label value after a matcher operator; `quoted` when the cursor is inside the string (`quote`
   * is its quote character). `matchers`: the selector's complete matchers before it.
   */
  | { kind: 'labelValue'; metric?: string; label: string; quoted: boolean; quote?: string; matchers?: LabelMatcher[] }
  /** Inside [...] or after offset. */
  | { kind: 'duration'; digits: string }
  /** After @. */
  | { kind: 'atModifier' }
  /** Comments, closed strings, places where nothing sensible can be offered. */
  | { kind: 'none' };

export interface CompletionPosition {
  context: CompletionContext;
  /** Offsets (in the expression text) of the word the cursor is in; completion replaces it. */
  replace: { start: number; end: number };
  /** The part of that word before the cursor. */
  prefix: string;
  /**
   * Token type names (promql/tokens.ts) the grammar allows at the start of that word, for the
   * expression-level contexts; absent when the text before it is no valid PromQL prefix.
   */
  expected?: ReadonlySet<string>;
}

const GROUPING_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const KEYWORD_OPERATORS = new Set(['and', 'or', 'unless', 'atan2']);
const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);

export function completionPosition(text: string, offset: number, options: ParseOptions = {}): CompletionPosition {
  const tokens = tokenize(text.slice(0, offset));
  const last = tokens[tokens.length - 1];
  const typing = last && last.end === offset && ['ident', 'number', 'duration'].includes(last.kind) ? last : undefined;
  const prev = typing ? tokens.slice(0, -1) : tokens;
  const replace = { start: typing ? typing.start : offset, end: wordEnd(text, offset) };
  const prefix = typing ? typing.text : '';
  const at = (context: CompletionContext): CompletionPosition => ({ context, replace, prefix });

  if (last && last.end === offset && (last.kind === 'comment' || last.kind === 'string')) {
    if (last.kind === 'string' && isUnclosedString(last)) {
      const value = labelValueContext(tokens.slice(0, -1));
      if (value) {
        const inner = { start: last.start + 1, end: stringContentEnd(text, offset, last.text[0]) };
        return { context: { ...value, quoted: true, quote: last.text[0] }, replace: inner, prefix: last.text.slice(1) };
      }
    }
    return at({ kind: 'none' });
  }

  const open = openBrackets(prev);
  const top = open[open.length - 1];
  if (top?.text === '{') return at(braceContext(prev, top) ?? { kind: 'none' });
  if (top?.text === '[') {
    const lastPrev = prev[prev.length - 1];
    if (lastPrev === top || lastPrev?.text === ':') return at({ kind: 'duration', digits: /^[0-9]+$/.test(prefix) ? prefix : '' });
    return at({ kind: 'none' });
  }
  if (top?.text === '(') {
    const opener = prev[prev.indexOf(top) - 1];
    if (opener && opener.kind === 'ident' && GROUPING_WORDS.has(opener.text.toLowerCase())) {
      const used = prev.slice(prev.indexOf(top) + 1).filter((t) => t.kind === 'ident').map((t) => t.text);
      const word = opener.text.toLowerCase();
      const aggregated = word === 'by' || word === 'without' ? aggregatedSelector(text, prev, prev.indexOf(top)) : undefined;
      return at({ kind: 'labelName', inGrouping: true, used, ...aggregated });
    }
  }
  // Chevrotain's content assist grows with the prefix (about 1 s for 55 KB): past a few thousand
  // characters the token rules alone decide, so completion stays fast in huge expressions.
  const names = replace.start <= MAX_GRAMMAR_PREFIX ? expectedAt(text, replace.start, options) : [];
  const expected = names.length > 0 ? new Set(names) : undefined;
  return { ...at(expressionLevelContext(prev, prefix, expected)), expected };
}

function expressionLevelContext(prev: Token[], prefix: string, expected: ReadonlySet<string> | undefined): CompletionContext {
  const lastPrev = prev[prev.length - 1];
  const start = { kind: 'expression', afterBinaryOperator: false, afterComparison: false, afterMatching: false } as const;
  if (!lastPrev) return start;
  const word = lastPrev.kind === 'ident' ? lastPrev.text.toLowerCase() : undefined;
  if (lastPrev.text === '(' || lastPrev.text === ',') return start;
  if (lastPrev.kind === 'op' && lastPrev.text === '@') return { kind: 'atModifier' };
  if (lastPrev.kind === 'op') {
    return { ...start, afterBinaryOperator: true, afterComparison: COMPARISONS.has(lastPrev.text) };
  }
  if (word === 'offset') return { kind: 'duration', digits: /^[0-9]+$/.test(prefix) ? prefix : '' };
  if (word === 'bool') return { ...start, afterBinaryOperator: true };
  if (word && KEYWORD_OPERATORS.has(word)) return { ...start, afterBinaryOperator: true };
  if (word && AGGREGATION_NAMES.has(word)) return { kind: 'aggregationModifier' };
  if (lastPrev.text === ')') {
    const opener = tokenBeforeMatchingOpen(prev, prev.length - 1);
    const openerWord = opener?.kind === 'ident' ? opener.text.toLowerCase() : undefined;
    if (openerWord === 'on' || openerWord === 'ignoring') return { ...start, afterBinaryOperator: true, afterMatching: true };
    if (openerWord === 'group_left' || openerWord === 'group_right') return { ...start, afterBinaryOperator: true };
    if (openerWord === 'by' || openerWord === 'without') {
      // `sum by (job) |` waits for "("; `sum(x) by (job) |` is a complete operand.
      if (expected?.has('LAND')) return { kind: 'afterExpression', afterSelector: false, afterAggregation: false, afterRange: false };
      return { kind: 'none' };
    }
    if ((openerWord === 'start' || openerWord === 'end') && expected?.has('OFFSET')) return afterModifiers(prev);
    return { kind: 'afterExpression', afterSelector: false, afterAggregation: !!openerWord && AGGREGATION_NAMES.has(openerWord), afterRange: false };
  }
  if ((lastPrev.kind === 'number' || lastPrev.kind === 'duration') && expected?.has('OFFSET')) {
    // A literal the grammar lets a modifier follow ends `offset 5m` or `@ 123`: look past them.
    return afterModifiers(prev);
  }
  if (lastPrev.text === '}' || lastPrev.text === ']' || lastPrev.kind === 'ident') {
    const subquery = lastPrev.text === ']' && isSubqueryClose(prev);
    // offset and @ apply to selectors and subqueries alike; anchored/smoothed only to range selectors.
    return { kind: 'afterExpression', afterSelector: true, afterAggregation: false, afterRange: lastPrev.text === ']' && !subquery };
  }
  if (lastPrev.kind === 'number' || lastPrev.kind === 'string' || lastPrev.kind === 'duration') {
    return { kind: 'afterExpression', afterSelector: false, afterAggregation: false, afterRange: false };
  }
  return { kind: 'none' };
}

function braceContext(prev: Token[], open: Token): CompletionContext | undefined {
  const inside = prev.slice(prev.indexOf(open) + 1);
  const before = prev[prev.indexOf(open) - 1];
  const metric = before?.kind === 'ident' ? before.text : undefined;
  const lastIn = inside[inside.length - 1];
  if (!lastIn || lastIn.text === ',') {
    const used = inside.filter((t, i) => (t.kind === 'ident' || t.kind === 'string') && inside[i + 1]?.kind === 'op').map((t) => t.text);
    return { kind: 'labelName', metric, inGrouping: false, used, matchers: matchersIn(inside) };
  }
  if (lastIn.kind === 'ident' || lastIn.kind === 'string') {
    const beforeLast = inside[inside.length - 2];
    if (!beforeLast || beforeLast.text === ',') return { kind: 'matchOperator' };
    return undefined;
  }
  return labelValueContext(prev) ? { ...labelValueContext(prev)!, quoted: false } : undefined;
}

/** After postfix modifiers (offset 5m, @ 123, @ start(), anchored): what they modify decides. */
function afterModifiers(prev: Token[]): CompletionContext {
  let end = prev.length;
  const modifiers: string[] = [];
  for (;;) {
    const skip = modifierLength(prev, end);
    if (skip === 0) break;
    end -= skip;
    modifiers.push(prev[end].text.toLowerCase());
  }
  const last = prev[end - 1];
  const selector = !!last && end < prev.length && (last.text === '}' || last.text === ']' || last.kind === 'ident');
  const subquery = last?.text === ']' && isSubqueryClose(prev.slice(0, end));
  return { kind: 'afterExpression', afterSelector: selector, afterAggregation: false, afterRange: last?.text === ']' && !subquery, modifiers };
}

/** The number of tokens of the postfix modifier ending at `end` (0 if there is none). */
function modifierLength(prev: Token[], end: number): number {
  const word = (i: number): string => (prev[i]?.kind === 'ident' ? prev[i].text.toLowerCase() : prev[i]?.text ?? '');
  const last = prev[end - 1];
  if (!last) return 0;
  if (last.kind === 'ident' && ['anchored', 'smoothed'].includes(word(end - 1))) return 1;
  if (last.kind === 'number' || last.kind === 'duration') {
    const signed = ['+', '-'].includes(word(end - 2)) ? 1 : 0;
    const kw = word(end - 2 - signed);
    return kw === 'offset' || kw === '@' ? 2 + signed : 0;
  }
  if (last.text === ')' && word(end - 2) === '(' && ['start', 'end'].includes(word(end - 3)) && word(end - 4) === '@') return 4;
  return 0;
}

/** After `name op` inside braces: the label whose value is being typed. */
function labelValueContext(prev: Token[]): Extract<CompletionContext, { kind: 'labelValue' }> | undefined {
  const op = prev[prev.length - 1];
  const label = prev[prev.length - 2];
  if (!op || op.kind !== 'op' || !['=', '!=', '=~', '!~'].includes(op.text) || !label) return undefined;
  const open = openBrackets(prev);
  const top = open[open.length - 1];
  if (top?.text !== '{') return undefined;
  const before = prev[prev.indexOf(top) - 1];
  return {
    kind: 'labelValue',
    metric: before?.kind === 'ident' ? before.text : undefined,
    label: label.kind === 'string' ? label.text.slice(1, -1) : label.text,
    quoted: false,
    matchers: matchersIn(prev.slice(prev.indexOf(top) + 1, -2)),
  };
}

const MATCH_OPS = new Set(['=', '!=', '=~', '!~']);

/** Complete `label op "value"` matchers among the tokens inside a selector's braces. */
function matchersIn(inside: readonly Token[]): LabelMatcher[] {
  const out: LabelMatcher[] = [];
  for (let i = 0; i + 2 < inside.length; i++) {
    const [l, op, v] = [inside[i], inside[i + 1], inside[i + 2]];
    if ((l.kind !== 'ident' && l.kind !== 'string') || op.kind !== 'op' || !MATCH_OPS.has(op.text) || v.kind !== 'string') continue;
    if (i > 0 && inside[i - 1].text !== ',') continue;
    const label = l.kind === 'string' ? unquoteString(l.text) : l.text;
    const value = unquoteString(v.text);
    if (label !== null && value !== null) out.push({ label, op: op.text as LabelMatcher['op'], value });
    i += 2;
  }
  return out;
}

const NOT_SELECTOR_WORDS = new Set([...GROUPING_WORDS, ...KEYWORD_OPERATORS, 'bool', 'offset', 'inf', 'nan', 'start', 'end', 'anchored', 'smoothed']);

/**
 * The selector an aggregation's by/without groups, when its argument holds exactly one
 * (`sum by (|) (rate(x{job="a"}[5m]))`, `sum(rate(x{job="a"}[5m])) by (|)`); `open` is the index in
 * `prev` of the grouping's "(". Undefined when there are none or several: no scope then.
 */
function aggregatedSelector(text: string, prev: Token[], open: number): { metric?: string; matchers: LabelMatcher[] } | undefined {
  const before = prev[open - 2]; // the token before by/without
  let arg: Token[] | undefined;
  if (before?.text === ')') {
    // sum(...) by (: the argument is the parenthesized list before.
    let depth = 0;
    for (let i = open - 2; i >= 0; i--) {
      if (prev[i].text === ')') depth++;
      else if (prev[i].text === '(' && --depth === 0) {
        if (prev[i - 1]?.kind === 'ident' && AGGREGATION_NAMES.has(prev[i - 1].text.toLowerCase())) arg = prev.slice(i + 1, open - 2);
        break;
      }
    }
  } else if (before?.kind === 'ident' && AGGREGATION_NAMES.has(before.text.toLowerCase())) {
    // sum by (...) (: the argument comes after the grouping, past the cursor.
    const all = tokenize(text);
    const start = all.findIndex((t) => t.start === prev[open].start);
    let i = start;
    for (let depth = 0; i < all.length; i++) {
      if (all[i].text === '(') depth++;
      else if (all[i].text === ')' && --depth === 0) break;
    }
    if (all[i + 1]?.text !== '(') return undefined;
    let depth = 0;
    for (let j = i + 1; j < all.length; j++) {
      if (all[j].text === '(') depth++;
      else if (all[j].text === ')' && --depth === 0) {
        arg = all.slice(i + 2, j);
        break;
      }
    }
  }
  if (!arg) return undefined;
  const selectors: Array<{ metric?: string; matchers: LabelMatcher[] }> = [];
  for (let i = 0; i < arg.length; i++) {
    const t = arg[i];
    const next = arg[i + 1];
    const word = t.kind === 'ident' ? t.text.toLowerCase() : '';
    if (GROUPING_WORDS.has(word) && next?.text === '(') {
      // A nested grouping's label list: no selectors in it.
      while (i < arg.length && arg[i].text !== ')') i++;
    } else if (t.text === '{' || (t.kind === 'ident' && next?.text !== '(' && !NOT_SELECTOR_WORDS.has(word) && !AGGREGATION_NAMES.has(word))) {
      const brace = t.text === '{' ? i : next?.text === '{' ? i + 1 : -1;
      let end = brace;
      while (brace >= 0 && end < arg.length && arg[end].text !== '}') end++;
      selectors.push({ metric: t.kind === 'ident' ? t.text : undefined, matchers: brace >= 0 ? matchersIn(arg.slice(brace + 1, end)) : [] });
      if (brace >= 0) i = end;
    } else if (t.text === '[') {
      while (i < arg.length && arg[i].text !== ']') i++; // a range or a subquery's range and step
    }
  }
  return selectors.length === 1 ? selectors[0] : undefined;
}

/** Unclosed brackets, innermost last. */
export function openBrackets(tokens: readonly Token[]): Token[] {
  const stack: Token[] = [];
  const closes: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const t of tokens) {
    if (t.kind !== 'punct') continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') stack.push(t);
    else if (closes[t.text] && stack[stack.length - 1]?.text === closes[t.text]) stack.pop();
  }
  return stack;
}

function tokenBeforeMatchingOpen(tokens: readonly Token[], closeIndex: number): Token | undefined {
  let depth = 0;
  for (let i = closeIndex; i >= 0; i--) {
    if (tokens[i].text === ')') depth++;
    else if (tokens[i].text === '(' && --depth === 0) return tokens[i - 1];
  }
  return undefined;
}

function isSubqueryClose(tokens: readonly Token[]): boolean {
  for (let i = tokens.length - 2; i >= 0 && tokens[i].text !== '['; i--) if (tokens[i].text === ':') return true;
  return false;
}

function isUnclosedString(t: Token): boolean {
  const q = t.text[0];
  return t.text.length === 1 || !t.text.endsWith(q) || (q !== '`' && /(^|[^\\])(\\\\)*\\$/.test(t.text.slice(0, -1)));
}

function stringContentEnd(text: string, offset: number, quote: string): number {
  for (let j = offset; j < text.length; j++) {
    if (text[j] === quote || text[j] === '\n') return j;
    if (text[j] === '\\') j++;
  }
  return text.length;
}

function wordEnd(text: string, offset: number): number {
  let j = offset;
  while (j < text.length && /[a-zA-Z0-9_:]/.test(text[j])) j++;
  return j;
}
