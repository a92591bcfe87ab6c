// The core works in UTF-16 offsets (JavaScript strings, LSP). Prometheus reports UTF-8 byte
// offsets; convert only at the edges, e.g. CLI output compared with Prometheus.

/** Number of UTF-8 bytes that encode text.slice(0, offset). Surrogate pairs count 4 bytes. */
export function utf8ByteOffset(text: string, offset: number): number {
  let bytes = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        // A pair is one code point of 4 bytes; an offset between its halves counts the whole pair.
        bytes += 4;
        i++;
        continue;
      }
      bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Line and column (both 1-based, column in UTF-8 bytes) as Prometheus prints "1:18: parse error". */
export function prometheusLineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  const line = before.split('\n').length;
  return { line, col: utf8ByteOffset(before.slice(nl + 1), offset) + 1 };
}
