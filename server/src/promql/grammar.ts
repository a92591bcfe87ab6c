// The PromQL grammar: reads the tokens of lexer.ts and builds the tree of ast.ts, with Prometheus'
// error messages and positions (promql/parser/generated_parser.y and parse.go). This file holds
// the expression core; grammarModifiers.ts the selectors, grouping and modifiers, and
// grammarDurations.ts the durations plus token access and error bookkeeping.
//
//   start           := expr EOF
//   expr            := unary_expr (binary_op bin_modifiers unary_expr)*    (precedence below)
//   unary_expr      := ("+" | "-")* postfix_expr
//   postfix_expr    := primary_expr ("[" range_or_subquery "]" | offset | "@" at | anchored | smoothed)*
//   primary_expr    := number | string | vector_selector | "(" expr ")"
//                    | function_name "(" [expr ("," expr)*] ")"
//                    | aggregate_op [grouping] "(" [expr ("," expr)*] ")" [grouping]
//
// Precedence, lowest first (Go's %left/%right): or < and unless < == != < <= > >= </ >/
// < + - < * / % atan2 < ^ (right-associative). A sign binds like * (%prec MUL) and postfix
// modifiers bind tightest, so -foo[5m] is -(foo[5m]) and -2^2 is -(2^2).
//
// Chevrotain provides the token types (tokens.ts) and the token objects; the parser itself is
// hand-written rather than a generated Chevrotain rule set because (1) Prometheus' messages come
// from yacc error productions ("unexpected X in aggregation", "... in grouping opts, expected
// label") and from which state yacc is in when it fails, which an LL(k) recognizer with its own
// recovery does not reproduce, and (2) 10,000 nested parentheses must not overflow the stack.
// So expressions are parsed by an operator-precedence machine with an explicit stack of open
// parentheses, calls and aggregations: no recursion per nesting level, linear time.
import type {
  AggregateExpr,
  AggregateOp,
  BinaryOp,
  Call,
  Expr,
  FunctionInfo,
  VectorMatching,
} from './ast';
import { getFunction } from './functions';
import { TokenStream, type PromToken } from './lexer';
import { T, type PromTokenType } from './tokens';
import type { ParseOptions, PromQLError } from './types';
import { SelectorParser } from './grammarModifiers';
import { goQuote, range } from './tokenText';

/** Binding power of binary operators (Go's precedence table); ^ is right-associative. */
const BINARY_PRECEDENCE: ReadonlyMap<PromTokenType, number> = new Map<PromTokenType, number>([
  [T.LOR, 1],
  [T.LAND, 2], [T.LUNLESS, 2],
  [T.EQLC, 3], [T.NEQ, 3], [T.LTE, 3], [T.LSS, 3], [T.GTE, 3], [T.GTR, 3], [T.TRIM_UPPER, 3], [T.TRIM_LOWER, 3],
  [T.ADD, 4], [T.SUB, 4],
  [T.MUL, 5], [T.DIV, 5], [T.MOD, 5], [T.ATAN2, 5],
  [T.POW, 6],
]);
const UNARY_PRECEDENCE = 5;
const POW_PRECEDENCE = 6;

const AGGREGATORS: ReadonlySet<PromTokenType> = new Set([
  T.SUM, T.AVG, T.COUNT, T.MIN, T.MAX, T.GROUP, T.STDDEV, T.STDVAR, T.TOPK, T.BOTTOMK,
  T.COUNT_VALUES, T.QUANTILE, T.LIMITK, T.LIMIT_RATIO,
]);
const AGGREGATORS_WITH_PARAM: ReadonlySet<PromTokenType> = new Set([
  T.TOPK, T.BOTTOMK, T.COUNT_VALUES, T.QUANTILE, T.LIMITK, T.LIMIT_RATIO,
]);

/** Keywords Go's metric_identifier rule accepts as a metric name. */
export const KEYWORD_METRIC_NAMES: ReadonlySet<PromTokenType> = new Set([
  ...AGGREGATORS, T.BY, T.WITHOUT, T.LAND, T.LOR, T.LUNLESS, T.OFFSET, T.START, T.END, T.STEP, T.RANGE,
  T.ANCHORED, T.SMOOTHED,
]);

