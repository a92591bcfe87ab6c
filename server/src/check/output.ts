// Output formats of `check`: text lines, JSON with ranges, SARIF 2.1.0 for code-scanning tools.
import type { FileReport } from '../lint/index';
import { allRules, ruleAnchor } from '../lint/registry';
import type { LintDiagnostic, QuickFix, Severity } from '../lint/types';
import { lineIndex, type LineCol } from '../text/lines';

interface Located {
  d: LintDiagnostic;
  start: LineCol;
  end: LineCol;
}

/** Each report's diagnostics with line/column positions, the line index built once per file. */
function located(report: FileReport): Located[] {
  if (report.diagnostics.length === 0) return [];
  const idx = lineIndex(report.text);
  return report.diagnostics.map((d) => ({ d, start: idx.position(d.range.start), end: idx.position(d.range.end) }));
}

/** `file:line:col severity message [rule-id]`, 1-based line and column (UTF-16 code units). */
export function formatText(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    for (const { d, start } of located(r)) {
      lines.push(`${r.file}:${start.line + 1}:${start.character + 1} ${d.severity} ${d.message} [${d.ruleId}]`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

export function formatJson(reports: FileReport[]): string {
  const files = reports.map((r) => {
    let idx: ReturnType<typeof lineIndex> | undefined;
    const at = (offset: number) => {
      const p = (idx ??= lineIndex(r.text)).position(offset);
      return { line: p.line + 1, column: p.character + 1, offset };
    };
    return {
      file: r.file,
      kind: r.kind,
      diagnostics: located(r).map(({ d, start, end }) => {
        const fix = d.fixes?.find((f) => f.safe);
        return {
          ruleId: d.ruleId,
          severity: d.severity,
          message: d.message,
          range: {
            start: { line: start.line + 1, column: start.character + 1, offset: d.range.start },
            end: { line: end.line + 1, column: end.character + 1, offset: d.range.end },
          },
          // The safe fix (what check --fix applies), for tools that apply it themselves.
          ...(fix ? { fix: { title: fix.title, edits: fix.edits.map((e) => ({ range: { start: at(e.range.start), end: at(e.range.end) }, newText: e.newText })) } } : {}),
        };
      }),
    };
  });
  return JSON.stringify({ files }, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A SARIF fix: the quick fix's edits as replacements of regions (1-based lines and columns). */
function sarifFix(r: FileReport, fix: QuickFix) {
  const idx = lineIndex(r.text);
  return {
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation: { uri: r.file.split('\\').join('/') },
        replacements: fix.edits.map((e) => {
          const s = idx.position(e.range.start);
          const t = idx.position(e.range.end);
          return {
            deletedRegion: { startLine: s.line + 1, startColumn: s.character + 1, endLine: t.line + 1, endColumn: t.character + 1 },
            insertedContent: { text: e.newText },
          };
        }),
      },
    ],
  };
}

export function formatSarif(reports: FileReport[]): string {
  const ruleIds = [...new Set(reports.flatMap((r) => r.diagnostics.map((d) => d.ruleId)))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'monitoring-as-code',
            informationUri: 'https://github.com/monitoring-as-code/monitoring-as-code',
            rules: ruleIds.map((id) => {
              const doc = allRules.find((r) => r.id === id);
              return {
                id,
                helpUri: `docs/rules.md#${ruleAnchor(id)}`,
                ...(doc ? { shortDescription: { text: doc.summary }, defaultConfiguration: { level: SARIF_LEVEL[doc.defaultSeverity] } } : {}),
              };
            }),
          },
        },
        results: reports.flatMap((r) =>
          located(r).map(({ d, start, end }) => {
            const fix = d.fixes?.find((f) => f.safe);
            return {
              ruleId: d.ruleId,
              ruleIndex: ruleIds.indexOf(d.ruleId),
              level: SARIF_LEVEL[d.severity],
              message: { text: d.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: r.file.split('\\').join('/') },
                    region: {
                      startLine: start.line + 1,
                      startColumn: start.character + 1,
                      endLine: end.line + 1,
                      endColumn: end.character + 1,
                    },
                  },
                },
              ],
              // The safe fix (what check --fix applies), for tools that offer SARIF fixes.
              ...(fix ? { fixes: [sarifFix(r, fix)] } : {}),
            };
          }),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** A workflow command's data: `%`, CR and LF escaped (toCommandValue in @actions/core). */
const githubData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A workflow command's property value: as data, and `:` and `,` too. */
const githubProperty = (s: string): string => githubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands, one annotation per finding:
 * `::error file=F,line=L,endLine=L,col=C,endColumn=C,title=rule-id::message`.
 */
export function formatGithub(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const file = githubProperty(r.file.split('\\').join('/'));
    for (const { d, start, end } of located(r)) {
      const props = [`file=${file}`, `line=${start.line + 1}`, `endLine=${end.line + 1}`, `col=${start.character + 1}`, `endColumn=${end.character + 1}`, `title=${githubProperty(d.ruleId)}`];
      lines.push(`::${GITHUB_LEVEL[d.severity]} ${props.join(',')}::${githubData(d.message)}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
