// Grafana's units (fieldConfig.defaults.unit): the unit table of
// grafana/grafana packages/grafana-data/src/valueFormats/categories.ts, and getValueFormat's
// custom forms (`suffix:`, `prefix:`, `si:`, `count:`, `currency:`, `time:`, `bool:`) from
// valueFormats.ts. An unknown unit id is shown after the number, as Grafana does.
import {
  SIPrefix,
  binaryPrefix,
  booleanValueFormatter,
  currency,
  getOffsetFromSIPrefix,
  locale,
  scaledUnits,
  sci,
  simpleCountUnit,
  toFixedUnit,
  toHex,
  toHex0x,
  toPercent,
  toPercentUnit,
  type DecimalCount,
  type FormatOptions,
  type Formatter,
} from './numberFormat';
import { TIME_UNITS, dateTimeFormatter } from './timeUnits';

export { toFixed, type DecimalCount, type FormatOptions } from './numberFormat';

/** A formatted value: `prefix + text + suffix` is what Grafana shows. */
export interface FormattedValue {
  text: string;
  prefix: string;
  suffix: string;
}

const fixed = toFixedUnit;

/** Unit id → formatter, in categories.ts order. */
const UNITS: Record<string, Formatter> = {
  // Misc
  none: fixed(''),
  string: (v) => ({ text: `${v}` }),
  short: scaledUnits(1000, ['', ' K', ' Mil', ' Bil', ' Tri', ' Quadr', ' Quint', ' Sext', ' Sept']),
  sishort: SIPrefix(''),
  percent: toPercent,
  percentunit: toPercentUnit,
  humidity: fixed('%H'),
  dB: fixed('dB'),
  candela: SIPrefix('cd'),
  hex0x: toHex0x,
  hex: toHex,
  sci,
  locale,
  pixel: fixed('px'),
  // Acceleration
  accMS2: fixed('m/sec²'),
  accFS2: fixed('f/sec²'),
  accG: fixed('g'),
  // Angle
  degree: fixed('°'),
  radian: fixed('rad'),
  grad: fixed('grad'),
  arcmin: fixed('arcmin'),
  arcsec: fixed('arcsec'),
  // Area
  areaM2: fixed('m²'),
  areaF2: fixed('ft²'),
  areaMI2: fixed('mi²'),
  acres: fixed('ac'),
  hectares: fixed('ha'),
  // Computation
  flops: SIPrefix('FLOPS'),
  mflops: SIPrefix('FLOPS', 2),
  gflops: SIPrefix('FLOPS', 3),
  tflops: SIPrefix('FLOPS', 4),
  pflops: SIPrefix('FLOPS', 5),
  eflops: SIPrefix('FLOPS', 6),
  zflops: SIPrefix('FLOPS', 7),
  yflops: SIPrefix('FLOPS', 8),
  // Concentration
  ppm: fixed('ppm'),
  conppb: fixed('ppb'),
  conngm3: fixed('ng/m³'),
  conngNm3: fixed('ng/Nm³'),
  conμgm3: fixed('μg/m³'),
  conμgNm3: fixed('μg/Nm³'),
  conmgm3: fixed('mg/m³'),
  conmgNm3: fixed('mg/Nm³'),
  congm3: fixed('g/m³'),
  congNm3: fixed('g/Nm³'),
  conmgdL: fixed('mg/dL'),
  conmmolL: fixed('mmol/L'),
  // Currency
  currencyUSD: currency('$'),
  currencyGBP: currency('£'),
  currencyEUR: currency('€'),
  currencyJPY: currency('¥'),
  currencyRUB: currency('₽'),
  currencyUAH: currency('₴'),
  currencyBRL: currency('R$'),
  currencyDKK: currency('kr', true),
  currencyISK: currency('kr', true),
  currencyNOK: currency('kr', true),
  currencySEK: currency('kr', true),
  currencyCZK: currency('czk'),
  currencyCHF: currency('CHF'),
  currencyPLN: currency('PLN'),
  currencyBTC: currency('฿'),
  currencymBTC: currency('mBTC'),
  currencyμBTC: currency('μBTC'),
  currencyZAR: currency('R'),
  currencyINR: currency('₹'),
  currencyKRW: currency('₩'),
  currencyIDR: currency('Rp'),
  currencyPHP: currency('PHP'),
  currencyVND: currency('đ', true),
  currencyTRY: currency('₺', true),
  currencyMYR: currency('RM'),
  currencyXPF: currency('XPF'),
  currencyBGN: currency('BGN'),
  currencyPYG: currency('₲'),
  currencyUYU: currency('UYU'),
  currencyILS: currency('₪'),
  // Data
  bytes: binaryPrefix('B'),
  decbytes: SIPrefix('B'),
  bits: binaryPrefix('b'),
  decbits: SIPrefix('b'),
  kbytes: binaryPrefix('B', 1),
  deckbytes: SIPrefix('B', 1),
  mbytes: binaryPrefix('B', 2),
  decmbytes: SIPrefix('B', 2),
  gbytes: binaryPrefix('B', 3),
  decgbytes: SIPrefix('B', 3),
  tbytes: binaryPrefix('B', 4),
  dectbytes: SIPrefix('B', 4),
  pbytes: binaryPrefix('B', 5),
  decpbytes: SIPrefix('B', 5),
  // Data rate
  pps: SIPrefix('p/s'),
  binBps: binaryPrefix('B/s'),
  Bps: SIPrefix('B/s'),
  binbps: binaryPrefix('b/s'),
  bps: SIPrefix('b/s'),
  KiBs: binaryPrefix('B/s', 1),
  Kibits: binaryPrefix('b/s', 1),
  KBs: SIPrefix('B/s', 1),
  Kbits: SIPrefix('b/s', 1),
  MiBs: binaryPrefix('B/s', 2),
  Mibits: binaryPrefix('b/s', 2),
  MBs: SIPrefix('B/s', 2),
  Mbits: SIPrefix('b/s', 2),
  GiBs: binaryPrefix('B/s', 3),
  Gibits: binaryPrefix('b/s', 3),
  GBs: SIPrefix('B/s', 3),
  Gbits: SIPrefix('b/s', 3),
  TiBs: binaryPrefix('B/s', 4),
  Tibits: binaryPrefix('b/s', 4),
  TBs: SIPrefix('B/s', 4),
  Tbits: SIPrefix('b/s', 4),
  PiBs: binaryPrefix('B/s', 5),
  Pibits: binaryPrefix('b/s', 5),
  PBs: SIPrefix('B/s', 5),
  Pbits: SIPrefix('b/s', 5),
  // Energy
  watt: SIPrefix('W'),
  kwatt: SIPrefix('W', 1),
  megwatt: SIPrefix('W', 2),
  gwatt: SIPrefix('W', 3),
  mwatt: SIPrefix('W', -1),
  Wm2: SIPrefix('W/m²'),
  voltamp: SIPrefix('VA'),
  kvoltamp: SIPrefix('VA', 1),
  voltampreact: SIPrefix('VAr'),
  kvoltampreact: SIPrefix('VAr', 1),
  watth: SIPrefix('Wh'),
  watthperkg: SIPrefix('Wh/kg'),
  kwatth: SIPrefix('Wh', 1),
  kwattm: SIPrefix('W-Min', 1),
  mwatth: SIPrefix('Wh', 2),
  amph: SIPrefix('Ah'),
  kamph: SIPrefix('Ah', 1),
  mamph: SIPrefix('Ah', -1),
  joule: SIPrefix('J'),
  ev: SIPrefix('eV'),
  amp: SIPrefix('A'),
  kamp: SIPrefix('A', 1),
  mamp: SIPrefix('A', -1),
  volt: SIPrefix('V'),
  kvolt: SIPrefix('V', 1),
  mvolt: SIPrefix('V', -1),
  dBm: SIPrefix('dBm'),
  mohm: SIPrefix('Ω', -1),
  ohm: SIPrefix('Ω'),
  kohm: SIPrefix('Ω', 1),
  Mohm: SIPrefix('Ω', 2),
  farad: SIPrefix('F'),
  µfarad: SIPrefix('F', -2),
  nfarad: SIPrefix('F', -3),
  pfarad: SIPrefix('F', -4),
  ffarad: SIPrefix('F', -5),
  henry: SIPrefix('H'),
  mhenry: SIPrefix('H', -1),
  µhenry: SIPrefix('H', -2),
  lumens: SIPrefix('Lm'),
  // Flow
  flowgpm: fixed('gpm'),
  flowcms: fixed('cms'),
  flowcfs: fixed('cfs'),
  flowcfm: fixed('cfm'),
  litreh: fixed('L/h'),
  flowlpm: fixed('L/min'),
  flowmlpm: fixed('mL/min'),
  lux: fixed('lux'),
  // Force
  forceNm: SIPrefix('Nm'),
  forcekNm: SIPrefix('Nm', 1),
  forceN: SIPrefix('N'),
  forcekN: SIPrefix('N', 1),
  // Hash rate
  Hs: SIPrefix('H/s'),
  KHs: SIPrefix('H/s', 1),
  MHs: SIPrefix('H/s', 2),
  GHs: SIPrefix('H/s', 3),
  THs: SIPrefix('H/s', 4),
  PHs: SIPrefix('H/s', 5),
  EHs: SIPrefix('H/s', 6),
  // Mass
  massmg: SIPrefix('g', -1),
  massg: SIPrefix('g'),
  masslb: fixed('lb'),
  masskg: SIPrefix('g', 1),
  masst: fixed('t'),
  // Length
  lengthmm: SIPrefix('m', -1),
  lengthin: fixed('in'),
  lengthft: fixed('ft'),
  lengthm: SIPrefix('m'),
  lengthkm: SIPrefix('m', 1),
  lengthmi: fixed('mi'),
  // Pressure
  pressurembar: SIPrefix('bar', -1),
  pressurebar: SIPrefix('bar'),
  pressurekbar: SIPrefix('bar', 1),
  pressurepa: SIPrefix('Pa'),
  pressurehpa: fixed('hPa'),
  pressurekpa: fixed('kPa'),
  pressurehg: fixed('"Hg'),
  pressurepsi: scaledUnits(1000, ['psi', 'ksi', 'Mpsi']),
  // Radiation
  radbq: SIPrefix('Bq'),
  radci: SIPrefix('Ci'),
  radgy: SIPrefix('Gy'),
  radrad: SIPrefix('rad'),
  radsv: SIPrefix('Sv'),
  radmsv: SIPrefix('Sv', -1),
  radusv: SIPrefix('Sv', -2),
  radrem: SIPrefix('rem'),
  radexpckg: SIPrefix('C/kg'),
  radr: SIPrefix('R'),
  radsvh: SIPrefix('Sv/h'),
  radmsvh: SIPrefix('Sv/h', -1),
  radusvh: SIPrefix('Sv/h', -2),
  // Rotational speed
  rotrpm: fixed('rpm'),
  rothz: SIPrefix('Hz'),
  rotkhz: SIPrefix('Hz', 1),
  rotmhz: SIPrefix('Hz', 2),
  rotghz: SIPrefix('Hz', 3),
  rotrads: fixed('rad/s'),
  rotdegs: fixed('°/s'),
  // Temperature
  celsius: fixed('°C'),
  fahrenheit: fixed('°F'),
  farenheit: fixed('°F'), // Grafana's alias for the old misspelt id
  kelvin: fixed('K'),
  // Time (and Date & time)
  hertz: SIPrefix('Hz'),
  ...TIME_UNITS,
  // Throughput
  cps: simpleCountUnit('c/s'),
  ops: simpleCountUnit('ops/s'),
  reqps: simpleCountUnit('req/s'),
  rps: simpleCountUnit('rd/s'),
  wps: simpleCountUnit('wr/s'),
  iops: simpleCountUnit('io/s'),
  eps: simpleCountUnit('evt/s'),
  mps: simpleCountUnit('msg/s'),
  recps: simpleCountUnit('rec/s'),
  rowsps: simpleCountUnit('rows/s'),
  cpm: simpleCountUnit('c/m'),
  opm: simpleCountUnit('ops/m'),
  reqpm: simpleCountUnit('req/m'),
  rpm: simpleCountUnit('rd/m'),
  wpm: simpleCountUnit('wr/m'),
  epm: simpleCountUnit('evts/m'),
  mpm: simpleCountUnit('msgs/m'),
  recpm: simpleCountUnit('rec/m'),
  rowspm: simpleCountUnit('rows/m'),
  // Velocity
  velocityms: fixed('m/s'),
  velocitykmh: fixed('km/h'),
  velocitymph: fixed('mph'),
  velocityknot: fixed('kn'),
  // Volume
  mlitre: SIPrefix('L', -1),
  litre: SIPrefix('L'),
  m3: fixed('m³'),
  Nm3: fixed('Nm³'),
  dm3: fixed('dm³'),
  gallons: fixed('gal'),
  // Boolean
  bool: booleanValueFormatter('True', 'False'),
  bool_yes_no: booleanValueFormatter('Yes', 'No'),
  bool_on_off: booleanValueFormatter('On', 'Off'),
};

