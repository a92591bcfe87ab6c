// PromQL as a Chevrotain grammar: a recognizer over the token types of tokens.ts and the token
// stream of lexer.ts, one rule per construct, precedence levels in the rule names (lowest first).
// It exists for what a declarative grammar does well: saying whether a text is PromQL, and which
// tokens may come next at a cursor (Chevrotain's computeContentAssist walks these rules). The
// hand-written parser (grammar.ts) stays the source of trees and of Prometheus' exact messages.
//
//   expression         := orExpr
//   orExpr             := andUnlessExpr (or binModifiers andUnlessExpr)*
//   andUnlessExpr      := comparisonExpr ((and | unless) binModifiers comparisonExpr)*
//   comparisonExpr     := additiveExpr ((== | != | <= | < | >= | > | </ | >/) binModifiers additiveExpr)*
//   additiveExpr       := multiplicativeExpr ((+ | -) binModifiers multiplicativeExpr)*
//   multiplicativeExpr := unaryExpr ((* | / | % | atan2) binModifiers unaryExpr)*
//   unaryExpr          := (+ | -) unaryExpr | powerExpr           (a sign binds like *, as Go's %prec MUL)
//   powerExpr          := postfixExpr (^ binModifiers unaryExpr)?  (right-associative)
//   postfixExpr        := primaryExpr (rangeSuffix | offsetModifier | atModifier | anchored | smoothed)*
//   primaryExpr        := NUMBER | DURATION | STRING | parenExpr | functionCall | aggregation | vectorSelector
//
// Besides the context-free syntax, the checks Go's parser makes in grammar actions (so they are
// parse errors, not type errors) run as embedded actions: unknown or disabled functions, argument
// counts of aggregations, ranges/offsets/@ on the wrong operand, literal durations <= 0.
// The rules live in three layers: chevrotainDurationRules.ts (durations, literals),
// chevrotainOperandRules.ts (operands) and this file (operators and postfix modifiers).
import type { IRecognitionException, TokenType } from 'chevrotain';
import type { DurationValue } from './chevrotainDurationRules';
import { OperandRules, type Operand } from './chevrotainOperandRules';
import { EOF } from './chevrotainRuntime';
import { lexPromQL, type PromToken } from './lexer';
import { T } from './tokens';
import type { ParseOptions } from './types';

const COMPARISON_OPS = [T.EQLC, T.NEQ, T.LTE, T.LSS, T.GTE, T.GTR, T.TRIM_UPPER, T.TRIM_LOWER];
const MULTIPLICATIVE_OPS = [T.MUL, T.DIV, T.MOD, T.ATAN2];

class PromQLRecognizer extends OperandRules {
  constructor() {
    super();
    this.performSelfAnalysis(); // after every rule field of the class chain is defined
  }

  // ---------------------------------------------------------------------------------------------
  // Binary operators, one rule per precedence level.

  expression = this.RULE('expression', () => {
    this.SUBRULE(this.orExpr);
  });

  orExpr = this.RULE('orExpr', () => {
    this.SUBRULE(this.andUnlessExpr);
    this.MANY(() => {
      this.CONSUME(T.LOR);
      this.SUBRULE(this.binModifiers);
      this.SUBRULE2(this.andUnlessExpr);
    });
  });

