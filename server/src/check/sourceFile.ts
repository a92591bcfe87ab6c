// Reading a file to check as go-yaml reads it: UTF-8, or UTF-16 after its byte-order mark, and
// invalid UTF-8 refused with go-yaml's reader error (Prometheus and promtool then load nothing).
// The text is still given for the other checks (invalid bytes as U+FFFD), but never written back:
// `check --fix` would lose the bytes. Fixed files are written in the encoding they were read in.
import { isUtf8 } from 'node:buffer';

export type SourceEncoding = 'utf8' | 'utf16le' | 'utf16be';

export interface SourceFile {
  text: string;
  encoding: SourceEncoding;
  /** The first invalid UTF-8 sequence: its offset in `text` and go-yaml's words for it. */
  invalidUtf8?: { offset: number; message: string };
}

export function decodeSource(buf: Buffer): SourceFile {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: buf.toString('utf16le', 2, buf.length - (buf.length % 2)), encoding: 'utf16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2, buf.length - (buf.length % 2))).swap16();
    return { text: swapped.toString('utf16le'), encoding: 'utf16be' };
  }
  const text = buf.toString('utf8');
  if (isUtf8(buf)) return { text, encoding: 'utf8' };
  const bad = firstInvalidUtf8(buf);
  if (!bad) return { text, encoding: 'utf8' };
  return { text, encoding: 'utf8', invalidUtf8: { offset: buf.toString('utf8', 0, bad.byte).length, message: `yaml: ${bad.message}` } };
}

/** The text in its file's encoding (a UTF-16 file keeps its byte-order mark). */
export function encodeSource(text: string, encoding: SourceEncoding): Buffer {
  if (encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (encoding === 'utf16be') return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  return Buffer.from(text, 'utf8');
}

/** go-yaml's reader (readerc.go, yaml_parser_update_buffer) on UTF-8: the first sequence it refuses. */
export function firstInvalidUtf8(buf: Uint8Array): { byte: number; message: string } | undefined {
  let i = 0;
  while (i < buf.length) {
    const octet = buf[i];
    let width: number;
    let value: number;
    if ((octet & 0x80) === 0) {
      i++;
      continue;
    } else if ((octet & 0xe0) === 0xc0) {
      width = 2;
      value = octet & 0x1f;
    } else if ((octet & 0xf0) === 0xe0) {
      width = 3;
      value = octet & 0x0f;
    } else if ((octet & 0xf8) === 0xf0) {
      width = 4;
      value = octet & 0x07;
    } else {
      return { byte: i, message: 'invalid leading UTF-8 octet' };
    }
    if (i + width > buf.length) return { byte: i, message: 'incomplete UTF-8 octet sequence' };
    for (let k = 1; k < width; k++) {
      const trailing = buf[i + k];
      if ((trailing & 0xc0) !== 0x80) return { byte: i + k, message: 'invalid trailing UTF-8 octet' };
      value = (value << 6) + (trailing & 0x3f);
    }
    const minimum = width === 2 ? 0x80 : width === 3 ? 0x800 : 0x10000;
    if (value < minimum) return { byte: i, message: 'invalid length of a UTF-8 sequence' };
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return { byte: i, message: 'invalid Unicode character' };
    i += width;
  }
  return undefined;
}