/** Tokens other than keywords that can begin an operand: literals, names, selectors, "(", signs. */
const OPERAND_STARTS: ReadonlySet<PromTokenType> = new Set([
  T.NUMBER, T.DURATION, T.STRING, T.IDENTIFIER, T.METRIC_IDENTIFIER, T.LEFT_BRACE, T.LEFT_PAREN, T.ADD, T.SUB,
]);

/** Keywords that are functions when followed by "(" (experimental functions in 3.x). */
const KEYWORD_FUNCTIONS: ReadonlySet<PromTokenType> = new Set([T.START, T.END, T.STEP, T.RANGE, T.MIN_OF, T.MAX_OF]);

/** Thrown to abandon the parse after a syntax error, as yacc's `start: error` does. */
export class SyntaxBail extends Error {
  constructor(readonly at: number) {
    super('syntax error');
  }
}

interface BinaryOperator {
  kind: 'binary';
  prec: number;
  op: BinaryOp;
  returnBool: boolean;
  matching: VectorMatching;
}
interface UnaryOperator {
  kind: 'unary';
  prec: number;
  token: PromToken;
}
type Operator = BinaryOperator | UnaryOperator;

/** An open construct holding sub-expressions: the whole input, "(", a call or an aggregation. */
interface Frame {
  kind: 'top' | 'paren' | 'call' | 'aggregate';
  open: PromToken | null; // "(" of a paren; the name/operator token of a call or aggregation
  operands: Expr[];
  operators: Operator[];
  args: Expr[];
  grouping: string[] | null;
  without: boolean;
}

export class PromQLGrammar extends SelectorParser {
  private frames: Frame[] = [];
  private openAggregations = 0;

  constructor(input: string, opts: ParseOptions, errors: PromQLError[]) {
    super(input, new TokenStream(input), opts, errors);
  }

  /** start := expr EOF | EOF ("no expression found in input"). */
  parseStart(): Expr | null {
    if (this.la().tokenType === T.EOF) {
      if (!this.lexErrorPending()) this.addError('no expression found in input', { start: 0, end: 0 });
      return null;
    }
    try {
      return this.parseExpr();
    } catch (e) {
      if (!(e instanceof SyntaxBail)) throw e;
      this.reportLaterLexError();
      return this.salvage(e.at);
    }
  }

  /** After yacc's `start: error` it discards the rest of the input; a lexer error there still shows. */
  private reportLaterLexError(): void {
    while (this.la().tokenType !== T.EOF) this.i++;
  }

  // ---------------------------------------------------------------------------------------------
  // The expression machine.

  private newFrame(kind: Frame['kind'], open: PromToken | null): Frame {
    return { kind, open, operands: [], operators: [], args: [], grouping: null, without: false };
  }

  private parseExpr(): Expr {
    let frame = this.newFrame('top', null);
    this.frames.push(frame);
    let expectOperand = true;
    for (;;) {
      try {
        const done = this.step(frame, expectOperand);
        if (done) return done.result;
        frame = this.frames[this.frames.length - 1];
        expectOperand = this.expectOperand;
      } catch (e) {
        if (!(e instanceof SyntaxBail) || !this.resync()) throw e;
        frame = this.frames[this.frames.length - 1];
        expectOperand = false;
      }
    }
  }

  /**
   * Error recovery inside "(...)", a call or an aggregation: skip to the frame's closing ")", leave
   * an ErrorExpr for what was skipped, and go on, so later independent errors are reported too.
   * Go's parser mostly stops at its first error; the first error is the same either way.
   */
  private resync(): boolean {
    if (this.frames.length <= 1) return false;
    const from = this.la().startOffset;
    let depth = 0;
    for (;;) {
      const t = this.la();
      const type = t.tokenType;
      if (type === T.EOF) return false;
      if (type === T.RIGHT_PAREN && depth === 0) break;
      if (type === T.LEFT_PAREN || type === T.LEFT_BRACKET || type === T.LEFT_BRACE) depth++;
      // A "}" or "]" at depth 0 closes the selector or range the error was in.
      else if ((type === T.RIGHT_PAREN || type === T.RIGHT_BRACKET || type === T.RIGHT_BRACE) && depth > 0) depth--;
      this.i++;
    }
    const frame = this.frames[this.frames.length - 1];
    if (frame.kind === 'aggregate') this.openAggregations = this.frames.filter((f) => f.kind === 'aggregate').length;
    frame.operators = [];
    frame.operands = [{ type: 'ErrorExpr', range: { start: from, end: this.la().startOffset } }];
    return true;
  }

