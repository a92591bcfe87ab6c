// In a `promtool test rules` file, the alertname of an alert_rule_test leads to its rule:
// completion lists the alerting rules of the test's rule files, hover shows the rule (its expr,
// the labels and annotations the test must expect), go to definition opens it.
import type { AlertingRule } from '../lint/ruleTests/ruleFiles';

export interface AlertnameSpot {
  /** The name as written, quotes removed. */
  name: string;
  /** The value's characters in the file (quotes included), or the empty place after the colon. */
  start: number;
  end: number;
}

const ALERTNAME = /^(\s*(?:-\s+)?alertname:[ \t]*)([^#\r\n]*?)[ \t]*(?:#.*)?$/;

/** The alertname value at the offset (on it, or right after `alertname:`), if any. */
export function alertnameSpotAt(text: string, offset: number): AlertnameSpot | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const line = text.slice(lineStart, nl < 0 ? text.length : nl);
  const m = ALERTNAME.exec(line);
  if (!m) return undefined;
  const start = lineStart + m[1].length;
  const end = start + m[2].length;
  if (offset < start || offset > end) return undefined;
  const name = m[2].replace(/^(['"])(.*)\1$/, '$2');
  return { name, start, end };
}

/** Markdown for an alerting rule a test names: where it is, its expr, what the test must expect. */
export function alertRuleMarkdown(name: string, rules: readonly AlertingRule[], fileLabel: (file: string) => string): string {
  return rules
    .map((r) => {
      const labels = [...r.labels].map(([k, v]) => `${k}: ${v}`);
      const annotations = [...r.annotations.keys()];
      return [
        `**alert ${name}** in \`${fileLabel(r.file)}\``,
        '```promql\n' + r.expr.trim() + '\n```',
        labels.length ? `Labels every alert has (expect them in \`exp_labels\`): ${labels.map((l) => `\`${l}\``).join(', ')}` : 'No labels of its own: `exp_labels` holds the series\' labels.',
        annotations.length ? `Annotations (expect each in \`exp_annotations\`): ${annotations.map((a) => `\`${a}\``).join(', ')}` : 'No annotations: leave `exp_annotations` out.',
      ].join('\n\n');
    })
    .join('\n\n---\n\n');
}
