// Rule ids where users write them: the keys under `rules:` in .monitoring-lint.yml and the ids of
// `# monitoring-lint-disable` comments in any file. Completion lists the rules (and families, in
// the settings file) with what each catches; hover on an id says the same, with its documentation.
import { detectFileKind } from '../documents/detect';
import { allRules } from '../lint/registry';
import type { RuleDoc } from '../lint/types';

export interface RuleIdSpot {
  /** The id (or partial id) around the cursor: offsets into the file. */
  start: number;
  end: number;
  /** In .monitoring-lint.yml, where families (`dashboard/`) are allowed too. */
  inSettings: boolean;
}

const ID_CHAR = /[\w/-]/;
const DIRECTIVE = /#\s*monitoring-lint-disable(?:-file|-next-line)?\b/;

/** The rule id being written or pointed at, if the offset is where one goes. */
export function ruleIdSpotAt(fileName: string, text: string, offset: number): RuleIdSpot | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const line = text.slice(lineStart, nl < 0 ? text.length : nl).replace(/\r$/, '');
  const col = offset - lineStart;
  let start = col;
  while (start > 0 && ID_CHAR.test(line[start - 1])) start--;
  let end = col;
  while (end < line.length && ID_CHAR.test(line[end])) end++;
  const spot = (inSettings: boolean): RuleIdSpot => ({ start: lineStart + start, end: lineStart + end, inSettings });

  const directive = DIRECTIVE.exec(line);
  if (directive && start >= directive.index + directive[0].length) {
    // After the directive, before a `--` reason.
    const reason = line.indexOf('--', directive.index + directive[0].length);
    if (reason < 0 || start < reason) return spot(false);
  }
  if (detectFileKind(fileName, '') !== 'lint-settings') return undefined;
  // A key of the `rules:` map: an indented line with only the id before the cursor, under `rules:`.
  if (!/^\s+$/.test(line.slice(0, start))) return undefined;
  if (line.slice(end).trimStart().length > 0 && !line.slice(end).trimStart().startsWith(':')) return undefined;
  return underRules(text, lineStart) ? spot(true) : undefined;
}

/** True when the last unindented key above the line is `rules:`. */
function underRules(text: string, lineStart: number): boolean {
  const above = text.slice(0, lineStart).split('\n').reverse();
  for (const l of above) {
    if (/^[^\s#]/.test(l)) return /^rules\s*:/.test(l);
  }
  return false;
}

export interface RuleIdItem {
  label: string;
  detail: string;
  documentation: string;
}

const KIND_NAMES: Record<RuleDoc['fileKind'], string> = {
  'prometheus-config': 'prometheus.yml',
  'rule-file': 'rule files',
  'rule-test': 'rule test files',
  dashboard: 'dashboards',
  promql: '.promql files',
  'lint-settings': 'lint settings',
};

/** Every rule id, and in the settings file every family too. */
export function ruleIdItems(inSettings: boolean, docUrl: (id: string) => string): RuleIdItem[] {
  const items: RuleIdItem[] = allRules.map((r) => ({ label: r.id, detail: `${r.defaultSeverity} · ${KIND_NAMES[r.fileKind]}`, documentation: ruleMarkdown(r, docUrl) }));
  if (inSettings) {
    for (const family of [...new Set(allRules.map((r) => r.id.slice(0, r.id.indexOf('/') + 1)))]) {
      const members = allRules.filter((r) => r.id.startsWith(family));
      items.push({ label: family, detail: `family · ${members.length} rules`, documentation: `Every rule whose id starts with \`${family}\`: ${members.map((r) => `\`${r.id}\``).join(', ')}.` });
    }
  }
  return items;
}

/** Hover text for the known rule id at the spot, or undefined. */
export function ruleIdHover(text: string, spot: RuleIdSpot, docUrl: (id: string) => string): string | undefined {
  const id = text.slice(spot.start, spot.end);
  const rule = allRules.find((r) => r.id === id);
  if (rule) return ruleMarkdown(rule, docUrl);
  if (id.endsWith('/')) {
    const members = allRules.filter((r) => r.id.startsWith(id));
    if (members.length > 0) return `**${id}** — the family of ${members.length} rules: ${members.map((r) => `\`${r.id}\``).join(', ')}.`;
  }
  return undefined;
}

function ruleMarkdown(r: RuleDoc, docUrl: (id: string) => string): string {
  return `**${r.id}** (${KIND_NAMES[r.fileKind]}; default severity: ${r.defaultSeverity})\n\n${r.summary}\n\n[Documentation](${docUrl(r.id)})`;
}
