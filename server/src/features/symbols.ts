// Document symbols. A .promql file lists one symbol per expression, named by its first line. Rule
// files and dashboards get an outline of their structure: rule groups → rules, and dashboard rows →
// panels → targets, with the template variables under one "Variables" node.
import '../documents/goYamlLeniency'; // go-yaml's leniency in flow collections and quoted scalars
import { isMap, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import type { Node } from 'jsonc-parser';
import type { EmbeddedExpression, ExpressionKind } from '../documents/types';
import type { FileKind } from '../lint/types';
import type { PosRange } from '../promql/ast';
import { groupSequences } from '../documents/ruleFile';
import { items, parseDashboard, prop, propertyNode, str, templateVariables } from '../documents/dashboardModel';
import { detectFileKind } from '../documents/detect';
import { fileNameOf } from './expressions';

export interface ExpressionSymbol {
  name: string;
  detail: string;
  kind: ExpressionKind;
  /** File offsets of the whole expression. */
  range: PosRange;
}

const DETAIL: Record<ExpressionKind, string> = {
  'promql-file': 'PromQL',
  'rule-expr': 'rule expression',
  'rule-test-expr': 'test expression',
  'dashboard-target': 'panel query',
  'dashboard-variable': 'variable query',
};

export function expressionSymbols(expressions: readonly EmbeddedExpression[]): ExpressionSymbol[] {
  return expressions.map((e) => ({
    name: e.label.trim() || e.text.trim().split('\n')[0] || '(empty)',
    detail: DETAIL[e.kind],
    kind: e.kind,
    range: { start: e.range.start, end: e.range.end },
  }));
}

export type OutlineKind =
  | 'expression' | 'group' | 'recording-rule' | 'alerting-rule'
  | 'row' | 'panel' | 'target' | 'variables' | 'variable';

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: OutlineKind;
  /** UTF-16 file offsets of the whole node. */
  range: PosRange;
  /** The part to reveal when the symbol is picked (the name); always inside `range`. */
  selectionRange: PosRange;
  children: OutlineSymbol[];
}

/** The outline of an open document: the language id wins over the file name, as for expressions. */
export function documentOutline(uri: string, languageId: string | undefined, text: string, expressions: readonly EmbeddedExpression[]): OutlineSymbol[] {
  const kind = languageId === 'promql' ? 'promql' : detectFileKind(fileNameOf(uri), text);
  return documentSymbols(kind, text, expressions);
}

/** The outline of a document of the given kind; `expressions` are its PromQL (for .promql files). */
export function documentSymbols(kind: FileKind | null, text: string, expressions: readonly EmbeddedExpression[]): OutlineSymbol[] {
  let tree: OutlineSymbol[] = [];
  try {
    if (kind === 'rule-file') tree = ruleFileOutline(text);
    else if (kind === 'dashboard') tree = dashboardOutline(text);
  } catch {
    tree = []; // half-typed input must never break the outline: fall back to the expressions
  }
  if (tree.length > 0 || kind === 'prometheus-config') return tree;
  // .promql files, and structures we do not outline (v2 dashboards): one symbol per expression.
  return expressionSymbols(expressions).map((s) => ({
    name: s.name, detail: s.detail, kind: 'expression', range: s.range, selectionRange: s.range, children: [],
  }));
}

function symbol(name: string, detail: string, kind: OutlineKind, range: PosRange, selection: PosRange | undefined, children: OutlineSymbol[] = []): OutlineSymbol {
  const inside = selection && selection.start >= range.start && selection.end <= range.end;
  return { name, detail, kind, range, selectionRange: inside ? selection : { start: range.start, end: range.start }, children };
}

// --- rule files ---------------------------------------------------------------------------

function yamlRange(node: unknown): PosRange | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

function ruleFileOutline(text: string): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  const docs = parseAllDocuments(text) as Document.Parsed[] | unknown;
  if (!Array.isArray(docs)) return out; // an empty stream
  for (const doc of docs as Document.Parsed[]) {
    for (const groups of groupSequences(doc.contents)) {
      if (!isSeq(groups)) continue;
      for (const group of groups.items) {
        const range = yamlRange(group);
        if (!isMap(group) || !range) continue;
        const nameNode = group.get('name', true);
        const rules = group.get('rules', true);
        const children = isSeq(rules) ? rules.items.flatMap((r) => ruleSymbol(r)) : [];
        out.push(symbol(scalarText(nameNode) || '(unnamed group)', 'rule group', 'group', range, yamlRange(nameNode), children));
      }
    }
  }
  return out;
}

