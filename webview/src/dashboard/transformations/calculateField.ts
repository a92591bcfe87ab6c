// `calculateField` ("Add field from calculation"): a new field computed per row, following
// packages/grafana-data/src/transformations/transformers/calculateField.ts and
// utils/{binaryOperators,unaryOperators}.ts.
//   - Options: Grafana's defaults ({ mode: "reduceRow", reduce: { reducer: "sum" } }) under the panel's.
//   - Time series (timeSeries not false, and not a binary operation with a fixed right value) are
//     first joined on their time field (ensureColumns): see needsSingleFrame.
//   - The new field: named by alias, else as Grafana names it ("Total", "A + B", "abs(A)", "Row",
//     "cumulative sum(A)"), type number (or returnType), config {} (the alias as displayName).
//     replaceFields keeps only the time field (time series) and the new one.
//   - Modes reduceRow, binary (field name or number each side, or "all number fields" on the left),
//     unary, index, cumulativeFunctions. windowFunctions and templateExpression are not applied:
//     the transformer returns undefined, and the panel notes the transformation as not applied;
//     an unknown mode changes nothing, as in Grafana.
import { fieldReducer, rowReducer } from '../fieldReducers';
import { fieldDisplayName, type Field, type FieldType, type FieldValue, type Frame } from '../frames';
import { byNames, numericField, type FieldMatcher } from './fieldMatchers';

type Options = Record<string, unknown>;
type ValuesCreator = (frame: Frame) => FieldValue[] | undefined;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const DEFAULTS: Options = { mode: 'reduceRow', reduce: { reducer: 'sum' } };

/** Grafana's binary operators, by id. */
const BINARY: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '^': (a, b) => Math.pow(a, b),
};

/** Grafana's unary operators, by id. */
const UNARY: Record<string, (v: number) => number> = {
  abs: Math.abs,
  exp: Math.exp,
  ln: Math.log,
  floor: Math.floor,
  ceil: Math.ceil,
};

/** Whether Grafana joins the frames on time first (ensureColumns) for these options. */
export function needsSingleFrame(panelOptions: Options): boolean {
  const options = { ...DEFAULTS, ...panelOptions };
  const right = isRecord(options.binary) ? options.binary.right : undefined;
  const rightVal = typeof right === 'string' ? right : isRecord(right) ? right.fixed : undefined;
  const isBinaryFixed = options.mode === 'binary' && !Number.isNaN(Number(rightVal));
  return options.timeSeries !== false && !isBinaryFixed;
}

/** The frames with the calculated field; undefined for a mode or reducer the preview does not apply. */
export function calculateField(frames: Frame[], panelOptions: Options): Frame[] | undefined {
  const options = { ...DEFAULTS, ...panelOptions };
  const alias = str(options.alias);
  switch (options.mode) {
    case 'reduceRow': {
      const creator = reduceRowCreator(isRecord(options.reduce) ? options.reduce : {}, frames);
      return creator && addField(frames, options, creator, reduceRowName(options));
    }
    case 'binary': {
      const binary = isRecord(options.binary) ? options.binary : {};
      const names = frames.flatMap((f) => f.fields.map((x) => x.name));
      const left = binaryValue(binary.left ?? '', names);
      const right = binaryValue(binary.right ?? '', names);
      const operator = str(binary.operator) ?? '+';
      if (left.matcher?.id === 'byType') return binaryOnType(frames, options, left.matcher.options ?? '', operator, right);
      const name = `${left.matcher?.options ?? left.fixed ?? ''} ${operator} ${right.matcher?.options ?? right.fixed ?? ''}`;
      // A name with a variable would be interpolated by the panel: Grafana leaves it blank.
      return addField(frames, options, binaryCreator(left, operator, right, frames), /\$/.test(name) ? '' : name);
    }
    case 'unary': {
      const unary: Options = { operator: 'abs', fieldName: '', ...(isRecord(options.unary) ? options.unary : {}) };
      const fieldName = str(unary.fieldName) ?? '';
      const name = `${str(unary.operator) ?? ''}${fieldName ? `(${fieldName})` : ''}`;
      return addField(frames, options, unaryCreator(str(unary.operator) ?? '', fieldName, frames), name);
    }
    case 'cumulativeFunctions': {
      const cumulative: Options = { reducer: 'sum', ...(isRecord(options.cumulative) ? options.cumulative : {}) };
      const field = str(cumulative.field);
      const creator = cumulativeCreator(cumulative.reducer, field, frames);
      return creator && addField(frames, options, creator, `cumulative ${str(cumulative.reducer) ?? ''}${field ? `(${field})` : ''}`);
    }
    case 'index':
      return frames.map((frame) => {
        const asPercentile = isRecord(options.index) && options.index.asPercentile === true;
        const values = [...Array(frame.length).keys()].map((i) => (asPercentile ? i / frame.length : i));
        const f: Field = { name: alias ?? 'Row', type: 'number', values, config: asPercentile ? { unit: 'percentunit' } : {} };
        return { ...frame, fields: options.replaceFields === true ? [f] : [...frame.fields, f] };
      });
    case 'windowFunctions':
    case 'templateExpression':
      return undefined;
    default:
      return frames;
  }
}

