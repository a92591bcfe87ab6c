// Which fieldConfig.overrides apply to a series (overridesFor): Grafana's byName, byRegexp
// (stringToJsRegex: a bare pattern matches the whole name) and byFrameRefID matchers.
import { strict as assert } from 'node:assert';
import { overridesFor, type Json } from './common';

const panel = (matcher: Json): Json => ({ fieldConfig: { overrides: [{ matcher, properties: [{ id: 'unit', value: 'bytes' }] }] } });

describe('overridesFor: the matchers of fieldConfig.overrides', () => {
  const cases: Array<[string, Json, string, string, boolean]> = [
    ['byName, same name', { id: 'byName', options: 'api' }, 'api', 'A', true],
    ['byName, other name', { id: 'byName', options: 'api' }, 'web', 'A', false],
    ['byRegexp bare pattern matches the whole name', { id: 'byRegexp', options: 'api.*' }, 'api-1', 'A', true],
    ['byRegexp bare pattern is anchored at both ends', { id: 'byRegexp', options: 'api' }, 'api-1', 'A', false],
    ['byRegexp bare pattern is anchored at the start', { id: 'byRegexp', options: 'pi.*' }, 'api-1', 'A', false],
    ['byRegexp /re/ is not anchored', { id: 'byRegexp', options: '/pi/' }, 'api-1', 'A', true],
    ['byRegexp /re/i flags apply', { id: 'byRegexp', options: '/^API/i' }, 'api-1', 'A', true],
    ['byRegexp invalid pattern matches nothing', { id: 'byRegexp', options: '(' }, '(', 'A', false],
    ['byRegexp empty pattern matches nothing', { id: 'byRegexp', options: '' }, '', 'A', false],
    ['byFrameRefID matches the query', { id: 'byFrameRefID', options: 'B' }, 'api', 'B', true],
    ['byFrameRefID is not a name', { id: 'byFrameRefID', options: 'api' }, 'api', 'B', false],
  ];
  for (const [name, matcher, series, refId, applies] of cases) {
    it(name, () => assert.equal(overridesFor(panel(matcher), series, refId).unit, applies ? 'bytes' : undefined));
  }
});
