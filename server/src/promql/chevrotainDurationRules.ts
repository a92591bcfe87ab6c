// The duration part of the Chevrotain PromQL grammar (chevrotainGrammar.ts): what goes inside
// "[...]" and after offset, plus the literal checks Go makes in grammar actions. The base of the
// recognizer: it holds the options the gates read and the first failed check.
import type { IToken } from 'chevrotain';
import { EmbeddedActionsParser } from './chevrotainRuntime';
import { parseDuration } from './durations';
import { parseNumberLiteral } from './numbers';
import { ALL_TOKEN_TYPES, T } from './tokens';
import type { ParseOptions } from './types';

/** A duration term; a literal's value (seconds) decides "must be greater than 0", "division by zero". */
export interface DurationValue {
  literal: boolean;
  value: number;
}
const COMPUTED: DurationValue = { literal: false, value: NaN };

/** Go's durationLiteralOutOfRange: seconds that overflow time.Duration. */
function durationOutOfRange(seconds: number): boolean {
  return seconds > 9223372036.854775807 || seconds < -9223372036.854775808;
}

export abstract class DurationRules extends EmbeddedActionsParser {
  opts: ParseOptions = {};
  /** Offset of the first failed grammar-action check, if any. */
  checkError: number | undefined;

  constructor() {
    super(ALL_TOKEN_TYPES, { maxLookahead: 3, recoveryEnabled: false });
  }

  protected fail(t: IToken): void {
    if (this.checkError === undefined) this.checkError = t.startOffset;
  }

  signedNumber = this.RULE('signedNumber', (): number => {
    let sign = 1;
    this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(T.ADD) }, { ALT: () => ((sign = -1), this.CONSUME(T.SUB)) }]));
    const n = this.OR2([{ ALT: () => this.CONSUME(T.NUMBER) }, { ALT: () => this.CONSUME(T.DURATION) }]);
    return this.ACTION(() => sign * this.literalValue(n)) ?? 0;
  });

  /** A number's or duration's value in seconds; an unparsable literal fails the check. */
  protected literalValue(t: IToken): number {
    if (t.tokenType === T.DURATION) {
      const d = parseDuration(t.image);
      if (d.error !== undefined) this.fail(t);
      return (d.ms ?? 0) / 1000;
    }
    const n = parseNumberLiteral(t.image);
    if (n.error !== undefined) this.fail(t);
    return n.value;
  }

  // ---------------------------------------------------------------------------------------------
  // Durations: in "[...]" and after offset. Arithmetic, parentheses, step(), range(), min_of and
  // max_of are experimental (ParseOptions.experimentalDurationExpr); their rules say so by name.

  durationExpr = this.RULE('durationExpr', (): DurationValue => {
    let v: DurationValue = this.SUBRULE(this.durationMultiplicative);
    this.MANY({
      GATE: () => this.opts.experimentalDurationExpr === true,
      DEF: () => {
        this.SUBRULE(this.durationAdditiveOp);
        this.SUBRULE2(this.durationMultiplicative);
        v = COMPUTED;
      },
    });
    return v;
  });

  durationMultiplicative = this.RULE('durationMultiplicative', (): DurationValue => {
    let v: DurationValue = this.SUBRULE(this.durationUnary);
    this.MANY({
      GATE: () => this.opts.experimentalDurationExpr === true,
      DEF: () => {
        const op = this.SUBRULE(this.durationMultiplicativeOp);
        const rhs = this.SUBRULE2(this.durationUnary);
        this.ACTION(() => {
          if (op.tokenType !== T.MUL && rhs.literal && rhs.value === 0) this.fail(op);
        });
        v = COMPUTED;
      },
    });
    return v;
  });

  durationUnary = this.RULE('durationUnary', (): DurationValue => {
    return this.OR([
      {
        ALT: (): DurationValue => {
          const sign = this.OR2([{ ALT: () => this.CONSUME(T.ADD) }, { ALT: () => this.CONSUME(T.SUB) }]);
          const v = this.SUBRULE(this.durationUnary);
          return sign.tokenType === T.SUB && v.literal ? { literal: true, value: -v.value } : v;
        },
      },
      { ALT: (): DurationValue => this.SUBRULE(this.durationPower) },
    ]);
  });

  durationPower = this.RULE('durationPower', (): DurationValue => {
    let v: DurationValue = this.SUBRULE(this.durationTerm);
    this.OPTION({
      GATE: () => this.opts.experimentalDurationExpr === true,
      DEF: () => {
        this.SUBRULE(this.durationPowerOp);
        this.SUBRULE(this.durationUnary);
        v = COMPUTED;
      },
    });
    return v;
  });

  durationAdditiveOp = this.RULE('durationAdditiveOp', () => {
    this.OR([{ ALT: () => this.CONSUME(T.ADD) }, { ALT: () => this.CONSUME(T.SUB) }]);
  });

  durationMultiplicativeOp = this.RULE('durationMultiplicativeOp', (): IToken => {
    return this.OR([{ ALT: () => this.CONSUME(T.MUL) }, { ALT: () => this.CONSUME(T.DIV) }, { ALT: () => this.CONSUME(T.MOD) }]);
  });

  durationPowerOp = this.RULE('durationPowerOp', () => {
    this.CONSUME(T.POW);
  });

  /** A literal, or (experimental) step(), range(), min_of/max_of(a, b), "(" duration ")". */
  durationTerm = this.RULE('durationTerm', (): DurationValue => {
    return this.OR([
      { ALT: (): DurationValue => this.SUBRULE(this.durationLiteral) },
      {
        GATE: () => this.opts.experimentalDurationExpr === true,
        ALT: (): DurationValue => (this.SUBRULE(this.experimentalDurationTerm), COMPUTED),
      },
    ]);
  });

  durationLiteral = this.RULE('durationLiteral', (): DurationValue => {
    const t = this.OR([{ ALT: () => this.CONSUME(T.NUMBER) }, { ALT: () => this.CONSUME(T.DURATION) }]);
    let value = 0;
    this.ACTION(() => {
      value = this.literalValue(t);
      if (durationOutOfRange(value)) this.fail(t);
    });
    return { literal: true, value };
  });

  experimentalDurationTerm = this.RULE('experimentalDurationTerm', () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(T.STEP) }, { ALT: () => this.CONSUME(T.RANGE) }]);
          this.CONSUME(T.LEFT_PAREN);
          this.CONSUME(T.RIGHT_PAREN);
        },
      },
      {
        ALT: () => {
          this.OR3([{ ALT: () => this.CONSUME(T.MIN_OF) }, { ALT: () => this.CONSUME(T.MAX_OF) }]);
          this.CONSUME2(T.LEFT_PAREN);
          this.SUBRULE(this.durationExpr);
          this.CONSUME(T.COMMA);
          this.SUBRULE2(this.durationExpr);
          this.CONSUME2(T.RIGHT_PAREN);
        },
      },
      {
        ALT: () => {
          this.CONSUME3(T.LEFT_PAREN);
          this.SUBRULE3(this.durationExpr);
          this.CONSUME3(T.RIGHT_PAREN);
        },
      },
    ]);
  });

  /** After offset: signs and one term; `foo offset 5m + 1m` is (foo offset 5m) + 1m. */
  offsetDuration = this.RULE('offsetDuration', () => {
    this.MANY(() => this.OR([{ ALT: () => this.CONSUME(T.ADD) }, { ALT: () => this.CONSUME(T.SUB) }]));
    this.SUBRULE(this.durationTerm);
  });
}
