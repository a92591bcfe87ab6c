// Label name and value validity under Prometheus 3.x validation schemes.
import { isValidUtf8 } from './goText';
import type { NameScheme } from './walkContext';

const legacyLabelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** model.ValidationScheme.IsValidLabelName. */
export function isValidLabelName(name: string, scheme: NameScheme): boolean {
  if (scheme === 'legacy') return legacyLabelName.test(name);
  return name.length > 0 && isValidUtf8(name);
}

/** model.LabelValue.IsValid: any valid UTF-8. */
export function isValidLabelValue(value: string): boolean {
  return isValidUtf8(value);
}
