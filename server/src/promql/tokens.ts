// PromQL token types, one per Go ItemType of promql/parser/lex.go, declared once with Chevrotain's
// createToken. The lexer (lexer.ts) emits instances of these; the parser (grammar.ts) reads them.
// `kind` mirrors Go's ItemType ranges (operator, aggregator, keyword...), which decide how an item is
// described in "unexpected ..." messages (Item.desc in lex.go).
import type { TokenType } from 'chevrotain';
import { createToken, Lexer } from './chevrotainRuntime';

export type TokenKind =
  | 'punct' // in Go's ItemTypeStr but not an operator/keyword/aggregator: ( ) { } [ ] , = :
  | 'operator'
  | 'aggregator'
  | 'keyword'
  | 'preprocessor' // start end step range min_of max_of: in ItemTypeStr, described as "%q"
  | 'identifier'
  | 'metricIdentifier'
  | 'string'
  | 'number'
  | 'duration'
  | 'comment'
  | 'eof'
  | 'error';

export interface PromTokenType extends TokenType {
  kind: TokenKind;
}

function tok(name: string, kind: TokenKind): PromTokenType {
  const t = createToken({ name, pattern: Lexer.NA }) as PromTokenType;
  t.kind = kind;
  return t;
}

export const T = {
  EOF: tok('EOF', 'eof'),
  ERROR: tok('ERROR', 'error'),
  COMMENT: tok('COMMENT', 'comment'),
  IDENTIFIER: tok('IDENTIFIER', 'identifier'),
  METRIC_IDENTIFIER: tok('METRIC_IDENTIFIER', 'metricIdentifier'),
  STRING: tok('STRING', 'string'),
  NUMBER: tok('NUMBER', 'number'),
  DURATION: tok('DURATION', 'duration'),

  LEFT_PAREN: tok('LEFT_PAREN', 'punct'),
  RIGHT_PAREN: tok('RIGHT_PAREN', 'punct'),
  LEFT_BRACE: tok('LEFT_BRACE', 'punct'),
  RIGHT_BRACE: tok('RIGHT_BRACE', 'punct'),
  LEFT_BRACKET: tok('LEFT_BRACKET', 'punct'),
  RIGHT_BRACKET: tok('RIGHT_BRACKET', 'punct'),
  COMMA: tok('COMMA', 'punct'),
  EQL: tok('EQL', 'punct'),
  COLON: tok('COLON', 'punct'),

  // Operators.
  ADD: tok('ADD', 'operator'),
  SUB: tok('SUB', 'operator'),
  MUL: tok('MUL', 'operator'),
  DIV: tok('DIV', 'operator'),
  MOD: tok('MOD', 'operator'),
  POW: tok('POW', 'operator'),
  EQLC: tok('EQLC', 'operator'),
  NEQ: tok('NEQ', 'operator'),
  LTE: tok('LTE', 'operator'),
  LSS: tok('LSS', 'operator'),
  GTE: tok('GTE', 'operator'),
  GTR: tok('GTR', 'operator'),
  TRIM_UPPER: tok('TRIM_UPPER', 'operator'),
  TRIM_LOWER: tok('TRIM_LOWER', 'operator'),
  EQL_REGEX: tok('EQL_REGEX', 'operator'),
  NEQ_REGEX: tok('NEQ_REGEX', 'operator'),
  AT: tok('AT', 'operator'),
  LAND: tok('LAND', 'operator'),
  LOR: tok('LOR', 'operator'),
  LUNLESS: tok('LUNLESS', 'operator'),
  ATAN2: tok('ATAN2', 'operator'),

  // Aggregators.
  SUM: tok('SUM', 'aggregator'),
  AVG: tok('AVG', 'aggregator'),
  COUNT: tok('COUNT', 'aggregator'),
  MIN: tok('MIN', 'aggregator'),
  MAX: tok('MAX', 'aggregator'),
  GROUP: tok('GROUP', 'aggregator'),
  STDDEV: tok('STDDEV', 'aggregator'),
  STDVAR: tok('STDVAR', 'aggregator'),
  TOPK: tok('TOPK', 'aggregator'),
  BOTTOMK: tok('BOTTOMK', 'aggregator'),
  COUNT_VALUES: tok('COUNT_VALUES', 'aggregator'),
  QUANTILE: tok('QUANTILE', 'aggregator'),
  LIMITK: tok('LIMITK', 'aggregator'),
  LIMIT_RATIO: tok('LIMIT_RATIO', 'aggregator'),

  // Keywords.
  OFFSET: tok('OFFSET', 'keyword'),
  SMOOTHED: tok('SMOOTHED', 'keyword'),
  ANCHORED: tok('ANCHORED', 'keyword'),
  BY: tok('BY', 'keyword'),
  WITHOUT: tok('WITHOUT', 'keyword'),
  ON: tok('ON', 'keyword'),
  IGNORING: tok('IGNORING', 'keyword'),
  GROUP_LEFT: tok('GROUP_LEFT', 'keyword'),
  GROUP_RIGHT: tok('GROUP_RIGHT', 'keyword'),
  FILL: tok('FILL', 'keyword'),
  FILL_LEFT: tok('FILL_LEFT', 'keyword'),
  FILL_RIGHT: tok('FILL_RIGHT', 'keyword'),
  BOOL: tok('BOOL', 'keyword'),

  // Preprocessors.
  START: tok('START', 'preprocessor'),
  END: tok('END', 'preprocessor'),
  STEP: tok('STEP', 'preprocessor'),
  RANGE: tok('RANGE', 'preprocessor'),
  MIN_OF: tok('MIN_OF', 'preprocessor'),
  MAX_OF: tok('MAX_OF', 'preprocessor'),
} as const;

export type TokenName = keyof typeof T;

/** Go's `key` map: words (lower-cased) that lex as keywords; inf/nan lex as numbers. */
export const KEYWORDS: ReadonlyMap<string, PromTokenType> = new Map<string, PromTokenType>([
  ['and', T.LAND], ['or', T.LOR], ['unless', T.LUNLESS], ['atan2', T.ATAN2],
  ['sum', T.SUM], ['avg', T.AVG], ['count', T.COUNT], ['min', T.MIN], ['max', T.MAX],
  ['group', T.GROUP], ['stddev', T.STDDEV], ['stdvar', T.STDVAR], ['topk', T.TOPK],
  ['bottomk', T.BOTTOMK], ['count_values', T.COUNT_VALUES], ['quantile', T.QUANTILE],
  ['limitk', T.LIMITK], ['limit_ratio', T.LIMIT_RATIO],
  ['offset', T.OFFSET], ['smoothed', T.SMOOTHED], ['anchored', T.ANCHORED], ['by', T.BY],
  ['without', T.WITHOUT], ['on', T.ON], ['ignoring', T.IGNORING], ['group_left', T.GROUP_LEFT],
  ['group_right', T.GROUP_RIGHT], ['fill', T.FILL], ['fill_left', T.FILL_LEFT],
  ['fill_right', T.FILL_RIGHT], ['bool', T.BOOL],
  ['start', T.START], ['end', T.END], ['step', T.STEP], ['range', T.RANGE],
  ['min_of', T.MIN_OF], ['max_of', T.MAX_OF],
  ['inf', T.NUMBER], ['nan', T.NUMBER],
]);

/** All token types, for a Chevrotain vocabulary. */
export const ALL_TOKEN_TYPES: PromTokenType[] = Object.values(T);
