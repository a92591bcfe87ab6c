import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS, getFunction } from './functions';

interface GoFunction {
  name: string;
  argTypes: string[];
  variadic: number;
  returnType: string;
  experimental: boolean;
  minArgs: number;
  maxArgs: number | null;
}

const corpus = JSON.parse(
  readFileSync(join(__dirname, '../../../test-fixtures/corpus/promql/functions.json'), 'utf8'),
) as { functions: GoFunction[] };

describe('function catalogue against Prometheus 3.14 functions.go', () => {
  it('has exactly the functions Prometheus has', () => {
    assert.deepEqual([...FUNCTIONS.keys()].sort(), corpus.functions.map((f) => f.name).sort());
  });

  for (const go of corpus.functions) {
    it(go.name, () => {
      const f = getFunction(go.name);
      assert.ok(f, 'missing');
      assert.deepEqual(
        { argTypes: f.argTypes, variadic: f.variadic, returnType: f.returnType, experimental: f.experimental },
        { argTypes: go.argTypes, variadic: go.variadic, returnType: go.returnType, experimental: go.experimental },
      );
      // The arity Go's checkAST derives from argTypes and variadic.
      const min = f.variadic === 0 ? f.argTypes.length : f.argTypes.length - 1;
      const max = f.variadic === 0 ? f.argTypes.length : f.variadic > 0 ? f.argTypes.length - 1 + f.variadic : null;
      assert.deepEqual([min, max], [go.minArgs, go.maxArgs]);
      assert.equal(f.params.length, f.argTypes.length, 'one parameter name per argument type');
      assert.ok(f.params.every((p) => p.trim() !== ''), 'parameter names are non-empty');
      assert.equal(new Set(f.params).size, f.params.length, 'parameter names are distinct');
      assert.ok(f.description.trim().length > 10, 'has a description');
    });
  }

  it('uses the parameter names of the Prometheus documentation', () => {
    const want: Record<string, string[]> = {
      histogram_quantile: ['φ', 'b'],
      histogram_fraction: ['lower', 'upper', 'b'],
      label_replace: ['v', 'dst_label', 'replacement', 'src_label', 'regex'],
      label_join: ['v', 'dst_label', 'separator', 'src_label'],
      clamp: ['v', 'min', 'max'],
      quantile_over_time: ['φ', 'v'],
      predict_linear: ['v', 't'],
      round: ['v', 'to_nearest'],
      double_exponential_smoothing: ['v', 'sf', 'tf'],
      vector: ['s'],
    };
    for (const [name, params] of Object.entries(want)) assert.deepEqual(getFunction(name)?.params, params, name);
  });
});
