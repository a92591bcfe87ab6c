// The data frames of the preview, as Grafana's (packages/grafana-data/src/types/dataFrame.ts),
// and the display names Grafana gives their fields and frames (field/fieldState.ts).
import type { Labels } from '../protocol';

/** Grafana's FieldType, less what Prometheus never gives: booleans come from reducers (allIsNull)
 * and convertFieldType; "other" is a reduced column whose values are all empty. */
export type FieldType = 'time' | 'number' | 'string' | 'boolean' | 'other';
export type FieldValue = number | string | boolean | null | undefined;

export interface FieldConfig {
  displayName?: string;
  /** The legend (legendFormat) of a series, as Grafana's data source sets it. */
  displayNameFromDS?: string;
  unit?: string;
  decimals?: number;
  custom?: Record<string, unknown>;
}

export interface Field {
  name: string;
  type: FieldType;
  values: FieldValue[];
  labels?: Labels;
  config: FieldConfig;
}

export interface Frame {
  refId?: string;
  name?: string;
  fields: Field[];
  length: number;
}

// ---- display names (getFieldDisplayName, simplified to what Prometheus frames carry) ----

function formatLabels(labels: Labels): string {
  const parts = Object.keys(labels).map((k) => `${k}="${labels[k]}"`);
  return `{${parts.join(', ')}}`;
}

export function fieldDisplayName(field: Field, frame?: Frame, all?: Frame[]): string {
  if (field.config.displayName) return field.config.displayName;
  if (field.config.displayNameFromDS) return field.config.displayNameFromDS;
  const labels = field.labels ?? {};
  const keys = Object.keys(labels);
  if (field.name === 'Value' && frame?.name && (all?.length ?? 1) > 0) return frame.name;
  if (keys.length === 0) return field.name;
  if (keys.length === 1 && keys[0] === 'name') return field.name === 'Value' ? labels.name : `${field.name} ${labels.name}`;
  if (keys.includes('__name__') && keys.length === 1 && field.name === 'Value') return labels.__name__;
  return `${field.name} ${formatLabels(labels)}`;
}

/** getFrameDisplayName: the frame's name, or the display names of its non-time fields. */
export function frameDisplayName(frame: Frame, all: Frame[]): string {
  if (frame.name) return frame.name;
  const withLabels = frame.fields.filter((f) => f.labels && Object.keys(f.labels).length > 0);
  if (withLabels.length === 1) return formatLabels(withLabels[0].labels!);
  const names = frame.fields.filter((f) => f.type !== 'time').map((f) => fieldDisplayName(f, frame, all));
  if (names.length) return names.join(', ');
  return frame.refId ? `Series (${frame.refId})` : 'Series';
}