  andUnlessExpr = this.RULE('andUnlessExpr', () => {
    this.SUBRULE(this.comparisonExpr);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.LAND) }, { ALT: () => this.CONSUME(T.LUNLESS) }]);
      this.SUBRULE(this.binModifiers);
      this.SUBRULE2(this.comparisonExpr);
    });
  });

  comparisonExpr = this.RULE('comparisonExpr', () => {
    this.SUBRULE(this.additiveExpr);
    this.MANY(() => {
      this.OR(COMPARISON_OPS.map((t) => ({ ALT: () => this.CONSUME(t) })));
      this.SUBRULE(this.binModifiers);
      this.SUBRULE2(this.additiveExpr);
    });
  });

  additiveExpr = this.RULE('additiveExpr', () => {
    this.SUBRULE(this.multiplicativeExpr);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.ADD) }, { ALT: () => this.CONSUME(T.SUB) }]);
      this.SUBRULE(this.binModifiers);
      this.SUBRULE2(this.multiplicativeExpr);
    });
  });

  multiplicativeExpr = this.RULE('multiplicativeExpr', () => {
    this.SUBRULE(this.unaryExpr);
    this.MANY(() => {
      this.OR(MULTIPLICATIVE_OPS.map((t) => ({ ALT: () => this.CONSUME(t) })));
      this.SUBRULE(this.binModifiers);
      this.SUBRULE2(this.unaryExpr);
    });
  });

  unaryExpr = this.RULE('unaryExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(T.ADD) }, { ALT: () => this.CONSUME(T.SUB) }]);
          this.SUBRULE(this.unaryExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.powerExpr) },
    ]);
  });

  powerExpr = this.RULE('powerExpr', () => {
    this.SUBRULE(this.postfixExpr);
    this.OPTION(() => {
      this.CONSUME(T.POW);
      this.SUBRULE(this.binModifiers);
      this.SUBRULE(this.unaryExpr);
    });
  });

  /** bool? (on|ignoring (labels) (group_left|group_right (labels)?)?)? fill*; checks are checker.ts's. */
  binModifiers = this.RULE('binModifiers', () => {
    this.OPTION(() => this.CONSUME(T.BOOL));
    this.OPTION2(() => this.SUBRULE(this.vectorMatching));
    this.MANY({
      GATE: () => this.opts.enableBinopFillModifiers === true,
      DEF: () => this.SUBRULE(this.fillModifier),
    });
  });

  vectorMatching = this.RULE('vectorMatching', () => {
    this.OR([{ ALT: () => this.CONSUME(T.ON) }, { ALT: () => this.CONSUME(T.IGNORING) }]);
    this.SUBRULE(this.groupingLabels);
    this.OPTION(() => {
      this.OR2([{ ALT: () => this.CONSUME(T.GROUP_LEFT) }, { ALT: () => this.CONSUME(T.GROUP_RIGHT) }]);
      // Greedy like yacc's shift: `group_left (x)` reads (x) as labels.
      this.OPTION2(() => this.SUBRULE2(this.groupingLabels));
    });
  });

  fillModifier = this.RULE('fillModifier', () => {
    this.OR([{ ALT: () => this.CONSUME(T.FILL) }, { ALT: () => this.CONSUME(T.FILL_LEFT) }, { ALT: () => this.CONSUME(T.FILL_RIGHT) }]);
    this.CONSUME(T.LEFT_PAREN);
    this.SUBRULE(this.signedNumber);
    this.CONSUME(T.RIGHT_PAREN);
  });

  // ---------------------------------------------------------------------------------------------
  // Postfix modifiers, which bind tightest.

  postfixExpr = this.RULE('postfixExpr', () => {
    let operand: Operand = this.SUBRULE(this.primaryExpr);
    this.MANY(() => {
      const t = this.LA(1);
      this.OR([
        { ALT: () => (operand = this.SUBRULE(this.rangeSuffix, { ARGS: [operand] })) },
        { ALT: () => this.SUBRULE(this.offsetModifier) },
        { ALT: () => this.SUBRULE(this.atModifier) },
        { GATE: () => this.opts.enableExtendedRangeSelectors === true, ALT: () => this.CONSUME(T.ANCHORED) },
        { GATE: () => this.opts.enableExtendedRangeSelectors === true, ALT: () => this.CONSUME(T.SMOOTHED) },
      ]);
      this.ACTION(() => {
        const type = t.tokenType;
        if (type === T.LEFT_BRACKET) return;
        // offset, @, anchored and smoothed need a selector, a range selector or (not the last two) a subquery.
        if (operand.kind === 'other') this.fail(t);
        if ((type === T.ANCHORED || type === T.SMOOTHED) && operand.kind === 'subquery') this.fail(t);
        if (type === T.OFFSET) {
          if (operand.offset) this.fail(t);
          operand = { ...operand, offset: true };
        }
        if (type === T.AT) {
          if (operand.at) this.fail(t);
          operand = { ...operand, at: true };
        }
      });
    });
  });

  /** "[" range "]" (a range selector) or "[" range ":" [step] "]" (a subquery). */
  rangeSuffix = this.RULE('rangeSuffix', (operand: Operand): Operand => {
    const open = this.CONSUME(T.LEFT_BRACKET);
    const rangeDuration = this.SUBRULE(this.durationExpr);
    let step: DurationValue | undefined;
    const subquery = this.OR([
      { ALT: () => (this.CONSUME(T.RIGHT_BRACKET), false) },
      {
        ALT: () => {
          this.CONSUME(T.COLON);
          this.OPTION(() => (step = this.SUBRULE2(this.durationExpr)));
          this.CONSUME2(T.RIGHT_BRACKET);
          return true;
        },
      },
    ]);
    this.ACTION(() => {
      if (rangeDuration.literal && !(rangeDuration.value > 0)) this.fail(open);
      if (step && step.literal && !(step.value > 0)) this.fail(open);
      // Only a plain selector, without offset or @ yet, takes a range.
      if (!subquery && (operand.kind !== 'selector' || operand.offset || operand.at)) this.fail(open);
    });
    return subquery ? { kind: 'subquery', offset: false, at: false } : { ...operand, kind: 'matrix' };
  });

  offsetModifier = this.RULE('offsetModifier', () => {
    this.CONSUME(T.OFFSET);
    this.SUBRULE(this.offsetDuration);
  });

  /** "@" timestamp | "@" start() | "@" end() */
  atModifier = this.RULE('atModifier', () => {
    const at = this.CONSUME(T.AT);
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(T.START) }, { ALT: () => this.CONSUME(T.END) }]);
          this.CONSUME(T.LEFT_PAREN);
          this.CONSUME(T.RIGHT_PAREN);
        },
      },
      {
        ALT: () => {
          const ts = this.SUBRULE(this.signedNumber);
          this.ACTION(() => {
            if (!Number.isFinite(ts) || ts >= 9223372036854775807 || ts <= -9223372036854775808) this.fail(at);
          });
        },
      },
    ]);
  });
}