/** getNameFromOptions for reduceRow: the reducer's name ("Total"), or "math" when the options name none. */
function reduceRowName(options: Options): string {
  return fieldReducer(isRecord(options.reduce) ? options.reduce.reducer : undefined)?.name ?? 'math';
}

/** The new field on every frame a creator gives values for; with replaceFields, the others are dropped. */
function addField(frames: Frame[], options: Options, creator: ValuesCreator, defaultName: string): Frame[] {
  const alias = str(options.alias);
  const out: Frame[] = [];
  for (const frame of frames) {
    const values = creator(frame);
    if (!values) {
      if (options.replaceFields !== true) out.push(frame);
      continue;
    }
    const field: Field = { name: alias || defaultName, type: (str(options.returnType) as FieldType | undefined) ?? 'number', config: alias ? { displayName: alias } : {}, values };
    let fields = [...frame.fields, field];
    if (options.replaceFields === true) {
      const time = frame.fields.find((f) => f.type === 'time');
      fields = time && options.timeSeries !== false ? [time, field] : [field];
    }
    out.push({ ...frame, fields });
  }
  return out;
}

const NULL_VALUE_MODE_IGNORE = 'connected';
const NULL_VALUE_MODE_AS_ZERO = 'null as zero';

function reduceRowCreator(reduce: Options, all: Frame[]): ValuesCreator | undefined {
  const reducerId = reduce.reducer ?? 'sum';
  const info = fieldReducer(reducerId);
  if (!info) return undefined;
  const include = Array.isArray(reduce.include) ? reduce.include.filter((n): n is string => typeof n === 'string') : [];
  const matcher: FieldMatcher = include.length ? byNames(include) : numericField;
  const fn = rowReducer(info);
  const ignoreNulls = reduce.nullValueMode === NULL_VALUE_MODE_IGNORE;
  const nullAsZero = reduce.nullValueMode === NULL_VALUE_MODE_AS_ZERO;
  return (frame) => {
    const columns = frame.fields.filter((f) => matcher(f, frame, all)).map((f) => f.values);
    const values: FieldValue[] = [];
    for (let i = 0; i < frame.length; i++) {
      // The row as a number field of its own, reduced as Grafana's "temp" field.
      values.push(fn({ type: 'number', values: columns.map((c) => c[i]) }, ignoreNulls, nullAsZero)[reducerId as string]);
    }
    return values;
  };
}

interface BinaryValue {
  fixed?: string;
  matcher?: { id?: string; options?: string };
}

