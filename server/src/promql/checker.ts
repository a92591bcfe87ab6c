// Port of Prometheus' checkAST (promql/parser/parse.go, 3.14): the type checks Go runs after a
// parse without syntax errors. Same messages, same ranges and the same order of reports, case
// by case. Like Go it also normalises the tree: set operators get many-to-many matching,
// vectorMatching is dropped unless both sides are instant vectors, and info()'s label-selector
// argument is exempt from the empty-matcher rule.
//
// Go recurses; we walk with an explicit stack because parse_test.go has a 20,000-level tree.
// Go's checkAST(child) returns child.Type(), which depends only on the tree, so the types are
// memoised (bottom-up, also without recursion).
import { compileGoRegexp } from './goRegexp';
import { simpleRe2MatchesEmpty } from './re2Simple';
import type {
  AggregateExpr,
  BinaryExpr,
  BinaryOp,
  Call,
  Expr,
  LabelMatcher,
  PosRange,
  ValueType,
  VectorMatching,
  VectorSelector,
} from './ast';
import { documentedType, TypeCache } from './ast';
import { goQuote } from './goFormatting';
import type { ParseOptions, PromQLError } from './types';

/**
 * Type-checks a tree that parsed without syntax errors and returns Prometheus' errors in Go's
 * order. `input` is the parsed text: Go trims spaces around a binary operator with it to place
 * operator errors ("bool modifier can only be used on comparison operators"); without it those
 * ranges span the whole gap between the operands. Go's checkAST reads no parser option; the
 * experimental switches are enforced by the grammar.
 */
export function checkAST(expr: Expr, _opts: ParseOptions = {}, input?: string): PromQLError[] {
  const checker = new Checker(input);
  checker.run(expr);
  return checker.errors;
}

/** One unit of work: check a node, or run a check that Go performs after a child returns. */
type Step = Expr | (() => void);

const PARAM_SCALAR_AGGREGATORS = new Set(['topk', 'bottomk', 'quantile', 'limitk', 'limit_ratio']);
// Go's IsComparisonOperator/IsSetOperator; the histogram trim operators </ and >/ are neither.
const COMPARISON_OPS = new Set<BinaryOp>(['==', '!=', '<=', '<', '>=', '>']);
const SET_OPS = new Set<BinaryOp>(['and', 'or', 'unless']);

class Checker {
  readonly errors: PromQLError[] = [];
  private readonly types = new TypeCache();

  constructor(private readonly input: string | undefined) {}

  run(root: Expr): void {
    const stack: Step[] = [root];
    while (stack.length > 0) {
      const step = stack.pop()!;
      if (typeof step === 'function') {
        step();
        continue;
      }
      const next = this.visit(step);
      for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
    }
  }

  private typeOf(e: Expr): ValueType {
    return this.types.get(e);
  }

  private add(range: PosRange, message: string): void {
    this.errors.push({ message, range: { start: range.start, end: range.end } });
  }

  /** Go's expectType, as the step to run once `node` itself has been checked. */
  private expectType(node: Expr, want: ValueType, context: string): () => void {
    return () => {
      const t = this.typeOf(node);
      if (t !== want) {
        this.add(node.range, `expected type ${documentedType(want)} in ${context}, got ${documentedType(t)}`);
      }
    };
  }

  /** Checks Go does on entering `node`; returns what follows, in Go's order. */
  private visit(node: Expr): Step[] {
    switch (node.type) {
      case 'AggregateExpr':
        return this.visitAggregate(node);
      case 'BinaryExpr':
        return [node.lhs, node.rhs, () => this.checkBinary(node)];
      case 'Call':
        return this.visitCall(node);
      case 'ParenExpr':
      case 'MatrixSelector':
        return [node.type === 'ParenExpr' ? node.expr : node.vectorSelector];
      case 'UnaryExpr':
        return [
          node.expr,
          () => {
            const t = this.typeOf(node.expr);
            if (t !== 'scalar' && t !== 'vector') {
              this.add(
                node.range,
                `unary expression only allowed on expressions of type scalar or instant vector, got ${goQuote(documentedType(t))}`,
              );
            }
          },
        ];
      case 'SubqueryExpr':
        return [
          node.expr,
          () => {
            const t = this.typeOf(node.expr);
            // Go prints the bare ValueType here ("matrix"), not its documented name.
            if (t !== 'vector') this.add(node.range, `subquery is only allowed on instant vector, got ${t} instead`);
          },
        ];
      case 'VectorSelector':
        this.checkVectorSelector(node);
        return [];
      case 'NumberLiteral':
      case 'StringLiteral':
        return [];
      case 'DurationExpr':
        // Go has no case for it; the grammar only puts duration expressions where checkAST
        // does not look (ranges, offsets, steps), so this mirrors Go's default branch.
        this.add(node.range, 'unknown node type: *parser.DurationExpr');
        return [];
      case 'ErrorExpr':
        // Only present after syntax errors, when Go never type-checks. Tolerated silently so
        // editor features may check partial trees.
        return [];
    }
  }

