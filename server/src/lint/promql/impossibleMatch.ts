// A binary operation between two vectors whose sides can never match. Prometheus pairs a left
// and a right series when they have the same values on the labels it compares (all labels but
// the metric name, or those of on(...), less those of ignoring(...)). When the query itself fixes
// a compared label to different values on the two sides — `x{status="hit"} + x{status="miss"}`,
// or `sum by (job) (a) / b{code="500"}` where the left side has no `code` label at all — no pair
// exists: arithmetic, comparisons and `and` always return nothing, and `unless` removes nothing.
// One fact comes from outside the query: every scraped series has a `job` label, so a raw
// selector (not a recording rule's level:metric:operations name) never matches a side without
// one: `count(a) / b`, `sum(a) >= b`.
// Found in real rule files: memcached's hit ratio divides hits by hits + misses; postgres_exporter,
// pgbouncer and DigitalOcean alerts compare an aggregate with a raw series.
// Shared by the rule-file, dashboard and .promql linters, each with its own rule id.
import { bottomUp, preorder, TypeCache, type BinaryExpr, type Expr, type LabelMatcher, type PosRange, type ValueType, type VectorSelector } from '../../promql/ast';
import type { QuickFix } from '../types';
import { metricName } from '../rules/quality/astUtil';
import { REGEX_META } from '../rules/quality/matchers';
import { firstVectorArg, KEEP_INPUT_AGGREGATIONS, labelSetsOf, stringArg, type LabelSet } from '../rules/quality/outputLabels';

/** Label values that every series of an expression's result has ("" for a label none has, PRESENT for one all have). */
type Fixed = Map<string, string>;

/** What the analysis may take as written: a dashboard's matchers holding a variable are not. */
export interface MatchOptions {
  /** False for a matcher whose name or value is not known until run time. */
  literal?: (m: LabelMatcher) => boolean;
}

const ALWAYS = (): boolean => true;

/** The value a matcher fixes its label to: `l="v"`, or `l=~"v"` with no regex in it (anchored). */
function fixedValue(m: LabelMatcher, literal: (m: LabelMatcher) => boolean): string | undefined {
  if (m.name === '__name__' || !literal(m)) return undefined;
  if (m.op === '=') return m.value;
  if (m.op === '=~' && !REGEX_META.test(m.value)) return m.value;
  return undefined;
}

/**
 * The labels whose value the query fixes for every series of each node's result, computed
 * bottom-up over one walk (no recursion: trees 10,000 levels deep; a chain of n operators costs
 * n steps). A node's map may be its child's: do not modify them.
 */
function fixedLabelsOf(nodes: readonly Expr[], literal: (m: LabelMatcher) => boolean, types: TypeCache): Map<Expr, Fixed> {
  const typeOf = (x: Expr): ValueType => types.get(x);
  return bottomUp<Fixed>(nodes, (node, of) => computeFixed(node, of, literal, typeOf));
}

const NONE: Fixed = new Map();

/** The value of a label every series has, whatever its value (the `job` of scraped series). */
export const PRESENT = '\u0000present';

/**
 * Whether a selector reads series as scraped, which all carry a `job` label: Prometheus sets it
 * from the job name (the Pushgateway's series have one too). Not recording rules' outputs
 * (level:metric:operations names), nor the ALERTS series, nor a selector that allows an empty job.
 */
function scrapedSeries(v: VectorSelector): boolean {
  const name = metricName(v);
  if (name === '' || name.includes(':') || name === 'ALERTS' || name === 'ALERTS_FOR_STATE') return false;
  return !v.labelMatchers.some((m) => m.name === 'job');
}


/** The labels whose value the query fixes for every series of e's result. */
export function fixedLabels(e: Expr, opts: MatchOptions = {}): Fixed {
  return fixedLabelsOf(preorder(e), opts.literal ?? ALWAYS, new TypeCache()).get(e) ?? NONE;
}

