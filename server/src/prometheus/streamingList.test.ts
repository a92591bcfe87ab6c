import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrometheusClient } from './client';
import { PrometheusError } from './errors';
import { decodeInPieces, MalformedJson, Pacer, parseEnvelopeInSlices, sortUniqueInSlices, SLICED_PARSE_MIN_BYTES } from './streamingList';
import { nameList, nameListInSlices, VocabularyCache, withWordIndex } from './vocabularyCache';

/** What JSON.parse gives, or 'malformed' when it throws. */
const reference = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return 'malformed';
  }
};

const ours = async (text: string | string[], pacer = new Pacer(0, undefined, 1)): Promise<unknown> => {
  try {
    return await parseEnvelopeInSlices(text, pacer);
  } catch (e) {
    if (e instanceof MalformedJson) return 'malformed';
    throw e;
  }
};

/** The text cut into pieces of `size` characters (a body arriving in chunks). */
const cut = (text: string, size: number): string[] => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

describe('parseEnvelopeInSlices: the JSON.parse of a Prometheus envelope, in slices', () => {
  const valid: Array<[string, string]> = [
    ['empty array', '{"status":"success","data":[]}'],
    ['empty object', '{}'],
    ['plain names', '{"status":"success","data":["a","b_total","node:cpu:rate5m"]}'],
    ['escapes', String.raw`{"status":"success","data":["q\"uote","back\\slash","nl\n","tab\t","\/","\u00e9t\u00E9","\ud83d\ude00","\u0000"]}`],
    ['raw unicode', '{"status":"success","data":["été","日本語","😀 emoji","\u2028line sep"]}'],
    ['lone surrogate escape', String.raw`{"data":["\ud800"],"status":"success"}`],
    ['whitespace everywhere', ' \n\t{ "status" :\r\n"success" , "data" : [ "a" ,\n"b" ] }\n '],
    ['data first, warnings and infos', '{"data":["x"],"status":"success","warnings":["w1","w\\"2"],"infos":[]}'],
    ['error envelope', '{"status":"error","errorType":"bad_data","error":"invalid parameter \\"match[]\\""}'],
    ['not strings in data', '{"status":"success","data":["a",1,-2.5e3,true,false,null,{"k":["v"]},[1,[2]],"z"]}'],
    ['data null', '{"status":"success","data":null}'],
    ['data an object', '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]}]}}'],
    ['data a string', '{"status":"success","data":"[not an array]"}'],
    ['nested brackets in strings', '{"status":"success","data":[{"a":"]}"},"[{"],"x":{"y":"}"}}'],
    ['__proto__ key stays data', '{"__proto__":{"status":"error"},"status":"success","data":[]}'],
    ['repeated key: the last wins', '{"status":"error","data":["a"],"status":"success","data":["b"]}'],
    ['escaped key', '{"st\\u0061tus":"success","d\\u0061ta":["k"]}'],
  ];
  for (const [what, text] of valid) {
    it(`${what}: as JSON.parse, whole and in pieces of any size`, async () => {
      const expected = JSON.parse(text);
      assert.deepEqual(await ours(text), expected);
      for (const size of [1, 2, 3, 7, 16]) assert.deepEqual(await ours(cut(text, size)), expected, `pieces of ${size}`);
      assert.deepEqual(await ours(['', ...cut(text, 5), '']), expected, 'empty pieces');
    });
  }

  const malformed: Array<[string, string]> = [
    ['empty', ''],
    ['garbage', 'hello'],
    ['BOM', '\ufeff{"status":"success","data":[]}'],
    ['trailing garbage', '{"status":"success","data":[]}x'],
    ['two objects', '{}{}'],
    ['trailing comma in data', '{"status":"success","data":["a",]}'],
    ['trailing comma in object', '{"status":"success",}'],
    ['missing comma', '{"status":"success","data":["a" "b"]}'],
    ['missing colon', '{"status" "success"}'],
    ['single quotes', "{'status':'success'}"],
    ['unquoted key', '{status:"success"}'],
    ['raw newline in a string', '{"status":"success","data":["a\nb"]}'],
    ['raw tab in a string', '{"status":"success","data":["a\tb"]}'],
    ['bad escape', '{"status":"success","data":["\\x41"]}'],
    ['short unicode escape', '{"status":"success","data":["\\u12"]}'],
    ['bad literal', '{"status":"success","data":[tru]}'],
    ['bad number', '{"status":"success","data":[01]}'],
    ['unclosed nested', '{"status":"success","data":[{"a":1]}'],
    ['garbage-json (fault server)', '{"status":"success","data":{"resultType":'],
    ['truncated-json (fault server)', '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]}'],
  ];
  for (const [what, text] of malformed) {
    it(`${what}: malformed, as JSON.parse says`, async () => {
      assert.equal(reference(text), 'malformed', 'the case is malformed JSON');
      assert.equal(await ours(text), 'malformed');
      assert.equal(await ours(cut(text, 1)), 'malformed');
    });
  }

  it('reads an object only (the client sends it nothing else)', async () => {
    assert.equal(await ours('["a"]'), 'malformed');
    assert.equal(await ours('"a"'), 'malformed');
  });

  it('says malformed for every truncation of a body, and nothing else', async () => {
    const text = String.raw`{"status":"success","data":["a","b\"c","été",1,{"k":[true]}],"warnings":["w"]}`;
    for (let n = 0; n < text.length; n++) {
      assert.equal(reference(text.slice(0, n)), 'malformed');
      assert.equal(await ours(text.slice(0, n)), 'malformed', `cut at ${n}`);
      assert.equal(await ours(cut(text.slice(0, n), 4)), 'malformed', `cut at ${n}, in pieces`);
    }
  });

  it('gives way to other work while reading 200,000 names, and reads them all', async () => {
    const names = Array.from({ length: 200_000 }, (_, i) => `metric_${i}_total`);
    const text = JSON.stringify({ status: 'success', data: names });
    const pacer = new Pacer(0); // gives way at every check: every 256 names
    let ran = 0; // other work: a callback queued again and again while the parse runs
    let running = true;
    const other = (): void => {
      ran++;
      if (running) setImmediate(other);
    };
    setImmediate(other);
    const env = await parseEnvelopeInSlices(cut(text, 256 * 1024), pacer);
    running = false;
    assert.deepEqual(env.data, names);
    assert.ok(pacer.yields >= Math.floor(200_000 / 256) - 1, `${pacer.yields} yields`);
    assert.ok(ran >= pacer.yields - 1, `the other work ran ${ran} times`);
  });

  it('stops when the request is cancelled meanwhile', async () => {
    const ac = new AbortController();
    const text = JSON.stringify({ status: 'success', data: Array.from({ length: 5000 }, (_, i) => `m${i}`) });
    const parsing = parseEnvelopeInSlices(text, new Pacer(0, ac.signal));
    ac.abort();
    await assert.rejects(parsing, (e: unknown) => e instanceof PrometheusError && e.kind === 'cancelled');
  });
});