/** True when `unit` is one of Grafana's unit ids (not a custom `kind:` unit or a free-text suffix). */
export function isKnownUnit(unit: string): boolean {
  return Object.prototype.hasOwnProperty.call(UNITS, unit);
}

/** All of Grafana's unit ids this module knows. */
export function knownUnits(): string[] {
  return Object.keys(UNITS);
}

/** Grafana's getValueFormat(unit): the table, then the `kind:value` custom units, then unit-as-suffix. */
export function getValueFormatter(unit: string | null | undefined): Formatter {
  if (!unit) return fixed('');
  if (isKnownUnit(unit)) return UNITS[unit];
  const idx = unit.indexOf(':');
  if (idx > 0) {
    const key = unit.substring(0, idx);
    const sub = unit.substring(idx + 1);
    switch (key) {
      case 'prefix':
        return fixed(sub, true);
      case 'suffix':
        return fixed(sub);
      case 'time':
        return dateTimeFormatter(sub);
      case 'si': {
        const offset = getOffsetFromSIPrefix(sub.charAt(0));
        return SIPrefix(offset === 0 ? sub : sub.substring(1), offset);
      }
      case 'count':
        return simpleCountUnit(sub);
      case 'currency':
        return currency(sub);
      case 'bool': {
        const slash = sub.indexOf('/');
        return slash >= 0 ? booleanValueFormatter(sub.substring(0, slash), sub.substring(slash + 1)) : booleanValueFormatter(sub, '-');
      }
    }
  }
  return fixed(unit);
}

