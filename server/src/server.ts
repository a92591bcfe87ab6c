// The language server: LSP wiring only. It declares capabilities, turns LSP positions into file
// offsets and back, and routes every request to one function in features/, which knows nothing
// about LSP. Runs over stdio (`--stdio`) or Node IPC (`--node-ipc`, used by the VS Code client).
import {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  ProposedFeatures,
  SemanticTokensBuilder,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import type { EmbeddedExpression } from './documents/types';
import { reextractIncrementally } from './documents/incremental';
import { completePromQL, staticSource, type CandidateKind, type CompletionCandidate, type CompletionResult, type CompletionSource } from './features/completion';
import { CompletionDocs, isItemKey, itemKey } from './features/completionDocs';
import { backendCompletionSource } from './features/backendCompletion';
import { metricHoverSection } from './features/metricHover';
import { VocabularyCache } from './prometheus/vocabularyCache';
import { documentNamesSource } from './features/documentNames';
import { dashboardVariablesOf, variableCandidates, variableTypingAt } from './features/dashboardVariables';
import { ExpressionErrorCache, expressionDiagnostics, type Severity } from './features/diagnostics';
import { documentExpressions, expressionAt, fileNameOf, isPromQLDocument, toExpressionOffset } from './features/expressions';
import { LINT_SOURCE, lintDocument, lintSettingsFor, ruleDocUrl } from './features/lint';
import { resolveRange, runQuery, type RunQueryRequest } from './features/runQuery';
import { dashboardQueryAt, withDashboardQuery, type DashboardQuery } from './features/dashboardQuery';
import { DataSources } from './features/datasources';
import { previewPanelLenses, runQueryLenses } from './features/codeLenses';
import { dashboardPreview, evaluatedUnsavedVariables, panelQuery, panelRange, type JsonPath, type PanelQueryParams, type Selections } from './features/dashboardPreview';
import type { Credentials, DataSourceSettings } from './prometheus/client';
import { formatExpressions } from './features/formatting';
import { formatEmbeddedExpression } from './features/formatEmbedded';
import { metricNameAt, recordingRuleDoc, recordingRuleSource } from './features/recordingRules';
import { WorkspaceRules } from './features/workspaceRules';
import { detectFileKind } from './documents/detect';
import { hoverAt } from './features/hover';
import { staticTargetHover } from './features/targetHover';
import { hintOffset, MAX_INLAY_HINTS, previewableText, previewTuningFrom, ValuePreviews } from './features/valuePreview';
import { DEFAULT_SETTINGS, settingsFrom, type ServerSettings } from './features/settings';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, semanticTokens } from './features/semanticTokens';
import { signatureHelpAt } from './features/signatureHelp';
import { documentOutline, type OutlineKind, type OutlineSymbol } from './features/symbols';
import { addPanelEdit } from './features/addPanel';
import { FIX_ALL_KIND, fixAllAction, LINT_AGAIN_COMMAND, lintAgain, wantsKind } from './features/fixAllAction';
import { ruleIdHover, ruleIdItems, ruleIdSpotAt } from './features/ruleIds';
import { alertnameSpotAt, alertRuleMarkdown } from './features/testedAlerts';
import { yamlKeyCompletion, yamlKeyHover } from './features/yamlKeys';
import { fileLinks } from './features/fileLinks';
import { defaultIncludedFileHooks } from './lint/config/includedScrapeConfigs';
import { rootConfig } from './lint/config/schema/root';
import type { StructDef } from './lint/config/schema/types';
import { prometheusRuleSchema, ruleFileSchema } from './lint/rules/schema';
import { unitTestFile } from './lint/ruleTests/schema';

/** The file kinds whose keys are completed and explained, with their schemas. */
const YAML_KEY_SCHEMAS: Record<string, StructDef | undefined> = { 'prometheus-config': rootConfig, 'rule-file': ruleFileSchema, 'rule-test': unitTestFile };

