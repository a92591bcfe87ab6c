// Reads a file_sd target file as Prometheus does (discovery/file, promtool's checkSDFile): a JSON
// or YAML list of target groups, each `{targets: [host:port, ...], labels: {name: value}}`. JSON
// ignores unknown fields; YAML is decoded strictly. Errors carry Go's wording where it is stable.
import '../../documents/goYamlLeniency'; // go-yaml's leniency in flow collections and quoted scalars
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { goJsonSyntaxError } from './goJsonSyntax';
import { goQuote } from './goText';
import { isValidLabelName } from './labelNames';
import { goTag, isNull, sourceText } from './yamlNodes';
import { lineIndex } from '../../text/lines';

export interface TargetGroup {
  targets: string[];
  labels: Array<[string, string]>;
}

export type FileSdResult = { groups: TargetGroup[] } | { error: string };

const GROUP_TYPE = 'struct { Targets []string "yaml:\\"targets\\""; Labels model.LabelSet "yaml:\\"labels\\"" }';
const JSON_GROUP_TYPE = GROUP_TYPE.replace(/yaml:/g, 'json:');

/** The JSON kind names encoding/json uses in "cannot unmarshal X into ...". */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'number' : 'string';
}

/**
 * Large files decoded lately, by name, with the text they were decoded from. The language server
 * checks prometheus.yml on every save and hover, and decoding a file of some megabytes of targets
 * costs hundreds of milliseconds; the text is read again each time (cheap) and compared.
 */
const recent = new Map<string, { text: string; result: FileSdResult }>();
const CACHED_FROM_CHARS = 64 * 1024;
const CACHED_FILES = 8;

/** parseFileSd, remembering the result for large files (callers do not modify it). */
export function parseFileSd(fileName: string, text: string): FileSdResult {
  if (text.length < CACHED_FROM_CHARS) return decodeFileSd(fileName, text);
  const hit = recent.get(fileName);
  if (hit && hit.text === text) {
    // Most recently used last.
    recent.delete(fileName);
    recent.set(fileName, hit);
    return hit.result;
  }
  const result = decodeFileSd(fileName, text);
  recent.delete(fileName);
  recent.set(fileName, { text, result });
  if (recent.size > CACHED_FILES) recent.delete(recent.keys().next().value!);
  return result;
}

function decodeFileSd(fileName: string, text: string): FileSdResult {
  const ext = /\.([^./\\]*)$/.exec(fileName)?.[1].toLowerCase() ?? '';
  if (ext === 'json') return parseJson(text);
  if (ext === 'yml' || ext === 'yaml') return parseYaml(text);
  return { error: `invalid file extension: ${goQuote(ext ? `.${ext}` : '')}` };
}

function parseJson(text: string): FileSdResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // json.Unmarshal checks the whole text first: its syntax error, in Go's words.
    return { error: goJsonSyntaxError(text) ?? `invalid JSON: ${(e as Error).message}` };
  }
  if (data === null) return { groups: [] };
  if (!Array.isArray(data)) return { error: `json: cannot unmarshal ${jsonKind(data)} into Go value of type []*targetgroup.Group` };
  const groups: TargetGroup[] = [];
  for (let i = 0; i < data.length; i++) {
    const g = data[i] as unknown;
    if (g === null) return { error: `nil target group item found (index ${i})` };
    if (typeof g !== 'object' || Array.isArray(g)) return { error: `json: cannot unmarshal ${jsonKind(g)} into Go value of type ${JSON_GROUP_TYPE}` };
    const { targets, labels } = g as { targets?: unknown; labels?: unknown };
    const group: TargetGroup = { targets: [], labels: [] };
    if (targets !== undefined && targets !== null) {
      if (!Array.isArray(targets)) return { error: `json: cannot unmarshal ${jsonKind(targets)} into Go struct field .targets of type []string` };
      for (const t of targets) {
        if (typeof t !== 'string' && t !== null) return { error: `json: cannot unmarshal ${jsonKind(t)} into Go struct field .targets of type string` };
        group.targets.push(t ?? '');
      }
    }
    if (labels !== undefined && labels !== null) {
      if (typeof labels !== 'object' || Array.isArray(labels)) return { error: `json: cannot unmarshal ${jsonKind(labels)} into Go struct field .labels of type model.LabelSet` };
      for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
        if (typeof v !== 'string' && v !== null) return { error: `json: cannot unmarshal ${jsonKind(v)} into Go struct field .labels of type model.LabelValue` };
        if (!isValidLabelName(k, 'utf8')) return { error: `${goQuote(k)} is not a valid label name` };
        group.labels.push([k, v ?? '']);
      }
    }
    groups.push(group);
  }
  return { groups };
}

/** yaml.v2's type error: `yaml: unmarshal errors:\n  line 2: cannot unmarshal !!str `a` into string`. */
function unmarshalError(text: string, node: Node, into: string): FileSdResult {
  const what = isScalar(node) ? `${goTag(node)} \`${sourceText(node)}\`` : goTag(node);
  return { error: `yaml: unmarshal errors:\n  line ${lineOf(text, node)}: cannot unmarshal ${what} into ${into}` };
}

/** The node's 1-based line, as yaml.v2 counts. */
const lineOf = (text: string, node: Node): number => lineIndex(text).position(node.range?.[0] ?? 0).line + 1;

function parseYaml(text: string): FileSdResult {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) return { error: `yaml: ${doc.errors[0].message.split('\n')[0]}` };
  const root = doc.contents;
  if (isNull(root)) return { groups: [] };
  if (!isSeq(root)) return unmarshalError(text, root!, '[]*targetgroup.Group');
  const groups: TargetGroup[] = [];
  for (let i = 0; i < root.items.length; i++) {
    const g = root.items[i] as Node | null;
    if (isNull(g)) return { error: `nil target group item found (index ${i})` };
    if (!isMap(g)) return unmarshalError(text, g!, GROUP_TYPE);
    const group: TargetGroup = { targets: [], labels: [] };
    for (const pair of g.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as Node | null;
      if (key === 'targets') {
        if (isNull(value)) continue;
        if (!isSeq(value)) return unmarshalError(text, value!, '[]string');
        for (const t of value.items as Array<Node | null>) {
          if (t !== null && !isScalar(t)) return unmarshalError(text, t, 'string');
          group.targets.push(t === null || t.value === null ? '' : String(t.value));
        }
      } else if (key === 'labels') {
        if (isNull(value)) continue;
        if (!isMap(value)) return unmarshalError(text, value!, 'model.LabelSet');
        for (const lp of value.items) {
          const name = isScalar(lp.key) ? String(lp.key.value) : '';
          if (!isValidLabelName(name, 'utf8')) return { error: `${goQuote(name)} is not a valid label name` };
          const v = lp.value as Node | null;
          if (v !== null && !isScalar(v)) return unmarshalError(text, v, 'model.LabelValue');
          group.labels.push([name, v === null || v.value === null ? '' : String(v.value)]);
        }
      } else {
        return { error: `yaml: unmarshal errors:\n  line ${lineOf(text, pair.key as Node)}: field ${key} not found in type ${GROUP_TYPE}` };
      }
    }
    groups.push(group);
  }
  return { groups };
}
