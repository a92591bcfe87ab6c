// The CLI's stand-in for Chevrotain's runtime gives token types the fields Chevrotain gives them.
import { strict as assert } from 'node:assert';
import * as real from '../promql/chevrotainRuntime';
import * as lite from './chevrotainLite';

describe('chevrotainLite (the CLI bundle\'s Chevrotain stand-in)', () => {
  it('createToken gives the same fields as Chevrotain for a token type without categories', () => {
    for (const name of ['IDENTIFIER', 'LEFT_PAREN', 'EOF']) {
      const a = real.createToken({ name, pattern: real.Lexer.NA }) as unknown as Record<string, unknown>;
      const b = lite.createToken({ name, pattern: lite.Lexer.NA }) as unknown as Record<string, unknown>;
      assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort());
      for (const k of Object.keys(a)) {
        if (k === 'tokenTypeIdx') continue;
        assert.deepEqual(b[k], a[k], k);
      }
    }
  });

  it('numbers token types like Chevrotain: distinct, increasing, never its EOF\'s', () => {
    const a = lite.createToken({ name: 'A', pattern: lite.Lexer.NA });
    const b = lite.createToken({ name: 'B', pattern: lite.Lexer.NA });
    assert.ok(b.tokenTypeIdx! > a.tokenTypeIdx!);
    assert.notEqual(a.tokenTypeIdx, lite.EOF.tokenTypeIdx);
    assert.equal(String(lite.Lexer.NA), String(real.Lexer.NA));
  });

  it('refuses the parts the CLI does not carry', () => {
    assert.throws(() => (lite.createTokenInstance as unknown as () => void)(), /not part of the CLI bundle/);
  });
});
