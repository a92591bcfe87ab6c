// Thresholds and colour modes of Grafana's field config: which threshold step a value falls in
// (absolute or percentage of min..max), and the colour of a value or series for each colour mode.
// Behaviour follows grafana/grafana packages/grafana-data/src/field/thresholds.ts, scale.ts,
// fieldColor.ts and fieldOverrides.ts (validateFieldConfig).
import { CLASSIC_PALETTE, FALLBACK_COLOR, THEME_BACKGROUND, colorByName, contrastRatio, interpolateRgbBasis, stringHash, type ThemeMode } from './colors';

export { CLASSIC_PALETTE, colorByName, type ThemeMode } from './colors';

/** A threshold step as dashboard JSON stores it: the first step's value is null (meaning -Infinity). */
export interface ThresholdStep {
  value: number | null;
  color: string;
}

export interface ThresholdsConfig {
  mode?: 'absolute' | 'percentage';
  steps?: ThresholdStep[];
}

/** The step a value falls in: `value` is -Infinity for the base step, `index` its position in `steps`. */
export interface ActiveThreshold {
  value: number;
  color: string;
  index: number;
}

const FALLBACK_THRESHOLD: ActiveThreshold = { value: -Infinity, color: FALLBACK_COLOR, index: -1 };

/** Steps as Grafana uses them: the first one is always -Infinity (JSON saves it as null). */
export function normalizeSteps(steps: ThresholdStep[] | undefined): ActiveThreshold[] {
  return (steps ?? []).map((s, index) => ({ value: index === 0 ? -Infinity : Number(s.value), color: s.color, index }));
}

/** Grafana's getActiveThreshold: the last step (in order) whose value is ≤ `value`, else the first. */
export function getActiveThreshold(value: number, steps: ActiveThreshold[]): ActiveThreshold {
  if (steps.length === 0) return FALLBACK_THRESHOLD;
  let active = steps[0];
  for (const step of steps) {
    if (value >= step.value) active = step;
    else break;
  }
  return active;
}

/**
 * Where `value` sits between min and max, 0..1 (Grafana's scale: NaN → 0, -Infinity → 0). Without
 * min/max Grafana uses the data's own range; callers pass that, else 0..100 is assumed.
 */
export function percentOf(value: number, min = 0, max = 100): number {
  if (min > max) [min, max] = [max, min];
  if (value === -Infinity) return 0;
  const percent = (value - min) / (max - min);
  return Number.isNaN(percent) ? 0 : percent;
}

/** The threshold step of `value`: by value, or in percentage mode by its percent of min..max. */
export function thresholdFor(value: number, thresholds: ThresholdsConfig | undefined, min?: number, max?: number): ActiveThreshold {
  const steps = normalizeSteps(thresholds?.steps);
  if (thresholds?.mode === 'percentage') return getActiveThreshold(percentOf(value, min, max) * 100, steps);
  return getActiveThreshold(value, steps);
}

// --- colour modes ---------------------------------------------------------------------------

/** fieldConfig.defaults.color. */
export interface FieldColorConfig {
  mode?: string;
  fixedColor?: string;
  seriesBy?: 'last' | 'min' | 'max';
}

interface SchemeMode {
  /** Colours by the value's percent (continuous schemes) rather than by series. */
  byValue: boolean;
  colors: (theme: ThemeMode) => string[];
}

const CONTINUOUS: Record<string, string[]> = {
  'continuous-GrYlRd': ['green', 'yellow', 'red'],
  'continuous-RdYlGr': ['red', 'yellow', 'green'],
  'continuous-BlYlRd': ['dark-blue', 'super-light-yellow', 'dark-red'],
  'continuous-YlRd': ['super-light-yellow', 'dark-red'],
  'continuous-BlPu': ['blue', 'purple'],
  'continuous-YlBl': ['super-light-yellow', 'dark-blue'],
  'continuous-blues': ['panel-bg', 'dark-blue'],
  'continuous-reds': ['panel-bg', 'dark-red'],
  'continuous-greens': ['panel-bg', 'dark-green'],
  'continuous-purples': ['panel-bg', 'dark-purple'],
};

