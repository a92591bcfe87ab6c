// The PromQL function catalogue as data: Prometheus' promql/parser/functions.go (3.14), one row per
// function, with a short description in our own words for hover and completion.
import type { FunctionInfo, ValueType } from './ast';

export interface FunctionEntry extends FunctionInfo {
  /** One or two sentences, ours, shown in hover and completion. */
  description: string;
  /** Parameter names for signature help, one per argType. */
  params: string[];
}

type Row = [name: string, argTypes: ValueType[], variadic: number, returnType: ValueType, experimental: boolean, params: string[], description: string];

const ROWS: Row[] = [
  ["abs", ["vector"], 0, "vector", false, ["v"], "Absolute value of every float sample in v."],
  ["absent", ["vector"], 0, "vector", false, ["v"], "Returns a single series with value 1 when v is empty, and nothing when v has any series; handy for alerting on missing metrics."],
  ["absent_over_time", ["matrix"], 0, "vector", false, ["v"], "Returns 1 when the range vector v has no samples at all in its window, and nothing otherwise."],
  ["acos", ["vector"], 0, "vector", false, ["v"], "Arc cosine (in radians) of every float sample in v."],
  ["acosh", ["vector"], 0, "vector", false, ["v"], "Inverse hyperbolic cosine of every float sample in v."],
  ["asin", ["vector"], 0, "vector", false, ["v"], "Arc sine (in radians) of every float sample in v."],
  ["asinh", ["vector"], 0, "vector", false, ["v"], "Inverse hyperbolic sine of every float sample in v."],
  ["atan", ["vector"], 0, "vector", false, ["v"], "Arc tangent (in radians) of every float sample in v."],
  ["atanh", ["vector"], 0, "vector", false, ["v"], "Inverse hyperbolic tangent of every float sample in v."],
  ["avg_over_time", ["matrix"], 0, "vector", false, ["v"], "Mean of the sample values of each series over the window of v."],
  ["ceil", ["vector"], 0, "vector", false, ["v"], "Rounds every float sample in v up to the next integer."],
  ["changes", ["matrix"], 0, "vector", false, ["v"], "How many times the value of each series changed within the window of v."],
  ["clamp", ["vector", "scalar", "scalar"], 0, "vector", false, ["v", "min", "max"], "Limits every float sample in v to the interval [min, max]; empty result when min > max."],
  ["clamp_max", ["vector", "scalar"], 0, "vector", false, ["v", "max"], "Caps every float sample in v at max."],
  ["clamp_min", ["vector", "scalar"], 0, "vector", false, ["v", "min"], "Raises every float sample in v to at least min."],
  ["cos", ["vector"], 0, "vector", false, ["v"], "Cosine of every float sample in v (radians)."],
  ["cosh", ["vector"], 0, "vector", false, ["v"], "Hyperbolic cosine of every float sample in v."],
  ["count_over_time", ["matrix"], 0, "vector", false, ["v"], "Number of samples of each series within the window of v."],
  ["days_in_month", ["vector"], 1, "vector", false, ["v"], "Reads each sample as a Unix timestamp (default: the evaluation time) and gives the number of days in its month, UTC (28-31)."],
  ["day_of_month", ["vector"], 1, "vector", false, ["v"], "Reads each sample as a Unix timestamp (default: the evaluation time) and gives its day of the month, UTC (1-31)."],
  ["day_of_week", ["vector"], 1, "vector", false, ["v"], "Reads each sample as a Unix timestamp (default: the evaluation time) and gives its weekday, UTC (0 = Sunday to 6)."],
  ["day_of_year", ["vector"], 1, "vector", false, ["v"], "Reads each sample as a Unix timestamp (default: the evaluation time) and gives its day of the year, UTC (1-366)."],
  ["deg", ["vector"], 0, "vector", false, ["v"], "Converts every float sample in v from radians to degrees."],
  ["end", [], 0, "scalar", true, [], "End time of the query range evaluation, in seconds since the epoch; equals the evaluation time for instant queries. Experimental."],
  ["delta", ["matrix"], 0, "vector", false, ["v"], "Difference between the first and last value of each series in the window of v, extrapolated to the full window. For gauges."],
  ["deriv", ["matrix"], 0, "vector", false, ["v"], "Per-second slope of each gauge series in v, from a least-squares linear fit."],
  ["exp", ["vector"], 0, "vector", false, ["v"], "e raised to the power of every float sample in v."],
  ["first_over_time", ["matrix"], 0, "vector", false, ["v"], "Oldest sample value of each series within the window of v."],
  ["floor", ["vector"], 0, "vector", false, ["v"], "Rounds every float sample in v down to the previous integer."],
  ["histogram_avg", ["vector"], 0, "vector", false, ["v"], "Average of the observations stored in each native histogram sample of v."],
  ["histogram_count", ["vector"], 0, "vector", false, ["v"], "Number of observations stored in each native histogram sample of v."],
  ["histogram_sum", ["vector"], 0, "vector", false, ["v"], "Sum of the observations stored in each native histogram sample of v."],
  ["histogram_stddev", ["vector"], 0, "vector", false, ["v"], "Estimated standard deviation of the observations in each native histogram sample of v."],
  ["histogram_stdvar", ["vector"], 0, "vector", false, ["v"], "Estimated variance of the observations in each native histogram sample of v."],
  ["histogram_fraction", ["scalar", "scalar", "vector"], 0, "vector", false, ["lower", "upper", "b"], "Estimated share of observations between lower and upper, for each classic or native histogram in b."],
  ["histogram_quantile", ["scalar", "vector"], 0, "vector", false, ["φ", "b"], "Estimated φ-quantile (0 ≤ φ ≤ 1) of each classic histogram (buckets with an le label) or native histogram in b."],
  ["histogram_quantiles", ["vector", "string", "scalar", "scalar"], 9, "vector", true, ["v", "quantile_label", "φ1", "φ2"], "Several φ-quantiles of each histogram in v at once; each result series carries its φ in the label named by quantile_label. Experimental."],
  ["double_exponential_smoothing", ["matrix", "scalar", "scalar"], 0, "vector", true, ["v", "sf", "tf"], "Smoothed value of each gauge series in v by double exponential smoothing (Holt linear), with smoothing factor sf and trend factor tf, both in (0, 1). Experimental."],
  ["hour", ["vector"], 1, "vector", false, ["v"], "Reads each sample as a Unix timestamp (default: the evaluation time) and gives its hour of the day, UTC (0-23)."],
  ["idelta", ["matrix"], 0, "vector", false, ["v"], "Difference between the last two samples of each series in v. For gauges."],
  ["increase", ["matrix"], 0, "vector", false, ["v"], "How much each counter in v grew over the window, corrected for resets and extrapolated to the full window."],
  ["info", ["vector", "vector"], 1, "vector", true, ["v", "data_label_selector"], "Adds labels from matching info series (by default target_info) to each series of v; the optional selector picks which info series and labels to use. Experimental."],
  ["irate", ["matrix"], 0, "vector", false, ["v"], "Per-second rate of each counter in v from its last two samples; reacts fast, best for volatile graphs."],
  ["label_replace", ["vector", "string", "string", "string", "string"], 0, "vector", false, ["v", "dst_label", "replacement", "src_label", "regex"], "When regex fully matches the value of src_label, sets dst_label to replacement (which may use $1, $name capture groups); other series pass unchanged."],
  ["label_join", ["vector", "string", "string", "string"], -1, "vector", false, ["v", "dst_label", "separator", "src_label"], "Sets dst_label to the values of the listed source labels joined with separator."],
  ["max_of", ["scalar", "scalar"], 0, "scalar", true, ["a", "b"], "The larger of the two scalars a and b. Experimental."],
  ["last_over_time", ["matrix"], 0, "vector", false, ["v"], "Most recent sample value of each series within the window of v."],
  ["min_of", ["scalar", "scalar"], 0, "scalar", true, ["a", "b"], "The smaller of the two scalars a and b. Experimental."],
  ["ln", ["vector"], 0, "vector", false, ["v"], "Natural logarithm of every float sample in v."],
  ["log10", ["vector"], 0, "vector", false, ["v"], "Base-10 logarithm of every float sample in v."],
  ["log2", ["vector"], 0, "vector", false, ["v"], "Base-2 logarithm of every float sample in v."],
  ["mad_over_time", ["matrix"], 0, "vector", true, ["v"], "Median absolute deviation of the sample values of each series within the window of v. Experimental."],
  ["max_over_time", ["matrix"], 0, "vector", false, ["v"], "Largest sample value of each series within the window of v."],
  ["min_over_time", ["matrix"], 0, "vector", false, ["v"], "Smallest sample value of each series within the window of v."],
  ["ts_of_first_over_time", ["matrix"], 0, "vector", true, ["v"], "Timestamp of the oldest sample of each series within the window of v. Experimental."],
  ["ts_of_max_over_time", ["matrix"], 0, "vector", true, ["v"], "Timestamp of the sample with the largest value of each series within the window of v. Experimental."],
  ["ts_of_min_over_time", ["matrix"], 0, "vector", true, ["v"], "Timestamp of the sample with the smallest value of each series within the window of v. Experimental."],
  ["ts_of_last_over_time", ["matrix"], 0, "vector", true, ["v"], "Timestamp of the most recent sample of each series within the window of v. Experimental."],
  ["minute", ["vector"], 1, "vector", false, ["v"], "Reads each sample as a Unix timestamp (default: the evaluation time) and gives its minute of the hour, UTC (0-59)."],
  ["month", ["vector"], 1, "vector", false, ["v"], "Reads each sample as a Unix timestamp (default: the evaluation time) and gives its month, UTC (1-12)."],
  ["pi", [], 0, "scalar", false, [], "The constant π."],
  ["predict_linear", ["matrix", "scalar"], 0, "vector", false, ["v", "t"], "Predicts the value of each gauge series in v t seconds from now, from a least-squares linear fit over the window."],
  ["present_over_time", ["matrix"], 0, "vector", false, ["v"], "Value 1 for each series that has any sample within the window of v."],
  ["quantile_over_time", ["scalar", "matrix"], 0, "vector", false, ["φ", "v"], "φ-quantile (0 ≤ φ ≤ 1) of the sample values of each series within the window of v."],
  ["rad", ["vector"], 0, "vector", false, ["v"], "Converts every float sample in v from degrees to radians."],
  ["range", [], 0, "scalar", true, [], "Length of the query range (end minus start), in seconds; 0 for instant queries. Experimental."],
  ["rate", ["matrix"], 0, "vector", false, ["v"], "Average per-second increase of each counter in v over the window, corrected for resets and extrapolated. Use it for alerts and slow-moving graphs."],
  ["resets", ["matrix"], 0, "vector", false, ["v"], "Number of counter resets (value drops) of each series within the window of v."],
  ["round", ["vector", "scalar"], 1, "vector", false, ["v", "to_nearest"], "Rounds every float sample in v to the nearest multiple of to_nearest (default 1); ties round up."],
  ["scalar", ["vector"], 0, "scalar", false, ["v"], "The value of the single series in v as a scalar; NaN when v has zero or several series."],
  ["sgn", ["vector"], 0, "vector", false, ["v"], "Sign of every float sample in v: 1, -1 or 0."],
  ["sin", ["vector"], 0, "vector", false, ["v"], "Sine of every float sample in v (radians)."],
  ["sinh", ["vector"], 0, "vector", false, ["v"], "Hyperbolic sine of every float sample in v."],
  ["sort", ["vector"], 0, "vector", false, ["v"], "Orders the series of v by ascending value (instant queries only)."],
  ["sort_desc", ["vector"], 0, "vector", false, ["v"], "Orders the series of v by descending value (instant queries only)."],
  ["sort_by_label", ["vector", "string"], -1, "vector", true, ["v", "label"], "Orders the series of v by the values of the given labels, ascending, comparing numbers within them naturally. Experimental."],
  ["sort_by_label_desc", ["vector", "string"], -1, "vector", true, ["v", "label"], "Orders the series of v by the values of the given labels, descending. Experimental."],
  ["sqrt", ["vector"], 0, "vector", false, ["v"], "Square root of every float sample in v."],
  ["start", [], 0, "scalar", true, [], "Start time of the query range evaluation, in seconds since the epoch; equals the evaluation time for instant queries. Experimental."],
  ["start_timestamp", ["vector"], 0, "vector", true, ["v"], "Start (created) timestamp of each sample in v, in seconds since the epoch: when its counter started from zero. Experimental."],
  ["step", [], 0, "scalar", true, [], "Resolution step of the range query, in seconds; 0 for instant queries. Experimental."],
  ["stddev_over_time", ["matrix"], 0, "vector", false, ["v"], "Population standard deviation of the sample values of each series within the window of v."],
  ["stdvar_over_time", ["matrix"], 0, "vector", false, ["v"], "Population variance of the sample values of each series within the window of v."],
  ["sum_over_time", ["matrix"], 0, "vector", false, ["v"], "Sum of the sample values of each series within the window of v."],
  ["tan", ["vector"], 0, "vector", false, ["v"], "Tangent of every float sample in v (radians)."],
  ["tanh", ["vector"], 0, "vector", false, ["v"], "Hyperbolic tangent of every float sample in v."],
  ["time", [], 0, "scalar", false, [], "Evaluation time, in seconds since the epoch."],
  ["timestamp", ["vector"], 0, "vector", false, ["v"], "Timestamp of every sample in v, in seconds since the epoch."],
  ["vector", ["scalar"], 0, "vector", false, ["s"], "Turns the scalar s into a single series without labels."],
  ["year", ["vector"], 1, "vector", false, ["v"], "Reads each sample as a Unix timestamp (default: the evaluation time) and gives its year, UTC."],
];

export const FUNCTIONS: ReadonlyMap<string, FunctionEntry> = new Map(
  ROWS.map(([name, argTypes, variadic, returnType, experimental, params, description]) => [
    name,
    { name, argTypes, variadic, returnType, experimental, params, description },
  ]),
);

export function getFunction(name: string): FunctionEntry | undefined {
  return FUNCTIONS.get(name);
}
