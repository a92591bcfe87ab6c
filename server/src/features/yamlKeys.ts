// Completion of keys in block YAML from a schema (the checkers' StructDefs): at a key position,
// the path of parent keys and list items is read off the indentation of the lines above, the
// schema gives the block's fields, and the keys the block already has are left out.
import { advertisedFields, allFields, type FieldType, type StructDef } from '../lint/config/schema/types';

export interface KeyCandidate {
  name: string;
  /** What the value is, e.g. `duration`, `list of scrape_config`. */
  detail: string;
  /** A block (struct, list, map) goes on the next lines. */
  block: boolean;
}

export interface KeyCompletion {
  candidates: KeyCandidate[];
  /** The partial key under the cursor, as offsets into the text. */
  start: number;
  end: number;
  /** The key is followed by its colon already (the cursor is in a written key): insert the name alone. */
  hasColon: boolean;
  /** The block's name, e.g. `ScrapeConfig`; empty at the top level. */
  block: string;
}

interface Line {
  text: string;
  /** Columns of the `- ` markers before the content. */
  dashes: number[];
  /** Column of the key, or of the content when there is no key. */
  col: number;
  key?: string;
  /** Nothing after the colon (a block follows, or nothing). */
  opensBlock: boolean;
}

const KEY_LINE = /^((?:[ ]*-[ ]+)*)[ ]*(?:([\w./-]+|"[^"]*"|'[^']*')[ ]*:(?=[ \t]|$)(.*))?/;

function readLine(text: string): Line | undefined {
  if (text.trim() === '' || text.trimStart().startsWith('#')) return undefined;
  const dashes: number[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ') i++;
    if (text[i] === '-' && (text[i + 1] === ' ' || i + 1 === text.length)) {
      dashes.push(i);
      i++;
      continue;
    }
    break;
  }
  const m = KEY_LINE.exec(text.slice(i));
  const key = m?.[2]?.replace(/^(["'])(.*)\1$/, '$2');
  const rest = (m?.[3] ?? '').replace(/#.*$/, '').trim();
  return { text, dashes, col: i, key, opensBlock: key !== undefined && (rest === '' || rest === '|' || rest === '>') };
}

/** The lines before `end`, last first, without splitting the whole text (files may be megabytes). */
function* linesAbove(text: string, end: number): Generator<string> {
  let stop = end - 1; // the newline ending the line above
  while (stop >= 0) {
    const start = text.lastIndexOf('\n', stop - 1) + 1;
    yield text.slice(start, stop);
    stop = start - 1;
  }
}

/** Hover on a key: what its value is and which block it belongs to; undefined off a known key. */
export function yamlKeyHover(text: string, offset: number, root: StructDef): { markdown: string; start: number; end: number } | undefined {
  let start = offset;
  while (start > 0 && /[\w-]/.test(text[start - 1])) start--;
  const found = yamlKeyCompletion(text, start, root);
  if (!found || !found.hasColon || offset > found.end) return undefined;
  const name = text.slice(found.start, found.end);
  const key = found.candidates.find((c) => c.name === name);
  if (!key) return undefined;
  const where = found.block ? `A field of \`${found.block}\`.` : 'A top-level key of the file.';
  return { markdown: `**${name}**: ${key.detail}\n\n${where}`, start: found.start, end: found.end };
}

const describe = (t: FieldType): string => {
  switch (t.kind) {
    case 'struct':
      return t.def().goType.replace(/^\w+\./, '').replace(/^plain$/, 'block');
    case 'list':
      return `list of ${describe(t.of)}`;
    case 'map':
      return `map of ${describe(t.value)}`;
    case 'enum':
      return t.values.join(' | ');
    case 'int':
      return t.goType;
    case 'file':
      return t.glob ? 'file pattern' : 'file';
    default:
      return t.kind;
  }
};

/**
 * The keys that fit where the cursor is, or undefined when it is not at a key position (after a
 * colon, in a flow collection, in a block scalar...) or the path is not a known block.
 */
export function yamlKeyCompletion(text: string, offset: number, root: StructDef): KeyCompletion | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  const m = /^((?:[ ]*-[ ]+)*)([ ]*)([\w-]*)$/.exec(prefix);
  if (!m) return undefined;
  const wordStart = lineStart + m[1].length + m[2].length;
  let wordEnd = offset;
  while (wordEnd < text.length && /[\w-]/.test(text[wordEnd])) wordEnd++;
  const col = wordStart - lineStart;
  const ownDashes: number[] = [];
  for (let i = 0; i < m[1].length; i++) if (m[1][i] === '-') ownDashes.push(i);

  // Walk up: siblings of this block, then each parent key (and list items on the way).
  const lines = linesAbove(text, lineStart);
  const siblings = new Set<string>();
  const path: Array<string | 0> = []; // 0: a list item
  let target = col;
  // A `- ` on the cursor's line starts a new list item: its keys are all new.
  let collectSiblings = ownDashes.length === 0;
  let itemAt = ownDashes.length > 0 ? ownDashes[ownDashes.length - 1] : -1;
  if (itemAt >= 0) path.push(0);
  for (const raw of lines) {
    const l = readLine(raw.replace(/\r$/, ''));
    if (!l) continue;
    if (l.text.includes('\t')) return undefined; // tabs: not a layout this reads
    if (itemAt >= 0) {
      // Looking for the key that holds the list the item at column itemAt belongs to.
      if (l.dashes.includes(itemAt) || l.col > itemAt) continue; // another item, or inside one
      if (l.key === undefined || !l.opensBlock) return undefined;
      path.push(l.key);
      target = l.col;
      itemAt = l.dashes.length > 0 && l.dashes[l.dashes.length - 1] < l.col ? l.dashes[l.dashes.length - 1] : -1;
      if (itemAt >= 0) path.push(0);
      collectSiblings = false;
      if (target === 0 && itemAt < 0) break; // at the root: nothing above matters
      continue;
    }
    if (l.col > target) continue; // inside a sibling's block
    if (l.col === target) {
      if (l.key === undefined) return undefined; // a list of scalars, not a mapping
      if (collectSiblings) siblings.add(l.key);
      // The block's first key after a `- `: the block is a list item.
      const dash = l.dashes.length > 0 ? l.dashes[l.dashes.length - 1] : -1;
      if (dash >= 0) {
        itemAt = dash;
        path.push(0);
      }
      continue;
    }
    // l.col < target: the parent key.
    if (l.key === undefined || !l.opensBlock) return undefined;
    path.push(l.key);
    collectSiblings = false;
    target = l.col;
    const dash = l.dashes.length > 0 ? l.dashes[l.dashes.length - 1] : -1;
    if (dash >= 0) {
      itemAt = dash;
      path.push(0);
    }
    if (target === 0 && itemAt < 0) break; // at the root: nothing above matters
  }
  if (path.length === 0 && col !== 0) return undefined; // indented, with no parent key above
  // Resolve the path from the root, outermost first.
  let def: StructDef | undefined = root;
  let type: FieldType = { kind: 'struct', def: () => root };
  for (const step of path.reverse()) {
    if (step === 0) {
      if (type.kind !== 'list') return undefined;
      type = type.of;
    } else {
      if (type.kind !== 'struct') return undefined;
      const next: FieldType | undefined = allFields(type.def())[step];
      if (!next) return undefined;
      type = next;
    }
  }
  if (type.kind !== 'struct') return undefined;
  def = type.def();
  const fields = allFields(def);
  const candidates = advertisedFields(def)
    .filter((name) => !siblings.has(name))
    .map((name) => [name, fields[name]] as const)
    .map(([name, t]) => ({ name, detail: describe(t), block: t.kind === 'struct' || t.kind === 'list' || t.kind === 'map' }));
  return { candidates, start: wordStart, end: wordEnd, hasColon: /^[ \t]*:/.test(text.slice(wordEnd)), block: def === root ? '' : describe({ kind: 'struct', def: () => def! }) };
}
