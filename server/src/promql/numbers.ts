// Number literals as Prometheus reads them (parser.number in parse.go): strconv.ParseInt(s, 0, 64)
// first (so 0x1f is hex and 010 is octal), then strconv.ParseFloat, with Go's error texts.

const INT64_MAX = 2n ** 63n - 1n;

export type NumberResult = { value: number; error?: undefined } | { value: number; error: string };

function parseIntBase0(s: string): number | null {
  const t = s.replace(/_/g, '');
  let big: bigint;
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) big = BigInt(t);
  else if (/^0[oO]?[0-7]+$/.test(t)) big = BigInt('0o' + t.replace(/^0[oO]?/, ''));
  else if (/^[0-9]+$/.test(t)) big = BigInt(t);
  else return null;
  return big > INT64_MAX ? null : Number(big);
}

/** Go's strconv.ParseFloat(s, 64) for the forms the lexer lets through. */
function parseFloatGo(s: string): NumberResult {
  const err = (why: string): NumberResult => ({
    value: 0,
    error: `strconv.ParseFloat: parsing ${JSON.stringify(s)}: ${why}`,
  });
  const lower = s.toLowerCase().replace(/^[+-]/, '');
  const neg = s.startsWith('-');
  if (lower === 'inf' || lower === 'infinity') return { value: neg ? -Infinity : Infinity };
  if (lower === 'nan') return { value: NaN };
  if (/^[+-]?0x/i.test(s)) return err('invalid syntax'); // hex floats need a p exponent
  const t = s.replace(/_/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return err('invalid syntax');
  const v = Number(t);
  if (!Number.isFinite(v)) return { value: v, error: err('value out of range').error };
  return { value: v };
}

/** The value of a NUMBER token, or Go's "strconv..." error text. */
export function parseNumberLiteral(s: string): NumberResult {
  const i = parseIntBase0(s);
  if (i !== null) return { value: i };
  return parseFloatGo(s);
}

/** Go's fmt %f for a float64 (used in "timestamp out of bounds" messages). */
export function formatFloatFixed6(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (Math.abs(f) < 1e21) return f.toFixed(6);
  // Beyond toFixed's range the value is an integer: print it exactly.
  return BigInt(f).toString() + '.000000';
}
