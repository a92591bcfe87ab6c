// A forgiving PromQL tokenizer for editor features (completion, hover, signature help). It never
// fails: half-typed input is the normal case in an editor, so unknown characters become 'error'
// tokens and unclosed strings run to the end of the line. The real parser lives in promql/.

export type TokenKind = 'ident' | 'number' | 'duration' | 'string' | 'op' | 'punct' | 'comment' | 'error';

export interface Token {
  kind: TokenKind;
  text: string;
  /** UTF-16 offsets into the tokenized text, half-open. */
  start: number;
  end: number;
}

const IDENT = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
// A duration is one or more number+unit pairs (Prometheus' model.ParseDuration), e.g. 1h30m.
const DURATION = /(?:[0-9]+(?:ms|[smhdwy]))+(?![a-zA-Z0-9_])/y;
const NUMBER = /(?:0[xX][0-9a-fA-F]+|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)/y;
const OPERATORS = ['==', '!=', '=~', '!~', '>=', '<=', '>', '<', '=', '+', '-', '*', '/', '%', '^', '@'];
const PUNCT = '(){}[],:';

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let inBrackets = 0; // inside [...], ':' separates a subquery's range and step
  const push = (kind: TokenKind, end: number) => {
    out.push({ kind, text: text.slice(i, end), start: i, end });
    i = end;
  };
  const sticky = (re: RegExp): number => {
    re.lastIndex = i;
    return re.test(text) ? re.lastIndex : -1;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      push('comment', nl < 0 ? text.length : nl);
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      push('string', stringEnd(text, i));
      continue;
    }
    if (c === ':' && inBrackets > 0) {
      push('punct', i + 1);
      continue;
    }
    if (c === '[') inBrackets++;
    if (c === ']' && inBrackets > 0) inBrackets--;
    let end = sticky(DURATION);
    if (end > 0) {
      push('duration', end);
      continue;
    }
    end = sticky(NUMBER);
    if (end > 0) {
      push('number', end);
      continue;
    }
    end = sticky(IDENT);
    if (end > 0) {
      push('ident', end);
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      push('op', i + op.length);
      continue;
    }
    push(PUNCT.includes(c) ? 'punct' : 'error', i + 1);
  }
  return out;
}

/** End offset of the string literal opening at `start`; an unclosed one ends at the line's end. */
function stringEnd(text: string, start: number): number {
  const quote = text[start];
  for (let j = start + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\' && quote !== '`') j++;
    else if (c === quote) return j + 1;
    else if (c === '\n' && quote !== '`') return j;
  }
  return text.length;
}

/** The token that contains `offset`, or ends exactly at it (the cursor just after a word). */
export function tokenAt(tokens: readonly Token[], offset: number): Token | undefined {
  let best: Token | undefined;
  for (const t of tokens) {
    if (t.start <= offset && offset < t.end) return t;
    if (t.end === offset && t.kind !== 'punct' && t.kind !== 'op') best = t;
    if (t.start > offset) break;
  }
  return best;
}
