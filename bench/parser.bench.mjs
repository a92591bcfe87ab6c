// Parse + type check of the promqltest and rule corpora, side by side in the same process with
// @prometheus-io/lezer-promql (the Prometheus UI's parser) parsing the same queries.
// Reports µs per query for both and the ratio ours/lezer (target ≤ 1.0).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { median, timeRounds } from './stats.mjs';

const require = createRequire(import.meta.url);

function loadCorpus() {
  const read = (p) => readFileSync(new URL(`../test-fixtures/corpus/${p}`, import.meta.url), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const evals = read('promql/promqltest_evals.jsonl').map((r) => ({ input: r.input, options: r.parser_options }));
  const rules = read('rules/exprs.jsonl').map((r) => ({ input: r.input, options: [] }));
  return [...evals, ...rules];
}

export async function run() {
  const core = require('../server');
  const { parser: lezer } = require('@prometheus-io/lezer-promql');
  const queries = loadCorpus().map((q) => ({ input: q.input, options: core.optionsFromGoNames(q.options) }));
  const n = queries.length;

  let errors = 0;
  const ours = () => {
    errors = 0;
    for (const q of queries) errors += core.parsePromQL(q.input, q.options).errors.length;
  };
  const ref = () => {
    for (const q of queries) lezer.parse(q.input);
  };

  // Warm both up, then alternate rounds so machine noise hits both alike.
  timeRounds(ours, 5);
  timeRounds(ref, 5);
  const oursMs = [];
  const refMs = [];
  for (let i = 0; i < 15; i++) {
    oursMs.push(...timeRounds(ours, 1));
    refMs.push(...timeRounds(ref, 1));
  }
  const oursUs = (median(oursMs) * 1000) / n;
  const refUs = (median(refMs) * 1000) / n;
  const spread = (xs) => `${((Math.min(...xs) * 1000) / n).toFixed(2)}–${((Math.max(...xs) * 1000) / n).toFixed(2)}`;
  console.log(`queries: ${n} (promqltest evals + rule exprs); errors reported by ours: ${errors}`);
  console.log(`ours (parse + checks):   ${oursUs.toFixed(2)} µs/query (min–max ${spread(oursMs)})`);
  console.log(`lezer-promql (parse):    ${refUs.toFixed(2)} µs/query (min–max ${spread(refMs)})`);
  console.log(`ratio ours/lezer:        ${(oursUs / refUs).toFixed(2)} (target ≤ 1.0)`);
}
