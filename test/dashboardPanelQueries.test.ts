// The dashboard preview's panel queries (client/src/panels/panelQueries.ts): which panels are
// queried again, at most 4 at a time, the newest query of a panel winning.
import { strict as assert } from 'node:assert';
import { DEFAULT_PANEL_WIDTH_PX, panelJobs, PanelQueryQueue, previewPanelJobs, queryHash, stableJson, valueAt, type Job, type QueryInputs } from '../client/src/panels/panelQueries';
import type { PanelQueryParams } from '../webview/src/dashboardProtocol';

const base: QueryInputs = {
  panel: { type: 'timeseries', title: 'A', targets: [{ refId: 'A', expr: 'up' }] },
  selections: { job: 'api' },
  time: { from: 'now-1h', to: 'now' },
  variables: [{ name: 'job', value: 'api' }],
  datasource: 'fixture',
  widthPx: 800,
};

describe('dashboard panel queries', () => {
  describe('queryHash: what makes a panel query again', () => {
    const cases: Array<{ name: string; change: Partial<QueryInputs>; same: boolean }> = [
      { name: 'nothing changed', change: {}, same: true },
      { name: 'same JSON, other key order', change: { panel: { targets: [{ expr: 'up', refId: 'A' }], title: 'A', type: 'timeseries' } }, same: true },
      { name: 'a few pixels wider', change: { widthPx: 805 }, same: true },
      { name: 'title edited', change: { panel: { ...(base.panel as object), title: 'B' } }, same: false },
      { name: 'expression edited', change: { panel: { ...(base.panel as object), targets: [{ refId: 'A', expr: 'up == 1' }] } }, same: false },
      { name: 'another selection', change: { selections: { job: 'web' } }, same: false },
      { name: 'another time range', change: { time: { from: 'now-6h', to: 'now' } }, same: false },
      { name: 'a variable resolved otherwise', change: { variables: [{ name: 'job', value: ['api', 'web'] }] }, same: false },
      { name: 'another data source', change: { datasource: 'other' }, same: false },
      { name: 'half as wide', change: { widthPx: 400 }, same: false },
      { name: 'a repeated copy (scoped variables)', change: { scopedVars: { job: { text: 'api', value: 'api' } } }, same: false },
    ];
    for (const c of cases) {
      it(`${c.name}: ${c.same ? 'kept' : 'queried again'}`, () => {
        assert.equal(queryHash({ ...base, ...c.change }) === queryHash(base), c.same);
      });
    }
  });

  it('stableJson sorts keys and drops undefined members; valueAt follows paths', () => {
    assert.equal(stableJson({ b: 1, a: [{ d: 2, c: undefined }] }), '{"a":[{"d":2}],"b":1}');
    const dash = { panels: [{ title: 'row', panels: [{ title: 'inner' }] }] };
    assert.deepEqual(valueAt(dash, ['panels', 0, 'panels', 0]), { title: 'inner' });
    assert.equal(valueAt(dash, ['panels', 3]), undefined);
    assert.equal(valueAt(dash, ['panels', 0, 'title', 'x']), undefined);
  });

  describe('PanelQueryQueue', () => {
    interface Pending {
      key: string;
      resolve(v: string): void;
      reject(e: Error): void;
      cancelled: boolean;
    }
    function setup() {
      const pending: Pending[] = [];
      const events: string[] = [];
      const q = new PanelQueryQueue<string>(
        {
          loading: (k) => events.push(`loading ${k}`),
          done: (k, r) => events.push(`data ${k} ${r}`),
          failed: (k, m) => events.push(`error ${k} ${m}`),
        },
        4,
      );
      const job = (key: string, hash = 'h'): Job<string> => ({
        key,
        path: ['panels', Number(key)],
        hash,
        widthPx: 100,
        run: () => {
          let p!: Pending;
          const promise = new Promise<string>((resolve, reject) => {
            p = { key, resolve, reject, cancelled: false };
          });
          pending.push(p);
          return { promise, cancel: { cancel: () => (p.cancelled = true) } };
        },
      });
      return { q, job, pending, events };
    }
    const tick = () => new Promise((r) => setImmediate(r));

    it('runs at most 4 at a time and starts the next as one finishes', async () => {
      const { q, job, pending } = setup();
      q.want(['0', '1', '2', '3', '4', '5'].map((k) => job(k)));
      assert.equal(q.inFlight, 4);
      assert.deepEqual(pending.map((p) => p.key), ['0', '1', '2', '3']);
      pending[1].resolve('r1');
      await tick();
      assert.deepEqual(pending.map((p) => p.key), ['0', '1', '2', '3', '4']);
      assert.equal(q.inFlight, 4);
      pending[0].reject(new Error('bad'));
      await tick();
      assert.deepEqual(pending.map((p) => p.key), ['0', '1', '2', '3', '4', '5']);
      assert.equal(q.queries, 6);
    });

    it('queries a panel again only when its hash changed; a newer query cancels the old one', async () => {
      const { q, job, pending, events } = setup();
      q.want([job('0'), job('1')]);
      pending[0].resolve('a');
      pending[1].resolve('b');
      await tick();
      q.want([job('0'), job('1')]);
      assert.equal(q.queries, 2);
      q.want([job('0', 'edited'), job('1')]);
      assert.equal(q.queries, 3);
      q.want([job('0', 'edited again'), job('1')]);
      assert.equal(pending[2].cancelled, true);
      pending[2].resolve('stale');
      pending[3].resolve('fresh');
      await tick();
      assert.deepEqual(q.queriesByKey, { '0': 3, '1': 1 });
      assert.deepEqual(events.filter((e) => e.startsWith('data')), ['data 0 a', 'data 1 b', 'data 0 fresh']);
      assert.ok(!events.includes('data 0 stale'));
    });

    it('sends kept results to a reloaded webview without querying; drops queued panels scrolled away', async () => {
      const { q, job, pending, events } = setup();
      q.want([job('0')]);
      pending[0].resolve('a');
      await tick();
      q.webviewReloaded();
      events.length = 0;
      q.want([job('0')]);
      assert.deepEqual(events, ['data 0 a']);
      assert.equal(q.queries, 1);
      q.want(['1', '2', '3', '4', '5', '6'].map((k) => job(k)));
      q.want([job('1'), job('2'), job('3'), job('4')]);
      for (const p of pending.slice(1)) p.resolve('x');
      await tick();
      assert.deepEqual(Object.keys(q.queriesByKey).sort(), ['0', '1', '2', '3', '4']);
      q.invalidate();
      q.want([job('1')]);
      assert.equal(q.queriesByKey['1'], 2);
    });
  });

  describe('panelJobs: a job per visible panel that still exists', () => {
    const dashboard = { panels: [{ type: 'stat', title: 'S' }, { type: 'row', panels: [{ type: 'gauge' }] }] };
    const inputs = { dashboard, selections: {}, time: base.time, variables: [], datasource: 'fixture' };
    const started: Array<[unknown, number]> = [];
    const jobs = panelJobs<string>(
      [
        { key: '["panels",0]', path: ['panels', 0], widthPx: 612.6 },
        { key: '["panels",1,"panels",0]', path: ['panels', 1, 'panels', 0], widthPx: 0 },
        { key: '["panels",7]', path: ['panels', 7], widthPx: 300 },
      ],
      inputs,
      (path, widthPx) => {
        started.push([path, widthPx]);
        return { promise: Promise.resolve('r'), cancel: { cancel() {} } };
      },
    );
    it('skips paths the dashboard no longer has, rounds widths and falls back to the default', () => {
      assert.deepEqual(jobs.map((j) => [j.key, j.widthPx]), [['["panels",0]', 613], ['["panels",1,"panels",0]', DEFAULT_PANEL_WIDTH_PX]]);
      assert.equal(jobs[0]!.hash, queryHash({ ...inputs, panel: dashboard.panels[0], widthPx: 613 }));
    });
    it('runs the request for the job\'s own path and width', () => {
      for (const j of jobs) void j.run(() => false);
      assert.deepEqual(started, [[['panels', 0], 613], [['panels', 1, 'panels', 0], DEFAULT_PANEL_WIDTH_PX]]);
    });
    it('copies of a repeated panel: one job each, hashed and run with their own scoped variables', () => {
      const runs: unknown[] = [];
      const copy = (v: string) => ({ key: `["panels",0]?var-job=${v}`, path: ['panels', 0], widthPx: 300, scopedVars: { job: { text: v.toUpperCase(), value: v } } });
      const bad = { key: '["panels",0]?bad', path: ['panels', 0], widthPx: 300, scopedVars: { job: { value: 1 } } as never };
      const copies = panelJobs<string>([copy('a'), copy('b'), bad], inputs, (path, widthPx, scopedVars) => {
        runs.push([path, widthPx, scopedVars]);
        return { promise: Promise.resolve('r'), cancel: { cancel() {} } };
      });
      assert.equal(new Set(copies.map((j) => j.hash)).size, 3);
      assert.equal(copies[2]!.hash, queryHash({ ...inputs, panel: dashboard.panels[0], widthPx: 300 }));
      for (const j of copies) void j.run(() => false);
      assert.deepEqual(runs, [
        [['panels', 0], 300, { job: { text: 'A', value: 'a' } }],
        [['panels', 0], 300, { job: { text: 'B', value: 'b' } }],
        [['panels', 0], 300, undefined],
      ]);
    });
  });

  describe('previewPanelJobs: the request carries the time as written, the server evaluates it when it runs', () => {
    const dashboard = { panels: [{ type: 'stat', title: 'S' }, { type: 'row', collapsed: true, panels: [{ type: 'gauge', title: 'G' }] }] };
    const T0 = 1_800_000_000_000;
    const previewAt = (nowMs: number) => ({
      dashboard, time: { from: 'now-1h', to: 'now' }, range: { startMs: nowMs - 3_600_000, endMs: nowMs },
      variables: [{ name: 'job', type: 'query', hide: 0, multi: false, includeAll: false, options: [], current: { text: 'api', value: 'api' } }], datasource: 'fixture',
    });
    const stat = { key: '["panels",0]', path: ['panels', 0], widthPx: 600 };
    const gauge = { key: '["panels",1,"panels",0]', path: ['panels', 1, 'panels', 0], widthPx: 600 };
    const state = { uri: 'file:///d.json', selections: { job: 'api' } };

    it('a panel shown after the preview (a row expanded later) is sent the time, not only the preview\'s old range', () => {
      const sent: PanelQueryParams[] = [];
      const jobs = previewPanelJobs<string>([gauge], previewAt(T0), state, (params) => {
        sent.push(params);
        return { promise: Promise.resolve('r'), cancel: { cancel() {} } };
      });
      void jobs[0]!.run(() => false);
      assert.deepEqual(sent, [{ uri: state.uri, path: gauge.path, selections: state.selections, range: previewAt(T0).range, time: { from: 'now-1h', to: 'now' }, widthPx: 600 }]);
    });

    it('the time picked in the header wins over the dashboard\'s, in the request and the hash', () => {
      const sent: PanelQueryParams[] = [];
      const picked = { from: '1700000000000', to: '1700003600000' };
      const send = (params: PanelQueryParams) => {
        sent.push(params);
        return { promise: Promise.resolve('r'), cancel: { cancel() {} } };
      };
      const own = previewPanelJobs<string>([stat], previewAt(T0), state, send);
      const jobs = previewPanelJobs<string>([stat], previewAt(T0), { ...state, time: picked }, send);
      void jobs[0]!.run(() => false);
      assert.deepEqual(sent[0]!.time, picked);
      assert.notEqual(jobs[0]!.hash, own[0]!.hash);
    });

    it('`now` moving alone (a later preview, same time as written) queries no drawn panel again; the newly shown one is queried', async () => {
      const sent: PanelQueryParams[] = [];
      const send = (params: PanelQueryParams) => {
        sent.push(params);
        return { promise: Promise.resolve(`r${sent.length}`), cancel: { cancel() {} } };
      };
      const queue = new PanelQueryQueue<string>({ loading() {}, done() {}, failed() {} });
      queue.want(previewPanelJobs<string>([stat], previewAt(T0), state, send));
      await new Promise((r) => setImmediate(r));
      queue.want(previewPanelJobs<string>([stat, gauge], previewAt(T0 + 25_000), state, send));
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(sent.map((p) => [p.path, p.time]), [[stat.path, { from: 'now-1h', to: 'now' }], [gauge.path, { from: 'now-1h', to: 'now' }]]);
      assert.deepEqual(queue.queriesByKey, { [stat.key]: 1, [gauge.key]: 1 });
    });
  });
});