  private visitAggregate(n: AggregateExpr): Step[] {
    // Go would dereference a nil Expr/Param here; the grammar has reported an error already
    // ("no arguments for aggregate expression provided", "wrong number of arguments ...").
    const steps: Step[] = [];
    if (n.expr) steps.push(n.expr, this.expectType(n.expr, 'vector', 'aggregation expression'));
    if (n.param && PARAM_SCALAR_AGGREGATORS.has(n.op)) {
      steps.push(n.param, this.expectType(n.param, 'scalar', 'aggregation parameter'));
    }
    if (n.param && n.op === 'count_values') {
      steps.push(n.param, this.expectType(n.param, 'string', 'aggregation parameter'));
    }
    return steps;
  }

  private visitCall(n: Call): Step[] {
    const f = n.func;
    const name = goQuote(f.name);
    const nargs = f.argTypes.length;
    const got = n.args.length;
    if (f.variadic === 0) {
      if (nargs !== got) this.add(n.range, `expected ${nargs} argument(s) in call to ${name}, got ${got}`);
    } else {
      const min = nargs - 1;
      if (min > got) {
        this.add(n.range, `expected at least ${min} argument(s) in call to ${name}, got ${got}`);
      } else if (f.variadic > 0 && min + f.variadic < got) {
        this.add(n.range, `expected at most ${min + f.variadic} argument(s) in call to ${name}, got ${got}`);
      }
    }

    if (f.name === 'info' && got > 1) this.checkInfoSelector(n);

    const steps: Step[] = [];
    for (let i = 0; i < got; i++) {
      let idx = i;
      if (i >= nargs) {
        // Surplus arguments of a fixed-arity function are not type-checked (nor visited).
        if (f.variadic === 0) break;
        idx = nargs - 1;
      }
      const arg = n.args[i];
      const want = f.argTypes[idx];
      if (want === undefined) break;
      steps.push(arg, () => {
        const t = this.typeOf(arg);
        if (t !== want) {
          this.add(arg.range, `expected type ${documentedType(want)} in call to function ${name}, got ${documentedType(t)}`);
        }
      });
    }
    return steps;
  }

  /** info()'s second argument must be a bare label selector such as {job="x"}. */
  private checkInfoSelector(n: Call): void {
    const arg = n.args[1];
    const t = this.typeOf(arg);
    if (t !== 'vector') {
      this.add(n.range, `expected type instant vector in call to function ${goQuote(n.func.name)}, got ${documentedType(t)}`);
    }
    if (arg.type === 'VectorSelector' && arg.name !== '') {
      this.add(arg.range, 'expected label selectors only, got vector selector instead');
    } else if (arg.type === 'VectorSelector') {
      arg.bypassEmptyMatcherCheck = true;
    } else {
      this.add(arg.range, 'expected label selectors only');
    }
  }

