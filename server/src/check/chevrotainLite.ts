// What the CLI bundle loads instead of server/src/promql/chevrotainRuntime.ts (scripts/build.mjs
// swaps the module for the cli entry only). The CLI's PromQL path (the hand-written lexer and
// parser) needs from Chevrotain only `createToken` for the token types of tokens.ts and
// `Lexer.NA`; the Chevrotain grammar (completion) is not part of the CLI. Loading Chevrotain and
// its lodash-es costs each CLI process about 400 KB of bundle to compile and 20 ms of module
// initialisation for these two. Token types get the same fields Chevrotain's createToken gives
// a token without categories (see chevrotainLite.test.ts).
import type * as Chevrotain from 'chevrotain';

/** Chevrotain starts its index at 1 and takes one for its own EOF token type. */
let nextTokenTypeIdx = 2;

interface LiteTokenType {
  name: string;
  PATTERN?: unknown;
  tokenTypeIdx: number;
  CATEGORIES: unknown[];
  categoryMatches: number[];
  categoryMatchesMap: Record<number, boolean>;
  isParent: boolean;
}

export const createToken = ((config: { name: string; pattern?: unknown }): LiteTokenType => {
  const t = { name: config.name } as LiteTokenType;
  if (config.pattern !== undefined) t.PATTERN = config.pattern;
  t.tokenTypeIdx = nextTokenTypeIdx++;
  t.CATEGORIES = [];
  t.categoryMatches = [];
  t.categoryMatchesMap = {};
  t.isParent = false;
  return t;
}) as unknown as typeof Chevrotain.createToken;

export const Lexer = { NA: /NOT_APPLICABLE/ } as unknown as typeof Chevrotain.Lexer;

function unavailable(): never {
  throw new Error('the Chevrotain grammar is not part of the CLI bundle');
}
export const createTokenInstance = unavailable as unknown as typeof Chevrotain.createTokenInstance;
export const EmbeddedActionsParser = unavailable as unknown as typeof Chevrotain.EmbeddedActionsParser;
export const EOF = { name: 'EOF', tokenTypeIdx: 1, CATEGORIES: [], categoryMatches: [], categoryMatchesMap: {}, isParent: false } as unknown as typeof Chevrotain.EOF;
