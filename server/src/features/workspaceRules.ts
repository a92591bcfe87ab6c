// The recording rules of a workspace, kept current: rule files found on disk at startup, replaced
// by the editor's text while a document is open. Answers "where is this name defined" and "where
// is it used" with file offsets; the server turns them into LSP locations. No LSP here.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { documentExpressions, fileNameOf } from './expressions';
import { metricNameUses, RecordingRuleIndex, type RecordingRule } from './recordingRules';
import { findFiles, DEFAULT_MAX_FILES } from './workspaceFiles';
import type { PosRange } from '../promql/ast';
import type { ParseOptions } from '../promql/types';

export interface NameUse {
  uri: string;
  /** File offsets of the name. */
  range: PosRange;
}

export interface OpenDocuments {
  /** The editor's text of an open document, if it is open. */
  textOf(uri: string): string | undefined;
  /** URIs of the open documents. */
  uris(): string[];
  /** The language id of an open document (an untitled PromQL buffer has no file extension). */
  languageOf(uri: string): string | undefined;
}

const isYamlName = (uri: string): boolean => /\.ya?ml$/i.test(fileNameOf(uri));

export class WorkspaceRules {
  readonly index = new RecordingRuleIndex();
  /** YAML files on disk that hold PromQL (rule files), for finding uses in closed files. */
  private readonly ruleFiles = new Set<string>();
  private scanned: Promise<number> = Promise.resolve(0);

  constructor(private readonly open: OpenDocuments) {}

  /** An open (or changed) document: its text replaces what the disk said. */
  updateOpen(uri: string, text: string, languageId?: string): void {
    if (!isYamlName(uri) && languageId !== 'yaml') return;
    this.index.update(uri, text);
  }

  /** A document was closed: what counts again is the file on disk (unsaved edits are gone). */
  async closed(uri: string): Promise<void> {
    if (!uri.startsWith('file:')) return this.index.remove(uri);
    try {
      this.indexDisk(uri, await readFile(fileNameOf(uri), 'utf8'));
    } catch {
      this.index.remove(uri);
      this.ruleFiles.delete(uri);
    }
  }

  /** A file changed on disk (watched files): re-read it unless the editor has it open. */
  async diskChanged(uri: string, deleted: boolean): Promise<void> {
    if (!isYamlName(uri) || this.open.textOf(uri) !== undefined) return;
    if (deleted) {
      this.index.remove(uri);
      this.ruleFiles.delete(uri);
      return;
    }
    await this.closed(uri);
  }

  /** Starts reading the workspace's rule files; resolves with how many YAML files were read. */
  scan(roots: readonly string[], maxFiles = DEFAULT_MAX_FILES): Promise<number> {
    this.scanned = (async () => {
      const files = await findFiles(roots, { maxFiles });
      for (const file of files) {
        const uri = pathToFileURL(file).href;
        if (this.open.textOf(uri) !== undefined) continue; // the editor's text is already indexed
        try {
          const text = await readFile(file, 'utf8');
          // Opened while the file was being read: the editor's text wins.
          if (this.open.textOf(uri) === undefined) this.indexDisk(uri, text);
        } catch {
          // unreadable: skip
        }
      }
      return files.length;
    })();
    return this.scanned;
  }

  /** Waits for the startup scan, at most `ms` milliseconds (an answer now beats a complete one later). */
  async ready(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.scanned.catch(() => 0), new Promise((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
  }

  definitions(name: string): readonly RecordingRule[] {
    return this.index.lookup(name);
  }

  /** The recording rule whose `record:` name covers `offset` in the file `uri`. */
  definitionAt(uri: string, offset: number): RecordingRule | undefined {
    for (const rules of this.index.names().values()) {
      const hit = rules.find((r) => r.uri === uri && r.nameRange.start <= offset && offset <= r.nameRange.end);
      if (hit) return hit;
    }
    return undefined;
  }

  /** The current text of a file: the editor's if open, else the disk's. */
  async textOf(uri: string): Promise<string | undefined> {
    const open = this.open.textOf(uri);
    if (open !== undefined) return open;
    try {
      return await readFile(fileNameOf(uri), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Every selector named `name` in the PromQL of open documents and of the workspace's rule files. */
  async uses(name: string, options: ParseOptions): Promise<NameUse[]> {
    const out: NameUse[] = [];
    const uris = new Set([...this.open.uris(), ...this.ruleFiles]);
    for (const uri of uris) {
      const text = await this.textOf(uri);
      if (text === undefined || !text.includes(name)) continue;
      for (const e of documentExpressions(uri, text, this.open.languageOf(uri))) {
        if (!e.text.includes(name)) continue;
        for (const u of metricNameUses(e.text, options)) {
          if (u.name === name) out.push({ uri, range: { start: e.toFileOffset(u.range.start), end: e.toFileOffset(u.range.end) } });
        }
      }
    }
    return out;
  }

  private indexDisk(uri: string, text: string): void {
    this.index.update(uri, text);
    if (documentExpressions(uri, text).length > 0) this.ruleFiles.add(uri);
    else this.ruleFiles.delete(uri);
  }
}