function computeFixed(e: Expr, of: (x: Expr) => Fixed, literal: (m: LabelMatcher) => boolean, exprType: (x: Expr) => ValueType): Fixed {
  switch (e.type) {
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'SubqueryExpr':
      return of(e.expr);
    case 'MatrixSelector':
      return of(e.vectorSelector);
    case 'VectorSelector': {
      let out: Fixed | undefined;
      for (const m of e.labelMatchers) {
        const v = fixedValue(m, literal);
        if (v !== undefined) (out ??= new Map()).set(m.name, v);
      }
      if (!out?.has('job') && scrapedSeries(e)) (out ??= new Map()).set('job', PRESENT);
      return out ?? NONE;
    }
    case 'AggregateExpr': {
      if (!e.expr) return NONE;
      const inner = of(e.expr);
      if (KEEP_INPUT_AGGREGATIONS.has(e.op)) return inner;
      if (inner.size === 0 && !e.without) return NONE;
      const out: Fixed = new Map();
      if (e.without) {
        for (const [l, v] of inner) if (!e.grouping.includes(l)) out.set(l, v);
        for (const l of e.grouping) out.set(l, '');
      } else {
        for (const l of e.grouping) if (inner.has(l)) out.set(l, inner.get(l) as string);
      }
      // count_values writes its own label, whatever the input had.
      if (e.op === 'count_values') {
        const label = stringArg(e.param ?? undefined);
        if (label === null) return NONE;
        out.delete(label);
      }
      return out;
    }
    case 'Call': {
      const arg = firstVectorArg(e.args, exprType);
      if (!arg) return NONE;
      const name = e.func.name;
      if (name === 'label_replace' || name === 'label_join') {
        const dst = stringArg(e.args[1]);
        if (dst === null) return NONE;
        const inner = new Map(of(arg));
        inner.delete(dst);
        return inner;
      }
      if (name === 'histogram_quantile' || name === 'histogram_fraction') return new Map(of(arg)).set('le', '');
      return of(arg);
    }
    case 'BinaryExpr': {
      const lt = exprType(e.lhs);
      const rt = exprType(e.rhs);
      if (lt !== 'vector') return rt === 'vector' ? of(e.rhs) : NONE;
      if (rt !== 'vector') return of(e.lhs);
      if (e.op === 'and' || e.op === 'unless') return of(e.lhs);
      const left = new Map(of(e.lhs));
      const right = of(e.rhs);
      if (e.op === 'or') {
        const out: Fixed = new Map();
        for (const [l, v] of left) if (right.get(l) === v) out.set(l, v);
        return out;
      }
      const m = e.vectorMatching;
      if (!m || m.fillValues) return NONE;
      // Go's resultMetric: one-to-one keeps the on(...) labels or drops the ignoring(...) ones;
      // group_left/right keeps the "many" side's labels and copies the group_x(...) ones over.
      if (m.card === 'one-to-one') {
        if (!m.on) {
          for (const l of m.matchingLabels) left.delete(l);
          return left;
        }
        const out: Fixed = new Map();
        for (const l of m.matchingLabels) {
          const v = left.get(l) ?? right.get(l);
          if (v !== undefined) out.set(l, v);
        }
        return out;
      }
      const [many, one] = m.card === 'many-to-one' ? [left, new Map(right)] : [new Map(right), left];
      for (const l of m.include) {
        const v = one.get(l);
        if (v === undefined) many.delete(l);
        else many.set(l, v);
      }
      return many;
    }
    default:
      return NONE;
  }
}

/** A compared label the two sides fix to different values ("" = the side has no such label). */
interface Conflict {
  label: string;
  left: string;
  right: string;
}

function sideValue(fixed: Fixed, labels: ReadonlySet<string> | null, label: string): string | undefined {
  const v = fixed.get(label);
  if (v !== undefined) return v;
  return labels && !labels.has(label) ? '' : undefined;
}

/** The labels on which the two sides of e can never match (none: they can). */
function conflictsOf(e: BinaryExpr, fixed: Map<Expr, Fixed>, labels: Map<Expr, LabelSet>, types: TypeCache): Conflict[] {
  const m = e.vectorMatching;
  if (!m || m.fillValues || e.op === 'or') return [];
  if (types.get(e.lhs) !== 'vector' || types.get(e.rhs) !== 'vector') return [];
  const left = fixed.get(e.lhs) ?? NONE;
  const right = fixed.get(e.rhs) ?? NONE;
  const leftLabels = labels.get(e.lhs) ?? null;
  const rightLabels = labels.get(e.rhs) ?? null;
  const candidates = m.on ? m.matchingLabels : [...new Set([...left.keys(), ...right.keys()])].filter((l) => !m.matchingLabels.includes(l));
  const out: Conflict[] = [];
  for (const label of candidates) {
    if (label === '__name__') continue;
    const l = sideValue(left, leftLabels, label);
    const r = sideValue(right, rightLabels, label);
    if (l === undefined || r === undefined || l === r) continue;
    // A label present on every series conflicts only with its absence.
    if ((l === PRESENT && r !== '') || (r === PRESENT && l !== '')) continue;
    out.push({ label, left: l, right: r });
  }
  return out;
}

