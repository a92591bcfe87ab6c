// The preview service against a small real HTTP server speaking the Prometheus API: it counts
// requests, can hold answers back, and records connections closed before an answer.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import type { EmbeddedExpression } from '../documents/types';
import { PrometheusClient } from '../prometheus/client';
import { hintOffset, mapLimit, previewableText, previewTuningFrom, ValuePreviews } from './valuePreview';

interface Backend {
  url: string;
  requests: Array<{ path: string; query: string; time?: string }>;
  closedEarly: number;
  inFlight: number;
  maxInFlight: number;
  /** Answers wait until released while true. */
  hold: boolean;
  release(): void;
  close(): Promise<void>;
}

async function startBackend(): Promise<Backend> {
  let waiting: Array<() => void> = [];
  const state: Backend = {
    url: '',
    requests: [],
    closedEarly: 0,
    inFlight: 0,
    maxInFlight: 0,
    hold: false,
    release: () => {
      const w = waiting;
      waiting = [];
      w.forEach((f) => f());
    },
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const params = new URLSearchParams(body);
      const path = (req.url ?? '').split('?')[0];
      const query = params.get('query') ?? '';
      state.requests.push({ path, query, time: params.get('time') ?? undefined });
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      res.on('close', () => {
        state.inFlight--;
        if (!res.writableEnded) state.closedEarly++;
      });
      const answer = () => {
        if (query === 'fail') return void res.writeHead(500, { 'Content-Type': 'text/plain' }).end('boom');
        const value = query.length; // something that tells the expressions apart
        const data = path.endsWith('query_range')
          ? { resultType: 'matrix', result: [{ metric: { job: 'x' }, values: [[Number(params.get('start')), '1'], [Number(params.get('end')), String(value)]] }] }
          : { resultType: 'vector', result: [{ metric: { job: 'x' }, value: [Number(params.get('time')), String(value)] }] };
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'success', data }));
      };
      if (state.hold) waiting.push(answer);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

const until = async (cond: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(cond(), what);
};

describe('ValuePreviews (real HTTP)', () => {
  let backend: Backend;
  let previews: ValuePreviews;
  const AT = 1_700_003_600_000;

  beforeEach(async () => {
    backend = await startBackend();
    const settings = { name: 'test', url: backend.url };
    const client = new PrometheusClient(settings);
    previews = new ValuePreviews(() => ({ settings, client }));
    previews.configure({ atMs: AT });
  });
  afterEach(() => backend.close());

  it('asks for the value at the evaluation time and the hour before it, once per expression', async () => {
    const md = await previews.hover('up');
    // 61 points a minute apart: the backend answers the first and the last.
    assert.equal(md, `**Value now** on \`test\` · sparkline of the last hour\n\n\`\`\`text\n2  ▁${' '.repeat(59)}█  {job="x"}\n\`\`\``);
    assert.deepEqual(
      backend.requests.map((r) => [r.path, r.query, r.time]).sort(),
      [['/api/v1/query', 'up', '1700003600'], ['/api/v1/query_range', 'up', undefined]],
    );
    await previews.hover('up');
    await previews.inlays(['up']);
    assert.equal(backend.requests.length, 2, 'answered from the cache');
    await previews.hover('up + 1');
    assert.equal(backend.requests.length, 4);
  });

  it('shares a request in flight, and keeps it while one asker is still waiting', async () => {
    backend.hold = true;
    const a = new CancellationTokenSource();
    const b = new CancellationTokenSource();
    const first = previews.hover('sum(x)', a.token);
    const second = previews.hover('sum(x)', b.token);
    await until(() => backend.requests.length === 2, 'two requests (instant and range)');
    a.cancel();
    assert.equal(await first, undefined);
    backend.release();
    assert.match((await second) ?? '', /6 .*\{job="x"\}/);
    assert.equal(backend.requests.length, 2);
    assert.equal(backend.closedEarly, 0);
  });

  it('aborts the HTTP request when every asker cancels, and asks again next time', async () => {
    backend.hold = true;
    const a = new CancellationTokenSource();
    const pending = previews.hover('rate(x[5m])', a.token);
    await until(() => backend.requests.length === 2, 'requests sent');
    a.cancel();
    assert.equal(await pending, undefined);
    await until(() => backend.closedEarly === 2, 'both connections closed by the client');
    backend.hold = false;
    assert.match((await previews.hover('rate(x[5m])')) ?? '', /11 /);
    assert.equal(backend.requests.length, 4);
  });

  it('drops answers and aborts requests when the data source changes', async () => {
    await previews.hover('a');
    backend.hold = true;
    const pending = previews.hover('b');
    await until(() => backend.requests.length === 4, 'requests sent');
    previews.clear();
    assert.equal(await pending, undefined);
    await until(() => backend.closedEarly === 2, 'connections closed');
    backend.hold = false;
    await previews.hover('a');
    assert.equal(backend.requests.length, 6, 'asked again after the change');
  });

  it('is silent on errors and remembers them for a while', async () => {
    assert.equal(await previews.hover('fail'), undefined);
    assert.equal(await previews.hover('fail'), undefined);
    assert.equal(backend.requests.length, 2);
    const down = new ValuePreviews(() => ({ settings: { name: 'down', url: 'http://127.0.0.1:9' }, client: new PrometheusClient({ name: 'down', url: 'http://127.0.0.1:9' }) }));
    assert.equal(await down.hover('up'), undefined);
    assert.deepEqual(await down.inlays(['up']), [undefined]);
    const none = new ValuePreviews(() => undefined);
    assert.equal(await none.hover('up'), undefined);
  });

  it('runs inlay queries at most 4 at a time, results in order', async () => {
    const exprs = Array.from({ length: 12 }, (_, i) => `x${'1'.repeat(i)}`);
    const got = await previews.inlays([...exprs, undefined]);
    assert.deepEqual(got.map((p) => p?.label), [...exprs.map((e) => `= ${e.length}`), undefined]);
    assert.equal(backend.requests.length, 12, 'instant queries only');
    assert.ok(backend.maxInFlight <= 4, `at most 4 at once, saw ${backend.maxInFlight}`);
    assert.match(got[0]?.tooltip ?? '', /^\*\*Value now\*\* on `test`\n\n```text\n1  \{job="x"\}\n```$/);
  });
});

