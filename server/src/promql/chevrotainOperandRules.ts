// Operands of the Chevrotain PromQL grammar (chevrotainGrammar.ts): literals, parentheses, calls,
// aggregations and selectors, with the checks Go makes in their grammar actions (unknown or
// disabled functions, aggregation argument counts).
import type { ParserMethod, TokenType } from 'chevrotain';
import { DurationRules } from './chevrotainDurationRules';
import { getFunction } from './functions';
import { T, type PromTokenType } from './tokens';

const AGGREGATORS: PromTokenType[] = [
  T.SUM, T.AVG, T.COUNT, T.MIN, T.MAX, T.GROUP, T.STDDEV, T.STDVAR, T.TOPK, T.BOTTOMK,
  T.COUNT_VALUES, T.QUANTILE, T.LIMITK, T.LIMIT_RATIO,
];
const AGGREGATORS_WITH_PARAM: ReadonlySet<TokenType> = new Set([T.TOPK, T.BOTTOMK, T.COUNT_VALUES, T.QUANTILE, T.LIMITK, T.LIMIT_RATIO]);
/** Go's metric_identifier: keywords that can name a metric. */
const KEYWORD_METRIC_NAMES: PromTokenType[] = [
  ...AGGREGATORS, T.BY, T.WITHOUT, T.LAND, T.LOR, T.LUNLESS, T.OFFSET, T.START, T.END, T.STEP, T.RANGE,
  T.ANCHORED, T.SMOOTHED,
];
/** Keywords that name functions when followed by "(". */
const KEYWORD_FUNCTIONS: PromTokenType[] = [T.START, T.END, T.STEP, T.RANGE, T.MIN_OF, T.MAX_OF];
/** Go's maybe_label: keywords usable as label names in by(...), on(...), group_left(...). */
const LABEL_KEYWORDS: PromTokenType[] = [
  ...AGGREGATORS, T.ANCHORED, T.LAND, T.ATAN2, T.BOOL, T.BY, T.END, T.FILL, T.FILL_LEFT, T.FILL_RIGHT,
  T.GROUP_LEFT, T.GROUP_RIGHT, T.IGNORING, T.MAX_OF, T.MIN_OF, T.OFFSET, T.ON, T.LOR, T.RANGE,
  T.SMOOTHED, T.START, T.STEP, T.LUNLESS,
];
const MATCH_OPS = [T.EQL, T.NEQ, T.EQL_REGEX, T.NEQ_REGEX];

/** What an operand is, as far as the postfix checks care (Go's addOffset, setTimestamp, ...). */
export interface Operand {
  kind: 'selector' | 'matrix' | 'subquery' | 'other';
  offset: boolean;
  at: boolean;
}
export const OTHER: Operand = { kind: 'other', offset: false, at: false };

export abstract class OperandRules extends DurationRules {
  /** The whole-expression rule, defined by the recognizer (parentheses and arguments recurse). */
  abstract expression: ParserMethod<[], void>;

  // ---------------------------------------------------------------------------------------------
  // Operands.

  primaryExpr = this.RULE('primaryExpr', (): Operand => {
    return this.OR([
      { ALT: (): Operand => this.SUBRULE(this.numberLiteral) },
      { ALT: (): Operand => (this.CONSUME(T.STRING), OTHER) },
      { ALT: (): Operand => (this.SUBRULE(this.parenExpr), OTHER) },
      // A name followed by "(" is a call, an aggregation; otherwise a metric name: these go first.
      { ALT: (): Operand => (this.SUBRULE(this.functionCall), OTHER) },
      { ALT: (): Operand => (this.SUBRULE(this.aggregation), OTHER) },
      { ALT: (): Operand => (this.SUBRULE(this.vectorSelector), { kind: 'selector', offset: false, at: false }) },
    ]);
  });

  numberLiteral = this.RULE('numberLiteral', (): Operand => {
    const t = this.OR([{ ALT: () => this.CONSUME(T.NUMBER) }, { ALT: () => this.CONSUME(T.DURATION) }]);
    this.ACTION(() => this.literalValue(t));
    return OTHER;
  });

  parenExpr = this.RULE('parenExpr', () => {
    this.CONSUME(T.LEFT_PAREN);
    this.SUBRULE(this.expression);
    this.CONSUME(T.RIGHT_PAREN);
  });

  functionCall = this.RULE('functionCall', () => {
    const name = this.OR([
      { ALT: () => this.CONSUME(T.IDENTIFIER) },
      ...KEYWORD_FUNCTIONS.map((t) => ({ ALT: () => this.CONSUME(t) })),
    ]);
    this.CONSUME(T.LEFT_PAREN);
    this.OPTION(() => this.SUBRULE(this.argumentList));
    this.CONSUME(T.RIGHT_PAREN);
    this.ACTION(() => {
      const f = getFunction(name.image);
      if (!f || (f.experimental && !this.opts.enableExperimentalFunctions)) this.fail(name);
    });
  });