/** The schema of a document's keys: by its kind, a PrometheusRule manifest's own. */
function yamlSchemaFor(uri: string, text: string): StructDef | undefined {
  const kind = detectFileKind(fileNameOf(uri), text);
  if (kind === 'rule-file' && /^kind\s*:\s*["']?PrometheusRule\b/m.test(text)) return prometheusRuleSchema;
  return YAML_KEY_SCHEMAS[kind ?? ''];
}
import { ruleFilePatterns, testedAlertingRules } from './lint/ruleTests/ruleFiles';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** `monitoring/runQuery`: an expression, or a document position to take it from, and where to send it. */
interface RunQueryParams extends Partial<Pick<RunQueryRequest, 'expr' | 'credentials' | 'mode' | 'range'>> {
  /** Settings, or the name of a configured data source; absent = the active one. */
  datasource?: RunQueryRequest['datasource'] | string;
  uri?: string;
  position?: { line: number; character: number };
}

/** Time to wait after the last keystroke before validating a document. */
export const DIAGNOSTICS_DEBOUNCE_MS = 150;
/** With `monitoring.lint.run: onType`, the full rule set waits a little longer for a pause. */
export const LINT_ON_TYPE_DEBOUNCE_MS = 400;
/** While typing, the recording-rule index catches up once typing pauses this long. */
export const RECORDING_RULE_INDEX_IDLE_MS = 1000;
/** How long go-to-definition and references wait for the startup scan of the workspace. */
export const WORKSPACE_SCAN_WAIT_MS = 3000;

export interface ServerOptions {
  /** Extra completion sources (e.g. metric names from a Prometheus), asked after the language's own. */
  completionSources?: CompletionSource[];
}

/** Starts a language server on `connection` (by default from the process arguments: --stdio, --node-ipc). */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all), options: ServerOptions = {}): Connection {
  const documents = new TextDocuments(TextDocument);
  const errorCache = new ExpressionErrorCache();
  const pending = new Map<string, NodeJS.Timeout>();
  let settings: ServerSettings = DEFAULT_SETTINGS;
  /** The configured data sources and their secrets (sent by the client, kept in memory only). */
  const datasources = new DataSources();
  /** Current values for hovers and inlay hints, from the active data source. */
  const previews = new ValuePreviews(() => datasources.active());
  let inlayRefresh = false;
  const refreshInlayHints = (): void => {
    if (inlayRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
  };
  datasources.onDidChange(() => {
    previews.clear();
    if (settings.preview.inlayHints) refreshInlayHints();
  });
  const applySettings = (next: ServerSettings): void => {
    settings = next;
    datasources.update(next.datasources, next.activeDatasource, next.query);
  };
  const rules = new WorkspaceRules({
    textOf: (uri) => documents.get(uri)?.getText(),
    uris: () => documents.keys(),
    languageOf: (uri) => documents.get(uri)?.languageId,
  });
  const sources = [staticSource, ...(options.completionSources ?? []), recordingRuleSource(rules.index, (uri) => relativeName(uri))];
  /** Metric names, labels and metadata of the active data source (completion, hover); dropped when it changes. */
  let vocabulary: VocabularyCache | undefined;
  datasources.onDidChange(() => {
    vocabulary?.dispose();
    vocabulary = undefined;
  });
  const activeVocabulary = (): VocabularyCache | undefined => {
    const active = settings.completion.backend ? datasources.active() : undefined;
    if (!active) {
      vocabulary?.dispose(); // turned off: its memory goes too
      vocabulary = undefined;
    }
    return active ? (vocabulary ??= new VocabularyCache(active.client)) : undefined;
  };
  const backendSource = backendCompletionSource(activeVocabulary);
  const completionDocs = new CompletionDocs();
  /** The client takes a list-wide edit range (LSP 3.17 itemDefaults): items then carry no textEdit. */
  let leanCompletion = false;

  // Finding the expressions means parsing the YAML/JSON around them: once per document version,
  // and after an edit inside one expression only that one is rebuilt (documents/incremental.ts).
  const found = new Map<string, { version: number; text: string; languageId: string; expressions: EmbeddedExpression[] }>();
  const expressionsOf = (doc: TextDocument): EmbeddedExpression[] => {
    const hit = found.get(doc.uri);
    if (hit?.version === doc.version) return hit.expressions;
    const text = doc.getText();
    const expressions = (hit?.languageId === doc.languageId ? reextractIncrementally(hit.text, hit.expressions, text) : null)
      ?? documentExpressions(doc.uri, text, doc.languageId);
    found.set(doc.uri, { version: doc.version, text, languageId: doc.languageId, expressions });
    return expressions;
  };

  // The full rule set's findings per document, from the last open/save (or edit, with onType).
  const linted = new Map<string, Diagnostic[]>();
  let workspaceRoots: string[] = [];
  let watchFiles = false;
  /** A file's name relative to the workspace folder that holds it, for hovers. */
  const relativeName = (uri: string): string => {
    const file = fileNameOf(uri);
    const root = workspaceRoots.find((r) => file.startsWith(r + path.sep) || file.startsWith(r + '/'));
    return root ? path.relative(root, file) : file;
  };
  const toLocation = async (uri: string, range: { start: number; end: number }) => {
    const doc = documents.get(uri) ?? TextDocument.create(uri, 'yaml', 0, (await rules.textOf(uri)) ?? '');
    return { uri, range: { start: doc.positionAt(range.start), end: doc.positionAt(range.end) } };
  };

  const validate = (doc: TextDocument): void => {
    const diagnostics: Diagnostic[] = expressionDiagnostics(expressionsOf(doc), settings.parse, errorCache).map((d) => ({
      range: { start: doc.positionAt(d.range.start), end: doc.positionAt(d.range.end) },
      message: d.message,
      severity: SEVERITY[d.severity],
      source: d.source,
      code: 'promql/syntax',
      codeDescription: { href: ruleDocUrl('promql/syntax') },
    }));
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [...diagnostics, ...(linted.get(doc.uri) ?? [])] });
  };

  const lint = (doc: TextDocument): void => {
    const fileName = fileNameOf(doc.uri);
    const result = lintDocument(fileName, doc.getText(), settings.parse, lintSettingsFor(fileName, settings.lint.rules, workspaceRoots));
    const toRange = (r: { start: number; end: number }) => ({ start: doc.positionAt(r.start), end: doc.positionAt(r.end) });
    linted.set(
      doc.uri,
      result.diagnostics.map((d) => ({
        range: toRange(d.range),
        message: d.message,
        severity: LINT_SEVERITY[d.severity],
        source: LINT_SOURCE,
        code: d.ruleId,
        codeDescription: { href: ruleDocUrl(d.ruleId) },
        data: d.fixes ? { fixes: d.fixes.map((f) => ({ title: f.title, safe: f.safe === true, edits: f.edits.map((e) => ({ range: toRange(e.range), newText: e.newText })) })) } : undefined,
      })),
    );
  };

  const lintAndValidate = (doc: TextDocument): void => {
    try {
      lint(doc);
    } catch (err) {
      connection.console.error(`linting ${doc.uri} failed: ${(err as Error).stack ?? err}`);
    }
    validate(doc);
  };

  const indexTimers = new Map<string, NodeJS.Timeout>();
  const scheduleIndex = (uri: string): void => {
    clearTimeout(indexTimers.get(uri));
    indexTimers.set(
      uri,
      setTimeout(() => {
        indexTimers.delete(uri);
        const current = documents.get(uri);
        try {
          if (current) rules.updateOpen(current.uri, current.getText(), current.languageId);
        } catch (err) {
          connection.console.error(`indexing ${uri} failed: ${(err as Error).stack ?? err}`);
        }
      }, RECORDING_RULE_INDEX_IDLE_MS),
    );
  };

  const pendingFull = new Set<string>();
  const schedule = (doc: TextDocument, delay: number, fullLint = false): void => {
    clearTimeout(pending.get(doc.uri));
    // A quick edit must not cancel the full lint an open or save asked for.
    const full = fullLint || pendingFull.has(doc.uri);
    if (full) pendingFull.add(doc.uri);
    pending.set(
      doc.uri,
      setTimeout(() => {
        pending.delete(doc.uri);
        pendingFull.delete(doc.uri);
        const current = documents.get(doc.uri);
        try {
          if (current) (full ? lintAndValidate : validate)(current);
          // Re-reading a big rule file for the recording-rule index must not delay diagnostics,
          // nor run on every keystroke: at once on open and save, else when typing pauses.
          if (current && full) rules.updateOpen(current.uri, current.getText(), current.languageId);
          else if (current) scheduleIndex(current.uri);
        } catch (err) {
          // A timer callback that throws would end the process; report it and keep serving.
          connection.console.error(`validating ${doc.uri} failed: ${(err as Error).stack ?? err}`);
        }
      }, delay),
    );
  };

  /** The expression under a position, and the cursor's offset inside it. */
  const locate = (uri: string, position: { line: number; character: number }) => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const fileOffset = doc.offsetAt(position);
    const expressions = expressionsOf(doc);
    let expr = expressionAt(expressions, fileOffset);
    // On an empty line of a .promql file a new expression is being started.
    if (!expr && isPromQLDocument(uri, doc.languageId)) expr = emptyExpressionAt(fileOffset);
    if (!expr) return undefined;
    const offset = toExpressionOffset(expr, fileOffset);
    return offset === undefined ? undefined : { doc, expr, offset, expressions };
  };

  connection.onInitialize((params): InitializeResult => {
    applySettings(settingsFrom(params.initializationOptions));
    previews.configure(previewTuningFrom(params.initializationOptions));
    inlayRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceRoots = folders.map((u) => fileNameOf(u));
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    leanCompletion = params.capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange') === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND] },
        definitionProvider: true,
        referencesProvider: true,
        completionProvider: { triggerCharacters: ['{', '(', ',', '[', '=', '~', '"', '@', '$'], resolveProvider: true },
        hoverProvider: true,
        documentLinkProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [LINT_AGAIN_COMMAND] },
        inlayHintProvider: true,
        signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
        documentSymbolProvider: true,
        documentFormattingProvider: true,
        codeLensProvider: { resolveProvider: false },
        semanticTokensProvider: {
          legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] },
          full: true,
        },
      },
      serverInfo: { name: 'monitoring-as-code' },
    };
  });

  connection.onInitialized(() => {
    // Rule files edited outside the editor (git pull, generators) keep the index true.
    if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yml,yaml}' }] });
    // In the background: requests are answered meanwhile, from what is indexed so far.
    const started = Date.now();
    rules
      .scan(workspaceRoots)
      .then((n) => connection.console.log(`indexed recording rules of ${n} YAML files in ${Date.now() - started} ms`))
      .catch((err) => connection.console.error(`scanning the workspace failed: ${(err as Error).stack ?? err}`));
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const c of params.changes) void rules.diskChanged(c.uri, c.type === FileChangeType.Deleted);
  });

  connection.onDidChangeConfiguration((params) => {
    const hintsBefore = settings.preview.inlayHints;
    applySettings(settingsFrom(params.settings));
    previews.configure(previewTuningFrom(params.settings));
    if (settings.preview.inlayHints !== hintsBefore) refreshInlayHints();
    for (const doc of documents.all()) schedule(doc, 0, true);
  });

  // The index follows the editor at once, so a request right after opening sees the document.
  documents.onDidOpen((e) => {
    rules.updateOpen(e.document.uri, e.document.getText(), e.document.languageId);
    schedule(e.document, 0, true);
  });
  documents.onDidChangeContent((e) => schedule(e.document, settings.lint.run === 'onType' ? LINT_ON_TYPE_DEBOUNCE_MS : DIAGNOSTICS_DEBOUNCE_MS, settings.lint.run === 'onType'));
  documents.onDidSave((e) => schedule(e.document, 0, true));
  documents.onDidClose((e) => {
    clearTimeout(pending.get(e.document.uri));
    pending.delete(e.document.uri);
    pendingFull.delete(e.document.uri);
    found.delete(e.document.uri);
    linted.delete(e.document.uri);
    clearTimeout(indexTimers.get(e.document.uri));
    indexTimers.delete(e.document.uri);
    void rules.closed(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  /** The document's findings now (its text may be newer than the last lint, e.g. just before a save). */
  const currentFindings = (doc: TextDocument) => {
    const fileName = fileNameOf(doc.uri);
    return lintDocument(fileName, doc.getText(), settings.parse, lintSettingsFor(fileName, settings.lint.rules, workspaceRoots)).diagnostics;
  };

  connection.onCodeAction((params) => {
    const actions: CodeAction[] = [];
    const only = params.context.only;
    const doc = documents.get(params.textDocument.uri);
    // "Fix all" on request (editor.codeActionsOnSave, the Fix All command): the safe fixes alone.
    if (doc && wantsKind(only, FIX_ALL_KIND)) {
      const all = fixAllAction(doc.uri, currentFindings(doc), (o) => doc.positionAt(o), FIX_ALL_KIND);
      if (all) actions.push(all);
    }
    let safeHere = false;
    for (const d of params.context.diagnostics) {
      const fixes = (d.data as { fixes?: Array<{ title: string; safe?: boolean; edits: Array<{ range: Diagnostic['range']; newText: string }> }> } | undefined)?.fixes;
      for (const f of fixes ?? []) {
        if (f.safe) safeHere = true;
        actions.push({ title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fixes!.length === 1, edit: { changes: { [params.textDocument.uri]: f.edits } }, command: lintAgain(params.textDocument.uri) });
      }
    }
    // Next to a finding with a safe fix, when the file has more of them: all at once.
    if (doc && safeHere && (!only || wantsKind(only, CodeActionKind.QuickFix))) {
      const all = fixAllAction(doc.uri, currentFindings(doc), (o) => doc.positionAt(o), CodeActionKind.QuickFix, 2);
      if (all) actions.push(all);
    }
    const wantsRewrite = !only || only.some((k) => CodeActionKind.RefactorRewrite === k || CodeActionKind.RefactorRewrite.startsWith(`${k}.`));
    const format = wantsRewrite ? formatAction(params.textDocument.uri, params.range.start) : undefined;
    if (format) actions.push(format);
    return actions;
  });

  /** "Format this PromQL expression" for the rule or dashboard expression under the cursor. */
  const formatAction = (uri: string, position: { line: number; character: number }): CodeAction | undefined => {
    const doc = documents.get(uri);
    const expr = doc && expressionAt(expressionsOf(doc), doc.offsetAt(position));
    if (!doc || !expr) return undefined;
    const edit = formatEmbeddedExpression(doc.getText(), expr, { parse: settings.parse, maxLineLength: settings.maxLineLength });
    if (!edit) return undefined;
    const range = { start: doc.positionAt(edit.range.start), end: doc.positionAt(edit.range.end) };
    return { title: 'Format this PromQL expression', kind: CodeActionKind.RefactorRewrite, edit: { changes: { [uri]: [{ range, newText: edit.newText }] } } };
  };

  /** The recording rule name under a position: a selector in PromQL, or the `record:` value itself. */
  const recordingNameAt = (uri: string, position: { line: number; character: number }) => {
    const at = locate(uri, position);
    const use = at && metricNameAt(at.expr.text, at.offset, settings.parse);
    if (at && use) return { name: use.name, range: { start: at.expr.toFileOffset(use.range.start), end: at.expr.toFileOffset(use.range.end) } };
    const doc = documents.get(uri);
    const def = doc && rules.definitionAt(uri, doc.offsetAt(position));
    return def ? { name: def.name, range: def.nameRange } : undefined;
  };

  /** On an alertname of a promtool test file: the spot and the alerting rules of the test's rule files. */
  const testedAlert = (uri: string, position: { line: number; character: number }) => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const text = doc.getText();
    const spot = alertnameSpotAt(text, doc.offsetAt(position));
    if (!spot || detectFileKind(fileNameOf(uri), text) !== 'rule-test') return undefined;
    const rules = testedAlertingRules(fileNameOf(uri), ruleFilePatterns(text), (p) => {
      const open = documents.get(pathToFileURL(p).href);
      if (open) return open.getText();
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    });
    return { doc, spot, rules, range: { start: doc.positionAt(spot.start), end: doc.positionAt(spot.end) } };
  };

  connection.onExecuteCommand((params) => {
    if (params.command !== LINT_AGAIN_COMMAND) return null;
    const uri = params.arguments?.[0];
    const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (doc) schedule(doc, 0, true);
    return null;
  });

  // prometheus.yml and rule test files: the files they name open with a click.
  connection.onDocumentLinks((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const text = doc.getText();
    const kind = detectFileKind(fileNameOf(doc.uri), text);
    if (kind !== 'prometheus-config' && kind !== 'rule-test') return [];
    const glob = (p: string): string[] => {
      try {
        return defaultIncludedFileHooks.expandGlob(p);
      } catch {
        return [];
      }
    };
    return fileLinks(fileNameOf(doc.uri), text, undefined, glob).map((l) => ({
      range: { start: doc.positionAt(l.start), end: doc.positionAt(l.end) },
      target: pathToFileURL(l.target).href,
    }));
  });

  connection.onDefinition(async (params) => {
    const tested = testedAlert(params.textDocument.uri, params.position);
    if (tested) {
      const found = tested.rules?.get(tested.spot.name) ?? [];
      return found.length === 0 ? null : Promise.all(found.map((r) => toLocation(pathToFileURL(r.file).href, r.nameRange)));
    }
    const at = recordingNameAt(params.textDocument.uri, params.position);
    if (!at) return null;
    await rules.ready(WORKSPACE_SCAN_WAIT_MS);
    const defs = rules.definitions(at.name);
    return defs.length === 0 ? null : Promise.all(defs.map((r) => toLocation(r.uri, r.nameRange)));
  });

  connection.onReferences(async (params) => {
    const at = recordingNameAt(params.textDocument.uri, params.position);
    if (!at) return null;
    await rules.ready(WORKSPACE_SCAN_WAIT_MS);
    const defs = params.context.includeDeclaration ? rules.definitions(at.name).map((r) => ({ uri: r.uri, range: r.nameRange })) : [];
    const uses = await rules.uses(at.name, settings.parse);
    return Promise.all([...defs, ...uses].map((u) => toLocation(u.uri, u.range)));
  });

  /** Where a rule id is written (.monitoring-lint.yml keys, disable comments), if the position is. */
  const ruleIdSpot = (uri: string, position: { line: number; character: number }) => {
    const doc = documents.get(uri);
    const spot = doc && ruleIdSpotAt(fileNameOf(uri), doc.getText(), doc.offsetAt(position));
    return doc && spot ? { doc, spot, range: { start: doc.positionAt(spot.start), end: doc.positionAt(spot.end) } } : undefined;
  };

  connection.onCompletion(async (params): Promise<CompletionItem[] | CompletionList> => {
    const tested = testedAlert(params.textDocument.uri, params.position);
    if (tested?.rules) {
      return [...tested.rules].map(([name, found]) => ({
        label: name,
        kind: CompletionItemKind.Event,
        detail: relativeName(pathToFileURL(found[0].file).href),
        documentation: { kind: MarkupKind.Markdown, value: alertRuleMarkdown(name, found, (f) => relativeName(pathToFileURL(f).href)) },
        textEdit: { range: tested.range, newText: name },
      }));
    }
    const ids = ruleIdSpot(params.textDocument.uri, params.position);
    if (ids) {
      return ruleIdItems(ids.spot.inSettings, ruleDocUrl).map((i) => ({
        label: i.label,
        kind: CompletionItemKind.EnumMember,
        detail: i.detail,
        documentation: { kind: MarkupKind.Markdown, value: i.documentation },
        textEdit: { range: ids.range, newText: i.label },
      }));
    }
    const at = locate(params.textDocument.uri, params.position);
    if (!at) return yamlKeyItems(params.textDocument.uri, params.position);
    // In a dashboard, `$`, `${` or `[[` starts a Grafana variable: the source still has them.
    const dashboard = at.expr.kind === 'dashboard-target' || at.expr.kind === 'dashboard-variable';
    const typing = dashboard ? variableTypingAt(at.expr.source, at.offset) : undefined;
    if (!typing && params.context?.triggerCharacter === '$') return [];
    let result: CompletionResult;
    if (typing) {
      result = { candidates: variableCandidates(typing, dashboardVariablesOf(at.doc.getText())), replace: typing.replace };
    } else {
      // Names from the whole document; the source leaves out the word being typed.
      const local = documentNamesSource(at.expressions.map((e) => e.text), { uri: at.doc.uri, version: at.doc.version });
      const backend = activeVocabulary() ? [backendSource] : [];
      result = await completePromQL(at.expr.text, at.offset, settings.parse, [...sources, ...backend, local]);
    }
    completionDocs.remember(result.candidates); // documentation is sent on resolve, not in the list
    const range = {
      start: at.doc.positionAt(at.expr.toFileOffset(result.replace.start)),
      end: at.doc.positionAt(at.expr.toFileOffset(result.replace.end)),
    };
    const itemOf = (c: CompletionCandidate): CompletionItem => ({
      label: c.label,
      kind: ITEM_KIND[c.kind],
      detail: c.detail,
      sortText: `${String(c.sortGroup ?? 9).padStart(2, '0')}_${c.label}`,
    });
    if (leanCompletion) {
      // Most of a completion's time is sending it: one shared range, no per-item edit or key.
      // Without textEdit an item inserts insertText ?? label over itemDefaults.editRange.
      const items = result.candidates.map((c): CompletionItem => {
        const item = itemOf(c);
        if (c.insertText !== undefined && c.insertText !== c.label) item.insertText = c.insertText;
        if (c.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
        return item;
      });
      return { isIncomplete: result.incomplete === true, itemDefaults: { editRange: range }, items };
    }
    const items = result.candidates.map(
      (c): CompletionItem => ({
        ...itemOf(c),
        insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range, newText: c.insertText ?? c.label },
        data: itemKey(c),
      }),
    );
    // A backend's capped list: the editor asks again as typing narrows it.
    return result.incomplete ? { isIncomplete: true, items } : items;
  });

  /** Keys of the block at the position, in prometheus.yml, rule files and rule test files. */
  const yamlKeyItems = (uri: string, position: { line: number; character: number }): CompletionItem[] => {
    const doc = documents.get(uri);
    if (!doc) return [];
    const text = doc.getText();
    const root = yamlSchemaFor(uri, text);
    const found = root && yamlKeyCompletion(text, doc.offsetAt(position), root);
    if (!found) return [];
    const range = { start: doc.positionAt(found.start), end: doc.positionAt(found.end) };
    return found.candidates.map((c) => ({ label: c.name, kind: CompletionItemKind.Property, detail: c.detail, textEdit: { range, newText: found.hasColon ? c.name : c.block ? `${c.name}:` : `${c.name}: ` } }));
  };

  connection.onCompletionResolve((item) => {
    const doc = isItemKey(item.data)
      ? completionDocs.documentationFor(item.data)
      : completionDocs.documentationByLabel(item.label, CANDIDATE_KINDS.filter((k) => ITEM_KIND[k] === item.kind));
    return doc ? { ...item, documentation: { kind: MarkupKind.Markdown, value: doc } } : item;
  });

  // The query panel's one door to the data source: run the expression at a position (or given).
  connection.onRequest('monitoring/runQuery', async (params: RunQueryParams, token) => {
    const ds: DataSourceSettings | undefined =
      typeof params.datasource === 'string' ? datasources.byName(params.datasource) : params.datasource ?? datasources.activeSettings();
    if (!ds) {
      const named = typeof params.datasource === 'string' ? `no data source named "${params.datasource}"` : 'no data source configured: add one in the monitoring.datasources setting';
      return { type: 'error', expr: params.expr ?? '', datasource: typeof params.datasource === 'string' ? params.datasource : '', kind: 'no-datasource', message: named };
    }
    params = { ...params, datasource: ds, credentials: params.credentials ?? datasources.credentialsFor(ds.name) };
    let expr = params.expr;
    let located: ReturnType<typeof locate>;
    let dashboardQuery: DashboardQuery | undefined;
    if (expr === undefined && params.uri && params.position) {
      located = locate(params.uri, params.position);
      if (!located || located.expr.text.trim() === '') return { type: 'error', expr: '', datasource: ds.name, kind: 'no-expression', message: 'no PromQL expression at the cursor' };
      if (located.expr.kind.startsWith('dashboard')) {
        // Grafana's variables filled in (saved values or defaults) and built-ins from the range.
        const range = resolveRange(params.range, Date.now());
        // Query variables without a saved value: evaluated on the data source (else `.+`).
        const client = datasources.clientFor(ds);
        const abortVars = new AbortController();
        token.onCancellationRequested(() => abortVars.abort());
        const evaluated = client
          ? await evaluatedUnsavedVariables(located.doc.getText(), range, { client, datasourceName: ds.name, call: { signal: abortVars.signal } })
          : undefined;
        dashboardQuery = dashboardQueryAt(located.doc.getText(), located.expr.range.start, { range, datasourceName: ds.name, evaluated });
        if (dashboardQuery) params = { ...params, range };
      }
      expr = dashboardQuery?.expr ?? located.expr.text;
    }
    if (!expr || !ds.url) return { type: 'error', expr: expr ?? '', datasource: ds.name, kind: 'bad-request', message: 'an expression and a data source are needed' };
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const ran = await runQuery({ expr, datasource: ds, credentials: params.credentials, timeoutMs: datasources.queryOptions.timeoutMs, caps: { maxSeries: datasources.queryOptions.maxSeries, maxPointsPerSeries: datasources.queryOptions.maxPoints }, mode: params.mode ?? dashboardQuery?.mode ?? 'range', range: params.range }, abort.signal);
    const result = dashboardQuery ? withDashboardQuery(ran, dashboardQuery) : ran;
    if (result.type === 'error' && result.errorRange && located) {
      const { doc, expr: e } = located;
      return { ...result, fileRange: { start: doc.positionAt(e.toFileOffset(result.errorRange.start)), end: doc.positionAt(e.toFileOffset(result.errorRange.end)) } };
    }
    return result;
  });

  connection.onNotification('monitoring/credentials', (params: { credentials?: Record<string, Credentials> }) => {
    const out: Record<string, Credentials> = {};
    for (const [name, c] of Object.entries(params?.credentials ?? {})) {
      if (!c || typeof c !== 'object') continue;
      out[name] = {
        ...(typeof c.password === 'string' && c.password !== '' ? { password: c.password } : {}),
        ...(typeof c.token === 'string' && c.token !== '' ? { token: c.token } : {}),
      };
    }
    datasources.setCredentials(out);
  });

  // The status bar's question: which data source, and does it answer (and with which version)?
  // The dashboard preview (issue 6): the dashboard with its variables evaluated on the active data
  // source, one panel's targets run, and where a panel is in the text.
  const previewSource = () => {
    const active = datasources.active();
    const settings = datasources.activeSettings();
    const datasourceError = active ? undefined : settings ? `data source "${settings.name}" has an invalid URL or TLS file` : 'no data source configured: add one in the monitoring.datasources setting';
    return { active, datasourceError };
  };
  const cancellable = (token: { onCancellationRequested(l: () => void): unknown }) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    return { signal: abort.signal };
  };
  connection.onRequest('monitoring/dashboardPreview', async (
    params: { uri: string; selections?: Selections; time?: { from: string; to: string }; omitDashboard?: boolean; refresh?: boolean }, token,
  ) => {
    const doc = documents.get(params.uri);
    if (!doc) return null;
    const { active, datasourceError } = previewSource();
    return dashboardPreview(doc.getText(), {
      client: active?.client, datasourceName: active?.settings.name, datasourceError,
      selections: params.selections, time: params.time, nowMs: Date.now(), call: cancellable(token),
      omitDashboard: params.omitDashboard === true, refresh: params.refresh === true,
    });
  });
  connection.onRequest('monitoring/panelQuery', async (
    params: PanelQueryParams, token,
  ) => {
    const doc = documents.get(params.uri);
    if (!doc) throw new Error(`${params.uri} is not open`);
    const { active } = previewSource();
    return panelQuery(doc.getText(), params.path, {
      client: active?.client, datasourceName: active?.settings.name,
      selections: params.selections, range: params.range, time: params.time, widthPx: params.widthPx, scopedVars: params.scopedVars, call: cancellable(token),
    });
  });
  connection.onRequest('monitoring/panelRange', (params: { uri: string; path: JsonPath }) => {
    const doc = documents.get(params.uri);
    const r = doc ? panelRange(doc.getText(), params.path) : undefined;
    return doc && r ? { range: { start: doc.positionAt(r.start), end: doc.positionAt(r.end) } } : null;
  });

  // "Add to dashboard…" from the query panel: the edit inserting a timeseries panel (open text or disk).
  connection.onRequest('monitoring/addPanel', async (params: { uri: string; expr: string; legendFormat?: string; title?: string }) => {
    let text = documents.get(params.uri)?.getText();
    if (text === undefined) {
      try {
        text = await readFile(fileNameOf(params.uri), 'utf8');
      } catch (e) {
        return { error: `cannot read ${params.uri}: ${(e as Error).message}` };
      }
    }
    const r = addPanelEdit(text, { expr: params.expr ?? '', legendFormat: params.legendFormat, title: params.title });
    if ('error' in r) return { error: r.error };
    const before = TextDocument.create(params.uri, 'json', 0, text);
    const after = TextDocument.create(params.uri, 'json', 0, TextDocument.applyEdits(before, [{ range: { start: before.positionAt(r.edit.start), end: before.positionAt(r.edit.end) }, newText: r.edit.newText }]));
    return {
      edit: { range: { start: before.positionAt(r.edit.start), end: before.positionAt(r.edit.end) }, newText: r.edit.newText },
      panelRange: { start: after.positionAt(r.panel.start), end: after.positionAt(r.panel.end) },
      id: r.id,
    };
  });

  connection.onRequest('monitoring/buildInfo', async (params: { datasource?: string } | undefined, token) => {
    const ds = params?.datasource ? datasources.byName(params.datasource) : datasources.activeSettings();
    if (!ds) return { datasource: params?.datasource ?? '', url: '', ok: false, message: params?.datasource ? `no data source named "${params.datasource}"` : 'no data source configured' };
    const client = datasources.clientFor(ds, Math.min(datasources.queryOptions.timeoutMs, 10_000));
    if (!client) return { datasource: ds.name, url: ds.url, ok: false, message: `data source "${ds.name}" has an invalid URL or TLS file` };
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    try {
      const info = await client.buildInfo({ signal: abort.signal });
      return { datasource: ds.name, url: ds.url, ok: true, version: info?.version ?? 'unknown version' };
    } catch (e) {
      return { datasource: ds.name, url: ds.url, ok: false, message: (e as Error).message };
    }
  });

  connection.onCodeLens((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const runLenses = runQueryLenses(expressionsOf(doc)).map((at) => {
      const position = doc.positionAt(at);
      return {
        range: { start: position, end: position },
        command: { title: '▶ Run query', command: 'monitoring.runQuery', arguments: [doc.uri, position] },
      };
    });
    const panelLenses = previewPanelLenses(fileNameOf(doc.uri), doc.getText()).map((p) => {
      const position = doc.positionAt(p.offset);
      return {
        range: { start: position, end: position },
        command: { title: 'Preview panel', command: 'monitoring.previewDashboard', arguments: [doc.uri, p.path] },
      };
    });
    return [...runLenses, ...panelLenses];
  });

  /** In prometheus.yml, on a static target: its labels after relabeling (features/targetHover). */
  const configTargetHover = (uri: string, position: { line: number; character: number }) => {
    const doc = documents.get(uri);
    const fileName = fileNameOf(uri);
    if (!doc || detectFileKind(fileName, doc.getText()) !== 'prometheus-config') return null;
    const found = staticTargetHover(doc.getText(), doc.offsetAt(position), fileName);
    if (!found) return null;
    return { contents: { kind: MarkupKind.Markdown, value: found.contents }, range: { start: doc.positionAt(found.range.start), end: doc.positionAt(found.range.end) } };
  };

  /** Hover on a key of prometheus.yml, a rule file or a rule test file: its kind and block. */
  const yamlKeyHoverAt = (uri: string, position: { line: number; character: number }) => {
    const doc = documents.get(uri);
    if (!doc) return null;
    const text = doc.getText();
    const root = yamlSchemaFor(uri, text);
    const h = root && yamlKeyHover(text, doc.offsetAt(position), root);
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: { start: doc.positionAt(h.start), end: doc.positionAt(h.end) } } : null;
  };

  connection.onHover(async (params, token) => {
    const tested = testedAlert(params.textDocument.uri, params.position);
    const found = tested?.rules?.get(tested.spot.name);
    if (tested && found) return { contents: { kind: MarkupKind.Markdown, value: alertRuleMarkdown(tested.spot.name, found, (f) => relativeName(pathToFileURL(f).href)) }, range: tested.range };
    const ids = ruleIdSpot(params.textDocument.uri, params.position);
    const idHover = ids && ruleIdHover(ids.doc.getText(), ids.spot, ruleDocUrl);
    if (ids && idHover) return { contents: { kind: MarkupKind.Markdown, value: idHover }, range: ids.range };
    const at = locate(params.textDocument.uri, params.position);
    const use = at && metricNameAt(at.expr.text, at.offset, settings.parse);
    const defined = use ? rules.definitions(use.name) : [];
    const hover = use && defined.length > 0 ? { contents: recordingRuleDoc(defined, relativeName), range: use.range } : at && hoverAt(at.expr.text, at.offset);
    if (!at) return configTargetHover(params.textDocument.uri, params.position) ?? yamlKeyHoverAt(params.textDocument.uri, params.position);
    // HELP/TYPE/UNIT of the metric name from the data source's metadata, fetched alongside the preview.
    const metricDoc = use ? metricHoverSection(activeVocabulary(), use.name) : undefined;
    const preview = settings.preview.hover ? await previews.hover(previewableText(at.expr, (t) => errorCache.errors(t, settings.parse)), token) : undefined;
    const metric = await metricDoc;
    // Without a word to describe, the value preview speaks for the whole expression.
    const hovered = hover?.range ?? (metric && use ? use.range : { start: 0, end: at.expr.text.trimEnd().length });
    const range = { start: at.doc.positionAt(at.expr.toFileOffset(hovered.start)), end: at.doc.positionAt(at.expr.toFileOffset(hovered.end)) };
    const sections = [hover?.contents, metric, preview].filter((s): s is string => !!s);
    if (sections.length === 0) return null;
    return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range };
  });

  // After each expression, its current value (monitoring.preview.inlayHints).
  connection.languages.inlayHint.on(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !settings.preview.inlayHints || !datasources.active()) return [];
    const text = doc.getText();
    const [from, to] = [doc.offsetAt(params.range.start), doc.offsetAt(params.range.end)];
    const wanted = expressionsOf(doc)
      .map((e) => ({ offset: hintOffset(e, text), expr: previewableText(e, (t) => errorCache.errors(t, settings.parse)) }))
      .filter((w) => w.expr !== undefined && w.offset >= from && w.offset <= to)
      .slice(0, MAX_INLAY_HINTS);
    const positions = wanted.map((w) => doc.positionAt(w.offset));
    const found = await previews.inlays(wanted.map((w) => w.expr), token);
    return found.flatMap((p, i) => (p ? [{ position: positions[i], label: p.label, paddingLeft: true, tooltip: { kind: MarkupKind.Markdown, value: p.tooltip } }] : []));
  });

  connection.onSignatureHelp((params) => {
    const at = locate(params.textDocument.uri, params.position);
    const help = at && signatureHelpAt(at.expr.text, at.offset);
    if (!help) return null;
    const { signature } = help;
    return {
      signatures: [
        {
          label: signature.label,
          documentation: signature.documentation ? { kind: MarkupKind.Markdown, value: signature.documentation } : undefined,
          parameters: signature.parameters.map((p) => ({ label: p.label, documentation: p.documentation })),
        },
      ],
      activeSignature: 0,
      activeParameter: help.activeParameter,
    };
  });

  connection.onDocumentSymbol((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const kinds: Record<OutlineKind, SymbolKind> = {
      expression: SymbolKind.Function, group: SymbolKind.Namespace, 'recording-rule': SymbolKind.Function,
      'alerting-rule': SymbolKind.Event, row: SymbolKind.Namespace, panel: SymbolKind.Object,
      target: SymbolKind.Function, variables: SymbolKind.Namespace, variable: SymbolKind.Variable,
    };
    const toRange = (r: { start: number; end: number }) => ({ start: doc.positionAt(r.start), end: doc.positionAt(r.end) });
    const convert = (s: OutlineSymbol): import('vscode-languageserver').DocumentSymbol => ({
      name: s.name, detail: s.detail, kind: kinds[s.kind],
      range: toRange(s.range), selectionRange: toRange(s.selectionRange), children: s.children.map(convert),
    });
    return documentOutline(doc.uri, doc.languageId, doc.getText(), expressionsOf(doc)).map(convert);
  });

  connection.onDocumentFormatting((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return formatExpressions(expressionsOf(doc), doc.getText(), { parse: settings.parse, maxLineLength: settings.maxLineLength }).map((r) => ({
      range: { start: doc.positionAt(r.range.start), end: doc.positionAt(r.range.end) },
      newText: r.newText,
    }));
  });

  connection.languages.semanticTokens.on((params) => {
    const doc = documents.get(params.textDocument.uri);
    const builder = new SemanticTokensBuilder();
    if (!doc) return builder.build();
    for (const t of semanticTokens(expressionsOf(doc))) {
      const start = doc.positionAt(t.start);
      const end = doc.positionAt(t.end);
      // LSP tokens cannot span lines; a multi-line string keeps its TextMate colour.
      if (start.line !== end.line) continue;
      builder.push(start.line, start.character, end.character - start.character, SEMANTIC_TOKEN_TYPES.indexOf(t.type), t.defaultLibrary ? 1 : 0);
    }
    return builder.build();
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

function emptyExpressionAt(offset: number): EmbeddedExpression {
  return {
    kind: 'promql-file',
    text: '',
    source: '',
    range: { start: offset, end: offset },
    toFileOffset: () => offset,
    label: '',
  };
}

const LINT_SEVERITY: Record<'error' | 'warning' | 'info' | 'hint', DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const ITEM_KIND: Record<CandidateKind, CompletionItemKind> = {
  function: CompletionItemKind.Function,
  aggregation: CompletionItemKind.Method,
  keyword: CompletionItemKind.Keyword,
  operator: CompletionItemKind.Operator,
  duration: CompletionItemKind.Unit,
  metric: CompletionItemKind.Variable,
  label: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  variable: CompletionItemKind.Variable,
};
const CANDIDATE_KINDS = Object.keys(ITEM_KIND) as CandidateKind[];

// Started directly (node server/out/server.js --stdio), not when imported by the CLI, which calls
// startServer() itself. esbuild bundles into one file, so `require.main === module` cannot tell.
if (/(^|[\\/])server\.(js|ts)$/.test(process.argv[1] ?? '')) startServer();
