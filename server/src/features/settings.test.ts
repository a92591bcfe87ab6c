import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, settingsFrom } from './settings';

describe('settingsFrom', () => {
  it('reads the client\'s monitoring.promql section, wrapped or not', () => {
    const section = { promql: { experimentalFunctions: true, extendedRangeSelectors: true, maxLineLength: 80 } };
    const expected = {
      parse: { enableExperimentalFunctions: true, experimentalDurationExpr: false, enableExtendedRangeSelectors: true, enableBinopFillModifiers: false },
      maxLineLength: 80,
      lint: { run: 'onSave', rules: { rules: {} } },
      datasources: [],
      query: DEFAULT_SETTINGS.query,
      preview: { hover: true, inlayHints: false },
      completion: { backend: true },
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

  it('reads data sources, keeping well-formed entries only', () => {
    const s = settingsFrom({
      monitoring: {
        datasources: [
          { name: 'prod', url: 'https://prom.example:9090', headers: { 'X-Scope-OrgID': 'a', bad: 1 }, auth: { kind: 'bearer' }, tls: { insecureSkipVerify: true } },
          { name: 'prod', url: 'http://other' },
          { url: 'http://127.0.0.1:9090' },
          { name: 'ftp', url: 'ftp://x' },
          'http://nope',
          { name: 'basic', url: 'http://b', auth: { kind: 'basic', username: 'u' } },
          { name: 'odd', url: 'http://c', auth: { kind: 'oauth' } },
        ],
        activeDatasource: 'basic',
        query: { timeoutMs: 5000, maxSeries: -1 },
        preview: { hover: false, inlayHints: true },
        completion: { backend: false },
      },
    });
    assert.deepEqual(s.datasources, [
      { name: 'prod', url: 'https://prom.example:9090', headers: { 'X-Scope-OrgID': 'a' }, tls: { insecureSkipVerify: true }, auth: { kind: 'bearer' } },
      { name: 'http://127.0.0.1:9090', url: 'http://127.0.0.1:9090' },
      { name: 'basic', url: 'http://b', auth: { kind: 'basic', username: 'u' } },
      { name: 'odd', url: 'http://c' },
    ]);
    assert.equal(s.activeDatasource, 'basic');
    assert.deepEqual(s.query, { ...DEFAULT_SETTINGS.query, timeoutMs: 5000 });
    assert.deepEqual(s.preview, { hover: false, inlayHints: true });
    assert.deepEqual(s.completion, { backend: false });
  });
});
