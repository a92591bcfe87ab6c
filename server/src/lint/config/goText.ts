// Go's view of strings: YAML `!!binary` values are byte strings that may not be valid UTF-8.
// We carry such bytes in JS strings as lone surrogates U+DC80..U+DCFF (Python's
// "surrogateescape"), so they can be validated and quoted the way Go's %q prints them.

const escapeBase = 0xdc00;

/** Decodes bytes as UTF-8, mapping every byte of an invalid sequence to U+DC80+byte. */
export function bytesToGoString(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) {
      out += String.fromCharCode(escapeBase + b);
      i++;
      continue;
    }
    const chunk = bytes.subarray(i, i + len);
    const decoded = new TextDecoder('utf-8', { fatal: false }).decode(chunk);
    if (decoded.includes('\ufffd') || [...decoded].length !== 1) {
      out += String.fromCharCode(escapeBase + b);
      i++;
      continue;
    }
    out += decoded;
    i += len;
  }
  return out;
}

/** True when the Go string is valid UTF-8 (no escaped raw bytes, no lone surrogates). */
export function isValidUtf8(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return false;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** Go's strconv.Quote (%q): printable runes as-is, raw bytes (U+DC80..U+DCFF here) as \xNN. */
export { goQuote } from '../../promql/goFormatting';

/** Decodes standard base64 strictly, as Go's yaml decoder does for `!!binary`. */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return undefined;
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

/**
 * A scalar's value as go-yaml shows it in "cannot unmarshal !!str `...` into T": over 10 bytes, its
 * first 7 bytes and "...".
 */
export function goYamlShownValue(value: string): string {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length <= 10) return value;
  return `${bytes.subarray(0, 7).toString('utf8').replace(/\ufffd+$/, '')}...`;
}