/** checkBinaryValueType: a bare string is a field name, or a fixed number unless a field has that name. */
function binaryValue(value: unknown, names: string[]): BinaryValue {
  if (typeof value === 'string') {
    if (Number.isNaN(Number(value)) || names.includes(value)) return { matcher: { id: 'byName', options: value } };
    return { fixed: value };
  }
  if (!isRecord(value)) return {};
  const m = isRecord(value.matcher) ? { id: str(value.matcher.id), options: str(value.matcher.options) } : undefined;
  return { fixed: str(value.fixed), matcher: m };
}

/** findFieldValuesWithNameOrConstant: the values of the field of that display name, else the number (parseFloat) repeated. */
function binaryValues(frame: Frame, value: BinaryValue, all: Frame[]): FieldValue[] | undefined {
  if (value.matcher?.id === 'byName') {
    const name = value.matcher.options ?? '';
    const f = frame.fields.find((x) => fieldDisplayName(x, frame, all) === name);
    if (f) return f.type === 'boolean' ? f.values.map((v) => (v ? 1 : 0)) : f.values;
  }
  const v = parseFloat(value.fixed ?? value.matcher?.options ?? '');
  return Number.isNaN(v) ? undefined : new Array(frame.length).fill(v);
}

/** JavaScript's arithmetic on the raw values, as Grafana's (null counts as 0, undefined gives NaN). */
const apply = (op: (a: number, b: number) => number, a: FieldValue, b: FieldValue) => op(a as number, b as number);

function binaryCreator(left: BinaryValue, operator: string, right: BinaryValue, all: Frame[]): ValuesCreator {
  const op = BINARY[operator];
  return (frame) => {
    const l = binaryValues(frame, left, all);
    const r = binaryValues(frame, right, all);
    if (!l || !r || !op) return undefined;
    return l.map((v, i) => apply(op, v, r[i]));
  };
}

/** Left "all number fields" (byType): a new field after each field of the type, named "<name> <op> <right>". */
function binaryOnType(frames: Frame[], options: Options, type: string, operator: string, right: BinaryValue): Frame[] {
  const op = BINARY[operator];
  const out: Frame[] = [];
  for (const frame of frames) {
    const fields: Field[] = [];
    const time = frame.fields.find((f) => f.type === 'time');
    if (time && options.timeSeries !== false) fields.push(time);
    let added = false;
    for (const field of frame.fields) {
      if (options.replaceFields !== true && !fields.includes(field)) fields.push(field);
      if (field.type !== type) continue;
      const r = binaryValues(frame, right, frames);
      if (!r || !op) continue;
      const values = field.values.map((v, i) => apply(op, v, r[i]));
      fields.push({ ...field, name: `${field.name} ${operator} ${right.matcher?.options ?? right.fixed}`, values });
      added = true;
    }
    if (options.replaceFields === true && !added) continue;
    out.push({ ...frame, fields });
  }
  return out;
}

function unaryCreator(operator: string, fieldName: string, all: Frame[]): ValuesCreator {
  const op = UNARY[operator];
  return (frame) => {
    // The last number field of that display name, as Grafana's loop leaves it.
    const field = frame.fields.filter((f) => f.type === 'number' && fieldDisplayName(f, frame, all) === fieldName).pop();
    if (!field || field.values.length === 0 || !op) return undefined;
    return field.values.map((v) => op(v as number));
  };
}

function cumulativeCreator(reducer: unknown, field: string | undefined, all: Frame[]): ValuesCreator | undefined {
  if (reducer !== 'sum' && reducer !== 'mean') return undefined;
  const matcher: FieldMatcher = field ? byNames([field]) : numericField;
  return (frame) => {
    const selected = frame.fields.find((f) => matcher(f, frame, all));
    if (!selected) return undefined;
    let total = 0;
    return Array.from({ length: frame.length }, (_, i) => {
      total += (selected.values[i] as number) ?? 0;
      return reducer === 'sum' ? total : total / (i + 1);
    });
  };
}