function ruleSymbol(rule: unknown): OutlineSymbol[] {
  const range = yamlRange(rule);
  if (!isMap(rule) || !range) return [];
  const alert = rule.get('alert', true);
  const record = rule.get('record', true);
  const nameNode = alert !== undefined ? alert : record;
  const kind: OutlineKind = alert !== undefined ? 'alerting-rule' : 'recording-rule';
  const detail = alert !== undefined ? 'alerting rule' : record !== undefined ? 'recording rule' : 'rule';
  return [symbol(scalarText(nameNode) || '(unnamed rule)', detail, kind, range, yamlRange(nameNode))];
}

// --- dashboards ---------------------------------------------------------------------------

function nodeRange(node: Node): PosRange {
  return { start: node.offset, end: node.offset + node.length };
}

function maybeRange(node: Node | undefined): PosRange | undefined {
  return node ? nodeRange(node) : undefined;
}

function dashboardOutline(text: string): OutlineSymbol[] {
  const { dash } = parseDashboard(text);
  if (!dash) return [];
  const out: OutlineSymbol[] = [];
  // Current schema: a flat panels[] where an expanded row owns the panels after it, up to the next
  // row; a collapsed row keeps its panels in its own panels[].
  let row: { node: Node; children: OutlineSymbol[] } | undefined;
  const closeRow = (): void => {
    if (!row) return;
    const last = row.children.at(-1)?.range.end ?? 0;
    const range = nodeRange(row.node);
    out.push(rowSymbol(row.node, { start: range.start, end: Math.max(range.end, last) }, row.children));
    row = undefined;
  };
  for (const p of items(prop(dash, 'panels'))) {
    if (p.type !== 'object') continue;
    if (str(prop(p, 'type')) === 'row') {
      closeRow();
      row = { node: p, children: items(prop(p, 'panels')).filter((c) => c.type === 'object').map(panelSymbol) };
    } else if (row) {
      row.children.push(panelSymbol(p));
    } else {
      out.push(panelSymbol(p));
    }
  }
  closeRow();
  // Old schema (before Grafana 5): rows[] each holding panels[].
  for (const r of items(prop(dash, 'rows'))) {
    if (r.type !== 'object') continue;
    out.push(rowSymbol(r, nodeRange(r), items(prop(r, 'panels')).filter((c) => c.type === 'object').map(panelSymbol)));
  }
  const variables = templateVariables(dash);
  const templating = propertyNode(dash, 'templating');
  if (variables.length > 0 && templating) {
    out.push(symbol('Variables', 'template variables', 'variables', nodeRange(templating), maybeRange(templating.children?.[0]), variables.map(variableSymbol)));
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

function rowSymbol(row: Node, range: PosRange, children: OutlineSymbol[]): OutlineSymbol {
  const title = prop(row, 'title');
  return symbol(str(title) || '(untitled row)', 'row', 'row', range, maybeRange(title), children);
}

function panelSymbol(panel: Node): OutlineSymbol {
  const title = prop(panel, 'title');
  const id = prop(panel, 'id');
  const name = str(title)?.trim() || (id && (id.type === 'number' || id.type === 'string') ? `Panel ${String(id.value)}` : 'Panel');
  const targets = items(prop(panel, 'targets')).filter((t) => t.type === 'object').map(targetSymbol);
  return symbol(name, str(prop(panel, 'type')) ?? 'panel', 'panel', nodeRange(panel), maybeRange(str(title) ? title : id), targets);
}

function targetSymbol(target: Node): OutlineSymbol {
  const refId = prop(target, 'refId');
  const expr = prop(target, 'expr');
  const firstLine = (str(expr) ?? '').trim().split('\n')[0].trim();
  const name = [str(refId), firstLine].filter(Boolean).join(' ') || 'target';
  return symbol(name, 'target', 'target', nodeRange(target), maybeRange(str(expr) !== undefined ? expr : refId));
}

function variableSymbol(v: Node): OutlineSymbol {
  const name = prop(v, 'name');
  return symbol(str(name) || '(unnamed variable)', str(prop(v, 'type')) ?? 'variable', 'variable', nodeRange(v), maybeRange(name));
}
