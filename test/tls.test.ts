// TLS options, custom headers and credentials over HTTPS: the Prometheus client and runQuery
// against the real Prometheus behind an HTTPS proxy whose self-signed certificates openssl makes
// at test time. The proxy records what arrived, so we check what was (and was not) sent.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runQuery, type RunQueryError, type RunQueryResult } from '../server/src/features/runQuery';
import { PrometheusClient, type Credentials, type DataSourceSettings } from '../server/src/prometheus/client';
import { PrometheusError } from '../server/src/prometheus/errors';
import { makeSelfSignedCert, startHttpsProxy, type HttpsProxy, type TestCert } from './support/httpsProxy';
import { FIXTURE_START, freePort, startPrometheus, type RunningPrometheus } from './support/realPrometheus';

const T = FIXTURE_START + 3600;
const EXPR = 'node_memory_used_bytes{instance="node-1:9100"}';
/** A hang would end as kind 'timeout', which every failure case below rules out. */
const TIMEOUT_MS = 20_000;

async function failure(p: Promise<unknown> | (() => unknown)): Promise<PrometheusError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    assert.ok(e instanceof PrometheusError, `not a PrometheusError: ${String(e)}`);
    return e;
  }
  assert.fail('expected a failure');
}

function instant(datasource: DataSourceSettings, credentials?: Credentials): Promise<RunQueryResult | RunQueryError> {
  return runQuery({ expr: EXPR, datasource, credentials, mode: 'instant', range: { startMs: (T - 60) * 1000, endMs: T * 1000 }, timeoutMs: TIMEOUT_MS });
}

function memoryValue(r: RunQueryResult | RunQueryError): unknown {
  assert.equal(r.type, 'result', r.type === 'error' ? `${r.kind}: ${r.message}` : '');
  if (r.type !== 'result' || r.data.resultType !== 'vector') return assert.fail(`unexpected ${JSON.stringify(r)}`);
  assert.equal(r.data.series.length, 1);
  assert.deepEqual(r.data.series[0].metric, { __name__: 'node_memory_used_bytes', instance: 'node-1:9100', job: 'node' });
  return r.data.series[0].values[0];
}

