// Everything a dashboard check needs: the JSON tree, panels, variables, the PromQL found in it
// (each parsed once, with Grafana variables replaced) and where to put a diagnostic.
import type { Node } from 'jsonc-parser';
import type { PosRange } from '../../promql/ast';
import { parsePromQL, type ParseResult } from '../../promql/parse';
import type { ParseOptions } from '../../promql/types';
import { findDashboardExpressions, type DashboardExpression } from '../../documents/dashboard';
import { reportableErrors } from '../../documents/grafanaVariables';
import { allPanels, datasourceResolver, num, prop, str, templateVariables, type DashboardDoc, type DatasourceResolver } from '../../documents/dashboardModel';
import { mapRange } from '../../documents/positionMap';
import type { QuickFix, RuleDoc, Severity } from '../types';

export interface Finding {
  message: string;
  range: PosRange;
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
  fixes?: QuickFix[];
}

export interface DashboardCheck {
  doc: RuleDoc;
  check(ctx: DashboardContext): Finding[];
}

export function ruleDoc(id: string, defaultSeverity: Severity, summary: string, badExample: string, goodExample: string): RuleDoc {
  return { id, fileKind: 'dashboard', defaultSeverity, summary, badExample, goodExample };
}

export class DashboardContext {
  readonly text: string;
  readonly dash: Node;
  readonly root: Node | undefined;
  readonly title: string;
  readonly panels: Node[];
  readonly variables: Node[];
  readonly expressions: DashboardExpression[];
  private readonly parseOptions: ParseOptions;
  private readonly parsed = new Map<string, ParseResult | null>();
  private parserWorks: boolean | undefined;
  /** The plugin type a data source reference resolves to (undefined: unknown, taken for Prometheus). */
  readonly datasourceType: DatasourceResolver;

  constructor(doc: DashboardDoc & { dash: Node }, parseOptions: ParseOptions = {}) {
    this.text = doc.text;
    this.dash = doc.dash;
    this.root = doc.root;
    this.datasourceType = datasourceResolver(doc.root, doc.dash);
    this.title = str(prop(doc.dash, 'title')) ?? '';
    this.panels = allPanels(doc.dash);
    this.variables = templateVariables(doc.dash);
    this.expressions = findDashboardExpressions(doc);
    this.parseOptions = parseOptions;
  }

  get targets(): DashboardExpression[] {
    return this.expressions.filter((e) => e.kind === 'dashboard-target');
  }

  variable(name: string): Node | undefined {
    return this.variables.find((v) => str(prop(v, 'name')) === name);
  }

  get datasourceVariables(): Node[] {
    return this.variables.filter((v) => str(prop(v, 'type')) === 'datasource');
  }

  /** dashboard-linter's gate for its Prometheus rules: the first datasource variable is Prometheus. */
  get prometheusTemplated(): boolean {
    const first = this.datasourceVariables[0];
    return first !== undefined && str(prop(first, 'query')) === 'prometheus';
  }

  /** Whether the dashboard queries Prometheus at all (rules about Prometheus stay quiet otherwise). */
  get usesPrometheus(): boolean {
    return this.prometheusTemplated || this.expressions.length > 0;
  }

  /** The parse of an expression's interpolated text; null while the PromQL parser is unavailable. */
  parse(e: DashboardExpression): ParseResult | null {
    if (this.parserWorks === undefined) {
      const probe = parsePromQL('1');
      this.parserWorks = !probe.errors.some((x) => x.message === 'not implemented');
    }
    if (!this.parserWorks) return null;
    const key = e.text === e.source ? e.text : `${e.text}\u0000${e.source}`;
    let r = this.parsed.get(key);
    if (r === undefined) {
      r = parsePromQL(e.text, this.parseOptions);
      const errors = reportableErrors(e, r.errors);
      if (errors !== r.errors) r = { ...r, errors: [...errors] };
      this.parsed.set(key, r);
    }
    return r;
  }

  /** Maps a range of the expression's text to the file. */
  fileRange(e: DashboardExpression, r: PosRange): PosRange {
    return mapRange(e.toFileOffset, r);
  }

  /** Where to report about a JSON object: its `title` (or `name`, `type`) value, else its `{`. */
  anchor(node: Node | undefined, ...keys: string[]): PosRange {
    for (const k of [...keys, 'title', 'name', 'type']) {
      const v = prop(node, k);
      if (v) return valueRange(v);
    }
    if (node) return { start: node.offset, end: node.offset + 1 };
    return this.dashboardAnchor();
  }

  dashboardAnchor(): PosRange {
    const t = prop(this.dash, 'title');
    return t ? valueRange(t) : { start: this.dash.offset, end: this.dash.offset + 1 };
  }

  panelName(panel: Node): string {
    return str(prop(panel, 'title')) ?? '';
  }

  /**
   * How dashboard-linter names a panel in a message (PanelRuleResults.AddError): by its title,
   * or by its id when it has no title (0 when it has none either, Go's zero value).
   */
  panelLabel(panel: Node): string {
    const title = this.panelName(panel);
    return title ? `panel '${title}'` : `panel with id '${num(prop(panel, 'id')) ?? 0}'`;
  }
}

/** A value's range; for strings the characters inside the quotes (if any). */
export function valueRange(v: Node): PosRange {
  if (v.type === 'string' && v.length >= 2) return { start: v.offset + 1, end: v.offset + v.length - 1 };
  return { start: v.offset, end: v.offset + v.length };
}
