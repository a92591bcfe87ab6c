// "Format this PromQL expression" for PromQL embedded in a rule file (YAML) or a dashboard (JSON):
// format the one expression, then write it back as a YAML/JSON value that decodes to exactly the
// formatted text. Every candidate is checked by extracting the expressions of the edited file
// again; a candidate that does not round-trip is never offered.
import '../documents/goYamlLeniency'; // go-yaml's leniency in flow collections and quoted scalars
import { isPair, isScalar, parseAllDocuments, Scalar, visit, type Document, type Pair } from 'yaml';
import { dashboardExpressions } from '../documents/dashboard';
import { ruleFileExpressions } from '../documents/ruleFile';
import { ruleTestExpressions } from '../documents/ruleTestFile';
import type { EmbeddedExpression } from '../documents/types';
import { mapYamlScalar } from '../documents/yamlScalar';
import { formatPromQL } from '../promql/format';
import type { ParseOptions } from '../promql/types';
import type { TextReplacement } from './formatting';
import { tokenize } from './tokens';

export interface FormatEmbeddedOptions {
  parse?: ParseOptions;
  /** One-line output longer than this gets Prometheus' multi-line layout. */
  maxLineLength?: number;
}

/** The formatted text of one expression: one line if it fits, else the pretty layout; undefined on errors. */
export function formatExpressionText(text: string, opts: FormatEmbeddedOptions = {}): string | undefined {
  // The printers drop comments; a reformat must never lose what the user wrote.
  if (tokenize(text).some((t) => t.kind === 'comment')) return undefined;
  const max = opts.maxLineLength ?? 100;
  try {
    const line = formatPromQL(text, { parseOptions: opts.parse });
    if (line.errors.length > 0) return undefined;
    if (line.text.length <= max) return line.text;
    return formatPromQL(text, { pretty: true, maxLineLength: max, parseOptions: opts.parse }).text;
  } catch {
    return undefined;
  }
}

/**
 * The edit that replaces `expr` (an expression of `fileText`) by its formatted text, or undefined
 * when it has errors, is already formatted, or cannot be written back faithfully.
 */
export function formatEmbeddedExpression(fileText: string, expr: EmbeddedExpression, opts: FormatEmbeddedOptions = {}): TextReplacement | undefined {
  if (expr.text !== expr.source) return undefined; // Grafana variables: the printer would write placeholders
  const formatted = formatExpressionText(expr.text, opts);
  if (formatted === undefined) return undefined;
  const yaml = expr.kind === 'rule-expr' || expr.kind === 'rule-test-expr';
  const candidates = yaml ? yamlCandidates(fileText, expr, formatted) : expr.kind === 'dashboard-target' ? jsonCandidates(fileText, expr, formatted) : [];
  const extract = expr.kind === 'rule-expr' ? ruleFileExpressions : expr.kind === 'rule-test-expr' ? ruleTestExpressions : dashboardExpressions;
  for (const c of candidates) {
    if (fileText.slice(c.range.start, c.range.end) === c.newText) return undefined; // nothing to change
    const edited = fileText.slice(0, c.range.start) + c.newText + fileText.slice(c.range.end);
    if (roundTrips(extract(edited), c.range.start, formatted)) return c;
  }
  return undefined;
}

function roundTrips(expressions: EmbeddedExpression[], at: number, formatted: string): boolean {
  // The edited value starts at `at` (its quote or block header): the next expression from there.
  const e = expressions.find((x) => x.range.end >= at);
  return e !== undefined && e.text === formatted && e.source === formatted;
}

function jsonCandidates(fileText: string, expr: EmbeddedExpression, formatted: string): TextReplacement[] {
  const start = expr.range.start - 1;
  const end = expr.range.end + 1;
  if (fileText[start] !== '"' || fileText[end - 1] !== '"') return [];
  return [{ range: { start, end }, newText: JSON.stringify(formatted) }];
}

/** The scalar node holding `expr`, and the key it is the value of. */
function findYamlValue(fileText: string, expr: EmbeddedExpression): { node: Scalar; key: Pair['key'] } | undefined {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(fileText, { keepSourceTokens: true }) as Document.Parsed[];
  } catch {
    return undefined;
  }
  if (!Array.isArray(docs)) return undefined;
  let hit: { node: Scalar; key: Pair['key'] } | undefined;
  for (const doc of docs) {
    visit(doc, {
      Pair(_, pair) {
        if (!isPair(pair) || !isScalar(pair.value) || !pair.value.range) return;
        if (pair.value.range[0] > expr.range.start || pair.value.range[1] < expr.range.start) return;
        const mapped = mapYamlScalar(fileText, pair.value);
        if (mapped && mapped.range.start === expr.range.start && mapped.range.end === expr.range.end) {
          hit = { node: pair.value, key: pair.key };
          return visit.BREAK;
        }
      },
    });
    if (hit) break;
  }
  return hit;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Replacements in order of preference: the original style when possible, else a double-quoted string. */
function yamlCandidates(fileText: string, expr: EmbeddedExpression, formatted: string): TextReplacement[] {
  const found = findYamlValue(fileText, expr);
  if (!found?.node.range) return [];
  const { node, key } = found;
  const start = node.range![0];
  const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
  // A block scalar ends after its line break; keep that break and what follows.
  const end = block ? expr.range.end : node.range![1];
  const range = { start, end };
  const keyStart = isScalar(key) && key.range ? key.range[0] : undefined;
  const out: TextReplacement[] = [];
  if (formatted.includes('\n') || block) {
    const eol = fileText.includes('\r\n') ? '\r\n' : '\n';
    if (keyStart !== undefined) out.push({ range, newText: literalBlock(formatted, columnOf(fileText, keyStart), eol) });
  } else if (node.type === Scalar.QUOTE_SINGLE) {
    out.push({ range, newText: `'${formatted.replace(/'/g, "''")}'` });
  } else if (node.type === Scalar.PLAIN) {
    out.push({ range, newText: formatted });
  }
  // YAML double-quoted strings accept every JSON escape, and JSON.stringify escapes all that needs it.
  out.push({ range, newText: JSON.stringify(formatted) });
  return out;
}

/** A `|-` literal block one level (two spaces) deeper than the key; strip chomping keeps no final newline. */
function literalBlock(formatted: string, keyColumn: number, eol: string): string {
  const indent = ' '.repeat(keyColumn + 2);
  // Prettify may indent the first line (operands of a top-level binary operator); then YAML
  // cannot detect the indentation from it, so say it: 2 more than the key's block.
  const indicator = /^[ \t]/.test(formatted) ? '2' : '';
  const lines = formatted.split('\n').map((l) => (l === '' ? '' : indent + l));
  return `|${indicator}-${eol}${lines.join(eol)}`;
}
