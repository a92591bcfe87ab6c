// How go-yaml (v2 for prometheus.yml, v3 for rule files; the same here) resolves a scalar to a
// number: a plain scalar whose first character is a digit, a sign or "." is tried, underscores
// dropped, as an int with Go's ParseInt/ParseUint in base 0 (0x, 0o, 0b, a leading 0 for octal, any
// case), then as a float; anything else is a string. An explicit !!int / !!float tag resolves the
// text even when quoted, and refuses text that is not of its kind. The `yaml` package's schemas
// differ (1.1 reads 1:30 as 90; 1.2 keeps 1_000, 0b101 and signed hex as strings; neither honours
// a tag on a quoted number), so fields Go reads as numbers go through this.
import { isScalar, type Node, type Scalar } from 'yaml';
import { goYamlShownValue } from './goText';

export type GoYamlNumber =
  | { tag: '!!int'; value: number; int: bigint }
  | { tag: '!!float'; value: number }
  /** An explicit tag its text does not fit: go-yaml's "cannot decode !!str `x` as a !!int". */
  | { error: string };

const INT_TAG = 'tag:yaml.org,2002:int';
const FLOAT_TAG = 'tag:yaml.org,2002:float';
const GO_INT = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/;
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INF_NAN = /^(?:([-+]?)\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const MAX_UINT64 = 2n ** 64n - 1n;
const MIN_INT64 = -(2n ** 63n);

/** The scalar's text as written (plain) or its value (quoted). */
function textOf(node: Scalar): string {
  if (node.type === 'PLAIN' && typeof node.source === 'string') return node.source;
  return typeof node.value === 'string' ? node.value : String(node.source ?? node.value ?? '');
}

/** An untagged plain text as go-yaml resolves it; undefined for a string. */
function resolvePlain(text: string): { tag: '!!int'; value: number; int: bigint } | { tag: '!!float'; value: number } | undefined {
  if (!/^[-+.0-9]/.test(text)) return undefined;
  const special = INF_NAN.exec(text);
  if (special) return { tag: '!!float', value: text.toLowerCase().includes('nan') ? NaN : special[1] === '-' ? -Infinity : Infinity };
  const plain = text.replace(/_/g, '');
  const m = GO_INT.exec(plain);
  if (m) {
    const digits = m[2];
    const magnitude = BigInt(/^0[0-7]+$/.test(digits) ? `0o${digits.slice(1)}` : digits.replace(/^0[oO]/, '0o').replace(/^0[xX]/, '0x').replace(/^0[bB]/, '0b'));
    const int = m[1] === '-' ? -magnitude : magnitude;
    if (int >= MIN_INT64 && int <= MAX_UINT64) return { tag: '!!int', value: Number(int), int };
  }
  // strconv.ParseFloat refuses a number beyond float64 ("1e309"): go-yaml then keeps a string.
  if (GO_FLOAT.test(plain) && Number.isFinite(Number(plain))) return { tag: '!!float', value: Number(plain) };
  return undefined;
}

export function resolveGoYamlNumber(node: Node | null | undefined): GoYamlNumber | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  const tag = node.tag;
  const text = textOf(node);
  if (tag === undefined) return node.type === 'PLAIN' ? resolvePlain(text) : undefined;
  if (tag !== INT_TAG && tag !== FLOAT_TAG) return undefined;
  const want = tag === INT_TAG ? '!!int' : '!!float';
  const r = resolvePlain(text);
  if (!r) return { error: `yaml: cannot decode !!str \`${goYamlShownValue(text)}\` as a ${want}` };
  if (want === '!!int' && r.tag === '!!float') return { error: `yaml: cannot decode !!float \`${goYamlShownValue(text)}\` as a !!int` };
  return want === '!!float' ? { tag: '!!float', value: r.value } : r;
}

/** Whether an int fits a Go integer type. */
export function fitsGoInt(int: bigint, goType: string): boolean {
  const unsigned = goType === 'uint' || goType === 'uint64';
  return unsigned ? int >= 0n && int <= MAX_UINT64 : int >= MIN_INT64 && int <= 2n ** 63n - 1n;
}
