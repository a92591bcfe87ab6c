// What a rule file holds once decoded: groups and rules with the source ranges of every key and
// value, so each check can underline exactly what it complains about.
import type { Document, Scalar } from 'yaml';
import type { PosRange } from '../../promql/ast';
import type { QuickFix } from '../types';
import type { YNode } from './yamlNodes';

export interface StrField {
  value: string;
  /** The scalar the value came from (alias resolved), null for a null value. */
  node: Scalar | null;
  keyRange: PosRange;
  valueRange: PosRange;
}

export interface DurationField extends StrField {
  /** Milliseconds; null when the value is not a valid duration (an error was reported). */
  ms: number | null;
}

export interface KeyValue {
  key: string;
  keyRange: PosRange;
  value: string;
  node: Scalar | null;
  valueRange: PosRange;
}

export interface StringMap {
  keyRange: PosRange;
  entries: KeyValue[];
}

export interface RuleModel {
  /** 0-based position in its group. */
  index: number;
  range: PosRange;
  record?: StrField;
  alert?: StrField;
  expr?: StrField;
  for?: DurationField;
  keepFiringFor?: DurationField;
  labels?: StringMap;
  annotations?: StringMap;
}

export interface GroupModel {
  range: PosRange;
  name?: StrField;
  interval?: DurationField;
  queryOffset?: DurationField;
  limit?: { value: number; keyRange: PosRange; valueRange: PosRange };
  labels?: StringMap;
  rules: RuleModel[];
}

export interface RuleDocument {
  doc: Document;
  /** A Kubernetes PrometheusRule: groups live under `spec`. */
  isPrometheusRule: boolean;
  groups: GroupModel[];
}

/** A finding before it becomes a LintDiagnostic. */
export interface Finding {
  ruleId: string;
  message: string;
  range: PosRange;
  fixes?: QuickFix[];
  /**
   * The error as promtool prints it, when its shape differs from `message` at `range`: rulefmt's
   * `line:col: group "g", rule 1, "name": message`, with the position of the YAML node rulefmt
   * names (0:0 for a missing one), or none. For summaries of a whole rule file.
   */
  upstream?: string;
}

export type { YNode };
