// Go-style string unquoting for PromQL literals: a port of the rules of Prometheus'
// util/strutil.Unquote (strconv.Unquote, but single quotes may hold whole strings).
// The lexer has already rejected bad escapes, so this mostly decodes.

/** Decodes a quoted PromQL string ("...", '...' or `...`); null when the syntax is invalid. */
export function unquoteString(s: string): string | null {
  const n = s.length;
  if (n < 2) return null;
  const quote = s[0];
  if (quote !== s[n - 1]) return null;
  const body = s.slice(1, n - 1);
  if (quote === '`') return body.indexOf('`') >= 0 ? null : body;
  if (quote !== '"' && quote !== "'") return null;
  if (body.indexOf('\n') >= 0) return null;
  if (body.indexOf('\\') < 0 && body.indexOf(quote) < 0) return body;

  // Escapes produce bytes (\x, octal) or code points (\u, \U, literal characters); byte runs
  // are decoded as UTF-8 at the end, as Go strings are byte strings.
  const bytes: number[] = [];
  const enc = new TextEncoder();
  const pushText = (t: string): void => {
    for (const b of enc.encode(t)) bytes.push(b);
  };
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === quote) return null;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      pushText(ch);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    switch (e) {
      case 'a': bytes.push(7); break;
      case 'b': bytes.push(8); break;
      case 'f': bytes.push(12); break;
      case 'n': bytes.push(10); break;
      case 'r': bytes.push(13); break;
      case 't': bytes.push(9); break;
      case 'v': bytes.push(11); break;
      case '\\': bytes.push(92); break;
      case "'": case '"':
        if (e !== quote) return null;
        bytes.push(e.charCodeAt(0));
        break;
      case 'x': case 'u': case 'U': {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = body.slice(i, i + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) return null;
        const v = parseInt(hex, 16);
        i += len;
        if (e === 'x') bytes.push(v);
        else {
          if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return null;
          pushText(String.fromCodePoint(v));
        }
        break;
      }
      default: {
        if (e === undefined || e < '0' || e > '7') return null;
        const oct = body.slice(i - 1, i + 2);
        if (!/^[0-7]{3}$/.test(oct)) return null;
        const v = parseInt(oct, 8);
        if (v > 255) return null;
        bytes.push(v);
        i += 2;
      }
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
