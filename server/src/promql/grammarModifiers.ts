// Selectors, grouping clauses, binary-operator modifiers and postfix modifiers of the PromQL
// grammar (generated_parser.y's vector_selector, label_matchers, grouping_labels, bin_modifier,
// offset_expr, step_invariant_expr, matrix_selector, subquery_expr), with the checks Go makes in
// those grammar actions (parse.go's addOffset, setTimestamp, setAnchored...).
import type {
  DurationExpr,
  Expr,
  LabelMatcher,
  MatchOp,
  MatrixSelector,
  NumberLiteral,
  PosRange,
  SubqueryExpr,
  VectorMatching,
  VectorSelector,
} from './ast';
import { DurationParser } from './grammarDurations';
import type { PromToken } from './lexer';
import { formatFloatFixed6 } from './numbers';
import { range } from './tokenText';
import { T, type PromTokenType } from './tokens';

/** Go's maybe_label: words usable as label names in by(...), on(...), group_left(...). */
const LABEL_KEYWORDS: ReadonlySet<PromTokenType> = new Set([
  T.SUM, T.AVG, T.COUNT, T.MIN, T.MAX, T.GROUP, T.STDDEV, T.STDVAR, T.TOPK, T.BOTTOMK,
  T.COUNT_VALUES, T.QUANTILE, T.LIMITK, T.LIMIT_RATIO,
  T.ANCHORED, T.LAND, T.ATAN2, T.BOOL, T.BY, T.END, T.FILL, T.FILL_LEFT, T.FILL_RIGHT,
  T.GROUP_LEFT, T.GROUP_RIGHT, T.IGNORING, T.MAX_OF, T.MIN_OF, T.OFFSET, T.ON, T.LOR, T.RANGE,
  T.SMOOTHED, T.START, T.STEP, T.LUNLESS,
]);

const MATCH_OPS: ReadonlyMap<PromTokenType, MatchOp> = new Map<PromTokenType, MatchOp>([
  [T.EQL, '='], [T.NEQ, '!='], [T.EQL_REGEX, '=~'], [T.NEQ_REGEX, '!~'],
]);

export abstract class SelectorParser extends DurationParser {
  /** Whether a token can begin an operand (Go's FIRST(expr)). */
  protected abstract startsOperand(t: PromToken): boolean;

  // ---------------------------------------------------------------------------------------------
  // Binary operator modifiers: bool, on/ignoring, group_left/group_right, fill.

  protected parseBinModifiers(): { returnBool: boolean; matching: VectorMatching } {
    const matching: VectorMatching = { card: 'one-to-one', matchingLabels: [], on: false, include: [] };
    let returnBool = false;
    if (this.la().tokenType === T.BOOL) {
      this.i++;
      returnBool = true;
    }
    const t = this.la();
    if (t.tokenType === T.ON || t.tokenType === T.IGNORING) {
      this.i++;
      matching.matchingLabels = this.parseGroupingLabels();
      matching.on = t.tokenType === T.ON;
      matching.explicit = true;
      const g = this.la();
      if (g.tokenType === T.GROUP_LEFT || g.tokenType === T.GROUP_RIGHT) {
        this.i++;
        matching.card = g.tokenType === T.GROUP_LEFT ? 'many-to-one' : 'one-to-many';
        const n = this.la();
        if (n.tokenType === T.LEFT_PAREN) matching.include = this.parseGroupingLabels();
        // Go's maybe_grouping_labels is empty only before what can start the right-hand operand
        // (or a fill modifier); anything else, the end of input too, is grouping_labels' error.
        else if (!this.startsOperand(n) && n.tokenType !== T.FILL && n.tokenType !== T.FILL_LEFT && n.tokenType !== T.FILL_RIGHT) {
          this.unexpected('grouping opts', '"("');
        }
      }
    }
    for (;;) {
      const f = this.la();
      if (f.tokenType !== T.FILL && f.tokenType !== T.FILL_LEFT && f.tokenType !== T.FILL_RIGHT) break;
      this.i++;
      const v = this.parseFillValue();
      matching.fillValues ??= {};
      if (f.tokenType !== T.FILL_RIGHT) matching.fillValues.lhs = v;
      if (f.tokenType !== T.FILL_LEFT) matching.fillValues.rhs = v;
    }
    return { returnBool, matching };
  }

  /** fill(<signed number>) */
  private parseFillValue(): number {
    this.expect(T.LEFT_PAREN, 'fill modifier', '"("');
    const v = this.parseSignedNumber('fill modifier', 'number');
    this.expect(T.RIGHT_PAREN, 'fill modifier', '")"');
    return v;
  }

