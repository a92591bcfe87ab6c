// Maps a YAML scalar node of the `yaml` package to its unescaped value with exact file offsets.
import { Scalar } from 'yaml';
import type { PosRange } from '../promql/ast';
import { decodeBlockScalar } from './yamlBlockScalar';
import { decodeFlowScalar } from './yamlFlowScalar';
import type { MappedText } from './positionMap';

export interface MappedScalar extends MappedText {
  /** The value's characters in the file, quotes and block header excluded. */
  range: PosRange;
  /** false when our decoding disagreed with the yaml parser (then offsets are approximate). */
  exact: boolean;
}

/** Decodes a string scalar; null when the node is not a string scalar with a source range. */
export function mapYamlScalar(src: string, node: Scalar): MappedScalar | null {
  if (!node.range) return null;
  // `expr: 1` is a number to the yaml parser but a string to Prometheus: take the source text.
  const plainNonString = typeof node.value !== 'string' && (node.type === Scalar.PLAIN || node.type === undefined);
  if (typeof node.value !== 'string' && !plainNonString) return null;
  const [start, end] = node.range;
  let decoded: MappedText;
  let range: PosRange;
  switch (node.type) {
    case Scalar.BLOCK_LITERAL:
    case Scalar.BLOCK_FOLDED: {
      const token = node.srcToken as { indent?: number } | undefined;
      const b = decodeBlockScalar(src, start, end, token?.indent ?? 0);
      decoded = b;
      range = { start: b.contentStart, end: b.contentEnd };
      break;
    }
    case Scalar.QUOTE_DOUBLE:
    case Scalar.QUOTE_SINGLE:
      decoded = decodeFlowScalar(src, start, end, node.type === Scalar.QUOTE_DOUBLE ? 'double' : 'single');
      range = { start: start + 1, end: Math.max(start + 1, end - 1) };
      break;
    default:
      decoded = decodeFlowScalar(src, start, end, 'plain');
      range = { start, end };
  }
  if (plainNonString || decoded.text === node.value) return { ...decoded, range, exact: true };
  // Should not happen; keep the parser's value and spread it over the source range.
  const value = String(node.value);
  const offsets = Array.from({ length: value.length }, (_, k) => Math.min(range.start + k, Math.max(range.end - 1, range.start)));
  return { text: value, offsets, range, exact: false };
}
