// Token access, error bookkeeping and the duration part of the PromQL grammar: what goes inside
// "[...]" and after "offset" (generated_parser.y's duration_expr, offset_duration_expr and
// positive_duration_expr). Experimental duration expressions (5m+1m, step(), range(), min_of,
// max_of, parentheses) report "experimental duration expression is not enabled" unless enabled.
import { compileGoRegexp } from './goRegexp';
import { surelyValidRe2 } from './re2Simple';
import type { DurationExpr, DurationOp, Expr, NumberLiteral, PosRange } from './ast';
import { parseDuration } from './durations';
import type { PromToken, TokenStream } from './lexer';
import { describeToken, goQuote, range } from './tokenText';
import { parseNumberLiteral } from './numbers';
import { unquoteString } from './strings';
import { T, type PromTokenType } from './tokens';
import type { ParseOptions, PromQLError } from './types';

const DURATION_PRECEDENCE: ReadonlyMap<PromTokenType, number> = new Map<PromTokenType, number>([
  [T.ADD, 4], [T.SUB, 4], [T.MUL, 5], [T.DIV, 5], [T.MOD, 5], [T.POW, 6],
]);

/** Go's durationLiteralOutOfRange: seconds that overflow time.Duration. */
function durationLiteralOutOfRange(seconds: number): boolean {
  return seconds > 9223372036.854775807 || seconds < -9223372036.854775808;
}

interface DurationOperator {
  prec: number;
  token: PromToken;
  unary: boolean;
}

/** An open "(" or min_of(/max_of( inside a duration expression, or the whole expression. */
interface DurationFrame {
  open: PromToken | null;
  operands: Expr[];
  operators: DurationOperator[];
  args: Expr[];
}

/** Regex validation results by pattern ('' when valid): compiling is the costliest check. */
const regexErrors = new Map<string, string>();

export abstract class DurationParser {
  /** Index of the lookahead token. */
  protected i = 0;
  /** End of the last ")", "]", "}", number or duration read (Go's parser.lastClosing). */
  protected lastClosing = 0;
  private lexErrorReported = false;
  private durationContext = { context: '', expected: '' };

  constructor(
    protected readonly input: string,
    protected readonly tokens: TokenStream,
    protected readonly opts: ParseOptions,
    protected readonly errors: PromQLError[],
  ) {}

  /** Go's parser.unexpected (never returns). */
  protected abstract unexpected(context: string, expected: string): never;

  /**
   * The k-th token ahead. A lexer ERROR reads as end of input (Go's Lex returns EOF for it) and is
   * reported the first time the parser reaches it, spanning to the end of the input like Go's.
   */
  protected la(k = 0): PromToken {
    if (k === 0 && (this.i & 4095) === 0) this.tokens.release(this.i);
    let t = this.tokens.at(this.i + k);
    if (t.tokenType === T.ERROR) {
      if (k === 0 && !this.lexErrorReported) {
        this.lexErrorReported = true;
        this.addError(t.image, { start: t.startOffset, end: this.input.length });
      }
      t = this.tokens.end();
    }
    return t;
  }

  protected lexErrorPending(): boolean {
    return this.tokens.at(this.i).tokenType === T.ERROR;
  }

  protected addError(message: string, range: PosRange): void {
    this.errors.push({ message, range: { start: range.start, end: range.end } });
  }

  protected unquote(t: PromToken): string {
    const s = unquoteString(t.image);
    if (s === null) {
      this.addError(`error unquoting string ${goQuote(t.image)}: invalid syntax`, rangeOf(t));
      return '';
    }
    return s;
  }

  protected parseNumber(t: PromToken): number {
    const r = parseNumberLiteral(t.image);
    if (r.error !== undefined) this.addError(`error parsing number: ${r.error}`, rangeOf(t));
    return r.value;
  }

  protected durationSeconds(t: PromToken): number {
    const r = parseDuration(t.image);
    if (r.error !== undefined) {
      this.addError(r.error, rangeOf(t));
      return 0;
    }
    return r.ms / 1000;
  }