  private expectOperand = true;

  /** One move of the machine; returns the finished expression at the end of input. */
  private step(frame: Frame, expectOperand: boolean): { result: Expr } | null {
    this.expectOperand = expectOperand;
    {
      const t = this.la();
      const type = t.tokenType;
      if (expectOperand) {
        if (type === T.ADD || type === T.SUB) {
          this.i++;
          frame.operators.push({ kind: 'unary', prec: UNARY_PRECEDENCE, token: t });
          return null;
        }
        if (type === T.LEFT_PAREN) {
          this.i++;
          this.frames.push(this.newFrame('paren', t));
          return null;
        }
        if ((type === T.IDENTIFIER || KEYWORD_FUNCTIONS.has(type)) && this.la(1).tokenType === T.LEFT_PAREN) {
          this.i += 2;
          this.frames.push(this.newFrame('call', t));
          if (this.la().tokenType === T.RIGHT_PAREN) {
            this.closeFrame(this.la());
            this.expectOperand = false;
          }
          return null;
        }
        if (AGGREGATORS.has(type)) {
          const next = this.la(1).tokenType;
          if (next === T.LEFT_PAREN || next === T.BY || next === T.WITHOUT) {
            this.i++;
            this.openAggregation(t);
            if (this.la().tokenType === T.RIGHT_PAREN) {
              this.closeFrame(this.la());
              this.expectOperand = false;
            }
            return null;
          }
        }
        frame.operands.push(this.parsePrimary());
        this.expectOperand = false;
        return null;
      }

      // An operand is complete: postfix modifiers, a binary operator, "," or a closing ")".
      const prec = BINARY_PRECEDENCE.get(type);
      if (prec !== undefined) {
        this.i++;
        const modifiers = this.parseBinModifiers();
        // Left-associative operators reduce equal precedence first; ^ (right-associative) does not.
        const ops = frame.operators;
        while (ops.length > 0 && (ops[ops.length - 1].prec > prec || (ops[ops.length - 1].prec === prec && prec !== POW_PRECEDENCE))) {
          this.reduceOne(frame, ops.pop()!);
        }
        ops.push({ kind: 'binary', prec, op: binaryOp(t), returnBool: modifiers.returnBool, matching: modifiers.matching });
        this.expectOperand = true;
        return null;
      }
      if (type === T.LEFT_BRACKET || type === T.OFFSET || type === T.AT || type === T.ANCHORED || type === T.SMOOTHED) {
        const last = frame.operands.length - 1;
        frame.operands[last] = this.parsePostfix(frame.operands[last]);
        return null;
      }
      if (type === T.COMMA && (frame.kind === 'call' || frame.kind === 'aggregate')) {
        this.i++;
        frame.args.push(this.reduceAll(frame));
        if (this.la().tokenType === T.RIGHT_PAREN) {
          this.addError('trailing commas not allowed in function call args', range(t));
          this.closeFrame(this.la());
          return null;
        }
        this.expectOperand = true;
        return null;
      }
      if (type === T.RIGHT_PAREN && frame.kind !== 'top') {
        frame.args.push(this.reduceAll(frame));
        this.closeFrame(t);
        return null;
      }
      if (type === T.EOF && frame.kind === 'top') {
        this.frames.pop();
        return { result: this.reduceAll(frame) };
      }
      return this.unexpected(this.openAggregations > 0 ? 'aggregation' : '', '');
    }
  }