/**
 * Formats `value` in `unit` with `decimals` (automatic when omitted), like Grafana's
 * getValueFormat(unit)(value, decimals). null/undefined give an empty text, NaN "NaN".
 */
export function formatValue(
  value: number | null | undefined,
  unit: string | null | undefined,
  decimals?: DecimalCount,
  options: FormatOptions = {},
): FormattedValue {
  if (value === null || value === undefined) return { text: '', prefix: '', suffix: '' };
  // Grafana's display processor formats only numbers; NaN is shown as is, without the unit.
  if (Number.isNaN(value)) return { text: 'NaN', prefix: '', suffix: '' };
  const r = getValueFormatter(unit)(value, decimals, options);
  let text = r.text;
  if (options.trimTrailingZeros && !isDateOrBoolUnit(unit)) {
    // Only texts that read back as a number (not "01:02:03", "1F3F" or "∞").
    const asNum = text.trim() === '' ? NaN : +text;
    if (!Number.isNaN(asNum)) text = String(asNum);
  }
  return { text, prefix: r.prefix ?? '', suffix: r.suffix ?? '' };
}

function isDateOrBoolUnit(unit: string | null | undefined): boolean {
  return !!unit && (unit.startsWith('dateTime') || unit.startsWith('time:') || unit.startsWith('bool'));
}

/** What Grafana shows: prefix, text and suffix joined. */
export function formattedValueToString(v: { text: string; prefix?: string; suffix?: string }): string {
  return `${v.prefix ?? ''}${v.text}${v.suffix ?? ''}`;
}
