import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, settingsFrom } from './settings';

describe('settingsFrom', () => {
  it('reads the client\'s monitoring.promql section, wrapped or not', () => {
    const section = { promql: { experimentalFunctions: true, extendedRangeSelectors: true, maxLineLength: 80 } };
    const expected = {
      parse: { enableExperimentalFunctions: true, experimentalDurationExpr: false, enableExtendedRangeSelectors: true, enableBinopFillModifiers: false },
      maxLineLength: 80,
      lint: { run: 'onSave', rules: { rules: {} } },
    };
    assert.deepEqual(settingsFrom({ monitoring: section }), expected);
    assert.deepEqual(settingsFrom(section), expected);
  });

  it('reads monitoring.lint: when to run and per-rule levels, dropping unknown levels', () => {
    const s = settingsFrom({ monitoring: { lint: { run: 'onType', rules: { 'rule/record-name-format': 'off', 'dashboard/': 'warning', 'x/y': 'loud' } } } });
    assert.deepEqual(s.lint, { run: 'onType', rules: { rules: { 'rule/record-name-format': 'off', 'dashboard/': 'warning' } } });
    assert.equal(settingsFrom({ monitoring: { lint: { run: 'sometimes' } } }).lint.run, 'onSave');
  });

  it('falls back to defaults on missing or malformed values', () => {
    for (const value of [undefined, null, 42, 'x', { monitoring: { promql: { experimentalFunctions: 'yes', maxLineLength: 3 } } }]) {
      const s = settingsFrom(value);
      assert.equal(s.maxLineLength, DEFAULT_SETTINGS.maxLineLength);
      assert.ok(Object.values(s.parse).every((v) => v === false));
    }
  });
});
