// Formatting of .promql documents: each expression block is replaced by Prometheus' own layout
// (Prettify). Blocks with syntax errors or comments are left alone: the printer would drop
// comments, and a broken expression has no layout to print.
import type { EmbeddedExpression } from '../documents/types';
import type { PosRange } from '../promql/ast';
import { formatPromQL } from '../promql/format';
import { parsePromQL } from '../promql/parse';
import type { ParseOptions } from '../promql/types';
import { tokenize } from './tokens';

export interface TextReplacement {
  /** File offsets, half-open. */
  range: PosRange;
  newText: string;
}

export interface FormattingOptions {
  parse: ParseOptions;
  maxLineLength?: number;
}

export function formatExpressions(expressions: readonly EmbeddedExpression[], fileText: string, opts: FormattingOptions): TextReplacement[] {
  const out: TextReplacement[] = [];
  for (const expr of expressions) {
    if (expr.kind !== 'promql-file') continue; // re-escaping into YAML/JSON is not ours to do here
    const formatted = formatOne(expr.text, opts);
    if (formatted === undefined) continue;
    // Prettify indents the operands of a top-level binary operation, first line included; the
    // expression's range starts after the line's indentation, so replace from the line start.
    let start = expr.range.start;
    while (start > 0 && (fileText[start - 1] === ' ' || fileText[start - 1] === '\t')) start--;
    const atLineStart = start === 0 || fileText[start - 1] === '\n';
    if (!atLineStart) start = expr.range.start;
    if (fileText.slice(start, expr.range.end) !== formatted) out.push({ range: { start, end: expr.range.end }, newText: formatted });
  }
  return out;
}

function formatOne(text: string, opts: FormattingOptions): string | undefined {
  if (tokenize(text).some((t) => t.kind === 'comment')) return undefined;
  try {
    if (parsePromQL(text, opts.parse).errors.length > 0) return undefined;
    return formatPromQL(text, { pretty: true, maxLineLength: opts.maxLineLength ?? 100, parseOptions: opts.parse }).text;
  } catch {
    return undefined; // the formatter not knowing a construct must not break the editor
  }
}