  /** labels.NewMatcher compiles regex matchers; an invalid one is a parse error. */
  protected checkRegex(value: string, range: PosRange): void {
    let error = regexErrors.get(value);
    if (error === undefined && surelyValidRe2(value)) error = '';
    if (error === undefined) {
      error = '';
      try {
        compileGoRegexp(`^(?s:${value})$`);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      if (regexErrors.size >= 1000) regexErrors.clear();
      regexErrors.set(value, error);
    }
    if (error) this.addError(error, range);
  }

  /** The message of Go's unexpected(), without giving up. */
  protected reportUnexpected(context: string, expected: string): void {
    if (this.lexErrorPending()) return;
    const t = this.la();
    let msg = 'unexpected ' + describeToken(t);
    if (context) msg += ' in ' + context;
    if (expected) msg += ', expected ' + expected;
    this.addError(msg, range(t));
  }

  /** Yacc-style recovery inside a list: skip to the next "," or the closing token. */
  protected skipTo(close: PromTokenType): void {
    for (;;) {
      const type = this.la().tokenType;
      if (type === T.COMMA || type === close || type === T.EOF) return;
      this.i++;
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** duration_expr inside brackets; syntax errors inside name the bracket's context. */
  protected parseDurationExpr(context: string, expected: string): Expr {
    const saved = this.durationContext;
    this.durationContext = { context, expected };
    const e = this.durationMachine(true);
    this.durationContext = saved;
    return e;
  }

  /**
   * offset_duration_expr: signs and one term (a literal, step(), range(), min_of/max_of(...) or a
   * parenthesised duration expression); `foo offset 5m + 1m` is (foo offset 5m) + 1m.
   */
  protected parseOffsetDuration(): Expr {
    const saved = this.durationContext;
    this.durationContext = { context: 'offset', expected: 'number, duration, step(), or range()' };
    const e = this.durationMachine(false);
    this.durationContext = saved;
    return e;
  }

  /** positive_duration_expr: literal durations must be > 0. */
  protected positive(e: Expr): Expr {
    if (e.type === 'NumberLiteral' && !(e.val > 0)) {
      this.addError('duration must be greater than 0', e.range);
      return { type: 'NumberLiteral', val: 0, duration: e.duration, range: e.range };
    }
    return e;
  }

  /**
   * duration_expr as an operator-precedence machine: + - (4) < * / % (5) < ^ (6, right-assoc.);
   * a sign binds like * (%prec MUL). Parentheses and min_of/max_of open frames on an explicit
   * stack, so nesting depth costs no call stack.
   */
  private durationMachine(binaryAtTop: boolean): Expr {
    const frames: DurationFrame[] = [{ open: null, operands: [], operators: [], args: [] }];
    let expectOperand = true;
    for (;;) {
      const frame = frames[frames.length - 1];
      const t = this.la();
      const type = t.tokenType;
      if (expectOperand) {
        if (type === T.ADD || type === T.SUB) {
          this.i++;
          frame.operators.push({ prec: 5, token: t, unary: true });
        } else if (type === T.LEFT_PAREN || type === T.MIN_OF || type === T.MAX_OF) {
          this.i++;
          if (type !== T.LEFT_PAREN) this.expectDuration(T.LEFT_PAREN);
          frames.push({ open: t, operands: [], operators: [], args: [] });
        } else {
          frame.operands.push(this.durationTerm());
          expectOperand = false;
        }
        continue;
      }
      const prec = DURATION_PRECEDENCE.get(type);
      if (prec !== undefined && (frames.length > 1 || binaryAtTop)) {
        this.i++;
        const ops = frame.operators;
        while (ops.length > 0 && (ops[ops.length - 1].prec > prec || (ops[ops.length - 1].prec === prec && prec !== 6))) {
          this.reduceDuration(frame, ops.pop()!);
        }
        ops.push({ prec, token: t, unary: false });
        expectOperand = true;
        continue;
      }
      if (frames.length === 1) return this.reduceDurations(frame);
      const minMax = frame.open!.tokenType !== T.LEFT_PAREN;
      if (type === T.COMMA && minMax && frame.args.length === 0) {
        this.i++;
        frame.args.push(this.reduceDurations(frame));
        expectOperand = true;
        continue;
      }
      if (type !== T.RIGHT_PAREN || (minMax && frame.args.length !== 1)) {
        return this.unexpected(this.durationContext.context, this.durationContext.expected);
      }
      this.i++;
      this.lastClosing = t.end;
      const inner = this.reduceDurations(frame);
      frames.pop();
      frames[frames.length - 1].operands.push(minMax ? this.newMinMax(frame.open!, frame.args[0], inner, t) : this.wrapParen(inner, frame.open!, t));
    }
  }

  private reduceDurations(frame: DurationFrame): Expr {
    const ops = frame.operators;
    while (ops.length > 0) this.reduceDuration(frame, ops.pop()!);
    return frame.operands.pop()!;
  }

  private reduceDuration(frame: DurationFrame, op: DurationOperator): void {
    const rhs = frame.operands.pop()!;
    if (op.unary) {
      frame.operands.push(this.applyUnary(op.token, rhs));
      return;
    }
    const lhs = frame.operands.pop()!;
    const name = op.token.image as DurationOp;
    if (rhs.type === 'NumberLiteral' && rhs.val === 0 && (name === '/' || name === '%')) {
      this.addError(name === '/' ? 'division by zero' : 'modulo by zero', rangeOf(op.token));
      // Go's action yields a bare zero literal (no position), which later checks see.
      frame.operands.push(zeroLiteral());
      return;
    }
    this.experimental(lhs);
    frame.operands.push({ type: 'DurationExpr', op: name, lhs, rhs, wrapped: false, range: { start: lhs.range.start, end: rhs.range.end } });
  }

  /** paren_duration_expr */
  private wrapParen(inner: Expr, open: PromToken, close: PromToken): Expr {
    this.experimental(inner);
    if (inner.type === 'DurationExpr') {
      inner.wrapped = true;
      return inner;
    }
    return { type: 'DurationExpr', op: '+', lhs: null, rhs: inner, wrapped: true, range: { start: open.startOffset, end: close.end } };
  }

  /** min_of(a, b) / max_of(a, b) */
  private newMinMax(name: PromToken, a: Expr, b: Expr, close: PromToken): Expr {
    const e: DurationExpr = {
      type: 'DurationExpr',
      op: name.tokenType === T.MIN_OF ? 'min_of' : 'max_of',
      lhs: a,
      rhs: b,
      wrapped: false,
      range: { start: name.startOffset, end: close.end },
    };
    this.experimental(e);
    return e;
  }

  /** A number or duration literal, or step() / range(). */
  private durationTerm(): Expr {
    const t = this.la();
    const type = t.tokenType;
    if (type === T.NUMBER || type === T.DURATION) {
      this.i++;
      this.lastClosing = t.end;
      const val = type === T.DURATION ? this.durationSeconds(t) : this.parseNumber(t);
      const lit: NumberLiteral = { type: 'NumberLiteral', val, duration: type === T.DURATION, range: rangeOf(t) };
      if (durationLiteralOutOfRange(val)) {
        this.addError('duration out of range', lit.range);
        return zeroLiteral();
      }
      return lit;
    }
    if (type === T.STEP || type === T.RANGE) {
      this.i++;
      this.expectDuration(T.LEFT_PAREN);
      const close = this.expectDuration(T.RIGHT_PAREN);
      const e: DurationExpr = {
        type: 'DurationExpr',
        op: type === T.STEP ? 'step' : 'range',
        lhs: null,
        rhs: null,
        wrapped: false,
        range: { start: t.startOffset, end: close.end },
      };
      this.experimental(e);
      return e;
    }
    return this.unexpected(this.durationContext.context, this.durationContext.expected);
  }

  private expectDuration(type: PromTokenType): PromToken {
    const t = this.la();
    if (t.tokenType !== type) this.unexpected(this.durationContext.context, this.durationContext.expected);
    this.i++;
    if (type === T.RIGHT_PAREN) this.lastClosing = t.end;
    return t;
  }

  /** Go's applyUnaryOpToDurationExpr. */
  private applyUnary(op: PromToken, e: Expr): Expr {
    if (e.type === 'DurationExpr') {
      if (op.tokenType === T.SUB) {
        return { type: 'DurationExpr', op: '-', lhs: null, rhs: e, wrapped: false, range: { start: op.startOffset, end: e.range.end } };
      }
      return e;
    }
    if (e.type === 'NumberLiteral') {
      if (op.tokenType === T.SUB) e.val = -e.val;
      if (durationLiteralOutOfRange(e.val)) {
        this.addError('duration out of range', rangeOf(op));
        return zeroLiteral();
      }
      e.range = { start: op.startOffset, end: e.range.end };
      return e;
    }
    this.addError('expected number literal or duration expression', rangeOf(op));
    return zeroLiteral();
  }

  private experimental(e: Expr): void {
    if (!this.opts.experimentalDurationExpr) this.addError('experimental duration expression is not enabled', e.range);
  }
}

/** Go's &NumberLiteral{Val: 0} returned by failing grammar actions: its range is {0, 0}. */
function zeroLiteral(): NumberLiteral {
  return { type: 'NumberLiteral', val: 0, duration: false, range: { start: 0, end: 0 } };
}

export function rangeOf(t: PromToken): PosRange {
  return { start: t.startOffset, end: t.end };
}
