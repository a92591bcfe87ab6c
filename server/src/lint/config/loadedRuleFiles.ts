// rule_files: `promtool check config` checks each rule file the configuration loads, as
// `promtool check rules` would, and fails when one has errors (Prometheus would refuse to load
// it). The first error of each such file is reported on the pattern that names it.
import * as path from 'node:path';
import { ruleFileErrors } from '../rules/index';
import { lineIndex } from '../../text/lines';
import type { ObjView } from './objView';
import { loadablePatterns } from './validators';
import { readMatchingFiles, report, type WalkContext } from './walkContext';

/**
 * The last result per rule file: the editor checks prometheus.yml on every save (or keystroke),
 * and its rule files rarely change in between. Keyed by path, valid while the text is the same.
 */
const lastErrors = new Map<string, { text: string; scheme: string; errors: ReturnType<typeof ruleFileErrors> }>();
const MAX_REMEMBERED = 256;

export function errorsOf(file: string, text: string, scheme: WalkContext['globalScheme']): ReturnType<typeof ruleFileErrors> {
  const hit = lastErrors.get(file);
  if (hit && hit.text === text && hit.scheme === scheme) return hit.errors;
  const errors = ruleFileErrors(text, { filePath: file, nameValidationScheme: scheme });
  if (lastErrors.size >= MAX_REMEMBERED) lastErrors.delete(lastErrors.keys().next().value as string);
  lastErrors.set(file, { text, scheme, errors });
  return errors;
}

export function checkLoadedRuleFiles(root: ObjView, ctx: WalkContext): void {
  if (ctx.agentMode) return; // reported as config/agent-mode
  for (const { at, abs } of loadablePatterns(root, ctx, 'rule_files')) {
    const nameOf = (file: string): string => (ctx.baseDir ? path.relative(ctx.baseDir, file) || '.' : file);
    const directory = (file: string): void => report(ctx, 'config/rule-file', at, `${nameOf(file)}: read ${nameOf(file)}: is a directory`);
    for (const { file, text } of readMatchingFiles(ctx, abs, directory)) {
      const errors = errorsOf(file, text, ctx.globalScheme);
      if (errors.length === 0) continue;
      report(ctx, 'config/rule-file', at, firstRuleFileError(nameOf(file), text, errors));
    }
  }
}

/**
 * `name: the first error (and N more errors)`, the error in promtool's words where we have them
 * (`r.yml: 5:15: group "g", rule 1, "x": could not parse expression: ...`), else at its line:col;
 * as config/rule-file and rule-test/rule-file say it.
 */
export function firstRuleFileError(name: string, text: string, errors: ReturnType<typeof ruleFileErrors>): string {
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
  if (first.upstream !== undefined) return `${name}: ${first.upstream}${more}`;
  const pos = lineIndex(text).position(first.range.start);
  return `${name}: ${pos.line + 1}:${pos.character + 1}: ${first.message}${more}`;
}