describe('value preview selection', () => {
  const expr = (kind: EmbeddedExpression['kind'], text: string, source = text, start = 0): EmbeddedExpression => ({
    kind,
    text,
    source,
    range: { start, end: start + source.length },
    toFileOffset: (o) => start + o,
    label: '',
  });

  it('previews only expressions Prometheus can run as written', () => {
    const noErrors = () => [];
    const cases: Array<[EmbeddedExpression, readonly unknown[], string | undefined]> = [
      [expr('promql-file', 'up'), [], 'up'],
      [expr('promql-file', '  \n'), [], undefined],
      [expr('rule-expr', 'sum(x'), [{ message: 'unclosed left parenthesis' }], undefined],
      [expr('dashboard-target', 'rate(x[5m])'), [], 'rate(x[5m])'],
      [expr('dashboard-target', 'rate(x[__rate_interval0])', 'rate(x[$__rate_interval])'), [], undefined],
    ];
    for (const [e, errors, want] of cases) assert.equal(previewableText(e, errors.length ? () => errors : noErrors), want, e.source);
  });

  it('puts the inlay hint after the expression and its closing quote', () => {
    const file = 'expr: "up"\nexpr: sum(x)\n';
    assert.equal(hintOffset(expr('rule-expr', 'up', 'up', 7), file), 10);
    assert.equal(hintOffset(expr('rule-expr', 'sum(x)\n', 'sum(x)\n', 17), file), 23);
    assert.equal(hintOffset(expr('promql-file', 'up  '), 'up  '), 2);
  });

  it('reads the hidden test settings', () => {
    assert.deepEqual(previewTuningFrom({ monitoring: { preview: { atMs: 5, timeoutMs: 100 } } }), { atMs: 5, timeoutMs: 100 });
    assert.deepEqual(previewTuningFrom({ monitoring: { preview: { atMs: 'now', timeoutMs: -1 } } }), { atMs: undefined, timeoutMs: undefined });
    assert.deepEqual(previewTuningFrom(undefined), { atMs: undefined, timeoutMs: undefined });
  });

  it('maps with limited concurrency', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimit([1, 2, 3, 4, 5, 6], 2, async (n) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return n * 2;
    });
    assert.deepEqual(out, [2, 4, 6, 8, 10, 12]);
    assert.equal(most, 2);
  });
});
