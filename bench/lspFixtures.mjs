// The documents the LSP benchmark edits: the Node Exporter Full dashboard from the corpus, a rule
// file of 5,000 rules and a 200-line .promql file generated from the corpus rule expressions, plus
// the places in them where the benchmark types and asks for completions.
import { readFileSync } from 'node:fs';

/** Corpus rule expressions that parse cleanly (so the generated files carry no deliberate errors). */
export function cleanRuleExprs(corpus, parsePromQL) {
  return readFileSync(`${corpus}/rules/exprs.jsonl`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((r) => parsePromQL(r.input).errors.length === 0);
}

/** The first vector selector with a metric name, in source order. */
function firstNamedSelector(text, parsePromQL, walk) {
  const { expr } = parsePromQL(text);
  let found = null;
  if (expr) walk(expr, (n) => {
    if (!found && n.type === 'VectorSelector' && n.name) found = n;
  });
  return found;
}

/**
 * `text` with a `bench_copy="k"` matcher added to its first named selector, so every generated rule
 * has its own text (a real 5,000-rule file does not repeat itself, and the server caches by text).
 */
function distinctCopy(text, k, parsePromQL, walk) {
  const sel = firstNamedSelector(text, parsePromQL, walk);
  if (!sel) return null;
  const slice = text.slice(sel.range.start, sel.range.end);
  let replaced;
  if (/\{\s*\}$/.test(slice)) replaced = slice.replace(/\{\s*\}$/, `{bench_copy="${k}"}`);
  else if (/\}$/.test(slice)) replaced = `${slice.slice(0, -1)}, bench_copy="${k}"}`;
  else if (/^[A-Za-z_:][\w:]*$/.test(slice)) replaced = `${slice}{bench_copy="${k}"}`;
  else return null;
  const out = text.slice(0, sel.range.start) + replaced + text.slice(sel.range.end);
  return parsePromQL(out).errors.length === 0 ? out : null;
}

/** A rule file of `n` rules in groups of 50, every expression distinct, as `expr: |` block scalars. */
export function generateRuleFile(exprs, n, parsePromQL, walk) {
  const usable = exprs.filter((r) => distinctCopy(r.input, 0, parsePromQL, walk) !== null);
  const lines = ['groups:'];
  for (let k = 0; k < n; k++) {
    if (k % 50 === 0) lines.push(`  - name: bench-${k / 50}`, '    rules:');
    const r = usable[k % usable.length];
    const body = distinctCopy(r.input.trimEnd(), k, parsePromQL, walk);
    if (r.rule_type === 'record') lines.push(`      - record: ${JSON.stringify(r.name)}`);
    else lines.push(`      - alert: ${JSON.stringify(`${r.name}${k}`)}`, '        for: 5m', '        labels:', '          severity: warning');
    lines.push('        expr: |', ...body.split('\n').map((l) => `          ${l}`));
  }
  return { text: `${lines.join('\n')}\n`, distinctSources: usable.length };
}

/** A .promql file of about `lines` lines: corpus expressions separated by blank lines. */
export function generatePromqlFile(exprs, lines) {
  const out = [];
  for (const r of exprs) {
    const e = r.input.trim().split('\n');
    if (out.length + e.length + 1 > lines) continue;
    if (out.length) out.push('');
    out.push(...e);
    if (out.length >= lines - 1) break;
  }
  return `${out.join('\n')}\n`;
}

/** offset → LSP position for a fixed text (UTF-16 columns, as LSP counts by default). */
export function positionsOf(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
}

/**
 * Where the benchmark types: right after the metric name of the first selector of an expression
 * half-way down the file (typing there extends the name: every keystroke a new, valid text).
 */
export function typingPoint(expressions, parsePromQL, walk) {
  for (let i = expressions.length >> 1; i < expressions.length; i++) {
    const e = expressions[i];
    const sel = firstNamedSelector(e.text, parsePromQL, walk);
    if (sel && e.text.slice(sel.range.start, sel.range.start + sel.name.length) === sel.name) {
      return { expr: e, index: i, fileOffset: e.toFileOffset(sel.range.start + sel.name.length) };
    }
  }
  throw new Error('no expression with a named selector in the second half of the file');
}

/** Completion spots: [label, finder(text) → offset in the expression text or -1]. */
const SPOTS = [
  ['after rate(', (t) => at(t, /\brate\(/, 'end')],
  ['inside {', (t) => at(t, /\{/, 'end')],
  ['after by (', (t) => at(t, /\bby\s*\(/, 'end')],
  ['mid-identifier', (t) => {
    const m = /\b[a-z]+_[a-z_]{4,}\b/.exec(t);
    return m && t[m.index + m[0].length] !== '(' ? m.index + (m[0].length >> 1) : -1;
  }],
  ['label value', (t) => at(t, /=~?"/, 'end')],
  ['inside [', (t) => at(t, /\[/, 'end')],
  ['end of expression', (t) => (t.length > 0 ? t.trimEnd().length : -1)],
];

function at(text, re, where) {
  const m = re.exec(text);
  return m ? (where === 'end' ? m.index + m[0].length : m.index) : -1;
}

/**
 * One position per spot, each from a different expression where possible, starting a third of the
 * way into the file. Returns [{ label, position, exprText }].
 */
export function completionSpots(expressions, text, count = SPOTS.length) {
  const pos = positionsOf(text);
  const out = [];
  let from = Math.floor(expressions.length / 3);
  for (const [label, find] of SPOTS.slice(0, count)) {
    for (let j = 0; j < expressions.length; j++) {
      const e = expressions[(from + j) % expressions.length];
      const off = find(e.text);
      if (off < 0) continue;
      out.push({ label, position: pos(e.toFileOffset(off)), exprText: e.text });
      from = (from + j + 1) % expressions.length;
      break;
    }
  }
  return out;
}
