// Files as go-yaml reads them: UTF-8, UTF-16 with a byte-order mark, and its errors for bad UTF-8.
import { strict as assert } from 'node:assert';
import { decodeSource, encodeSource, firstInvalidUtf8 } from './sourceFile';

describe('decodeSource', () => {
  it('reads UTF-8 (a byte-order mark kept as U+FEFF) and UTF-16 in both byte orders', () => {
    const text = 'a: "ü €"\n';
    assert.deepEqual(decodeSource(Buffer.from(text)), { text, encoding: 'utf8' });
    assert.deepEqual(decodeSource(Buffer.from(`\ufeff${text}`)), { text: `\ufeff${text}`, encoding: 'utf8' });
    for (const encoding of ['utf16le', 'utf16be'] as const) {
      const buf = encodeSource(text, encoding);
      assert.deepEqual(decodeSource(buf), { text, encoding });
      assert.deepEqual(encodeSource(decodeSource(buf).text, encoding), buf, 'written back byte for byte');
    }
  });

  // go-yaml's reader (readerc.go): the first sequence refused and its words.
  const bad: Array<[string, number[], number, string]> = [
    ['a continuation byte first', [0x61, 0x80], 1, 'invalid leading UTF-8 octet'],
    ['0xff', [0xff], 0, 'invalid leading UTF-8 octet'],
    ['a Latin-1 ü before ASCII', [0x61, 0xfc, 0x20, 0x62], 1, 'invalid leading UTF-8 octet'],
    ['a Latin-1 é inside a word', [0xc3, 0x61], 1, 'invalid trailing UTF-8 octet'],
    ['cut short at the end', [0x61, 0xe2, 0x82], 1, 'incomplete UTF-8 octet sequence'],
    ['an overlong "/"', [0xc0, 0xaf], 0, 'invalid length of a UTF-8 sequence'],
    ['a surrogate', [0xed, 0xa0, 0x80], 0, 'invalid Unicode character'],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0, 'invalid Unicode character'],
  ];
  for (const [name, bytes, at, message] of bad) {
    it(`refuses ${name}`, () => {
      assert.deepEqual(firstInvalidUtf8(Uint8Array.from(bytes)), { byte: at, message });
      const d = decodeSource(Buffer.from(bytes));
      assert.equal(d.invalidUtf8?.message, `yaml: ${message}`);
    });
  }

  it('gives the offset in the decoded text, after multi-byte characters', () => {
    const buf = Buffer.concat([Buffer.from('€€\n'), Buffer.from([0xff])]);
    assert.deepEqual(decodeSource(buf).invalidUtf8, { offset: 3, message: 'yaml: invalid leading UTF-8 octet' });
    assert.equal(firstInvalidUtf8(Buffer.from('valid: ü € 𝄞\n')), undefined);
  });
});
