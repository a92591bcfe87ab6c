// The shape of a Prometheus configuration, described as data: every block is a StructDef (its Go
// type name, for messages, and a table of field -> FieldType); struct-level rules that need several
// fields at once (Prometheus' UnmarshalYAML/Validate) hang off `check`.
import type { ObjView } from '../objView';
import type { WalkContext } from '../walkContext';

export type ScalarType =
  /** Any scalar; Go's yaml decoder turns numbers and booleans into their source text. `goType`: a named string type, e.g. model.LabelValue. */
  | { kind: 'string'; goType?: string }
  /** Like string, but shown as <secret> by Prometheus. */
  | { kind: 'secret' }
  | { kind: 'bool' }
  | { kind: 'int'; goType: 'int' | 'uint' | 'int64' | 'uint64' }
  | { kind: 'float' }
  /** model.Duration: `1m30s`. */
  | { kind: 'duration' }
  /** units.Base2Bytes: `512MB`. */
  | { kind: 'size' }
  /** config.URL: anything Go's url.Parse accepts. */
  | { kind: 'url' }
  /** Go's regexp (RE2), compiled anchored as Prometheus does. */
  | { kind: 'regex' }
  /** A string from a closed set; `message` is the Go error for other values. */
  | { kind: 'enum'; values: readonly string[]; message: (value: string) => string; caseInsensitive?: boolean }
  /** A file path resolved against the config file's directory; `glob` allows patterns. */
  | { kind: 'file'; glob?: boolean };

export type FieldType =
  | ScalarType
  | { kind: 'list'; of: FieldType; goType?: string; nullItem?: string }
  | { kind: 'map'; value: FieldType; goType?: string }
  | { kind: 'struct'; def: () => StructDef }
  | { kind: 'any' };

export interface StructDef {
  /** The Go type named in decoder messages, e.g. `config.plain` or `kubernetes.plain`. */
  goType: string;
  fields: Record<string, FieldType>;
  /** Blocks inlined into this one (Go's `yaml:",inline"`), e.g. the HTTP client settings. */
  include?: StructDef[];
  /**
   * Fields the decoder accepts only because a Go field has no yaml tag (go-yaml then takes the
   * field's name in lower case): valid, but never suggested for a typo or offered in completion.
   */
  hidden?: readonly string[];
  /** Whole-block rules, run after every field has been checked. */
  check?: (view: ObjView, ctx: WalkContext) => void;
}

export const str: ScalarType = { kind: 'string' };
export const secret: ScalarType = { kind: 'secret' };
export const bool: ScalarType = { kind: 'bool' };
export const int: ScalarType = { kind: 'int', goType: 'int' };
export const uint: ScalarType = { kind: 'int', goType: 'uint' };
export const int64: ScalarType = { kind: 'int', goType: 'int64' };
export const uint64: ScalarType = { kind: 'int', goType: 'uint64' };
export const float: ScalarType = { kind: 'float' };
export const duration: ScalarType = { kind: 'duration' };
export const size: ScalarType = { kind: 'size' };
export const url: ScalarType = { kind: 'url' };
export const regex: ScalarType = { kind: 'regex' };
export const file: ScalarType = { kind: 'file' };
export const any: FieldType = { kind: 'any' };

export const listOf = (of: FieldType, nullItem?: string): FieldType => ({ kind: 'list', of, nullItem });
export const mapOf = (value: FieldType): FieldType => ({ kind: 'map', value });
/** Prometheus' label types, named in go-yaml's type errors. */
export const labelNames: FieldType = { kind: 'list', of: str, goType: 'model.LabelNames' };
export const labelSet: FieldType = { kind: 'map', value: { kind: 'string', goType: 'model.LabelValue' }, goType: 'model.LabelSet' };
export const struct = (def: () => StructDef): FieldType => ({ kind: 'struct', def });
export const enumOf = (values: readonly string[], message: (value: string) => string, caseInsensitive = false): ScalarType => ({
  kind: 'enum',
  values,
  message,
  caseInsensitive,
});

const fieldCache = new WeakMap<StructDef, Record<string, FieldType>>();
const advertisedCache = new WeakMap<StructDef, string[]>();

/** All fields of a struct, its inlined blocks included (computed once per block). */
export function allFields(def: StructDef): Record<string, FieldType> {
  const cached = fieldCache.get(def);
  if (cached) return cached;
  const out: Record<string, FieldType> = {};
  for (const inc of def.include ?? []) Object.assign(out, allFields(inc));
  Object.assign(out, def.fields);
  fieldCache.set(def, out);
  return out;
}

/** The names of a struct's fields that users write: allFields without the hidden ones. */
export function advertisedFields(def: StructDef): string[] {
  const cached = advertisedCache.get(def);
  if (cached) return cached;
  const hidden = new Set<string>();
  const collect = (d: StructDef): void => {
    for (const inc of d.include ?? []) collect(inc);
    for (const h of d.hidden ?? []) hidden.add(h);
  };
  collect(def);
  const out = Object.keys(allFields(def)).filter((name) => !hidden.has(name));
  advertisedCache.set(def, out);
  return out;
}