  /** aggregate_expr := aggregate_op [aggregate_modifier] "(" args ")" [aggregate_modifier] */
  private openAggregation(opToken: PromToken): Frame {
    const frame = this.newFrame('aggregate', opToken);
    this.openAggregations++;
    this.frames.push(frame);
    const t = this.la();
    if (t.tokenType === T.BY || t.tokenType === T.WITHOUT) {
      this.i++;
      frame.grouping = this.parseGroupingLabels();
      frame.without = t.tokenType === T.WITHOUT;
    }
    if (this.la().tokenType !== T.LEFT_PAREN) this.unexpected('aggregation', '');
    this.i++;
    return frame;
  }

  /** Closes the innermost frame at its ")"; the enclosing frame receives the result. */
  private closeFrame(close: PromToken): void {
    this.i++;
    this.lastClosing = close.end;
    const frame = this.frames.pop()!;
    const parent = this.frames[this.frames.length - 1];
    let result: Expr;
    switch (frame.kind) {
      case 'paren':
        result = { type: 'ParenExpr', expr: frame.args[0], range: { start: frame.open!.startOffset, end: close.end } };
        break;
      case 'call':
        result = this.newCall(frame.open!, frame.args);
        break;
      default:
        this.openAggregations--;
        result = this.finishAggregation(frame);
    }
    parent.operands.push(result);
  }

  private newCall(name: PromToken, args: Expr[]): Call {
    let func: FunctionInfo | undefined = getFunction(name.image);
    if (!func) {
      this.addError(`unknown function with name ${goQuote(name.image)}`, range(name));
      func = { name: name.image, argTypes: [], variadic: 0, returnType: 'none', experimental: false };
    } else if (func.experimental && !this.opts.enableExperimentalFunctions) {
      this.addError(`function ${goQuote(name.image)} is not enabled`, range(name));
    }
    return { type: 'Call', func, args, range: { start: name.startOffset, end: this.lastClosing } };
  }

  /** Go's newAggregateExpr, after an optional trailing by/without. */
  private finishAggregation(frame: Frame): AggregateExpr {
    const opToken = frame.open!;
    let grouping = frame.grouping;
    let without = frame.without;
    const t = this.la();
    if (grouping === null && (t.tokenType === T.BY || t.tokenType === T.WITHOUT)) {
      this.i++;
      grouping = this.parseGroupingLabels();
      without = t.tokenType === T.WITHOUT;
    }
    const op = opToken.image.toLowerCase() as AggregateOp;
    const ret: AggregateExpr = {
      type: 'AggregateExpr',
      op,
      expr: null,
      param: null,
      grouping: grouping ?? [],
      without,
      hasGrouping: grouping !== null,
      range: { start: opToken.startOffset, end: this.lastClosing },
    };
    const args = frame.args;
    if (args.length === 0) {
      this.addError('no arguments for aggregate expression provided', ret.range);
      return ret;
    }
    let desired = 1;
    if (AGGREGATORS_WITH_PARAM.has(opToken.tokenType)) {
      if (!this.opts.enableExperimentalFunctions && (op === 'limitk' || op === 'limit_ratio')) {
        this.addError(`${op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`, ret.range);
        return ret;
      }
      desired = 2;
      ret.param = args[0];
    }
    if (args.length !== desired) {
      this.addError(`wrong number of arguments for aggregate expression provided, expected ${desired}, got ${args.length}`, ret.range);
      return ret;
    }
    ret.expr = args[desired - 1];
    return ret;
  }

  /** Builds the nodes of all pending operators of a frame and returns its expression. */
  private reduceAll(frame: Frame): Expr {
    const ops = frame.operators;
    while (ops.length > 0) this.reduceOne(frame, ops.pop()!);
    return frame.operands.pop()!;
  }

  private reduceOne(frame: Frame, op: Operator): void {
    const operands = frame.operands;
    if (op.kind === 'unary') {
      const e = operands.pop()!;
      operands.push(this.newUnary(op.token, e));
      return;
    }
    const rhs = operands.pop()!;
    const lhs = operands.pop()!;
    const node: Expr = {
      type: 'BinaryExpr',
      op: op.op,
      lhs,
      rhs,
      vectorMatching: op.matching,
      returnBool: op.returnBool,
      range: { start: lhs.range.start, end: rhs.range.end },
    };
    const fill = op.matching.fillValues;
    if (!this.opts.enableBinopFillModifiers && fill && (fill.lhs !== undefined || fill.rhs !== undefined)) {
      this.addError('binop fill modifiers are experimental and not enabled', node.range);
    }
    operands.push(node);
  }

