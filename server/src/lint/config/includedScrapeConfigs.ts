// scrape_config_files: Prometheus reads each matching file as `scrape_configs:` only, validates
// every job against the main file's `global` block and refuses job names already used
// (Config.GetScrapeConfigs). Problems are reported on the pattern that pulled the file in.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseYamlDocument } from '../../documents/yamlFast';
import { goQuote } from './goText';
import { goGlob, hasGlobMeta, type GlobFs } from './goGlob';
import type { ObjView } from './objView';
import { scrapeConfig } from './schema/root';
import { listOf, struct, type StructDef } from './schema/types';
import { loadablePatterns } from './validators';
import type { Severity } from '../types';
import { readMatchingFiles, report, type WalkContext } from './walkContext';
import { walk } from './walker';
import { yamlSyntaxFindings } from '../../documents/yamlSyntaxErrors';

export interface IncludedFileHooks {
  readFile: (absPath: string) => string | undefined;
  expandGlob: (absPattern: string) => string[];
}

const scrapeConfigsFile: StructDef = {
  goType: 'config.ScrapeConfigs',
  fields: { scrape_configs: listOf(struct(() => scrapeConfig), 'empty or null scrape config section') },
};

export function checkIncludedScrapeConfigs(root: ObjView, ctx: WalkContext): void {
  const jobNames = new Map<string, string>();
  for (const job of root.subList('scrape_configs')) jobNames.set(job.str('job_name'), 'main config file');
  for (const { at, abs } of loadablePatterns(root, ctx, 'scrape_config_files')) {
    for (const { file, text } of readMatchingFiles(ctx, abs)) {
      const fail = (ruleId: string, msg: string, severity: Severity = 'error'): void => report(ctx, ruleId, at, `${goQuote(file)}: ${msg}`, severity);
      const sub = checkOneFile(text, file, ctx);
      for (const d of sub.problems) fail(d.ruleId, d.message, d.severity);
      for (const name of sub.jobNames) {
        const first = jobNames.get(name);
        if (first !== undefined) fail('config/duplicate-job', `found multiple scrape configs with job name ${goQuote(name)}, first found in ${first}`);
        else jobNames.set(name, goQuote(file));
      }
    }
  }
}

/** What the file's own check finds (warnings too: a static target no relabeling can scrape), and its job names. */
function checkOneFile(text: string, file: string, parent: WalkContext): { problems: Array<{ ruleId: string; message: string; severity: Severity }>; jobNames: string[] } {
  // Its static targets are in another file: no hover reports from here.
  const ctx: WalkContext = { ...parent, text, diagnostics: [], views: new WeakMap(), deferred: [], baseDir: path.dirname(file), visits: 0, onStaticTarget: undefined, onFileSdEntry: undefined, onAlertmanagerTarget: undefined };
  const doc = parseYamlDocument(text, { version: '1.1', uniqueKeys: false, merge: true, prettyErrors: false });
  // Prometheus reads these with yaml.v2, as the configuration itself: go-yaml's words for its error.
  const syntax = yamlSyntaxFindings(text, doc.errors, 'v2');
  if (syntax.length > 0) return { problems: [{ ruleId: 'config/yaml-syntax', message: syntax[0].message, severity: 'error' }], jobNames: [] };
  walk({ doc, ctx }, doc.contents, { kind: 'struct', def: () => scrapeConfigsFile }, [0, 0]);
  for (const f of ctx.deferred) f();
  const view = doc.contents ? ctx.views.get(doc.contents) : undefined;
  const names = view ? view.subList('scrape_configs').map((j) => j.str('job_name')) : [];
  const problems = ctx.diagnostics.map((d) => ({ ruleId: d.ruleId, message: d.message, severity: d.severity }));
  return { problems, jobNames: names };
}

const NODE_GLOB_FS: GlobFs = {
  readdir: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return undefined;
    }
  },
  exists: (p) => existsSync(p),
};

export const defaultIncludedFileHooks: IncludedFileHooks = {
  readFile: (p) => readFileSync(p, 'utf8'),
  // Go's filepath.Glob; a path without wildcards is given back as it is (its caller checks it).
  expandGlob: (absPattern) => (hasGlobMeta(absPattern) ? goGlob(absPattern, NODE_GLOB_FS) : [absPattern]),
};