/** The operator's keyword or symbol, then `bool`, as written between the two operands. */
const OPERATOR_AT = /^(?:\s|#[^\n]*\n?)*([-+*/%^]|==|!=|<=|>=|<|>|and|or|unless|atan2)(\s+bool)?/i;

/**
 * `ignoring(...)` after the operator, when that is the whole fix: every conflict is between two
 * values written in the query (not a missing label), and no on/ignoring/group_x clause is there.
 */
function ignoringFix(e: BinaryExpr, conflicts: Conflict[], text: string): ImpossibleMatch['fix'] {
  const m = e.vectorMatching;
  if (!m || m.explicit) return undefined;
  if (conflicts.some((c) => c.left === '' || c.right === '' || c.left === PRESENT || c.right === PRESENT)) return undefined;
  const between = text.slice(e.lhs.range.end, e.rhs.range.start);
  const op = OPERATOR_AT.exec(between);
  if (!op || op[1].toLowerCase() !== e.op) return undefined;
  const clause = `ignoring(${conflicts.map((c) => c.label).join(', ')})`;
  return { at: e.lhs.range.end + op[0].length, insert: ` ${clause}`, title: `Add ${clause}` };
}

function describeSide(label: string, value: string): string {
  if (value === PRESENT) return `has a ${label} label (every scraped series has one)`;
  return value === '' ? `has no ${label} label` : `has ${label}="${value}"`;
}

function message(e: BinaryExpr, c: Conflict): string {
  const m = e.vectorMatching;
  const how = m?.on ? `on(${m.matchingLabels.join(', ')})` : 'matching';
  const fix = m?.on ? `leave ${c.label} out of on(...)` : `add ignoring(${c.label}) or on(...) without it`;
  const outcome = e.op === 'unless' ? '`unless` never removes anything' : 'the result is always empty';
  return `the two sides of ${e.op} can never match: every left series ${describeSide(c.label, c.left)} and every right series ${describeSide(c.label, c.right)}, and ${how} compares ${c.label}: ${outcome} (${fix}, if that is what you meant)`;
}

/** A binary operation whose sides can never match, with what to say about it. */
export interface ImpossibleMatch {
  node: BinaryExpr;
  message: string;
  /** With the query's text: an insertion (offset in that text) that makes the sides match. */
  fix?: { at: number; insert: string; title: string };
}

/** Every binary operation in root whose sides can never match. */
export function impossibleMatches(root: Expr, opts: MatchOptions & { text?: string; nodes?: readonly Expr[] } = {}): ImpossibleMatch[] {
  const nodes = opts.nodes ?? preorder(root);
  const candidates = matchCandidates(nodes);
  if (candidates.length === 0) return [];
  const types = new TypeCache();
  const fixed = fixedLabelsOf(nodes, opts.literal ?? ALWAYS, types);
  let labels: Map<Expr, LabelSet> | undefined;
  const out: ImpossibleMatch[] = [];
  for (const node of candidates) {
    // Most operations fix no label on either side: nothing to compare, no label sets needed.
    if ((fixed.get(node.lhs) ?? NONE).size === 0 && (fixed.get(node.rhs) ?? NONE).size === 0) continue;
    labels ??= labelSetsOf(root, types, nodes);
    const conflicts = conflictsOf(node, fixed, labels, types);
    if (conflicts.length === 0) continue;
    const found: ImpossibleMatch = { node, message: message(node, conflicts[0]) };
    const fix = opts.text === undefined ? undefined : ignoringFix(node, conflicts, opts.text);
    if (fix) found.fix = fix;
    out.push(found);
  }
  return out;
}

/**
 * A finding's message, range and quick fix in a file, through `toFile`, the mapping of the
 * expression's text to the file (a rule's YAML scalar, a dashboard's JSON string, a .promql file).
 */
export function placeInFile(found: ImpossibleMatch, toFile: (r: PosRange) => PosRange): { message: string; range: PosRange; fixes?: QuickFix[] } {
  const placed: { message: string; range: PosRange; fixes?: QuickFix[] } = { message: found.message, range: toFile(found.node.range) };
  const fix = found.fix;
  if (fix) placed.fixes = [{ title: fix.title, edits: [{ range: toFile({ start: fix.at, end: fix.at }), newText: fix.insert }] }];
  return placed;
}

/** The operations that match series of two vectors (not `or`, which never needs a match), in walk order. */
export function matchCandidates(nodes: readonly Expr[]): BinaryExpr[] {
  const out: BinaryExpr[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node.type === 'BinaryExpr' && node.vectorMatching && node.op !== 'or') out.push(node);
  }
  return out;
}

/** impossibleMatches for one operation: the conflict, if any (tests). */
export function impossibleMatch(e: BinaryExpr, opts: MatchOptions = {}): Conflict | undefined {
  const types = new TypeCache();
  const nodes = preorder(e);
  return conflictsOf(e, fixedLabelsOf(nodes, opts.literal ?? ALWAYS, types), labelSetsOf(e, types, nodes), types)[0];
}

/** The rule's summary and its two examples (as PromQL), for each linter's documentation. */
export const IMPOSSIBLE_MATCH_SUMMARY =
  'A binary operation between two vectors whose sides the query itself gives different values of a compared label (x{status="hit"} / x{status="miss"}, or sum by (job) (a) / b{code="500"}), or where one side has no job label and the other reads scraped series, which all have one (count(a) / b): no series pair can match, so the result is always empty (`unless` removes nothing).';
export const IMPOSSIBLE_MATCH_BAD = 'rate(memcached_commands_total{status="hit"}[5m]) / rate(memcached_commands_total{status="miss"}[5m])';
export const IMPOSSIBLE_MATCH_GOOD = 'rate(memcached_commands_total{status="hit"}[5m]) / ignoring(status) rate(memcached_commands_total{status="miss"}[5m])';
