import assert from 'node:assert/strict';
import { customOptions, macroVariables, resolveVariable, scopedForRepeat, type ResolvedVariable } from './variables';

const H = 3_600_000;
const opts = { fromMs: 0, toMs: H };

type Want = Partial<Pick<ResolvedVariable, 'value' | 'raw' | 'text' | 'source' | 'multi' | 'includeAll'>>;

describe('template variable values (saved selection, else Grafana defaults)', () => {
  const cases: Array<[string, Record<string, unknown>, Want]> = [
    ['query: saved single value', { name: 'job', type: 'query', current: { text: 'api', value: 'api' } },
      { value: 'api', text: 'api', source: 'current' }],
    ['query: saved multi selection', { name: 'job', type: 'query', multi: true, current: { text: ['api', 'web'], value: ['api', 'web'] } },
      { value: ['api', 'web'], text: 'api + web', source: 'current' }],
    ['query: All with allValue → not formatted (CustomAllValue)', { name: 'job', type: 'query', includeAll: true, allValue: '.+', current: { text: 'All', value: '$__all' } },
      { value: '.+', raw: '.+', text: 'All', source: 'all' }],
    ['query: All (array form) with saved options → every option', {
      name: 'job', type: 'query', includeAll: true, multi: true, current: { text: ['All'], value: ['$__all'] },
      options: [{ text: 'All', value: '$__all' }, { text: 'api', value: 'api' }, { text: 'web', value: 'web' }],
    }, { value: ['api', 'web'], text: 'All', source: 'all' }],
    ['query: All without options or allValue → any value', { name: 'job', type: 'query', includeAll: true, current: { value: '$__all' } },
      { value: '.+', raw: '.+', source: 'default' }],
    ['query: nothing saved, options saved → the first option', { name: 'job', type: 'query', options: [{ text: 'a', value: 'a' }] },
      { value: 'a', source: 'option' }],
    ['query: nothing saved, multi → the first option as a list', { name: 'job', type: 'query', multi: true, options: [{ text: 'a', value: 'a' }] },
      { value: ['a'], source: 'option' }],
    ['query: nothing at all → any value (.+, unescaped)', { name: 'job', type: 'query', current: {} },
      { value: '.+', raw: '.+', source: 'default' }],
    ['query: empty saved value counts as none', { name: 'job', type: 'query', current: { text: '', value: '' } },
      { raw: '.+', source: 'default' }],
    ['query: defaultToAll with includeAll', { name: 'job', type: 'query', includeAll: true, defaultToAll: true, allValue: 'x|y' },
      { raw: 'x|y', source: 'all' }],
    ['custom: no selection → first of the query', { name: 'env', type: 'custom', query: 'prod,staging' },
      { value: 'prod', text: 'prod', source: 'option' }],
    ['custom: `key : value` pairs', { name: 'env', type: 'custom', query: 'Production : prod, Staging : stg' },
      { value: 'prod', text: 'Production', source: 'option' }],
    ['custom: All → every option of the query', { name: 'env', type: 'custom', includeAll: true, query: 'a,b\\,c', current: { value: '$__all' } },
      { value: ['a', 'b,c'], text: 'All', source: 'all' }],
    ['custom: a selection that is not an option → the first option', { name: 'env', type: 'custom', query: 'prod,staging', current: { text: 'gone', value: 'gone' } },
      { value: 'prod', source: 'option' }],
    ['custom: single selection matched by its text', { name: 'env', type: 'custom', query: 'Production : prod', current: { text: 'Production', value: 'old' } },
      { value: 'prod', text: 'Production', source: 'current' }],
    ['custom: multi selection keeps the valid values', { name: 'env', type: 'custom', multi: true, query: 'a,b,c', current: { value: ['c', 'x', 'a'] } },
      { value: ['c', 'a'], text: 'c + a', source: 'current' }],
    ['custom: Include All and no selection → All (defaultToAll = includeAll)', { name: 'env', type: 'custom', includeAll: true, query: 'a,b' },
      { value: ['a', 'b'], text: 'All', source: 'all' }],
    ['query: Include All and no selection → All', { name: 'job', type: 'query', includeAll: true, allValue: '.*' },
      { raw: '.*', text: 'All', source: 'all' }],
    ['interval: a selection not in the list → the first interval', { name: 'i', type: 'interval', query: '1m,5m', current: { value: '7m' } },
      { value: '1m', source: 'option' }],
    ['constant: its query', { name: 'c', type: 'constant', query: 'node', current: { value: 'old' } },
      { value: 'node', source: 'query' }],
    ['textbox: saved value', { name: 't', type: 'textbox', query: 'default', current: { value: 'typed' } },
      { value: 'typed', source: 'current' }],
    ['textbox: its query when nothing saved', { name: 't', type: 'textbox', query: 'default' },
      { value: 'default', source: 'query' }],
    ['interval: saved value', { name: 'i', type: 'interval', query: '1m,5m', current: { value: '5m' } },
      { value: '5m', source: 'current' }],
    ['interval: first of the list', { name: 'i', type: 'interval', query: '1m, 5m' },
      { value: '1m', source: 'option' }],
    ['interval: auto (legacy $__auto_interval_i) → range / auto_count, at least auto_min', {
      name: 'i', type: 'interval', query: '1m,5m', auto: true, auto_count: 30, auto_min: '10s', current: { text: 'auto', value: '$__auto_interval_i' },
    }, { value: '2m', source: 'auto' }],
    ['interval: auto ($__auto), defaults 30 steps and 10s', { name: 'i', type: 'interval', query: '1m', current: { value: '$__auto' } },
      { value: '2m', source: 'auto' }],
    ['datasource: the data source in use', { name: 'ds', type: 'datasource', query: 'prometheus', current: { text: 'Other', value: 'uid1' } },
      { value: 'prom-main', source: 'datasource' }],
    ['adhoc: empty (Grafana adds the filters to selectors)', { name: 'filters', type: 'adhoc' }, { value: '' }],
  ];
  for (const [name, model, want] of cases) {
    it(name, () => {
      const got = resolveVariable(model, { ...opts, datasourceName: 'prom-main' });
      assert.ok(got);
      const picked = Object.fromEntries(Object.keys(want).map((k) => [k, got[k as keyof ResolvedVariable]]));
      assert.deepEqual(picked, want);
    });
  }

  it('a variable without a name is skipped', () => assert.equal(resolveVariable({ type: 'query' }, opts), undefined));

  it('custom options: escaped commas and `label : value`', () => {
    assert.deepEqual(customOptions('a, b\\,c ,x : y'), [{ text: 'a', value: 'a' }, { text: 'b,c', value: 'b,c' }, { text: 'x', value: 'y' }]);
  });

  it('a repeated panel gets one value of its variable, as a single value', () => {
    const v = resolveVariable({ name: 'job', type: 'query', multi: true, current: { text: ['api', 'web'], value: ['api', 'web'] } }, opts)!;
    assert.deepEqual(scopedForRepeat(v), { name: 'job', type: 'query', value: 'api', text: 'api', multi: true, includeAll: false, source: 'scoped' });
  });

  it('macros: dashboard title and uid, placeholder org and user, time zone', () => {
    const m = macroVariables({ dashboard: { title: 'T', uid: 'u' }, timezone: 'browser' });
    assert.equal(m.get('__dashboard')?.value, 'T');
    assert.equal(m.get('__dashboard')?.fields?.uid, 'u');
    assert.equal(m.get('__org')?.value, 1);
    assert.equal(m.get('__org')?.fields?.name, 'Main Org.');
    assert.equal(m.get('__user')?.fields?.login, 'admin');
    assert.equal(m.get('__timezone')?.value, 'utc');
  });
});
