// The analysis core, loadable without starting a language server: require('./server').
export { parsePromQL } from './promql/parse';
export type { ParseOptions, ParseResult, PromQLError } from './promql/parse';
export { formatPromQL } from './promql/format';
export type { FormatOptions } from './promql/format';
export { optionsFromGoNames } from './promql/types';
export * as ast from './promql/ast';
