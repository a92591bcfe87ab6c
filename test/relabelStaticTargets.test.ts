// Our target relabeling (server/src/lint/config/relabelProcess.ts, checks/targetGroups.ts)
// against a real Prometheus: jobs of static targets with relabel rules of every action, loaded by
// Prometheus; the labels /api/v1/targets shows for each target, or its being dropped, must be what
// our simulation computes from the same rules.
import assert from 'node:assert/strict';
import { compileRule, type RelabelRule } from '../server/src/lint/config/relabelProcess';
import { discoveredLabels, populateLabels, type AlertmanagerTarget } from '../server/src/lint/config/checks/targetGroups';
import { checkPrometheusConfig } from '../server/src/lint/config/index';
import { startPrometheus, type RunningPrometheus } from './support/realPrometheus';

type Rule = Partial<RelabelRule>;
interface Job {
  name: string;
  targets: string[];
  labels?: Record<string, string>;
  params?: Record<string, string[]>;
  metricsPath?: string;
  rules: Rule[];
}

// Prometheus 2.42 (Debian) checks label names with the legacy rules: every name here is legacy-valid.
const JOBS: Job[] = [
  { name: 'replace', targets: ['127.0.0.1:9101', '127.0.0.2:9102'], labels: { env: 'Prod' }, rules: [
    { sourceLabels: ['__address__'], regex: '([^:]+):(\\d+)', targetLabel: 'host', replacement: '${1}_$2' },
    { sourceLabels: ['env', '__address__'], separator: '|', targetLabel: 'joined' },
    { sourceLabels: ['__address__'], regex: '(?P<ip>[0-9.]+):.*', targetLabel: 'named', replacement: '$ip/$$/${ip}x/$nope/$' },
    { sourceLabels: ['env'], regex: 'nomatch', targetLabel: 'never', replacement: 'x' },
    { targetLabel: 'fixed', replacement: 'value' },
  ] },
  { name: 'hash_and_case', targets: ['127.0.0.1:9201', '127.0.0.1:9202', '127.0.0.1:9203', '127.0.0.1:9204'], labels: { team: 'Core-Infra' }, rules: [
    { action: 'hashmod', sourceLabels: ['__address__'], modulus: 7, targetLabel: 'shard' },
    { action: 'hashmod', sourceLabels: ['__address__', 'team'], modulus: 1000003, targetLabel: 'big' },
    { action: 'lowercase', sourceLabels: ['team'], targetLabel: 'team_lc' },
    { action: 'uppercase', sourceLabels: ['team'], targetLabel: 'team_uc' },
  ] },
  { name: 'keep_drop', targets: ['127.0.0.1:9301', '127.0.0.1:9302', '127.0.0.3:9303'], rules: [
    { action: 'keep', sourceLabels: ['__address__'], regex: '127\\.0\\.0\\.1:.*' },
    { action: 'drop', sourceLabels: ['__address__'], regex: '.*:9302' },
  ] },
  { name: 'equal', targets: ['127.0.0.1:9401', '127.0.0.1:9402'], labels: { want: '127.0.0.1:9401' }, rules: [
    { action: 'keepequal', sourceLabels: ['__address__'], targetLabel: 'want' },
  ] },
  { name: 'dropequal', targets: ['127.0.0.1:9411', '127.0.0.1:9412'], labels: { want: '127.0.0.1:9411' }, rules: [
    { action: 'dropequal', sourceLabels: ['__address__'], targetLabel: 'want' },
  ] },
  { name: 'labelmap', targets: ['127.0.0.1:9501'], labels: { __meta_zone: 'a', __meta_rack_id: 'r7', other: 'o' }, rules: [
    { action: 'labelmap', regex: '__meta_(.+)' },
    { action: 'labelmap', regex: '(o)ther', replacement: 'copy_$1' },
    { action: 'labeldrop', regex: 'rack_.*' },
  ] },
  { name: 'labelkeep', targets: ['127.0.0.1:9601'], labels: { a: '1', b: '2', c: '3' }, rules: [
    { action: 'labelkeep', regex: '__.*|job|a|c' },
  ] },
  { name: 'blackbox', targets: ['example.invalid', 'other.invalid'], params: { module: ['http_2xx'] }, metricsPath: '/probe', rules: [
    { sourceLabels: ['__address__'], targetLabel: '__param_target' },
    { sourceLabels: ['__param_target'], targetLabel: 'instance' },
    { targetLabel: '__address__', replacement: '127.0.0.1:9115' },
    { sourceLabels: ['__param_module', '__metrics_path__', '__scheme__', '__scrape_interval__'], targetLabel: 'settings' },
  ] },
];

