import assert from 'node:assert/strict';
import { RE2JS } from 're2js';
import { compileRule, expand, relabel, type LabelSet, type RelabelRule } from './relabelProcess';

describe('expand (Go Regexp.Expand)', () => {
  const re = RE2JS.compile('^(?s:(?P<host>[a-z]+)-(\\d+))$');
  // [template, expansion of "node-42"]
  const cases: Array<[string, string]> = [
    ['$1', 'node'],
    ['$2', '42'],
    ['$0', 'node-42'],
    ['${1}x', 'nodex'],
    ['$1x', ''], // the name is "1x": no such group
    ['$host:$2', 'node:42'],
    ['${host}', 'node'],
    ['$$1', '$1'],
    ['$', '$'],
    ['a$-b', 'a$-b'],
    ['${1', '${1'],
    ['$3', ''],
    ['$01', ''], // leading zero: a name, not a number
    ['plain', 'plain'],
    ['€$1€', '€node€'],
  ];
  for (const [template, want] of cases) {
    it(JSON.stringify(template), () => {
      const m = re.matcher('node-42');
      assert.ok(m.find());
      assert.equal(expand(template, m, re), want);
    });
  }
});

describe('relabel', () => {
  const rule = (r: Partial<RelabelRule>) => compileRule({ action: 'replace', sourceLabels: [], separator: ';', modulus: 0, targetLabel: '', replacement: '$1', ...r });
  const run = (labels: Record<string, string>, rules: Array<Partial<RelabelRule>>): Record<string, string> | 'dropped' => {
    const lb: LabelSet = new Map(Object.entries(labels));
    return relabel(lb, rules.map(rule)) ? Object.fromEntries([...lb].sort()) : 'dropped';
  };
  const cases: Array<[string, Record<string, string>, Array<Partial<RelabelRule>>, Record<string, string> | 'dropped']> = [
    ['replace joins the source labels with the separator', { a: 'x', b: 'y' }, [{ sourceLabels: ['a', 'b'], separator: '-', targetLabel: 'c' }], { a: 'x', b: 'y', c: 'x-y' }],
    ['replace with no match changes nothing', { a: 'x' }, [{ sourceLabels: ['a'], regex: 'y', targetLabel: 'c' }], { a: 'x' }],
    ['an empty replacement deletes the target label', { a: 'x', c: 'old' }, [{ sourceLabels: ['a'], targetLabel: 'c', replacement: '' }], { a: 'x' }],
    ['the regex is anchored', { a: 'xyz' }, [{ sourceLabels: ['a'], regex: 'y', targetLabel: 'c' }], { a: 'xyz' }],
    ['(?s): dot matches a newline', { a: 'x\ny' }, [{ sourceLabels: ['a'], regex: 'x.y', targetLabel: 'c', replacement: 'ok' }], { a: 'x\ny', c: 'ok' }],
    ['the fast path sets a constant', {}, [{ targetLabel: 'c', replacement: 'v' }], { c: 'v' }],
    ['keep on no match drops', { a: 'x' }, [{ action: 'keep', sourceLabels: ['a'], regex: 'y' }], 'dropped'],
    ['drop on a missing label matches the empty string', {}, [{ action: 'drop', sourceLabels: ['a'], regex: '' }], 'dropped'],
    ['keepequal compares with the target label', { a: 'x', b: 'x' }, [{ action: 'keepequal', sourceLabels: ['a'], targetLabel: 'b' }], { a: 'x', b: 'x' }],
    ['dropequal drops on equality', { a: 'x', b: 'x' }, [{ action: 'dropequal', sourceLabels: ['a'], targetLabel: 'b' }], 'dropped'],
    // The values Prometheus' own relabel tests expect.
    ['hashmod: md5, last 8 bytes, big-endian, modulo', { c: 'baz' }, [{ action: 'hashmod', sourceLabels: ['c'], modulus: 1000, targetLabel: 'd' }], { c: 'baz', d: '976' }],
    ['hashmod of a value with a newline', { a: 'foo\nbar' }, [{ action: 'hashmod', sourceLabels: ['a'], modulus: 1000, targetLabel: 'b' }], { a: 'foo\nbar', b: '734' }],
    ['labelmap copies matching names', { __meta_a: '1', b: '2' }, [{ action: 'labelmap', regex: '__meta_(.*)' }], { __meta_a: '1', a: '1', b: '2' }],
    ['labeldrop', { a: '1', ab: '2' }, [{ action: 'labeldrop', regex: 'a' }], { ab: '2' }],
    ['labelkeep', { a: '1', ab: '2' }, [{ action: 'labelkeep', regex: 'a' }], { a: '1' }],
    ['lowercase and uppercase', { a: 'MiXeD' }, [{ action: 'lowercase', sourceLabels: ['a'], targetLabel: 'l' }, { action: 'uppercase', sourceLabels: ['a'], targetLabel: 'u' }],
      { a: 'MiXeD', l: 'mixed', u: 'MIXED' }],
  ];
  for (const [name, labels, rules, want] of cases) it(name, () => assert.deepEqual(run(labels, rules), want));
});
