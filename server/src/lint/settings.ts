// Which rules run and how loud: `.monitoring-lint.yml` at the workspace root, editor settings, and
// inline comments (`# monitoring-lint-disable <rule-id>...`). The CLI and the server share this.
import { parse as parseYaml } from 'yaml';
import { parseDuration } from '../promql/durations';
import type { LintDiagnostic, Severity } from './types';

export type RuleLevel = Severity | 'off';

export interface LintSettings {
  /** Per rule id (or a prefix ending in `/`, e.g. `dashboard/`): a severity, or 'off'. */
  rules: Record<string, RuleLevel>;
  /**
   * `scrapeInterval`: the scrape interval that rate-window checks assume for rule files when no
   * prometheus.yml in their folder or above gives one (instead of Prometheus' default, 1m).
   */
  scrapeIntervalMs?: number;
}

export const EMPTY_SETTINGS: LintSettings = { rules: {} };
export const LINT_SETTINGS_FILE = '.monitoring-lint.yml';

export const RULE_LEVELS: ReadonlySet<string> = new Set<RuleLevel>(['error', 'warning', 'info', 'hint', 'off']);

/**
 * Reads `.monitoring-lint.yml`:
 *   rules:
 *     rule/record-name: off          # disable
 *     dashboard/panel-units: warning # change severity
 *     dashboard/: off                # a whole family
 *   scrapeInterval: 30s              # for rule files with no prometheus.yml above them
 * Problems in the file itself are returned, not thrown.
 */
export function parseLintSettings(text: string): { settings: LintSettings; problems: string[] } {
  const problems: string[] = [];
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    return { settings: EMPTY_SETTINGS, problems: [`${LINT_SETTINGS_FILE}: ${(e as Error).message}`] };
  }
  const rules: Record<string, RuleLevel> = {};
  if (doc && typeof doc === 'object' && 'rules' in doc) {
    const r = (doc as { rules: unknown }).rules;
    if (r && typeof r === 'object' && !Array.isArray(r)) {
      for (const [id, level] of Object.entries(r)) {
        const l = level === false ? 'off' : String(level);
        if (RULE_LEVELS.has(l)) rules[id] = l as RuleLevel;
        else problems.push(`${LINT_SETTINGS_FILE}: rule ${id}: level must be error, warning, info, hint or off, not ${JSON.stringify(level)}`);
      }
    } else if (r !== null && r !== undefined) problems.push(`${LINT_SETTINGS_FILE}: "rules" must be a map of rule id to level`);
  }
  const settings: LintSettings = { rules };
  if (doc && typeof doc === 'object' && 'scrapeInterval' in doc) {
    const v = (doc as { scrapeInterval: unknown }).scrapeInterval;
    const ms = scrapeIntervalMs(v);
    if (ms === undefined) problems.push(`${LINT_SETTINGS_FILE}: ${SCRAPE_INTERVAL_PROBLEM} ${JSON.stringify(v)}`);
    else settings.scrapeIntervalMs = ms;
  }
  return { settings, problems };
}

export const SCRAPE_INTERVAL_PROBLEM = 'scrapeInterval must be a Prometheus duration above zero, such as 30s, not';

/** A `scrapeInterval` value in milliseconds, or undefined when it is not a positive duration. */
export function scrapeIntervalMs(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const r = parseDuration(v.trim());
  return r.error === undefined && r.ms > 0 ? r.ms : undefined;
}

/** Later settings win: e.g. merge(fileSettings, editorSettings). */
export function mergeSettings(...all: LintSettings[]): LintSettings {
  const merged: LintSettings = { rules: Object.assign({}, ...all.map((s) => s.rules)) };
  for (const s of all) if (s.scrapeIntervalMs !== undefined) merged.scrapeIntervalMs = s.scrapeIntervalMs;
  return merged;
}

function levelFor(settings: LintSettings, ruleId: string): RuleLevel | undefined {
  if (ruleId in settings.rules) return settings.rules[ruleId];
  // The longest matching family prefix wins.
  let best: string | undefined;
  for (const key of Object.keys(settings.rules)) {
    if (key.endsWith('/') && ruleId.startsWith(key) && (!best || key.length > best.length)) best = key;
  }
  return best ? settings.rules[best] : undefined;
}

const INLINE = /#\s*monitoring-lint-disable(-file|-next-line)?\b([^\n]*)/g;
const RULE_ID = /^[\w-]+(\/[\w-]*)?$/;

/**
 * The rule ids a disable comment's text names, with their offsets in it: words up to a `--`
 * (what follows is a reason), those shaped like an id.
 */