  /** expr ("," expr)*: no trailing comma in calls (Go reports one). Returns the count. */
  argumentList = this.RULE('argumentList', (): number => {
    let n = 1;
    this.SUBRULE(this.expression);
    this.MANY(() => {
      this.CONSUME(T.COMMA);
      this.SUBRULE2(this.expression);
      n++;
    });
    return n;
  });

  /** aggregate_op [grouping] "(" args ")" [grouping] */
  aggregation = this.RULE('aggregation', () => {
    const op = this.OR(AGGREGATORS.map((t) => ({ ALT: () => this.CONSUME(t) })));
    let args = 0;
    this.OR2([
      {
        ALT: () => {
          this.SUBRULE(this.grouping);
          args = this.SUBRULE(this.aggregationArgs);
        },
      },
      {
        ALT: () => {
          args = this.SUBRULE2(this.aggregationArgs);
          this.OPTION(() => this.SUBRULE2(this.grouping));
        },
      },
    ]);
    this.ACTION(() => {
      const withParam = AGGREGATORS_WITH_PARAM.has(op.tokenType);
      const experimental = op.tokenType === T.LIMITK || op.tokenType === T.LIMIT_RATIO;
      if (args !== (withParam ? 2 : 1) || (experimental && !this.opts.enableExperimentalFunctions)) this.fail(op);
    });
  });

  /** "(" [expr ("," expr)*] ")": the count is checked by the aggregation. */
  aggregationArgs = this.RULE('aggregationArgs', (): number => {
    let n = 0;
    this.CONSUME(T.LEFT_PAREN);
    this.OPTION(() => (n = this.SUBRULE(this.argumentList)));
    this.CONSUME(T.RIGHT_PAREN);
    return n;
  });

  grouping = this.RULE('grouping', () => {
    this.OR([{ ALT: () => this.CONSUME(T.BY) }, { ALT: () => this.CONSUME(T.WITHOUT) }]);
    this.SUBRULE(this.groupingLabels);
  });

  /** "(" [label ("," label)* [","]] ")" */
  groupingLabels = this.RULE('groupingLabels', () => {
    this.CONSUME(T.LEFT_PAREN);
    this.OPTION(() => {
      this.SUBRULE(this.labelName);
      this.MANY(() => {
        this.CONSUME(T.COMMA);
        this.SUBRULE2(this.labelName);
      });
      this.OPTION2(() => this.CONSUME2(T.COMMA));
    });
    this.CONSUME(T.RIGHT_PAREN);
  });

  labelName = this.RULE('labelName', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.IDENTIFIER) },
      { ALT: () => this.CONSUME(T.METRIC_IDENTIFIER) },
      { ALT: () => this.CONSUME(T.STRING) },
      ...LABEL_KEYWORDS.map((t) => ({ ALT: () => this.CONSUME(t) })),
    ]);
  });

  /** metric_identifier [label_matchers] | label_matchers */
  vectorSelector = this.RULE('vectorSelector', () => {
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.metricName);
          this.OPTION(() => this.SUBRULE(this.labelMatchers));
        },
      },
      { ALT: () => this.SUBRULE2(this.labelMatchers) },
    ]);
  });

  metricName = this.RULE('metricName', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.IDENTIFIER) },
      { ALT: () => this.CONSUME(T.METRIC_IDENTIFIER) },
      ...KEYWORD_METRIC_NAMES.map((t) => ({ ALT: () => this.CONSUME(t) })),
    ]);
  });

  /** "{" [matcher ("," matcher)* [","]] "}" */
  labelMatchers = this.RULE('labelMatchers', () => {
    this.CONSUME(T.LEFT_BRACE);
    this.OPTION(() => {
      this.SUBRULE(this.labelMatcher);
      this.MANY(() => {
        this.CONSUME(T.COMMA);
        this.SUBRULE2(this.labelMatcher);
      });
      this.OPTION2(() => this.CONSUME2(T.COMMA));
    });
    this.CONSUME(T.RIGHT_BRACE);
  });

  /** name op "value" | "name" op "value" | "metric name" */
  labelMatcher = this.RULE('labelMatcher', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.IDENTIFIER);
          this.SUBRULE(this.matchOp);
          this.CONSUME(T.STRING);
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.STRING);
          this.OPTION(() => {
            this.SUBRULE2(this.matchOp);
            this.CONSUME3(T.STRING);
          });
        },
      },
    ]);
  });

  matchOp = this.RULE('matchOp', () => {
    this.OR(MATCH_OPS.map((t) => ({ ALT: () => this.CONSUME(t) })));
  });

}
