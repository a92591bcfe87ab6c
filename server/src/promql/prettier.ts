// Port of Prometheus' Prettify (promql/parser/prettier.go, 3.14): a node whose one-line
// String() is longer than the limit (in UTF-8 bytes, Go's len) is split over several lines,
// its children indented two spaces per level; a node that fits stays on one line.
//
// Kept as in Go, on purpose: a subquery that fits is printed without its indentation, a unary
// operator glues to its operand with the operand's indentation removed, and a binary
// expression that is split puts its operator alone on a line between the operands.
// Like the printer, this works on an explicit stack so that very deep trees are safe.
import type { Expr } from './ast';
import { goTrimSpace, utf8Length } from './goFormatting';
import { aggregateOpString, aggregatorTakesParam, binaryOpString, exprToString, pieces, subqueryTimeSuffix, type Piece } from './printer';

/** Prometheus' maxCharactersPerLine. */
export const DEFAULT_MAX_LINE_LENGTH = 100;

type Item =
  | string
  | { pretty: Expr; level: number }
  | { oneLine: Expr }
  | { trimLeading: true };

/** Prometheus' Prettify(node), with its line limit as a parameter. */
export function prettify(root: Expr, maxLineLength = DEFAULT_MAX_LINE_LENGTH): string {
  const lengths = stringLengths(root);
  const needsSplit = (e: Expr): boolean => lengths.get(e)! > maxLineLength;
  let out = '';
  let trimming = false;
  const emit = (s: string): void => {
    if (trimming) {
      // Go trims the operand's own indentation off a unary operand (strings.TrimSpace).
      s = goTrimSpace(s + 'x').slice(0, -1);
      if (s === '') return;
      trimming = false;
    }
    out += s;
  };
  const stack: Item[] = [{ pretty: root, level: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'string') emit(item);
    else if ('oneLine' in item) emit(exprToString(item.oneLine));
    else if ('trimLeading' in item) trimming = true;
    else {
      const items = prettyItems(item.pretty, item.level, needsSplit);
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
    }
  }
  return out;
}

/** One node's Pretty(level), as text and children to lay out in turn. */
function prettyItems(e: Expr, level: number, needsSplit: (e: Expr) => boolean): Item[] {
  const ind = indent(level);
  switch (e.type) {
    case 'AggregateExpr': {
      if (!needsSplit(e) || !e.expr) return [ind, { oneLine: e }];
      const out: Item[] = [ind + aggregateOpString(e) + '(\n'];
      if (aggregatorTakesParam(e.op) && e.param) out.push({ pretty: e.param, level: level + 1 }, ',\n');
      out.push({ pretty: e.expr, level: level + 1 }, '\n' + ind + ')');
      return out;
    }
    case 'BinaryExpr':
      if (!needsSplit(e)) return [ind, { oneLine: e }];
      return [
        { pretty: e.lhs, level: level + 1 },
        '\n' + ind + binaryOpString(e) + '\n',
        { pretty: e.rhs, level: level + 1 },
      ];
    case 'Call': {
      // Go would panic on a split call without arguments; printing it on one line is kinder.
      if (!needsSplit(e) || e.args.length === 0) return [ind, { oneLine: e }];
      const out: Item[] = [ind + e.func.name + '(\n'];
      e.args.forEach((a, i) => {
        if (i > 0) out.push(',\n');
        out.push({ pretty: a, level: level + 1 });
      });
      out.push('\n' + ind + ')');
      return out;
    }
    case 'ParenExpr':
      if (!needsSplit(e)) return [ind, { oneLine: e }];
      return [ind + '(\n', { pretty: e.expr, level: level + 1 }, '\n' + ind + ')'];
    case 'SubqueryExpr':
      if (!needsSplit(e)) return [{ oneLine: e }];
      return [{ pretty: e.expr, level }, ...subqueryTimeSuffix(e).map(asItem)];
    case 'UnaryExpr':
      return [ind + e.op, { trimLeading: true }, { pretty: e.expr, level }];
    default:
      // Selectors, literals, duration expressions: indentation and the one-line form.
      return [ind, { oneLine: e }];
  }
}

function asItem(p: Piece): Item {
  return typeof p === 'string' ? p : { oneLine: p };
}

function indent(level: number): string {
  return '  '.repeat(level);
}

/** UTF-8 length of every node's String(), computed bottom-up once instead of at each level. */
function stringLengths(root: Expr): Map<Expr, number> {
  const lengths = new Map<Expr, number>();
  const stack: Array<{ node: Expr; ps: Piece[] | null }> = [{ node: root, ps: null }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.ps === null) {
      top.ps = pieces(top.node);
      for (const p of top.ps) if (typeof p !== 'string' && !lengths.has(p)) stack.push({ node: p, ps: null });
      continue;
    }
    stack.pop();
    let n = 0;
    for (const p of top.ps) n += typeof p === 'string' ? utf8Length(p) : lengths.get(p)!;
    lengths.set(top.node, n);
  }
  return lengths;
}