  protected parseSignedNumber(context: string, expected: string): number {
    let sign = 1;
    const s = this.la();
    if (s.tokenType === T.ADD || s.tokenType === T.SUB) {
      this.i++;
      if (s.tokenType === T.SUB) sign = -1;
    }
    const n = this.la();
    if (n.tokenType !== T.NUMBER && n.tokenType !== T.DURATION) this.unexpected(context, expected);
    this.i++;
    this.lastClosing = n.end;
    return sign * this.numberLiteral(n).val;
  }

  protected expect(type: PromTokenType, context: string, expected: string): PromToken {
    const t = this.la();
    if (t.tokenType !== type) this.unexpected(context, expected);
    this.i++;
    if (type === T.RIGHT_PAREN || type === T.RIGHT_BRACE || type === T.RIGHT_BRACKET) this.lastClosing = t.end;
    return t;
  }

  /** grouping_labels := "(" [label ("," label)* [","]] ")" */
  protected parseGroupingLabels(): string[] {
    if (this.la().tokenType !== T.LEFT_PAREN) this.unexpected('grouping opts', '"("');
    this.i++;
    const labels: string[] = [];
    if (this.la().tokenType === T.RIGHT_PAREN) {
      this.lastClosing = this.la().end;
      this.i++;
      return labels;
    }
    for (;;) {
      const t = this.la();
      const type = t.tokenType;
      if (type === T.STRING) {
        labels.push(this.unquote(t));
      } else if (type === T.IDENTIFIER || type === T.METRIC_IDENTIFIER || LABEL_KEYWORDS.has(type)) {
        labels.push(t.image);
      } else {
        // Go's `grouping_label: error` production: report, skip the bad label, go on.
        this.reportUnexpected('grouping opts', 'label');
        this.skipTo(T.RIGHT_PAREN);
        if (this.la().tokenType === T.EOF) this.unexpected('grouping opts', 'label');
        this.i--;
      }
      this.i++;
      const sep = this.la();
      if (sep.tokenType === T.COMMA) {
        this.i++;
        if (this.la().tokenType === T.RIGHT_PAREN) {
          this.lastClosing = this.la().end;
          this.i++;
          return labels;
        }
        continue;
      }
      if (sep.tokenType === T.RIGHT_PAREN) {
        this.lastClosing = sep.end;
        this.i++;
        return labels;
      }
      this.reportUnexpected('grouping opts', '"," or ")"');
      this.skipTo(T.RIGHT_PAREN);
      if (this.la().tokenType === T.EOF) this.unexpected('grouping opts', '"," or ")"');
      if (this.la().tokenType === T.RIGHT_PAREN) {
        this.lastClosing = this.la().end;
        this.i++;
        return labels;
      }
      this.i++;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Operands.

  /** vector_selector := metric_identifier [label_matchers] | label_matchers */
  protected parseVectorSelector(name: PromToken | null): VectorSelector {
    const vs: VectorSelector = {
      type: 'VectorSelector',
      name: name ? name.image : '',
      originalOffsetMs: 0,
      originalOffsetExpr: null,
      timestamp: null,
      startOrEnd: null,
      labelMatchers: [],
      bypassEmptyMatcherCheck: false,
      anchored: false,
      smoothed: false,
      range: name ? range(name) : { start: this.la().startOffset, end: this.la().startOffset },
    };
    if (this.la().tokenType === T.LEFT_BRACE) {
      const close = this.parseLabelMatchers(vs.labelMatchers);
      vs.range = { start: vs.range.start, end: close };
    }
    if (name) vs.labelMatchers.push({ name: '__name__', op: '=', value: name.image });
    return vs;
  }

  /** label_matchers := "{" [label_matcher ("," label_matcher)* [","]] "}"; returns the end of "}". */
  private parseLabelMatchers(out: LabelMatcher[]): number {
    this.i++; // "{"
    for (;;) {
      const t = this.la();
      if (t.tokenType === T.RIGHT_BRACE) break;
      if (t.tokenType === T.IDENTIFIER) {
        this.i++;
        out.push(this.parseMatcherRest(t, t.image, false));
      } else if (t.tokenType === T.STRING) {
        this.i++;
        out.push(this.parseMatcherRest(t, this.unquote(t), true));
      } else {
        this.unexpected('label matching', 'identifier or "}"');
      }
      const sep = this.la();
      if (sep.tokenType === T.COMMA) {
        this.i++;
        continue;
      }
      if (sep.tokenType !== T.RIGHT_BRACE) this.unexpected('label matching', '"," or "}"');
    }
    const close = this.la();
    this.i++;
    this.lastClosing = close.end;
    return close.end;
  }

  private parseMatcherRest(nameTok: PromToken, name: string, quotedName: boolean): LabelMatcher {
    const opTok = this.la();
    const op = MATCH_OPS.get(opTok.tokenType);
    if (op === undefined) {
      if (quotedName) {
        // A lone quoted string is the metric name: {"my.metric"}.
        return { name: '__name__', op: '=', value: name, range: range(nameTok) };
      }
      this.unexpected('label matching', 'label matching operator');
    }
    this.i++;
    const v = this.la();
    if (v.tokenType !== T.STRING) this.unexpected('label matching', 'string');
    this.i++;
    const value = this.unquote(v);
    const r = { start: nameTok.startOffset, end: v.end };
    if (op === '=~' || op === '!~') this.checkRegex(value, r);
    return { name, op: op!, value, range: r };
  }

  protected numberLiteral(t: PromToken): NumberLiteral {
    if (t.tokenType === T.DURATION) {
      return { type: 'NumberLiteral', val: this.durationSeconds(t), duration: true, range: range(t) };
    }
    return { type: 'NumberLiteral', val: this.parseNumber(t), duration: false, range: range(t) };
  }

  // ---------------------------------------------------------------------------------------------
  // Postfix modifiers: [range], [range:step], offset, @, anchored, smoothed.

  protected parsePostfix(e: Expr): Expr {
    const t = this.la();
    this.i++;
    switch (t.tokenType) {
      case T.LEFT_BRACKET:
        return this.parseRangeOrSubquery(e, t);
      case T.OFFSET: {
        const d = this.parseOffsetDuration();
        if (d.type === 'NumberLiteral') this.addOffset(e, Math.round(d.val * 1000), null);
        else this.addOffset(e, 0, d as DurationExpr);
        return e;
      }
      case T.AT:
        this.parseAt(e);
        return e;
      case T.ANCHORED:
        this.setAnchoredOrSmoothed(e, 'anchored');
        return e;
      default:
        this.setAnchoredOrSmoothed(e, 'smoothed');
        return e;
    }
  }

  /** matrix_selector := expr "[" duration "]";  subquery_expr := expr "[" duration ":" [duration] "]" */
  private parseRangeOrSubquery(e: Expr, open: PromToken): Expr {
    const rangeDur = this.parseDurationExpr('subquery or range selector', 'number, duration, step(), or range()');
    const t = this.la();
    if (t.tokenType === T.RIGHT_BRACKET) {
      this.i++;
      this.lastClosing = t.end;
      const positiveRange = this.positive(rangeDur);
      let msg = '';
      if (e.type !== 'VectorSelector') msg = 'ranges only allowed for vector selectors';
      else if (e.originalOffsetMs !== 0 || e.originalOffsetExpr) msg = 'no offset modifiers allowed before range';
      else if (e.timestamp !== null || e.startOrEnd !== null) msg = 'no @ modifiers allowed before range';
      if (msg) this.addError(msg, { start: open.startOffset, end: t.end });
      const ms: MatrixSelector = {
        type: 'MatrixSelector',
        vectorSelector: e,
        rangeMs: 0,
        rangeExpr: null,
        range: { start: e.range.start, end: t.end },
      };
      if (positiveRange.type === 'NumberLiteral') ms.rangeMs = Math.round(positiveRange.val * 1000);
      else ms.rangeExpr = positiveRange as DurationExpr;
      return ms;
    }
    if (t.tokenType !== T.COLON) this.unexpected('subquery or range', '":" or "]"');
    this.i++;
    const positiveRange = this.positive(rangeDur);
    let step: Expr | null = null;
    if (this.la().tokenType !== T.RIGHT_BRACKET) {
      step = this.positive(this.parseDurationExpr('subquery selector', 'number, duration, step(), range(), or "]"'));
      if (this.la().tokenType !== T.RIGHT_BRACKET) this.unexpected('subquery selector', '"]"');
    }
    const close = this.la();
    this.i++;
    this.lastClosing = close.end;
    const sq: SubqueryExpr = {
      type: 'SubqueryExpr',
      expr: e,
      rangeMs: 0,
      rangeExpr: null,
      originalOffsetMs: 0,
      originalOffsetExpr: null,
      timestamp: null,
      startOrEnd: null,
      stepMs: 0,
      stepExpr: null,
      range: { start: e.range.start, end: close.end },
    };
    if (positiveRange.type === 'NumberLiteral') sq.rangeMs = Math.round(positiveRange.val * 1000);
    else sq.rangeExpr = positiveRange as DurationExpr;
    if (step) {
      if (step.type === 'NumberLiteral') sq.stepMs = Math.round(step.val * 1000);
      else sq.stepExpr = step as DurationExpr;
    }
    return sq;
  }

  /** Go's addOffset / addOffsetExpr. */
  private addOffset(e: Expr, ms: number, expr: DurationExpr | null): void {
    let target: { originalOffsetMs: number; originalOffsetExpr: DurationExpr | null };
    let endOf: { range: PosRange };
    if (e.type === 'VectorSelector' || e.type === 'SubqueryExpr') {
      target = e;
      endOf = e;
    } else if (e.type === 'MatrixSelector') {
      if (e.vectorSelector.type !== 'VectorSelector') {
        this.addError('ranges only allowed for vector selectors', e.range);
        return;
      }
      target = e.vectorSelector;
      endOf = e;
    } else {
      this.addError('offset modifier must be preceded by an instant vector selector or range vector selector or a subquery', e.range);
      return;
    }
    if (target.originalOffsetMs !== 0 || target.originalOffsetExpr) {
      this.addError('offset may not be set multiple times', e.range);
    } else if (expr) {
      target.originalOffsetExpr = expr;
    } else {
      target.originalOffsetMs = ms;
    }
    endOf.range = { start: endOf.range.start, end: this.lastClosing };
  }

  /** at := "@" signed_number | "@" (start | end) "(" ")" */
  private parseAt(e: Expr): void {
    const t = this.la();
    if (t.tokenType === T.START || t.tokenType === T.END) {
      this.i++;
      this.expect(T.LEFT_PAREN, '@', 'timestamp');
      this.expect(T.RIGHT_PAREN, '@', 'timestamp');
      const at = this.atTarget(e);
      if (!at) return;
      at.target.startOrEnd = t.tokenType === T.START ? 'start' : 'end';
      at.endOf.range = { start: at.endOf.range.start, end: this.lastClosing };
      return;
    }
    const next = t.tokenType === T.ADD || t.tokenType === T.SUB ? this.la(1).tokenType : t.tokenType;
    if (next !== T.NUMBER && next !== T.DURATION) this.unexpected('@', 'timestamp');
    const ts = this.parseSignedNumber('@', 'timestamp');
    if (!Number.isFinite(ts) || ts >= 9223372036854775807 || ts <= -9223372036854775808) {
      this.addError(`timestamp out of bounds for @ modifier: ${formatFloatFixed6(ts)}`, e.range);
    }
    const at = this.atTarget(e);
    if (!at) return;
    at.target.timestamp = Math.round(ts * 1000);
    at.endOf.range = { start: at.endOf.range.start, end: this.lastClosing };
  }

  /** Go's getAtModifierVars. */
  private atTarget(e: Expr): { target: VectorSelector | SubqueryExpr; endOf: { range: PosRange } } | null {
    let target: VectorSelector | SubqueryExpr;
    let endOf: { range: PosRange };
    if (e.type === 'VectorSelector' || e.type === 'SubqueryExpr') {
      target = e;
      endOf = e;
    } else if (e.type === 'MatrixSelector') {
      if (e.vectorSelector.type !== 'VectorSelector') {
        this.addError('ranges only allowed for vector selectors', e.range);
        return null;
      }
      target = e.vectorSelector;
      endOf = e;
    } else {
      this.addError('@ modifier must be preceded by an instant vector selector or range vector selector or a subquery', e.range);
      return null;
    }
    if (target.timestamp !== null || target.startOrEnd !== null) {
      this.addError('@ <timestamp> may not be set multiple times', e.range);
      return null;
    }
    return { target, endOf };
  }

  /** Go's setAnchored / setSmoothed. */
  private setAnchoredOrSmoothed(e: Expr, which: 'anchored' | 'smoothed'): void {
    const other = which === 'anchored' ? 'smoothed' : 'anchored';
    if (!this.opts.enableExtendedRangeSelectors) {
      this.addError(`${which} modifier is experimental and not enabled`, e.range);
      return;
    }
    let vs: VectorSelector;
    if (e.type === 'VectorSelector') vs = e;
    else if (e.type === 'MatrixSelector') {
      if (e.vectorSelector.type !== 'VectorSelector') return;
      vs = e.vectorSelector;
    } else if (e.type === 'SubqueryExpr') {
      this.addError(`${which} modifier is not supported for subqueries`, e.range);
      return;
    } else {
      this.addError(`${which} modifier not implemented`, e.range);
      return;
    }
    vs[which] = true;
    if (vs[other]) this.addError('anchored and smoothed modifiers cannot be used together', e.range);
  }
}
