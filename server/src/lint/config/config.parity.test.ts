// Parity with Prometheus' own config tests (config/config_test.go): the bad files must fail with
// upstream's message, the good files must load cleanly. Figures are printed for the report.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LintDiagnostic } from '../types';
import { checkPrometheusConfig } from './checkConfig';

const corpus = path.resolve(__dirname, '../../../../test-fixtures/corpus/config');
const testdata = path.join(corpus, 'testdata');

interface ExpectedError {
  file: string;
  errMsg: string;
}
interface OtherExpectation {
  file: string;
  outcome: 'ok' | 'error';
  errMsgsContained?: string[];
  agentMode?: boolean;
  call: string;
}
const expectations = JSON.parse(readFileSync(path.join(corpus, 'config-errors.json'), 'utf8')) as {
  errors: ExpectedError[];
  otherExpectations: OtherExpectation[];
};

/** Decoder errors come wrapped by Go's yaml package; every Load error by LoadFile. */
const decoderRules = new Set(['config/type', 'config/unknown-key', 'config/duplicate-key']);

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** The error text Prometheus would print for one of our diagnostics. */
function asPrometheusError(file: string, text: string, d: LintDiagnostic): string {
  const inner = decoderRules.has(d.ruleId) ? `yaml: unmarshal errors:\n  line ${lineOf(text, d.range.start)}: ${d.message}` : d.message;
  return `parsing YAML file testdata/${file}: ${inner}`;
}

/** Go raw strings in the expectations spell a raw byte as the four characters \xff. */
function check(file: string, agentMode = false): { errors: string[]; all: LintDiagnostic[] } {
  const abs = path.join(testdata, file);
  const text = readFileSync(abs, 'utf8');
  const all = checkPrometheusConfig(text, { filePath: abs, agentMode });
  return { all, errors: all.filter((d) => d.severity === 'error').map((d) => asPrometheusError(file, text, d)) };
}

describe('config parity with Prometheus config_test.go', () => {
  it('bad files fail, with upstream message (>= 95% / >= 80%)', () => {
    const missed: string[] = [];
    const wrongText: string[] = [];
    let failed = 0;
    let matched = 0;
    for (const e of expectations.errors) {
      const { errors } = check(e.file);
      if (errors.length === 0) {
        missed.push(e.file);
        continue;
      }
      failed++;
      if (errors.some((m) => m.includes(e.errMsg))) matched++;
      else wrongText.push(`${e.file}: want ${JSON.stringify(e.errMsg)}; got ${JSON.stringify(errors[0])}`);
    }
    const n = expectations.errors.length;
    console.log(`      bad files failing: ${failed}/${n} (${((100 * failed) / n).toFixed(1)}%)`);
    console.log(`      with upstream message: ${matched}/${n} (${((100 * matched) / n).toFixed(1)}%)`);
    for (const m of missed) console.log(`      MISSED (no error): ${m}`);
    for (const w of wrongText) console.log(`      TEXT MISMATCH: ${w}`);
    assert.ok(failed / n >= 0.95, `only ${failed}/${n} bad files fail`);
    assert.ok(matched / n >= 0.8, `only ${matched}/${n} carry upstream's message`);
  });

  it('every good file (non-agent mode) loads without an error-severity diagnostic', () => {
    const good = expectations.otherExpectations.filter((o) => o.outcome === 'ok' && !o.agentMode);
    assert.ok(good.length >= 40, 'the corpus lists the good files');
    const noisy: string[] = [];
    for (const g of good) {
      const { errors } = check(g.file);
      if (errors.length > 0) noisy.push(`${g.file}: ${errors.join(' | ')}`);
    }
    console.log(`      good files clean: ${good.length - noisy.length}/${good.length}`);
    for (const n of noisy) console.log(`      FALSE ERROR: ${n}`);
    assert.deepEqual(noisy, []);
  });

  it('agent-mode expectations (LoadFile with agentMode=true) are met', () => {
    const agent = expectations.otherExpectations.filter((o) => o.agentMode);
    assert.ok(agent.length >= 4);
    const misses: string[] = [];
    for (const o of agent) {
      const { errors } = check(o.file, true);
      const ok = o.outcome === 'ok' ? errors.length === 0 : (o.errMsgsContained ?? []).every((m) => errors.some((e) => e.includes(m)));
      if (!ok) misses.push(`${o.file}: ${JSON.stringify(errors)}`);
    }
    console.log(`      agent-mode expectations met: ${agent.length - misses.length}/${agent.length}`);
    assert.deepEqual(misses, []);
  });

  it('other non-agent error expectations of the same file are met (reported, not required)', () => {
    const others = expectations.otherExpectations.filter(
      (o) => o.outcome === 'error' && !o.agentMode && o.call.startsWith('LoadFile'),
    );
    for (const o of others.filter((x) => !existsSync(path.join(testdata, x.file)))) {
      console.log(`      not in the corpus, skipped: ${o.file}`);
    }
    let met = 0;
    const present = others.filter((x) => existsSync(path.join(testdata, x.file)));
    for (const o of present) {
      const { errors } = check(o.file);
      const joined = errors.join('\n');
      const ok = errors.length > 0 && (o.errMsgsContained ?? []).every((m) => joined.includes(m));
      if (ok) met++;
      else console.log(`      OTHER MISS: ${o.file}: ${JSON.stringify(o.errMsgsContained)} vs ${JSON.stringify(errors)}`);
    }
    console.log(`      other LoadFile error expectations met: ${met}/${present.length}`);
    assert.ok(present.length > 0);
    assert.ok(met / present.length >= 0.8, `only ${met}/${present.length}`);
  });
});
