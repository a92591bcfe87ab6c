// Number formatting building blocks of Grafana's value formats: toFixed with Grafana's automatic
// decimals, and the scaled (SI, IEC, "short", currency, count) formatters the unit table is made of.
// Behaviour follows grafana/grafana packages/grafana-data/src/valueFormats/valueFormats.ts and
// symbolFormatters.ts.
import type { TimeZone } from './timeZone';

/** Decimals as a panel sets them: a number, or null/undefined for Grafana's automatic choice. */
export type DecimalCount = number | null | undefined;

/** A formatter's raw result, as Grafana returns it (prefix/suffix may be absent). */
export interface Formatted {
  text: string;
  prefix?: string;
  suffix?: string;
}

export interface FormatOptions {
  /** Time zone for date units: 'browser' (local, Grafana's default), 'utc' or an IANA name (timeZone.ts). */
  timeZone?: TimeZone;
  /** "Now" in unix ms, for `…NoDateIfToday` and `dateTimeFromNow` (defaults to Date.now()). */
  now?: number;
  /** Locale for `locale` and `dateTimeAsLocal` (defaults to the runtime's). */
  locale?: string;
  /**
   * Drop trailing zeros ("150.00" → "150") when the text is a plain number, as Grafana's display
   * processor does for axis ticks formatted with adjacent-tick decimals (only when the field sets
   * no decimals; never for date or boolean units).
   */
  trimTrailingZeros?: boolean;
}

export type Formatter = (value: number, decimals: DecimalCount, options: FormatOptions) => Formatted;

/** Grafana's automatic decimals: two significant digits, one more when the leading digits exceed 2.25. */
export function getDecimalsForValue(value: number): number {
  const absValue = Math.abs(value);
  const log10 = Math.floor(Math.log(absValue) / Math.LN10);
  let dec = -log10 + 1;
  const magn = Math.pow(10, -dec);
  const norm = absValue / magn; // between 1.0 and 10.0
  if (norm > 2.25) ++dec; // special case for 2.5, requires an extra decimal
  if (value % 1 === 0) dec = 0;
  return Math.max(0, dec);
}

/** Grafana's toFixed: rounds to `decimals` (automatic when null/undefined) and pads with zeros. */
export function toFixed(value: number, decimals?: DecimalCount): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.NEGATIVE_INFINITY || value === Number.POSITIVE_INFINITY) return value.toLocaleString();
  let dec = decimals === null || decimals === undefined ? getDecimalsForValue(value) : decimals;
  // Number.prototype.toFixed throws outside 0..100 (and a negative count means none).
  dec = Math.min(100, Math.max(0, dec));
  if (value === 0) return value.toFixed(dec);

  const factor = dec ? Math.pow(10, dec) : 1;
  const formatted = String(Math.round(value * factor) / factor);
  // exponent notation is returned as is
  if (formatted.indexOf('e') !== -1) return formatted;

  const decimalPos = formatted.indexOf('.');
  const precision = decimalPos === -1 ? 0 : formatted.length - decimalPos - 1;
  if (precision < dec) return (precision ? formatted : formatted + '.') + '0'.repeat(dec - precision);
  return formatted;
}

/** A fixed unit after the number ("°C" → "21.5 °C"), or before it when `asPrefix` ("$" → "$21.5"). */
export function toFixedUnit(unit: string, asPrefix = false): Formatter {
  return (size, decimals) => {
    const text = toFixed(size, decimals);
    if (!unit) return { text };
    return asPrefix ? { text, prefix: unit } : { text, suffix: ' ' + unit };
  };
}

const logb = (b: number, x: number): number => Math.log10(x) / Math.log10(b);
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/**
 * Scales by powers of `factor`, picking the suffix from `extArray`; `offset` is the index of the
 * input's own unit in `extArray` (so kbytes starts at "KiB" and can scale down to "B").
 */
export function scaledUnits(factor: number, extArray: string[], offset = 0): Formatter {
  return (size, decimals) => {
    if (size === Number.NEGATIVE_INFINITY || size === Number.POSITIVE_INFINITY || Number.isNaN(size)) {
      return { text: size.toLocaleString() };
    }
    const siIndex = size === 0 ? 0 : Math.floor(logb(factor, Math.abs(size)));
    const suffix = extArray[clamp(offset + siIndex, 0, extArray.length - 1)];
    return {
      text: toFixed(size / factor ** clamp(siIndex, -offset, extArray.length - offset - 1), decimals),
      suffix,
    };
  };
}