const yamlRule = (r: Rule): string => {
  const lines = Object.entries({
    action: r.action, source_labels: r.sourceLabels && JSON.stringify(r.sourceLabels), separator: r.separator && JSON.stringify(r.separator),
    regex: r.regex && JSON.stringify(r.regex), modulus: r.modulus, target_label: r.targetLabel, replacement: r.replacement && JSON.stringify(r.replacement),
  }).filter(([, v]) => v !== undefined);
  return lines.map(([k, v], i) => `${i === 0 ? '      - ' : '        '}${k}: ${v}`).join('\n');
};

const yamlJob = (j: Job): string => [
  `  - job_name: ${j.name}`,
  '    scrape_interval: 1h',
  '    scrape_timeout: 1s',
  ...(j.metricsPath ? [`    metrics_path: ${j.metricsPath}`] : []),
  ...(j.params ? [`    params: ${JSON.stringify(j.params)}`] : []),
  '    static_configs:',
  `      - targets: ${JSON.stringify(j.targets)}`,
  ...(j.labels ? [`        labels: ${JSON.stringify(j.labels)}`] : []),
  '    relabel_configs:',
  ...j.rules.map(yamlRule),
].join('\n');

/** Our simulation: the public labels of each target (those not starting with "__"), or "dropped". */
function ours(j: Job): Array<Record<string, string> | 'dropped'> {
  const rules = j.rules.map((r) => compileRule({ action: 'replace', sourceLabels: [], separator: ';', modulus: 0, targetLabel: '', replacement: '$1', ...r }));
  const scrape: Array<[string, string]> = [
    ['job', j.name], ['__scrape_interval__', '1h'], ['__scrape_timeout__', '1s'], ['__metrics_path__', j.metricsPath ?? '/metrics'], ['__scheme__', 'http'],
    ...Object.entries(j.params ?? {}).map(([k, v]): [string, string] => [`__param_${k}`, v[0]]),
  ];
  return j.targets.map((t) => {
    const r = populateLabels(discoveredLabels([['__address__', t]], Object.entries(j.labels ?? {}), scrape), rules);
    if ('dropped' in r) return 'dropped';
    assert.ok('labels' in r, `our simulation refused a target Prometheus loads: ${JSON.stringify(r)}`);
    return Object.fromEntries([...r.labels].filter(([k]) => !k.startsWith('__')).sort());
  });
}

interface ApiTarget {
  discoveredLabels: Record<string, string>;
  labels?: Record<string, string>;
  scrapePool?: string;
}

