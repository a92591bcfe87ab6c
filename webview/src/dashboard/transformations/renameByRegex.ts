// `renameByRegex`: the display name of each field the regex matches, replaced by the pattern
// ("$1"), following packages/grafana-data/src/transformations/transformers/renameByRegex.ts.
import { fieldDisplayName, type Frame } from '../frames';
import { stringToJsRegex } from '../regexp';

/** undefined for an invalid regex (Grafana's transformation fails on it). */
export function renameByRegex(frames: Frame[], options: Record<string, unknown>): Frame[] | undefined {
  const regex = stringToJsRegex(typeof options.regex === 'string' ? options.regex : '(.*)');
  const pattern = typeof options.renamePattern === 'string' ? options.renamePattern : '$1';
  if (!regex) return undefined;
  return frames.map((frame) => ({
    ...frame,
    fields: frame.fields.map((field) => {
      // Grafana names the field without the other frames here (getFieldDisplayName(field, frame)).
      const name = fieldDisplayName(field, frame);
      if (!regex.test(name)) return field;
      return { ...field, config: { ...field.config, displayName: name.replace(regex, pattern) } };
    }),
  }));
}