describe('decodeInPieces: a body decoded 256 KiB at a time', () => {
  const cases: Array<[string, Buffer]> = [
    ['ASCII', Buffer.from('{"status":"success","data":["a"]}'.repeat(20_000))],
    ['multi-byte characters', Buffer.from('été 日本語 😀 '.repeat(50_000))],
    ['invalid UTF-8', Buffer.concat([Buffer.from('ab'), Buffer.from([0xff, 0xc3]), Buffer.from('c'.repeat(300_000)), Buffer.from([0xe6, 0x97])])],
    ['empty', Buffer.alloc(0)],
  ];
  for (const [what, bytes] of cases) {
    it(`${what}: as Buffer#toString, chunks split anywhere`, () => {
      for (const size of [1, 7, 1000, 65_536]) {
        const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
        const pieces = [...decodeInPieces(chunks)];
        assert.equal(pieces.join(''), bytes.toString('utf8'), `chunks of ${size}`);
        if (bytes.length > 600_000) assert.ok(pieces.length >= 2 && pieces.slice(0, -1).every((p) => p.length >= 100_000), 'big pieces');
      }
    });
  }
});

describe('sorting and indexing long lists in slices', () => {
  /** Deterministic pseudo-random names with duplicates, upper case and non-ASCII. */
  const names = (n: number, seed = 7): string[] => {
    let x = seed;
    const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
    const parts = ['node', 'HTTP', 'cpu', 'été', 'Ωmega', 'a', 'b', 'z9', '😀', 'ǅ'];
    return Array.from({ length: n }, () => `${parts[next() % parts.length]}_${parts[next() % parts.length]}_${next() % (n / 2 + 1)}`);
  };

  for (const n of [0, 1, 2, 2047, 2048, 2049, 4097, 10_000, 30_000]) {
    it(`${n} names: sorted and deduplicated as [...new Set(list)].sort()`, async () => {
      const list = names(n);
      assert.deepEqual(await sortUniqueInSlices(list, new Pacer(0)), [...new Set(list)].sort());
    });
  }

  it('nameListInSlices and its word index equal nameList and the index built at once', async () => {
    for (const [list, max] of [
      [names(20_000), 200_000],
      [names(20_000), 7000],
      [[...new Set(names(20_000))].sort(), 200_000], // already sorted, as Prometheus sends them
      [names(100), 50], // short lists: nameList itself
    ] as Array<[string[], number]>) {
      const pacer = new Pacer(0);
      const sliced = await nameListInSlices(list, max, pacer);
      assert.deepEqual(sliced, nameList(list, max));
      assert.deepEqual(await withWordIndex(sliced, pacer), await withWordIndex(nameList(list, max), new Pacer(Infinity)));
      if (list.length >= 5000) assert.ok(pacer.yields > list.length / 256, `${pacer.yields} yields`);
    }
  });
});