describe('TLS, custom headers and credentials over HTTPS (real Prometheus behind an HTTPS proxy)', function () {
  this.timeout(60_000);
  let prom: RunningPrometheus;
  let goodCert: TestCert;
  let otherHostCert: TestCert;
  let proxy: HttpsProxy;
  let otherHostProxy: HttpsProxy;
  let notPem: string;

  before(async () => {
    prom = await startPrometheus();
    goodCert = makeSelfSignedCert('IP:127.0.0.1,DNS:localhost');
    otherHostCert = makeSelfSignedCert('DNS:example.com', 'example.com');
    proxy = await startHttpsProxy(prom.url, goodCert);
    otherHostProxy = await startHttpsProxy(prom.url, otherHostCert);
    notPem = path.join(path.dirname(goodCert.certFile), 'not-a-cert.txt');
    writeFileSync(notPem, 'this is not a certificate\n');
  });
  after(async () => {
    await proxy?.close();
    await otherHostProxy?.close();
    await prom?.stop();
    goodCert?.remove();
    otherHostCert?.remove();
  });
  beforeEach(() => {
    proxy.seen.length = 0;
    otherHostProxy.seen.length = 0;
  });

  const ds = (extra: Partial<DataSourceSettings> = {}): DataSourceSettings => ({ name: 'tls', url: proxy.url, ...extra });
  const client = (settings: DataSourceSettings, credentials: Credentials = {}) => new PrometheusClient(settings, credentials, { timeoutMs: TIMEOUT_MS });

  describe('server certificate verification', () => {
    it('without a CA file, refuses the self-signed certificate before sending anything', async () => {
      const settings = ds({ headers: { 'X-Scope-OrgID': 'tenant-1' }, auth: { kind: 'basic', username: 'u' } });
      const e = await failure(client(settings, { password: 's3cret' }).query(EXPR, T));
      assert.equal(e.kind, 'unreachable');
      assert.match(e.message, /^cannot reach 127\.0\.0\.1:\d+: self-signed certificate \(.*tls\.caFile/);
      const r = await instant(settings, { password: 's3cret' });
      assert.equal(r.type, 'error');
      if (r.type !== 'error') return;
      assert.equal(r.kind, 'unreachable');
      assert.match(r.message, /self-signed certificate/);
      assert.deepEqual(proxy.seen, [], 'no request (and so no header or credential) reached the untrusted server');
    });

    it('with tls.caFile set to the certificate, returns the exact fixture values', async () => {
      const settings = ds({ tls: { caFile: goodCert.certFile } });
      const r = await client(settings).query(EXPR, T);
      assert.equal(r.data.resultType, 'vector');
      if (r.data.resultType !== 'vector') return;
      assert.deepEqual(r.data.series.map((s) => s.values), [[[T * 1000, 1073741824]]]);
      assert.deepEqual(memoryValue(await instant(settings)), [T * 1000, 1073741824]);
      assert.deepEqual(await client(settings).labelValues('job', [EXPR]), ['node']);
      assert.equal(proxy.seen.length, 3);
    });

    it('matches the DNS name in the certificate too (https://localhost)', async () => {
      const settings = ds({ url: `https://localhost:${proxy.port}`, tls: { caFile: goodCert.certFile } });
      assert.deepEqual(memoryValue(await instant(settings)), [T * 1000, 1073741824]);
      assert.equal(proxy.seen[0].headers.host, `localhost:${proxy.port}`);
    });

    it('reports a certificate for another host name as a mismatch, even with its CA trusted', async () => {
      const settings = ds({ url: otherHostProxy.url, tls: { caFile: otherHostCert.certFile } });
      const e = await failure(client(settings).query(EXPR, T));
      assert.equal(e.kind, 'unreachable');
      assert.match(e.message, /Hostname\/IP does not match certificate's altnames: IP: 127\.0\.0\.1 is not in the cert's list/);
      assert.doesNotMatch(e.message, /tls\.caFile/, 'a CA file does not fix a host name mismatch');
      const r = await instant({ ...settings, url: `https://localhost:${otherHostProxy.port}` });
      assert.equal(r.type === 'error' && r.kind, 'unreachable');
      assert.match((r as RunQueryError).message, /Host: localhost\. is not in the cert's altnames: DNS:example\.com/);
      assert.deepEqual(otherHostProxy.seen, []);
    });

    it('does not trust one self-signed certificate for another server', async () => {
      const e = await failure(client(ds({ tls: { caFile: otherHostCert.certFile } })).query(EXPR, T));
      assert.equal(e.kind, 'unreachable');
      assert.match(e.message, /self-signed certificate/);
      assert.deepEqual(proxy.seen, []);
    });

    it('with insecureSkipVerify: true (explicit opt-in), accepts the self-signed and the wrong-host certificate', async () => {
      assert.deepEqual(memoryValue(await instant(ds({ tls: { insecureSkipVerify: true } }))), [T * 1000, 1073741824]);
      assert.deepEqual(memoryValue(await instant(ds({ url: otherHostProxy.url, tls: { insecureSkipVerify: true } }))), [T * 1000, 1073741824]);
      assert.equal(proxy.seen.length, 1);
      assert.equal(otherHostProxy.seen.length, 1);
    });
  });

  describe('CA file problems are named before any request', () => {
    const cases: Array<{ name: string; caFile: () => string; message: (f: string) => RegExp }> = [
      { name: 'a missing file', caFile: () => path.join(os.tmpdir(), 'mac-no-such-dir', 'ca.pem'), message: (f) => new RegExp(`^cannot read CA file ${escape(f)}: no such file$`) },
      { name: 'a directory', caFile: () => path.dirname(goodCert.certFile), message: (f) => new RegExp(`^cannot read CA file ${escape(f)}: it is a directory$`) },
      { name: 'a file without a PEM certificate', caFile: () => notPem, message: (f) => new RegExp(`^CA file ${escape(f)} holds no PEM certificate`) },
      { name: 'the private key instead of the certificate', caFile: () => goodCert.keyFile, message: (f) => new RegExp(`^CA file ${escape(f)} holds no PEM certificate`) },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const file = c.caFile();
        const settings = ds({ tls: { caFile: file } });
        const e = await failure(() => client(settings));
        assert.equal(e.kind, 'unreachable');
        assert.match(e.message, c.message(file));
        const r = await instant(settings);
        assert.deepEqual(r.type === 'error' && [r.kind, r.message], ['unreachable', e.message]);
        assert.deepEqual(proxy.seen, []);
      });
    }
  });

  describe('custom headers', () => {
    it('arrive with query, range query, labels, label values, series, metadata and buildinfo calls', async () => {
      const c = client(ds({ tls: { caFile: goodCert.certFile }, headers: { 'X-Scope-OrgID': 'tenant-1', 'X-Extra': 'a b;c=d' } }));
      const r = await c.query(EXPR, T);
      assert.equal(r.data.resultType === 'vector' && r.data.series[0].values[0][1], 1073741824);
      await c.queryRange(EXPR, T - 60, T, 60);
      assert.deepEqual(await c.labelNames([EXPR]), ['__name__', 'instance', 'job']);
      assert.ok((await c.labelValues('__name__')).includes('node_memory_used_bytes'));
      assert.equal((await c.series([EXPR], T - 60, T)).length, 1);
      await c.metadata();
      const info = await c.buildInfo();
      assert.match(info?.version ?? '', /^\d+\.\d+\.\d+/);
      const paths = proxy.seen.map((s) => s.url.split('?')[0]);
      assert.deepEqual(paths, [
        '/api/v1/query', '/api/v1/query_range', '/api/v1/labels', '/api/v1/label/__name__/values', '/api/v1/series', '/api/v1/metadata', '/api/v1/status/buildinfo',
      ]);
      for (const s of proxy.seen) {
        assert.equal(s.headers['x-scope-orgid'], 'tenant-1', s.url);
        assert.equal(s.headers['x-extra'], 'a b;c=d', s.url);
        assert.equal(s.headers.accept, 'application/json', s.url);
      }
    });

    it('arrive with runQuery', async () => {
      memoryValue(await instant(ds({ tls: { caFile: goodCert.certFile }, headers: { 'X-Scope-OrgID': 'tenant-1' } })));
      assert.deepEqual(proxy.seen.map((s) => [s.method, s.url, s.headers['x-scope-orgid']]), [['POST', '/api/v1/query', 'tenant-1']]);
    });

    const bad: Array<{ name: string; headers?: Record<string, string>; credentials?: Credentials; auth?: DataSourceSettings['auth']; message: RegExp; secret: string }> = [
      { name: 'a CR LF in a value (header injection)', headers: { 'X-Scope-OrgID': 'tenant-1\r\nX-Injected: yes' }, message: /header "X-Scope-OrgID" contains a line break/, secret: 'X-Injected' },
      { name: 'a bare LF in a value', headers: { 'X-Scope-OrgID': 'tenant-1\nsecretpart' }, message: /header "X-Scope-OrgID" contains a line break/, secret: 'secretpart' },
      { name: 'a NUL in a value', headers: { 'X-Token': 'abc\u0000def' }, message: /header "X-Token" contains/, secret: 'abc' },
      { name: 'a space in a name', headers: { 'X Scope': 'tenant-1' }, message: /"X Scope" is not a valid HTTP header name/, secret: 'tenant-1' },
      { name: 'a colon in a name', headers: { 'X-Scope:': 'tenant-1' }, message: /"X-Scope:" is not a valid HTTP header name/, secret: 'tenant-1' },
      { name: 'a bearer token pasted with a line break', auth: { kind: 'bearer' }, credentials: { token: 'tok3n-value\nrest' }, message: /the stored password or token contains a line break/, secret: 'tok3n-value' },
    ];
    for (const c of bad) {
      it(`are rejected, not sent, with ${c.name}`, async () => {
        const settings = ds({ tls: { caFile: goodCert.certFile }, headers: c.headers, auth: c.auth });
        const e = await failure(() => client(settings, c.credentials));
        assert.equal(e.kind, 'unreachable');
        assert.match(e.message, /^data source "tls": /);
        assert.match(e.message, c.message);
        assert.ok(!e.message.includes(c.secret), `the value leaked into: ${e.message}`);
        const r = await instant(settings, c.credentials);
        assert.deepEqual(r.type === 'error' && [r.kind, r.message], ['unreachable', e.message]);
        assert.deepEqual(proxy.seen, []);
      });
    }
  });

  describe('credentials over HTTPS', () => {
    it('sends basic auth as Authorization: Basic, and bearer as Authorization: Bearer', async () => {
      const tls = { caFile: goodCert.certFile };
      memoryValue(await instant(ds({ tls, auth: { kind: 'basic', username: 'alice' } }), { password: 'pä:ss' }));
      memoryValue(await instant(ds({ tls, auth: { kind: 'bearer' } }), { token: 'tok-123' }));
      const c = client(ds({ tls, auth: { kind: 'basic', username: 'alice' }, headers: { 'X-Scope-OrgID': 'tenant-1' } }), { password: 'pä:ss' });
      await c.labelNames();
      await c.buildInfo();
      const auths = proxy.seen.map((s) => s.headers.authorization);
      const basic = 'Basic ' + Buffer.from('alice:pä:ss', 'utf8').toString('base64');
      assert.deepEqual(auths, [basic, 'Bearer tok-123', basic, basic]);
      assert.deepEqual(proxy.seen.slice(2).map((s) => s.headers['x-scope-orgid']), ['tenant-1', 'tenant-1']);
    });

    it('sends user info in the URL as basic auth (like Go), never in messages', async () => {
      const url = `https://bob:hunter%402@127.0.0.1:${proxy.port}`;
      memoryValue(await instant({ name: 'userinfo', url, tls: { caFile: goodCert.certFile } }));
      assert.equal(proxy.seen[0].headers.authorization, 'Basic ' + Buffer.from('bob:hunter@2').toString('base64'));
    });

    it('keeps passwords from URLs and the secret store out of every error message', async () => {
      const dead = await freePort();
      const secrets = ['hunter', 'hunter%402', 'hunter@2', 's3cretpw', Buffer.from('u:s3cretpw').toString('base64')];
      const sources: DataSourceSettings[] = [
        { name: 'untrusted', url: `https://bob:hunter%402@127.0.0.1:${proxy.port}` },
        { name: 'mismatch', url: `https://bob:hunter%402@127.0.0.1:${otherHostProxy.port}`, tls: { caFile: otherHostCert.certFile } },
        { name: 'refused', url: `http://bob:hunter%402@127.0.0.1:${dead}` },
        { name: 'refused-tls', url: `https://bob:hunter%402@127.0.0.1:${dead}`, auth: { kind: 'basic', username: 'u' } },
        { name: 'not-found', url: `https://bob:hunter%402@127.0.0.1:${proxy.port}/no/such/prefix`, tls: { caFile: goodCert.certFile } },
        { name: 'plain-to-tls', url: `http://bob:hunter%402@127.0.0.1:${proxy.port}`, auth: { kind: 'basic', username: 'u' } },
        { name: 'bad-ca', url: `https://bob:hunter%402@127.0.0.1:${proxy.port}`, tls: { caFile: notPem } },
      ];
      const messages: string[] = [];
      for (const settings of sources) {
        const credentials = { password: 's3cretpw' };
        let e: PrometheusError;
        try {
          e = await failure(client(settings, credentials).query(EXPR, T));
        } catch {
          e = await failure(() => client(settings, credentials));
        }
        assert.notEqual(e.kind, 'timeout', `${settings.name}: ${e.message}`);
        const r = await instant(settings, credentials);
        assert.equal(r.type, 'error', settings.name);
        messages.push(`${settings.name}: ${e.message} | ${e.details.url ?? ''} | ${(r as RunQueryError).message}`);
      }
      assert.match(messages[0], /self-signed certificate/);
      assert.match(messages[1], /does not match certificate's altnames/);
      assert.match(messages[2], /connection refused/);
      assert.match(messages[4], /endpoint not found \(HTTP 404\)/);
      assert.match(messages[6], /holds no PEM certificate/);
      for (const m of messages) {
        for (const s of secrets) assert.ok(!m.includes(s), `"${s}" leaked into: ${m}`);
        assert.ok(!m.includes('bob'), `the user name leaked into: ${m}`);
      }
    });
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