  /** unary_expr: a sign folds into a number literal, as Go's grammar action does. */
  private newUnary(opToken: PromToken, e: Expr): Expr {
    if (e.type === 'NumberLiteral') {
      if (opToken.tokenType === T.SUB) e.val = -e.val;
      e.range = { start: opToken.startOffset, end: e.range.end };
      return e;
    }
    return { type: 'UnaryExpr', op: opToken.tokenType === T.SUB ? '-' : '+', expr: e, range: { start: opToken.startOffset, end: e.range.end } };
  }

  /** number | string | vector_selector; anything else is Go's generic "unexpected ...". */
  private parsePrimary(): Expr {
    const t = this.la();
    const type = t.tokenType;
    if (type === T.NUMBER || type === T.DURATION) {
      this.i++;
      this.lastClosing = t.end;
      return this.numberLiteral(t);
    }
    if (type === T.STRING) {
      this.i++;
      return { type: 'StringLiteral', val: this.unquote(t), range: range(t) };
    }
    if (type === T.LEFT_BRACE) return this.parseVectorSelector(null);
    if (type === T.IDENTIFIER || type === T.METRIC_IDENTIFIER || KEYWORD_METRIC_NAMES.has(type)) {
      this.i++;
      return this.parseVectorSelector(t);
    }
    return this.unexpected(this.openAggregations > 0 ? 'aggregation' : '', '');
  }

  // ---------------------------------------------------------------------------------------------
  // Errors.

  /** Go's parser.unexpected: describes the lookahead; silent when it is a lexer error. Never returns. */
  protected override unexpected(context: string, expected: string): never {
    const t = this.la();
    this.reportUnexpected(context, expected);
    // Go's `aggregate_op error` production then builds an aggregation without arguments and records
    // "no arguments for aggregate expression provided" too. Only the first of Go's errors is ever
    // shown (ParseErrors.Error()), and this one, after the real error, tells of missing arguments
    // that are most often there (`sum(rate(x[5m]) by (job)`, `sum(rate(x[5m])`): left out.
    throw new SyntaxBail(t.startOffset);
  }

  protected startsOperand(t: PromToken): boolean {
    const type = t.tokenType;
    return OPERAND_STARTS.has(type) || KEYWORD_METRIC_NAMES.has(type) || KEYWORD_FUNCTIONS.has(type);
  }

  /** Builds what can be built of the open frames after a syntax error (ErrorExpr for the holes). */
  private salvage(at: number): Expr | null {
    let carried: Expr | null = null;
    while (this.frames.length > 0) {
      const frame = this.frames.pop()!;
      if (carried) frame.operands.push(carried);
      const hole: Expr = { type: 'ErrorExpr', range: { start: at, end: at } };
      const needed = frame.operators.filter((o) => o.kind === 'binary').length + 1;
      while (frame.operands.length < needed) frame.operands.push(hole);
      const e = frame.operands.length > 0 ? this.reduceAll(frame) : hole;
      const start = frame.open ? frame.open.startOffset : e.range.start;
      switch (frame.kind) {
        case 'top':
          carried = e;
          break;
        case 'paren':
          carried = { type: 'ParenExpr', expr: e, range: { start, end: at } };
          break;
        case 'call':
          carried = { type: 'Call', func: getFunction(frame.open!.image) ?? { name: frame.open!.image, argTypes: [], variadic: 0, returnType: 'none', experimental: false }, args: [...frame.args, e], range: { start, end: at } };
          break;
        default:
          carried = { type: 'AggregateExpr', op: frame.open!.image.toLowerCase() as AggregateOp, expr: e, param: frame.args[0] ?? null, grouping: frame.grouping ?? [], without: frame.without, range: { start, end: at } };
      }
    }
    return carried;
  }
}

function binaryOp(t: PromToken): BinaryOp {
  return t.image.toLowerCase() as BinaryOp;
}