describe('static target relabeling agrees with a real Prometheus', function () {
  this.timeout(90_000);
  let prom: RunningPrometheus | undefined;
  let targets: { active: ApiTarget[]; dropped: ApiTarget[] } = { active: [], dropped: [] };

  before(async () => {
    prom = await startPrometheus({ scrapeConfigsYaml: JOBS.map(yamlJob).join('\n') });
    const want = JOBS.reduce((n, j) => n + j.targets.length, 0);
    // The scrape manager takes the discovered targets up within seconds.
    for (let i = 0; i < 300; i++) {
      const body = (await (await fetch(`${prom.url}/api/v1/targets?state=any`)).json()) as { data: { activeTargets: ApiTarget[]; droppedTargets: ApiTarget[] } };
      targets = { active: body.data.activeTargets, dropped: body.data.droppedTargets };
      if (targets.active.length + targets.dropped.length >= want) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  after(async () => prom?.stop());

  for (const job of JOBS) {
    it(job.name, () => {
      const theirs = job.targets.map((t) => {
        const active = targets.active.find((x) => x.discoveredLabels.job === job.name && x.discoveredLabels.__address__ === t);
        if (active) return Object.fromEntries(Object.entries(active.labels ?? {}).sort());
        const dropped = targets.dropped.find((x) => x.discoveredLabels.job === job.name && x.discoveredLabels.__address__ === t);
        assert.ok(dropped, `Prometheus lists no target ${t} of job ${job.name}`);
        return 'dropped' as const;
      });
      assert.deepEqual(ours(job), theirs);
    });
  }

  it('covers every relabel action', () => {
    const actions = new Set(JOBS.flatMap((j) => j.rules.map((r) => r.action ?? 'replace')));
    assert.deepEqual([...actions].sort(), ['drop', 'dropequal', 'hashmod', 'keep', 'keepequal', 'labeldrop', 'labelkeep', 'labelmap', 'lowercase', 'replace', 'uppercase']);
  });
});

// Alertmanagers: their static targets go through their own relabel_configs
// (notifier.AlertmanagerFromGroup); /api/v1/alertmanagers lists the URL Prometheus posts alerts to
// for each kept one, and the dropped ones. Our hover says the same (config/checks/targetGroups.ts).
const ALERTING = `alerting:
  alertmanagers:
    - static_configs:
        - targets: ["127.0.0.1:9093", "127.0.0.2:9093"]
          labels: {dc: west}
    - scheme: https
      path_prefix: /am/
      static_configs:
        - targets: ["127.0.0.1:9094", "127.0.0.3:9095", "127.0.0.4:9096"]
          labels: {dc: east}
      relabel_configs:
        - source_labels: [__address__]
          regex: "127\\\\.0\\\\.0\\\\.3:.*"
          action: drop
        - source_labels: [dc, __address__]
          regex: "east;(.*):(.*)"
          target_label: __address__
          replacement: "$1:1$2"
    - path_prefix: sub
      static_configs:
        - targets: ["localhost:9097"]
      relabel_configs:
        - target_label: __scheme__
          replacement: https
        - source_labels: [__alerts_path__]
          target_label: __alerts_path__
          replacement: "/x$1"
        - source_labels: [__address__]
          regex: "(.*):9097"
          action: keep`;

describe('Alertmanager target relabeling agrees with a real Prometheus', function () {
  this.timeout(90_000);
  let prom: RunningPrometheus | undefined;
  let theirs: { active: string[]; dropped: string[] } = { active: [], dropped: [] };
  const ours: AlertmanagerTarget[] = [];

  before(async () => {
    checkPrometheusConfig(ALERTING, { onAlertmanagerTarget: (t) => ours.push(t) });
    prom = await startPrometheus({ topLevelYaml: ALERTING });
    // The notifier takes its discovered Alertmanagers up within seconds.
    for (let i = 0; i < 300; i++) {
      const body = (await (await fetch(`${prom.url}/api/v1/alertmanagers`)).json()) as { data: { activeAlertmanagers: Array<{ url: string }>; droppedAlertmanagers: Array<{ url: string }> } };
      theirs = { active: body.data.activeAlertmanagers.map((a) => a.url).sort(), dropped: body.data.droppedAlertmanagers.map((a) => a.url).sort() };
      if (theirs.active.length + theirs.dropped.length >= ours.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  after(async () => prom?.stop());

  it('we see every target', () => assert.equal(ours.length, 6));

  it('the URLs alerts are posted to', () => {
    const urls = ours.flatMap((t) => ('url' in t.result ? [t.result.url] : [])).sort();
    assert.deepEqual(urls, theirs.active);
    assert.ok(urls.includes('https://127.0.0.1:19094/am/api/v2/alerts'), urls.join(' '));
  });

  it('the dropped ones', () => {
    const dropped = ours.filter((t) => 'dropped' in t.result).map((t) => t.target).sort();
    assert.deepEqual(dropped, ['127.0.0.3:9095']);
    assert.equal(theirs.dropped.length, 1, theirs.dropped.join(' '));
    assert.ok(theirs.dropped[0].includes('127.0.0.3:9095'), theirs.dropped[0]);
  });
});
