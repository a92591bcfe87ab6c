import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, settingsFrom } from './settings';

describe('settingsFrom', () => {
  it('reads the client\'s monitoring.promql section, wrapped or not', () => {
    const section = { promql: { experimentalFunctions: true, extendedRangeSelectors: true, maxLineLength: 80 } };
    const expected = {
      parse: { enableExperimentalFunctions: true, experimentalDurationExpr: false, enableExtendedRangeSelectors: true, enableBinopFillModifiers: false },
      maxLineLength: 80,
    };
    assert.deepEqual(settingsFrom({ monitoring: section }), expected);
    assert.deepEqual(settingsFrom(section), expected);
  });

  it('falls back to defaults on missing or malformed values', () => {
    for (const value of [undefined, null, 42, 'x', { monitoring: { promql: { experimentalFunctions: 'yes', maxLineLength: 3 } } }]) {
      const s = settingsFrom(value);
      assert.equal(s.maxLineLength, DEFAULT_SETTINGS.maxLineLength);
      assert.ok(Object.values(s.parse).every((v) => v === false));
    }
  });
});