/** Built once: performSelfAnalysis is the costly part. */
let recognizer: PromQLRecognizer | undefined;
function getRecognizer(): PromQLRecognizer {
  recognizer ??= new PromQLRecognizer();
  return recognizer;
}

/** The lexer's tokens up to (excluding) EOF or a lexer ERROR; the ERROR's offset if there was one. */
function tokensOf(text: string): { tokens: PromToken[]; lexError?: number } {
  const all = lexPromQL(text, true);
  const tokens: PromToken[] = [];
  for (const t of all) {
    if (t.tokenType === T.ERROR) return { tokens, lexError: t.startOffset };
    if (t.tokenType === T.EOF) break;
    tokens.push(t);
  }
  return { tokens };
}

export interface Recognition {
  ok: boolean;
  /** Where the input stopped being PromQL (the offending token's start). */
  errorOffset?: number;
}

/** Whether `text` is one syntactically valid PromQL expression under `opts` (types unchecked). */
export function recognizePromQL(text: string, opts: ParseOptions = {}): Recognition {
  const { tokens, lexError } = tokensOf(text);
  if (tokens.length === 0) return { ok: false, errorOffset: lexError ?? text.length };
  const p = getRecognizer();
  p.opts = opts;
  p.checkError = undefined;
  p.input = tokens;
  let first: IRecognitionException | undefined;
  try {
    p.expression();
    first = p.errors[0];
  } catch (e) {
    // Chevrotain recurses per nesting level; absurd nesting depth is reported, not thrown.
    if (e instanceof RangeError) return { ok: false, errorOffset: 0 };
    throw e;
  } finally {
    p.input = []; // the parser is shared: hold no tokens between calls
  }
  const offsets: number[] = [];
  if (first) offsets.push(first.token.tokenType === EOF ? text.length : first.token.startOffset);
  if (lexError !== undefined) offsets.push(lexError);
  if (p.checkError !== undefined) offsets.push(p.checkError);
  if (offsets.length === 0) return { ok: true };
  return { ok: false, errorOffset: Math.min(...offsets) };
}

/** Rules only reachable with experimentalDurationExpr (content assist ignores gates). */
const EXPERIMENTAL_DURATION_RULES = new Set(['durationAdditiveOp', 'durationMultiplicativeOp', 'durationPowerOp', 'experimentalDurationTerm']);

/** Whether a content-assist path is open under `opts` (the gates computeContentAssist skips). */
function pathEnabled(ruleStack: readonly string[], next: TokenType, opts: ParseOptions): boolean {
  const rule = ruleStack[ruleStack.length - 1];
  if (!opts.experimentalDurationExpr && EXPERIMENTAL_DURATION_RULES.has(rule)) return false;
  if (!opts.enableBinopFillModifiers && rule === 'fillModifier') return false;
  if (!opts.enableExtendedRangeSelectors && (next === T.ANCHORED || next === T.SMOOTHED) && rule === 'postfixExpr') return false;
  return true;
}

/**
 * The names of the token types (tokens.ts) that may follow the tokens lying before `offset`, by
 * Chevrotain's computeContentAssist over this grammar. A word the cursor is inside counts as
 * typed: pass the word's start to ask what may stand there. Keywords that can also be metric names
 * (sum, by, and, ...) are read both ways, so after `sum` both "(" and binary operators come back.
 */
export function expectedAt(text: string, offset: number, opts: ParseOptions = {}): string[] {
  const { tokens } = tokensOf(text.slice(0, offset));
  const paths = getRecognizer().computeContentAssist('expression', tokens);
  const names = new Set<string>();
  for (const p of paths) {
    if (pathEnabled(p.ruleStack, p.nextTokenType, opts)) names.add(p.nextTokenType.name);
  }
  return [...names].sort();
}
