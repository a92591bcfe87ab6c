// model/relabel Config.Validate: which fields each action needs or forbids, with upstream's messages.
import { goQuote } from '../goText';
import { isValidLabelName } from '../labelNames';
import type { ObjView } from '../objView';
import { report, type NameScheme, type WalkContext } from '../walkContext';

export const relabelActions = [
  'replace', 'keep', 'drop', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase', 'keepequal', 'dropequal',
] as const;

const relabelTargetLegacy = /^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$/;

/** A field's value as Go sees it after decoding: the default when absent, zero when null. */
function fieldValue(v: ObjView, key: string, dflt: string): string {
  if (!v.written(key)) return dflt;
  return v.str(key);
}

/** The relabel rule's action, lower-cased as Prometheus' Action.UnmarshalYAML does. */
export function relabelAction(v: ObjView): string {
  return fieldValue(v, 'action', 'replace').toLowerCase();
}

/** Runs Config.Validate for one relabel rule under the given name validation scheme. */
export function validateRelabel(v: ObjView, scheme: NameScheme, ctx: WalkContext): void {
  const action = relabelAction(v);
  const fail = (key: string, msg: string): void => report(ctx, 'config/relabel', v.written(key) ? v.keyRange(key) : v.anchor, msg);
  if (action === '') return fail('action', 'relabel action cannot be empty');
  if (!relabelActions.includes(action as (typeof relabelActions)[number])) return; // reported by the enum check
  const target = fieldValue(v, 'target_label', '');
  const replacement = fieldValue(v, 'replacement', '$1');
  const separator = fieldValue(v, 'separator', ';');
  const modulus = v.num('modulus') ?? 0;
  const validWithVars = (s: string): boolean => (scheme === 'utf8' ? isValidLabelName(s, scheme) : relabelTargetLegacy.test(s));
  const needsTarget = ['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal'];
  const equalLike = ['lowercase', 'uppercase', 'keepequal', 'dropequal'];
  if (modulus === 0 && action === 'hashmod') return fail('action', 'relabel configuration for hashmod requires non-zero modulus');
  if (needsTarget.includes(action) && target === '') {
    return fail('action', `relabel configuration for ${action} action requires 'target_label' value`);
  }
  if (action === 'replace' && !target.includes('$') && !isValidLabelName(target, scheme)) {
    return fail('target_label', `${goQuote(target)} is invalid 'target_label' for ${action} action`);
  }
  if (action === 'replace' && target.includes('$') && !validWithVars(target)) {
    return fail('target_label', `${goQuote(target)} is invalid 'target_label' for ${action} action`);
  }
  if (equalLike.includes(action) && !isValidLabelName(target, scheme)) {
    return fail('target_label', `${goQuote(target)} is invalid 'target_label' for ${action} action`);
  }
  if (equalLike.includes(action) && replacement !== '$1') {
    return fail('replacement', `'replacement' can not be set for ${action} action`);
  }
  if (action === 'labelmap' && !validWithVars(replacement)) {
    return fail('replacement', `${goQuote(replacement)} is invalid 'replacement' for ${action} action`);
  }
  if (action === 'hashmod' && !isValidLabelName(target, scheme)) {
    return fail('target_label', `${goQuote(target)} is invalid 'target_label' for ${action} action`);
  }
  // Go compares the Regexp struct, a pointer: any written regex differs from the default one,
  // even `(.*)` (promtool: "keepequal action requires only ...").
  if ((action === 'dropequal' || action === 'keepequal') && (v.written('regex') || modulus !== 0 || separator !== ';' || replacement !== '$1')) {
    return fail('action', `${action} action requires only 'source_labels' and \`target_label\`, and no other fields`);
  }
  if (
    (action === 'labeldrop' || action === 'labelkeep') &&
    (v.written('source_labels') || target !== '' || modulus !== 0 || separator !== ';' || replacement !== '$1')
  ) {
    return fail('action', `${action} action requires only 'regex', and no other fields`);
  }
}

/** Source labels are model.LabelNames: each must be a valid (UTF-8) label name when decoded. */
export function checkSourceLabels(v: ObjView, ctx: WalkContext): void {
  const items = v.items('source_labels');
  v.strList('source_labels').forEach((name, i) => {
    if (!isValidLabelName(name, 'utf8')) {
      const r = items[i]?.range;
      report(ctx, 'config/label-name', r ? [r[0], r[1]] : v.keyRange('source_labels'), `${goQuote(name)} is not a valid label name`);
    }
  });
}

/** Validates every relabel rule in the listed fields of a block under one scheme. */
export function validateRelabelLists(v: ObjView, keys: string[], scheme: NameScheme, ctx: WalkContext): void {
  for (const key of keys) for (const rule of v.subList(key)) validateRelabel(rule, scheme, ctx);
}
