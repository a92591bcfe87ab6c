// Decodes a JSON string literal from its raw source, keeping the file offset of every character:
// \" \\ \/ \b \f \n \r \t and \uXXXX (a surrogate pair written as two escapes maps each half to
// its own escape).
import { MappedTextBuilder, type MappedText } from './positionMap';

const SIMPLE: Readonly<Record<string, string>> = {
  '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t',
};

/** Decodes the characters between the quotes: src[start, end) with start after the opening quote. */
export function decodeJsonString(src: string, start: number, end: number): MappedText {
  const out = new MappedTextBuilder();
  let i = start;
  let runStart = start;
  const flushRun = (to: number): void => {
    if (to > runStart) out.pushSpan(src.slice(runStart, to), runStart);
  };
  while (i < end) {
    if (src[i] !== '\\') {
      i++;
      continue;
    }
    flushRun(i);
    const n = src[i + 1];
    if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
      out.pushAt(String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16)), i);
      i += 6;
    } else if (n !== undefined && SIMPLE[n] !== undefined) {
      out.pushAt(SIMPLE[n], i);
      i += 2;
    } else {
      out.pushSpan('\\', i); // invalid escape: jsonc-parser reports it
      i += 1;
    }
    runStart = i;
  }
  flushRun(Math.min(i, end));
  return out.build();
}
