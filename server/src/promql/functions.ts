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
  ["abs", ["vector"], 0, "vector", false, ["v"], ''],
  ["absent", ["vector"], 0, "vector", false, ["v"], ''],
  ["absent_over_time", ["matrix"], 0, "vector", false, ["v"], ''],
  ["acos", ["vector"], 0, "vector", false, ["v"], ''],
  ["acosh", ["vector"], 0, "vector", false, ["v"], ''],
  ["asin", ["vector"], 0, "vector", false, ["v"], ''],
  ["asinh", ["vector"], 0, "vector", false, ["v"], ''],
  ["atan", ["vector"], 0, "vector", false, ["v"], ''],
  ["atanh", ["vector"], 0, "vector", false, ["v"], ''],
  ["avg_over_time", ["matrix"], 0, "vector", false, ["v"], ''],
  ["ceil", ["vector"], 0, "vector", false, ["v"], ''],
  ["changes", ["matrix"], 0, "vector", false, ["v"], ''],
  ["clamp", ["vector", "scalar", "scalar"], 0, "vector", false, ["v", "v", "v"], ''],
  ["clamp_max", ["vector", "scalar"], 0, "vector", false, ["v", "v"], ''],
  ["clamp_min", ["vector", "scalar"], 0, "vector", false, ["v", "v"], ''],
  ["cos", ["vector"], 0, "vector", false, ["v"], ''],
  ["cosh", ["vector"], 0, "vector", false, ["v"], ''],
  ["count_over_time", ["matrix"], 0, "vector", false, ["v"], ''],
  ["days_in_month", ["vector"], 1, "vector", false, ["v"], ''],
  ["day_of_month", ["vector"], 1, "vector", false, ["v"], ''],
  ["day_of_week", ["vector"], 1, "vector", false, ["v"], ''],
  ["day_of_year", ["vector"], 1, "vector", false, ["v"], ''],
  ["deg", ["vector"], 0, "vector", false, ["v"], ''],
  ["end", [], 0, "scalar", true, [], ''],
  ["delta", ["matrix"], 0, "vector", false, ["v"], ''],
  ["deriv", ["matrix"], 0, "vector", false, ["v"], ''],
  ["exp", ["vector"], 0, "vector", false, ["v"], ''],
  ["first_over_time", ["matrix"], 0, "vector", false, ["v"], ''],
  ["floor", ["vector"], 0, "vector", false, ["v"], ''],
  ["histogram_avg", ["vector"], 0, "vector", false, ["v"], ''],
  ["histogram_count", ["vector"], 0, "vector", false, ["v"], ''],
  ["histogram_sum", ["vector"], 0, "vector", false, ["v"], ''],
  ["histogram_stddev", ["vector"], 0, "vector", false, ["v"], ''],
  ["histogram_stdvar", ["vector"], 0, "vector", false, ["v"], ''],
  ["histogram_fraction", ["scalar", "scalar", "vector"], 0, "vector", false, ["v", "v", "v"], ''],
  ["histogram_quantile", ["scalar", "vector"], 0, "vector", false, ["v", "v"], ''],
  ["histogram_quantiles", ["vector", "string", "scalar", "scalar"], 9, "vector", true, ["v", "v", "v", "v"], ''],
  ["double_exponential_smoothing", ["matrix", "scalar", "scalar"], 0, "vector", true, ["v", "v", "v"], ''],
  ["hour", ["vector"], 1, "vector", false, ["v"], ''],
  ["idelta", ["matrix"], 0, "vector", false, ["v"], ''],
  ["increase", ["matrix"], 0, "vector", false, ["v"], ''],
  ["info", ["vector", "vector"], 1, "vector", true, ["v", "v"], ''],
  ["irate", ["matrix"], 0, "vector", false, ["v"], ''],
  ["label_replace", ["vector", "string", "string", "string", "string"], 0, "vector", false, ["v", "v", "v", "v", "v"], ''],
  ["label_join", ["vector", "string", "string", "string"], -1, "vector", false, ["v", "v", "v", "v"], ''],
  ["max_of", ["scalar", "scalar"], 0, "scalar", true, ["v", "v"], ''],
  ["last_over_time", ["matrix"], 0, "vector", false, ["v"], ''],
  ["min_of", ["scalar", "scalar"], 0, "scalar", true, ["v", "v"], ''],
  ["ln", ["vector"], 0, "vector", false, ["v"], ''],
  ["log10", ["vector"], 0, "vector", false, ["v"], ''],
  ["log2", ["vector"], 0, "vector", false, ["v"], ''],
  ["mad_over_time", ["matrix"], 0, "vector", true, ["v"], ''],
  ["max_over_time", ["matrix"], 0, "vector", false, ["v"], ''],
  ["min_over_time", ["matrix"], 0, "vector", false, ["v"], ''],
  ["ts_of_first_over_time", ["matrix"], 0, "vector", true, ["v"], ''],
  ["ts_of_max_over_time", ["matrix"], 0, "vector", true, ["v"], ''],
  ["ts_of_min_over_time", ["matrix"], 0, "vector", true, ["v"], ''],
  ["ts_of_last_over_time", ["matrix"], 0, "vector", true, ["v"], ''],
  ["minute", ["vector"], 1, "vector", false, ["v"], ''],
  ["month", ["vector"], 1, "vector", false, ["v"], ''],
  ["pi", [], 0, "scalar", false, [], ''],
  ["predict_linear", ["matrix", "scalar"], 0, "vector", false, ["v", "v"], ''],
  ["present_over_time", ["matrix"], 0, "vector", false, ["v"], ''],
  ["quantile_over_time", ["scalar", "matrix"], 0, "vector", false, ["v", "v"], ''],
  ["rad", ["vector"], 0, "vector", false, ["v"], ''],
  ["range", [], 0, "scalar", true, [], ''],
  ["rate", ["matrix"], 0, "vector", false, ["v"], ''],
  ["resets", ["matrix"], 0, "vector", false, ["v"], ''],
  ["round", ["vector", "scalar"], 1, "vector", false, ["v", "v"], ''],
  ["scalar", ["vector"], 0, "scalar", false, ["v"], ''],
  ["sgn", ["vector"], 0, "vector", false, ["v"], ''],
  ["sin", ["vector"], 0, "vector", false, ["v"], ''],
  ["sinh", ["vector"], 0, "vector", false, ["v"], ''],
  ["sort", ["vector"], 0, "vector", false, ["v"], ''],
  ["sort_desc", ["vector"], 0, "vector", false, ["v"], ''],
  ["sort_by_label", ["vector", "string"], -1, "vector", true, ["v", "v"], ''],
  ["sort_by_label_desc", ["vector", "string"], -1, "vector", true, ["v", "v"], ''],
  ["sqrt", ["vector"], 0, "vector", false, ["v"], ''],
  ["start", [], 0, "scalar", true, [], ''],
  ["start_timestamp", ["vector"], 0, "vector", true, ["v"], ''],
  ["step", [], 0, "scalar", true, [], ''],
  ["stddev_over_time", ["matrix"], 0, "vector", false, ["v"], ''],
  ["stdvar_over_time", ["matrix"], 0, "vector", false, ["v"], ''],
  ["sum_over_time", ["matrix"], 0, "vector", false, ["v"], ''],
  ["tan", ["vector"], 0, "vector", false, ["v"], ''],
  ["tanh", ["vector"], 0, "vector", false, ["v"], ''],
  ["time", [], 0, "scalar", false, [], ''],
  ["timestamp", ["vector"], 0, "vector", false, ["v"], ''],
  ["vector", ["scalar"], 0, "vector", false, ["v"], ''],
  ["year", ["vector"], 1, "vector", false, ["v"], ''],
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