const SI_PREFIXES = ['f', 'p', 'n', 'µ', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const SI_BASE_INDEX = SI_PREFIXES.indexOf('');
const BIN_PREFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'];

/** Offset of an SI prefix letter from the base unit ('k' → 1, 'µ' → -2); 0 when not a prefix. */
export function getOffsetFromSIPrefix(c: string): number {
  const i = SI_PREFIXES.findIndex((p) => p.normalize('NFKD') === c.normalize('NFKD'));
  return i < 0 ? 0 : i - SI_BASE_INDEX;
}

/** Decimal SI scaling (1000): " B", " kB", " MB" …; `offset` 1 means the input is already in k. */
export function SIPrefix(unit: string, offset = 0): Formatter {
  return scaledUnits(
    1000,
    SI_PREFIXES.map((p) => ' ' + p + unit),
    SI_BASE_INDEX + offset,
  );
}

/** Binary IEC scaling (1024): " B", " KiB", " MiB" …. */
export function binaryPrefix(unit: string, offset = 0): Formatter {
  return scaledUnits(
    1024,
    BIN_PREFIXES.map((p) => ' ' + p + unit),
    offset,
  );
}

/** "$1.53K": K/M/B/T scaling with the symbol before (or after, for kr/đ/₺) the number. */
export function currency(symbol: string, asSuffix = false): Formatter {
  const scaler = scaledUnits(1000, ['', 'K', 'M', 'B', 'T']);
  return (value, decimals, options) => {
    const isNegative = value < 0;
    const scaled = scaler(isNegative ? Math.abs(value) : value, decimals, options);
    if (asSuffix) scaled.suffix = scaled.suffix !== undefined ? `${scaled.suffix}${symbol}` : undefined;
    else scaled.prefix = symbol;
    if (isNegative) scaled.prefix = `-${scaled.prefix?.length ? scaled.prefix : ''}`;
    return scaled;
  };
}

/** "1.23K req/s": K/M/B/T scaling and a symbol. */
export function simpleCountUnit(symbol: string): Formatter {
  const scaler = scaledUnits(1000, ['', 'K', 'M', 'B', 'T']);
  return (size, decimals, options) => {
    const v = scaler(size, decimals, options);
    v.suffix = (v.suffix ?? '') + ' ' + symbol;
    return v;
  };
}

export function toPercent(size: number, decimals: DecimalCount): Formatted {
  return { text: toFixed(size, decimals), suffix: '%' };
}

export function toPercentUnit(size: number, decimals: DecimalCount): Formatted {
  return { text: toFixed(100 * size, decimals), suffix: '%' };
}

export function toHex(value: number, decimals: DecimalCount): Formatted {
  return { text: parseFloat(toFixed(value, decimals)).toString(16).toUpperCase() };
}

export function toHex0x(value: number, decimals: DecimalCount): Formatted {
  const hex = toHex(value, decimals);
  hex.text = hex.text.startsWith('-') ? '-0x' + hex.text.substring(1) : '0x' + hex.text;
  return hex;
}

export function sci(value: number, decimals: DecimalCount): Formatted {
  return { text: value.toExponential(decimals === null || decimals === undefined ? undefined : Math.min(100, Math.max(0, decimals))) };
}

export function locale(value: number, decimals: DecimalCount, options: FormatOptions): Formatted {
  return { text: value.toLocaleString(options.locale, { maximumFractionDigits: decimals ?? undefined }) };
}

/** bool, bool_yes_no, bool_on_off and `bool:yes/no`: any truthy number is `t`. */
export function booleanValueFormatter(t: string, f: string): Formatter {
  return (value) => ({ text: value ? t : f });
}

/** @grafana/data guessDecimals: the digits after the point as JS prints the number. */
export function guessDecimals(n: number): number {
  return (String(n).split('.')[1] ?? '').length;
}

/** @grafana/data roundDecimals. */
export function roundDecimals(v: number, dec = 0): number {
  if (Number.isInteger(v)) return v;
  const p = 10 ** dec;
  return Math.round(v * p * (1 + Number.EPSILON)) / p;
}
