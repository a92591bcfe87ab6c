import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BUILTIN_VARIABLES, dashboardVariablesOf, variableCandidates, variableTypingAt, type VariableTyping } from './dashboardVariables';
import { findGrafanaVariables, isBuiltinVariable } from '../documents/grafanaVariables';

const FIXTURES = path.join(__dirname, '../../../test-fixtures');

/** The typing found at the `|` marker of `marked`. */
const typingIn = (marked: string): VariableTyping | undefined => {
  const offset = marked.indexOf('|');
  return variableTypingAt(marked.slice(0, offset) + marked.slice(offset + 1), offset);
};

describe('Grafana variable completion', () => {
  describe('what is being typed', () => {
    const cases: Array<[string, VariableTyping | undefined]> = [
      ['rate(x[$|])', { syntax: '$', prefix: '', replace: { start: 7, end: 8 } }],
      ['rate(x[$__ra|])', { syntax: '$', prefix: '__ra', replace: { start: 7, end: 12 } }],
      ['up{job="$j|ob"}', { syntax: '$', prefix: 'j', replace: { start: 8, end: 12 } }],
      ['up{job="${j|"}', { syntax: '${', prefix: 'j', replace: { start: 8, end: 11 } }],
      ['up{job="${j|}"}', { syntax: '${', prefix: 'j', replace: { start: 8, end: 12 } }],
      ['up{job="[[j|]]"}', { syntax: '[[', prefix: 'j', replace: { start: 8, end: 13 } }],
      ['up{job="[[|"}', { syntax: '[[', prefix: '', replace: { start: 8, end: 10 } }],
      ['rate(x[5m|])', undefined],
      ['sum(ra|)', undefined],
      ['up{job="j|"}', undefined],
      ['|', undefined],
    ];
    for (const [marked, expected] of cases) {
      it(marked, () => assert.deepEqual(typingIn(marked), expected));
    }
  });

  describe('candidates', () => {
    const defined = [
      { name: 'job', type: 'query', label: 'Job', current: 'api' },
      { name: '__interval', type: 'interval' }, // a dashboard variable shadowing a built-in
    ];
    const cases: Array<[string, string, string]> = [
      ['rate(x[$|])', '$job', '$__rate_interval'],
      ['up{job="${|}"}', '${job}', '${__rate_interval}'],
      ['up{job="[[j|"}', '[[job]]', '[[__rate_interval]]'],
    ];
    for (const [marked, own, builtin] of cases) {
      it(`offers ${own} and ${builtin} in ${marked}`, () => {
        const typing = typingIn(marked);
        assert.ok(typing);
        const list = variableCandidates(typing, defined);
        const labels = list.map((c) => c.label);
        assert.equal(labels[0], own, 'the dashboard\'s own variables come first');
        assert.ok(labels.includes(builtin));
        assert.equal(labels.filter((l) => l.includes('__interval')).length, 2, '__interval once, __interval_ms once');
        assert.equal(list[0].detail, 'query variable "Job" = api');
        // Every label written back is one Grafana reference of that variable.
        for (const c of list) {
          const refs = findGrafanaVariables(c.label);
          assert.equal(refs.length, 1, c.label);
          assert.equal(refs[0].raw, c.label);
        }
      });
    }

    it('documents every built-in, and each is one Grafana knows', () => {
      for (const b of BUILTIN_VARIABLES) {
        assert.ok(isBuiltinVariable(b.name), b.name);
        assert.ok(b.doc.length > 10, b.name);
      }
      const typing = typingIn('$|');
      assert.ok(typing);
      const rate = variableCandidates(typing, []).find((c) => c.label === '$__rate_interval');
      assert.equal(rate?.documentation, BUILTIN_VARIABLES.find((b) => b.name === '__rate_interval')?.doc);
      assert.equal(rate?.kind, 'variable');
    });
  });

  describe('the dashboard\'s variables', () => {
    it('reads templating.list of the workspace fixture', () => {
      const text = readFileSync(path.join(FIXTURES, 'workspace/dashboards/service.json'), 'utf8');
      assert.deepEqual(dashboardVariablesOf(text), [{ name: 'job', type: 'query', label: undefined, current: undefined }]);
    });

    it('reads current values, multi-valued ones joined', () => {
      const text = JSON.stringify({
        panels: [],
        templating: {
          list: [
            { name: 'ds', type: 'datasource', label: 'Source', current: { text: 'prom', value: 'uid1' } },
            { name: 'inst', type: 'custom', current: { text: ['a', 'b'], value: ['a', 'b'] } },
            { type: 'query' },
          ],
        },
      });
      assert.deepEqual(dashboardVariablesOf(text), [
        { name: 'ds', type: 'datasource', label: 'Source', current: 'prom' },
        { name: 'inst', type: 'custom', label: undefined, current: 'a + b' },
      ]);
    });
  });
});
