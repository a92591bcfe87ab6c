// Chevrotain's runtime, loaded so that it works both bundled/compiled and under the tests' tsx
// CommonJS hook. Chevrotain 11 ships ESM whose inner package imports (@chevrotain/*) that hook
// cannot resolve; the package's self-contained bundle (lib/chevrotain.mjs) has no imports and loads.
import type * as Chevrotain from 'chevrotain';
import * as path from 'path';

function loadChevrotain(): typeof Chevrotain {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('chevrotain') as typeof Chevrotain;
  } catch {
    // A non-literal name keeps bundlers from trying to follow this fallback.
    const pkg = ['chevrotain'][0];
    const bundle = path.join(path.dirname(require.resolve(pkg)), '..', 'chevrotain.mjs');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(bundle) as typeof Chevrotain;
  }
}

const runtime = loadChevrotain();
export const createToken = runtime.createToken;
export const createTokenInstance = runtime.createTokenInstance;
export const Lexer = runtime.Lexer;
export const EmbeddedActionsParser = runtime.EmbeddedActionsParser;
export const EOF = runtime.EOF;