/** Colour mode ids this module draws; others (viridis & co, shades) fall back like unknown ids. */
export function isSupportedColorMode(mode: string): boolean {
  return mode === 'thresholds' || mode === 'fixed' || mode === 'palette-classic' || mode === 'palette-classic-by-name' || mode in CONTINUOUS;
}

function classicPalette(theme: ThemeMode): string[] {
  return CLASSIC_PALETTE.map((c) => colorByName(c, theme));
}

/** palette-classic-by-name keeps only palette colours readable on the panel background (contrast ≥ 3). */
function classicPaletteByName(theme: ThemeMode): string[] {
  return classicPalette(theme).filter((c) => contrastRatio(c, THEME_BACKGROUND[theme]) >= 3);
}

const interpolators = new Map<string, (t: number) => string>();
function continuous(mode: string, theme: ThemeMode): (t: number) => string {
  const key = `${mode}/${theme}`;
  let f = interpolators.get(key);
  if (!f) {
    f = interpolateRgbBasis(CONTINUOUS[mode].map((c) => colorByName(c, theme)));
    interpolators.set(key, f);
  }
  return f;
}

export interface ColorContext {
  theme: ThemeMode;
  /** Position of the series among the panel's series (palette-classic). */
  seriesIndex?: number;
  /** Display name of the series (palette-classic-by-name). */
  seriesName?: string;
  thresholds?: ThresholdsConfig;
  /** min/max of the field (config, or the data's range) for percentages. */
  min?: number;
  max?: number;
}

/**
 * The colour of `value` under the colour config, like Grafana's getScaleCalculator(field)(value).color.
 * A missing or unknown mode is "thresholds", as in Grafana's registry.
 */
export function valueColor(value: number, color: FieldColorConfig | undefined, ctx: ColorContext): string {
  const mode = color?.mode && isSupportedColorMode(color.mode) ? color.mode : 'thresholds';
  switch (mode) {
    case 'fixed':
      return colorByName(color?.fixedColor ?? FALLBACK_COLOR, ctx.theme);
    case 'palette-classic': {
      const colors = classicPalette(ctx.theme);
      return colors[(ctx.seriesIndex ?? 0) % colors.length];
    }
    case 'palette-classic-by-name': {
      const colors = classicPaletteByName(ctx.theme);
      return colors[Math.abs(stringHash(ctx.seriesName ?? '')) % colors.length];
    }
    case 'thresholds':
      return colorByName(thresholdFor(value, ctx.thresholds, ctx.min, ctx.max).color, ctx.theme);
    default:
      return continuous(mode, ctx.theme)(percentOf(value, ctx.min, ctx.max));
  }
}

/** True when the mode colours by value (thresholds, continuous schemes) rather than by series. */
export function isByValueMode(mode: string | undefined): boolean {
  const m = mode && isSupportedColorMode(mode) ? mode : 'thresholds';
  return m === 'thresholds' || m in CONTINUOUS;
}

/**
 * One colour for a whole series (lines, legend): Grafana's getFieldSeriesColor. By-value modes
 * use the series' `seriesBy` value (default last), with min/max from the config or the series.
 */
export function seriesColor(values: number[], color: FieldColorConfig | undefined, ctx: ColorContext): string {
  if (!isByValueMode(color?.mode)) return valueColor(0, color, ctx);
  const finite = values.filter((v) => Number.isFinite(v));
  // A loop, not Math.min(...values): long series would overflow the argument stack.
  const dataMin = finite.length ? finite.reduce((a, b) => (b < a ? b : a)) : 0;
  const dataMax = finite.length ? finite.reduce((a, b) => (b > a ? b : a)) : 100;
  const min = ctx.min ?? dataMin;
  const max = ctx.max ?? dataMax;
  const by = color?.seriesBy ?? 'last';
  const value = by === 'min' ? dataMin : by === 'max' ? dataMax : (values[values.length - 1] ?? 0);
  return valueColor(value, color, { ...ctx, min, max });
}
