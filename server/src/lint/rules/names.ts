// Prometheus' name rules (prometheus/common model): UTF-8 names by default since Prometheus 3,
// the legacy [a-zA-Z_][a-zA-Z0-9_]* rules when the validation scheme is legacy.
export type NameValidationScheme = 'utf8' | 'legacy';

const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LEGACY_METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Go's utf8.ValidString for a JS string: no unpaired surrogates. */
export function isValidUtf8(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

export function isValidLabelName(name: string, scheme: NameValidationScheme): boolean {
  if (scheme === 'legacy') return LEGACY_LABEL.test(name);
  return name.length > 0 && isValidUtf8(name);
}

export function isValidMetricName(name: string, scheme: NameValidationScheme): boolean {
  if (scheme === 'legacy') return LEGACY_METRIC.test(name);
  return name.length > 0 && isValidUtf8(name);
}