  private checkBinary(n: BinaryExpr): void {
    const lt = this.typeOf(n.lhs);
    const rt = this.typeOf(n.rhs);
    const isComparison = COMPARISON_OPS.has(n.op);
    const isSet = SET_OPS.has(n.op);
    // The grammar always attaches matching; a parser that left it out is treated like Go's
    // default of one-to-one without labels.
    const vm: VectorMatching = n.vectorMatching ?? { card: 'one-to-one', matchingLabels: [], on: false, include: [] };

    if (n.returnBool && !isComparison) {
      this.add(this.operatorRange(n), 'bool modifier can only be used on comparison operators');
    }
    if (isComparison && !n.returnBool && rt === 'scalar' && lt === 'scalar') {
      this.add(this.operatorRange(n), 'comparisons between scalars must use BOOL modifier');
    }
    if (isSet && vm.card === 'one-to-one') vm.card = 'many-to-many';

    for (const l1 of vm.matchingLabels) {
      for (const l2 of vm.include) {
        if (l1 === l2 && vm.on) {
          this.add(this.operatorRange(n), `label ${goQuote(l1)} must not occur in ON and GROUP clause at once`);
        }
      }
    }

    if (lt !== 'scalar' && lt !== 'vector') {
      this.add(n.lhs.range, 'binary expression must contain only scalar and instant vector types');
    }
    if (rt !== 'scalar' && rt !== 'vector') {
      this.add(n.rhs.range, 'binary expression must contain only scalar and instant vector types');
    }

    const filled = vm.fillValues?.lhs !== undefined || vm.fillValues?.rhs !== undefined;
    if (lt !== 'vector' || rt !== 'vector') {
      if (vm.matchingLabels.length > 0) this.add(n.range, 'vector matching only allowed between instant vectors');
      if (filled) this.add(n.range, 'filling in missing series only allowed between instant vectors');
      n.vectorMatching = null;
    } else {
      n.vectorMatching = vm;
      if (isSet) {
        if (vm.card === 'one-to-many' || vm.card === 'many-to-one') {
          this.add(n.range, `no grouping allowed for ${goQuote(n.op)} operation`);
        }
        if (vm.card !== 'many-to-many') this.add(n.range, 'set operations must always be many-to-many');
        if (filled) this.add(n.range, 'filling in missing series not allowed for set operators');
      }
    }

    if ((lt === 'scalar' || rt === 'scalar') && isSet) {
      this.add(n.range, `set operator ${goQuote(n.op)} not allowed in binary scalar expression`);
    }
  }

  /**
   * Go's opRange: from the end of the LHS to the start of the RHS with spaces trimmed. Go's end
   * is the index of the operator's last byte, so the range stops one short ("==" in `1 == 1`
   * is reported as 2..3); reproduced as is.
   */
  private operatorRange(n: BinaryExpr): PosRange {
    let start = n.lhs.range.end;
    let end = n.rhs.range.start - 1;
    const text = this.input;
    if (text !== undefined) {
      while (start < text.length && isGoSpace(text.charCodeAt(start))) start++;
      while (end > start && isGoSpace(text.charCodeAt(end))) end--;
    }
    return { start, end };
  }

  private checkVectorSelector(n: VectorSelector): void {
    if (n.name !== '') {
      // Go appends the matcher for a name written before the braces last and checks the others.
      for (const m of matchersBesidesOuterName(n)) {
        if (m.name === '__name__') {
          this.add(n.range, `metric name must not be set twice: ${goQuote(n.name)} or ${goQuote(m.value)}`);
        }
      }
      return; // An outer metric name is itself a non-empty matcher.
    }
    if (n.bypassEmptyMatcherCheck) return;
    // A selector that matches everything (by a typo, say) is refused.
    if (!n.labelMatchers.some((m) => matchesEmpty(m) === false)) {
      this.add(n.range, 'vector selector must contain at least one non-empty matcher');
    }
  }
}

/** Go's lexer isSpace. */
function isGoSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function matchersBesidesOuterName(n: VectorSelector): LabelMatcher[] {
  const ms = n.labelMatchers;
  const last = ms[ms.length - 1];
  const lastIsOuterName = last !== undefined && last.name === '__name__' && last.value === n.name && !last.range;
  return lastIsOuterName ? ms.slice(0, -1) : ms;
}

const emptyRegexCache = new Map<string, boolean | undefined>();

/** Whether Go's regexp `^(?s:re)$` (labels.FastRegexMatcher) matches ""; undefined if invalid. */
function regexMatchesEmpty(re: string): boolean | undefined {
  if (emptyRegexCache.has(re)) return emptyRegexCache.get(re);
  // The usual regexes are answered without compiling (a first compile costs a cold process ~10 ms).
  let result = simpleRe2MatchesEmpty(re);
  if (result === undefined) {
    try {
      result = compileGoRegexp(`^(?s:${re})$`).matches('');
    } catch {
      result = undefined; // Go's matcher would be nil; the grammar reported the regex already.
    }
  }
  if (emptyRegexCache.size > 1000) emptyRegexCache.clear();
  emptyRegexCache.set(re, result);
  return result;
}

/** labels.Matcher.Matches(""); undefined stands for Go's nil matcher (an invalid regex). */
function matchesEmpty(m: LabelMatcher): boolean | undefined {
  switch (m.op) {
    case '=':
      return m.value === '';
    case '!=':
      return m.value !== '';
    case '=~':
      return regexMatchesEmpty(m.value);
    case '!~': {
      const r = regexMatchesEmpty(m.value);
      return r === undefined ? undefined : !r;
    }
  }
}