describe('label values: big answers read in slices by the client and the cache', function () {
  this.timeout(60_000);
  let server: Server;
  let url = '';
  const names = Array.from({ length: 200_000 }, (_, i) => `metric_${String(199_999 - i).padStart(6, '0')}_é_total`); // unsorted, not ASCII
  const sorted = [...names].sort();
  const bodies: Record<string, [number, string, string]> = {
    names: [200, 'application/json', JSON.stringify({ status: 'success', data: names })],
    truncated: [200, 'application/json', JSON.stringify({ status: 'success', data: names }).slice(0, -3)],
    error: [422, 'application/json', JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'too many', padding: names.slice(0, 20_000) })],
    'no-status': [200, 'application/json', JSON.stringify({ data: names.slice(0, 20_000) })],
    object: [200, 'application/json', JSON.stringify({ status: 'success', data: { names: names.slice(0, 20_000) } })],
    html: [502, 'text/html', `<!DOCTYPE html><html><body>${'Bad gateway. '.repeat(30_000)}</body></html>`],
  };
  before(async () => {
    server = createServer((req, res) => {
      const [status, type, body] = bodies[(req.url ?? '').split('/')[1]] ?? [404, 'text/plain', 'not found'];
      res.writeHead(status, { 'content-type': type });
      // In chunks of 1,000 bytes: UTF-8 sequences are split between chunks.
      const bytes = Buffer.from(body);
      for (let i = 0; i < bytes.length; i += 1000) res.write(bytes.subarray(i, i + 1000));
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('reads 200,000 names as they are', async () => {
    assert.ok(bodies.names[2].length > SLICED_PARSE_MIN_BYTES);
    const got = await new PrometheusClient({ name: 'big', url: `${url}/names/` }).labelValues('__name__');
    assert.deepEqual(got, names);
  });

  const failures: Array<[string, PrometheusError['kind'], RegExp]> = [
    ['truncated', 'bad-response', /^big \(http:\/\/127\.0\.0\.1:\d+\/truncated\/api\/v1\/label\/__name__\/values\) returned malformed JSON \(HTTP 200\)$/],
    ['error', 'api', /^too many$/],
    ['no-status', 'bad-response', /did not return Prometheus API JSON$/],
    ['object', 'bad-response', /^label values: data is not a list$/],
    ['html', 'http', /answered HTTP 502 \(an HTML page/],
  ];
  for (const [body, kind, message] of failures) {
    it(`a big ${body} answer → ${kind}, as a small one`, async () => {
      await assert.rejects(new PrometheusClient({ name: 'big', url: `${url}/${body}/` }).labelValues('__name__'), (e: unknown) => {
        assert.ok(e instanceof PrometheusError, String(e));
        assert.equal(e.kind, kind);
        assert.match(e.message, message);
        return true;
      });
    });
  }

  it('the cache gives way to other work all along fetching, sorting and indexing 200,000 names', async () => {
    // sliceMs 0: it gives way at every check, so the count does not depend on the machine's speed.
    // Reading them with one JSON.parse and sorting them at once, the other work would wait.
    const cache = new VocabularyCache(new PrometheusClient({ name: 'big', url: `${url}/names/` }), { sliceMs: 0 });
    let ran = 0;
    let running = true;
    const other = (): void => {
      ran++;
      if (running) setImmediate(other);
    };
    setImmediate(other);
    const lookup = cache.metricNames();
    await lookup.pending;
    running = false;
    const list = cache.metricNames().value;
    assert.deepEqual(list?.names, sorted);
    assert.ok(list?.words && list.words.words.includes('é'));
    // Parsing (200,000 / 256), checking the order, sorting, lower-casing and indexing each give way that often.
    assert.ok(ran > (4 * 200_000) / 256, `the other work ran ${ran} times`);
    cache.dispose();
  });
});
