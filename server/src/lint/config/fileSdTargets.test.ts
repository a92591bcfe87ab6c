import assert from 'node:assert/strict';
import { parseFileSd } from './fileSdTargets';

describe('parseFileSd on large files', () => {
  const big = (port: number) => JSON.stringify(Array.from({ length: 3000 }, (_, i) => ({ targets: [`host-${i}.example.org:${port}`], labels: { env: 'prod' } })));

  it('decodes a large file once while its text is unchanged, and again when it changes', () => {
    const a = big(9100);
    assert.ok(a.length > 64 * 1024);
    const first = parseFileSd('/sd/big.json', a);
    assert.ok('groups' in first && first.groups.length === 3000);
    // The same text read again (another string with the same content): the same result.
    assert.equal(parseFileSd('/sd/big.json', (' ' + a).slice(1)), first);
    const changed = parseFileSd('/sd/big.json', big(9101));
    assert.notEqual(changed, first);
    assert.ok('groups' in changed && changed.groups[0].targets[0] === 'host-0.example.org:9101');
    // Another file with that text is decoded for itself; a broken one says why.
    assert.notEqual(parseFileSd('/sd/other.json', a), first);
    assert.deepEqual(parseFileSd('/sd/big.json', `${a.slice(0, -1)},`), { error: 'unexpected end of JSON input' });
  });

  it('keeps at most a few files', () => {
    const a = big(9200);
    const first = parseFileSd('/sd/0.json', a);
    for (let i = 1; i <= 8; i++) parseFileSd(`/sd/${i}.json`, a);
    assert.notEqual(parseFileSd('/sd/0.json', a), first);
  });
});