function commentIds(rest: string): Array<{ id: string; at: number }> {
  const out: Array<{ id: string; at: number }> = [];
  for (const m of rest.matchAll(/[^\s,]+/g)) {
    if (m[0] === '--' || m[0].startsWith('--')) break;
    if (RULE_ID.test(m[0])) out.push({ id: m[0], at: m.index });
  }
  return out;
}

/** Every rule id of the file's disable comments, where it is written (for settings/unknown-rule). */
export function disableCommentIds(text: string): Array<{ id: string; range: { start: number; end: number } }> {
  if (!text.includes('monitoring-lint-disable')) return [];
  const out: Array<{ id: string; range: { start: number; end: number } }> = [];
  for (const m of text.matchAll(INLINE)) {
    const base = m.index + m[0].length - m[2].length;
    for (const { id, at } of commentIds(m[2])) out.push({ id, range: { start: base + at, end: base + at + id.length } });
  }
  return out;
}

interface InlineDisables {
  file: Set<string>;
  /** line number (0-based) → rule ids disabled on it ('*' for all). */
  lines: Map<number, Set<string>>;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * The lines a disable comment covers. A comment on its own line covers the next item: its first
 * line and every following line indented deeper (a YAML rule with its expr, labels...), or in a
 * .promql file the whole next expression (up to a blank line). A trailing comment covers its line
 * and the lines nested under it.
 */
function coveredLines(lines: string[], commentLine: number, ownLine: boolean, untilBlank: boolean): number[] {
  let first = commentLine;
  if (ownLine) {
    first = commentLine + 1;
    while (first < lines.length && (lines[first].trim() === '' || lines[first].trimStart().startsWith('#'))) first++;
    if (first >= lines.length) return [];
  }
  const out = [first];
  const base = indentOf(lines[first]);
  for (let l = first + 1; l < lines.length; l++) {
    const t = lines[l].trim();
    if (t === '') {
      if (untilBlank) break;
      continue;
    }
    if (t.startsWith('#') || untilBlank || indentOf(lines[l]) > base) out.push(l);
    else break;
  }
  return out;
}

/**
 * Inline comments in YAML and .promql files:
 *   # monitoring-lint-disable rule/a rule/b    — the next item (a rule, an expression), or with a
 *                                               trailing comment, its own line and what it holds
 *   # monitoring-lint-disable-next-line rule/a — the next line only
 *   # monitoring-lint-disable-file rule/a      — the whole file
 * With no rule id, every rule. A reason may follow the ids after `--`.
 */
export function inlineDisables(text: string, untilBlank = false): InlineDisables {
  const out: InlineDisables = { file: new Set(), lines: new Map() };
  if (!text.includes('monitoring-lint-disable')) return out;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, n) => {
    for (const m of line.matchAll(INLINE)) {
      const ids = commentIds(m[2]).map((c) => c.id);
      const set = ids.length > 0 ? ids : ['*'];
      if (m[1] === '-file') {
        for (const id of set) out.file.add(id);
        continue;
      }
      const ownLine = line.slice(0, m.index).trim() === '';
      const targets = m[1] === '-next-line' ? [n + 1] : coveredLines(lines, n, ownLine, untilBlank);
      for (const l of targets) {
        const s = out.lines.get(l) ?? new Set<string>();
        for (const id of set) s.add(id);
        out.lines.set(l, s);
      }
    }
  });
  return out;
}

function matches(ids: Set<string> | undefined, ruleId: string): boolean {
  if (!ids) return false;
  if (ids.has('*') || ids.has(ruleId)) return true;
  for (const id of ids) if (id.endsWith('/') && ruleId.startsWith(id)) return true;
  return false;
}

/** Drops disabled diagnostics and applies severity overrides. */
export function applySettings(
  diagnostics: LintDiagnostic[],
  text: string,
  settings: LintSettings,
  lineOf: (offset: number) => number,
  expressionsEndAtBlankLines = false,
): LintDiagnostic[] {
  const inline = inlineDisables(text, expressionsEndAtBlankLines);
  const out: LintDiagnostic[] = [];
  for (const d of diagnostics) {
    const level = levelFor(settings, d.ruleId);
    if (level === 'off') continue;
    if (matches(inline.file, d.ruleId)) continue;
    if (inline.lines.size > 0 && matches(inline.lines.get(lineOf(d.range.start)), d.ruleId)) continue;
    out.push(level ? { ...d, severity: level } : d);
  }
  return out;
}
